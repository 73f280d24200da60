-- Migration 3: documents fetched from the web keep their URL, fetch time and HTTP status.
ALTER TABLE documents ADD COLUMN url VARCHAR;
ALTER TABLE documents ADD COLUMN fetched_at TIMESTAMPTZ;
ALTER TABLE documents ADD COLUMN http_status INTEGER;
