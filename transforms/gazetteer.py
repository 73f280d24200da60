"""The gazetteer as a coded reference dataset: every entity a claim can name, with
its code, type, parent and names (data/entities.txt, the places and bodies the
extractor matches in the text; data/authorities.txt, ministries and agencies, whose
figures are their country's; data/iso3166.txt, generated from pycountry).

`resolve` turns the English name the extractor writes into `claims.entity` into
(entity_code, entity_type, parent_code); `entities` is the `entities` codelist,
which also holds every ISO 3166 country and subdivision, so that every parent
code resolves. Codes of countries and subdivisions come from ISO 3166 (via
pycountry, see transforms/iso3166.py), never from the entities file alone: an
ISO-shaped code not in iso3166.txt is an error, as is a parent that is not a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from transforms import lexicon
from transforms.lexicon import LexiconError

TYPES = ("country", "region", "district", "city", "water_body", "company", "organization",
         "world")
NAME_LANGS = ("en", "ru", "kk", "az")
FILES = ("entities", "authorities")
ISO = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,3})?")
SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Entity:
    code: str
    type: str
    parent: str | None
    name: str  # the English name, as claims.entity spells it
    names: dict[str, str | None] = field(default_factory=dict, compare=False)
    centre: str | None = None  # a region's administrative centre (English name)


def resolve(name: str | None) -> tuple[str, str, str | None] | None:
    """(entity_code, entity_type, parent_code) of an English entity name; None for
    None or a name the gazetteer does not know."""
    entity = by_name().get(name) if name else None
    return (entity.code, entity.type, entity.parent) if entity else None


@cache
def by_name() -> dict[str, Entity]:
    """The entities of data/entities.txt and data/authorities.txt by English name."""
    return {e.name: e for e in _named().values()}


@cache
def entities() -> dict[str, Entity]:
    """Every coded entity by code: those of entities.txt, then the ISO 3166 rows they
    do not cover (named as ISO names them)."""
    iso = _iso()
    named = {e.code: e for e in _named().values()}
    merged = dict(named)
    for code, e in iso.items():
        if code in named:
            names = {lang: named[code].names.get(lang) or e.names.get(lang) for lang in NAME_LANGS}
            merged[code] = Entity(code, named[code].type, named[code].parent, named[code].name,
                                  {**names, "en": named[code].name}, named[code].centre)
        else:
            merged[code] = e
    return dict(sorted(merged.items()))


@cache
def _iso() -> dict[str, Entity]:
    found: dict[str, dict] = {}
    for e in lexicon.load("iso3166"):
        code, lang = e.fields[0], _lang(e)
        row = found.setdefault(code, {"names": {}})
        if e.section == "country":
            row.update(type="country", parent=None)
        else:
            row.update(parent=e.fields[1], type=e.fields[2])
        row["names"].setdefault(lang, e.forms[0])
    return {code: Entity(code, r["type"], r["parent"], r["names"]["en"], r["names"])
            for code, r in found.items()}


def _lang(e: lexicon.Entry) -> str:
    return next(iter(e.langs)) if len(e.langs) == 1 else "en"


def _name(field_: str) -> str:
    return field_.replace("_", " ")


@cache
def _named() -> dict[str, Entity]:
    """Entities of the gazetteer's files by English name, checked: known type, one first
    line with code and parent, ISO codes from iso3166.txt, slugs under their parent."""
    heads: dict[str, tuple[lexicon.Entry, Entity]] = {}
    files: dict[str, str] = {}
    names: dict[str, dict[str, str | None]] = {}
    for file, e in ((f"{f}.txt", e) for f in FILES for e in lexicon.load(f) if not e.latin):
        name = _name(e.fields[0])
        files.setdefault(name, file)
        if e.section not in TYPES:
            raise LexiconError(file, e.line, f"[{e.section}]", f"not a type: {', '.join(TYPES)}")
        if len(e.fields) > 1:
            if name in heads:
                raise LexiconError(file, e.line, name, "entity defined twice")
            heads[name] = (e, _head(file, e, name))
        elif name not in heads:
            raise LexiconError(file, e.line, name, "forms before the entity's first line")
        elif heads[name][0].section != e.section:
            raise LexiconError(file, e.line, name, f"entity is in [{heads[name][0].section}]")
        for lang in NAME_LANGS[1:]:
            if lang in e.langs:
                plain = [f for f in e.forms if "~" not in f]
                names.setdefault(name, {}).setdefault(lang, plain[0] if plain else None)
    # the English name is the one claims.entity spells, whatever form comes first
    found = {name: Entity(h.code, h.type, h.parent, h.name, {**names.get(name, {}), "en": name},
                          h.centre)
             for name, (_, h) in heads.items()}
    _check_codes(found, {name: (files[name], e.line) for name, (e, _) in heads.items()})
    return found


def _head(file: str, e: lexicon.Entry, name: str) -> Entity:
    fields = e.fields[1:]
    centre = None
    if e.section == "region":
        if len(fields) != 3:
            raise LexiconError(file, e.line, " ".join(e.fields),
                               "a region's first line is '<name> <centre> <code> <parent>'")
        centre = None if fields[0] == "-" else _name(fields[0])
        fields = fields[1:]
    if len(fields) != 2:
        raise LexiconError(file, e.line, " ".join(e.fields),
                           "an entity's first line is '<name> <code> <parent>'")
    code, parent = fields
    return Entity(code, e.section, None if parent == "-" else parent, name, {}, centre)


def _check_codes(found: dict[str, Entity], lines: dict[str, tuple[str, int]]) -> None:
    iso = _iso()
    codes = {e.code for e in found.values()} | set(iso)
    seen: dict[str, str] = {}
    for name, e in found.items():
        file, line = lines[name]
        if e.code in seen:
            raise LexiconError(file, line, e.code, f"code already used by {seen[e.code]}")
        seen[e.code] = name
        if ISO.fullmatch(e.code):
            if e.code not in iso:
                raise LexiconError(file, line, e.code, "not a code of iso3166.txt")
        else:
            base, _, slug = e.code.rpartition(".")
            if base != (e.parent or "") or not SLUG.fullmatch(slug):
                raise LexiconError(file, line, e.code, "a code outside ISO 3166 is "
                                   "'<parent code>.<slug>' or a slug without parent")
        if e.parent is not None and e.parent not in codes:
            raise LexiconError(file, line, e.parent, "parent is not a code of the gazetteer")
        if e.centre is not None and e.centre not in found:
            raise LexiconError(file, line, e.centre, "centre is not an entity of the gazetteer")
