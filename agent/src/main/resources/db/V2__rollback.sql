-- V2: local rollback. The last-known-good row keeps the whole desired workload (JSON), so the
-- agent can run it again without the hub; rows written by V1 have none and cannot be rolled
-- back to until the workload is next ready.
ALTER TABLE last_known_good ADD COLUMN desired_json TEXT;

-- The update of a workload on probation: one row per workload, for the spec it is trying now.
-- started_at survives agent restarts, so a restart does not reset the progress deadline;
-- failed_at is set when the agent gave up on this spec and went back to the last-known-good.
CREATE TABLE rollout_attempt (
  workload    TEXT PRIMARY KEY,
  spec_hash   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  started_at  TEXT    NOT NULL,
  failed_at   TEXT,
  failure     TEXT
);
