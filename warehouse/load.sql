-- Replace what this run read: the rows of its sources, then the new ones.
-- Runs inside one transaction (warehouse/store.py), so readers never see half a load.
DELETE FROM claims WHERE source IN (SELECT source FROM new_documents)
                      OR doc_id IN (SELECT doc_id FROM new_claims);
DELETE FROM documents WHERE source IN (SELECT source FROM new_documents);
INSERT INTO documents BY NAME SELECT * FROM new_documents;
INSERT INTO claims BY NAME SELECT * FROM new_claims;
INSERT INTO quarantine BY NAME SELECT * FROM new_quarantine;
