-- Who initiated a transfer (the request's membership or credential), so every read says the same.
ALTER TABLE transfers ADD COLUMN initiator_id TEXT;
-- How the payee was checked: the verification's match result, or SKIPPED for a token from skip_verify_payee.
ALTER TABLE transfers ADD COLUMN payee_verification TEXT;

CREATE TABLE internal_transfers (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    idempotency_key TEXT NOT NULL,
    debit_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
    credit_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    reference TEXT NOT NULL,
    status TEXT NOT NULL,
    debit_transaction_id TEXT NOT NULL,
    credit_transaction_id TEXT NOT NULL,
    initiator_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One internal transfer per idempotency key, whatever happens to the process between a request and its retry.
CREATE UNIQUE INDEX internal_transfers_idempotency ON internal_transfers (organization_id, idempotency_key);
CREATE INDEX internal_transfers_organization ON internal_transfers (organization_id, created_at, id);
-- Incremental syncs of transfers read by updated_at.
CREATE INDEX transfers_organization_updated ON transfers (organization_id, updated_at, id);
