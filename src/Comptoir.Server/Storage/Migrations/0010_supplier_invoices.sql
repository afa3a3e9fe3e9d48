-- Supplier invoices: a file (an attachment) received from a supplier, its data once analysed, and its review and
-- payment status. The data columns stay NULL until the analysis job has read the file.
CREATE TABLE supplier_invoices (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    idempotency_key TEXT NOT NULL,
    attachment_id TEXT NOT NULL REFERENCES attachments (id),
    file_name TEXT NOT NULL,
    file_name_search TEXT NOT NULL,
    status TEXT NOT NULL,
    status_before_paid TEXT,
    source TEXT NOT NULL,
    source_type TEXT NOT NULL,
    meta TEXT NOT NULL,
    invoice_number TEXT,
    invoice_number_search TEXT,
    supplier_name TEXT,
    supplier_name_search TEXT,
    vat_number TEXT,
    tin TEXT,
    description TEXT,
    currency TEXT,
    total_amount_cents BIGINT,
    total_amount_excluding_taxes_cents BIGINT,
    total_tax_amount_cents BIGINT,
    payable_amount_cents BIGINT,
    taxes TEXT,
    issue_date TEXT,
    due_date TEXT,
    payment_date TEXT,
    scheduled_date TEXT,
    iban TEXT,
    is_einvoice BOOLEAN NOT NULL,
    e_invoice_type TEXT,
    is_credit_note BOOLEAN NOT NULL,
    has_duplicates BOOLEAN NOT NULL,
    discrepancies TEXT,
    analyzed_at TEXT,
    declined_note TEXT,
    declined_reason_code TEXT,
    initiator_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- One supplier invoice per upload key, whatever happens to the process between a request and its retry.
CREATE UNIQUE INDEX supplier_invoices_idempotency ON supplier_invoices (organization_id, idempotency_key);
-- Incremental syncs read by updated_at; the default list order is created_at.
CREATE INDEX supplier_invoices_organization_updated ON supplier_invoices (organization_id, updated_at, id);
CREATE INDEX supplier_invoices_organization_created ON supplier_invoices (organization_id, created_at, id);
CREATE INDEX supplier_invoices_attachment ON supplier_invoices (attachment_id);
-- Duplicate detection: the same supplier's invoice number.
CREATE INDEX supplier_invoices_number ON supplier_invoices (organization_id, invoice_number);
