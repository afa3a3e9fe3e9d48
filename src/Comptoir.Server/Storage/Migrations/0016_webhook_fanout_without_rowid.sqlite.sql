-- The fan-out queue keyed by its event id alone: one B-tree a write adds to instead of a table and its key's index
-- (PostgreSQL's heap and index stay as they are). Nothing refers to this table.
CREATE TABLE webhook_fanout_keyed (
    event_id TEXT PRIMARY KEY REFERENCES webhook_events (id)
) WITHOUT ROWID;
INSERT INTO webhook_fanout_keyed (event_id) SELECT event_id FROM webhook_fanout;
DROP TABLE webhook_fanout;
ALTER TABLE webhook_fanout_keyed RENAME TO webhook_fanout;
