-- V5: named volumes (decision 0012). The images live under <data-dir>/volumes; this table keeps
-- when a desired workload last named each, so that an unnamed volume is deleted only after the
-- retention time (--volume-retention-days), also across agent restarts.
CREATE TABLE volume (
  name TEXT PRIMARY KEY,
  first_seen_at TEXT NOT NULL,
  last_wanted_at TEXT NOT NULL
);
