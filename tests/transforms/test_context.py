"""Context of mentions (GUIDE.md section 2), with sentences written for these tests."""

import pytest

from transforms import context, mentions, sentences


def contexts(text: str, lang: str) -> dict[str, context.Context]:
    found = mentions.extract(text, lang)
    return {m.surface: c
            for m, c in zip(found, context.annotate(text, lang, sentences.split(text), found))}


@pytest.mark.parametrize(
    ("lang", "text", "surface", "qualifier"),
    [
        ("en", "Emissions exceed more than 220 km of roads.", "220 km", "gt"),
        ("en", "The share is about 84% of the total.", "84%", "approx"),
        ("en", "A plant with a capacity of up to 2 thousand tons per day.",
         "2 thousand tons per day", "le"),
        ("en", "They will reach the level within 10 years.", "10 years", "le"),
        ("en", "It costs at least 5 billion tenge.", "5 billion tenge", "ge"),
        ("ru", "Сумма составит порядка 900 млрд тенге.", "900 млрд тенге", "approx"),
        ("ru", "Построено свыше 40 км сетей.", "40 км", "gt"),
        ("ru", "Выбросы составили не менее 12 тыс. тонн.", "12 тыс. тонн", "ge"),
        ("ru", "Очищено менее 5% стоков.", "5%", "lt"),
        ("kk", "Облыста 100 мың тоннадан астам қалдық бар.", "100 мың тоннадан", "gt"),
        ("kk", "Жобаға шамамен 5 млрд теңге жұмсалды.", "5 млрд теңге", "approx"),
        ("az", "Forumda 40 ölkədən çox nümayəndə iştirak edib.", "40 ölkədən", "gt"),
        ("az", "Layihəyə təxminən 262 milyon manat xərclənib.", "262 milyon manat", "approx"),
        ("kk", "Өткен жылы 10 мыңнан астам ағаш отырғызылды.", "10 мыңнан", "gt"),
    ],
)
def test_qualifier(lang, text, surface, qualifier):
    assert contexts(text, lang)[surface].qualifier == qualifier


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The area was increased by 4.9 thousand hectares – up to 35.2 thousand hectares."),
        ("en", "The initiatives will run over the next 10 years on average."),
        ("ru", "Инициативы реализуют в течение следующих 5–10 лет."),
    ],
)
def test_no_qualifier_for_a_level_reached_or_a_plain_period(lang, text):
    assert all(c.qualifier is None for c in contexts(text, lang).values())


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Emissions will decrease by 93% – from 37.3 thousand tons to 2.7 thousand tons.",
         {"93%": "decrease", "37.3 thousand tons": "decrease", "2.7 thousand tons": "decrease"}),
        ("en", "The volume has decreased by 9.5%, or 5.2 thousand tons.",
         {"9.5%": "decrease", "5.2 thousand tons": "decrease"}),
        ("en", "Irrigated land increased by 4.9 thousand hectares – up to 35.2 thousand hectares.",
         {"4.9 thousand hectares": "increase", "35.2 thousand hectares": "increase"}),
        ("en", "Emissions reach 225.2 thousand tons.", {"225.2 thousand tons": None}),
        ("en", "The group will allocate 228 billion tenge to reduce emissions by 56%.",
         {"228 billion tenge": None, "56%": "decrease"}),
        ("ru", "Потери в сетях снизились с 22% до 17%.", {"22%": "decrease", "17%": "decrease"}),
        ("ru", "Выбросы сократились на 14,5 тыс. тонн.", {"14,5 тыс. тонн": "decrease"}),
        ("ru", "Площадь выросла в 1,5 раза.", {"1,5 раза": "increase"}),
        ("kk", "2030 жылға дейін шығарындыларды 30%-ға азайту көзделген.", {"30%": "decrease"}),
        ("az", "Emissiyaların 30 faizə qədər azaldılması nəzərdə tutulur.",
         {"30 faizə": "decrease"}),
        ("az", "Emissiyalar 10 faiz azalıb.", {"10 faiz": "decrease"}),
        ("kk", "Шығарындылар 15 пайызға азайды.", {"15 пайызға": "decrease"}),
        ("kk", "Бұл 2022 жылмен салыстырғанда 5%-ға аз.", {"5%": "decrease"}),
        ("en", "Emissions showed a 15% increase last year.", {"15%": "increase"}),
        ("en", "There was an increase of 20% in recycling.", {"20%": "increase"}),
        ("en", "A 10% cut in emissions is planned.", {"10%": "decrease"}),
        ("en", "Sales rose 12% to 4.5 million tons.",
         {"12%": "increase", "4.5 million tons": "increase"}),
        ("kk", "Үлесін 15 пайызға жеткізу жоспарлануда.", {"15 пайызға": "increase"}),
        # a comparative right after the amount states the change
        ("en", "Emissions were 2,271.4 thousand tons, which is 0.6% more than a year before.",
         {"2,271.4 thousand tons": "increase", "0.6%": "increase"}),
        ("en", "This is 18% less than in the same period.", {"18%": "decrease"}),
        ("en", "Pollutant emissions down 18% in the country", {"18%": "decrease"}),
        # a level beside its change is that change's end; one beside a plain share is not
        ("ru", "За год собрали 2,8 млн тонн отходов – на 3,5% меньше, чем годом ранее.",
         {"2,8 млн тонн": "decrease", "3,5%": "decrease"}),
        ("ru", "Выделено 299 млн тенге (953 тыс. долл.) с ростом в 51%.",
         {"953 тыс. долл.": "increase", "51%": "increase"}),
        ("en", "The region generates 145 thousand tons of waste, of which 22% is recycled.",
         {"145 thousand tons": None, "22%": None}),
        ("ru", "Солнечные станции нарастили выработку на 85% - до 86,8 млн кВтч.",
         {"85%": "increase", "86,8 млн кВтч": "increase"}),
        # `-dan çox` after an amount is a qualifier, not a change; `X % çox` compared to
        # before is one
        ("az", "Rayonda 100 tondan çox tullantı toplanıb.", {"100 tondan": None}),
        ("az", ("Ötən ilin eyni dövrü ilə müqayisədə 2,8 % çox - 13 907,9 milyon kilovat-saat "
               "enerji istehsal edilib."),
         {"2,8 %": "increase"}),
        ("az", "Bu, ötən illə müqayisədə 222 ədəd və ya 19,9 % çoxdur.",
         {"222 ədəd": "increase", "19,9 %": "increase"}),
        # kk and az amounts in a list share the verb that ends it
        ("az", "Bakı şəhərində 6,2 min ton, Sumqayıt şəhərində 0,4 min ton artıb.",
         {"6,2 min ton": "increase", "0,4 min ton": "increase"}),
        ("ru", "Газом обеспечат 244 тыс. человек или доведут уровень газификации до 61,1%.",
         {"244 тыс. человек": None}),
    ],
)
def test_direction_is_set_only_for_statements_of_change(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].direction for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", ("According to the Roadmap for planting 2.5 million green spaces by 2030, "
               "643 thousand trees were planted during the period 2023-2024."),
         {"2.5 million green spaces": 2030, "643 thousand trees": 2024}),
        ("en", ("In 2024, 11 out of 26 projects worth 15.4 billion tenge were commissioned, "
               "and work on 15 projects will continue in 2025."),
         {"11": 2024, "26 projects": 2024, "15.4 billion tenge": 2024, "15 projects": 2025}),
        ("en", ("For 9 months of 2024, emissions decreased by 14.5 thousand tons compared to the "
               "same period in 2023."),
         {"9 months": 2024, "14.5 thousand tons": 2024}),
        ("en", "Renewables account for 11.3% of output, up from 7% in 2021.",
         {"11.3%": None, "7%": 2021}),
        ("ru", "В 2024 году выбросы составили 612,4 тыс. тонн.", {"612,4 тыс. тонн": 2024}),
        ("kk", "Шығарындылар 2024 жылы 42,7 мың тоннаны құрады.", {"42,7 мың тоннаны": 2024}),
        ("az", "2030-cu ilə qədər payın 30 faizə çatdırılması nəzərdə tutulur.",
         {"30 faizə": 2030}),
        ("en", "At EXPO 2020 the pavilion hosted 30 meetings.", {"30 meetings": None}),
    ],
)
def test_year_is_the_one_that_governs_the_mention(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].year for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The region plans to build 5 hydroelectric power plants by 2030.",
         {"5 hydroelectric power plants": "target"}),
        ("en", ("In 2025, it is planned to launch a project sorting 36 thousand tons of waste "
               "per year, producing 10 thousand tons of bitumen per year."),
         {"36 thousand tons": "target", "10 thousand tons": "target"}),
        ("en", ("Based on the results for 2024, the fleet has been 100% updated, and the bus "
               "fleet will be renewed in 2025."), {"100%": "actual"}),
        ("en", "The region annually generates 145 thousand tons of solid waste.",
         {"145 thousand tons": "actual"}),
        ("ru", "Для этого предусмотрены мероприятия на сумму 900 млрд тенге.",
         {"900 млрд тенге": "target"}),
        ("ru", "Мощность станции составит 100 МВт.", {"100 МВт": "target"}),
        ("ru", "В прошлом году посадили 86 тыс. саженцев.", {"86 тыс. саженцев": "actual"}),
        ("ru", "Кроме того, в области высадят 1,2 млн деревьев.", {"1,2 млн деревьев": "target"}),
        ("kk", "Биыл 250 мың ағаш отырғызылады.", {"250 мың ағаш": "target"}),
        ("kk", "Өткен жылы 180 мың көшет отырғызылды.", {"180 мың көшет": "actual"}),
        ("az", "Stansiya 230 MVt gücündə olacaq.", {"230 MVt": "target"}),
        ("az", "Ötən il 320 min ton tullantı yaranıb.", {"320 min ton": "actual"}),
        ("en", ("The city collects 3.1 million tons of waste a year, sorting 19.4% of it in "
               "2023, which is below the planned level of 25%."),
         {"3.1 million tons": "actual", "19.4%": "actual", "25%": "target"}),
        ("ru", ("Область переработала 41% отходов, которые планировалось довести до 50% к "
               "2026 году."), {"41%": "actual", "50%": "target"}),
        ("en", "Works on a 60 MW plant worth EUR 90 mln (KZT 45 bln) are underway.",
         {"60 MW": "target", "EUR 90 mln": "target"}),
    ],
)
def test_modality_tells_targets_from_facts(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].modality for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        ("ru", "Аким Карагандинской области сообщил о посадке 42 тыс. деревьев.",
         "42 тыс. деревьев", "Karaganda Region"),
        ("ru", "В Алматы построят 40 км сетей.", "40 км", "Almaty"),
        ("en", "Emissions from Kazzinc have decreased by 4 times.", "4 times", "Kazzinc"),
        ("en", "15 cities in Kazakhstan, with Almaty and Karaganda rated worst.", "15 cities",
         "Kazakhstan"),
        ("en", "East Kazakhstan Region news.\nThe region plans to build 5 plants.", "5 plants",
         "East Kazakhstan Region"),
        ("en", ("The East Kazakhstan region reported.\n"
               "In the center of the region emissions fell by 9.5%."), "9.5%", "Ust-Kamenogorsk"),
        ("en", "Kazzinc started work.\nThe enterprise will cut emissions by 1.6 thousand tons.",
         "1.6 thousand tons", "Kazzinc"),
        ("kk", "Шымкент қаласында 250 мың ағаш отырғызылады.", "250 мың ағаш", "Shymkent"),
        ("az", "Sumqayıt şəhərində 3 min ağac əkilib.", "3 min ağac", "Sumgayit"),
        ("az", ("Azərbaycan Sement İstehsalçıları Assosiasiyası yaradılıb\n"
               "İki günlük tədbir keçirilib."),
         "İki günlük", "Azerbaijan Cement Producers Association"),
    ],
)
def test_entity_is_the_most_specific_place_or_organization(lang, text, surface, entity):
    assert contexts(text, lang)[surface].entity == entity


def test_a_dateline_city_is_where_the_news_was_filed_not_what_it_is_about():
    text = ("ASTANA – Kazakhstan will commission 1.2 GW of new capacity.\n"
            "Last year renewables gave 5.9% of output.")
    got = contexts(text, "en")
    assert (got["1.2 GW"].entity, got["5.9%"].entity) == ("Kazakhstan", "Kazakhstan")


def test_a_country_before_an_officials_title_is_who_spoke_not_what_the_claim_is_about():
    text = ("BAKU – The Shamakhi wind farm will add 240 MW, Saudi Energy Minister Abdulaziz "
            "said on Monday.\nKazakhstan's Ambassador said trade grew by 12%.")
    got = contexts(text, "en")
    assert (got["240 MW"].entity, got["12%"].entity) == ("Shamakhi District", "Azerbaijan")


def test_a_level_to_bring_a_share_to_is_a_target_increase_not_a_bound():
    got = contexts("До 2030 года планируется довести долю ВИЭ до 15%.", "ru")["15%"]
    assert (got.qualifier, got.direction, got.year, got.modality) == (
        None, "increase", 2030, "target")


def test_a_place_in_a_list_is_not_the_claim_entity():
    text = ("In the Karaganda region it is planned to build 6 landfills in Balkhash, Abay and "
            "Shetsky districts.")
    assert contexts(text, "en")["6 landfills"].entity == "Karaganda Region"


def test_indicator_comes_from_the_lexicon_near_the_mention():
    got = contexts("The volume of gross emissions reaches 225.2 thousand tons.", "en")
    assert got["225.2 thousand tons"].indicator == "emissions"


@pytest.mark.parametrize(
    ("lang", "text", "surface", "year"),
    [
        ("ru", "В прошлом году посадили 86 тыс. саженцев.", "86 тыс. саженцев", 2024),
        ("en", "This year the plant will cut emissions by 5%.", "5%", 2025),
        ("kk", "Өткен жылы 180 мың көшет отырғызылды.", "180 мың көшет", 2024),
        ("az", "Bu il 5 min ağac əkiləcək.", "5 min ağac", 2025),
    ],
)
def test_relative_years_resolve_against_the_publication_date(lang, text, surface, year):
    import datetime as dt

    found = mentions.extract(text, lang)
    got = context.annotate(text, lang, sentences.split(text), found, published=dt.date(2025, 3, 14))
    assert {m.surface: c.year for m, c in zip(found, got)}[surface] == year
    assert contexts(text, lang)[surface].year is None  # without a publication date, no year


def test_a_calendar_year_is_four_digits_not_glued_to_a_word_a_number_or_a_percent():
    text = "2024 and 2025–2030, not A2024, 1.2024, 12024, 2030% or 2019,5; 1999."
    assert [m.groups() for m in context.YEAR.finditer(text)] == [
        ("2024", None), ("2025", "2030"), ("1999", None)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # look-alikes of target cues: a committee, a laser planner, a purpose, an adjective
        ("en", "According to the Statistics Committee, emissions rose by 4.1 percent.",
         {"4.1 percent": "actual"}),
        ("en", "The company committed to cut emissions by 20%.", {"20%": "target"}),
        ("ru", "Лазерные планировщики помогли сэкономить 50 млн кубометров воды.",
         {"50 млн кубометров": "actual"}),
        ("ru", "Планируется сэкономить 50 млн кубометров воды.", {"50 млн кубометров": "target"}),
        ("ru", "Это на 20 млн кубометров больше запланированного ранее объема.",
         {"20 млн кубометров": "actual"}),
        ("az", "Tullantıların 40 faizi zərərsizləşdirilməsi məqsədilə poliqonlara daşınıb.",
         {"40 faizi": "actual"}),
        ("kk", "Бүгінде облыста жаңартылатын энергия көздерінің қуаты 40 МВт құрайды.",
         {"40 МВт": "actual"}),
        ("kk", "Кәсіпорында орнатылған 12 жүйе деректерді жіберіп келеді.", {"12 жүйе": "actual"}),
        ("kk", "Келесі жылы облыста 30 МВт күн электр станциясы салынады.", {"30 МВт": "target"}),
        # future forms and plan words
        ("en", "Kazakhstan to commission 5 solar power plants", {"5 solar power plants": "target"}),
        ("ru", "В регионе появятся 12 ветровых электростанций.",
         {"12 ветровых электростанций": "target"}),
        ("az", "Şirkət 2 QVt gücündə stansiya tikəcəyini bildirib.", {"2 QVt": "target"}),
        ("az", "Hazırda rayonda 50 MVt gücündə stansiya inşa edilir.", {"50 MVt": "target"}),
        ("kk", "Президенттің 1 млрд ағаш отырғызу тапсырмасы орындалуда.",
         {"1 млрд ағаш": "target"}),
        ("kk", "Алдағы екі жылға арналған бюджетте 40 млрд теңге қарастырылды.",
         {"40 млрд теңге": "target"}),
    ],
)
def test_modality_ignores_look_alikes_of_target_cues(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].modality for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Шығарындылар көлемі 148 мың тоннаға төмендеген.", {"148 мың тоннаға": "decrease"}),
        ("Шығарындылар 7 пайызға төмендеді.", {"7 пайызға": "decrease"}),
    ],
)
def test_kazakh_lowered_is_a_decrease(text, expected):
    got = contexts(text, "kk")
    assert {k: got[k].direction for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "surface", "qualifier", "direction"),
    [
        # `çox`/`az`/`астам` after an amount in the ablative bound it; after a bare amount
        # they compare
        ("az", "Ötən il əvvəlki illə müqayisədə 6,1 faiz çox tullantı yaranıb.", "6,1 faiz", None,
         "increase"),
        ("az", "Bu, 2020-ci illə müqayisədə 2,4 faiz az enerji deməkdir.", "2,4 faiz", None,
         "decrease"),
        ("az", "Rayonda 300 tondan çox tullantı toplanıb.", "300 tondan", "gt", None),
        ("kk", "Өткен жылы 5 мың тоннадан астам қалдық жиналды.", "5 мың тоннадан", "gt", None),
        # the longest cue before the number decides
        ("ru", "Доля ВИЭ в балансе не превышает 3%.", "3%", "le", None),
        ("ru", "Доля ВИЭ в балансе превышает 3%.", "3%", "gt", None),
        ("ru", "На очистку направят не более 5% средств.", "5%", "lt", None),
        ("az", "Xərc uzağı 3 il ərzində geri qayıdacaq.", "3 il", "le", None),
    ],
)
def test_qualifier_bounds_an_amount_a_comparative_changes_it(
        lang, text, surface, qualifier, direction):
    got = contexts(text, lang)[surface]
    assert (got.qualifier, got.direction) == (qualifier, direction)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # kk and az write `by 2035` as a postposition after the year
        ("kk", ("Үкімет 2035 жылға дейін қуаты 20 ГВт жаңа станцияларды іске қосу жұмысын "
               "жүргізіп жатыр."),
         {"20 ГВт": "target"}),
        ("kk", "2030 жылға қарай қалдықтарды өңдеу деңгейі 40 пайызды құрауы керек.",
         {"40 пайызды": "target"}),
        ("az", "2030-cu ilədək bərpa olunan enerjinin payı 30 faiz olmalıdır.",
         {"30 faiz": "target"}),
        ("az", "2035-dək ölkədə günəş stansiyalarının gücü 2 QVt olmalıdır.", {"2 QVt": "target"}),
        # a completed fact keeps its verb; a comparison base year is no deadline
        ("kk", "2020 жылға дейін облыста 5 мың ағаш отырғызылды.", {"5 мың ағаш": "actual"}),
        ("kk", "2022 жылмен салыстырғанда шығарындылар 7 пайызға азайды.", {"7 пайызға": "actual"}),
    ],
)
def test_a_year_followed_by_a_deadline_postposition_makes_a_target(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].modality for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a year right after an amount dates that amount, not the next one
        ("en", ("Four wind farms were launched in 2020, 12 wind farms in 2021, 30 wind farms — "
               "in 2022."),
         {"Four wind farms": 2020, "12 wind farms": 2021, "30 wind farms": 2022}),
        ("en", "The share rose from 4.1% in 2022 to 5.3% in 2023.", {"4.1%": 2022, "5.3%": 2023}),
        ("en", "The aim was to reach 6% by 2025, but last year the share was already 7%.",
         {"6%": 2025, "7%": None}),
        ("ru", "Доля выросла с 4,1% в 2022 году до 5,3% в 2023 году.",
         {"4,1%": 2022, "5,3%": 2023}),
        # a year inside a relative clause dates that clause
        ("en", "The pipeline, which was started in 2021, needs another 2.1 billion tenge.",
         {"2.1 billion tenge": None}),
        ("ru", "Проект, который стартовал в 2021 году, требует еще 2,1 млрд тенге.",
         {"2,1 млрд тенге": None}),
        ("en", "In 2024 the plant, which opened in 2019, sorted 5 thousand tons of waste.",
         {"5 thousand tons": 2024}),
        # a number that is an amount is not a year
        ("az", "Martın 5-də 3 hektar ərazidə 2000-dən çox ağac əkilib.", {"3 hektar": None}),
    ],
)
def test_year_dates_its_own_amount_and_clause(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].year for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a level beside its change, absolute or relative, before or after it
        ("ru", "Мощность достигла 5200 МВт, что на 300 МВт больше, чем годом ранее.",
         {"5200 МВт": "increase", "300 МВт": "increase"}),
        ("en", "Emissions increased by 12,000 tons compared to 2022, totaling 410,000 tons.",
         {"12,000 tons": "increase", "410,000 tons": "increase"}),
        ("az", ("Əvvəlki illə müqayisədə 3,1 % çox - 9 500 milyon kilovat-saat enerji istehsal "
               "edilib."),
         {"3,1 %": "increase", "9 500 milyon kilovat-saat": "increase"}),
        ("az", "Ötən il 2100 min ton və ya əvvəlki illə müqayisədə 4,5 faiz çox tullantı yaranıb.",
         {"2100 min ton": "increase", "4,5 faiz": "increase"}),
        # an amount restated after `or` has the direction of the one it restates, or none
        ("en", "Cars accounted for 80 percent, or 300,000 tons, while emissions rose by 2%.",
         {"80 percent": None, "300,000 tons": None, "2%": "increase"}),
        ("ru", "Выбросы снизились на 7%, или на 12 тыс. тонн.",
         {"7%": "decrease", "12 тыс. тонн": "decrease"}),
        ("kk", "Шығарындылар 120 мың тоннаға немесе 6 пайызға төмендеді.",
         {"120 мың тоннаға": "decrease", "6 пайызға": "decrease"}),
        # a level and a plain share beside it: no change
        ("en", "The plant sorted 50 thousand tons, or 20% of the waste.",
         {"50 thousand tons": None, "20%": None}),
    ],
)
def test_a_level_and_a_restated_amount_share_the_direction_of_their_change(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].direction for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the same amount in another unit, in brackets, keeps the qualifier
        ("en", "The project is valued at approximately 3.1 billion tenge (US$6.2 million).",
         {"3.1 billion tenge": "approx", "US$6.2 million": "approx"}),
        ("ru", "Проект стоит около 3,1 млрд тенге (6,2 млн долларов).",
         {"3,1 млрд тенге": "approx", "6,2 млн долларов": "approx"}),
        # a different amount in brackets does not
        ("en", "About 40% of the budget (120 projects) went to water.",
         {"40%": "approx", "120 projects": None}),
        # kk: the possessive forms of the postpositions
        ("kk", "Яғни 25%-дан астамы орманға тиесілі.", {"25%": "gt"}),
    ],
)
def test_qualifier_of_a_converted_amount_and_of_possessive_postpositions(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].qualifier for k in expected} == expected


@pytest.mark.parametrize(
    ("lang", "text", "surface", "qualifier", "direction"),
    [
        # `возрастет до 20%` names the level reached after a change, not a bound
        ("ru", "Доля ВИЭ к 2030 году возрастет до 20 процентов.", "20 процентов", None, "increase"),
        ("ru", "Мощность установок составит до 20 МВт.", "20 МВт", "le", None),
        # kk `X-тен асу` (to exceed X) bounds the amount from below
        ("kk", "2060 жылға қарай ЖЭК үлесі 50%-тен асуға тиіс.", "50%", "gt", None),
    ],
)
def test_a_rise_to_a_level_and_a_kazakh_exceed(lang, text, surface, qualifier, direction):
    got = contexts(text, lang)[surface]
    assert (got.qualifier, got.direction) == (qualifier, direction)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # an English perfect is a completed fact, and its converted amount is the same claim
        ("en", ("The ministry has allocated 2.6 billion tenge (US$5.1 million) to build new "
               "water pipes."),
         {"2.6 billion tenge": "actual", "US$5.1 million": "actual"}),
        ("en", "The ministry has approved a plan to build 12 wind farms.",
         {"12 wind farms": "target"}),
        ("ru", "На проект выделят 2,6 млрд тенге (5,1 млн долларов), чтобы построить водопровод.",
         {"2,6 млрд тенге": "target", "5,1 млн долларов": "target"}),
    ],
)
def test_a_perfect_is_a_fact_and_a_converted_amount_shares_the_modality(lang, text, expected):
    got = contexts(text, lang)
    assert {k: got[k].modality for k in expected} == expected
