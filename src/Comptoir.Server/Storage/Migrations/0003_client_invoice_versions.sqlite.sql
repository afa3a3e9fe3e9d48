-- A counter per organization that every change to its client invoices moves, in the same transaction, whoever
-- makes the change (API, worker, admin): a cached list page is served only while the counter has not moved.
CREATE TABLE client_invoice_versions (
    organization_id TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE TRIGGER client_invoices_version_insert AFTER INSERT ON client_invoices
BEGIN
    INSERT INTO client_invoice_versions (organization_id, version) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER client_invoices_version_update AFTER UPDATE ON client_invoices
BEGIN
    INSERT INTO client_invoice_versions (organization_id, version) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET version = version + 1;
    INSERT INTO client_invoice_versions (organization_id, version) SELECT OLD.organization_id, 1 WHERE OLD.organization_id <> NEW.organization_id
    ON CONFLICT (organization_id) DO UPDATE SET version = version + 1;
END;

CREATE TRIGGER client_invoices_version_delete AFTER DELETE ON client_invoices
BEGIN
    INSERT INTO client_invoice_versions (organization_id, version) VALUES (OLD.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET version = version + 1;
END;
