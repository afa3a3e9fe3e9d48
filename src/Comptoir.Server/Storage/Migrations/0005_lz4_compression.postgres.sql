-- Large values are compressed with LZ4 instead of PostgreSQL's default pglz: pglz_compress was a tenth of
-- PostgreSQL's CPU under POST /v2/client_invoices (each invoice carries about 9 KB of content and rendered JSON), and
-- every stored PDF went through it too. Applies to values written from now on; older ones stay readable as they are.
-- A server built without LZ4 keeps pglz (the statement fails with feature_not_supported, which is ignored).
DO $$
BEGIN
    ALTER TABLE client_invoices ALTER COLUMN body SET COMPRESSION lz4, ALTER COLUMN rendered SET COMPRESSION lz4;
    ALTER TABLE attachments ALTER COLUMN content SET COMPRESSION lz4;
    ALTER TABLE idempotency_keys ALTER COLUMN response_body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'LZ4 is not available on this server; large values stay compressed with pglz';
END
$$;
