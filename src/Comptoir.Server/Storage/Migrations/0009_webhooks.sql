-- Webhooks: subscriptions, the events written in the transaction of the change they report (a transactional outbox),
-- and one delivery per event and subscription, claimed with a lease by the dispatchers of every serve process.

CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    membership_id TEXT,
    callback_url TEXT NOT NULL,
    types TEXT NOT NULL,
    description TEXT,
    -- Kept as given: the server signs every delivery with it (docs/decisions/0018-webhooks.md).
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX webhook_subscriptions_organization ON webhook_subscriptions (organization_id, created_at, id);

-- What a write looks up in its own transaction: is anyone subscribed to this type in this organization?
CREATE TABLE webhook_subscription_types (
    organization_id TEXT NOT NULL,
    type TEXT NOT NULL,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, type, subscription_id)
);
CREATE INDEX webhook_subscription_types_subscription ON webhook_subscription_types (subscription_id);

CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT NOT NULL,
    -- The "data" object of the delivered body: {"event": ..., the resource's fields as the API renders them}.
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- No foreign key to the subscription: a subscription deleted while a write commits must never fail that write.
-- Deleting a subscription deletes its deliveries; the dispatcher skips any it no longer finds.
CREATE TABLE webhook_deliveries (
    event_id TEXT NOT NULL REFERENCES webhook_events (id),
    subscription_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    retry_from TEXT NOT NULL,
    locked_by TEXT,
    locked_until TEXT,
    last_attempt_at TEXT,
    last_status_code INTEGER,
    last_error TEXT,
    delivered_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, subscription_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, event_id);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at, event_id);
