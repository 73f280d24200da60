-- Migration 9: a claim's role in a statement of change (change, from, to, level; null
-- when it states no change; docs/data-dictionary.md). Claims loaded before have none
-- until their documents are extracted again (`indicators run --full-refresh`).
ALTER TABLE claims ADD COLUMN IF NOT EXISTS role VARCHAR;
