"""Latin-script Kazakh (the alphabets of 2018 and 2021) is read as Kazakh: the same
claims as its Cyrillic spelling. The sentences are written for these tests, after
the style of Kazakh news sites that publish both scripts."""

import polars as pl
import pytest

from schemas.claims import CLAIM_SCHEMA
from transforms.claims import extract_document

FIELDS = ("value", "unit", "qualifier", "direction", "year", "modality", "entity",
          "indicator_code", "entity_code", "entity_type")
from transforms.language import detect_all

# (Cyrillic, 2018 alphabet, 2021 alphabet)
SENTENCES = [
    ("Өткен жылы Қарағанды облысында атмосфераға 520 мың тонна ластаушы зат шығарылды.",
     "Ótken jyly Qaraǵandy oblysynda atmosferaǵa 520 myń tonna lastaýshy zat shyǵaryldy.",
     "Ötken jyly Qarağandy oblysynda atmosferağa 520 myñ tonna lastauşy zat şyğaryldy."),
    ("Алматы қаласында 2025 жылға дейін тұрмыстық қалдықтардың 30 пайызы қайта өңделеді.",
     "Almaty qalasynda 2025 jylǵa deıin turmystyq qaldyqtardyń 30 paıyzy qaıta óńdeledi.",
     "Almaty qalasynda 2025 jylğa deiın turmystyq qaldyqtardyñ 30 paiyzy qaita öñdeledı."),
    ("Балқаш көлінің деңгейі 2023 жылы 15 сантиметрге төмендеді.",
     "Balqash kóliniń deńgeıi 2023 jyly 15 santımetrge tómendedi.",
     "Balqaş kölınıñ deñgeiı 2023 jyly 15 santimetrge tömendedı."),
    ("Балқаш қаласында 12 кәсіпорын жұмыс істейді.",
     "Balqash qalasynda 12 kásiporyn jumys isteıdi.",
     "Balqaş qalasynda 12 käsıporyn jūmys ısteidı."),
    ("Теміртаудағы Qarmet зауыты шығарындыларды 2030 жылға қарай 20%-ға азайтады.",
     "Temirtaýdaǵy Qarmet zaýyty shyǵaryndylardy 2030 jylǵa qaraı 20%-ǵa azaıtady.",
     "Temırtaudağy Qarmet zauyty şyğaryndylardy 2030 jylğa qarai 20%-ğa azaitady."),
]


def claims(text: str) -> list[tuple]:
    """What a claim says, without where it stands: value, unit, qualifier, direction,
    year, modality, entity, indicator code, entity code and type."""
    rows = [dict(zip(CLAIM_SCHEMA, r)) for r in extract_document("d", "s", "kk", text)]
    return [tuple(r[f] for f in FIELDS) for r in rows]


@pytest.mark.parametrize("spellings", SENTENCES)
def test_latin_kazakh_is_detected_as_kazakh(spellings):
    assert detect_all(pl.Series(spellings)).to_list() == ["kk", "kk", "kk"]


@pytest.mark.parametrize("spellings", SENTENCES)
def test_latin_kazakh_yields_the_claims_of_its_cyrillic_spelling(spellings):
    cyrillic, acute, umlaut = (claims(text) for text in spellings)
    assert cyrillic and acute == cyrillic and umlaut == cyrillic


def test_a_lake_and_a_city_of_one_name_stay_apart_in_latin_kazakh():
    lake, city = (claims(SENTENCES[i][1])[0] for i in (2, 3))
    assert (lake[6], lake[8], lake[9]) == ("Lake Balkhash", "KZ.balkhash_lake", "water_body")
    assert (city[6], city[8], city[9]) == ("Balkhash", "KZ-35.balkhash", "city")


def test_a_latin_kazakh_amount_with_its_scale_word_and_region():
    claim = claims(SENTENCES[0][1])[0]
    assert (claim[:2], claim[6], claim[8:]) == (
        (520000.0, "t"), "Karaganda Region", ("KZ-35", "region"))
