-- On PostgreSQL a fan-out running while a subscription was deleted could write deliveries for it after the deletion
-- had removed the others: pending for ever, never sent, and keeping their events from the retention job. The fan-out
-- now takes a share lock on the subscriptions (Webhooks/WebhookFanOut); the ones left behind go here.
DELETE FROM webhook_deliveries WHERE subscription_id NOT IN (SELECT id FROM webhook_subscriptions);
