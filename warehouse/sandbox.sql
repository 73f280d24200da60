-- The connection a query runs on (warehouse/sandbox.py) may read the export's tables and
-- nothing else, and may not change that: no files, no extensions, no settings.
SET enable_external_access = false;
SET lock_configuration = true;
