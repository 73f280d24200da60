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


def test_a_cue_before_a_list_of_amounts_names_every_member():
    got = rows("Заводы займутся переработкой 30 тысяч тонн пластика, 12 тысяч тонн шин "
               "и 50 тысяч тонн строительных отходов.")
    assert [got[s][3] for s in ("30 тысяч тонн", "12 тысяч тонн", "50 тысяч тонн")] == [
        "waste.recycled"] * 3


def test_a_member_with_its_own_specific_noun_keeps_it():
    got = rows("На предприятии переработали 30 тысяч тонн отходов и 12 тысяч тонн выбросов.")
    assert got["12 тысяч тонн"][3] == "air.emissions"


def test_people_counted_at_a_plant_are_people_not_plants():
    got = rows("На ГЭС работают 7 человек. На станции трудятся три человека.")
    assert got["7 человек"][3] == "economy.jobs"
    assert got["три человека"][3] == "economy.jobs"


def test_plants_counted_at_a_plant_stay_plants():
    assert rows("На каскаде ГЭС работают 4 гидроагрегата.")["4 гидроагрегата"][3] == (
        "energy.plants")


def test_the_enterprise_points_back_to_the_company_named_before():
    got = rows("Ремонт вело АО «Интергаз Центральная Азия» в Актюбинской области. "
               "Предприятие получило лимит на выброс в объеме 20 тысяч тонн.")
    assert got["20 тысяч тонн"][2] == "Intergas Central Asia"


def test_handing_over_by_the_end_of_the_year_is_a_target():
    got = rows("Первую очередь в 150 МВт сдадут к концу года.")
    assert got["150 МВт"][4] == "target"


def test_projects_aimed_at_an_amount_are_a_target():
    got = rows("Проекты ориентированы на переработку 40 тысяч тонн отходов.")
    assert got["40 тысяч тонн"][4] == "target"


def test_a_level_joined_by_i_v_to_a_multiple_is_the_changes_end():
    got = rows("В области вложили 8,2 млрд тенге и в 3,5 раза больше, чем годом ранее. "
               "Лидирует город (1,1 млрд тенге, в 2 раза больше, чем год назад).")
    assert got["8,2 млрд тенге"][5] == "increase"
    assert got["1,1 млрд тенге"][5] == "increase"


def test_a_level_beside_a_multiple_without_a_change_stays_a_level():
    got = rows("Инвестиции составили 8,2 млрд тенге, в 3 раза превысив план.")
    assert got["8,2 млрд тенге"][5] is None


def test_a_dash_after_the_number_is_no_counted_noun():
    got = rows("На учете 40 предприятий, из них 12 -горнодобывающей отрасли.")
    assert "40 предприятий" in got
    assert not any(s.startswith("12") for s in got)


def test_a_plant_of_no_named_source_takes_the_renewable_plant_named_before():
    got = rows("В области построят две солнечные электростанции. "
               "Мощность первой электростанции составит 300 МВт.")
    assert got["300 МВт"][3] == "energy.renewable_capacity"


def test_a_plant_alone_is_generating_capacity():
    assert rows("Мощность новой электростанции составит 300 МВт.")["300 МВт"][3] == (
        "energy.capacity")


def test_the_country_of_an_officials_title_is_not_the_claims_place():
    got = rows("Ветропарк построят в Навоийской области\n\n"
               "Компания построит станцию, говорится в постановлении президента Узбекистана.\n\n"
               "Мощность станции составит 500 МВт.")
    assert got["500 МВт"][2] == "Navoiy Region"


def test_after_a_country_is_not_an_officials_title():
    got = rows("После Казахстана делегация посетила Навоийскую область, где построят "
               "станцию мощностью 500 МВт.")
    assert got["500 МВт"][2] == "Navoiy Region"


def test_an_interest_rate_per_year_is_a_price():
    got = rows("Фонд выдает займы под 4% годовых на покупку мусоровозов.")
    assert got["4%"][3] == "finance.prices"


def test_a_district_named_with_its_region_is_the_district():
    got = rows("Малая ГЭС в Тонском районе Иссык-Кульской области имеет мощность 3 мегаватт.")
    assert got["3 мегаватт"][2] == "Ton District"


def test_a_region_not_the_parent_of_the_place_before_stays_apart():
    got = rows("В Бишкеке и Чуйской области посадили 5 тысяч деревьев.")
    assert got["5 тысяч деревьев"][2] != "Bishkek"


def test_a_heading_region_gives_way_to_the_district_its_lead_names():
    got = rows("Солнечную станцию построят в Ташкентской области\n\n"
               "Компания построит станцию в Паркентском районе Ташкентской области, "
               "сообщает Минэнерго.\n\nМощность станции составит 250 МВт.")
    assert got["250 МВт"][2] == "Parkent District"


def test_a_ministry_in_its_own_paragraph_still_moves_the_text_on_to_the_country():
    got = rows("Солнечную станцию построят в Ташкентской области\n\n"
               "Министерство энергетики Узбекистана сообщило о национальной программе.\n\n"
               "До 2030 года мощность станций вырастет на 250 МВт.")
    assert got["250 МВт"][2] == "Uzbekistan"


def test_dumps_in_the_genitive_plural_are_waste_facilities():
    got = rows("Экологи выявили 120 стихийных свалок.")
    assert got["120 стихийных свалок"][3] == "waste.facilities"


def test_the_capital_of_a_country_is_its_capital_city():
    got = rows("С территории столицы Казахстана вывезено 50 тысяч тонн мусора.")
    assert got["50 тысяч тонн"][2] == "Astana"


def test_an_officials_title_is_not_a_word_of_obligation():
    got = rows("Штрафы получили семь должностных лиц.")
    assert got["семь должностных лиц"][4] == "actual"


def test_a_place_after_the_claim_and_a_join_opens_the_next_member():
    got = rows("Показатель составляет 40% в Павлодарской области – 55% и Костанайской "
               "области – 70%.")
    assert got["55%"][2] == "Pavlodar Region"
    assert got["70%"][2] == "Kostanay Region"


def test_capacity_added_to_a_plant_is_an_increase():
    got = rows("Реконструкция Нарынской ГЭС идет с добавлением 30 МВт мощности.")
    assert got["30 МВт"][5] == "increase"


def test_an_additive_is_no_increase():
    got = rows("На склад завезли 5 тонн кормовых добавок.")
    assert got["5 тонн"][5] is None


def test_units_of_a_hydro_plant_are_power_plants():
    got = rows("На Нарынской ГЭС ранее заменили пять агрегатов ГЭС.")
    assert got["пять агрегатов"][3] == "energy.plants"


def test_machines_of_a_sorting_plant_are_not_power_plants():
    got = rows("На мусоросортировочном заводе установили четыре агрегата для прессования.")
    assert got["четыре агрегата"][3] != "energy.plants"


def test_kilowatt_hours_written_with_a_bullet_are_energy():
    got = rows("За год станции выработали 3,4 миллиарда кВт•ч.")
    assert got["3,4 миллиарда кВт•ч"][:2] == (3.4e6, "MWh")


def test_a_year_opening_a_later_clause_dates_the_amount_after_it():
    got = year_rows("В 2022 году запущено 6 СЭС мощностью 31,5 МВт, в 2023 году — 7 СЭС "
                    "мощностью 40 МВт.")
    assert got["31,5 МВт"] == 2022
    assert got["7 СЭС"] == 2023


def test_a_year_in_a_later_clause_with_no_amount_still_dates_the_claim():
    got = year_rows("Введено 12 МВт мощностей, работы завершены в 2021 году.")
    assert got["12 МВт"] == 2021


def year_rows(text: str) -> dict[str, int | None]:
    found = mentions.extract(text, "ru")
    annotated = context.annotate(text, "ru", sentences.split(text), found)
    return {m.surface: c.year for m, c in zip(found, annotated)}


def test_a_biaspectual_verb_joined_to_a_present_verb_is_no_plan():
    got = rows("В Таласской области строят и реконструируют пять ГЭС.")
    assert got["пять ГЭС"][4] == "actual"


def test_a_biaspectual_verb_on_its_own_stays_a_plan():
    got = rows("В Таласской области реконструируют пять ГЭС.")
    assert got["пять ГЭС"][4] == "target"


def test_capacity_added_with_an_adjective_between_is_an_increase():
    got = rows("Модернизация Нарынской ГЭС идет с добавлением дополнительных 15 МВт.")
    assert got["15 МВт"][5] == "increase"


def test_additional_jobs_alone_are_no_change():
    got = rows("При строительстве станции создано дополнительно 300 рабочих мест.")
    assert got["300 рабочих мест"][5] is None
