-- Migration 5: claims and documents without primary keys. DuckDB keeps a key's index
-- in memory to commit a load, so the index of claim_id grew with the warehouse: at
-- 3.3 million claims (a 1 GB archive) a load needed more than 256 MB for it alone, and
-- a larger warehouse would not load under the writer's memory limit at all. The load
-- checks that what it adds is unique instead (warehouse/load.sql), in memory the size
-- of the run; it replaces every row of the sources it loads, so rows already held
-- cannot collide with it. Columns as before (docs/data-dictionary.md).
CREATE TABLE claims_unkeyed (
    claim_id   VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    lang       VARCHAR NOT NULL,
    sentence   VARCHAR NOT NULL,
    span_start BIGINT NOT NULL,
    span_end   BIGINT NOT NULL,
    surface    VARCHAR NOT NULL,
    value      DOUBLE NOT NULL,
    value_high DOUBLE,
    unit       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    item       VARCHAR,
    qualifier  VARCHAR,
    direction  VARCHAR,
    year       BIGINT,
    modality   VARCHAR NOT NULL,
    entity     VARCHAR,
    indicator  VARCHAR,
    run_id     VARCHAR NOT NULL
);
INSERT INTO claims_unkeyed BY NAME SELECT * FROM claims;
DROP TABLE claims;
ALTER TABLE claims_unkeyed RENAME TO claims;

CREATE TABLE documents_unkeyed (
    source      VARCHAR NOT NULL,
    doc_id      VARCHAR,
    path        VARCHAR,
    status      VARCHAR NOT NULL,
    reason      VARCHAR,
    lang        VARCHAR,
    encoding    VARCHAR,
    title       VARCHAR,
    published   DATE,
    n_bytes     BIGINT NOT NULL,
    n_chars     BIGINT,
    text        VARCHAR,
    run_id      VARCHAR NOT NULL,
    url         VARCHAR,
    fetched_at  TIMESTAMPTZ,
    http_status INTEGER
);
INSERT INTO documents_unkeyed BY NAME SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_unkeyed RENAME TO documents;
