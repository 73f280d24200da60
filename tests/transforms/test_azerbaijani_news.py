"""Azerbaijani rules found on a private dev set of environment and energy news, pinned with
sentences written for these tests: units as the press writes them, counted compounds and
acronyms with a case ending, what the ablative and the participle say about a cue, changes
named by a gerund or `enib`, and a river named like a town."""

import pytest

from transforms import context, mentions, sentences


def rows(text: str) -> dict[str, tuple]:
    found = mentions.extract(text, "az")
    annotated = context.annotate(text, "az", sentences.split(text), found)
    return {m.surface: (m.value, m.unit, m.item, c.qualifier, c.direction, c.modality,
                        c.entity, c.indicator_code)
            for m, c in zip(found, annotated)}


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Stansiyada 420 milyon kV/saat enerji istehsal olunub.", "420 milyon kV/saat", 420000,
         "MWh"),
        ("Gölün sahəsi 12 min kvadratkilometr olub.", "12 min kvadratkilometr", 1.2e6, "ha"),
        ("Qoruğun sahəsi 3,5 kv. km təşkil edir.", "3,5 kv. km", 350, "ha"),
        ("Yeni anbarın sahəsi 800 kvadratmetr olacaq.", "800 kvadratmetr", 0.08, "ha"),
        ("Mənbədə günlük 2400 kubmetr su var.", "2400 kubmetr", 2400, "m3/day"),
    ],
)
def test_azerbaijani_units_as_the_press_writes_them(text, surface, value, unit):
    assert rows(text)[surface][:2] == (pytest.approx(value), unit)


def test_a_voltage_in_kilovolts_is_not_a_count():
    assert rows("Rayonda 110 kV gərginlikli yarımstansiya tikilib.") == {}


@pytest.mark.parametrize(
    ("text", "surface", "item", "code"),
    [
        ("Ərazidə 14 Su Elektrik Stansiyası işləyir.", "14 Su Elektrik Stansiyası",
         "Su Elektrik Stansiyası", "energy.plants"),
        ("Çay üzərində 6 SES-in tikintisi başa çatıb.", "6 SES-in", "SES-in", "energy.plants"),
        ("Payızda 25 mindən artıq müxtəlif cinsli ağac əkilib.", "25 mindən", "ağac",
         "forest.planting"),
        ("Meşəçilərin iştirakı ilə 900-dən çox həmişəyaşıl ağac tingi əkilib.", "900",
         "ağac tingi", "forest.planting"),
        ("Layihədə 12 külək turbini quraşdırılacaq.", "12 külək turbini", "külək turbini",
         "energy.plants"),
    ],
)
def test_a_counted_compound_keeps_its_head_and_names_the_code(text, surface, item, code):
    got = rows(text)[surface]
    assert (got[2], got[7]) == (item, code)


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        # `mənbələrindən`: where the energy comes from; the measured thing is the electricity
        ("Bərpa olunan enerji mənbələrindən 3 dəfə artımla elektrik enerjisi istehsal edilib.",
         "3 dəfə", "energy.generation"),
        # `avtomobillərdən atılan`: emissions from cars, not cars
        ("Onun 70,5 faizi avtomobillərdən atılan tullantıların payına düşüb.", "70,5 faizi",
         "air.emissions"),
        ("Gəncə şəhərində atılan zərərli tullantıların həcmi 2,1 min ton artıb.", "2,1 min ton",
         "air.emissions"),
        ("Stansiya sayəsində 90 min ton karbon qazının atılmasının qarşısı alınıb.",
         "90 min ton", "climate.ghg_emissions"),
        ("Kəndlərdə 14 km uzunluğunda su xətləri çəkilib.", "14 km", "water.supply"),
        ("Bu il 150 hektar meşə fondu torpağında ağaclar əkiləcək.", "150 hektar",
         "forest.planting"),
    ],
)
def test_an_ablative_or_a_locative_cue_says_where_not_what(text, surface, code):
    assert rows(text)[surface][7] == code


def test_a_cue_written_in_the_ablative_still_names_the_code():
    got = rows("Ölçmələrə görə, göstərici 4 dəfə normadan yüksək olub.")
    assert got["4 dəfə"][7] == "air.quality"


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "direction"),
    [
        ("Tullantıların həcmi 1,2 min ton artaraq ümumilikdə 560,4 min ton təşkil edib.",
         "560,4 min ton", None, "increase"),
        ("Gölün səviyyəsi mənfi 27,5 metrədək enib.", "mənfi 27,5 metrədək", None, "decrease"),
        ("Gölün sahəsi 10 ildə 4 min hektar kiçilib.", "4 min hektar", None, "decrease"),
        ("Sahilin geri çəkilməsi 12-15 kilometrə qədərdir.", "12-15 kilometrə", "le", None),
    ],
)
def test_azerbaijani_changes_levels_and_bounds(text, surface, qualifier, direction):
    assert rows(text)[surface][3:5] == (qualifier, direction)


def test_the_period_of_a_change_takes_no_direction():
    got = rows("Son iki ildə dənizin səviyyəsi 30 santimetr azalıb.")
    assert (got["iki ildə"][4], got["30 santimetr"][4]) == (None, "decrease")


def test_a_clause_with_its_own_past_verb_is_actual_beside_a_plan():
    got = rows('Çayın potensialının 12 SES olması müəyyən edilib: "Hazırda 8 SES istismardadır, '
               '4 SES-in inşası nəzərdə tutulur".')
    assert [got[s][5] for s in ("12 SES", "8 SES", "4 SES-in")] == ["actual", "actual", "target"]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Tərtərçayın üzərində 4 SES fəaliyyət göstərir.", "Tartar River"),
        ("Tərtər rayonunda 4 SES fəaliyyət göstərir.", "Tartar District"),
    ],
)
def test_a_river_named_like_a_town_is_the_river(text, entity):
    assert rows(text)["4 SES"][6] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # a name that spans two places (a plant, a pipeline) is where neither claim is
        ("Kürdəmir rayonunda işlər gedir.\nSuraxanı-Bakı su kəmərinin uzunluğu 40 km olacaq.",
         "40 km", "Azerbaijan"),
        ("Xaçmaz-Quba külək stansiyasının tikintisinə 80 milyon dollar yönəldiləcək.",
         "80 milyon dollar", "Azerbaijan"),
        # near a city is not in it
        ("Gəncə yaxınlığında 25 MVt gücündə günəş stansiyası tikiləcək.", "25 MVt", "Azerbaijan"),
        ("Gəncədə 25 MVt gücündə günəş stansiyası tikiləcək.", "25 MVt", "Ganja"),
    ],
)
def test_a_place_inside_a_compound_name_or_near_the_claim_is_not_its_entity(text, surface, entity):
    assert rows(text)[surface][6] == entity


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Şabran rayonunun kəndlərində Şabran meşəçiləri 600 ağac əkib.", "Shabran District"),
        ("Şabran rayonunun kəndlərində, Şabran şəhərində isə 600 ağac əkilib.", "Shabran"),
        ("Şabranda 600 ağac əkilib.", "Shabran"),
    ],
)
def test_a_towns_bare_name_in_a_text_about_its_district_is_the_district(text, entity):
    assert rows(text)["600 ağac"][6] == entity


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Zavoda 52 min 417,25 ton tullantı gətirilib.", "52 min 417,25 ton", 52417.25, "t"),
        ("Anbara 610 milyon kub su daxil olub.", "610 milyon kub", 6.1e8, "m3"),
        ("Gölün səviyyəsi 1,8 m enib.", "1,8 m", 0.0018, "km"),
    ],
)
def test_a_thousand_with_a_decimal_remainder_and_short_units(text, surface, value, unit):
    assert rows(text)[surface][:2] == (pytest.approx(value), unit)


def year_of(text: str, surface: str) -> int | None:
    found = mentions.extract(text, "az")
    annotated = context.annotate(text, "az", sentences.split(text), found)
    return next(c.year for m, c in zip(found, annotated) if m.surface == surface)


def test_a_year_before_a_comparison_several_words_off_is_its_baseline():
    text = "Ehtiyatlar 2019-cu ilin eyni dövrü ilə müqayisədə 4,1 milyard kubmetr çoxdur."
    assert (rows(text)["4,1 milyard kubmetr"][4], year_of(text, "4,1 milyard kubmetr")) == (
        "increase", None)


@pytest.mark.parametrize(
    "text",
    [
        "Resurslardan planlı istifadə sayəsində anbarlarda 3,2 milyard kubmetr su toplanıb.",
        "2023-cü il dövlət büdcəsində nəzərdə tutulmuş vəsaitdən 15 milyon manat ayrılıb.",
    ],
)
def test_a_planned_manner_or_a_budget_provision_is_not_a_target(text):
    assert [r[5] for r in rows(text).values()] == ["actual"]


def test_a_plan_word_alone_still_makes_a_target():
    assert [r[5] for r in rows("Anbarda 3,2 milyard kubmetr su toplanması planlaşdırılır.")
            .values()] == ["target"]


def test_an_agency_bureau_a_dateline_line_and_the_reservoir_anaphor():
    text = ("Şəmkir su anbarında suyun səviyyəsi 1,5 m enib\n"
            "12 may 2021 10:15\n\n"
            "Agentliyin Gəncə bürosunun məlumatına görə, hazırda səviyyə 150,2 metr təşkil edir.\n"
            "Yay aylarında anbara 40 milyon kubmetr su daxil olub.")
    got = rows(text)
    assert [got[s][6] for s in ("1,5 m", "150,2 metr", "40 milyon kubmetr")] == [
        "Shamkir Reservoir", "Shamkir Reservoir", "Shamkir Reservoir"]
    assert got["1,5 m"][7] == "water.resources"


@pytest.mark.parametrize(
    "text",
    [
        "Şirkət tədbirlər planına uyğun olaraq 3 yarımstansiya tikib.",
        "Bu 4 il ərzində qurum Tədbirlər planı əsasında işlər görüb.",
    ],
)
def test_work_done_according_to_a_plan_is_actual(text):
    assert [r[5] for r in rows(text).values()] == ["actual"]


def test_a_number_in_quotes_is_a_name_not_a_count():
    assert rows("Məlumat “103” qaynar xəttinə daxil olub.") == {}


def test_a_multiple_of_the_norm_is_no_change_but_a_multiple_of_before_is():
    norm = rows("Havada dəm qazının miqdarı normadan 1,6 dəfə yüksək müəyyən edilib.")
    before = rows("Elektrikli avtobusların sayı ötən illə müqayisədə 1,6 dəfə çoxdur.")
    assert (norm["1,6 dəfə"][4], norm["1,6 dəfə"][7], before["1,6 dəfə"][4]) == (
        None, "air.quality", "increase")


def test_a_date_line_keeps_the_heading_above_it():
    text = "Gəncədə yeni parklar salınır\n12 may 2021 10:15\n\nİl ərzində 40 min ağac əkilib."
    assert rows(text)["40 min ağac"][6] == "Ganja"


def test_a_rubric_line_ends_the_reach_of_a_heading_and_its_event_lead():
    text = ("Prezident Azərbaycanda yeni parkların açılışında iştirak edib\nEkologiya\n\n"
            "Prezident Gəncədə tədbirdə çıxış edib.\n\nİl ərzində 40 min ağac əkilib.")
    assert rows(text)["40 min ağac"][6] == "Azerbaijan"


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Kanal saniyədə 42 kubmetr su ötürür.", "42 kubmetr", 42 * 86400, "m3/day"),
        ("Zavod ildə 300 min ton tullantı qəbul edir.", "300 min ton", 300000, "t/year"),
    ],
)
def test_a_flow_per_second_is_a_daily_rate(text, surface, value, unit):
    assert rows(text)[surface][:2] == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Su mərhələli şəkildə 45 kubmetr həcmində buraxılıb.", "Azerbaijan"),
        ("Şəkidə 45 kubmetr su buraxılıb.", "Shaki"),
        ("Yuxarı Şirvan kanalı ilə 45 kubmetr su buraxılıb.", "Upper Shirvan Canal"),
    ],
)
def test_a_word_that_starts_like_a_town_is_not_the_town(text, entity):
    assert rows(text)["45 kubmetr"][6] == entity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hər iki ölkədə enerjiyə tələbat artır.", {}),
        ('"Ulduz 3" GES-in tikintisinə başlanılıb.', {}),
        ("İki ölkədə 3 GES tikilib.", {"İki ölkədə": 2.0, "3 GES": 3.0}),
    ],
)
def test_both_and_a_number_that_ends_a_quoted_name_are_no_counts(text, expected):
    assert {s: r[0] for s, r in rows(text).items()} == expected


def test_an_ablative_before_a_qualifier_is_no_change():
    got = rows("300 mindən çox əhalisi olan şəhərdə tullantıların həcmi artır.")
    assert got["300 mindən"][3:5] == ("gt", None)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Naxçıvan Muxtar Respublikasında işlər gedir. Naxçıvanın 40 MVt potensialı var.",
         "Nakhchivan Autonomous Republic"),
        ("Naxçıvan Muxtar Respublikasında işlər gedir. Naxçıvan şəhərində 40 MVt güc var.",
         "Nakhchivan"),
    ],
)
def test_a_bare_town_named_like_its_region_is_the_region(text, entity):
    assert rows(text)["40 MVt"][6] == entity


def test_soon_is_a_target():
    assert rows("Yaxın vaxtlarda 300 meqavatlıq stansiya tikintisi başlaya bilər.")[
        "300 meqavatlıq"][5] == "target"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (("Günəş və külək elektrik stansiyalarının təməli qoyulub. Qeyd edək ki, iki elektrik "
          "stansiyasının ümumi qoyuluş gücü 900 MVt olacaq."), "energy.renewable_capacity"),
        ("İstilik elektrik stansiyasının gücü 900 MVt olacaq.", "energy.capacity"),
        ("Yeni elektrik stansiyasının gücü 900 MVt olacaq.", "energy.capacity"),
    ],
)
def test_a_power_station_in_general_is_renewable_where_the_text_says_so(text, code):
    assert rows(text)["900 MVt"][7] == code


def test_a_year_in_the_locative_before_a_comparison_is_the_claims_year():
    text = "2024-cü ildə əvvəlki illə müqayisədə xərclər 1,8 dəfə artıb."
    assert year_of(text, "1,8 dəfə") == 2024


def test_a_share_of_gdp_is_not_agriculture():
    got = rows("Ekoloji xərclər ümumi daxili məhsulun 0,4 faizini təşkil edib.")
    assert got["0,4 faizini"][7] != "agriculture.production"


def test_a_clause_joined_by_ise_shares_the_verb_of_the_next():
    got = rows("Hibrid avtomobillərin sayı 900 ədəd və ya 12 faiz, elektrik avtomobillərin sayı "
               "isə 300 ədəd və ya 2 dəfə artıb.")
    assert [got[s][4] for s in ("900 ədəd", "12 faiz", "300 ədəd", "2 dəfə")] == [
        "increase"] * 4


def test_in_the_future_is_a_target():
    assert rows("Gələcəkdə stansiyanın gücü 400 MVt ola bilər.")["400 MVt"][5] == (
        "target")


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Almaniyanın “Solar Tech” şirkəti Azərbaycanda 40 MVt gücündə stansiya tikəcək.",
         "Azerbaijan"),
        ("Almaniyanın Solar Tech şirkəti Gəncədə 40 MVt gücündə stansiya tikəcək.", "Ganja"),
        ("Almaniyada 40 MVt gücündə stansiya tikiləcək.", "Germany"),
    ],
)
def test_a_country_before_a_company_is_where_it_comes_from_not_the_claims_place(text, entity):
    assert rows(text)["40 MVt"][6] == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Abşeron yarımadasında sahəsi böyük olan 40 göl var.", "40 göl", "Absheron Peninsula"),
        # trap: the district that shares the peninsula's name
        ("Abşeron rayonunda 3 göl təmizlənib.", "3 göl", "Absheron District"),
        ("Alimlər Abşeron yarımadasını öyrənib. Yarımadada 75 göl qeydə alınıb.", "75 göl",
         "Absheron Peninsula"),
        # a place inside a company's name is the company
        ("“Azərbaycan Xəzər Dəniz Gəmiçiliyi” QSC 12 ton metalı təkrar emala göndərib.",
         "12 ton", "ASCO"),
        ("Qax rayonunda aksiya keçirilib. Rayon sakinləri 2 min ağac əkib.", "2 min ağac",
         "Gakh District"),
        # trap: `rayonda` after a number counts districts, it points back to none
        ("Qax rayonunda aksiya keçirilib.\n\nSon 5 gündə 9 rayonda 4 min ağac əkilib.",
         "4 min ağac", "Azerbaijan"),
    ],
)
def test_peninsula_company_and_district_anaphora(text, surface, entity):
    assert rows(text)[surface][6] == entity


def test_a_qualifier_after_a_bracket_that_restates_the_amount_and_signs():
    got = rows("Sahəsi 2 hektardan (≥20000 m2) çox olan göllər sayılıb.")
    assert (got["2 hektardan"][3], got["20000 m2"][3]) == ("gt", "ge")


def test_a_level_restated_past_the_base_of_a_comparison_shares_its_direction():
    got = rows("Tullantılardan 120 milyon kVt saat və ya 2022-ci illə müqayisədə 4,1 faiz az "
               "elektrik enerjisi istehsal edilib.")
    assert (got["120 milyon kVt saat"][4], got["4,1 faiz"][4]) == ("decrease", "decrease")
    # trap: a level stated alone is no change
    assert rows("Tullantılardan 120 milyon kVt saat elektrik enerjisi istehsal edilib."
                )["120 milyon kVt saat"][4] is None


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Tullantıların 40 faizi xammal kimi istifadə edilib.", "40 faizi", "waste.recycled"),
        ("Tullantıların 15 faizi zərərsizləşdirilməsi məqsədilə poliqonlara daşınıb.",
         "15 faizi", "waste.generated"),
        # trap: neutralised pollutants are still emissions
        ("Atmosferə atılan çirkləndirici maddələrin 55 faizi tutularaq zərərsizləşdirilib.",
         "55 faizi", "air.emissions"),
    ],
)
def test_what_is_done_with_waste_names_its_code(text, surface, code):
    assert rows(text)[surface][7] == code


def test_megawatts_written_in_capitals():
    assert rows("Gücü 150 MVT olan stansiya tikiləcək.")["150 MVT"][:2] == (150, "MW")
