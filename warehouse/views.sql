-- The tidy dataset: what analysts query, chart and pivot.

-- One row per observation, in long form, with its provenance.
CREATE OR REPLACE VIEW indicators AS
SELECT
    c.entity,
    c.entity_code,
    c.entity_type,
    c.indicator,
    c.indicator_code,
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

-- The same claim (entity, indicator, unit, value, year, modality) reported by
-- several documents, grouped; `conflicting` flags an entity, indicator and year
-- (a year must be stated) for which the documents give different values.
CREATE OR REPLACE VIEW claim_sources AS
WITH claims_ AS (
    SELECT entity, indicator, unit, year, modality, round(value, 6) AS value, source
    FROM claims
    WHERE entity IS NOT NULL AND indicator IS NOT NULL
),
grouped AS (
    SELECT entity, indicator, unit, year, modality, value,
           count(DISTINCT source) AS n_sources,
           list(DISTINCT source ORDER BY source) AS sources
    FROM claims_
    GROUP BY ALL
),
spread AS (
    SELECT entity, indicator, unit, year, modality, count(*) AS n_values
    FROM grouped
    GROUP BY ALL
)
SELECT g.*, s.n_values, s.n_values > 1 AND g.year IS NOT NULL AS conflicting
FROM grouped AS g
JOIN spread AS s
  ON g.entity = s.entity AND g.indicator = s.indicator AND g.unit = s.unit
 AND g.year IS NOT DISTINCT FROM s.year AND g.modality = s.modality;
