-- Memberships (who acts: every API key and access token belongs to one), labels and their use on transactions,
-- and what the wire needs beside: a searchable beneficiary name, a transaction's cash-flow category.
-- The two engines differ only in how a new id is drawn for the owner membership of each existing organization.

CREATE TABLE memberships (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    residence_country TEXT,
    birthdate TEXT,
    nationality TEXT,
    birth_country TEXT,
    ubo BOOLEAN,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX memberships_organization ON memberships (organization_id, created_at, id);

ALTER TABLE api_keys ADD COLUMN membership_id TEXT REFERENCES memberships (id);
ALTER TABLE access_tokens ADD COLUMN membership_id TEXT REFERENCES memberships (id);

CREATE TABLE labels (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    parent_id TEXT REFERENCES labels (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX labels_organization ON labels (organization_id, name, id);

CREATE TABLE transaction_labels (
    transaction_id TEXT NOT NULL REFERENCES transactions (id),
    label_id TEXT NOT NULL REFERENCES labels (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (transaction_id, label_id)
);
CREATE INDEX transaction_labels_label ON transaction_labels (label_id);

ALTER TABLE transactions ADD COLUMN cashflow_category TEXT;
CREATE INDEX transactions_account_created ON transactions (bank_account_id, created_at, id);

-- Beneficiaries are searched by name like clients: a folded copy (lower case, no accents; SearchText.Fold for new
-- rows). Existing names are folded here for the accents French names carry.
ALTER TABLE beneficiaries ADD COLUMN search_name TEXT;
UPDATE beneficiaries SET search_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(name), 'À', 'a'), 'Â', 'a'), 'Ä', 'a'), 'Ç', 'c'), 'É', 'e'), 'È', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'Î', 'i'), 'Ï', 'i'), 'Ô', 'o'), 'Ö', 'o'), 'Ù', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ÿ', 'y'), 'Œ', 'oe'), 'Æ', 'ae'), 'à', 'a'), 'â', 'a'), 'ä', 'a'), 'á', 'a'), 'ç', 'c'), 'é', 'e'), 'è', 'e'), 'ê', 'e'), 'ë', 'e'), 'î', 'i'), 'ï', 'i'), 'í', 'i'), 'ô', 'o'), 'ö', 'o'), 'ó', 'o'), 'ù', 'u'), 'û', 'u'), 'ü', 'u'), 'ú', 'u'), 'ÿ', 'y'), 'ñ', 'n'), 'œ', 'oe'), 'æ', 'ae'), 'ß', 'ss'), '’', '''');
CREATE INDEX beneficiaries_organization_name ON beneficiaries (organization_id, search_name);

-- Every organization gets its owner membership; the credentials it already has act as that owner.
INSERT INTO memberships (id, organization_id, first_name, last_name, email, role, status, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))), o.id, 'Owner', o.legal_name, o.contact_email, 'owner', 'active', o.created_at, o.created_at FROM organizations o;
UPDATE api_keys SET membership_id = (SELECT m.id FROM memberships m WHERE m.organization_id = api_keys.organization_id AND m.role = 'owner');
UPDATE access_tokens SET membership_id = (SELECT m.id FROM memberships m WHERE m.organization_id = access_tokens.organization_id AND m.role = 'owner');

-- A beneficiary's BIC is never null: that of an account held here at the same bank (country and the first four BBAN
-- characters, as PayeeDirectory.BankKey), else the SEPA placeholder NOTPROVIDED.
UPDATE beneficiaries SET bic = (SELECT a.bic FROM bank_accounts a WHERE substr(a.iban, 1, 2) || substr(a.iban, 5, 4) = substr(beneficiaries.iban, 1, 2) || substr(beneficiaries.iban, 5, 4) ORDER BY a.created_at LIMIT 1) WHERE bic IS NULL;
UPDATE beneficiaries SET bic = 'NOTPROVIDED' WHERE bic IS NULL;
