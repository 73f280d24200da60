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
    c.role,
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

-- The same claim across documents: claims that agree in entity, indicator code, unit,
-- year and modality are one claim; each row is one value of it, with the documents
-- that give that value. A value is `conflicting` when a document that does not give
-- it gives another value of the same claim (a year must be stated): one article
-- never conflicts with itself, so a conflicting row always has n_documents > 1.
-- Claims with no entity, whose indicator code is `other`, or that are the size of a
-- change (role `change`) are left out.
CREATE OR REPLACE VIEW claim_sources AS
WITH claims_ AS (
    SELECT entity, indicator_code, unit, year, modality, round(value, 6) AS value,
           doc_id, source, claim_id
    FROM claims
    WHERE entity IS NOT NULL AND indicator_code <> 'other'
      AND role IS DISTINCT FROM 'change'
),
grouped AS (
    SELECT entity, indicator_code, unit, year, modality, value,
           count(DISTINCT doc_id) AS n_sources,
           list(DISTINCT source ORDER BY source) AS sources,
           list(DISTINCT doc_id ORDER BY doc_id) AS doc_ids,
           list(claim_id ORDER BY claim_id) AS claim_ids
    FROM claims_
    GROUP BY ALL
),
spread AS (
    SELECT entity, indicator_code, unit, year, modality,
           count(DISTINCT value) AS n_values, count(DISTINCT doc_id) AS n_documents
    FROM claims_
    GROUP BY ALL
)
SELECT g.entity, g.indicator_code, g.unit, g.year, g.modality, g.value, g.n_sources,
       g.sources, g.claim_ids, s.n_values, s.n_documents,
       g.year IS NOT NULL AND EXISTS (
           SELECT 1 FROM claims_ AS o
           WHERE o.entity = g.entity AND o.indicator_code = g.indicator_code
             AND o.unit = g.unit AND o.year = g.year AND o.modality = g.modality
             AND o.value <> g.value AND NOT list_contains(g.doc_ids, o.doc_id)
       ) AS conflicting
FROM grouped AS g
JOIN spread AS s
  ON g.entity = s.entity AND g.indicator_code = s.indicator_code AND g.unit = s.unit
 AND g.year IS NOT DISTINCT FROM s.year AND g.modality = s.modality;

-- The table to chart: one point per entity, indicator code, unit, year and modality,
-- with the median value its documents give, the lowest and highest, how many
-- documents give it and the claims behind it. Claims with no year or entity, or
-- whose indicator code is `other`, and sizes of changes (role `change`) are left out.
CREATE OR REPLACE VIEW series AS
SELECT entity, indicator_code, unit, year, modality,
       median(value) AS value, min(value) AS low, max(coalesce(value_high, value)) AS high,
       count(DISTINCT doc_id) AS n_sources,
       list(claim_id ORDER BY claim_id) AS claim_ids
FROM claims
WHERE entity IS NOT NULL AND year IS NOT NULL AND indicator_code <> 'other'
      AND role IS DISTINCT FROM 'change'
GROUP BY ALL;
