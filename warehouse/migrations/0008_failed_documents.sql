-- Migration 8: a document whose decoding, description or extraction raised an error
-- fails alone (status `failed`), with the error recorded; a run counts them.
ALTER TABLE documents ADD COLUMN error_stage VARCHAR;
ALTER TABLE documents ADD COLUMN error_type VARCHAR;
ALTER TABLE documents ADD COLUMN error_message VARCHAR;
ALTER TABLE documents ADD COLUMN error_location VARCHAR;
ALTER TABLE runs ADD COLUMN documents_errored BIGINT NOT NULL DEFAULT 0;
