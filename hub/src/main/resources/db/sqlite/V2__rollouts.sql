-- V2: who applied each revision, and rollouts. One row per deployment for its newest rollout, the devices it has reached (wave
-- membership is stored when a wave starts, so it is stable across hub restarts) and an event log.
CREATE TABLE rollouts (
  name TEXT PRIMARY KEY,
  revision BIGINT NOT NULL,
  stable_revision BIGINT NOT NULL,
  state TEXT NOT NULL,
  wave INTEGER NOT NULL,
  wave_started_at TEXT NOT NULL,
  settled_since TEXT,
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  message TEXT
);

CREATE TABLE rollout_devices (
  name TEXT NOT NULL,
  device_id TEXT NOT NULL,
  revision BIGINT NOT NULL,
  wave INTEGER NOT NULL,
  assigned_at TEXT NOT NULL,
  status TEXT NOT NULL,
  since TEXT NOT NULL,
  message TEXT,
  PRIMARY KEY (name, device_id)
);

CREATE TABLE rollout_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  revision BIGINT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL
);

CREATE INDEX rollout_events_by_name ON rollout_events (name, id);

ALTER TABLE deployment_revisions ADD COLUMN applied_by TEXT;
