"""The context of each mention (GUIDE.md section 2): qualifier, direction, year,
modality, entity and indicator, read from its sentence and the text before it.

Every rule is a named function over plain text and offsets, with its cue words
in `transforms/data/cues.txt`, `entities.txt` and `indicators.txt`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from transforms import entities, indicators, lexicon, mentions, sentences
from transforms.mentions import Mention

# the look-behind after the first digit: `re` then skips to the 1s and 2s
YEAR = re.compile(
    r"((?:1(?<![\w.,/\-]1)9|2(?<![\w.,/\-]2)0)\d\d)"
    r"(?:[ \u00a0]?[-–—/][ \u00a0]?((?:19|20)\d\d))?"  # `2021-2025`
    r"(?![\d%,.]\d|\w|[ \u00a0]?%)"
)
# a comma between digits is a decimal or thousands separator (`64,7 млн`, `7,875`), no break
CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()]|[ \u00a0][–—-][ \u00a0]")
# an amount and the year right after it: `10 facilities in 2018`, `6% by 2025`, `5% в 2024 году`
DATED_AMOUNT = re.compile(r"[ \u00a0]+(?:in|by|в|во|к)[ \u00a0]+")
RELATIVE_CLAUSE = re.compile(r",[ \u00a0]+(?:which|who|котор[а-яё]+|где)[ \u00a0][^,;:()]*$")
RELATIVE_OPENER = re.compile(r",[ \u00a0]+(?:which|who|котор[а-яё]+|где)[ \u00a0]")
LIST_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;:()]")
STRONG_BREAK = re.compile(r";|,[ \u00a0]+(?:and|but|while|whereas|а|и|но|однако|while)[ \u00a0]")
TAIL_SUFFIX = r"(?:-)?"
ADJACENT_BEFORE = re.compile(
    r"[ \u00a0]+(?:(?:of|by|в|на|составил[аио]?|составит|составляет)[ \u00a0]+)?"
    r"(?:(?:about|nearly|almost|over|some|roughly|approximately|around|an estimated"
    r"|more than|less than|at least|почти|около|примерно|более|менее|свыше)[ \u00a0]+)?")
# A level and the change beside it (`2,8 млн тонн – на 3,5% меньше`, `2,271.4 thousand tons
# ..., which is 0.6% more`, `299 млн тенге (953 тыс. долл.) с ростом в 51%`, `23 млрд тенге
# и в 4 раза больше`, `(3 млрд тенге, в 2 раза больше)`): the level is that change's end.
LEVEL_AND_CHANGE = re.compile(
    r"[ \u00a0][–—-][ \u00a0]|,[ \u00a0]*(?:which|that|что|бұл|bu)[ \u00a0]|\(|с ростом"
    r"|(?:,|[ \u00a0]и)[ \u00a0]+(?:(?:более|менее|почти|примерно)[ \u00a0]+(?:чем[ \u00a0]+)?)?"
    r"(?:в|на)[ \u00a0]*$"
    r"|with an? (?:increase|decrease|rise|fall)"
    r"|[ \u00a0](?:və ya|немесе|or|или)(?:[ \u00a0]+(?:на|by))?[ \u00a0]*$"
    r"|[ \u00a0](?:və ya|немесе|or|или)[ \u00a0][^\d;]{0,40}?"
    r"(?:müqayisədə|nisbətən|салыстырғанда|compared|сравнению)[^\d;]{0,20}$")
# A level right after its change: `increased by 34,500 tons compared to 2022, totaling
# 965,100 tons`, `2,8 % çox - 13 907,9 milyon kilovat-saat`, `0,9 min ton artaraq 1122,1 min ton`.
LEVEL_AFTER_CHANGE = re.compile(
    r",[ \u00a0]+(?:totaling|totalling|reaching|amounting to|to reach"
    r"|составив|достигнув|и составил[аио]?)[ \u00a0]+$"
    r"|^[ \u00a0]*(?:[^\W\d]+[ \u00a0]*)?[–—-][ \u00a0]*$"
    r"|^[ \u00a0]+(?:artaraq|azalaraq|çoxalaraq|yüksələrək|enərək)[ \u00a0]+"
    r"(?:ümumilikdə[ \u00a0]+)?$")
# `X, or Y`, `X или на Y`, `X немесе Y`, `X və ya Y`: Y restates X, also past the base of a
# comparison (`193 milyon kVt saat və ya 2020-ci illə müqayisədə 3,7 faiz az`)
RESTATED = re.compile(r",?[ \u00a0]+(?:or|или|немесе|və ya)(?:[ \u00a0]+(?:by|на))?"
                      r"(?:[ \u00a0]+[^,;.]{1,40}?[ \u00a0](?:müqayisədə|салыстырғанда))?"
                      r"[ \u00a0]+")
# a bracket right after an amount that restates it (`0,5 hektardan (5000 m2) çox`)
BRACKET = r"(?:[ \u00a0]*\([^()\n]{1,40}\))"
ABLATIVE = re.compile(r"(?:dan|dən|nan|nən|tan|tən|дан|ден|тан|тен|нан|нен)$")
# `Bakı şəhərində 6,2 min ton, Sumqayıt şəhərində 0,4 min ton ... artıb`: kk and az amounts in a
# list share the verb that ends it
LIST_GAP = re.compile(r"[ \u00a0]*,[^,;.]{0,40}")
# `hibrid avtomobillərin sayı 11917 ədəd, elektrik avtomobillərin sayı isə 2542 ədəd ... artıb`:
# a clause joined by `isə` (while) shares the verb that ends the next one
WHILE_GAP = re.compile(r"[ \u00a0]*,[^,;.]{0,80}[ \u00a0]isə[ \u00a0][^,;.]{0,40}")
LEVEL_REACH = 60
LIST_REACH = 60  # the longest gap between two coordinated amounts of one list
RELATIVE_KINDS = ("share", "share_points", "multiplier")
# `на 27 тысячах объектов`, `на 5 гектарах`: `на` with a locative amount says where, not by how much
LOCATIVE_AMOUNT = re.compile(r"[\d\s.,]+[^\W\d]+(?:ах|ях)(?![\w])")
ADJACENT_AFTER = re.compile(r"[ \u00a0-]*")
ADJACENT_AFTER_TURKIC = re.compile(r"(?:-?[^\W\d_]{1,4})?[ \u00a0]*")
COMMA_PENALTY = 30
CLAUSE_PENALTY = 200
TARGET_DATE_PENALTY = 100
EARLIER_SENTENCES = 6
# a share or multiple right before `more than`: the amount after is what it is compared with
COMPARED = re.compile(r"\d[ \u00a0]*(?:%|percent|per cent|times|-fold|fold)[ \u00a0]*$")
FAILED_WORDS = 4  # how many words after a missed target it covers (`the planned figures`)


@dataclass(frozen=True)
class Context:
    sentence: tuple[int, int]  # the mention's sentence, as (start, end) offsets
    qualifier: str | None
    direction: str | None
    year: int | None
    modality: str
    entity: str | None
    indicator: str
    indicator_code: str


@dataclass(frozen=True)
class Cues:
    """The compiled cue patterns of one language."""

    qualifier_before: re.Pattern[str]  # one named group per code, in the codes' order
    qualifier_after: list[tuple[str, re.Pattern[str]]]
    direction: list[tuple[str, re.Pattern[str]]]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str] | None
    target: re.Pattern[str]
    not_target: re.Pattern[str] | None
    habitual: tuple[re.Pattern[str], re.Pattern[str]] | None  # (adverb, present tense)
    failed: re.Pattern[str] | None  # a missed target and the words after it (`failed to reach ...`)
    target_date: re.Pattern[str]
    target_date_after: re.Pattern[str] | None
    actual: re.Pattern[str]
    comparison: re.Pattern[str]
    comparative: list[tuple[str, re.Pattern[str]]]
    norm: re.Pattern[str] | None
    comparison_after: re.Pattern[str] | None
    references: re.Pattern[str]
    relative_years: lexicon.Matcher
    verb_final: bool  # the clause's last cue decides its modality (data: [verb_final])
    ahead: re.Pattern[str] | None  # the coming time: a plan whatever the verb's tense


def _forms(part: str, lang: str, field: str | None = None) -> list[str]:
    return [
        f
        for e in lexicon.section("cues", part, lang)
        if field is None or e.fields[0] == field
        for f in e.forms
    ]


def _grouped(part: str, lang: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for e in lexicon.section("cues", part, lang):
        groups.setdefault(e.fields[0], []).extend(e.forms)
    return groups


def _word(forms: list[str], lang: str) -> str:
    """Forms as a whole-word alternation (no letter glued on either side)."""
    return rf"{lexicon.word_start(forms, lang)}(?![\w])"


def _name(field: str) -> str:
    return field.replace("_", " ")


@cache
def cues(lang: str) -> Cues:
    alt, start = lexicon.alternation, lexicon.word_start
    # the leftmost cue wins, and of two there the first code in alphabetical order
    before = sorted(_grouped("qualifier_before", lang).items())
    qualifier_before = re.compile(
        "(?:" + "|".join(rf"(?P<{code}>{start(forms, lang)})" for code, forms in before)
        + r")[ \u00a0]*$" if before else r"(?!)"
    )
    qualifier_after = [
        (code, re.compile(
            rf"((?:-?[^\W\d_]{{1,5}})?){BRACKET}?[ \u00a0]+{alt(forms, lang)}(?![\w])"))
        for code, forms in _grouped("qualifier_after", lang).items()
    ]
    direction = [
        (code, re.compile(_word(forms, lang)))
        for code, forms in _grouped("direction", lang).items()
    ]
    after = _forms("change_after", lang)
    not_target = _forms("not_target", lang, "not")
    habitual = _forms("not_target", lang, "habitual")
    present = _forms("not_target", lang, "present")
    failed = _forms("not_target", lang, "failed")
    year_words = _forms("target", lang, "year_word") or ["(?!)"]
    # a short ending may sit between an amount and its comparative, but not in kk and az,
    # where one (`100 tondan çox`: more than 100 t) makes the comparative a qualifier
    suffix = r"(?:-?[^\W\d_]{1,5})?" if lang not in ("kk", "az") else ""
    return Cues(
        qualifier_before=qualifier_before,
        qualifier_after=qualifier_after,
        direction=direction,
        change_before=re.compile(
            rf"{start(_forms('change_before', lang), lang)}[ \u00a0]+"
            rf"(?:{alt(_forms('qualifier_before', lang), lang)}[ \u00a0]*)?$"
        ) if _forms("change_before", lang) else re.compile(r"(?!)"),
        change_after=re.compile(rf"-?{alt(after, lang)}(?![\w])") if after else None,
        target=re.compile(_word(_forms("target", lang, "verb"), lang)),
        not_target=re.compile(_word(not_target, lang)) if not_target else None,
        habitual=(re.compile(_word(habitual, lang)), re.compile(_word(present, lang)))
        if habitual and present else None,
        failed=re.compile(rf"{start(failed, lang)}(?:[ \u00a0]+[^\W\d]+){{0,{FAILED_WORDS}}}")
        if failed else None,
        target_date=re.compile(rf"{start(_forms('target', lang, 'date'), lang)}[ \u00a0]*$"
                               if _forms("target", lang, "date") else r"(?!)"),
        target_date_after=re.compile(
            rf"(?:-?[^\W\d_]{{1,4}}?)?[ \u00a0]*"
            rf"(?:(?:{alt(year_words, lang)})[^\W\d_]*[ \u00a0]+)?"
            rf"{alt(_forms('target', lang, 'date_after'), lang)}(?![\w])"
        ) if _forms("target", lang, "date_after") else None,
        actual=re.compile(_word(_forms("actual", lang), lang)),
        comparative=[(code, re.compile(rf"{suffix}[ \u00a0]+{alt(forms, lang)}(?![\w])"))
                     for code, forms in _grouped("comparative", lang).items()],
        norm=re.compile(_word(_forms("norm", lang), lang)) if _forms("norm", lang) else None,
        comparison=re.compile(
            rf"{start(_forms('comparison', lang), lang)}[ \u00a0]+(?:[^\W\d]+[ \u00a0]+){{0,5}}$"
        ) if _forms("comparison", lang) else re.compile(r"(?!)"),
        comparison_after=re.compile(
            # `2020-ci ilin müvafiq dövrü ilə müqayisədə`: up to three words between, none in the
            # locative (`2023-cü ildə əvvəlki illə müqayisədə`: 2023 is the claim's year)
            rf"(?:-?[^\W\d_]*)[ \u00a0]+(?:(?![^\W\d]*(?:da|də|да|де|та|те)[ \u00a0])"
            rf"[^\W\d]+[ \u00a0]+){{0,3}}"
            rf"{alt(_forms('comparison_after', lang), lang)}(?![\w])"
        ) if _forms("comparison_after", lang) else None,
        references=re.compile(rf"{start(_forms('reference_before', lang), lang)}[ \u00a0]*$"),
        relative_years=lexicon.Matcher(
            [(form, int(e.fields[0]))
             for e in lexicon.section("cues", "relative_year", lang) for form in e.forms],
            lang,
        ),
        verb_final=bool(_forms("verb_final", lang)),
        ahead=re.compile(_word(_forms("target", lang, "ahead"), lang))
        if _forms("target", lang, "ahead") else None,
    )


def annotate(
    text: str, lang: str, spans: list[tuple[int, int]], found: list[Mention],
    published: dt.date | None = None,
) -> list[Context]:
    """The context of every mention, given the document's sentence spans.

    With the publication date, relative years (`в прошлом году`, `bu il`) count as years.
    """
    c = cues(lang if lang in lexicon.LANGS else "en")
    document = entities.read(text, lang, [(m.start, m.end) for m in found])
    starts = [m.start for m in found]
    out = []
    read: dict[tuple[int, int], Sentence] = {}
    hits_before: dict[tuple[int, int], list[indicators.Hit]] = {}
    directions = _directions(text, lang, spans, found, c, read, published)
    heads = _list_heads(text, lang, found)
    for m, direction, head in zip(found, directions, heads):
        sentence = sentences.containing(spans, m.start, m.end)
        cued = read[sentence]
        first, last = (bisect.bisect_left(starts, edge) for edge in sentence)
        neighbours = found[first:last]
        run = _enumeration(text, neighbours, m)
        direction = direction or _listed_direction(run, m, starts, directions)
        earlier = _earlier(text, lang, spans, sentence, hits_before)
        code, label = indicators.decide(text, m, lang, sentence, cued.indicators, earlier, head)
        out.append(
            Context(
                sentence=sentence,
                qualifier=_qualifier(text, m, sentence, c, direction),
                direction=direction,
                year=_year(text, m, sentence, c, neighbours, cued.years),
                modality=_modality(text, _clause(m, sentence, cued.breaks), c, cued,
                                   _clause(m, sentence, cued.open_breaks), sentence),
                entity=entities.resolve(document, text, lang, m.start, m.end, sentence,
                                        _clause(m, sentence, _place_breaks(lang, cued)), spans,
                                        _claimed(m, lang, sentence, cued, neighbours), run),
                indicator=label,
                indicator_code=code,
            )
        )
    return _converted_amounts(text, found, out)


def _place_breaks(lang: str, cued: Sentence) -> list[tuple[int, int]]:
    """Where the clause a claim's place is read from ends: in Kazakh and Azerbaijani a
    bracketed aside does not end it (the place and the verb come after it); in ru and en
    the amount in brackets is an aside of its own (`CHP-2 – 26 percent (37,800 tons) and
    CHP-3 – 8 percent`)."""
    return cued.open_breaks if lang in mentions.HEAD_FIRST else cued.breaks


def _claimed(m: Mention, lang: str, sentence: tuple[int, int], cued: Sentence,
             neighbours: list[Mention]) -> list[tuple[int, int]]:
    """Where the place is another amount's: in Kazakh and Azerbaijani a place after an
    earlier amount, to the end of its clause (`73 мың тоннасы Оралдағы, 23 мың тоннасы ...`:
    Oral is the 73 thousand's); in ru and en a place after an amount labels the next one
    (`34 percent: CHP-2 – 26 percent`)."""
    if lang not in mentions.HEAD_FIRST:
        return []
    spans = []
    for o in neighbours:
        if o.end <= m.start:
            end = _clause(o, sentence, cued.open_breaks)[1]
            if end <= m.start:
                spans.append((o.end, end))
    return spans


def _list_heads(text: str, lang: str, found: list[Mention]) -> list[Mention]:
    """The first amount of the list of coordinated amounts of one unit each mention is in
    (`переработку 87 тыс. тонн пластика, 288 тыс. тонн стекла и ...`), or the mention itself."""
    join = mentions.grammar(lang).list_join
    heads: list[Mention] = []
    for i, m in enumerate(found):
        prev = found[i - 1] if i else None
        joined = (prev is not None and prev.unit == m.unit and m.start - prev.end <= LIST_REACH
                  and join.match(text[prev.end : m.start]) is not None)
        heads.append(heads[-1] if joined else m)
    return heads


def _enumeration(text: str, neighbours: list[Mention], m: Mention) -> list[tuple[int, int]]:
    """The spans of the amounts of one unit listed with `m` (`694,200 and 455,000 tons`,
    `30% and 9.1%`), in order; `m`'s alone where it stands in no such list."""
    i = neighbours.index(m)
    lo = hi = i
    while lo > 0 and _listed(text, neighbours[lo - 1], neighbours[lo]):
        lo -= 1
    while hi + 1 < len(neighbours) and _listed(text, neighbours[hi], neighbours[hi + 1]):
        hi += 1
    return [(n.start, n.end) for n in neighbours[lo : hi + 1]]


def _listed_direction(run: list[tuple[int, int]], m: Mention, starts: list[int],
                      directions: list[str | None]) -> str | None:
    """`cut emissions by 30% and 9.1%`: an amount listed after a change is a change too."""
    before = [directions[bisect.bisect_left(starts, a)] for a, _ in run if a < m.start]
    return next((d for d in before if d is not None), None)


def _listed(text: str, a: Mention, b: Mention) -> bool:
    return a.unit == b.unit and bool(entities.LIST_JOIN.fullmatch(text, a.end, b.start))


def _converted_amounts(text: str, found: list[Mention], out: list[Context]) -> list[Context]:
    """`approximately 2.4 billion tenge (US$4.9 million)`: the amount in brackets is the same
    amount in another unit, with the same qualifier and modality; a share in brackets
    (`22,4 мың тоннасы (14,1 пайызы)`) is that amount as a part of its whole, of its code."""
    for i in range(1, len(found)):
        m, prev = found[i], found[i - 1]
        if text[prev.end : m.start].strip() != "(":
            continue
        if m.kind == prev.kind:
            out[i] = dataclasses.replace(out[i], qualifier=out[i].qualifier or out[i - 1].qualifier,
                                         modality=out[i - 1].modality)
        elif m.kind == "share":
            out[i] = dataclasses.replace(out[i], indicator=out[i - 1].indicator,
                                         indicator_code=out[i - 1].indicator_code)
    return out


@dataclass
class Sentence:
    """What every mention of one sentence reads the same way, found once."""

    changes: list[tuple[str, re.Match[str]]]
    years: list[tuple[int, int, int]]
    targets: list[tuple[int, int]]  # target verbs (`will reach`, `жоспарлануда`)
    indicators: list[indicators.Hit]  # words that say what is measured, where
    breaks: list[tuple[int, int]]  # where its clauses end (CLAUSE_BREAK)
    open_breaks: list[tuple[int, int]]  # the same without brackets (an aside is not a clause)
    modality: dict[tuple[int, int], str] = field(default_factory=dict)  # of each clause, once


def _read_sentence(
    text: str, lang: str, sentence: tuple[int, int], c: Cues, published: dt.date | None
) -> Sentence:
    start, end = sentence
    breaks = [b.span() for b in CLAUSE_BREAK.finditer(text, start, end)]
    return Sentence(
        changes=[(code, h) for code, p in c.direction for h in p.finditer(text, start, end)],
        years=_years(text, sentence, c, published),
        targets=_targets(text, sentence, c),
        indicators=indicators.hits(text, start, end, lang),
        breaks=breaks,
        open_breaks=[b for b in breaks if text[b[0]] not in "()"],
    )


def _targets(text: str, sentence: tuple[int, int], c: Cues) -> list[tuple[int, int]]:
    """Target cues of a sentence, minus those inside a look-alike (`жаңартылатын`: renewable,
    not `will be renewed`; `than planned`: a fact compared with a plan) or a few words after a
    missed target (`failed to reach the planned figures`: what happened)."""
    found = [h.span() for h in c.target.finditer(text, *sentence)]
    if found and c.habitual is not None and c.habitual[0].search(text, *sentence):
        # `жыл сайын ... шығарылады`: every year it is produced, not it will be
        found = [(a, b) for a, b in found if not c.habitual[1].fullmatch(text, a, b)]
    masks = [h.span() for p in (c.not_target, c.failed) if p is not None and found
             for h in p.finditer(text, *sentence)]
    return [(a, b) for a, b in found if not any(s <= a and b <= e for s, e in masks)]


def _earlier(
    text: str, lang: str, spans: list[tuple[int, int]], sentence: tuple[int, int], cache: dict
) -> Iterator[list[indicators.Hit]]:
    """The indicator cues of the sentences before, nearest first, found when first asked
    for: what a pronoun or the item of a list points back to."""
    i = bisect.bisect_left(spans, sentence)
    for j in range(i - 1, max(-1, i - 1 - EARLIER_SENTENCES), -1):
        if spans[j] not in cache:
            cache[spans[j]] = indicators.hits(text, *spans[j], lang)
        yield cache[spans[j]]


def _directions(text: str, lang: str, spans: list[tuple[int, int]], found: list[Mention], c: Cues,
                read: dict, published: dt.date | None) -> list[str | None]:
    """Each mention's direction; a level takes that of the change beside it (LEVEL_AND_CHANGE,
    LEVEL_AFTER_CHANGE), an amount restated with `or` that of the amount it restates."""
    out = []
    for m in found:
        sentence = sentences.containing(spans, m.start, m.end)
        if sentence not in read:
            read[sentence] = _read_sentence(text, lang, sentence, c, published)
        cued = read[sentence]
        out.append(_direction(text, m, sentence, c, lang, cued.changes))
    _restatements(text, found, out)
    # backwards: `299 млн тенге (953 тыс. долл.) с ростом в 51%`
    for i in range(len(found) - 2, -1, -1):
        m, nxt = found[i], found[i + 1]
        gap = text[m.end : nxt.start]
        if out[i] is None and out[i + 1] and m.kind not in RELATIVE_KINDS and _beside(gap) and (
                (nxt.kind in RELATIVE_KINDS or nxt.unit == m.unit) and LEVEL_AND_CHANGE.search(gap)
                or nxt.kind == m.kind and gap.strip() == "("):  # the same level in another unit
            out[i] = out[i + 1]
    # forwards: `increased by 34,500 tons ..., totaling 965,100 tons`
    for i in range(1, len(found)):
        m, prev = found[i], found[i - 1]
        gap = text[prev.end : m.start]
        related = prev.kind in RELATIVE_KINDS or prev.unit == m.unit
        if out[i] is None and out[i - 1] and m.kind not in RELATIVE_KINDS and _beside(gap) and (
                related and LEVEL_AFTER_CHANGE.search(gap)):
            out[i] = out[i - 1]
    if lang in ("kk", "az"):
        for i in range(len(found) - 2, -1, -1):
            m, nxt = found[i], found[i + 1]
            listed = (m.unit == nxt.unit and LIST_GAP.fullmatch(text, m.end, nxt.start)
                      or WHILE_GAP.fullmatch(text, m.end, nxt.start))
            if out[i] is None and out[i + 1] and listed:
                out[i] = out[i + 1]
        _restatements(text, found, out)  # `11917 ədəd və ya 39,5 faiz, ...`: what a list lent
    # `son bir ildə ... azalıb`: the period of a change is neither its size nor one of its ends
    return [None if m.kind == "duration" or _against_norm(text, m, c, spans) else d
            for m, d in zip(found, out)]


def _against_norm(text: str, m: Mention, c: Cues, spans: list[tuple[int, int]]) -> bool:
    """`normadan 1,7 dəfə yüksək`: a multiple in a sentence that measures against a norm says
    how far a level exceeds it, no change over time."""
    if m.kind != "multiplier" or c.norm is None:
        return False
    return bool(c.norm.search(text, *sentences.containing(spans, m.start, m.end)))


def _beside(gap: str) -> bool:
    return len(gap) <= LEVEL_REACH and not re.search(r"[;!?]|\.[ \u00a0]", gap)


def _restatements(text: str, found: list[Mention], out: list[str | None]) -> None:
    """`decreased by 9.5%, or 5.2 thousand tons`, `85 percent, or 820,800 tons`: an amount
    restated after `or` is the same claim, with the same direction (or none)."""
    for i in range(1, len(found)):
        if RESTATED.fullmatch(text, found[i - 1].end, found[i].start):
            if out[i - 1] is not None:
                out[i] = out[i - 1]
            elif out[i] is not None:
                out[i - 1] = out[i]


def _qualifier(text: str, m: Mention, sentence: tuple[int, int], c: Cues, direction: str | None):
    before = text[max(sentence[0], m.start - 40) : m.start]
    # the longest cue wins: `не более 5%` is `не более`, not `более`
    if hit := c.qualifier_before.search(before):
        code = hit.lastgroup
        if code in ("gt", "lt") and COMPARED.search(before, 0, hit.start()):
            return None  # `13 percent more than 4.1 billion kWh`: the base of a comparison
        if code == "le" and (direction or _ends_a_range(before)):
            return None  # `up to 35.2` after a change names the level reached
        return code
    after = text[m.end : min(sentence[1] + 1, m.end + 30)]
    for code, pattern in c.qualifier_after:
        hit = pattern.match(after)
        if hit and code in ("gt", "lt") and not ABLATIVE.search(m.surface + hit.group(1)):
            continue  # `9,4 faiz çox`: 9.4% more than before, a change (see _direction)
        if hit:
            return None if code == "le" and direction else code
    return None


def _ends_a_range(before: str) -> bool:
    return bool(re.search(r"(?:^|[\s(])(?:от|с|from|between)\s+[\d\s.,]+\S*\s+\S+\s*$", before))


def _direction(text: str, m: Mention, sentence: tuple[int, int], c: Cues, lang: str,
               hits: list[tuple[str, re.Match[str]]]):
    after = ADJACENT_AFTER_TURKIC if lang in ("kk", "az") else ADJACENT_AFTER
    # `100 tondan çox`: more than 100 t, a qualifier, not a change
    if not (lang in ("kk", "az") and ABLATIVE.search(m.surface)):
        for code, pattern in c.comparative:
            if pattern.match(text, m.end):
                return code
    for code, hit in hits:
        # `a 15% increase`, `increase of 20%`, `up 5%`, `10 faiz azalıb`: the change word
        # touches the amount
        if (hit.end() <= m.start and ADJACENT_BEFORE.fullmatch(text, hit.end(), m.start)) or (
                hit.start() >= m.end and after.fullmatch(text, m.end, hit.start())):
            return code
    before = text[max(sentence[0], m.start - 60) : m.start]
    changed = m.kind == "multiplier" or (
        bool(c.change_before.search(before)) and not LOCATIVE_AMOUNT.match(m.surface))
    if not changed and c.change_after is not None:
        tail = text[m.end : m.end + 6]
        last_word = re.search(r"[^\W\d_]+$", m.surface)
        changed = bool(c.change_after.match(tail)) or bool(
            last_word and lang in ("kk", "az") and c.change_after.search(last_word.group())
            and len(last_word.group()) > 3 and not _bounded(text, m, c)
        )
    if not changed:
        return None
    best, best_distance = None, None
    for code, hit in hits:
        distance = m.start - hit.end() if hit.end() <= m.start else hit.start() - m.end + 20
        if distance >= 0 and (best_distance is None or distance < best_distance):
            best, best_distance = code, distance
    return best


def _bounded(text: str, m: Mention, c: Cues) -> bool:
    """`500 mindən çox əhali`: a Turkic ablative before `çox`, `artıq`, `az`, `yaxın` is the
    case the qualifier takes, not where a change starts."""
    return any(code != "le" and pattern.match(text, m.end) for code, pattern in c.qualifier_after)


def _years(
    text: str, sentence: tuple[int, int], c: Cues, published: dt.date | None = None
) -> list[tuple[int, int, int]]:
    """(start, end, year) of calendar years in a sentence, minus comparison baselines;
    relative years resolved against the publication date when it is known."""
    found = []
    if published is not None:
        found = [(start, end, published.year + offset)
                 for start, end, offset in c.relative_years.finditer(text, *sentence)
                 if c.comparison_after is None or not c.comparison_after.match(text, end)]
    for y in YEAR.finditer(text, sentence[0], sentence[1]):
        lead = text[max(sentence[0], y.start() - 40) : y.start()]
        if c.comparison.search(lead) or c.references.search(lead):
            continue
        if c.comparison_after is not None and c.comparison_after.match(text, y.end()):
            continue
        found.append((y.start(), y.end(), int(y.group(2) or y.group(1))))
    return sorted(found)


def _year(
    text: str, m: Mention, sentence: tuple[int, int], c: Cues, others: list[Mention],
    years: list[tuple[int, int, int]],
) -> int | None:
    best, best_cost = None, None
    for start, end, year in years:
        if any(start < o.end and o.start < end for o in others):
            continue  # `2000-ə yaxın ağac`: the number is an amount, not a year
        if start >= m.end and (_belongs_to_another(text, m, start, others)
                               or _heads_a_later_clause(text, m, start, others)):
            continue
        if end <= m.start and (_dates_another(text, m, start, others)
                               or _in_relative_clause(text, sentence[0], start, end, m.start)):
            continue
        lo, hi = (end, m.start) if end <= m.start else (m.end, start)
        between = text[lo:hi]
        cost = hi - lo
        cost += COMMA_PENALTY * len(CLAUSE_BREAK.findall(between))
        cost += CLAUSE_PENALTY * len(STRONG_BREAK.findall(between))
        lead = text[max(sentence[0], start - 12) : start]
        if end <= m.start and c.target_date.search(lead):
            # `by 2030, 643 thousand trees...`: the date is the claim's on its left
            cost += TARGET_DATE_PENALTY
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _belongs_to_another(text: str, m: Mention, year_start: int, others: list[Mention]) -> bool:
    """`11.3% of ..., up from 7% in 2021`: a year after another mention in a later
    clause dates that mention, not this one."""
    for other in others:
        between = m.end <= other.start and other.end <= year_start
        if between and CLAUSE_BREAK.search(text, m.end, other.start):
            return True
    return False


def _heads_a_later_clause(text: str, m: Mention, year_start: int, others: list[Mention]) -> bool:
    """`8 plants of 48.8 MW in 2024, in 2025 – 9 plants`: a year that opens a later clause
    dates the amount after it in that clause (a dash may stand between), not one before it."""
    if not CLAUSE_BREAK.search(text, m.end, year_start):
        return False
    return any(o.start > year_start and not LIST_BREAK.search(text, year_start, o.start)
               for o in others)


def _dates_another(text: str, m: Mention, year_start: int, others: list[Mention]) -> bool:
    """`10 facilities in 2018, 23 facilities in 2019`, `from 25.8% in 2024 to 28.6% in 2025`,
    `to 6% by 2025, ... 7%`: a year right after another, earlier amount dates that amount."""
    return any(o.end <= year_start and o is not m
               and DATED_AMOUNT.fullmatch(text, o.end, year_start) for o in others)


def _in_relative_clause(text: str, sentence_start: int, start: int, end: int, before: int) -> bool:
    """`The project, which began in 2021, requires 3.7 billion tenge`: a year inside a relative
    clause dates that clause, not the main one after it."""
    return bool(RELATIVE_CLAUSE.search(text, sentence_start, start)) and "," in text[end:before]


def _clause(
    m: Mention, sentence: tuple[int, int], breaks: list[tuple[int, int]]
) -> tuple[int, int]:
    """From the last clause break before the mention to the first after it."""
    start, end = sentence
    for b_start, b_end in breaks:
        if b_end <= m.start:
            start = b_end
        elif b_start >= m.end:
            return start, b_start
    return start, end


def _modality(text: str, span: tuple[int, int], c: Cues, cued: Sentence,
              wide: tuple[int, int], sentence: tuple[int, int]) -> str:
    """Target or actual, read from the clause; mentions of one clause share the answer. A
    clause that says neither is read with the brackets around it (`уже действуют 48 объектов
    (ВИЭ) мощностью 252 МВт (0,9%), к 2030 году планируется ...`: the megawatts exist)."""
    if span in cued.modality:
        return cued.modality[span]
    modality = _clause_modality(text, span, c, cued)
    if modality is None and wide != span:
        modality = _clause_modality(text, wide, c, cued)
    if modality is None and c.verb_final:
        modality = _last_cue(text, sentence, c, cued)
    cued.modality[span] = modality = modality or _sentence_plan(text, span, cued)
    return modality


def _clause_modality(text: str, span: tuple[int, int], c: Cues, cued: Sentence) -> str | None:
    if c.verb_final:
        last = _last_cue(text, span, c, cued)
        if last is not None:
            return last
    elif any(span[0] <= start and end <= span[1] for start, end in cued.targets):
        return "target"
    clause = text[span[0] : span[1]]
    if c.actual.search(clause):
        return "actual"
    for y in YEAR.finditer(clause):
        if c.target_date.search(clause[: y.start()][-12:]) or (
                c.target_date_after is not None and c.target_date_after.match(clause, y.end())):
            return "target"
    return None


def _last_cue(text: str, span: tuple[int, int], c: Cues, cued: Sentence) -> str | None:
    """Where the finite verb ends the clause (Kazakh), the cue nearest the end of `span`
    is that verb: `пайдаланылатын 4803 кен орны барланды` (a participle describes the
    deposits, the past verb states a fact), `жиналған қалдықтың 50%-ы өңделеді` (a plan).
    A word of the coming time (`алдағы`) makes the clause a plan whatever its verb."""
    if c.ahead is not None and c.ahead.search(text, *span):
        return "target"
    targets = [end for start, end in cued.targets if span[0] <= start and end <= span[1]]
    facts = [h.end() for h in c.actual.finditer(text, *span)]
    if not targets and not facts:
        return None
    return "target" if max(targets, default=-1) >= max(facts, default=-1) else "actual"


def _sentence_plan(text: str, span: tuple[int, int], cued: Sentence) -> str:
    """A plan elsewhere in the sentence governs the clause (`The plan envisages, by 2030, 5 GW`)
    unless a relative clause holds it (`25.8% in 2024, which is less than the planned 30%`)."""
    governs = (start < span[0] or not RELATIVE_OPENER.search(text, span[1], start)
               for start, _ in cued.targets)
    return "target" if any(governs) else "actual"
