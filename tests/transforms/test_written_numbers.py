"""Quantities the way news write them, in all four languages: compound numerals,
glued forms, the units of every kind, and the traps that are no mention (sentences
written for these tests, modelled on environment and energy news)."""

import pytest

from transforms.mentions import extract


def found(text: str, lang: str) -> list[tuple]:
    return [(m.surface, m.value, m.unit) for m in extract(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        (
            "ru",
            "Планируется ввести не менее 2 тысяч 400 МВт новых мощностей.",
            "2 тысяч 400 МВт",
            2400,
            "MW",
        ),
        (
            "ru",
            "Выбросы составили 3 миллиона 215 тысяч тонн.",
            "3 миллиона 215 тысяч тонн",
            3215000,
            "t",
        ),
        (
            "ru",
            "Бюджет программы — 18 млн 100 тысяч тенге.",
            "18 млн 100 тысяч тенге",
            18.1e6,
            "KZT",
        ),
        ("az", "Rayonda 173 min 752 ağac əkilib.", "173 min 752 ağac", 173752, "count"),
        (
            "ru",
            "Станции выработают свыше пяти с половиной млрд киловатт часов.",
            "пяти с половиной млрд киловатт часов",
            5.5e6,
            "MWh",
        ),
        ("en", "The works will take two and a half years.", "two and a half years", 2.5, "year"),
        ("ru", "Малые ГЭС выработали 410,5 млн кВт-ч.", "410,5 млн кВт-ч", 410500, "MWh"),
        (
            "ru",
            "Дополнительно будет выработано 4,2 млрд кВт/ч энергии.",
            "4,2 млрд кВт/ч",
            4.2e6,
            "MWh",
        ),
        ("en", "In 2016 the plant generated 96.3 mln kW/h.", "96.3 mln kW/h", 96300, "MWh"),
        (
            "az",
            "Zavod 187,4 milyon kVt saat enerji istehsal edib.",
            "187,4 milyon kVt saat",
            187400,
            "MWh",
        ),
        ("az", "Stansiya ildə 12 mln kVt·st elektrik verəcək.", "12 mln kVt·st", 12000, "MWh"),
        ("az", "Şirkət 8 qiqavatlıq stansiya tikəcək.", "8 qiqavatlıq", 8000, "MW"),
        ("az", "Paytaxtda 152 minə yaxın ağac əkilib.", "152 minə", 152000, "count"),
        ("az", "Ərazidə 97 mindən çox ağac əkilib.", "97 mindən", 97000, "count"),
        (
            "kk",
            "Облыста 142,5 млн. дана ағаш отырғызылды.",
            "142,5 млн. дана ағаш",
            142.5e6,
            "count",
        ),
        (
            "ru",
            "Котельная потребила 12,4 тыс. Гкал тепла.",
            "12,4 тыс. Гкал",
            12400 * 1.16222222222,
            "MWh",
        ),
        ("en", "Ice loss reached 94 gigatonnes last year.", "94 gigatonnes", 94e9, "t"),
        (
            "en",
            "The field pumps 640,000 barrels of oil.",
            "640,000 barrels",
            640000 * 0.158987294928,
            "m3",
        ),
        ("en", "Rents rose 24pc over the year.", "24pc", 24, "%"),
        ("ru", "Срок проекта составит две недели.", "две недели", 14, "day"),
    ],
)
def test_a_quantity_as_news_write_it(lang, text, surface, value, unit):
    [m] = extract(text, lang)
    assert (m.surface, m.unit) == (surface, unit)
    assert m.value == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "ru",
            "Построят 12 гидро, 14 ветровых и три био- электростанции.",
            [(12, "count"), (14, "count"), (3, "count")],
        ),
        (
            "ru",
            "Появятся 300 постоянных и около 900 временных рабочих мест.",
            [(300, "count"), (900, "count")],
        ),
        (
            "ru",
            "Выделено 100,2 миллиона и 60,7 миллиона тенге.",
            [(100.2e6, "KZT"), (60.7e6, "KZT")],
        ),
        ("kk", "Тиісінше 512,4 мың және 403,1 мың тонна.", [(512400, "t"), (403100, "t")]),
        ("az", "Göstərici 1.3, 1.5 və 2 dəfə artıb.", [(1.3, "x"), (1.5, "x"), (2, "x")]),
        (
            "en",
            "The firm will build 20 new and repair 15 old reservoirs.",
            [(20, "count"), (15, "count")],
        ),
        ("en", "The index was 45, and 30 companies joined.", [(30, "count")]),
    ],
)
def test_numbers_joined_in_a_list_share_the_last_ones_unit_or_noun(lang, text, expected):
    assert [(m.value, m.unit) for m in extract(text, lang)] == expected


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("en", "The ticket cost thirteen dollars and forty-five cents.", 13.45, "USD"),
        ("ru", "Штраф составил 12 300 рублей 40 копеек.", 12300.4, "RUB"),
        ("ru", "Оплачено 4 512 (четыре тысячи пятьсот двенадцать) руб. 07 коп.", 4512.07, "RUB"),
        ("en", "The fund needs a quarter million US dollars.", 250000, "USD"),
        (
            "en",
            "Volunteers planted twenty-eight thousand six hundred forty-two trees.",
            28642,
            "count",
        ),
        ("en", "Coverage reached one hundred percent.", 100, "%"),
    ],
)
def test_a_number_written_in_words_or_with_its_coins(lang, text, value, unit):
    [m] = extract(text, lang)
    assert (m.value, m.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Petrol rose by 19 cents a litre."),
        ("en", "The deal was worth HK$5.4m."),
        ("en", "The club paid £90 million."),
        ("en", "The firm raised 420 million Swiss francs."),
        ("en", "Loans of 35 lakh rupees were given."),
        ("ru", "Проезд подорожал на 50 копеек."),
        ("az", "Bilet 20 qəpik bahalaşıb."),
        ("kk", "Бағасы 30 тиынға өсті."),
        ("ru", "Кредит в 3 млн фунтов стерлингов."),
    ],
)
def test_money_without_a_canonical_code_and_coins_alone_are_left_out(lang, text):
    assert extract(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        ("ru", "За год выпущено 12 тыс.шт счётчиков.", "12 тыс.шт", 12000, "count"),
        ("en", "The fund raised EUR50m for wind farms.", "EUR50m", 50e6, "EUR"),
        ("en", "A 30 m tower was built.", "30 m", 0.03, "km"),
        ("en", "Reserves stood at 33.4 billion tons1 in total.", "33.4 billion tons", 33.4e9, "t"),
        ("en", "Capacity reached 7.2 GW3 by the end of the year.", "7.2 GW", 7200, "MW"),
        ("en", "The solar park of 163\nmegawatts opened.", "163\nmegawatts", 163, "MW"),
        ("ru", "Выбросы снизились (2021г. -325 тыс. тн).", "325 тыс. тн", 325000, "t"),
        ("ru", "Рост составил -2%.", "-2%", -2, "%"),
        ("kk", "Облыста 2 күн электр станциясы салынды.", "2 күн электр станциясы", 2, "count"),
        ("kk", "Жұмыс 5 күн ішінде аяқталады.", "5 күн", 5, "day"),
        ("en", "Emissions rose sevenfold since 1990.", "sevenfold", 7, "x"),
        ("en", "The plan means tripling capacity.", "tripling", 3, "x"),
        ("ru", "Выбросы сократились вдвое.", "вдвое", 2, "x"),
        ("kk", "Қуат екі есе өсті.", "екі есе", 2, "x"),
        ("az", "İstehsal iki dəfə artıb.", "iki dəfə", 2, "x"),
    ],
)
def test_glued_forms_footnotes_line_breaks_and_multiplier_words(lang, text, surface, value, unit):
    [m] = extract(text, lang)
    assert (m.surface, m.unit) == (surface, unit)
    assert m.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The S&P 500 rose on Monday."),
        ("en", "The iPhone 11 Pro cameras were tested."),
        ("en", "COVID-19 tests were free."),
        ("en", "The team won 9-2 at home."),
        ("en", "The office is at 12 Abay Street."),
        ("ru", "Популярное\n176 погода · 85 футбол · 40 экономика\n"),
        ("en", "A third of households recycle."),
        ("en", "Two-thirds of the budget went to roads."),
    ],
)
def test_names_tickers_scores_addresses_tag_clouds_and_bare_fractions_are_no_mentions(lang, text):
    assert extract(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("az", "Stansiya 2 milyard 300 min kilovat-saatdan çox enerji verib.", 2000300, "MWh"),
        ("az", "GES 700 milyon kilovat/saatdan artıq enerji verib.", 700000, "MWh"),
        ("az", "İstehsal 12 004,6 mln. kVt/saat olub.", 12004600, "MWh"),
        ("az", "150 min tondan artıq emissiyanın qarşısı alınacaq.", 150000, "t"),
        ("az", "Güc 5 min meqavata çatmalıdır.", 5000, "MW"),
        ("az", "Layihə 2 il yarım müddətində bitəcək.", 2.5, "year"),
        ("kk", "Жұмыс бір жыл жарым уақыт алады.", 1.5, "year"),
        ("ru", "СЭС выработала 2 млрд кВт/ч энергии.", 2e6, "MWh"),
        ("ru", "Ее 150-мегаваттная СЭС введена.", 150, "MW"),
    ],
)
def test_turkic_case_endings_and_halves_after_the_unit(lang, text, value, unit):
    [m] = extract(text, lang)
    assert (m.value, m.unit) == (pytest.approx(value), unit)
