import pytest

from transforms.numbers import NumberError, parse_number, point_value, word_value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("7,875", "en", 7875),
        ("1,234,567.5", "en", 1234567.5),
        ("225.2", "en", 225.2),
        ("37,3", "ru", 37.3),
        ("2,5", "ru", 2.5),
        ("1 500", "ru", 1500),
        ("1\u00a0500", "ru", 1500),
        ("1\u202f500", "kk", 1500),
        ("2 134 472,44", "ru", 2134472.44),
        ("42,7", "kk", 42.7),
        ("15,4", "az", 15.4),
        ("12.500", "az", 12500),
        ("1.234.567,5", "az", 1234567.5),
        ("20.000", "ru", 20000),
        ("0.5", "ru", 0.5),
        ("1.6", "en", 1.6),
    ],
)
def test_digits_follow_the_language_convention(text, lang, expected):
    assert parse_number(text, lang) == pytest.approx(expected)


def test_a_dot_before_a_scale_word_is_a_decimal_point():
    assert parse_number("1.500", "ru", scaled=True) == 1.5


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [("two", "en", 2), ("Three", "en", 3), ("пять", "ru", 5), ("двух", "ru", 2),
     ("полтора", "ru", 1.5), ("екі", "kk", 2), ("iki", "az", 2), ("İki", "az", 2),
     ("half", "en", 0.5)],
)
def test_number_words_in_all_four_languages(word, lang, expected):
    assert word_value(word, lang) == expected


def test_unreadable_number_says_what_it_could_not_read():
    with pytest.raises(NumberError, match="cannot read '1,2,x' as a number"):
        parse_number("1,2,x", "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("three point five", 3.5), ("1 point 25", 1.25), ("two point one four", 2.14),
     ("seven", None), ("four point", None)],
)
def test_a_point_written_as_a_word_is_a_decimal_point(text, expected):
    assert point_value(text, "en") == expected
