"""Each amount of a statement of change says what it is: the change, where it starts,
where it ends, or a level beside it."""

import polars as pl
import pytest

from transforms.claims import extract_claims


def roles_of(text: str, lang: str) -> list[tuple[str, str | None]]:
    claims = extract_claims(pl.DataFrame([{"doc_id": "d", "source": "d.txt", "lang": lang,
                                           "text": text}]))
    return claims.select("surface", "role").rows()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Emissions will decrease by 93% – from 37.3 thousand tons to 2.7 thousand tons.",
     [("93%", "change"), ("37.3 thousand tons", "from"), ("2.7 thousand tons", "to")]),
    ("ru", "Выбросы сократятся на 93% – с 37,3 тыс. тонн до 2,7 тыс. тонн.",
     [("93%", "change"), ("37,3 тыс. тонн", "from"), ("2,7 тыс. тонн", "to")]),
    ("kk", "Шығарындылар 93%-ға қысқарады: 37,3 мың тоннадан 2,7 мың тоннаға дейін.",
     [("93%", "change"), ("37,3 мың тоннадан", "from"), ("2,7 мың тоннаға", "to")]),
    ("az", "Tullantılar 93% azalacaq – 37,3 min tondan 2,7 min tona qədər.",
     [("93%", "change"), ("37,3 min tondan", "from"), ("2,7 min tona", "to")]),
])
def test_a_change_from_one_level_to_another_in_each_language(lang, text, expected):
    assert roles_of(text, lang) == expected


def test_a_level_beside_its_change_is_a_level():
    assert roles_of("Добыча угля составила 2,8 млн тонн – на 3,5% больше, чем годом ранее.",
                    "ru") == [("2,8 млн тонн", "level"), ("3,5%", "change")]


def test_an_amount_changed_by_alone_is_the_change_and_a_plain_level_has_no_role():
    assert roles_of("Capacity rose by 15 MW. The plant has 40 MW.", "en") == [
        ("15 MW", "change"), ("40 MW", None)]


def test_a_kazakh_dative_is_the_size_of_a_change_unless_a_start_comes_before_it():
    assert roles_of("Өндіріс 12%-ға артты.", "kk") == [("12%", "change")]
