-- PostgreSQL schema of the hub. Same columns as db/sqlite/V1 so that one set of statements
-- (SqlRows) serves both: JSON and fixed-width ISO-8601 instants as TEXT, BIGINT counters.
-- COLLATE "C": ORDER BY id and id > ? compare bytes, as SQLite and Java do, so paging by id gives
-- the same order on both stores whatever the database's locale.
CREATE TABLE devices (
  id TEXT COLLATE "C" PRIMARY KEY,
  reported_labels TEXT NOT NULL,
  operator_labels TEXT NOT NULL,
  online BOOLEAN NOT NULL,
  last_seen TEXT,
  agent_version TEXT,
  applied_revision BIGINT NOT NULL,
  report_seq BIGINT NOT NULL,
  presence_epoch BIGINT NOT NULL,
  last_report TEXT
);

CREATE TABLE deployments (
  name TEXT COLLATE "C" PRIMARY KEY,
  revision BIGINT NOT NULL,
  spec TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT NOT NULL
);

-- Kept when a deployment is deleted, so that a re-created one continues its revision numbers.
CREATE TABLE deployment_revisions (
  name TEXT COLLATE "C" NOT NULL,
  revision BIGINT NOT NULL,
  spec TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (name, revision)
);

CREATE TABLE device_desired (
  device_id TEXT COLLATE "C" PRIMARY KEY REFERENCES devices(id),
  revision BIGINT NOT NULL,
  content_hash TEXT NOT NULL,
  document TEXT NOT NULL,
  issued_at TEXT NOT NULL
);
