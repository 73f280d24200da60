"""The quality bars on the real seed documents (issues 2 and 3): fails below the bar."""

import pytest
from paths import GOLD, SEEDS, need_shared

from flows.evaluation import evaluate


@pytest.fixture(scope="module")
def report():
    need_shared()
    return evaluate(str(GOLD), [str(SEEDS)])[0]


def test_mention_f1_on_the_seeds_is_at_least_097(report):
    assert report.overall.f1 >= 0.97


@pytest.mark.parametrize(("field", "bar"), [("qualifier", 0.95), ("direction", 0.95),
                                            ("year", 0.95), ("modality", 0.90), ("entity", 0.95),
                                            ("indicator_code", 0.95)])
def test_context_agreement_on_matched_mentions_meets_its_bar(report, field, bar):
    assert report.context[field] >= bar
