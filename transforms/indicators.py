"""What a number measures: a code of the indicator codelist and a short English label
(GUIDE.md section 2, `indicator_code` and `indicator`).

The code comes from the words that name what the number quantifies, not from the
nearest keyword: a mention takes the cue in the closest grammatical relation to it
— its own counted noun (`180 предприятий`), the noun right after it (`37,3 тыс.
тонн выбросов`, `30% of waste`) or right before it (`qalıqların 30 faizi`), then the
rest of its clause, then its sentence — among the cues whose code fits its kind
(data/indicator_codes.tsv). Generic words (`waste`, `projects`) decide only when
nothing specific does. Cues are data: data/indicators.txt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from transforms import lexicon
from transforms.mentions import Mention

CODELIST = lexicon.DATA / "indicator_codes.tsv"
OTHER = "other"
# Kinds that measure a part or a multiple of something: they fit every code (GUIDE: a
# share, change, cut or multiple of X gets X's code).
RELATIVE_KINDS = frozenset({"share", "share_points", "multiplier"})
# a comma between digits is a decimal or thousands separator (`64,7 млн`, `7,875`), no break
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()]|[ \u00a0][–—-][ \u00a0]")
COMMA_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;()]")
SHARE_OF_AFTER = re.compile(r"\)?[ \u00a0]+(?:of|из|от)[ \u00a0]+")
# `30 faizi`, `30 faizini`, `30 пайызы`, `30%-ы`: a share of something named before it (kk, az)
POSSESSED_SHARE = re.compile(r"(?:faiz|пайыз|%-?)(?:i|ı|in|ın|ini|ını|ы|і|ын|ін|сы|сі)$")
# between a head cue and its possessor: `emissions of 16 large`, `emissions of the`
POSSESSOR_GAP = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:[\w,.-]+[ \u00a0]+){0,2}")
LOCATIVE = re.compile(r"(?:da|də|ta|tə|да|де|та|те)$")
# `bərpa olunan mənbələrdən`, `avtomobillərdən atılan`: in az a noun in the ablative says where
# an amount comes from, not what it is
ABLATIVE = {"az": re.compile(r"(?:dan|dən|tan|tən)$")}
WORD = re.compile(r"[^\W\d_]+")
ADJACENT_WORDS = 3
# codes of counted nouns that hold other things (`nine projects, including five wind farms`:
# the projects are plants), so a count of them yields to the plant beside it
CONTAINERS = frozenset({"projects.count"})

# Costs of a cue's relation to the mention: the cheapest cue decides.
INSIDE = 0  # the counted noun itself (`643 thousand trees`)
ADJACENT_AFTER = 10  # `2 million tons of waste`, `37,3 тыс. тонн выбросов`
ADJACENT_BEFORE = 12  # `sorting 36 thousand tons`
ADJACENT_BEFORE_HEAD_FIRST = 8  # `qalıqların 30 faizi`: kk and az put the noun first
IN_CLAUSE_BEFORE = 30  # the clause's subject: `emissions ... reached 225.2 thousand tons`
IN_CLAUSE_AFTER = 40
IN_SENTENCE = 80
SHARE_WHOLE = 5  # what `share of` names
EARLIER = 200  # a cue of the sentence before: `their number decreased by 14.5 thousand tons`
EARLIER_STEP = 20  # each sentence further back
WEAK = 150
WEAK_ADJACENT = 40
UNNAMED_ITEM = 100  # a count of something no cue names is about that thing...
OTHER_COUNT = 60  # ...and so `other`, unless a cue stands right by it
RELATIVE_FIT = 20  # a share of X where X's typical kinds do not list shares
KIND_MISFIT = 60  # a word of another kind right by the number (`83 m³ plastmas`)
NAMED_MISFIT = 30  # `2 reservoirs`: counted, though reservoirs are typically measured
NEVER = 10_000
SHARE_REACH = 40
GENERIC_REACH = 40
HEAD_FIRST = ("kk", "az")
GRAMMAR_SECTIONS = ("kinds", "refine", "refine_back", "counted", "generic_items", "share_of")


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    kinds: frozenset[str]  # the codelist's typical kinds


@dataclass(frozen=True)
class Cue:
    code: str
    label: str
    weak: bool


Hit = tuple[int, int, tuple[Cue, ...]]


@cache
def codelist() -> dict[str, Code]:
    """The codes of data/indicator_codes.tsv (a copy of the project's codelist)."""
    codes = {}
    lines = CODELIST.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 4:
            raise lexicon.LexiconError(CODELIST.name, number, line,
                                       "expected 4 tab-separated fields")
        code, label, kinds, _ = fields
        codes[code] = Code(code, label, frozenset(k.strip() for k in kinds.split(",")))
    return codes


@cache
def kind_codes() -> dict[str, tuple[str, ...]]:
    """Kinds whose mentions may take only some codes, the first when no cue decides."""
    table = {}
    for e in lexicon.section("indicators", "kinds"):
        table[e.fields[0]] = _known(e.forms, e)
    return table


@cache
def refinements() -> dict[str, tuple[str, frozenset[str]]]:
    """code → (its more specific code, the codes whose cues in the clause make it so)."""
    return {e.fields[0]: (_known(e.fields[1:], e)[0], frozenset(_known(e.forms, e)))
            for e in lexicon.section("indicators", "refine")}


@cache
def counted() -> dict[str, str]:
    """code → the code of a count in its sentence (`7 objects of 48 MW`: plants, not MW)."""
    return {code: _known(e.fields[:1], e)[0]
            for e in lexicon.section("indicators", "counted") for code in _known(e.forms, e)}


def _known(codes: tuple[str, ...], e: lexicon.Entry) -> tuple[str, ...]:
    unknown = [c for c in codes if c not in codelist()]
    if unknown:
        raise lexicon.LexiconError("indicators.txt", e.line, " ".join(unknown),
                                   "not a code of indicator_codes.tsv")
    return codes


@cache
def matcher(lang: str) -> lexicon.Matcher:
    """Every cue of `lang`; a hit's value is the cues of every code its words belong to."""
    entries = []
    for e in lexicon.load("indicators"):
        if e.section in GRAMMAR_SECTIONS or not e.applies_to(lang):
            continue
        _known((e.section,), e)
        label, *flags = e.fields
        if flags not in ([], ["weak"]):
            raise lexicon.LexiconError("indicators.txt", e.line, " ".join(e.fields),
                                       "expected '<label> [weak]'")
        cue = Cue(e.section, label.replace("_", " "), bool(flags))
        entries += [(form, cue) for form in e.forms]
    return lexicon.Matcher(entries, lang, merge=True)


def hits(text: str, start: int, end: int, lang: str) -> list[Hit]:
    """The cues in text[start:end] (a sentence), found once for all its mentions."""
    return list(matcher(lang).finditer(text, start, end))


def decide(
    text: str, m: Mention, lang: str, sentence: tuple[int, int], found: list[Hit],
    earlier: Iterable[list[Hit]], head: Mention | None = None,
) -> tuple[str, str]:
    """(indicator_code, label) of a mention, from the cues of its sentence (`found`) and,
    when none fits, of the sentences before it, nearest first (`earlier`: `their number
    decreased`, or the lead of a list). A cue before the `head` of the list of amounts the
    mention is in stands as near to every member (`переработку 87 тыс. тонн пластика,
    288 тыс. тонн стекла`: both are recycled)."""
    allowed = kind_codes().get(m.kind)
    named = _named(m, lang, found) if m.unit == "count" else ()
    unnamed = m.unit == "count" and not named and not _generic_item(text, m, lang)
    candidates = []
    for relation, cue in _related(text, m, lang, sentence[0], found, head):
        cost = relation + _cue_cost(cue, m.kind, allowed, relation, counted=bool(named))
        if unnamed and relation > (ADJACENT_BEFORE if lang in HEAD_FIRST else ADJACENT_AFTER):
            cost += UNNAMED_ITEM
        candidates.append((cost, cue))
    # a count's own noun names what is counted, whatever the codelist's typical kinds say
    candidates += [(INSIDE + _cue_cost(cue, m.kind, allowed, named=True), cue) for cue in named]
    if unnamed:
        candidates.append((OTHER_COUNT, Cue(OTHER, "", False)))
    if not any(cost < NEVER for cost, _ in candidates):
        candidates += _earlier(m, allowed, earlier)
    candidates = [(cost, cue) for cost, cue in candidates if cost < NEVER]
    if not candidates:
        code = allowed[0] if allowed else OTHER
        return _refined(text, m, code, codelist()[code].label, True, found, earlier)
    cue = min(candidates, key=lambda c: c[0])[1]
    own = [c for c in candidates if c[1] in named and c[1].code not in CONTAINERS]
    if m.kind == "count" and cue.code in {*counted(), *counted().values()} and own:
        # `На ГЭС работают 5 человек`: a count that names its noun counts it, not the plant
        # (a count of projects stays one of plants: `nine projects ..., five wind farms`)
        cue = min(own, key=lambda c: c[0])[1]
    if m.kind == "count" and cue.code in counted():
        return counted()[cue.code], codelist()[counted()[cue.code]].label
    generic = cue.weak or bool(back_words(lang).search(text, sentence[0], m.start))
    return _refined(text, m, cue.code, cue.label or _item_label(m), generic, found, earlier)


def _refined(text: str, m: Mention, code: str, label: str, generic: bool, found: list[Hit],
             earlier: Iterable[list[Hit]]) -> tuple[str, str]:
    """The more specific code where the text says so: megawatts are renewable capacity in
    a clause about a solar plant, or, decided by a generic word (`capacity`), in a
    sentence or after a sentence about one."""
    refined = refinements().get(code)
    if not refined:
        return code, label
    more, triggers = refined
    if _cued_in_clause(text, m, found, triggers) or generic and (
            _cued(found, triggers) or _cued(next(iter(earlier), []), triggers)):
        return more, codelist()[more].label
    return code, label


def _cued(found: list[Hit], codes: frozenset[str]) -> bool:
    return any(c.code in codes for _, _, cues in found for c in cues)


def _earlier(
    m: Mention, allowed: tuple[str, ...] | None, earlier: Iterable[list[Hit]]
) -> list[tuple[float, Cue]]:
    """The fitting cues of the nearest sentence before that has any."""
    for steps, found in enumerate(earlier):
        fitting = [(EARLIER + EARLIER_STEP * steps + _cue_cost(cue, m.kind, allowed, EARLIER), cue)
                   for _, _, cues in found for cue in cues]
        fitting = [(cost, cue) for cost, cue in fitting if cost < NEVER]
        if fitting:
            return fitting
    return []


def _related(
    text: str, m: Mention, lang: str, start: int, found: list[Hit], head: Mention | None = None
) -> list[tuple[float, Cue]]:
    """Each cue of the sentence with how closely it is tied to the mention (or, before the
    head of its list, to the head)."""
    relations = [_relation(text, m, a, b, lang) for a, b, _ in found]
    for i in range(1, len(found)):
        if _possessor(text, m, found[i - 1], found[i]):
            relations[i] = max(relations[i], relations[i - 1] + 1)
    related = [(relation, cue) for relation, (a, b, cues) in zip(relations, found)
               if not _locative(text, m, a, b, lang) for cue in cues]
    if head is not None and head is not m:
        related += [(_relation(text, head, a, b, lang), cue) for a, b, cues in found
                    if b <= head.start and not _locative(text, head, a, b, lang) for cue in cues]
    if m.kind == "share":
        whole = _whole(text, m, lang, start, found)
        related += [(SHARE_WHOLE, cue) for cue in whole]
    return related


def _possessor(text: str, m: Mention, head: Hit, hit: Hit) -> bool:
    """`cut emissions of 16 large enterprises by 20%`: a cue after `of` that follows another
    cue, both before the mention, names whose the head's thing is, not what is measured."""
    return hit[1] <= m.start and bool(POSSESSOR_GAP.fullmatch(text, head[1], hit[0]))


def _whole(text: str, m: Mention, lang: str, start: int, found: list[Hit]) -> tuple[Cue, ...]:
    """The cues of what a share is a part of: `17% of the total energy output`, `the share
    of emissions ... – 60%`, `ЖЭК үлесі 5%`; where its clause names both, the share word's
    (`доли ВИЭ до 26% от общей генерации`: a share of renewables, in generation)."""
    of = SHARE_OF_AFTER.match(text, m.end)
    if of:
        part = () if lang in HEAD_FIRST else _share_word_whole(text, m, lang, start, found, True)
        after = [h for h in found if h[0] >= of.end() and h[0] - of.end() <= SHARE_REACH]
        if part or after:
            return part or after[0][2]
    if lang in HEAD_FIRST and POSSESSED_SHARE.search(m.surface):
        return _genitive_whole(text, m, found)
    return _share_word_whole(text, m, lang, start, found, False)


def _share_word_whole(text: str, m: Mention, lang: str, start: int, found: list[Hit],
                      same_clause: bool) -> tuple[Cue, ...]:
    """The cues of what the last share word before the mention (`доля`, `share of`) names."""
    words = list(share_words(lang).finditer(text, start, m.start))
    if not words or same_clause and CLAUSE_BREAK.search(text, words[-1].end(), m.start):
        return ()
    word = words[-1]
    if lang in HEAD_FIRST:
        before = [h for h in found if h[1] <= word.start() and word.start() - h[1] <= SHARE_REACH]
        return before[-1][2] if before else ()
    after = [h for h in found
             if h[0] >= word.start() and h[0] - word.end() <= SHARE_REACH and h[1] <= m.start]
    return after[0][2] if after else ()


def _locative(text: str, m: Mention, start: int, end: int, lang: str) -> bool:
    """`müəssisələrdə`, `ərazidə`, `кәсіпорындарда`: in kk and az a noun in the locative says where
    something happens, not what is measured (unless it is the mention's own word); in az one
    in the ablative where it comes from; a cue written with that ending is no case (`normadan`,
    `xammal kimi istifadə`: `istifadə`, use, ends like a locative)."""
    if lang not in HEAD_FIRST or start < m.end and m.start < end:
        return False
    ablative = ABLATIVE.get(lang)
    cased = bool(LOCATIVE.search(text, start, end)) or bool(
        ablative and ablative.search(text, start, end))
    return cased and not matcher(lang).lookup.is_literal(text[start:end])


def _genitive_whole(text: str, m: Mention, found: list[Hit]) -> tuple[Cue, ...]:
    """`tullantıların 57,4 faizi`, `қалдықтардың 30 пайызы`: in kk and az a share with a
    possessive ending is a share of the noun right before it, in its clause; a generic noun
    (`məişət tullantılarının 30 faizi təkrar emal olunur`) leaves it to what is done with it."""
    before = [h for h in found if h[1] <= m.start and m.start - h[1] <= SHARE_REACH
              and not CLAUSE_BREAK.search(text, h[1], m.start)]
    return tuple(c for c in before[-1][2] if not c.weak) if before else ()


def _cue_cost(cue: Cue, kind: str, allowed: tuple[str, ...] | None, relation: float = INSIDE,
              named: bool = False, counted: bool = False) -> float:
    """What taking this cue's code costs a mention of this kind. A generic word decides
    when it stands right by the number (`83 m³ plastmas`) or names a share's whole (`the
    share of energy`); a word of another kind only when it stands right by it, and never
    when the count's own noun names what is `counted` (`50 проектов стоимостью ...`)."""
    if cue.code == OTHER:
        return 0
    fit = _fit(cue.code, kind, allowed)
    if named and fit is not None:
        fit = min(fit, NAMED_MISFIT)
    adjacent = INSIDE < relation < IN_CLAUSE_BEFORE
    if fit is None or (fit == KIND_MISFIT and (counted or not adjacent) and not named):
        return NEVER
    if not cue.weak or relation == SHARE_WHOLE:
        return fit
    return fit + (WEAK_ADJACENT if adjacent else WEAK)


def _named(m: Mention, lang: str, found: list[Hit]) -> tuple[Cue, ...]:
    """The cues of a count's own noun: in its span (`8 energy producing organizations`),
    or the noun it shares (`68 out of 91 enterprises`)."""
    inside = [cue for start, end, cues in found if start < m.end and m.start < end for cue in cues]
    shared = matcher(lang).lookup.get(m.item) or _item_cues(m.item, lang) if m.item else ()
    return tuple(dict.fromkeys([*inside, *shared]))


def _item_cues(item: str, lang: str) -> tuple[Cue, ...]:
    """The cues inside a counted noun phrase (`ağac tingi`, `SES-in`: a case ending after a
    hyphen in kk and az) when it is not a cue as a whole."""
    if lang in HEAD_FIRST:
        item = item.split("-")[0]
    return tuple(cue for _, _, cues in matcher(lang).finditer(item) for cue in cues)


@cache
def _generic_items(lang: str) -> lexicon.Lookup:
    entries = [(form, True) for e in lexicon.section("indicators", "generic_items", lang)
               for form in e.forms]
    return lexicon.Lookup(entries, lang)


def _generic_item(text: str, m: Mention, lang: str) -> bool:
    """Whether a count's noun is generic (`15 cities`); in kk and az the head of a
    compound comes last (`756 ауылдық елді мекен`), so the next words count too."""
    words = [m.item] if m.item else []
    if lang in HEAD_FIRST:
        words += WORD.findall(text, m.end, m.end + GENERIC_REACH)[:ADJACENT_WORDS]
        words += [" ".join(words[i:i + 2]) for i in range(len(words) - 1)]
    return any(_generic_items(lang).get(w) is not None for w in words)


@cache
def share_words(lang: str) -> re.Pattern[str]:
    forms = [f for e in lexicon.section("indicators", "share_of", lang) for f in e.forms]
    return lexicon.compiled(rf"{lexicon.word_start(forms, lang)}(?![\w])", re.IGNORECASE)


@cache
def back_words(lang: str) -> re.Pattern[str]:
    """Words that point back to what the sentence before named (`the plant`): the
    refinement reads that sentence as for a generic word."""
    forms = [f for e in lexicon.section("indicators", "refine_back", lang) for f in e.forms]
    if not forms:
        return re.compile(r"(?!)")
    return lexicon.compiled(rf"{lexicon.word_start(forms, lang)}(?![\w])", re.IGNORECASE)


def _item_label(m: Mention) -> str:
    return f"number of {m.item}" if m.item and m.item.isascii() else codelist()[OTHER].label


def _fit(code: str, kind: str, allowed: tuple[str, ...] | None) -> int | None:
    """What fitting a code costs a mention of this kind (None: it cannot take it)."""
    if allowed is not None:
        return 0 if code in allowed else None
    if code == "meta.period":
        return None  # only durations are periods, and every duration is
    kinds = codelist()[code].kinds
    if kind in kinds or "any" in kinds:
        return 0
    return RELATIVE_FIT if kind in RELATIVE_KINDS else KIND_MISFIT


def _relation(text: str, m: Mention, start: int, end: int, lang: str) -> float:
    """How closely a cue at [start, end) is tied to the mention: lower is closer."""
    if start < m.end and m.start < end:
        return INSIDE
    if start >= m.end:
        gap = text[m.end : start]
        if _adjacent(gap):
            return ADJACENT_AFTER + len(gap) / 10
        return (IN_CLAUSE_AFTER if not CLAUSE_BREAK.search(gap) else IN_SENTENCE) + len(gap) / 4
    gap = text[end : m.start]
    if _adjacent(gap):
        return ((ADJACENT_BEFORE_HEAD_FIRST if lang in HEAD_FIRST else ADJACENT_BEFORE)
                + len(gap) / 10)
    return ((IN_CLAUSE_BEFORE + len(gap) / 5) if not CLAUSE_BREAK.search(gap)
            else IN_SENTENCE + len(gap) / 4)


def _adjacent(gap: str) -> bool:
    return (len(WORD.findall(gap)) <= ADJACENT_WORDS and not CLAUSE_BREAK.search(gap)
            and len(gap) <= 40)


def _cued_in_clause(text: str, m: Mention, found: list[Hit], codes: frozenset[str]) -> bool:
    """Whether a cue of these codes stands before the mention in its sentence, or after it
    in its clause (a predicate dash does not end a clause: `солнечных станций - на 0,4% до
    57,3 МВт`; a comma does: `1.6 GW in the region, renewable energy sources account...`)."""
    for start, end, cues in found:
        if any(c.code in codes for c in cues) and (
                end <= m.start or start < m.end or not COMMA_BREAK.search(text, m.end, start)):
            return True
    return False
