-- V3: the event sequence (issue 5). An event waits in the outbox until the hub acknowledges it,
-- not merely the broker; event_seq is its number in the device's event sequence (1, 2, 3, ...
-- without gaps), null for reports, which use the outbox seq and coalesce.
ALTER TABLE outbox ADD COLUMN event_seq INTEGER;

CREATE UNIQUE INDEX outbox_by_event_seq ON outbox (event_seq);
