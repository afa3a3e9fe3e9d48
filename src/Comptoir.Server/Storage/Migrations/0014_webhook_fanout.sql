-- The outbox proper: a write that records an event adds its id here, in its own transaction, and nothing more; the
-- webhook dispatcher turns each into one delivery per subscription, many events in one statement, out of the write's
-- way (Webhooks/WebhookFanOut).
CREATE TABLE webhook_fanout (
    event_id TEXT PRIMARY KEY REFERENCES webhook_events (id)
);

-- The dispatcher looks for due deliveries subscription by subscription (WebhookDeliveryStore.ClaimAsync): a backlog
-- of a subscription already sending all it may is never scanned to find another's due rows.
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (subscription_id, status, next_attempt_at, event_id);
