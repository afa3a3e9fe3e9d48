-- A counter per organization that every change to its client invoices moves, in the same transaction, whoever
-- makes the change (API, worker, admin): a cached list page is served only while the counter has not moved.
-- The trigger is deferred to commit so the counter's row lock is held for the commit alone, not the transaction.
CREATE TABLE client_invoice_versions (
    organization_id TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE FUNCTION comptoir_client_invoice_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO client_invoice_versions AS v (organization_id, version) VALUES (OLD.organization_id, 1)
        ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.organization_id <> NEW.organization_id) THEN
        INSERT INTO client_invoice_versions AS v (organization_id, version) VALUES (NEW.organization_id, 1)
        ON CONFLICT (organization_id) DO UPDATE SET version = v.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER client_invoices_version AFTER INSERT OR UPDATE OR DELETE ON client_invoices
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION comptoir_client_invoice_changed();
