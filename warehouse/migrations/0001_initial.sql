-- Migration 1: the first schema (documents, claims, runs, quarantine).
-- Column meanings: docs/data-dictionary.md (generated from schemas/).

CREATE TABLE IF NOT EXISTS runs (
    run_id            VARCHAR PRIMARY KEY,
    flow_run_id       VARCHAR,
    code_version      VARCHAR NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    status            VARCHAR NOT NULL,
    sources           VARCHAR NOT NULL,
    documents_seen    BIGINT NOT NULL,
    documents_loaded  BIGINT NOT NULL,
    documents_skipped BIGINT NOT NULL,
    documents_failed  BIGINT NOT NULL,
    claims_loaded     BIGINT NOT NULL,
    rows_quarantined  BIGINT NOT NULL,
    stage_seconds     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    source    VARCHAR PRIMARY KEY,
    doc_id    VARCHAR,
    path      VARCHAR,
    status    VARCHAR NOT NULL,
    reason    VARCHAR,
    lang      VARCHAR,
    encoding  VARCHAR,
    title     VARCHAR,
    published DATE,
    n_bytes   BIGINT NOT NULL,
    n_chars   BIGINT,
    text      VARCHAR,
    run_id    VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS claims (
    claim_id   VARCHAR PRIMARY KEY,
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

CREATE TABLE IF NOT EXISTS quarantine (
    run_id         VARCHAR NOT NULL,
    stage          VARCHAR NOT NULL,
    row_key        VARCHAR,
    source         VARCHAR,
    "check"        VARCHAR NOT NULL,
    "column"       VARCHAR NOT NULL,
    value          VARCHAR,
    "row"          VARCHAR NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL
);
