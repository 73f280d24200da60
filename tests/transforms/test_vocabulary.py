import pytest

from transforms import vocabulary
from transforms.mentions import extract


def test_the_unit_vocabulary_is_what_pint_gives_now():
    assert vocabulary.OUT.read_text(encoding="utf-8") == vocabulary.generate(), (
        "transforms/data/unit_vocabulary.txt is stale: run `uv run python -m transforms.vocabulary`"
    )


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("tonne", "tonnes"),
        ("inch", "inches"),
        ("foot", "feet"),
        ("mile per hour", "miles per hour"),
        ("tonne of oil equivalent", "tonnes of oil equivalent"),
    ],
)
def test_plurals_follow_english_rules(name, plural):
    assert vocabulary.plural(name) == plural


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("emissions of 127 gigatonnes of ice", 127e9, "t"),
        ("800,000 barrels of oil", 800000 * 0.158987294928, "m3"),
        ("a layer of 352 μm", 352e-9, "km"),
        ("12,000 acres of forest", 12000 * 0.404687261, "ha"),
        ("the plant burns 3.5 Mtoe", 3.5e6 * 11.63, "MWh"),
        ("2 Gcal of heat", 2 * 1.16222222222, "MWh"),
    ],
)
def test_units_pint_knows_are_read_with_pints_factor(text, value, unit):
    [m] = extract(text, "en")
    assert (m.unit, m.value) == (unit, pytest.approx(value, rel=1e-6))


@pytest.mark.parametrize(
    "text",
    [
        "winds of 87 mph",
        "a 296 hp engine",
        "spins at 3000 rpm",
        "a 512 GB drive",
        "it was 35 °C outside",
        "a drive of 3 hours",
        "19 cents a litre",
    ],
)
def test_units_of_other_kinds_are_left_out_and_never_counts(text):
    assert [m.unit for m in extract(text, "en") if m.value != 1] in ([], ["m3"])


def test_a_symbol_is_case_exact():
    assert [m.unit for m in extract("a 5 mW laser and a 5 MW turbine", "en")] == ["MW"]
    assert extract("a 5 mW laser", "en") == []
