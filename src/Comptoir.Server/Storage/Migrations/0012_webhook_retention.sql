-- The retention job (Webhooks/WebhookRetentionJob) reads the oldest events first.
CREATE INDEX webhook_events_created ON webhook_events (created_at, id);
