import shutil

import pytest

from transforms import entities, gazetteer, iso3166, lexicon


@pytest.mark.parametrize(
    ("name", "resolved"),
    [
        ("Kazakhstan", ("KZ", "country", None)),
        ("Almaty", ("KZ-75", "city", "KZ")),
        ("Almaty Region", ("KZ-19", "region", "KZ")),
        ("East Kazakhstan Region", ("KZ-63", "region", "KZ")),
        ("Turkistan Region", ("KZ-61", "region", "KZ")),
        ("Temirtau", ("KZ-35.temirtau", "city", "KZ-35")),
        ("Balkhash", ("KZ-35.balkhash", "city", "KZ-35")),
        ("Lake Balkhash", ("KZ.balkhash_lake", "water_body", "KZ")),
        ("Kapshagay Reservoir", ("KZ-19.kapshagay_reservoir", "water_body", "KZ-19")),
        ("Medeu District", ("KZ-75.medeu", "district", "KZ-75")),
        ("Baku", ("AZ-BA", "city", "AZ")),
        ("East Zangezur Economic Region", ("AZ.east_zangezur", "region", "AZ")),
        ("Chuy Region", ("KG-C", "region", "KG")),
        ("Kazzinc", ("KZ.kazzinc", "company", "KZ")),
        ("Qarmet", ("KZ.qarmet", "company", "KZ")),
        ("Masdar", ("AE.masdar", "company", "AE")),
        ("Ministry of Ecology and Natural Resources",
         ("KZ.ministry_of_ecology", "organization", "KZ")),
        ("UNDP", ("undp", "organization", None)),
    ],
)
def test_an_english_entity_name_resolves_to_its_code_type_and_parent(name, resolved):
    assert gazetteer.resolve(name) == resolved


def test_no_entity_and_an_unknown_name_resolve_to_nothing():
    assert gazetteer.resolve(None) is None
    assert gazetteer.resolve("Atlantis") is None


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Выбросы в Нур-Султане сократились.", "ru", "Astana"),
        ("Выбросы в Южно-Казахстанской области выросли.", "ru", "Turkistan Region"),
        ("АрселорМиттал Темиртау снизил выбросы.", "ru", "Qarmet"),
        ("Уровень озера Балхаш упал.", "ru", "Lake Balkhash"),
        ("В Балхаше открыли завод.", "ru", "Balkhash"),
        ("Xəzər dənizinin səviyyəsi azalıb.", "az", "Caspian Sea"),
    ],
)
def test_former_names_and_a_lake_beside_its_city_match_their_own_entity(text, lang, name):
    c = entities.cues(lang)
    found = [value[0] for matcher in (c.exact, c.loose) for _, _, value in matcher.finditer(text)]
    assert found == [name]


def test_every_entity_has_an_english_and_a_russian_name():
    for lang in ("en", "ru"):
        assert [e.name for e in gazetteer.by_name().values() if not e.names.get(lang)] == []


def test_the_codelist_holds_every_iso_country_and_the_parent_of_every_entity():
    codes = gazetteer.entities()
    assert {"US", "JP", "KZ-62", "AZ-NX", "UZ-QR"} <= set(codes)
    assert all(e.parent is None or e.parent in codes for e in codes.values())
    assert codes["KZ"].names == {
        "en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан", "az": "Qazaxıstan"}
    assert codes["FR"].type == "country" and codes["FR"].names["kk"] == "Франция"


def test_the_iso_file_is_what_pycountry_gives_now():
    assert iso3166.ISO3166.read_text(encoding="utf-8") == iso3166.write(), \
        "transforms/data/iso3166.txt is stale: run `uv run python -m transforms.iso3166`"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the data folder, with the gazetteer's caches cleared around the test."""
    shutil.copytree(lexicon.DATA, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    cached = (lexicon.load, gazetteer._named, gazetteer._iso, gazetteer.by_name, gazetteer.entities)
    for f in cached:
        f.cache_clear()
    yield tmp_path
    for f in cached:
        f.cache_clear()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Atlantis QQ - @en : Atlantis", "entities.txt:3: not a code of iso3166.txt: 'QQ'"),
        ("Atlantis KZ-35.atlantis KZ @en : Atlantis",
         ("entities.txt:3: a code outside ISO 3166 is '<parent code>.<slug>' "
         "or a slug without parent: 'KZ-35.atlantis'")),
        ("Atlantis XX.atlantis XX @en : Atlantis",
         "entities.txt:3: parent is not a code of the gazetteer: 'XX'"),
        ("Atlantis KZ.kazzinc KZ @en : Atlantis",
         "entities.txt:3: code already used by Kazzinc: 'KZ.kazzinc'"),
        ("Atlantis @ru : Атлантида",
         "entities.txt:3: forms before the entity's first line: 'Atlantis'"),
        ("Atlantis KZ.atlantis @en : Atlantis",
         ("entities.txt:3: an entity's first line is '<name> <code> <parent>': "
         "'Atlantis KZ.atlantis'")),
    ],
)
def test_a_gazetteer_line_that_breaks_a_rule_names_the_file_line_and_rule(data, line, message):
    entities = data / "entities.txt"
    head = "[city]\nKazzinc KZ.kazzinc KZ @en : Kazzinc\n"
    entities.write_text(head + line + "\n", encoding="utf-8")
    with pytest.raises(lexicon.LexiconError) as error:
        gazetteer.by_name()
    assert str(error.value) == message


def test_a_region_without_its_centre_names_the_rule(data):
    region = "[region]\nAtlantis_Region KZ-35 KZ @en : Atlantis\n"
    (data / "entities.txt").write_text(region, encoding="utf-8")
    with pytest.raises(lexicon.LexiconError) as error:
        gazetteer.by_name()
    assert str(error.value) == (
        "entities.txt:2: a region's first line is '<name> <centre> <code> <parent>': "
        "'Atlantis_Region KZ-35 KZ'")
