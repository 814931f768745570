-- V3: device events (issue 5). Each event is stored once: (device_id, seq) is the device's event
-- sequence. event_cursors holds, per device, the highest number up to which every event is stored
-- or was dropped by the agent (floor): the hub acknowledges it.
CREATE TABLE device_events (
  device_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  workload TEXT,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
);

CREATE TABLE event_cursors (
  device_id TEXT PRIMARY KEY,
  contiguous BIGINT NOT NULL,
  floor BIGINT NOT NULL
);
