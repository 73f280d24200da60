"""The role of each amount in a statement of change (`decrease by 93% – from 37.3
thousand tons to 2.7 thousand tons`): `change` (by how much), `from` (the level it
starts from), `to` (the level it reaches) or `level` (a level stated beside the
change, neither marked as its start nor its end: `2,8 млн тонн – на 3,5% больше`).
An amount with no direction is in no statement of change: its role is None.

The words and case endings that mark each role are `[role_before]`, `[role_after]`
and `[role_suffix]` in `transforms/data/cues.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from transforms import lexicon
from transforms.mentions import Mention

ROLES = ("change", "from", "to", "level")
RELATIVE_KINDS = ("share", "share_points", "multiplier")  # amounts that are sizes of changes
REACH = 30  # characters before an amount a role word is looked for in
TAIL = re.compile(r"-?[^\W\d_]*")  # letters glued to an amount: `93%-ға`, `tondan`


@dataclass(frozen=True)
class RoleCues:
    before: list[tuple[str, re.Pattern[str]]]
    after: list[tuple[str, re.Pattern[str]]]
    suffix: list[tuple[str, re.Pattern[str]]]


def _grouped(part: str, lang: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for e in lexicon.section("cues", part, lang):
        groups.setdefault(e.fields[0], []).extend(e.forms)
    return groups


@cache
def cues(lang: str) -> RoleCues:
    before = [(role, re.compile(rf"{lexicon.word_start(forms, lang)}[ \u00a0]*$"))
              for role, forms in _grouped("role_before", lang).items()]
    after = [(role, re.compile(rf"[ \u00a0]*{lexicon.alternation(forms, lang)}(?![\w])"))
             for role, forms in _grouped("role_after", lang).items()]
    suffix = [(role, re.compile("(?:" + "|".join(
                  re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")$"))
              for role, forms in _grouped("role_suffix", lang).items()]
    return RoleCues(before, after, suffix)


def roles(text: str, lang: str, sentence: tuple[int, int], found: list[Mention],
          directions: list[str | None]) -> list[str | None]:
    """The role of each mention of one sentence (in text order), given their directions."""
    c = cues(lang)
    marked = [_marked(text, sentence, m, c) if d else None for m, d in zip(found, directions)]
    out: list[str | None] = []
    for i, (m, d) in enumerate(zip(found, directions)):
        role = marked[i]
        if role == "to?":  # a dative ending is an end only after a start: `93%-ға` is by 93%
            role = "to" if "from" in marked[:i] else None
        if d is None:
            out.append(None)
        elif role:
            out.append(role)
        else:
            out.append("change" if m.kind in RELATIVE_KINDS else None)
    has_change = "change" in out
    return [r if r or d is None else ("level" if has_change else "change")
            for r, d in zip(out, directions)]


def _marked(text: str, sentence: tuple[int, int], m: Mention, c: RoleCues) -> str | None:
    """The role a word or ending beside the mention marks: `to?` for a dative ending."""
    before = text[max(sentence[0], m.start - REACH):m.start]
    for role, pattern in c.before:
        if pattern.search(before):
            return role
    for role, pattern in c.after:
        if pattern.match(text, m.end):
            return role
    tail = m.surface + TAIL.match(text, m.end).group()
    for role, pattern in c.suffix:
        if pattern.search(tail):
            return "to?" if role == "to" else role
    return None
