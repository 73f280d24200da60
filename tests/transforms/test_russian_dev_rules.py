"""Russian rules found on a private dev set of environment news, pinned with sentences
written for these tests: counts after a case ending or a quoted adjective, multiples
with a qualifier, changes named by `рост составил`, `нарастить`, and list members that
carry their own figures."""

import pytest

from transforms import context, mentions, sentences


def rows(text: str) -> dict[str, tuple]:
    found = mentions.extract(text, "ru")
    annotated = context.annotate(text, "ru", sentences.split(text), found)
    return {m.surface: (m.value, m.unit, m.item, c.qualifier, c.direction, c.entity)
            for m, c in zip(found, annotated)}


@pytest.mark.parametrize(
    ("text", "surface", "value", "item"),
    [
        ("К 2028 году появится свыше 30-ти объектов ВИЭ.", "30-ти объектов", 30, "объектов"),
        ("В районе работают 120 «зеленых» объектов.", "120 «зеленых» объектов", 120, "объектов"),
        ('На трассе поставили 7 "умных" светофоров.', '7 "умных" светофоров', 7, "светофоров"),
    ],
)
def test_a_count_reads_through_a_case_ending_or_a_quoted_adjective(text, surface, value, item):
    assert rows(text)[surface][:3] == (value, "count", item)


def test_a_quoted_noun_is_a_name_not_the_counted_thing():
    assert rows("Работают 3 «Жасыл» станции.") == {}


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "direction"),
    [
        ("Сбросы выросли более чем в три раза.", "три раза", "gt", "increase"),
        ("Площадь увеличилась почти в 2 раза.", "2 раза", "approx", "increase"),
        ("Расход воды сократился не менее чем в 4 раза.", "4 раза", "ge", "decrease"),
    ],
)
def test_a_qualifier_before_v_bounds_the_multiple(text, surface, qualifier, direction):
    assert rows(text)[surface][3:5] == (qualifier, direction)


def test_rost_sostavil_makes_the_amount_a_change():
    got = rows("По сравнению с 2022 годом рост составил 12,5 тысячи тонн.")
    assert got["12,5 тысячи тонн"][3:5] == (None, "increase")


def test_narastit_to_a_level_is_an_increase_not_a_bound():
    got = rows("Министерство планирует нарастить долю ВИЭ до 20% к 2035 году.")
    assert got["20%"][3:5] == (None, "increase")


def test_each_bracketed_member_of_a_plural_list_is_its_own_region():
    got = rows("Меньше всего отходов в Жамбылской (14 тыс. тонн), Туркестанской (17 тыс. тонн) "
               "и Кызылординской (21 тыс. тонн) областях.")
    assert [got[s][5] for s in ("14 тыс. тонн", "17 тыс. тонн", "21 тыс. тонн")] == [
        "Jambyl Region", "Turkistan Region", "Kyzylorda Region"]


def test_a_plural_list_without_brackets_stays_one_list():
    got = rows("В Жамбылской и Туркестанской областях высадили 40 тыс. деревьев.")
    assert got["40 тыс. деревьев"][5] == "Kazakhstan"


def modality_and_code(text: str) -> dict[str, tuple[str, str]]:
    found = mentions.extract(text, "ru")
    annotated = context.annotate(text, "ru", sentences.split(text), found)
    return {m.surface: (c.modality, c.indicator_code) for m, c in zip(found, annotated)}


def test_an_amount_after_a_bracketed_aside_keeps_the_clause_before_it_actual():
    got = modality_and_code("В регионе уже работают 12 объектов ВИЭ (СЭС и ВЭС) общей мощностью "
                            "84,5 МВт, к 2029 году планируется нарастить долю ВИЭ до 12%.")
    assert [got[s][0] for s in ("12 объектов", "84,5 МВт", "12%")] == [
        "actual", "actual", "target"]


def test_a_task_set_to_bring_a_share_to_a_level_is_a_target():
    got = modality_and_code("Ставится задача довести долю ВИЭ до 5% в 2027 году.")
    assert got["5%"][0] == "target"


def test_objects_of_alternative_energy_counted_are_plants():
    got = modality_and_code("В стране действуют 90 объектов альтернативной энергетики.")
    assert got["90 объектов"] == ("actual", "energy.plants")


@pytest.mark.parametrize(
    ("text", "surface", "item"),
    [
        ("Планируется строительство 12 новых экологически чистых электростанций.",
         "12 новых экологически чистых электростанций", "электростанций"),
        ("Панели установят на 14 тысячах частных и социальных объектов.",
         "14 тысячах частных и социальных объектов", "объектов"),
    ],
)
def test_an_adverb_or_joined_adjectives_stay_inside_the_counted_phrase(text, surface, item):
    assert rows(text)[surface][2] == item


def test_on_a_locative_amount_is_where_not_a_change():
    got = rows("Ради повышения энергоэффективности панели поставят на 14 тысячах домов.")
    assert got["14 тысячах домов"][4] is None


def test_a_counted_noun_beats_a_cue_of_another_kind_beside_it():
    got = modality_and_code("Реализуется более 40 проектов общей стоимостью 9 млрд долларов.")
    assert got["40 проектов"][1] == "projects.count"


def test_a_share_of_renewables_in_total_generation_is_the_renewables_share():
    got = modality_and_code("Доля ВИЭ выросла до 4% от общей выработки электроэнергии.")
    assert got["4%"][1] == "energy.renewable_share"


def test_a_place_in_the_attribution_after_a_quote_is_where_it_was_said():
    got = rows("«Задача – довести долю ВИЭ до 6% в 2028 году», — заявил он на энергетическом "
               "форуме в Алматы.")
    assert got["6%"][5] == "Kazakhstan"
