-- SEPA payments: beneficiaries, the payee directory, Verification of Payee, transfers, SCA sessions, the ledger.

CREATE TABLE beneficiaries (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    iban TEXT NOT NULL,
    bic TEXT,
    email TEXT,
    activity_tag TEXT,
    status TEXT NOT NULL,
    trusted BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX beneficiaries_organization ON beneficiaries (organization_id, updated_at);

-- Account holders outside this server that Verification of Payee can answer for, and banks marked unreachable.
CREATE TABLE external_payees (
    iban TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE payee_banks (
    bank_key TEXT PRIMARY KEY,
    availability TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per verified (IBAN, name); a proof token names its rows by nonce (one for a single check, many for bulk).
CREATE TABLE payee_verifications (
    id TEXT PRIMARY KEY,
    token_nonce TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    iban TEXT NOT NULL,
    name_key TEXT NOT NULL,
    result TEXT NOT NULL,
    used BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX payee_verifications_nonce ON payee_verifications (token_nonce);
CREATE INDEX payee_verifications_organization ON payee_verifications (organization_id, created_at);

CREATE TABLE transfers (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    bank_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
    beneficiary_id TEXT NOT NULL REFERENCES beneficiaries (id),
    idempotency_key TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    instant BOOLEAN NOT NULL,
    reference TEXT NOT NULL,
    note TEXT,
    scheduled_date TEXT NOT NULL,
    attachment_ids TEXT NOT NULL,
    transaction_id TEXT,
    declined_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    processed_at TEXT,
    completed_at TEXT
);
-- One transfer per idempotency key, enforced by the database itself: a retried request can never pay twice.
CREATE UNIQUE INDEX transfers_idempotency ON transfers (organization_id, idempotency_key);
CREATE INDEX transfers_organization ON transfers (organization_id, created_at, id);
CREATE INDEX transfers_instant ON transfers (organization_id, instant, created_at);

CREATE TABLE sca_sessions (
    token TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE transactions (
    id TEXT PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    bank_account_id TEXT NOT NULL REFERENCES bank_accounts (id),
    amount_cents BIGINT NOT NULL,
    side TEXT NOT NULL,
    operation_type TEXT NOT NULL,
    status TEXT NOT NULL,
    label TEXT NOT NULL,
    reference TEXT,
    note TEXT,
    counterparty_name TEXT,
    counterparty_iban TEXT,
    counterparty_bic TEXT,
    transfer_id TEXT,
    settled_balance_cents BIGINT,
    emitted_at TEXT NOT NULL,
    settled_at TEXT,
    booked_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- booked_at is settled_at once settled, emitted_at before: the default order, kept indexable.
CREATE INDEX transactions_account_booked ON transactions (bank_account_id, booked_at, id);
CREATE INDEX transactions_account_updated ON transactions (bank_account_id, updated_at, id);

CREATE TABLE transaction_attachments (
    transaction_id TEXT NOT NULL REFERENCES transactions (id),
    attachment_id TEXT NOT NULL REFERENCES attachments (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (transaction_id, attachment_id)
);
