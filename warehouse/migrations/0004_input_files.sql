-- Migration 4: the files each run read, with their size and modification time then
-- (columns: docs/data-dictionary.md). A file that still has both, and whose documents
-- the warehouse still holds, is not read again by the next run.
CREATE TABLE IF NOT EXISTS input_files (
    path        VARCHAR PRIMARY KEY,
    bytes       BIGINT NOT NULL,
    modified_ns BIGINT NOT NULL,
    documents   BIGINT NOT NULL,
    run_id      VARCHAR NOT NULL
);
