-- An event's data of some size is kept as its Brotli bytes here, and payload is then empty: the same data as the
-- Base64 text payload held ("br:..."), a quarter smaller. Rows written before keep their payload and no data.
ALTER TABLE webhook_events ADD COLUMN data {BLOB};
-- Every index a write adds to costs SQLite's writer a page per commit. Event ids are UUIDv7 made from the event's
-- time, so the retention job reads the oldest events in id order, and the index on created_at goes
-- (Webhooks/WebhookEventPurge).
DROP INDEX webhook_events_created;
