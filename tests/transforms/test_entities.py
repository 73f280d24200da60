"""The entity of a claim (GUIDE.md section 2, transforms/entities.py), on sentences written
for these tests after the shape of real news in ru, en, kk and az."""

import time

import pytest

from transforms import context, entities, mentions, sentences


def entity_of(text: str, lang: str, surface: str) -> str | None:
    found = mentions.extract(text, lang)
    got = {
        m.surface: c.entity
        for m, c in zip(found, context.annotate(text, lang, sentences.split(text), found))
    }
    return got[surface]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "ru",
            "В Павлодарской области посадили 120 тыс. деревьев.",
            "120 тыс. деревьев",
            "Pavlodar Region",
        ),
        ("en", "Emissions in Karaganda fell by 7% last year.", "7%", "Karaganda"),
        ("kk", "Алматы облысында 40 мың көшет отырғызылды.", "40 мың көшет", "Almaty Region"),
        ("kk", "Алматыда 15 км жаңа желі салынды.", "15 км", "Almaty"),
        ("az", "Bakıda 12 min ağac əkilib.", "12 min ağac", "Baku"),
        ("az", "Bakı şəhərində 3 min ton tullantı toplanıb.", "3 min ton", "Baku"),
    ],
)
def test_a_place_in_the_sentence_is_the_entity_whatever_its_case_ending(
    lang, text, surface, entity
):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "ru",
            "В Шымкенте за год высадили 50 тыс. деревьев, а в Таразе – 20 тыс. кустарников.",
            "20 тыс. кустарников",
            "Taraz",
        ),
        (
            "en",
            "Shymkent planted 50 thousand trees, while Taraz planted 20 thousand shrubs.",
            "20 thousand shrubs",
            "Taraz",
        ),
        (
            "kk",
            "Шымкентте 50 мың ағаш, ал Таразда 20 мың бұта отырғызылды.",
            "20 мың бұта",
            "Taraz",
        ),
        ("az", "Bakıda 50 min ağac, Sumqayıtda isə 20 min kol əkilib.", "20 min kol", "Sumgayit"),
    ],
)
def test_the_claims_own_clause_is_read_before_the_rest_of_the_sentence(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        ("en", "NUR-SULTAN. KAZINFORM – Pollutant emissions fell by 18% nationwide.", "18%"),
        ("en", "ASTANA – The ministry will commission 1.2 GW of new capacity.", "1.2 GW"),
        ("ru", "АСТАНА, 3 декабря – Выбросы снизились на 6% за год.", "6%"),
        ("ru", "Астана. 5 марта. КазТАГ – Выбросы снизились на 6% за год.", "6%"),
        ("kk", "АСТАНА. KAZINFORM — Биыл 2 млн көшет отырғызылады.", "2 млн көшет"),
    ],
)
def test_a_dateline_is_where_the_news_was_filed_and_gives_the_country(lang, text, surface):
    assert entity_of(text, lang, surface) == "Kazakhstan"


def test_an_azerbaijani_dateline_gives_azerbaijan_for_the_country_anaphor():
    text = "Bakı. 12 yanvar. Ölkədə 5 min ton tullantı emal edilib."
    assert entity_of(text, "az", "5 min ton") == "Azerbaijan"


def test_baku_dateline_in_english_is_not_the_entity():
    text = "BAKU – Azerbaijan will build 3 solar power plants by 2030."
    assert entity_of(text, "en", "3 solar power plants") == "Azerbaijan"


@pytest.mark.parametrize(
    "dateline", ["BAKU, Azerbaijan, March 4\n\nTrend:\n\n", "BAKU, Azerbaijan, March 4. "]
)
def test_a_baku_dateline_does_not_make_a_text_about_another_country_azerbaijani(dateline):
    text = (
        f"{dateline}The Energy Minister of Kyrgyzstan opened a wind farm, Trend reports.\n"
        "The minister reviewed plans for a new plant of 300 MW on the site.\n"
    )
    assert entity_of(text, "en", "300 MW") == "Kyrgyzstan"


def test_a_dateline_still_gives_the_country_of_a_text_that_names_no_other():
    text = "BAKU, Azerbaijan, March 4. The ministry will commission 240 MW of wind capacity."
    assert entity_of(text, "en", "240 MW") == "Azerbaijan"


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "en",
            (
                "Kazakhstan plans new parks.\n"
                "According to the World Bank, air pollution costs 5% of GDP."
            ),
            "5%",
            "Kazakhstan",
        ),
        ("en", "UNDP reports that Kazakhstan lost 8% of its saxaul forests.", "8%", "Kazakhstan"),
        ("en", "UNDP will allocate 2 million dollars to the project.", "2 million dollars", "UNDP"),
        (
            "en",
            (
                "Kazakhstan Aluminium Smelter meets BAT. It will reach the European level within"
                " 10 years, said a spokesperson for the Kazakh Ministry of Ecology."
            ),
            "10 years",
            "Kazakhstan Aluminium Smelter",
        ),
        (
            "ru",
            "Казахстан расширяет леса.\nПо данным ПРООН, площадь саксаула сократилась на 5%.",
            "5%",
            "Kazakhstan",
        ),
        (
            "kk",
            "Қазақстан орман алқабын кеңейтуде.\nБҰҰДБ мәліметінше, 12 мың гектар орман жойылды.",
            "12 мың гектар",
            "Kazakhstan",
        ),
        (
            "az",
            (
                "Azərbaycan meşələri bərpa edir.\n"
                "Dünya Bankının məlumatına görə, meşələrin 40 faizi bərpa olunub."
            ),
            "40 faizi",
            "Azerbaijan",
        ),
    ],
)
def test_a_body_quoted_as_the_source_is_not_the_entity_of_its_figures(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "en",
            (
                "Kazakhstan cuts emissions\nThe Minister of Ecology said 68 enterprises installed "
                "monitoring."
            ),
            "68 enterprises",
            "Kazakhstan",
        ),
        (
            "en",
            (
                "In the Karaganda region trees were planted. The Ministry of Energy plans 5 new "
                "plants."
            ),
            "5 new plants",
            "Kazakhstan",
        ),
        (
            "ru",
            (
                "Казахстан сокращает выбросы\nМинистерство экологии сообщило, что 68 предприятий "
                "установили систему."
            ),
            "68 предприятий",
            "Kazakhstan",
        ),
        (
            "kk",
            "Қазақстан шығарындыларды азайтады\nЭкология министрлігі 91 кәсіпорынды тексерді.",
            "91 кәсіпорынды",
            "Kazakhstan",
        ),
        (
            "az",
            (
                "Azərbaycanda ekoloji nəzarət\n"
                "Ekologiya və Təbii Sərvətlər Nazirliyi 1571 müəssisədə yoxlama aparıb."
            ),
            "1571 müəssisədə",
            "Azerbaijan",
        ),
    ],
)
def test_a_national_body_stands_for_the_documents_country(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "en",
            "Kazzinc presented its plan.\nThe company will cut emissions by 10%.",
            "10%",
            "Kazzinc",
        ),
        (
            "en",
            "The akim of the Pavlodar region spoke. The region will build 3 landfills.",
            "3 landfills",
            "Pavlodar Region",
        ),
        ("ru", "Казцинк представил программу. Комбинат сократит выбросы на 10%.", "10%", "Kazzinc"),
        (
            "ru",
            "Аким Павлодарской области выступил. В регионе построят 3 полигона.",
            "3 полигона",
            "Pavlodar Region",
        ),
        (
            "kk",
            "Ақтөбе облысында жиын өтті. Облыста 500 мың көшет отырғызылды.",
            "500 мың көшет",
            "Aktobe Region",
        ),
        (
            "kk",
            "Ақтөбеде жиын өтті.\nОблыста 500 мың көшет отырғызылды.",
            "500 мың көшет",
            "Aktobe Region",
        ),
        (
            "az",
            "Sumqayıt şəhərində tədbir keçirilib. Şəhərdə 2 min ağac əkilib.",
            "2 min ağac",
            "Sumgayit",
        ),
    ],
)
def test_a_description_points_back_to_the_last_entity_of_its_type(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        (
            "en",
            "Almaty opened 5 new parks.\nOver the year, 120 landfills were closed.",
            "120 landfills",
        ),
        ("ru", "В Алматы открыли 5 парков.\nЗа год закрыто 120 полигонов.", "120 полигонов"),
        ("kk", "Алматыда 5 саябақ ашылды.\nБір жылда 120 полигон жабылды.", "120 полигон"),
    ],
)
def test_a_new_paragraph_that_names_nothing_belongs_to_the_documents_country(lang, text, surface):
    assert entity_of(text, lang, surface) == "Kazakhstan"


def test_a_new_paragraph_keeps_the_subject_in_azerbaijani_only_when_it_says_so():
    text = (
        "Gəncədə 5 park açılıb.\nBu parklarda 3 min ağac əkilib.\nİl ərzində 120 poliqon bağlanıb."
    )
    assert (entity_of(text, "az", "3 min ağac"), entity_of(text, "az", "120 poliqon")) == (
        "Ganja",
        "Azerbaijan",
    )


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        (
            "ru",
            "Казахмыс изучит экосистему озера Балхаш.\nЭти инициативы рассчитаны на 5 лет.",
            "5 лет",
        ),
        (
            "en",
            (
                "Kazakhmys will study the ecosystem of Lake Balkhash.\n"
                "These initiatives will take 5 years."
            ),
            "5 years",
        ),
    ],
)
def test_a_paragraph_opening_with_these_keeps_the_subject_of_the_one_before(lang, text, surface):
    assert entity_of(text, lang, surface) == "Kazakhmys"


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "en",
            "Karaganda region: cutting emissions\nWork is under way. Emissions fell by 9%.",
            "9%",
            "Karaganda Region",
        ),
        (
            "ru",
            "Экологическая программа Алматы\nЗа год высажено 30 тыс. деревьев.",
            "30 тыс. деревьев",
            "Almaty",
        ),
        (
            "kk",
            "Түркістан облысы: жасыл белдеу\nБиыл 6 млн көшет отырғызылады.",
            "6 млн көшет",
            "Turkistan Region",
        ),
        ("az", "Gəncədə yeni park\nParkda 3 min ağac əkilib.", "3 min ağac", "Ganja"),
    ],
)
def test_a_heading_governs_the_paragraphs_under_it(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


def test_a_heading_stops_governing_where_the_text_moves_on_to_the_country():
    text = (
        "Karaganda region: cutting emissions\nEmissions fell by 9%.\n"
        "The Minister of Ecology reported on the national plan.\nBy 2035 emissions will fall by "
        "300 thousand tons."
    )
    assert (entity_of(text, "en", "9%"), entity_of(text, "en", "300 thousand tons")) == (
        "Karaganda Region",
        "Kazakhstan",
    )


@pytest.mark.parametrize(
    ("lang", "text", "surface"),
    [
        (
            "en",
            "Around the world, 2 billion tons of waste are produced every year.",
            "2 billion tons",
        ),
        ("ru", "В мире ежегодно образуется 2 млрд тонн отходов.", "2 млрд тонн"),
        ("kk", "Әлемде жыл сайын 2 млрд тонна қалдық пайда болады.", "2 млрд тонна"),
        ("az", "Dünyada hər il 2 milyard ton tullantı yaranır.", "2 milyard ton"),
    ],
)
def test_a_claim_about_the_world_is_the_worlds(lang, text, surface):
    assert entity_of(text, lang, surface) == "World"


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        ("ru", "Уровень озера Балхаш снизился на 20 см.", "20 см", "Lake Balkhash"),
        ("ru", "В Балхаше посадили 5 тыс. деревьев.", "5 тыс. деревьев", "Balkhash"),
        ("en", "The level of Lake Balkhash fell by 20 cm.", "20 cm", "Lake Balkhash"),
        ("en", "Balkhash planted 5 thousand trees.", "5 thousand trees", "Balkhash"),
        ("kk", "Балқаш көлінің деңгейі 20 см төмендеді.", "20 см", "Lake Balkhash"),
        ("kk", "Балқашта 5 мың ағаш отырғызылды.", "5 мың ағаш", "Balkhash"),
        ("az", "Balxaş gölünün səviyyəsi 20 sm azalıb.", "20 sm", "Lake Balkhash"),
    ],
)
def test_a_lake_and_a_city_of_one_name_are_kept_apart(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "ru",
            "Павлодарский нефтехимический завод сократил выбросы на 12%.",
            "12%",
            "Pavlodar Petrochemical Plant",
        ),
        (
            "en",
            "The Ust-Kamenogorsk Titanium and Magnesium Plant cut emissions by 8%.",
            "8%",
            "UKTMP",
        ),
        (
            "kk",
            "Өскемен титан-магний комбинаты шығарындыларды 8 пайызға азайтты.",
            "8 пайызға",
            "UKTMP",
        ),
        (
            "en",
            "Kazakhstan Temir Zholy will electrify 500 km of lines.",
            "500 km",
            "Kazakhstan Temir Zholy",
        ),
        (
            "ru",
            "Казахстан темир жолы электрифицирует 500 км линий.",
            "500 км",
            "Kazakhstan Temir Zholy",
        ),
        (
            "kk",
            "Қазақстан темір жолы 500 км желіні электрлендіреді.",
            "500 км",
            "Kazakhstan Temir Zholy",
        ),
        (
            "az",
            "Azərbaycan Sement İstehsalçıları Assosiasiyası 4 şirkəti birləşdirir.",
            "4 şirkəti",
            "Azerbaijan Cement Producers Association",
        ),
    ],
)
def test_a_place_in_a_company_name_names_the_company(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "en",
            "Almaty and Zhambyl regions received 40 thousand seedlings.",
            "40 thousand seedlings",
            "Kazakhstan",
        ),
        (
            "ru",
            "В Алматинской и Жамбылской областях высадили 40 тыс. саженцев.",
            "40 тыс. саженцев",
            "Kazakhstan",
        ),
        (
            "kk",
            "Алматы және Жамбыл облыстарында 40 мың көшет отырғызылды.",
            "40 мың көшет",
            "Kazakhstan",
        ),
        ("az", "Bakı və Sumqayıt şəhərlərində 5 min ağac əkilib.", "5 min ağac", "Azerbaijan"),
        ("en", "Shymkent, Taraz and Turkistan built 12 landfills.", "12 landfills", "Kazakhstan"),
        (
            "en",
            (
                "In the Karaganda region 6 landfills will be built in Balkhash, Abay and Shetsky "
                "districts."
            ),
            "6 landfills",
            "Karaganda Region",
        ),
    ],
)
def test_a_list_of_places_stands_for_their_common_parent(lang, text, surface, entity):
    assert entity_of(text, lang, surface) == entity


def test_nearest_skips_what_overlaps_and_charges_what_follows():
    items = [(0, 5, "before"), (8, 12, "overlapping"), (17, 24, "after")]
    assert entities.nearest(items, 10, 15) == "before"
    assert entities.nearest(items, 10, 15, later=0) == "after"
    assert entities.nearest([(8, 12, "overlapping")], 10, 15) is None


def test_document_country_is_the_country_named_most_else_that_of_its_places():
    doc = entities.read(
        "Baku hosts a forum. Kazakhstan and Azerbaijan signed it. Azerbaijan will host another.",
        "en",
    )
    assert doc.country == "Azerbaijan"
    assert entities.read("Shymkent and Baku met. Shymkent signed.", "en").country == "Kazakhstan"


def _time_extract(text: str) -> float:
    start = time.process_time()
    found = mentions.extract(text, "en")
    context.annotate(text, "en", sentences.split(text), found)
    return time.process_time() - start


def test_entity_resolution_time_grows_linearly_with_the_document():
    paragraph = (
        "The akim of the Karaganda region said that emissions in Temirtau fell by 5%. The region "
        "will "
        "build 3 landfills, while Almaty and Zhambyl regions plant 40 thousand trees.\n"
        "According to the World Bank, the company cut waste by 12 thousand tons in 2024.\n"
    )
    _time_extract(paragraph * 10)  # compile the patterns first
    small, large = _time_extract(paragraph * 200), _time_extract(paragraph * 800)
    assert large < small * 4 * 1.8  # 4x the text: linear is 4x, quadratic 16x


def test_the_next_sentence_keeps_what_a_description_pointed_to():
    text = "Ақтөбеде жиын өтті.\nОблыста 500 мың көшет егілді. Оның 70 пайызы көктеді."
    assert entity_of(text, "kk", "70 пайызы") == "Aktobe Region"


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        (
            "az",
            "Nazirlik bildirib ki, respublika üzrə 80 hektar ərazidə ağac əkilib.",
            "80 hektar",
            "Azerbaijan",
        ),
        (
            "kk",
            "Министрлік мәліметі бойынша, елімізде 12 мың гектар орман отырғызылды.",
            "12 мың гектар",
            "Kazakhstan",
        ),
        (
            "ru",
            "Министерство сообщило, что в стране высажено 12 тыс. гектаров леса.",
            "12 тыс. гектаров",
            None,
        ),
    ],
)
def test_a_document_naming_no_country_is_about_its_languages_country_in_kk_and_az_only(
    lang, text, surface, entity
):
    assert entity_of(text, lang, surface) == entity


@pytest.mark.parametrize(
    ("lang", "text", "surface", "entity"),
    [
        ("az", "Şabran rayonunda 12 min ağac əkilib.", "12 min ağac", "Shabran District"),
        ("az", "Şabranda 12 min ağac əkilib.", "12 min ağac", "Shabran"),
        ("ru", "В Аральском районе посадили 120 тыс. деревьев.", "120 тыс. деревьев",
         "Aral District"),
        ("ru", "В Аральске посадили 120 тыс. деревьев.", "120 тыс. деревьев", "Aralsk"),
        ("kk", "Целиноград ауданында 40 мың көшет отырғызылды.", "40 мың көшет",
         "Tselinograd District"),
        ("en", "Emissions in Lankaran District fell by 7% last year.", "7%", "Lankaran District"),
        ("en", "Emissions in Lankaran fell by 7% last year.", "7%", "Lankaran"),
    ],
)
def test_a_district_named_like_its_town_is_the_entity_only_with_the_district_word(
    lang, text, surface, entity
):
    assert entity_of(text, lang, surface) == entity
