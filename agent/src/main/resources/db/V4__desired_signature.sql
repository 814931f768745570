-- V4: the desired document's signature (decision 0010), stored with its exact bytes so that the
-- agent can verify the stored document again at boot. NULL: stored unsigned (before V4, or by an
-- agent run with --insecure-unsigned-desired).
ALTER TABLE desired_document ADD COLUMN signature TEXT;
