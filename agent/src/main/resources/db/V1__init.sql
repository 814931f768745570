-- V1: the agent's local state. The desired document is the source of truth on the device.
CREATE TABLE desired_document (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  revision   INTEGER NOT NULL,
  document   BLOB    NOT NULL,
  stored_at  TEXT    NOT NULL
);

CREATE TABLE last_known_good (
  workload     TEXT PRIMARY KEY,
  revision     INTEGER NOT NULL,
  spec_hash    TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL
);

CREATE TABLE workload_observation (
  workload         TEXT PRIMARY KEY,
  restarts         INTEGER NOT NULL DEFAULT 0,
  backoff_streak   INTEGER NOT NULL DEFAULT 0,
  last_started_at  TEXT,
  last_exit_code   INTEGER,
  last_exit_at     TEXT,
  image_digest     TEXT
);

CREATE TABLE outbox (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,
  payload     BLOB NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE event_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  workload  TEXT,
  kind      TEXT NOT NULL,
  message   TEXT NOT NULL
);

CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);
