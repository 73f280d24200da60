"""Kazakh news wording (Cyrillic and Latin): units, places and cues as Kazakh sites
write them. The sentences are written for these tests."""

import pytest

from schemas.claims import CLAIM_SCHEMA
from transforms.claims import extract_document
from transforms.mentions import extract


def found(text: str) -> list[tuple]:
    return [(m.surface, m.value, m.unit) for m in extract(text, "kk")]


def claims(text: str, fields: tuple[str, ...]) -> list[tuple]:
    rows = [dict(zip(CLAIM_SCHEMA, r)) for r in extract_document("d", "s", "kk", text)]
    return [tuple(r[f] for f in fields) for r in rows]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Ауданда қуаты 35 MVt bolatyn stansa salynady.", "35 MVt", 35, "MW"),
        ("Jalpy qýaty 2,5 megavatqa jetetin qondyrǵy ornatyldy.", "2,5 megavatqa", 2.5, "MW"),
        ("Станция жылына 90 млн кВт·сағ энергия береді.", "90 млн кВт·сағ", 90000, "MWh"),
        ("Өңірде 1,2 млрд кВт сағат электр энергиясы өндірілді.", "1,2 млрд кВт сағат",
         1.2e6, "MWh"),
        ("Жобаның құны – 42 млн еуро.", "42 млн еуро", 4.2e7, "EUR"),
        ("Қуаты 3 ГВт болатын жел паркі салынады.", "3 ГВт", 3000, "MW"),
    ],
)
def test_kazakh_units_symbols_one_t_stems_and_latin_spellings(text, surface, value, unit):
    assert found(text) == [(surface, value, unit)]


ENTITY = ("surface", "entity")


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Шығыс Қазақстанда өткен жылы 12 мың тонна қалдық жиналды.", "East Kazakhstan Region"),
        ("Оралдағы полигонға 9,5 мың тонна қоқыс көмілді.", "Uralsk"),
        ("Ош облысында 30 мегаватт күн станциясы салынады.", "Osh Region"),
        ("Кемин ауданында 15 гектар жерге ағаш отырғызылды.", "Kemin District"),
        ("Ағадыр кентінде 40 МВт станция жұмыс істейді.", "Agadyr"),
    ],
)
def test_kazakh_place_names_short_and_inflected(text, entity):
    assert [c[1] for c in claims(text, ENTITY)] == [entity]


LEAD = ("{}да жаңа жел паркі ашылды\n"
        "БІШКЕК. KAZINFORM — Елдің Нарын облысына қарасты аудандағы жел паркі іске қосылды.\n"
        "Қуаты 60 мегаватт болатын парк жылына 150 млн кВт·сағ энергия береді.")


@pytest.mark.parametrize(("country", "entity"), [("Қырғызстан", "Naryn Region"),
                                                 ("Өзбекстан", "Uzbekistan")])
def test_a_lead_places_the_story_inside_the_country_its_heading_names(country, entity):
    assert claims(LEAD.format(country), ENTITY) == [("60 мегаватт", entity),
                                                    ("150 млн кВт·сағ", entity)]


def test_a_place_inside_a_longer_quoted_name_is_not_the_claims_place():
    text = ("Батыс Қазақстан облысында «Жайық Эко Сервис» ЖШС полигонына 6,4 мың тонна "
            "қоқыс көмілді.")
    assert claims(text, ENTITY) == [("6,4 мың тонна", "West Kazakhstan Region")]


def test_a_quoted_place_name_alone_is_still_the_place():
    assert claims("«Шымкент» аймағында 14 мың тонна қалдық жиналды.", ENTITY) == [
        ("14 мың тонна", "Shymkent")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Шығарындылар жалпы көлемнің 3 пайызынан асқан жоқ.", "le"),
        ("Қалдық көлемі 12 мың тоннадан аспайды.", "le"),
        ("Қалдық көлемі 12 мың тоннадан асады.", "gt"),
    ],
)
def test_a_negated_exceed_after_the_amount_bounds_it_from_above(text, qualifier):
    assert [c[1] for c in claims(text, ("surface", "qualifier"))] == [qualifier]


def test_a_national_adjective_does_not_move_a_regional_claim_to_the_country():
    text = ("Ақтөбе облысында ауа сапасы тұрақты.\n"
            "Облыста өткен жылы 55 мың тонна зиянды зат шығарылды. Бұл республикалық "
            "шығарындылардың 4 пайызы.")
    assert claims(text, ENTITY) == [("55 мың тонна", "Aktobe Region"),
                                    ("4 пайызы", "Aktobe Region")]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "value", "unit"),
    [
        ("kk", "Облыста 3 мыңнан астам гектар жер суарылды.", "3 мыңнан", 3000, "ha"),
        ("kk", "Жыл сайын 40 мыңнан астам тонна қалдық жиналды.", "40 мыңнан", 40000, "t/year"),
        ("kk", "Су қоймасына 300 мыңға жуық текше метр су жиналды.", "300 мыңға", 300000, "m3"),
        ("kk", "Жоба 4 миллиардтан астам теңге тұрады.", "4 миллиардтан", 4e9, "KZT"),
        ("az", "İl ərzində 20 min tondan çox tullantı toplanıb.", "20 min tondan", 20000, "t"),
    ],
)
def test_a_unit_after_the_qualifier_between_a_turkic_number_and_its_unit(
    lang, text, surface, value, unit
):
    assert [(m.surface, m.value, m.unit) for m in extract(text, lang)] == [(surface, value, unit)]


def test_the_qualifier_before_the_unit_is_the_claims_qualifier():
    assert claims("Облыста 3 мыңнан астам гектар жер суарылды.", ("unit", "qualifier")) == [
        ("ha", "gt")]


@pytest.mark.parametrize("text", ["Шығын 1,5 миллионға жетті.", "Тұрғындар саны 12 мыңға артты."])
def test_a_verb_after_a_scaled_number_is_not_its_counted_noun(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Жыл сайын елімізде 4 млн тонна қалдық шығарылады.", "actual"),
        ("Облыста 4 млн тонна қалдық шығарылады.", "target"),
        ("Жыл сайын 2 мың гектар жерге көшет отырғызылмақ.", "target"),
        ("Жыл сайын 3 мың тонна қоқысты өңдеу жоспарлануда.", "target"),
    ],
)
def test_a_repetition_adverb_makes_the_present_tense_a_fact_not_a_plan(text, modality):
    assert [c[0] for c in claims(text, ("modality",))] == [modality]


@pytest.mark.parametrize("text", [
    "Германия қалдықтарының 67% қайта өңдейді, тіпті шетелден қоқыс сатып алады.",
    "Станция 5 мың үйді жарықпен қамтамасыз ете алады.",
])
def test_alady_takes_or_can_is_no_plan(text):
    assert [c[0] for c in claims(text, ("modality",))] == ["actual"]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Stansa jylyna 90 mln kVt·saǵ energııa beredi.", "90 mln kVt·saǵ", 90000, "MWh"),
        ("Stansa jylyna 90 mln kVt·sağ energiia beredı.", "90 mln kVt·sağ", 90000, "MWh"),
        ("Oblysta 3 myńnan astam gektar jer sýaryldy.", "3 myńnan", 3000, "ha"),
        ("Oblysta 3 myñnan astam gektar jer suaryldy.", "3 myñnan", 3000, "ha"),
    ],
)
def test_the_kazakh_unit_rules_hold_in_both_latin_alphabets(text, surface, value, unit):
    assert found(text) == [(surface, value, unit)]


def test_a_count_of_objects_beside_their_capacity_counts_plants():
    text = "Облыста қуаты 48 МВт болатын 7 нысан салынады."
    assert claims(text, ("surface", "indicator_code")) == [
        ("48 МВт", "energy.capacity"), ("7 нысан", "energy.plants")]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        # a participle describes the noun, the past verb at the clause's end states a fact
        ("Ауыз су үшін пайдаланылатын 3400 ұңғыма барланды.", "actual"),
        ("Өткен жылы жиналған қалдықтың 35%-ы келесі кезеңде өңделеді.", "target"),
        ("Облыста өткен жылы 9,2 мың тонна қалдық көмілді.", "actual"),
        ("Соңғы үш жылда 6 млн көшет егіліпті.", "actual"),
        # a clause with no cue reads the sentence's last verb
        ("Бюджеттен 410 млрд теңге бөлінген, оның ішінде ауылдарға – 260 млрд теңге.", "actual"),
        # a plan word at the end stays a plan, whatever participle came before
        ("Ауданда салынған 2 полигонды кеңейту жоспарлануда.", "target"),
    ],
)
def test_the_last_verb_of_a_kazakh_clause_decides_its_modality(text, modality):
    assert {c[0] for c in claims(text, ("modality",))} == {modality}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Осы мақсатқа 40 га жер бөлінген.", "actual"),
        ("Жұмысты жүргізу мақсатында 14 адам жұмысқа алынған.", "actual"),
        ("Облыстағы 28 тәлімбақта көшет өсіріледі.", "target"),
        ("Облыста қазір 28 тәлімбақ бар.", "actual"),
        ("Алдағы үш жылға арналған бағдарламада 25 млрд теңге қарастырылды.", "target"),
        ("Ауданда 800 гектарға ағаш егілуі тиіс.", "target"),
    ],
)
def test_purpose_and_garden_words_are_no_plan_and_the_coming_time_is(text, modality):
    assert {c[0] for c in claims(text, ("modality",))} == {modality}


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("ШҚО-да биыл 12 мың гектар орман қалпына келтірілді.", "East Kazakhstan Region"),
        ("БҚО-ның полигондарына 40 мың тонна қоқыс көмілді.", "West Kazakhstan Region"),
    ],
)
def test_a_hyphenated_case_ending_after_a_region_abbreviation(text, entity):
    assert [c[1] for c in claims(text, ENTITY)] == [entity]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("Қор тәулігіне 12,4 млн текше метр (жылына 4,5 текше шақырым) деп есептелді.",
         "12,4 млн текше метр", 12.4e6, "m3/day"),
        ("Қор тәулігіне 12,4 млн текше метр (жылына 4,5 текше шақырым) деп есептелді.",
         "4,5 текше шақырым", 4.5e9, "m3/year"),
        ("Көздер тәулік сайын 8 млн текше метр су береді.", "8 млн текше метр", 8e6, "m3/day"),
        ("Әр тұрғын күн сайын бір килограмға жуық қоқыс шығарады.", "бір килограмға", 0.001,
         "t/day"),
    ],
)
def test_kazakh_rates_volumes_and_the_one_m_kilogram(text, surface, value, unit):
    assert (surface, value, unit) in found(text)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Жобаның жалпы құны – 2 млрд 316,4 млн теңге.", "2 млрд 316,4 млн теңге", 2.3164e9),
        ("Jobanyń quny – 2 mlrd 316,4 mln teńge.", "2 mlrd 316,4 mln teńge", 2.3164e9),
        ("Облыста 84 миллион 512 мың 300 түп көшет егілді.", "84 миллион 512 мың 300 түп көшет",
         84512300),
    ],
)
def test_a_number_in_descending_scales_with_decimals_and_a_third_part(text, surface, value):
    assert [(s, v) for s, v, _ in found(text)] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Мысалы, Қызылжар ауданында 36 контейнер орнатылды.", "Kyzylzhar District"),
        ("Máselen, Taıynsha aýdanynda 36 konteıner ornatyldy.", "Taiynsha District"),
        ("SQO-da 36 konteıner ornatyldy.", "North Kazakhstan Region"),
    ],
)
def test_an_opening_word_before_a_comma_is_no_list_and_latin_region_abbreviations(text, entity):
    assert [c[1] for c in claims(text, ENTITY)] == [entity]


def test_below_a_heading_a_paragraph_naming_no_place_stays_in_the_leads_region():
    text = ("Ауылдарда қоқысты сұрыптау басталды\n"
            "ПЕТРОПАВЛ. KAZINFORM – Солтүстік Қазақстан облысында қоқыс бөлек жиналады.\n"
            "Жалпы полигон салу бойынша 6 ауданның құжаттары дайын.")
    assert claims(text, ENTITY) == [("6 ауданның", "North Kazakhstan Region")]


def test_a_bracketed_share_neither_splits_the_clause_nor_loses_the_amounts_code():
    text = ("Қалдықтың 51,2 мың тоннасы Оралдағы, 12,4 мың тоннасы (9,8 пайызы) Ақсай "
            "қаласындағы полигонда көмілді.")
    assert claims(text, ("surface", "entity", "indicator_code")) == [
        ("51,2 мың тоннасы", "Uralsk", "waste.generated"),
        ("12,4 мың тоннасы", "Aksay", "waste.generated"),
        ("9,8 пайызы", "Aksay", "waste.generated"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("Орман шаруашылықтарында 37 тәлімбақ бар.", "37 тәлімбақ", "forest.planting"),
        ("Ауданда қоқысты үш жеке кәсіпкер жинайды.", "үш жеке кәсіпкер", "industry.enterprises"),
        ("Ауданда үш бірдей жел электр стансасы салынып жатыр.",
         "үш бірдей жел электр стансасы", "energy.plants"),
        ("Станцияда 90 мың гелиопанель орнатылды.", "90 мың гелиопанель", "energy.plants"),
        ("Жерасты көздері тәулігіне 6 млн текше метр су береді.", "6 млн текше метр",
         "water.supply"),
        ("Шамдарды жинауға 27 арнайы контейнер қойылды.", "27 арнайы контейнер",
         "waste.facilities"),
    ],
)
def test_kazakh_cues_for_nurseries_entrepreneurs_stansa_panels_and_groundwater(
    text, surface, code
):
    assert (surface, code) in claims(text, ("surface", "indicator_code"))


def test_special_and_various_are_no_irrigation_channel_nor_species():
    text = "Қоқысты түріне қарай жинауға 44 арнайы ыдыс қойылды."
    assert claims(text, ("surface", "indicator_code")) != [("44 арнайы ыдыс", "land.irrigation")]
    assert claims(text, ("indicator_code",)) != [("biodiversity.wildlife",)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2019 жылмен салыстырғанда 2021 жылы қалдық көлемі 14%-ға азайды.", 2021),
        ("Қалдық көлемі 2019 жылмен салыстырғанда 14%-ға азайды.", None),
        ("Оның сөзіне қарағанда, 2022 жылы қалдықтың 18 пайызы өңделді.", 2022),
    ],
)
def test_a_kazakh_baseline_stands_before_the_comparison_word_not_after_it(text, year):
    assert [c[0] for c in claims(text, ("year",))] == [year]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ауданда 64 контейнер қойылды, оның 21-і Ақсуда.", [("64 контейнер", "контейнер"),
                                                            ("21", "контейнер")]),
        ("Audanda 64 konteiner qoiyldy, onyñ 21-ı Aqsuda.", [("64 konteiner", "konteiner"),
                                                            ("21", "konteiner")]),
        # no count before it in the sentence: no part
        ("Оның 21-і Ақсуда орналасқан.", []),
    ],
)
def test_a_number_with_a_possessive_ending_after_onyn_is_a_part_of_the_count_before(
    text, expected
):
    assert [(m.surface, m.item) for m in extract(text, "kk")] == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Іске қосылған КЭС-ның қуаты 35 МВт.", "energy.renewable_capacity"),
        ("Жаңа ЖЭО-ның қуаты 35 МВт.", "energy.capacity"),
    ],
)
def test_a_plant_abbreviation_before_a_hyphenated_case_ending_is_still_a_cue(text, code):
    assert [c[0] for c in claims(text, ("indicator_code",))] == [code]


def test_a_place_after_another_amount_in_its_clause_is_that_amounts():
    text = ("Батыс Қазақстан облысында қоқыс көмілді. "
            "Соның 41,2 мың тоннасы Оралдағы полигонда, 12,6 мың тоннасы ауылдық жерлердегі "
            "қоқыс алаңдарында көмілді.")
    assert claims(text, ENTITY) == [("41,2 мың тоннасы", "Uralsk"),
                                    ("12,6 мың тоннасы", "West Kazakhstan Region")]
