"""Russian rules found on a second private dev set of environment news (s17), pinned with
sentences written for these tests: a currency's country is no entity, a text that names
only a ministry is about its country, a period shared across a comma list, and numbered
plants (`ГЭС-2`) as cues."""

from transforms import context, mentions, sentences


def rows(text: str) -> dict[str, tuple]:
    found = mentions.extract(text, "ru")
    annotated = context.annotate(text, "ru", sentences.split(text), found)
    return {m.surface: (m.value, m.unit, c.entity, c.indicator_code, c.modality, c.direction)
            for m, c in zip(found, annotated)}


def test_the_country_in_a_currency_is_not_the_claims_entity():
    got = rows("В Казахстане будут созданы 300 рабочих мест и привлечены инвестиции "
               "в размере 1 млрд долларов США.")
    assert got["300 рабочих мест"][2] == "Kazakhstan"
    assert got["1 млрд долларов США"][2] == "Kazakhstan"


def test_a_text_naming_only_a_national_ministry_is_about_its_country():
    got = rows("Министерством экологии одобрены 12 проектов по переработке отходов.")
    assert got["12 проектов"][2] == "Kazakhstan"


def test_a_period_after_a_bracketed_aside_is_shared_by_a_comma_list():
    got = rows("Заводы рассчитаны на переработку 40 тысяч тонн пластика, 25 тысяч тонн стекла "
               "и 90 тысяч тонн прочих отходов (пищевых, строительных) в год.")
    assert [got[s][1] for s in ("40 тысяч тонн", "25 тысяч тонн", "90 тысяч тонн")] == [
        "t/year"] * 3


def test_a_comma_between_amounts_without_a_period_keeps_them_amounts():
    got = rows("На полигон вывезли 40 тысяч тонн пластика, 25 тысяч тонн стекла.")
    assert [got[s][1] for s in ("40 тысяч тонн", "25 тысяч тонн")] == ["t", "t"]


def test_a_numbered_hydro_plant_is_a_renewable_cue():
    got = rows("Каракольская ГЭС-3 мощностью 6 мегаватт построена в Иссык-Кульской области.")
    assert got["6 мегаватт"][3] == "energy.renewable_capacity"


def test_a_hyphen_and_letters_still_continue_the_word():
    got = rows("Построен ГЭС-комплекс мощностью 6 мегаватт.")
    assert got["6 мегаватт"][3] == "energy.capacity"
