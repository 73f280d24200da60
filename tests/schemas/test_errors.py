"""Every error a user sees is one type: a path and a problem, printed and pickled alike."""

import pickle

import pytest

from flows.evaluation import GoldError
from flows.sources import SourceError
from flows.web import TransientFetchError
from schemas.errors import IndicatorsError
from warehouse.store import WarehouseError


@pytest.mark.parametrize("kind", [SourceError, WarehouseError, TransientFetchError, GoldError])
def test_each_error_is_the_one_type_and_crosses_processes_with_its_fields(kind):
    error = pickle.loads(pickle.dumps(kind("news/a.txt", "cannot be read. Fix its permissions.")))
    assert isinstance(error, IndicatorsError) and type(error) is kind
    assert (error.path, error.problem) == ("news/a.txt", "cannot be read. Fix its permissions.")
    assert str(error) == "news/a.txt: cannot be read. Fix its permissions."


def test_a_gold_error_names_the_line_and_keeps_it_across_processes():
    error = pickle.loads(pickle.dumps(GoldError("gold.jsonl", "not valid JSON.", line=2)))
    assert str(error) == "gold.jsonl:2: not valid JSON."
    assert (error.file, error.line) == ("gold.jsonl", 2)
