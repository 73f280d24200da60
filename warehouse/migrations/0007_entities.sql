-- Migration 7: each claim's entity as a code and a type of the `entities` codelist
-- (transforms/gazetteer.py), and the extractor version that read each document.
-- Rows loaded before have none: their documents count as changed on the next run
-- (transforms/changes.py), which extracts them again.
ALTER TABLE claims ADD COLUMN IF NOT EXISTS entity_code VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS entity_type VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS extractor VARCHAR;
