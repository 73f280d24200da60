"""Extraction of quantity mentions, one rule per test, with sentences written for
these tests in all four languages (GUIDE.md section 1)."""

import pytest

from transforms.mentions import extract


def found(text: str, lang: str) -> list[tuple]:
    return [(m.surface, m.value, m.unit) for m in extract(text, lang)]


def one(text: str, lang: str):
    mentions = extract(text, lang)
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        ("ru", "Выбросы составили 37,3 тыс. тонн.", "37,3 тыс. тонн", 37300, "t"),
        ("ru", "Проект стоит 900 млрд тенге.", "900 млрд тенге", 9e11, "KZT"),
        ("ru", "Выработка достигла 2 млрд кВт·ч.", "2 млрд кВт·ч", 2e6, "MWh"),
        ("ru", "Установка мощностью 500 кВт запущена.", "500 кВт", 0.5, "MW"),
        ("ru", "Посевы заняли 35,2 тыс. га.", "35,2 тыс. га", 35200, "ha"),
        ("ru", "Концентрация составила 0,5 мг/м3.", "0,5 мг/м3", 0.5, "mg/m3"),
        ("ru", "Доля выросла на 2 п.п. за год.", "2 п.п.", 2, "pp"),
        ("ru", "Объем вырос в 2 раза.", "2 раза", 2, "x"),
        ("ru", "Это соответствует 2 500 тоннам угля.", "2 500 тоннам", 2500, "t"),
        ("ru", "Работы займут полтора года.", "полтора года", 1.5, "year"),
        ("ru", "Сумма составила 2,2 млн.руб.", "2,2 млн.руб.", 2.2e6, "RUB"),
        ("ru", "Кредит на 1,5 млрд долларов США.", "1,5 млрд долларов США", 1.5e9, "USD"),
        ("en", "A total of 7,875 units were registered.", "7,875 units", 7875, "count"),
        ("en", "The bank lends $2 bn to the project.", "$2 bn", 2e9, "USD"),
        ("en", "Plants produced 1.2 TWh last season.", "1.2 TWh", 1.2e6, "MWh"),
        ("en", "The reserve covers 12 km2 of steppe.", "12 km2", 1200, "ha"),
        ("en", "Dust reached 35 µg/m3 downtown.", "35 µg/m3", 0.035, "mg/m3"),
        ("en", "The plant is 90-percent compliant.", "90-percent", 90, "%"),
        ("en", "The share rose by 3 percentage points.", "3 percentage points", 3, "pp"),
        ("en", "It hosts a two-day forum.", "two-day", 2, "day"),
        ("en", "The station has a capacity of 1.6 GW.", "1.6 GW", 1600, "MW"),
        ("en", "The facility treats 54.3 thousand m3/day.", "54.3 thousand m3/day", 54300,
         "m3/day"),
        ("kk", "Шығарындылар 42,7 мың тоннаны құрады.", "42,7 мың тоннаны", 42700, "t"),
        ("kk", "Жобаға 2,4 млрд теңге бөлінді.", "2,4 млрд теңге", 2.4e9, "KZT"),
        ("kk", "Жол 120 шақырымға созылады.", "120 шақырымға", 120, "km"),
        ("kk", "Құрылыс екі жыл ішінде аяқталады.", "екі жыл", 2, "year"),
        ("kk", "Көрсеткіш 3 есе артты.", "3 есе", 3, "x"),
        ("az", "Zavod ildə 36 min tondan çox tullantı emal edir.", "36 min tondan", 36000,
         "t/year"),
        ("az", "Payı 30 faizə çatdırılacaq.", "30 faizə", 30, "%"),
        ("az", "Layihəyə 2,5 milyon manat yatırılıb.", "2,5 milyon manat", 2.5e6, "AZN"),
        ("az", "İki günlük tədbir keçirildi.", "İki günlük", 2, "day"),
        ("az", "İxrac 3 dəfə artıb.", "3 dəfə", 3, "x"),
        ("az", "Park 12 hektar ərazidə salınıb.", "12 hektar", 12, "ha"),
    ],
)
def test_quantities_are_found_and_normalized(lang, text, surface, value, unit):
    m = one(text, lang)
    assert (m.surface, m.unit) == (surface, unit)
    assert m.value == pytest.approx(value)
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("lang", "text", "low", "high", "unit"),
    [
        ("ru", "Инициативы рассчитаны на 5–10 лет.", 5, 10, "year"),
        ("ru", "Снижение составит от 5 до 10 % в год.", 5, 10, "%"),
        ("en", "Costs fell 10-15% across the sector.", 10, 15, "%"),
        ("en", "Tariffs will grow from 3 to 5 percent.", 3, 5, "%"),
        ("kk", "Жобалар 5-10 жылға созылады.", 5, 10, "year"),
        ("en", "Output rose from 2,300 to 2,750 MW.", 2300, 2750, "MW"),
        ("az", "Güc 1300-dən 1650 MW-a qədər artacaq.", 1300, 1650, "MW"),
        ("az", "Tarif 12-dən 18 faizə qədər qalxıb.", 12, 18, "%"),
        ("az", "Sahə 2.400-dən 2.950 hektara qədər artıb.", 2400, 2950, "ha"),
        ("kk", "Қуат 900-ден 1150 МВт-қа дейін өсті.", 900, 1150, "MW"),
    ],
)
def test_a_range_is_one_mention_with_a_high_end(lang, text, low, high, unit):
    m = one(text, lang)
    assert (m.value, m.value_high, m.unit) == (low, high, unit)


@pytest.mark.parametrize(
    "text",
    ["Tarif 6-dan çox 25 faiz artıb.", "Bu layihələrin 40-dan 12 faizi bitib."],
)
def test_an_ablative_without_qeder_after_it_is_no_range(text):
    assert all(m.value_high is None for m in extract(text, "az"))


def test_an_ablative_with_its_own_unit_gives_two_levels():
    assert found("Hasilat 4 min tondan 7 min tona qədər artıb.", "az") == [
        ("4 min tondan", 4000, "t"),
        ("7 min tona", 7000, "t"),
    ]


def test_two_numbers_each_with_a_unit_are_two_mentions():
    assert found("emissions will fall from 37.3 thousand tons to 2.7 thousand tons", "en") == [
        ("37.3 thousand tons", 37300, "t"), ("2.7 thousand tons", 2700, "t")]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "item"),
    [
        ("ru", "Экологи из 180 промышленных предприятий приехали.",
         "180 промышленных предприятий", "предприятий"),
        ("ru", "По итогам двух исследований сделан вывод.", "двух исследований", "исследований"),
        ("en", "The region plans 5 hydroelectric power plants.", "5 hydroelectric power plants",
         "hydroelectric power plants"),
        ("en", "There are 8 energy producing organizations here.",
         "8 energy producing organizations", "organizations"),
        ("en", "It plans to plant 2.5 million green spaces.", "2.5 million green spaces",
         "green spaces"),
        ("en", "The city will add 4 more units.", "4 more units", "units"),
        ("kk", "Облыста 38 елді мекен сумен қамтылды.", "38 елді мекен", "елді мекен"),
        ("kk", "2025 жылы 5 жаңа полигон салынады.", "5 жаңа полигон", "полигон"),
        ("kk", "Облыста 200-ден астам кәсіпорын жұмыс істейді.", "200", "кәсіпорын"),
        ("az", "Ölkədə 300-dən çox müəssisə fəaliyyət göstərir.", "300", "müəssisə"),
        ("kk", "Биыл 3 жаңа күн электр станциясы салынады.", "3 жаңа күн электр станциясы",
         "күн электр станциясы"),
        ("az", "Ölkədə 20-dən çox günəş stansiyası işləyir.", "20", "günəş stansiyası"),
        ("az", "Şəhərdə 3 min ağac əkilib.", "3 min ağac", "ağac"),
    ],
)
def test_a_count_needs_a_counted_noun(lang, text, surface, item):
    m = one(text, lang)
    assert (m.surface, m.unit, m.item) == (surface, "count", item)


@pytest.mark.parametrize("text", ["To date, 68 out of 91 enterprises have installed it.",
                                  "To date, 68 of the 91 enterprises have installed it."])
def test_x_out_of_y_items_is_two_counts_of_the_same_items(text):
    mentions = extract(text, "en")
    assert [(m.surface, m.item) for m in mentions] == [
        ("68", "enterprises"), ("91 enterprises", "enterprises")]


def test_a_verb_after_an_english_plural_is_not_the_counted_noun():
    assert [(m.surface, m.item) for m in extract("Only 20 plants comply with the code.", "en")] == [
        ("20 plants", "plants")]


@pytest.mark.parametrize(("lang", "text"), [("ru", "Тариф составит 25,5 тенге за 1 кВт.ч."),
                                            ("en", "The tariff is 25.5 tenge per 1 kWh.")])
def test_the_one_of_a_per_unit_price_is_not_a_quantity(lang, text):
    assert [m.unit for m in extract(text, lang)] == ["KZT"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The region annually generates 145 thousand tons of solid waste."),
        ("en", "producing 10 thousand tons of bitumen and 10 thousand tons of biofuel per year"),
        ("ru", "снизить выбросы с 48 тыс. тонн до 9 тыс. тонн в год."),
        ("az", "Stansiya ildə 200 min ton azaldacaq."),
        ("en", "saving 412,500 cubic meters of gas or 1,260 tons of coal per year"),
        ("en", "emissions fall from 61,800 tons to 9,300 tons per year"),
        ("ru", "экономия 412,5 тыс. кубометров газа или 1260 тонн угля в год"),
    ],
)
def test_a_rate_needs_its_period_before_after_or_shared(lang, text):
    assert {m.unit.split("/")[1] for m in extract(text, lang)} == {"year"}


def test_a_period_after_a_comma_list_stays_with_its_own_amount():
    text = "It sorted 5 tons of glass and 7 tons of paper, 300 tons per year of waste."
    assert [m.unit for m in extract(text, "en")] == ["t", "t", "t/year"]


def test_a_year_in_a_date_phrase_does_not_make_a_rate():
    assert found("2025-ci ildə 200 min ton", "az") == [("200 min ton", 200000, "t")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # calendar years and dates
        ("ru", "В 2019 году и 1 декабря 2024 года прошли проверки."),
        ("en", "In 2024, on December 1, 2024, the plan was adopted."),
        ("en", "Monday, October 25, 2021"),
        ("kk", "2024 жылы 20 мамырда жиын өтті."),
        ("az", "Mayın 6-7-də tədbir keçirildi. 2024, 20 may"),
        ("az", "2024-cü ildə sessiya keçirildi."),
        # numbers inside names and codes
        ("en", "At COP29 and EXPO 2020 they discussed CO2 and PM2.5 under ISO 14001."),
        ("ru", "Стандарт Евро-5 и ISO 14001 внедрены, обсуждали CO2 на COP29."),
        ("kk", "COP29 конференциясында CO2 туралы айтылды."),
        ("az", "COP29-a hazırlıq çərçivəsində CO2 emissiyaları müzakirə olunub."),
        # ordinals
        ("en", "It was the 2nd forum and the first meeting."),
        ("ru", "Это 5-й форум и 29-го числа заседание."),
        ("kk", "Бұл 2-ші форум."),
        ("az", "29-cu sessiya keçirildi."),
        # URLs, phone numbers, e-mail
        ("en", "See https://ortcom.kz/ru/novosti/1735300554 or call +7 (727) 123-45-67."),
        ("ru", "Звоните 8 (7182) 55-12-34 или пишите на info2024@eco.kz"),
        # bare numbers with no unit or counted noun
        ("en", "The index stood at 42 and rose to 45 in total."),
        ("ru", "Показатель равен 15, а затем 17."),
        # vague amounts, `one of`, number words in names
        ("en", "Millions of people, one of the companies and the Net Zero goal."),
        ("az", "Xalis Sıfır təşəbbüsü bir araya gələrək."),
    ],
)
def test_exclusions_of_the_guide_produce_nothing(lang, text):
    assert found(text, lang) == []


def test_offsets_are_code_points_into_the_text_as_read():
    text = "İki günlük 👍 forumda 3 dəfə artım"
    for m in extract(text, "az"):
        assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(("lang", "text"), [("ru", "Температура достигла +15 градусов."),
                                            ("en", "Temperatures reached 40 degrees in July."),
                                            ("ru", "Ученики 9 класс окончили."),
                                            ("az", "Temperatur 35 dərəcəyə çatıb.")])
def test_temperatures_and_grades_are_not_counts(lang, text):
    assert extract(text, lang) == []


def test_a_phone_number_at_the_start_of_a_text_is_masked():
    assert found("8 (7182) 55-12-34 — приёмная департамента.", "ru") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The landfill takes in about 1,200 tpd of mixed waste.", "1,200 tpd", 1200, "t/day"),
        ("The reserve covers 35 km squared of wetland.", "35 km squared", 3500, "ha"),
        ("The reservoir holds 3 km cubed of water.", "3 km cubed", 3e9, "m3"),
    ],
)
def test_english_unit_abbreviations_and_postfixed_powers_are_units(text, surface, value, unit):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The new pipe runs 3/4 mile under the river.", "3/4 mile", 0.75 * 1.609344),
        ("Volunteers cleared a 12 1/2 miles stretch of coast.", "12 1/2 miles", 12.5 * 1.609344),
    ],
)
def test_english_fractions_before_a_unit_are_read(text, surface, value):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, pytest.approx(value), "km")


def test_a_fraction_without_a_unit_is_no_count():
    assert found("The monitoring station works 24/7 stations wide.", "en") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Dust levels were twice the norm.", 2),
        ("Twice as many wells were drilled.", 2),
        ("Tariffs are thrice higher than in 2019.", 3),
    ],
)
def test_twice_before_a_comparison_is_a_multiplier(text, value):
    m = one(text, "en")
    assert (m.value, m.unit) == (value, "x")


@pytest.mark.parametrize(
    "text", ["Inspectors visited the mine twice a year.", "The council met twice."]
)
def test_twice_as_a_frequency_is_nothing(text):
    assert found(text, "en") == []


def test_the_number_after_percent_of_is_a_base_not_a_share():
    assert found("The levy is a percent of 40 contracts.", "en") == [
        ("40 contracts", 40, "count")
    ]
    assert [f for f in found("Its cut was per cent of twenty-two.", "en") if f[2] == "%"] == []


def test_a_share_of_a_base_gives_the_share_and_the_counted_base():
    assert found("Some 15 per cent of 340 farms were checked.", "en") == [
        ("15 per cent", 15, "%"),
        ("340 farms", 340, "count"),
    ]


def test_a_unit_repeated_after_a_dash_keeps_the_first_amount():
    assert found("The buffer zone is 2km-4km wide.", "en")[0] == ("2km", 2, "km")


def test_a_road_code_after_a_unit_still_blocks_it():
    assert found("Trucks use the M-32 route, 40 km away.", "en") == [("40 km", 40, "km")]


def test_a_tilde_before_a_range_end_keeps_the_range():
    m = one("Each household uses 3 - ~5 litres of it.", "en")
    assert (m.surface, m.value, m.value_high, m.unit) == (
        "3 - ~5 litres", pytest.approx(0.003), pytest.approx(0.005), "m3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("В пробах нашли 300 г ртути.", [("300 г", 0.0003, "t")]),
        ("Пакет весит 250г.", [("250г", 0.00025, "t")]),
        ("В 2021 г. сдали 40 т макулатуры.", [("40 т", 40, "t")]),
        ("В 2021 г сдали 40 т макулатуры.", [("40 т", 40, "t")]),
    ],
)
def test_russian_grams_are_g_but_a_calendar_year_before_g_is_a_date(text, expected):
    assert [(s, pytest.approx(v), u) for s, v, u in found(text, "ru")] == expected


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        ("en", "The fund gave each school a $25k grant.", "$25k", 25000, "USD"),
        ("ru", "Грант составил €40К на школу.", "€40К", 40000, "EUR"),
    ],
)
def test_k_after_a_currency_sign_is_thousands(lang, text, surface, value, unit):
    m = one(text, lang)
    assert (m.surface, m.value, m.unit) == (surface, value, unit)


def test_cents_glued_to_their_digits_add_to_the_amount():
    m = one("A refill costs $3 and 75c at the kiosk.", "en")
    assert (m.surface, m.value, m.unit) == ("$3 and 75c", 3.75, "USD")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The bond raised 300 million Swiss francs last spring."),
        ("en", "The map marks it as zone 40 e."),
        ("ru", "Участок 7 Б остался без света."),
    ],
)
def test_a_single_letter_or_an_outside_unit_is_no_counted_noun(lang, text):
    assert found(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value"),
    [
        ("en", "Output growth was minus 1.5% last quarter.", "minus 1.5%", -1.5),
        ("ru", "Динамика составила минус 4%.", "минус 4%", -4),
    ],
)
def test_a_minus_written_as_a_word_makes_the_value_negative(lang, text, surface, value):
    m = one(text, lang)
    assert (m.surface, m.value, m.unit) == (surface, value, "%")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Panels receive 12 kWh/m2 in June.", []),
        ("ru", "Урожайность достигла 3 т/га.", []),
        ("ru", "Тариф составит 25 тенге/кВт·ч.", [("25 тенге", 25, "KZT")]),
        ("ru", "Станция очищает 800 м3/сут стоков.", [("800 м3/сут", 800, "m3/day")]),
    ],
)
def test_a_unit_over_another_unit_is_left_out_but_money_and_periods_stay(lang, text, expected):
    assert found(text, lang) == expected


def test_rmb_before_the_number_is_yuan():
    m = one("The bank lent RMB 4.2 billion for the wind farm.", "en")
    assert (m.surface, m.value, m.unit) == ("RMB 4.2 billion", 4.2e9, "CNY")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rent $ 1,250.00 $ 980.40 march utilities",
         [("$ 1,250.00", 1250, "USD"), ("$ 980.40", 980.4, "USD")]),
        ("Tickets were 12 $ 8 $ for pupils.", [("12 $", 12, "USD"), ("8 $", 8, "USD")]),
        ("A refill is 4 $ 20 cents.", [("4 $ 20 cents", 4.2, "USD")]),
        ("Loans of cny 30 and usd 45 were signed.", [("cny 30", 30, "CNY"), ("usd 45", 45, "USD")]),
    ],
)
def test_a_sign_between_two_numbers_starts_the_second_amount(text, expected):
    assert found(text, "en") == expected


def test_a_month_after_an_amount_with_decimals_is_no_date():
    assert found("Paid 3,140.25 USD may invoice", "en") == [("3,140.25 USD", 3140.25, "USD")]
    assert found("The fair opens 14 May.", "en") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The utility lost 64 USD million last year.", "64 USD million", 6.4e7, "USD"),
        ("Its budget is 2.5 EUR bn.", "2.5 EUR bn", 2.5e9, "EUR"),
        ("Sales reached 42 MUSD in the quarter.", "42 MUSD", 4.2e7, "USD"),
        ("The grid needs 310 MEUR of upgrades.", "310 MEUR", 3.1e8, "EUR"),
        ("The deposit was usd$ 70.", "usd$ 70", 70, "USD"),
    ],
)
def test_a_scale_word_or_letter_with_a_currency_code_scales_it(text, surface, value, unit):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    "text",
    ["The fund paid 18.5 MGBP for the stake.", "The bill rose to 9 USD 40.",
     "Runners did three point five miles."],
)
def test_a_currency_outside_guide_or_a_unit_word_is_no_counted_noun(text):
    assert [m for m in extract(text, "en") if m.unit in ("count", "t")] == []


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        ("en", "Net weight 25 (kg) per bag", "25 (kg)", 0.025, "t"),
        ("en", "Span: 40 [km] in total", "40 [km]", 40, "km"),
    ],
)
def test_a_unit_symbol_in_brackets_after_the_number_is_its_unit(lang, text, surface, value, unit):
    m = one(text, lang)
    assert (m.surface, m.value, m.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The pulse travels 30 meters per millisecond.", []),
        ("en", "Farms spread 4 kg per hectare of seed.", []),
        ("en", "The pump lifts 90 cubic metres per hour.", []),
        ("en", "The plant burns 500 tonnes per day.", [("500 tonnes per day", 500, "t/day")]),
        ("en", "Power costs 20 tenge per kWh.", [("20 tenge", 20, "KZT")]),
        ("ru", "Завод перерабатывает 300 тонн за сутки.", [("300 тонн", 300, "t")]),
    ],
)
def test_a_unit_per_another_unit_is_left_out_but_money_and_durations_stay(lang, text, expected):
    assert found(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    ["Trucks keep to 70 kilometres an hour there.", "Each scan is a 48 KB image.",
     "The log grew by 5 kB daily."],
)
def test_a_speed_or_a_data_size_is_no_length_and_no_count(text):
    assert found(text, "en") == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The tank holds a gallon of diesel.", "a gallon", 0.003785411784, "m3"),
        ("Add an ml of the reagent.", "an ml", 1e-6, "m3"),
        ("Each bag weighs a kilogram.", "a kilogram", 0.001, "t"),
        ("The ticket costs a dollar and 25 cents.", "a dollar and 25 cents", 1.25, "USD"),
        ("The trail ends a mile from the lake.", "a mile", 1.609344, "km"),
    ],
)
def test_an_article_before_a_unit_of_measure_is_one(text, surface, value, unit):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "A year ago the plant closed.",
        "Inspections take place once a month.",
        "A percentage of the fee goes to the city.",
        "He wore a t-shirt.",
        "Prices rose to $3.80 a gallon.",
        "Traders paid 40 dollars a kilogram.",
    ],
)
def test_an_article_is_no_number_before_time_shares_symbols_or_after_an_amount(text):
    assert [f for f in found(text, "en") if f[1] == 1] == []


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The board is 3 in thick.", "3 in", 7.62e-5),
        ("The crack was 4 in.", "4 in", 1.016e-4),
        ("The blade is 6 in long.", "6 in", 1.524e-4),
        ('A 7" pipe was laid.', '7"', 1.778e-4),
        ("Cut a 9'' strip.", "9''", 2.286e-4),
        ('The rod is 12 " long.', '12 "', 3.048e-4),
    ],
)
def test_inches_written_in_or_as_a_mark_are_length(text, surface, value):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, value, "km")


@pytest.mark.parametrize(
    "text",
    [
        "Output rose 5 in 2024.",
        "Only 3 in 10 residents recycle.",
        'The campaign "Top 5" ended.',
    ],
)
def test_in_before_more_words_and_a_closing_quote_are_not_inches(text):
    assert [f for f in found(text, "en") if f[2] == "km"] == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The road is three point five miles long.", "three point five miles", 5.632704, "km"),
        ("It costs 2 point 25 dollars.", "2 point 25 dollars", 2.25, "USD"),
        ("Fuel use fell by one point two five percent.", "one point two five percent", 1.25, "%"),
    ],
)
def test_a_decimal_point_written_as_a_word(text, surface, value, unit):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, value, unit)


def test_a_point_between_a_word_and_digits_is_no_decimal():
    assert found("At one point 20 firms applied.", "en") == [("20 firms", 20, "count")]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Pour a tenth of a gallon.", "a tenth of a gallon", 0.0003785411784),
        ("Use fourth of liter.", "fourth of liter", 0.00025),
    ],
)
def test_a_fraction_named_by_an_ordinal_before_a_unit(text, surface, value):
    m = one(text, "en")
    assert (m.surface, m.value, m.unit) == (surface, value, "m3")


def test_an_ordinal_fraction_without_a_unit_is_nothing():
    assert found("The fourth of July parade.", "en") == []


def test_kilograms_written_with_dots():
    assert found("Ship 3 k.g. of seeds.", "en") == [("3 k.g.", 0.003, "t")]


@pytest.mark.parametrize("text", ["He paid 42 le.", "The fee was 42 geneh."])
def test_egyptian_pound_names_are_outside_not_counts(text):
    assert found(text, "en") == []


def test_a_word_with_an_exponent_is_a_unit_not_a_counted_noun():
    assert found("The run collected 3 fb−1 of data.", "en") == []


def test_an_amount_listed_before_a_concentration_stays_an_amount():
    assert found("Dust fell by 3 tons and ozone to 0.05 mg/m3 last year.", "en") == [
        ("3 tons", 3, "t"), ("0.05 mg/m3", 0.05, "mg/m3")]
