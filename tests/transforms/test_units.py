import pickle

import pytest

from transforms import lexicon, units


@pytest.mark.parametrize(
    ("alias", "code", "factor"),
    [("gigawatt", "MW", 1000), ("kilowatt", "MW", 0.001), ("kilogram", "t", 0.001),
     ("kilowatt_hour", "MWh", 0.001), ("terawatt_hour", "MWh", 1e6), ("kilometer**2", "ha", 100),
     ("meter**2", "ha", 1e-4), ("microgram/meter**3", "mg/m3", 0.001), ("kilometer**3", "m3", 1e9),
     ("meter", "km", 0.001), ("-", "KZT", 1)],
)
def test_factors_come_from_pint(alias, code, factor):
    assert units.factor(alias, code) == pytest.approx(factor)


def test_the_factor_table_is_what_pint_computes_now():
    assert units.FACTORS.read_text(encoding="utf-8") == units.write_factors(), \
        "transforms/data/unit_factors.txt is stale: run `uv run python -m transforms.units`"


def test_a_conversion_missing_from_the_factor_table_says_how_to_add_it(monkeypatch):
    monkeypatch.setattr(units, "_factors", dict)
    with pytest.raises(lexicon.LexiconError, match=r"run `uv run python -m transforms.units`"):
        units.factor("gigawatt", "MW")


def test_extraction_does_not_load_pint():
    import subprocess
    import sys

    code = (
        "import sys; from transforms import mentions; mentions.grammar('en'); "
        "print('pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_alias_maps_to_a_canonical_code_in_every_language():
    for lang in lexicon.LANGS:
        assert {a.code for a in units.aliases(lang)} <= set(units.canonical())


def test_rates_exist_only_where_guide_defines_them():
    assert units.rate_code("t", "year") == "t/year"
    assert units.rate_code("m3", "day") == "m3/day"
    assert units.rate_code("KZT", "year") is None


def test_a_bad_lexicon_line_names_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "broken.txt").write_text("[x]\nno colon here\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    lexicon.load.cache_clear()
    with pytest.raises(lexicon.LexiconError, match=r"broken.txt:2: expected '<fields> : <forms>'"):
        lexicon.load("broken")
    lexicon.load.cache_clear()


def test_lexicon_errors_pickle_with_their_fields():
    error = lexicon.LexiconError("units.txt", 3, "bad", "unknown language")
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.line, str(again)) == ("units.txt", 3, str(error))


def test_inflection_markers_work_inside_multiword_forms():
    import re

    pattern = re.compile(lexicon.form_regex("Карагандинск~ обл~"))
    assert pattern.fullmatch("Карагандинской области")
    assert re.fullmatch(lexicon.form_regex("~acaq"), "azaldılacaq")
    assert re.fullmatch(lexicon.form_regex("~"), "~")


def test_forms_that_are_units_only_in_some_places_are_no_plain_aliases():
    plain = {a.form for a in units.aliases("en")}
    guarded = {a.form for part in units.GUARDED for a in units.guarded(part, "en")}
    assert {"in", '"'} <= guarded and not guarded & plain
