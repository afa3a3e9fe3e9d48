-- Portable schema for SQLite and PostgreSQL. Ids are UUID text, money is BIGINT cents, timestamps are fixed-width
-- UTC text (see Timestamps.cs), dates are YYYY-MM-DD text, {BLOB} is BLOB on SQLite and BYTEA on PostgreSQL.

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    legal_name TEXT NOT NULL,
    legal_number TEXT,
    legal_form TEXT,
    legal_sector TEXT,
    legal_registration_date TEXT,
    legal_country TEXT NOT NULL,
    legal_share_capital_cents BIGINT,
    locale TEXT NOT NULL,
    vat_number TEXT,
    address_line_1 TEXT,
    address_line_2 TEXT,
    address_zipcode TEXT,
    address_city TEXT,
    address_country TEXT,
    commercial_register_number TEXT,
    company_leadership TEXT,
    transaction_type TEXT,
    vat_payment_condition TEXT,
    discount_conditions TEXT,
    late_payment_penalties TEXT,
    legal_fixed_compensation TEXT,
    contact_email TEXT,
    invoice_number_pattern TEXT NOT NULL,
    automatic_numbering BOOLEAN NOT NULL,
    contract_signed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE bank_accounts (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    iban TEXT NOT NULL UNIQUE,
    bic TEXT NOT NULL,
    currency TEXT NOT NULL,
    balance_cents BIGINT NOT NULL,
    authorized_balance_cents BIGINT NOT NULL,
    status TEXT NOT NULL,
    main BOOLEAN NOT NULL,
    is_external_account BOOLEAN NOT NULL,
    account_number TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX bank_accounts_organization ON bank_accounts (organization_id);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    secret_hash TEXT NOT NULL UNIQUE,
    label TEXT,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE access_tokens (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    label TEXT,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    revoked_at TEXT
);

CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    kind TEXT NOT NULL,
    name TEXT,
    first_name TEXT,
    last_name TEXT,
    search_name TEXT NOT NULL,
    email TEXT,
    email_key TEXT,
    extra_emails TEXT NOT NULL,
    phone TEXT,
    vat_number TEXT,
    vat_number_key TEXT,
    tax_identification_number TEXT,
    tax_identification_number_key TEXT,
    billing_street_address TEXT,
    billing_city TEXT,
    billing_zip_code TEXT,
    billing_province_code TEXT,
    billing_country_code TEXT,
    delivery_address TEXT,
    currency TEXT,
    locale TEXT,
    e_invoicing_address TEXT,
    recipient_code TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clients_organization_name ON clients (organization_id, search_name);
CREATE INDEX clients_organization_email ON clients (organization_id, email_key);
CREATE INDEX clients_organization_updated ON clients (organization_id, updated_at);

CREATE TABLE client_invoices (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    client_id TEXT NOT NULL REFERENCES clients (id),
    status TEXT NOT NULL,
    number TEXT,
    body TEXT NOT NULL,
    rendered TEXT NOT NULL,
    total_amount_cents BIGINT NOT NULL,
    vat_amount_cents BIGINT NOT NULL,
    issue_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    attachment_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finalized_at TEXT,
    paid_at TEXT,
    canceled_at TEXT
);
CREATE UNIQUE INDEX client_invoices_number ON client_invoices (organization_id, number);
CREATE INDEX client_invoices_organization_updated ON client_invoices (organization_id, updated_at, id);
CREATE INDEX client_invoices_organization_created ON client_invoices (organization_id, created_at, id);
CREATE INDEX client_invoices_client ON client_invoices (client_id);

CREATE TABLE number_sequences (
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    series TEXT NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (organization_id, series)
);

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content {BLOB} NOT NULL,
    invoice_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One rendered document per invoice, ever: a retried or duplicated job updates it instead of adding a second.
CREATE UNIQUE INDEX attachments_invoice ON attachments (invoice_id);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    run_after TEXT NOT NULL,
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX jobs_ready ON jobs (status, run_after);

CREATE TABLE idempotency_keys (
    organization_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_path TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response_body {BLOB},
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, idempotency_key)
);

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
