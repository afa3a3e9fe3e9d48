-- Supplier invoices: the transfers that pay them, the transactions whose receipt is the same file (the attachment
-- matcher), and whether the upload asked to skip that matcher.
-- transfer_ids and matched_transactions are JSON arrays of ids, in the order they were linked.
ALTER TABLE supplier_invoices ADD COLUMN transfer_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE supplier_invoices ADD COLUMN matched_transactions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE supplier_invoices ADD COLUMN skip_attachment_matcher BOOLEAN NOT NULL DEFAULT FALSE;
-- The matcher looks an uploaded file's content hash up among the organization's other attachments.
CREATE INDEX attachments_organization_sha256 ON attachments (organization_id, sha256);
