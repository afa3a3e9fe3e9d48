-- Credit notes: each corrects one finalized client invoice, in full or in part, and is numbered in its own gapless
-- series (number_sequences, series "credit_notes:<year>"). body holds the lines as a client invoice's content;
-- credited says which invoice item each line credits, so what remains to be credited is read in the issuing
-- transaction, under the invoice's row lock. The two engines differ only in PostgreSQL's column compression.
CREATE TABLE credit_notes (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    invoice_id TEXT NOT NULL REFERENCES client_invoices (id),
    number TEXT NOT NULL,
    settlement TEXT NOT NULL,
    reason TEXT NOT NULL,
    body TEXT NOT NULL,
    credited TEXT NOT NULL,
    rendered TEXT NOT NULL,
    total_amount_cents BIGINT NOT NULL,
    vat_amount_cents BIGINT NOT NULL,
    issue_date TEXT NOT NULL,
    attachment_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX credit_notes_number ON credit_notes (organization_id, number);
CREATE INDEX credit_notes_organization_created ON credit_notes (organization_id, created_at, id);
CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id, created_at);
