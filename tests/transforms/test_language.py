import polars as pl
import pytest

from transforms.language import detect_all


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Выбросы загрязняющих веществ в регионе сократились на треть за последние годы.", "ru"),
        ("Қаладағы атмосфераға шығарындылар көлемі өткен жылы айтарлықтай азайды.", "kk"),
        ("Emissions of harmful substances in the region fell by a third over recent years.", "en"),
        ("Ölkədə bərpa olunan enerjinin payının artırılması nəzərdə tutulur.", "az"),
        (
            "Türkiye'de yenilenebilir enerji kapasitesi hızla artıyor ve yatırımlar sürüyor.",
            "other",
        ),
        ("Bıyl oblysta atmosferaǵa shyǵarylǵan lastaýshy zattardyń kólemi azaıdy.", "kk"),
        ("Biyl Qarağandy oblysynda atmosferağa şyğarylğan lastauşy zattar azaidy.", "kk"),
        ("12 345", "other"),
    ],
)
def test_language_of_a_document(text, lang):
    assert detect_all(pl.Series([text]))[0] == lang
