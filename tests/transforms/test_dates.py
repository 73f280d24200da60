import datetime as dt

import pytest

from transforms.dates import published_in_text


@pytest.mark.parametrize(
    ("lang", "text", "date"),
    [
        (
            "en",
            "Monday, October 25, 2021\n\nKazakhstan pavilion hosts a discussion.",
            dt.date(2021, 10, 25),
        ),
        ("ru", "Павлодар, 14 марта 2025 года. Аким представил план.", dt.date(2025, 3, 14)),
        ("az", "Tədbir keçirilib.\n\nAZƏRTAC\n2024, 20 may", dt.date(2024, 5, 20)),
        ("kk", "Жиын 2024 жылғы 20 мамыр күні өтті.", dt.date(2024, 5, 20)),
        ("en", "No date in this text at all.", None),
    ],
)
def test_a_date_line_gives_the_publication_date(lang, text, date):
    assert published_in_text(text, lang) == date
