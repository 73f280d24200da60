-- Migration 2: incremental loads. A run records how many inputs were new,
-- changed or unchanged since the last run (unchanged ones are not reprocessed).
ALTER TABLE runs ADD COLUMN documents_new BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN documents_changed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN documents_unchanged BIGINT NOT NULL DEFAULT 0;
