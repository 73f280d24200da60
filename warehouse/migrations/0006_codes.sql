-- Migration 6: what a claim measures as a code of the indicator codelist (published as
-- the `indicator_codes` dataset; columns: docs/data-dictionary.md). Claims loaded
-- before have none: the next run extracts their documents again (the extractor's
-- version is part of what makes a document changed).
ALTER TABLE claims ADD COLUMN IF NOT EXISTS indicator_code VARCHAR;
