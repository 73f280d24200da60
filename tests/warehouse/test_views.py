"""The views analysts query: claim_sources compares documents, series is the table to chart."""

import pytest

from warehouse.store import Warehouse

# (claim, document, value, year): Astana's recycled waste in 2025 as three articles give it.
CLAIMS = [
    ("a1", "doc-a", 36000.0, 2025),  # article A: 36,000 t/year
    ("b1", "doc-b", 40000.0, 2025),  # article B disagrees: 40,000
    ("c1", "doc-c", 36000.0, 2025),  # article C agrees with A ...
    ("c2", "doc-c", 10000.0, 2025),  # ... and names a second value of its own
    ("d1", "doc-d", 5000.0, 2026),  # article D repeats itself with two values for 2026
    ("d2", "doc-d", 7000.0, 2026),
]


@pytest.fixture
def con(tmp_path):
    store = Warehouse(tmp_path)
    with store.write() as con:
        for claim_id, doc_id, value, year in CLAIMS:
            con.execute(
                "INSERT INTO claims (claim_id, doc_id, source, lang, sentence, span_start, "
                "span_end, surface, value, unit, kind, year, modality, entity, indicator, "
                "indicator_code, run_id) VALUES (?, ?, ?, 'en', 's', 0, 1, 'x', ?, 't/year', "
                "'mass_rate', ?, 'target', 'Astana', 'recycled waste', 'waste.recycled', 'r')",
                [claim_id, doc_id, doc_id + ".txt", value, year])
        yield con


def test_claim_sources_groups_a_claim_across_documents_and_flags_disagreement_between_them(con):
    rows = con.sql("SELECT year, value, n_sources, sources, n_values, n_documents, conflicting "
                   "FROM claim_sources ORDER BY year, value").fetchall()
    assert rows == [
        (2025, 10000.0, 1, ["doc-c.txt"], 3, 3, True),  # A and B give other values
        (2025, 36000.0, 2, ["doc-a.txt", "doc-c.txt"], 3, 3, True),  # B gives 40,000
        (2025, 40000.0, 1, ["doc-b.txt"], 3, 3, True),
        (2026, 5000.0, 1, ["doc-d.txt"], 2, 1, False),  # one article never conflicts with itself
        (2026, 7000.0, 1, ["doc-d.txt"], 2, 1, False),
    ]


def test_series_has_one_point_per_entity_code_unit_year_and_modality(con):
    rows = con.sql("SELECT entity, indicator_code, unit, year, value, low, high, n_sources, "
                   "claim_ids FROM series ORDER BY year").fetchall()
    assert rows == [
        ("Astana", "waste.recycled", "t/year", 2025, 36000.0, 10000.0, 40000.0, 3,
         ["a1", "b1", "c1", "c2"]),
        ("Astana", "waste.recycled", "t/year", 2026, 6000.0, 5000.0, 7000.0, 1, ["d1", "d2"]),
    ]
