-- The tidy dataset: what analysts query, chart and pivot.

-- One row per observation, in long form, with its provenance.
CREATE OR REPLACE VIEW indicators AS
SELECT
    c.entity,
    c.indicator,
    c.unit,
    c.kind,
    c.value,
    c.value_high,
    c.qualifier,
    c.direction,
    c.year,
    c.modality,
    c.item,
    c.lang,
    c.source,
    d.published,
    c.sentence,
    c.surface,
    c.claim_id,
    c.run_id
FROM claims AS c
LEFT JOIN documents AS d USING (source);
