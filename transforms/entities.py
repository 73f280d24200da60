"""The entity of a claim (GUIDE.md section 2): the most specific place or organization
the text ties it to, read from the gazetteer (`transforms/data/entities.txt`).

Where to look, in order: the claim's clause, then its sentence; then a description in
the sentence that points back (`the region`, `облыс`) to the last entity of that type;
then the earlier sentences of its paragraph, while it keeps their subject; else the
document's country (the world, when the sentence speaks of the world). A dateline
(`ASTANA –`), a body quoted as the source (`according to UNDP`), a landmark (`Bakı
yaxınlığında`: near it) and half of a name spanning places (`Xızı-Abşeron KES`) are never
the entity; a list of places (`Almaty and Zhambyl regions`) stands for their common parent;
a national body (a ministry, the government) for the document's country.

Every look-up bisects sorted hits and reads a bounded window, so a document costs time
linear in its length.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from transforms import gazetteer, lexicon

CAPITAL = "A-ZА-ЯЁƏÖÜİÇŞĞӘҒҚҢӨҰҮҺІ"
JOIN = r"(?:,|[ \u00a0]+(?:and|и|және|мен|və))"
LIST_JOIN = re.compile(r"[ \u00a0]*(?:,|and|и|және|мен|və)[ \u00a0]*(?:(?:and|и)[ \u00a0]+)?")
LIST_NEXT = re.compile(
    rf"{JOIN}[ \u00a0]+[{CAPITAL}][^\W\d]+(?:,|[ \u00a0]+(?:and|и|және|və)[ \u00a0])"
)
# not a sentence's first word: `Мысалы, Қызылжар ауданы`, `Máselen, ...` (for example) open it
LIST_PREVIOUS = re.compile(rf"(?:(?<=\w )|(?<=\w\u00a0)|(?<=[,»)\"] ))[{CAPITAL}][^\W\d]+{JOIN}"
                           rf"[ \u00a0]+$")
# the names before a plural place word: `Almaty and Zhambyl`, `Алматинской, Жамбылской и ...`
NAME = rf"[{CAPITAL}][^\W\d]*(?:-[^\W\d]+)?"
NAMES_BEFORE_PLURAL = re.compile(
    rf"{NAME}(?:(?:[ \u00a0]*,[ \u00a0]*|{JOIN}[ \u00a0]+){NAME})+[ \u00a0]+$"
)
# members of such a list that carry their own figures: `Туркестанской (29 тыс. тонн) и ...`
BRACKETED = r"[ \u00a0]*\([^()]{1,80}\)"
BRACKETED_BEFORE_PLURAL = re.compile(
    rf"{NAME}{BRACKETED}(?:(?:{JOIN}|[ \u00a0]+и)[ \u00a0]*{NAME}{BRACKETED})*[ \u00a0]+$"
)
MEMBER = re.compile(rf"({NAME}){BRACKETED}")
NAME_RE = re.compile(NAME)
PLURAL_REACH = 300
SPEECH_REACH = 120  # how far back from a place the quote and the verb of saying may stand
# where the news was filed: `ASTANA –`, `Астана. 5 марта. КазТАГ –`, `NUR-SULTAN. KAZINFORM`,
# `АСТАНА, 3 декабря`, `BAKU, Azerbaijan, Dec. 3`, `Bakı. 12 yanvar`
DATELINE_AFTER = re.compile(
    rf"[ \u00a0]*(?:[–—-][ \u00a0]|/"
    rf"|[.,][ \u00a0]*(?:\d|[{CAPITAL}]{{3,}}\b|[{CAPITAL}][^\W\d]+,|\(|/))"
)
PARAGRAPH = re.compile(r"\n[\s]*")
# `в Атырауской области – 66% и Восточно-Казахстанской области – 78%`: a place right after the
# claim and a join opens the next member of a list, it is not the claim's
NEXT_MEMBER = re.compile(r"[ \u00a0]*(?:,|и|and|və|және)[ \u00a0]+(?:в[ \u00a0]+|in[ \u00a0]+)?")
NOT_SPECIFIC = frozenset({"country", "national", "list"})
# the word that makes a town's name the town itself (`Şabran şəhəri`), where districts are
# named after their towns and news calls the district by the bare name
NAMED_AFTER_TOWN = {"az": "şəhər"}
QUOTED_NAME = re.compile(r"«[^«»\n]{1,80}»")  # a name in guillemets: a company, a project
PLACES = frozenset({"country", "region", "district", "city", "water_body", "list"})
LOOK_BACK = 3000  # characters before a sentence an antecedent may stand in
COUNTRY_PENALTY = 80  # a country in the sentence loses to a nearby specific place
LATER_PENALTY = 10  # a name after the claim loses to one as near before it
WORLD = "World"
HEADING_CHARS = 160  # a heading is a short line that does not end as a sentence does
HEADING_END = re.compile(r"[.!?…:;,»”\"]$")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    name: str | None  # None: the document's country (a national body, a list without one parent)
    kind: str  # the gazetteer section, or `list`
    role: str = "entity"  # `entity`, `dateline`, `source` or `landmark`
    home: str | None = None  # a national body's own country (authorities.txt)
    members: tuple[str, ...] = ()  # a list's places, in order, where each is known


@dataclass(frozen=True)
class Cues:
    """The gazetteer and the entity cue words of one language, compiled."""

    exact: lexicon.Matcher  # short all-caps aliases (`ERG`, `РК`) keep their case
    loose: lexicon.Matcher
    anaphora: list[tuple[str, re.Pattern[str]]]
    source_before: re.Pattern[str] | None
    source_after: re.Pattern[str] | None
    near_after: re.Pattern[str] | None
    world: re.Pattern[str] | None
    plural: re.Pattern[str] | None
    member_words: list[str]
    speech: re.Pattern[str] | None
    continuation: re.Pattern[str] | None
    speaker: re.Pattern[str] | None
    speaker_before: re.Pattern[str] | None
    partner: re.Pattern[str] | None


@dataclass
class Document:
    """The entity hits of one document, sorted, and what is read from them once."""

    hits: list[Hit]
    starts: list[int]
    paragraphs: list[int]  # where each paragraph starts
    country: str | None
    headings: list[int] = field(default_factory=list)  # where each heading starts
    heading_entities: list[str | None] = field(default_factory=list)  # what each names
    dated_headings: list[bool] = field(default_factory=list)  # whether each has a digit
    anaphora: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)
    fallbacks: dict[tuple, str | None] = field(default_factory=dict)  # see resolve
    pointed: list[tuple[int, str]] = field(default_factory=list)  # (sentence start, what it meant)

    def within(self, start: int, end: int) -> list[Hit]:
        """Hits standing wholly in [start, end)."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo=lo)
        return [h for h in self.hits[lo:hi] if h.end <= end]

    def named(self, hit: Hit) -> str | None:
        return hit.name if hit.name is not None else self.country


def _name(value: str) -> str:
    return value.replace("_", " ")


def _pattern(forms: list[str], lang: str, before: bool) -> re.Pattern[str] | None:
    if not forms:
        return None
    if before:  # the cue ends before the name, two words apart at most (`for the Kazakh`)
        words = r"(?:[ \u00a0]+[^\W\d]+){0,2}"
        return re.compile(rf"{lexicon.word_start(forms, lang)}{words}[ \u00a0]*$")
    return re.compile(
        rf"(?:'s|’s|-?[^\W\d_]{{0,4}})[ \u00a0]*{lexicon.alternation(forms, lang)}(?![\w])"
    )


def _forms(part: str, lang: str, name: str | None = None) -> list[str]:
    return [
        f
        for e in lexicon.section("cues", part, lang)
        if name is None or e.fields[0] == name
        for f in e.forms
    ]


@cache
def cues(lang: str) -> Cues:
    exact, loose = [], []
    # an authority (authorities.txt: ministries, agencies, governments) is matched as
    # `national`: its figures are its country's
    matched = [*((e, e.section) for e in lexicon.load("entities") if e.section != "world"),
               *((e, "national") for e in lexicon.load("authorities"))]
    for e, kind in matched:
        if not (e.applies_to(lang) or "en" in e.langs):  # English names appear in any text
            continue
        name = _name(e.fields[0])
        value = (None, kind, countries().get(name)) if kind == "national" else (name, kind, None)
        for form in e.forms:
            (exact if form.isupper() and len(form) <= 5 else loose).append((form, value))
    grouped: dict[str, list[str]] = {}
    for e in lexicon.section("cues", "anaphora", lang):
        grouped.setdefault(e.fields[0], []).extend(e.forms)
    said = _forms("speech", lang)
    world, plural, this = (
        _forms("world", lang),
        _forms("plural_places", lang),
        _forms("continuation", lang),
    )
    return Cues(
        exact=lexicon.Matcher(exact, lang, ignore_case=False),
        loose=lexicon.Matcher(loose, lang),
        anaphora=[
            (kind, re.compile(rf"{lexicon.word_start(forms, lang)}(?![\w])"))
            for kind, forms in grouped.items()
        ],
        source_before=_pattern(_forms("source", lang, "before"), lang, before=True),
        source_after=_pattern(_forms("source", lang, "after"), lang, before=False),
        near_after=_pattern(_forms("near", lang, "after"), lang, before=False),
        world=re.compile(rf"{lexicon.word_start(world, lang)}(?![\w])") if world else None,
        plural=re.compile(rf"{lexicon.word_start(plural, lang)}(?![\w])") if plural else None,
        member_words=_forms("plural_member", lang),
        speech=re.compile(
            rf"[»\"”][ \u00a0]*,?[ \u00a0]*[–—-][ \u00a0]*{lexicon.word_start(said, lang)}"
            r"[^.!?«»\"“”\n]*$") if said else None,
        continuation=re.compile(rf"{lexicon.alternation(this, lang)}(?![\w])") if this else None,
        speaker=_speaker(_forms("speaker", lang, "title"), lang),
        speaker_before=_pattern(_forms("speaker", lang, "title_before"), lang, before=True),
        partner=_pattern(_forms("partner", lang), lang, before=True),
    )


def _speaker(titles: list[str], lang: str) -> re.Pattern[str] | None:
    """A title after a country's name, up to four capitalised (or quoted) words or `and`
    between: `UAE Energy Minister`, `Danimarkanın “Vestas” şirkəti`."""
    if not titles:
        return None
    word = rf"[«\"“]?[{CAPITAL}][\w&-]*[»\"”]?"
    between = rf"(?:[ \u00a0]+(?:{word}|and|of)){{0,4}}"
    return re.compile(rf"(?:'s|’s)?{between}[ \u00a0]+{lexicon.alternation(titles, lang)}(?![\w])")


@cache
def countries() -> dict[str, str]:
    """Entity → the country it lies in or belongs to, up its parents in the gazetteer."""
    by_code = gazetteer.entities()
    out = {}
    for name, e in gazetteer.by_name().items():
        while e is not None and e.type != "country":
            e = by_code.get(e.parent or "")
        if e is not None and e.name != name:
            out[name] = e.name
    return out


@cache
def language_countries() -> dict[str, str]:
    """Language → the one country its national bodies and `ölkədə` mean, for a document
    that names no country or place (`transforms/data/entity_countries.txt`)."""
    return {
        form: _name(e.fields[0])
        for e in lexicon.section("entity_countries", "languages")
        for form in e.forms
    }


@cache
def regional_centers() -> dict[str, str]:
    """Region → its administrative centre, as the gazetteer records it."""
    return {name: e.centre for name, e in gazetteer.by_name().items() if e.centre}


def read(text: str, lang: str, amounts: Sequence[tuple[int, int]] = ()) -> Document:
    """The document's entity hits: longest names first, lists merged, datelines and
    sources marked; and its country. A name inside one of `amounts` (the mentions' spans)
    is a word of its unit (`2 млрд долларов США`), not a place."""
    c = cues(lang if lang in lexicon.LANGS else "en")
    found = sorted(
        (
            Hit(start, end, name, kind, home=home)
            for matcher in (c.exact, c.loose)
            for start, end, (name, kind, home) in matcher.finditer(text)
        ),
        key=lambda h: (h.start, -h.end),
    )
    found = [h for i, h in enumerate(found) if i == 0 or h.start >= found[i - 1].end]
    found = _with_parents(text, _outside(found, sorted(amounts)))
    found = _outside_quoted_names(text, _short_names(text, lang, found))
    found = _outside_compound_names(text, found)
    if lang in NAMED_AFTER_TOWN:
        found = _districts_of_bare_towns(text, found, NAMED_AFTER_TOWN[lang])
    paragraphs = [0] + [p.end() for p in PARAGRAPH.finditer(text)]
    plurals = [p.span() for p in c.plural.finditer(text)] if c.plural is not None else []
    found = _bracketed_members(text, c, plurals, found)
    hits = _roles(text, _plural_lists(text, c, plurals, _lists(text, found)), c, paragraphs)
    country = document_country(hits) or language_countries().get(lang)
    doc = Document(hits, [h.start for h in hits], paragraphs, country)
    for start, end in zip(paragraphs, paragraphs[1:] + [len(text)]):
        line = text[start:end].rstrip()
        if 0 < len(line) <= HEADING_CHARS and not HEADING_END.search(line):
            named = [h for h in doc.within(start, start + len(line)) if h.role == "entity"]
            specific = [h for h in named if h.kind not in NOT_SPECIFIC]
            doc.headings.append(start)
            doc.heading_entities.append((specific or named)[0].name if named else None)
            doc.dated_headings.append(any(ch.isdigit() for ch in line))
    return doc


def _with_parents(text: str, hits: list[Hit]) -> list[Hit]:
    """`в Ак-Суйском районе Иссык-Кульской области`: a place followed by the place it lies in
    is the place, the parent only says where it is."""
    out: list[Hit] = []
    for h in hits:
        child, parent = (_entity(out[-1]) if out else None), _entity(h)
        beside = bool(out) and not text[out[-1].end : h.start].strip()
        if child and parent and child.parent == parent.code and beside:
            out[-1] = dataclasses.replace(out[-1], end=h.end)
        else:
            out.append(h)
    return out


def _entity(h: Hit) -> gazetteer.Entity | None:
    return gazetteer.by_name().get(h.name) if h.name else None


def _outside(hits: list[Hit], amounts: list[tuple[int, int]]) -> list[Hit]:
    """The hits that stand in none of the sorted spans `amounts`."""
    starts = [a for a, _ in amounts]

    def inside(h: Hit) -> bool:
        i = bisect.bisect_right(starts, h.start) - 1
        return i >= 0 and h.end <= amounts[i][1]

    return [h for h in hits if not inside(h)]


@cache
def _short_forms(lang: str) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
    """City → (a pattern of the short forms, short form → name) of bodies named after the
    city (`Almaty CHP-2`): what is left of a form after the city's name (`CHP-2`)."""
    entries = [e for e in lexicon.load("entities") if e.applies_to(lang) or "en" in e.langs]
    cities = [(_name(e.fields[0]), f) for e in entries if e.section == "city"
              for f in e.forms if "~" not in f]
    by_city: dict[str, dict[str, str]] = {}
    for e in entries:
        if e.section != "company":
            continue
        for form in e.forms:
            for city, written in cities:
                if form.startswith(written + " ") and "~" not in form:
                    by_city.setdefault(city, {})[form[len(written) + 1:]] = _name(e.fields[0])
    return {
        city: (re.compile(rf"{lexicon.word_start(list(forms), lang)}(?![\w-])"), forms)
        for city, forms in by_city.items()
    }


def _short_names(text: str, lang: str, hits: list[Hit]) -> list[Hit]:
    """`CHP-2` in a text that names Almaty is Almaty CHP-2: a body named after its city,
    written without it where the text has named the city."""
    short = _short_forms(lang)
    named = sorted({h.name for h in hits if h.kind == "city" and h.name in short})
    found = [Hit(m.start(), m.end(), forms[" ".join(m.group().split())], "company")
             for city in named for pattern, forms in [short[city]]
             for m in pattern.finditer(text)]
    if not found:
        return hits
    found = [f for f in found if not any(h.start < f.end and f.start < h.end for h in hits)]
    return sorted(hits + found, key=lambda h: (h.start, -h.end))


def _outside_quoted_names(text: str, hits: list[Hit]) -> list[Hit]:
    """Places that are a word of a longer quoted name (`«Жайық таза қала» ЖШС`, `ТОО «Экология
    Атырау»`) name an organization, not the river or the city."""
    quoted = [q.span() for q in QUOTED_NAME.finditer(text)]
    if not quoted:
        return hits
    starts = [a for a, _ in quoted]

    def inside(h: Hit) -> bool:
        i = bisect.bisect_right(starts, h.start) - 1
        return i >= 0 and h.end <= quoted[i][1] and (h.start, h.end) != (quoted[i][0] + 1,
                                                                          quoted[i][1] - 1)

    return [h for h in hits if h.kind not in PLACES or not inside(h)]


def _districts_of_bare_towns(text: str, hits: list[Hit], town_word: str) -> list[Hit]:
    """`Şabran rayonunun ... Şabran Regional Meşə Təsərrüfatı Mərkəzi`, `Naxçıvan Muxtar
    Respublikasında ... Naxçıvanın`: in a text that names a district or region called after its
    town, the town's bare name (no `şəhəri`) is that district or region, as the text keeps it."""
    districts = {h.name for h in hits if h.kind in ("district", "region")}
    if not districts:
        return hits
    by_name, by_code = gazetteer.by_name(), gazetteer.entities()
    out = []
    for h in hits:
        town = by_name.get(h.name or "") if h.kind == "city" else None
        parent = by_code.get(town.parent or "") if town else None
        if (parent is not None and parent.name in districts and parent.name.startswith(town.name)
                and town_word not in text[h.start : h.end].lower()):
            h = Hit(h.start, h.end, parent.name, parent.type)
        out.append(h)
    return out


def _outside_compound_names(text: str, hits: list[Hit]) -> list[Hit]:
    """A place glued by a hyphen to the word before it (`Xızı-Abşeron külək stansiyası`,
    `Şollar-Bakı su kəməri`) is the second half of an object's name that spans places, not
    where the claim is."""
    return [h for h in hits if h.kind not in PLACES or h.start < 2 or text[h.start - 1] != "-"
            or not text[h.start - 2].isalpha()]


def _lists(text: str, hits: list[Hit]) -> list[Hit]:
    """Enumerations (`in Balkhash, Abay and ...`) as one hit named by the members' common
    country: a claim about a list of places is about none of them in particular."""
    out: list[Hit] = []
    run: list[Hit] = []
    for h in hits + [None]:
        if (
            h is not None
            and run
            and run[-1].kind == h.kind
            and h.kind in PLACES
            and LIST_JOIN.fullmatch(text, run[-1].end, h.start)
        ):
            run.append(h)
            continue
        if len(run) > 1:
            out.append(_list_of(run))
        elif run:
            single = run[0]
            loose = single.kind in PLACES - {"country"} and (
                LIST_NEXT.match(text, single.end)
                or LIST_PREVIOUS.search(text, max(0, single.start - 40), single.start)
            )
            out.append(_list_of(run) if loose else single)
        run = [h] if h is not None else []
    return out


def _bracketed_members(
    text: str, c: Cues, plurals: list[tuple[int, int]], hits: list[Hit]
) -> list[Hit]:
    """`в Туркестанской (29 тыс. тонн) и Кызылординской (31 тыс. тонн) областях`: each member
    of a plural list that carries its own figure is the place its adjective and the singular
    place word name (`Туркестанской области`), whatever a shorter name inside it matched."""
    if not c.member_words:
        return hits
    named: list[Hit] = []
    for start, _ in plurals:
        run = BRACKETED_BEFORE_PLURAL.search(text, max(0, start - PLURAL_REACH), start)
        for member in MEMBER.finditer(text, run.start(), run.end()) if run else ():
            place = _member_place(member.group(1), c)
            if place is not None:
                named.append(Hit(member.start(1), member.end(1), *place[:2]))
    if not named:
        return hits
    kept = [h for h in hits if not any(n.start <= h.start < n.end for n in named)]
    return sorted(kept + named, key=lambda h: (h.start, -h.end))


def _member_place(adjective: str, c: Cues, words: Sequence[str] = ()
                  ) -> tuple[str | None, str, str | None] | None:
    """The place `adjective` and a singular place word name together, if the gazetteer knows it."""
    for word in words or c.member_words:
        phrase = f"{adjective} {word}"
        for start, end, value in c.loose.finditer(phrase):
            if start == 0 and end == len(phrase):
                return value
    return None


def _list_of(members: Sequence[Hit]) -> Hit:
    parents = {
        countries().get(m.name or "", m.name if m.kind == "country" else None) for m in members
    }
    parent = parents.pop() if len(parents) == 1 else None
    names = tuple(m.name for m in members if m.name and m.kind != "list")
    return Hit(members[0].start, members[-1].end, parent, "list",
               members=names if len(names) == len(members) else ())


def _plural_lists(
    text: str, c: Cues, plurals: list[tuple[int, int]], hits: list[Hit]
) -> list[Hit]:
    """`Almaty and Zhambyl regions`: the names before a plural place word are a list."""
    spans, words = [], {}
    for start, end in plurals:
        names = NAMES_BEFORE_PLURAL.search(text, max(0, start - 120), start)
        if names:
            spans.append((names.start(), end))
            words[names.start()] = text[start:end]
    if not spans:
        return hits
    starts = [h.start for h in hits]
    out: list[Hit] = []
    done = 0  # hits before this index are in `out` or inside a list already
    for start, end in spans:
        lo = max(done, bisect.bisect_left(starts, start))
        out.extend(hits[done:lo])
        hi = lo
        while hi < len(hits) and hits[hi].end <= end:
            hi += 1
        parents = {_parent(h) for h in hits[lo:hi]}
        out.append(Hit(start, end, parents.pop() if len(parents) == 1 else None, "list",
                       members=_plural_members(text, c, (start, end), words[start],
                                               hits[lo:hi])))
        done = hi
    return out + hits[done:]


def _plural_members(text: str, c: Cues, span: tuple[int, int], plural: str, inside: list[Hit]
                    ) -> tuple[str, ...]:
    """The places of `Pavlodar and Karaganda regions`, each its name with the singular of the
    plural word (`Pavlodar region`) or the place its name alone is; those after the last
    name that is no place."""
    singular = [w for w in c.member_words if w[:4].lower() == plural[:4].lower()]
    names: list[str] = []
    for name in NAME_RE.finditer(text, *span):
        place = _member_place(name.group(), c, singular) if singular else None
        alone = [h.name for h in inside if h.start == name.start() and h.kind in PLACES and h.name]
        if place and place[0] and place[1] in PLACES:
            names.append(place[0])
        elif alone:
            names.append(alone[0])
        else:
            names = []  # a capitalised word before the list (`the Bureau, Zhetysu, ...`)
    return tuple(names)


def _parent(h: Hit) -> str | None:
    return h.name if h.kind in ("country", "list") else countries().get(h.name or "")


def _roles(text: str, hits: list[Hit], c: Cues, paragraphs: list[int]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        role = "entity"
        if _is_dateline(text, h, paragraphs) or (
            out
            and out[-1].role == "dateline"
            and re.fullmatch(r"[ \u00a0,]*", text[out[-1].end : h.start])
        ):
            role = "dateline"
        elif _is_source(text, h, c) if h.kind not in PLACES else (
                _is_speaker_or_venue(text, h, c) or _is_partner(text, h, c)):
            role = "source"  # a body the figures come from, who spoke, where, or with whom
        elif h.kind in PLACES and c.near_after and c.near_after.match(text, h.end):
            role = "landmark"  # `Bakı yaxınlığında`: near the place, not in it
        out.append(dataclasses.replace(h, role=role) if role != h.role else h)
    return out


def _is_dateline(text: str, h: Hit, paragraphs: list[int]) -> bool:
    i = bisect.bisect_right(paragraphs, h.start) - 1
    if h.kind not in PLACES or h.start - paragraphs[i] > 1:
        return False
    written = text[h.start : h.end]
    return bool(DATELINE_AFTER.match(text, h.end)) or (written.isupper() and len(written) > 3)


def _is_speaker_or_venue(text: str, h: Hit, c: Cues) -> bool:
    """A country before an official's title (`UAE Energy Minister ... said`) or a company
    (`Yaponiyanın TEPSCO şirkəti`: where it comes from), or after a title (`постановление
    президента Узбекистана`), or a place in the attribution after a quote (`«...», — заявил
    он на форуме в Алматы`)."""
    speaker = h.kind == "country" and (
        c.speaker and c.speaker.match(text, h.end)
        or c.speaker_before and c.speaker_before.search(text, max(0, h.start - 60), h.start))
    venue = c.speech and c.speech.search(text, max(0, h.start - SPEECH_REACH), h.start)
    return bool(speaker or venue)


def _is_partner(text: str, h: Hit, c: Cues) -> bool:
    """A country a deal is made with (`reached an agreement with Russia to import ...`): the
    claim is the other party's."""
    return h.kind == "country" and bool(
        c.partner and c.partner.search(text, max(0, h.start - 40), h.start))


def _is_source(text: str, h: Hit, c: Cues) -> bool:
    before = c.source_before and c.source_before.search(text, max(0, h.start - 40), h.start)
    return bool(before or (c.source_after and c.source_after.match(text, h.end)))


def document_country(hits: Sequence[Hit]) -> str | None:
    """The country the document names most (the first of a tie); without one, the
    country of the places and bodies it names most. A dateline says where the news was
    filed (Trend files Central Asian news from `BAKU, Azerbaijan`): it decides only for
    a text that names no other country or place."""
    body = [h for h in hits if h.role == "entity"]
    return _most_named(body) or _most_named(hits) or _home(body)


def _home(hits: Sequence[Hit]) -> str | None:
    """The country of the first national body named (`Министерством экологии`: Kazakhstan's):
    a text that names no country or place is about it."""
    return next((h.home for h in hits if h.kind == "national" and h.home), None)


def _most_named(hits: Sequence[Hit]) -> str | None:
    named = Counter(h.name for h in hits if h.kind == "country" and h.name)
    if not named:
        named = Counter(p for p in map(_parent, hits) if p)
    if not named:
        return None
    top = max(named.values())
    return next(name for name in named if named[name] == top)  # Counter keeps first-seen order


def nearest(
    items: Sequence[tuple[int, int, object]],
    start: int,
    end: int,
    *,
    later: int = LATER_PENALTY,
    penalty=lambda item: 0,
) -> object | None:
    """The value of the item nearest to [start, end), an item after it costing `later`
    more, each item `penalty(value)` more; items overlapping it are skipped."""
    best, best_cost = None, None
    for a, b, value in items:
        if b <= start:
            cost = start - b
        elif a >= end:
            cost = a - end + later
        else:
            continue
        cost += penalty(value)
        if best_cost is None or cost < best_cost:
            best, best_cost = value, cost
    return best


def _country_penalty(h: Hit) -> int:
    return COUNTRY_PENALTY if h.kind in NOT_SPECIFIC else 0


def resolve(
    doc: Document,
    text: str,
    lang: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    spans: list[tuple[int, int]],
    claimed: Sequence[tuple[int, int]] = (),
    run: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The entity of the claim at [start, end) of `sentence`, whose clause is `clause`; a
    place inside `claimed` (after another amount, in that amount's clause) is not its, nor
    one that opens the next member of a list after it; `run`, the amounts of an enumeration
    the claim is one of."""
    paired = _respective(doc, text, sentence, (start, end), run)
    if paired is not None:
        return paired
    named = [h for h in doc.within(*sentence) if h.role == "entity"
             and not any(a <= h.start and h.end <= b for a, b in claimed)
             and not (h.start >= end and NEXT_MEMBER.fullmatch(text, end, h.start))]
    if named:
        in_clause = [
            (h.start, h.end, h) for h in named if clause[0] <= h.start and h.end <= clause[1]
        ]
        best = nearest(
            in_clause or [(h.start, h.end, h) for h in named], start, end, penalty=_country_penalty
        )
        later = best is not None and not in_clause and best.start >= end
        if best is not None and best.kind != "list" and not (
                later and _points_back(doc, text, lang, sentence, clause)):
            return doc.named(best)
    kind = _anaphor_kind(doc, text, lang, start, end, sentence)
    key = (sentence, kind, best.name if named and best is not None else "")
    if key not in doc.fallbacks:  # the claims of one sentence share what it points back to
        doc.fallbacks[key] = _fallback(
            doc, text, lang, sentence, spans, kind, best if named else None
        )
    return doc.fallbacks[key]


def _respective(doc: Document, text: str, sentence: tuple[int, int], span: tuple[int, int],
                run: Sequence[tuple[int, int]]) -> str | None:
    """`Pavlodar and Karaganda regions, accounting for 694,200 and 455,000 tons`, `Astana, Almaty
    and Shymkent produced 49,100, 43,300 and 29,300 tons`: an enumeration of amounts after an
    enumeration of as many places or bodies pairs them in order."""
    if len(run) < 2 or span not in run:
        return None
    group: list[Hit] = []
    for h in reversed(doc.within(sentence[0], run[0][0])):
        if h.role != "entity" or group and not LIST_JOIN.fullmatch(text, h.end, group[0].start):
            break
        group.insert(0, h)
    names = [n for h in group for n in (h.members if h.kind == "list" else (h.name,))]
    if len(names) != len(run) or not all(names):
        return None
    return names[list(run).index(span)]


def _fallback(
    doc: Document,
    text: str,
    lang: str,
    sentence: tuple[int, int],
    spans: list[tuple[int, int]],
    kind: str | None,
    listed: Hit | None,
) -> str | None:
    """The entity of a claim whose sentence names none (or only a list of places)."""
    before = doc.within(max(0, sentence[0] - LOOK_BACK), sentence[0])
    earlier = [h for h in before if h.role != "dateline"]
    pointed = _pointed(doc, kind, before)
    if pointed is not None:
        if not doc.pointed or doc.pointed[-1][0] < sentence[0]:
            doc.pointed.append((sentence[0], pointed))  # claims come in text order: stays sorted
        return pointed
    c = cues(lang if lang in lexicon.LANGS else "en")
    if c.world is not None and c.world.search(text, *sentence):
        return WORLD
    carried = _carried(doc, text, lang, sentence, spans, [h for h in earlier if h.role == "entity"])
    if (
        listed is not None
    ):  # a list of places: the region the text is about contains them, else their parent
        return carried if carried in regional_centers() else doc.named(listed)
    return carried if carried is not None else doc.country


def _points_back(doc: Document, text: str, lang: str, sentence: tuple[int, int],
                 clause: tuple[int, int]) -> bool:
    """Whether the claim's clause holds a description that points back (`the share of heat
    sources in the city's atmosphere was 34%: CHP-2 ...`): it beats a name in a later clause."""
    _anaphor_kind(doc, text, lang, *clause, sentence)
    return any(clause[0] <= a and b <= clause[1] for a, b, _ in doc.anaphora[sentence])


def _anaphor_kind(
    doc: Document, text: str, lang: str, start: int, end: int, sentence: tuple[int, int]
) -> str | None:
    """The type of the description nearest the claim that points back (`the region`)."""
    if sentence not in doc.anaphora:
        c = cues(lang if lang in lexicon.LANGS else "en")
        doc.anaphora[sentence] = [
            (h.start(), h.end(), kind)
            for kind, p in c.anaphora
            for h in p.finditer(text, *sentence)
        ]
    return nearest(doc.anaphora[sentence], start, end, later=0)


def _pointed(doc: Document, kind: str | None, earlier: list[Hit]) -> str | None:
    """What a description in the sentence (`the region`, `облыста`) points back to: the
    last earlier entity of its type."""
    if kind is None:
        return None
    if kind == "country":
        return doc.country
    section = "region" if kind == "center" else kind
    for h in reversed(earlier):
        if h.kind == section and h.name and h.role != "dateline":
            return regional_centers().get(h.name) if kind == "center" else h.name
    if section == "region":  # `Ақтөбеде ... Облыста`: the region whose centre the text named
        regions = {center: region for region, center in regional_centers().items()}
        for h in reversed(earlier):
            if h.kind == "city" and h.name in regions:
                return regions[h.name]
    return None


def _carried(
    doc: Document,
    text: str,
    lang: str,
    sentence: tuple[int, int],
    spans: list[tuple[int, int]],
    earlier: list[Hit],
) -> str | None:
    """The entity of the paragraph's last earlier sentence that names one (its first, the
    subject): the text keeps its subject until the paragraph ends, or beyond where the next
    opens with `These ...`."""
    i = bisect.bisect_right(doc.paragraphs, sentence[0]) - 1
    this = cues(lang if lang in lexicon.LANGS else "en").continuation
    while i > 0 and this is not None and this.match(text, doc.paragraphs[i]):
        i -= 1
    paragraph = doc.paragraphs[i]
    inside = [h for h in earlier if h.start >= paragraph]
    last_pointed = doc.pointed[-1] if doc.pointed and doc.pointed[-1][0] < sentence[0] else None
    if (
        last_pointed
        and last_pointed[0] >= paragraph
        and (not inside or inside[-1].start < last_pointed[0])
    ):
        return last_pointed[1]  # `Облыста ... . Оның 70 пайызы`: what the last description meant
    if not inside:
        return _governing_heading(doc, paragraph, earlier) or _story_place(doc, paragraph, earlier)
    i = max(0, bisect.bisect_right(spans, (inside[-1].start, float("inf"))) - 1)
    there = [h for h in inside if h.start >= spans[i][0]] or inside[-1:]
    specific = [h for h in there if h.kind not in NOT_SPECIFIC]
    if specific:
        return _promote_to_region(specific[0].name or "", earlier)
    return doc.named(there[-1])


def _governing_heading(doc: Document, paragraph: int, earlier: list[Hit]) -> str | None:
    """What the last heading before the paragraph names (`Karaganda region: reducing
    emissions`): it governs the paragraphs up to the next heading."""
    i = bisect.bisect_left(doc.headings, paragraph) - 1
    while i > 0 and doc.heading_entities[i] is None and doc.dated_headings[i]:
        i -= 1  # a date line under a heading names nothing and keeps the heading above it
    if i < 0 or doc.heading_entities[i] is None:
        return None
    # a place or a national body (one quoted as the source too) moves the text on; a country
    # named as whose official spoke does not
    since = [h for h in doc.within(doc.headings[i], paragraph)
             if h.role == "entity" or h.kind == "national" and h.role == "source"]
    if since and since[-1].kind in ("country", "national") and not _attribution(doc, since[-1]):
        return None  # the text has moved on to the country (`the Minister ... reported`)
    heading = doc.heading_entities[i] or ""
    return _promote_to_region(_lead_place(doc, i, heading) or heading, earlier)


def _story_place(doc: Document, paragraph: int, earlier: list[Hit]) -> str | None:
    """Below a heading, the place its lead names first, where a later paragraph names none:
    a regional story stays in its region (`ПЕТРОПАВЛ. KAZINFORM – Солтүстік Қазақстан
    облысында ...` / a paragraph on districts' landfills), unless the text has since turned
    to the country (`the Minister reported`). Without a heading a new paragraph is the
    country's."""
    if not doc.headings or doc.headings[0] != 0 or len(doc.paragraphs) < 2:
        return None
    lead_end = doc.paragraphs[2] if len(doc.paragraphs) > 2 else sys.maxsize
    opening = [h for h in earlier if h.start < lead_end and h.role == "entity"]
    if not opening or opening[0].kind in NOT_SPECIFIC:
        return None
    since = [h for h in doc.within(opening[0].start, paragraph) if h.role != "dateline"]
    if any(h.kind in ("country", "national") for h in since):
        return None
    return _promote_to_region(opening[0].name or "", earlier)


def _attribution(doc: Document, h: Hit) -> bool:
    """A national body quoted as the source in a paragraph about a place (`... построят в
    Ташкентской области, сообщает Минэнерго`): it says who told, not what the text is about."""
    at = doc.paragraphs[bisect.bisect_right(doc.paragraphs, h.start) - 1]
    return h.role == "source" and any(
        p.role == "entity" and p.kind not in NOT_SPECIFIC for p in doc.within(at, h.start))


def _lead_place(doc: Document, i: int, heading: str) -> str | None:
    """Where the lead (the paragraph after a heading that names a country or a region) places
    the story there (`Kyrgyzstan launches ...` / `... in Kemin district of Chuy region`): the
    first place it names there below a region, else its first region."""
    if gazetteer.by_name()[heading].type not in ("country", "region"):
        return None
    at = bisect.bisect_right(doc.paragraphs, doc.headings[i])
    if at >= len(doc.paragraphs):
        return None
    end = doc.paragraphs[at + 1] if at + 1 < len(doc.paragraphs) else sys.maxsize
    inside = [
        h for h in doc.within(doc.paragraphs[at], end)
        if h.role == "entity" and h.kind not in NOT_SPECIFIC and _lies_in(h.name or "", heading)
    ]
    return min(inside, key=lambda h: (h.kind == "region", h.start)).name if inside else None


def _lies_in(name: str, place: str) -> bool:
    """Whether the entity `name` lies in the country `place`, or right under the region."""
    if gazetteer.by_name()[place].type == "country":
        return countries().get(name) == place
    entity = gazetteer.by_name().get(name)
    return entity is not None and entity.parent == gazetteer.by_name()[place].code


def _promote_to_region(city: str, earlier: list[Hit]) -> str:
    """A regional centre named in passing inside a region's story (`planted in
    Karaganda`) does not make the next sentences about the city."""
    regions = {h.name for h in earlier if h.kind == "region"}
    for region, center in regional_centers().items():
        if center == city and region in regions:
            return region
    return city
