"""What a number measures: the indicator code of each mention, in all four languages.

The sentences are written for these tests, modelled on real news (no article text
is copied); each pins one rule of transforms/indicators.py, traps included.
"""

import pytest

from schemas.claims import CLAIM_SCHEMA
from transforms import indicators, sentences
from transforms.claims import extract_document

INDICATOR, CODE = (list(CLAIM_SCHEMA).index(c) for c in ("indicator", "indicator_code"))


def codes(text: str, lang: str) -> dict[str, str]:
    rows = extract_document("d", "s", lang, text)
    return {row[7]: row[CODE] for row in rows}


@pytest.mark.parametrize(
    ("lang", "text", "surface", "code"),
    [
        # a count's own noun names what is counted
        ("en", "The akimat reported that 643 thousand trees were planted.", "643 thousand trees",
         "forest.planting"),
        ("ru", "В регионе работают 180 промышленных предприятий.", "180 промышленных предприятий",
         "industry.enterprises"),
        ("kk", "Облыста 12 полигон салынды.", "12 полигон", "waste.facilities"),
        ("az", "Rayonda 5 elektrik stansiyası tikilir.", "5 elektrik stansiyası", "energy.plants"),
        # the noun right after the amount (a genitive, `of`)
        ("ru", "Выбросы сократятся на 37,3 тыс. тонн выбросов в год.", "37,3 тыс. тонн",
         "air.emissions"),
        ("en", "The plant processed 2 million tons of secondary raw materials.", "2 million tons",
         "waste.recycled"),
        # the noun right before it, where kk and az put it
        ("az", "Məişət tullantılarının 30 faizi təkrar emal olunur.", "30 faizi", "waste.recycled"),
        ("kk", "Қалдықтарды қайта өңдеу 25%-ға жетті.", "25%", "waste.recycled"),
        # the subject of the clause
        ("en", "Gross emissions of harmful substances in the city reach 225.2 thousand tons.",
         "225.2 thousand tons", "air.emissions"),
        ("ru", "Объем водопотребления в прошлом году составил 1,5 млн м3.", "1,5 млн м3",
         "water.use"),
        # a generic word loses to a specific one: sorting decides, not the waste
        ("en", "A new line will allow sorting 36 thousand tons of waste per year.",
         "36 thousand tons", "waste.recycled"),
        # a share takes the code of its whole
        ("en", "The largest share of emissions comes from motor transport – 60%.", "60%",
         "air.emissions"),
        ("ru", "Доля ВИЭ в выработке электроэнергии достигла 5%.", "5%", "energy.renewable_share"),
        ("kk", "Жаңартылатын энергия көздерінің үлесі 6%-ды құрады.", "6%",
         "energy.renewable_share"),
        ("en", "The region produced 141.6 million kWh (17% of the total energy output).", "17%",
         "energy.generation"),
        # generic counted nouns take the code of their sentence
        ("en", "15 cities have high levels of air pollution.", "15 cities", "air.quality"),
        ("ru", "В 70 населённых пунктах проверили качество воздуха.", "70 населённых пунктах",
         "air.quality"),
        ("kk", "Биыл 756 ауылдық елді мекен таза ауыз сумен қамтылды.", "756 ауылдық елді мекен",
         "water.supply"),
        # a count of something no cue names is `other`, even beside a cue
        ("ru", "По результатам двух исследований предприятия соответствуют наилучшим технологиям.",
         "двух исследований", "other"),
        # every duration is a period, money is investment unless it is a price
        ("en", "Emissions will be cut within 10 years.", "10 years", "meta.period"),
        ("az", "İki günlük tədbir keçirilib.", "İki günlük", "meta.period"),
        ("ru", "На строительство полигона выделят 2,5 млрд тенге.", "2,5 млрд тенге",
         "finance.investment"),
        ("ru", "Тариф на воду составит 120 тенге за кубометр.", "120 тенге", "finance.prices"),
        # megawatts of a renewable plant are renewable capacity, else capacity
        ("en", "The region plans 5 hydroelectric power plants with a total capacity of 74.3 MW.",
         "74.3 MW", "energy.renewable_capacity"),
        ("ru", "Установленная мощность солнечных станций выросла до 57,3 МВт.", "57,3 МВт",
         "energy.renewable_capacity"),
        ("en", ("There are 8 energy producing organizations with a capacity of 1.6 GW in the "
               "region, renewable energy sources account for 4%."), "1.6 GW", "energy.capacity"),
        ("az", "İstilik elektrik stansiyasının gücü 230 meqavat olacaq.", "230 meqavat",
         "energy.capacity"),
        # greenhouse gases are their own code, whatever the word for emissions
        ("kk", "Парниктік газ шығарындыларын 15 пайызға азайту жоспарланған.", "15 пайызға",
         "climate.ghg_emissions"),
        # a word inside a longer form is the longer form: `вод~` is not `водопотребления`
        ("ru", "Объем воды в водохранилище достиг 1,2 млрд м3.", "1,2 млрд м3", "water.resources"),
    ],
)
def test_a_mention_takes_the_code_of_what_it_measures(lang, text, surface, code):
    assert codes(text, lang)[surface] == code


@pytest.mark.parametrize(
    ("lang", "text", "surface", "code"),
    [
        # a pronoun points back: `their number`
        ("en", ("The region works to reduce emissions. "
               "Their number decreased by 14.5 thousand tons."),
         "14.5 thousand tons", "air.emissions"),
        # the items of a list take the code of the list's lead
        ("ru", ("Больше всего выбросов пришлось на регионы:\n"
               "• Павлодарская область – 736 тысяч тонн;\n"
               "• Карагандинская область – 570 тысяч тонн."), "570 тысяч тонн", "air.emissions"),
        ("az", ("Ölkədə atmosferə atılan zərərli maddələr azalıb.\n"
               "Bakıda bu rəqəm 6,2 min ton olub."),
         "6,2 min ton", "air.emissions"),
    ],
)
def test_a_sentence_that_names_nothing_takes_the_code_of_the_ones_before(lang, text, surface, code):
    assert codes(text, lang)[surface] == code


def test_every_code_comes_from_the_codelist_and_every_claim_has_one():
    text = "Построено 5 школ, высажено 100 деревьев и выделено 3 млрд тенге на 2 года."
    got = codes(text, "ru")
    assert set(got.values()) <= set(indicators.codelist())
    assert got["5 школ"] == "other" and None not in got.values()


def test_the_label_is_the_cue_of_the_code_in_english():
    rows = extract_document("d", "s", "kk", "Облыста 1,6 мың тонна күкірт диоксиді шығарылды.")
    assert rows[0][INDICATOR] == "sulfur dioxide emissions"


def test_the_codelist_copied_into_the_product_is_the_contract():
    from paths import SHARED, need_shared

    need_shared()
    assert (SHARED / "eval" / "indicator_codes.tsv").read_text(encoding="utf-8") == \
        indicators.CODELIST.read_text(encoding="utf-8")


def test_a_cue_under_an_unknown_code_names_the_line(tmp_path, monkeypatch):
    from transforms import lexicon

    (tmp_path / "indicators.txt").write_text("[air.emisions]\nx @en : smog\n", encoding="utf-8")
    (tmp_path / "indicator_codes.tsv").write_bytes(indicators.CODELIST.read_bytes())
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    monkeypatch.setattr(indicators, "CODELIST", tmp_path / "indicator_codes.tsv")
    for cached in (lexicon.load, indicators.matcher, indicators.codelist):
        cached.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError,
                           match=r"indicators.txt:2: not a code of indicator_codes.tsv"):
            indicators.matcher("en")
    finally:
        for cached in (lexicon.load, indicators.matcher, indicators.codelist):
            cached.cache_clear()


def test_hits_are_found_once_per_sentence():
    text = "Выбросы сократились. Отходы выросли."
    spans = sentences.split(text)
    assert [cues[0].code for _, _, cues in indicators.hits(text, *spans[1], "ru")] == [
        "waste.generated"]


@pytest.mark.parametrize(
    ("lang", "text", "surface", "code"),
    [
        # a decimal comma inside the next amount does not end the clause
        ("kk", "Облыста 12,5 мың гектар жерге 30,2 млн түп көшет отырғызу жоспарланды.",
         "12,5 мың гектар", "forest.planting"),
        ("kk", "Облыста 12 мың гектар жерге 30 млн түп көшет отырғызу жоспарланды.",
         "12 мың гектар", "forest.planting"),
        # kk and az: a share with a possessive ending is a share of the noun right before it
        ("az", "Sənaye tullantılarının 41,2 faizi şirkətlərdə qalıb.", "41,2 faizi",
         "waste.generated"),
        ("kk", "Шығарындылардың 35 пайызы кәсіпорындарға тиесілі.", "35 пайызы", "air.emissions"),
        # a noun in the locative says where, not what is measured; a count's own noun still counts
        ("az", "Tullantıların 57,4 faizi mədənçıxarma müəssisələrində yaranıb.", "57,4 faizi",
         "waste.generated"),
        ("az", "Qalıqların 30 faizi zavodlarda saxlanılıb.", "30 faizi", "waste.generated"),
        ("az", "Sahədə 80 hektar ərazidə 9 min ağac əkilib.", "80 hektar", "forest.planting"),
        ("az", "Rayonda 12 müəssisə fəaliyyət göstərir.", "12 müəssisə", "industry.enterprises"),
        # `yaranmış` (generated) names generated waste
        ("az", "Ötən il yaranmış 1500 min ton tullantının çoxu poliqona atılıb.", "1500 min ton",
         "waste.generated"),
    ],
)
def test_share_whole_locatives_and_decimal_commas_in_kazakh_and_azerbaijani(
        lang, text, surface, code):
    assert codes(text, lang)[surface] == code
