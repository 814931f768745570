-- V6: signing-key rotation (issue 12, docs/security.md "Signing-key rotation"). signing_keys holds
-- the state of each document-signing key (the private halves stay in <data-dir>/pki): active (signs),
-- retiring (the old key during a rotation: signs for devices that have not yet pinned the new
-- key), retired (never used again). signing_key_devices holds, for the rotation in progress, the
-- first revision each device got that announced the new key, and when the device reported it.
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retire_by TEXT,
  retired_at TEXT
);

CREATE TABLE signing_key_devices (
  device_id TEXT PRIMARY KEY,
  since_revision BIGINT NOT NULL,
  acked_at TEXT
);
