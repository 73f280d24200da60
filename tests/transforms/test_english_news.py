"""English news wording: how Central Asian English-language sites tie figures to places,
codes and years. The sentences are written for these tests."""

import pytest

from schemas.claims import CLAIM_SCHEMA
from transforms.claims import extract_document

POLLUTERS = ("The largest polluters were Atyrau and Mangystau regions, which emitted 310,500 "
             "and 122,000 tons, respectively.")


def claim(text: str, surface: str, field: str) -> object:
    rows = [dict(zip(CLAIM_SCHEMA, r)) for r in extract_document("d", "s", "en", text)]
    return next(r[field] for r in rows if r["surface"] == surface)


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        (POLLUTERS, "310,500", "Atyrau Region"),
        (POLLUTERS, "122,000 tons", "Mangystau Region"),
        ("The cities of Aktobe, Taraz and Pavlodar recycled 14%, 9% and 11% of their waste.",
         "9%", "Taraz"),
        ("Qarmet and Kazzinc intend to cut emissions by 25% and 12% by 2029.", "12%", "Kazzinc"),
    ],
)
def test_an_enumeration_of_amounts_pairs_with_an_enumeration_of_as_many_places(
    text, surface, entity
):
    assert claim(text, surface, "entity") == entity


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        # as many amounts as places, but not listed together: no pairing
        ("Atyrau and Mangystau regions emitted 310,500 tons of pollutants, up by 4%.",
         "310,500 tons", "Kazakhstan"),
        # three amounts for two places: no pairing
        ("Atyrau and Mangystau regions emitted 310,500, 122,000 and 90,000 tons.",
         "122,000", "Kazakhstan"),
    ],
)
def test_amounts_that_do_not_enumerate_the_places_stay_with_the_list(text, surface, entity):
    assert claim(text, surface, "entity") == entity


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("The plan is to reduce emissions of 12 large enterprises by 15% in five years.", "15%",
         "air.emissions"),
        ("In March the factories released 41,300 tons which is 2.1% less.", "41,300 tons",
         "air.emissions"),
        ("Last year 52,000 tons of copper oxide and 9,000 tons of chlorine were emitted.",
         "52,000 tons", "air.emissions"),
        ("The share of the heating sector in the city's atmosphere reached 41 percent.",
         "41 percent", "air.emissions"),
    ],
)
def test_what_is_measured_is_the_head_noun_not_its_owner(text, surface, code):
    assert claim(text, surface, "indicator_code") == code


def test_a_count_keeps_its_own_noun_after_of():
    text = "The plan is to reduce emissions of 12 large enterprises by 15% in five years."
    assert claim(text, "12 large enterprises", "indicator_code") == "industry.enterprises"


@pytest.mark.parametrize(
    ("text", "surface", "year"),
    [
        ("In 2023, the plants emitted 512,000 tons, which is 4% less against 2022.", "4%", 2023),
        ("In 2023, the plants emitted 512,000 tons, which is 4% less against 2022.",
         "512,000 tons", 2023),
        (("In the first half of 2024 they released 90,000 tons, 3% more as against the same "
          "period of 2023."), "3%", 2024),
    ],
)
def test_a_year_after_against_is_the_baseline_not_the_claims_year(text, surface, year):
    assert claim(text, surface, "year") == year


@pytest.mark.parametrize(
    ("text", "surface", "modality"),
    [
        ("Five of 17 regions failed to reach the planned figures, with Abai region at 8%.", "8%",
         "actual"),
        ("Four cities fail to reach air quality targets", "Four cities", "actual"),
        # the plan itself stays a target
        ("The region plans to recycle 35% of its waste by 2027.", "35%", "target"),
    ],
)
def test_plan_words_after_a_missed_target_state_what_happened(text, surface, modality):
    assert claim(text, surface, "modality") == modality


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Officials in Almaty said CHP-3 emitted 9,400 tons of ash last winter.", "9,400 tons",
         "Almaty CHP-3"),
        ("The Almaty thermal power plant 1 will cut emissions by 60% by 2027.", "60%",
         "Almaty CHP-1"),
        # no city named: a bare plant number is nobody's in particular
        ("Officials said CHP-3 emitted 9,400 tons of ash last winter.", "9,400 tons",
         "Kazakhstan"),
    ],
)
def test_a_plant_named_after_its_city_is_known_without_the_city_once_the_city_is_named(
    text, surface, entity
):
    text = text if "Almaty" in text else "Kazakhstan news. " + text
    assert claim(text, surface, "entity") == entity


def test_a_description_in_the_clause_beats_a_name_in_a_later_clause():
    text = ("Traffic pollutes Almaty. In 2022 the share of cars in the city's air was 41 percent: "
            "CHP-2 – 20 percent.")
    assert claim(text, "41 percent", "entity") == "Almaty"
    assert claim(text, "20 percent", "entity") == "Almaty CHP-2"


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("Output reached 3.2 billion kWh, 9 percent more than 2.9 billion kWh a year ago.",
         "2.9 billion kWh", None),
        ("Exports were 2 times less than 40,000 tons in 2021.", "40,000 tons", None),
        # a year before `more than` is no comparison: the qualifier stays
        ("In 2024 more than 300 trees were planted.", "300 trees", "gt"),
        ("Air pollutant emissions surpassed 2 million tons.", "2 million tons", "gt"),
        ("Costs will exceed $40 million.", "$40 million", "gt"),
    ],
)
def test_more_than_after_a_share_or_multiple_compares_and_surpass_is_more_than(
    text, surface, qualifier
):
    assert claim(text, surface, "qualifier") == qualifier


@pytest.mark.parametrize(
    ("text", "surface", "direction"),
    [
        ("Kazzinc and Qarmet plan to reduce emissions by 18% and 7.5% respectively.", "7.5%",
         "decrease"),
        # levels listed without a change keep none
        ("Astana and Almaty emitted 12,000 and 15,000 tons.", "15,000 tons", None),
    ],
)
def test_an_amount_listed_after_a_change_is_a_change_too(text, surface, direction):
    assert claim(text, surface, "direction") == direction


@pytest.mark.parametrize(
    ("text", "surface", "item"),
    [
        ("The ministry will build 18 SPPs by 2028.", "18 SPPs", "SPPs"),
        ("About 40 NGOs joined the campaign.", "40 NGOs", "NGOs"),
    ],
)
def test_a_plural_acronym_is_a_counted_noun(text, surface, item):
    assert claim(text, surface, "item") == item


def test_a_capitalised_name_after_a_number_is_still_no_counted_noun():
    rows = extract_document("d", "s", "en", "The final score was 3 Astana.")
    assert [dict(zip(CLAIM_SCHEMA, r))["surface"] for r in rows] == []


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        ("Tajikistan signed an agreement with Uzbekistan to buy 300 million kWh in 2026.",
         "300 million kWh", "Tajikistan"),
        # a country named plainly stays the entity
        ("Uzbekistan will sell 300 million kWh to Tajikistan in 2026.", "300 million kWh",
         "Uzbekistan"),
    ],
)
def test_the_country_a_deal_is_made_with_is_not_the_claims_entity(text, surface, entity):
    assert claim(text, surface, "entity") == entity


@pytest.mark.parametrize(
    ("surface", "entity"),
    [("30 percent", "Almaty CHP-2"), ("41,000 tons", "Almaty CHP-2"),
     ("10 percent", "Almaty CHP-3"), ("12,500 tons", "Almaty CHP-3")],
)
def test_a_place_after_an_amount_labels_the_next_amount_in_english(surface, entity):
    text = ("Almaty breathes coal smoke in winter. In 2020 the city's plants gave 40 percent of "
            "it: CHP-2 – 30 percent (41,000 tons) and CHP-3 – 10 percent (12,500 tons).")
    assert claim(text, surface, "entity") == entity


def test_a_count_of_projects_that_are_plants_counts_plants():
    text = "Seven projects will start this year, including four wind farms and three solar plants."
    assert claim(text, "Seven projects", "indicator_code") == "energy.plants"


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        (("The Tash-Bulak small hydropower plant in the Talas region opened on Monday. "
         "Built by a local firm, the plant has a total capacity of 3 MW."),
         "3 MW", "energy.renewable_capacity"),
        (("A wind farm was opened near Zhanatas. The initial capacity of the station is 6.5 "
         "megawatts."), "6.5 megawatts", "energy.renewable_capacity"),
        # no word points back: the sentence before does not decide
        (("Two wind farms opened in Zhambyl region. The Ekibastuz GRES has a total capacity "
         "of 4,000 MW."), "4,000 MW", "energy.capacity"),
    ],
)
def test_the_plant_pointing_back_to_a_renewable_plant_makes_its_capacity_renewable(
    text, surface, code
):
    assert claim(text, surface, "indicator_code") == code


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        (("A small hydropower plant of 3 MW has been built in the Tong district of the "
         "Issyk-Kul region."), "3 MW", "Ton District"),
        ("Two plants are under construction in the Ysyk-Ata district of Chuy province.",
         "Two plants", "Issyk-Ata District"),
    ],
)
def test_kyrgyz_districts_are_found_in_their_other_english_spellings(text, surface, entity):
    assert claim(text, surface, "entity") == entity


def test_tonnes_of_co2_equivalent_written_with_a_subscript_are_greenhouse_gases():
    text = "Georgia emitted 3.2 billion tonnes of CO₂ equivalent in 2022."
    assert claim(text, "3.2 billion tonnes", "indicator_code") == "climate.ghg_emissions"


@pytest.mark.parametrize(
    ("text", "surface", "modality"),
    [
        ("The President's order to plant 3 billion trees in Kazakhstan is being carried out.",
         "3 billion trees", "target"),
        (("The Zhanatas Wind Power Station, with a capacity of 150 MW, is in the development "
         "phase."), "150 MW", "target"),
        # projects being designed are work under way, not a plan
        ("Repairs of 3 dams are complete and 5 projects are being developed for new canals.",
         "5 projects", "actual"),
        # a purpose, not a plan
        (("In order to cut emissions, the Pavlodar plant installed filters that captured 5 "
         "tons of dust last year."), "5 tons", "actual"),
    ],
)
def test_an_order_to_act_and_a_plant_in_development_are_targets(text, surface, modality):
    assert claim(text, surface, "modality") == modality


@pytest.mark.parametrize(
    ("text", "surface", "entity"),
    [
        (("Kazakhstan cut its emissions last year. In 2022, global greenhouse gas emissions "
         "reached 50 billion tonnes."), "50 billion tonnes", "World"),
        # a place named in the sentence stays its entity
        ("Kazakhstan accounts for 0.7% of global emissions.", "0.7%", "Kazakhstan"),
    ],
)
def test_global_emissions_with_no_place_named_are_the_worlds(text, surface, entity):
    assert claim(text, surface, "entity") == entity


@pytest.mark.parametrize(
    ("text", "surface", "direction"),
    [
        ("Spending in Taraz reached 9 billion tenge, a 14.5% year-on-year increase.",
         "14.5%", "increase"),
        ("Coal output in Ekibastuz fell, marking a 3% year-on-year decline.", "3%", "decrease"),
        # `annual` before the whole a share is part of is no change
        ("The Aktobe plant sorts 12% of annual waste.", "12%", None),
    ],
)
def test_a_year_on_year_change_noun_after_a_share_gives_its_direction(text, surface, direction):
    assert claim(text, surface, "direction") == direction


@pytest.mark.parametrize(
    ("text", "surface", "year"),
    [
        ("In 2023, investments in Taraz amounted to 41.2 billion tenge - the lowest since 2016.",
         "41.2 billion tenge", 2023),
        ("Since 1995, emissions in Karaganda have fallen by 38%.", "38%", None),
        # a year of its own still dates the claim
        ("The fund, active since 2018, invested 3 billion tenge in Taraz in 2022.",
         "3 billion tenge", 2022),
    ],
)
def test_a_year_after_since_is_a_baseline_not_the_claims_year(text, surface, year):
    assert claim(text, surface, "year") == year
