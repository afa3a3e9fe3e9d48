-- One row the readiness probe (GET /readyz) rewrites: a write that goes through the same path as every other write
-- and commits, so a database that accepts no writes is seen before a client's request meets it.
CREATE TABLE storage_probe (id INTEGER PRIMARY KEY CHECK (id = 1), probed_at TEXT NOT NULL);
INSERT INTO storage_probe (id, probed_at) VALUES (1, '1970-01-01T00:00:00Z');
