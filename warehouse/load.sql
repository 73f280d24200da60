-- Replace what this run read: the rows of its sources, then the new ones.
-- Runs inside one transaction (warehouse/store.py), so readers never see half a load.
-- Each document and claim once: checked on the run's rows, not by a key index that
-- would hold the whole warehouse in memory (migrations/0005_unkeyed_facts.sql).
SELECT error('cannot load: source ' || source || ' is staged twice') FROM new_documents
GROUP BY source HAVING count(*) > 1 LIMIT 1;
SELECT error('cannot load: claim_id ' || claim_id || ' is staged twice') FROM new_claims
GROUP BY claim_id HAVING count(*) > 1 LIMIT 1;
DELETE FROM claims WHERE source IN (SELECT source FROM new_documents)
                      OR doc_id IN (SELECT doc_id FROM new_claims);
DELETE FROM documents WHERE source IN (SELECT source FROM new_documents);
INSERT INTO documents BY NAME SELECT * FROM new_documents;
INSERT INTO claims BY NAME SELECT * FROM new_claims;
INSERT INTO quarantine BY NAME SELECT * FROM new_quarantine;
