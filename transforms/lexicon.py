"""Read the word lists in `transforms/data/` (grammar: `transforms/data/README.md`).

Lexicons are data so that a reader can add a unit, a scale word or a place
without touching regular expressions; this module is the only code that knows
the file format, and it turns forms into regex alternations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LANGS = ("ru", "en", "kk", "az")
# Letters of all four languages: what an inflectional ending (`~`) may add.
LETTER = r"[^\W\d_]"
LOWER = "[a-zа-яёəöüışçğәғқңөұүһі]"
HYPHENATED_ENDINGS = ("kk", "az")
HYPHEN_ENDING = re.compile(rf"{LOWER}+(?![\w-])")
SPACE = r"[ \u00a0\u202f\t]+"
# `word_start` writes the edge test after the first character up to this many first
# characters (measured break-even on news text: about 16-18)
FEW_FIRSTS = 16


class LexiconError(ValueError):
    """A line of a lexicon file does not follow the grammar."""

    def __init__(self, file: str, line: int, text: str, problem: str) -> None:
        super().__init__(file, line, text, problem)
        self.file, self.line, self.text, self.problem = file, line, text, problem

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}: {self.text!r}"


@dataclass(frozen=True)
class Entry:
    section: str
    fields: tuple[str, ...]
    langs: frozenset[str]
    forms: tuple[str, ...]
    line: int
    latin: bool = False  # Latin-script Kazakh forms made from the line's Cyrillic ones


    def applies_to(self, lang: str) -> bool:
        return lang in self.langs or lang not in LANGS


@cache
def load(name: str) -> tuple[Entry, ...]:
    """Parse `transforms/data/<name>.txt` into entries, failing loudly on bad lines."""
    path = DATA / f"{name}.txt"
    entries: list[Entry] = []
    section = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = re.sub(r"\s+#\s.*$", "", raw).strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("[") and text.endswith("]"):
            section = text[1:-1].strip()
            continue
        head, sep, tail = text.partition(" : ")
        if not sep:
            head, sep, tail = text.partition(":")
            if not sep or not head.strip() and not tail.strip():
                raise LexiconError(path.name, number, raw, "expected '<fields> : <forms>'")
        fields = head.split()
        langs = frozenset(LANGS)
        if fields and fields[-1].startswith("@"):
            langs = frozenset(fields.pop()[1:].split(","))
            unknown = langs - set(LANGS)
            if unknown:
                raise LexiconError(path.name, number, raw, f"unknown language {sorted(unknown)}")
        forms = tuple(f.strip() for f in tail.split("|") if f.strip())
        if not forms:
            raise LexiconError(path.name, number, raw, "no forms after ':'")
        entries.append(Entry(section, tuple(fields), langs, forms, number))
        tagged_kazakh = "kk" in langs and langs != frozenset(LANGS)
        latin = latin_kazakh(forms, tagged_kazakh) if name != TRANSLITERATION else ()
        if latin:
            entries.append(Entry(section, tuple(fields), frozenset({"kk"}), latin, number,
                                 latin=True))
    return tuple(entries)


TRANSLITERATION = "transliteration"
KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def latin_kazakh(forms: tuple[str, ...], kazakh: bool) -> tuple[str, ...]:
    """The forms in each Latin Kazakh alphabet of data/transliteration.txt: of every
    Cyrillic form if the line is Kazakh (`kazakh`), else of those with a letter only
    Kazakh has. Short all-caps forms (`ҚР`) are left out: `QR` is not Kazakhstan."""
    out: dict[str, None] = {}
    for form in forms:
        if not CYRILLIC.search(form) or (form.isupper() and len(form) <= 3):
            continue
        if kazakh or KAZAKH_ONLY.intersection(form):
            for table in _alphabets().values():
                out.setdefault("".join(table.get(ch, ch) for ch in form), None)
    return tuple(f for f in out if f not in forms)


@cache
def _alphabets() -> dict[str, dict[str, str]]:
    """Alphabet → Cyrillic letter (lower and capital) → its Latin letters."""
    tables: dict[str, dict[str, str]] = {}
    for e in load(TRANSLITERATION):
        latin = "" if e.forms[0] == "-" else e.forms[0]
        table = tables.setdefault(e.section, {})
        table[e.fields[0]] = latin
        table[e.fields[0].upper()] = latin[:1].upper() + latin[1:]
    return tables


def section(name: str, part: str, lang: str | None = None) -> list[Entry]:
    """Entries of one section, optionally only those that apply to `lang`."""
    return [e for e in load(name) if e.section == part and (lang is None or e.applies_to(lang))]


def capitalized(form: str, lang: str) -> str:
    """First letter upper-cased, with the Turkic dotted capital I for az/kk."""
    if not form or not form[0].isalpha():
        return form
    first = form[0]
    if lang in ("az", "kk") and first == "i":
        upper = "İ"
    elif lang in ("az",) and first == "ı":
        upper = "I"
    else:
        upper = first.upper()
    return upper + form[1:]


def form_regex(form: str) -> str:
    """A form as a regex: literal text, any space run for a space, `~` for an ending."""
    return SPACE.join(_word_regex(word) for word in form.split(" "))


def _word_regex(word: str) -> str:
    prefix = ""
    if len(word) > 1 and word.startswith("~") and word[1].isalpha():
        prefix, word = f"{LETTER}+", word[1:]
    if len(word) > 1 and word.endswith("~") and word[-2].isalpha():
        return prefix + re.escape(word[:-1]) + f"{LETTER}*"
    return prefix + re.escape(word)


def variants(forms: list[str] | tuple[str, ...], lang: str) -> list[str]:
    """Forms plus their capitalised variants, longest first (regex alternation is ordered).

    A form written `=mW` is case-exact: taken as `mW`, without a capitalised variant."""
    seen: dict[str, None] = {}
    for form in forms:
        if len(form) > 1 and form.startswith("="):
            seen.setdefault(form[1:], None)
            continue
        seen.setdefault(form, None)
        if form[:1].islower():
            seen.setdefault(capitalized(form, lang), None)
    return sorted(seen, key=lambda f: (-len(f.rstrip("~")), f))


def alternation(forms: list[str] | tuple[str, ...], lang: str) -> str:
    """One non-capturing group matching any of the forms, longest first.

    The forms are merged into a trie: a plain alternation of hundreds of forms
    makes `re` try every one at every position, a trie follows one branch. Word
    endings (`~лады`: any word ending so) follow it as one stem and a trie of
    the endings: as separate alternatives, `re` ran over each word once per
    ending (Kazakh target verbs: 4.5 times slower).
    """
    plain = [f for f in forms if not f.startswith("~")]
    endings = [f[1:] for f in forms if f[:1] == "~" and f[1:2].isalpha()]
    parts = [_trie_regex(_trie(plain, lang, ignore_case=False))] if plain else []
    if endings:
        parts.append(f"{LETTER}+(?:{_trie_regex(_trie_of(endings))})")
    # `~` itself (`~5%`) is the character, which a trie would read as an ending
    parts += [form_regex(f) for f in variants(
        [f for f in forms if f.startswith("~") and not f[1:2].isalpha()], lang)]
    return "(?:" + "|".join(parts) + ")"


def word_start(forms: list[str] | tuple[str, ...], lang: str) -> str:
    r"""`alternation` of forms that must not follow a letter or digit: `(?<![\w])(?:...)`.

    Written, where the forms start with a few plain characters, as `a(?<!\w.)...|б(?<!\w.)...`
    (the same test, made after the first character): `re` then skips ahead to the
    characters a form can start with instead of trying the look-behind at every
    position, 2-3 times faster for cue words scanned over sentences. Where forms start
    with many letters (FEW_FIRSTS), most positions are such a letter, and the look-behind
    first with a lookahead of the first characters is up to 2 times faster.
    """
    trie = _trie(forms, lang, ignore_case=False)  # a leading `~` or space stays a first atom
    firsts = sorted(a for a in trie if a)
    if "" in trie or not firsts or any(a in ("~", " ") for a in firsts):
        return rf"(?<![\w]){alternation(forms, lang)}"
    if len(firsts) > FEW_FIRSTS:
        lookahead = "(?=[" + "".join(re.escape(a) for a in firsts) + "])"
        return rf"(?<![\w]){lookahead}{alternation(forms, lang)}"
    return "(?:" + "|".join(rf"{re.escape(a)}(?<!\w.){_trie_regex(trie[a])}" for a in firsts) + ")"


class Lookup:
    """Which entry a written form came from, however a pattern matched it: inflected
    (`тоннаға` for `тонн~`), capitalised, or with other spaces (`млрд\u00a0тенге`).

    With `merge`, the answer is the tuple of the values of every entry the form
    matches (`solar` is a word of several indicator codes), else the first's value.
    """

    def __init__(
        self, entries: list[tuple[str, object]], lang: str, ignore_case: bool = True,
        merge: bool = False,
    ) -> None:
        self.ignore_case = ignore_case
        self.merge = merge
        self.memo: dict[str, object | None] = {}
        self.values: dict[str, object] = {}
        # compiled when first needed: most are never tried (a run meets few inflected forms)
        self.inflected: dict[str, list[tuple[str, object]]] = {}
        for form, value in entries:
            for variant in variants([form], lang):
                key = _fold(variant, ignore_case)
                if "~" in key:
                    self.inflected.setdefault(key[:1], []).append((form_regex(variant), value))
                elif merge:
                    self.values.setdefault(_squash(key), []).append(value)
                else:
                    self.values.setdefault(_squash(key), value)

    def is_literal(self, written: str) -> bool:
        """Whether `written` is a form as the lexicon writes it, not an inflection of one."""
        key = _fold(written, self.ignore_case)
        return key in self.values or _squash(key) in self.values

    def get(self, written: str) -> object | None:
        # the same few forms come back hit after hit: remember each written form's answer
        try:
            return self.memo[written]
        except KeyError:
            value = self.memo[written] = self._find(written)
            return value

    def _find(self, written: str) -> object | None:
        if self.merge:
            return self._find_all(written)
        key = _fold(written, self.ignore_case)
        if key in self.values:
            return self.values[key]
        key = _squash(key)
        if key in self.values:
            return self.values[key]
        flags = re.IGNORECASE if self.ignore_case else 0
        for pattern, value in self.inflected.get(key[:1], ()):
            if compiled(pattern, flags).fullmatch(written):
                return value
        return None

    def _find_all(self, written: str) -> tuple | None:
        key = _squash(_fold(written, self.ignore_case))
        found = list(self.values.get(key, ()))
        flags = re.IGNORECASE if self.ignore_case else 0
        found += [value for pattern, value in self.inflected.get(key[:1], ())
                  if compiled(pattern, flags).fullmatch(written)]
        return tuple(dict.fromkeys(found)) or None

    def __getitem__(self, written: str) -> object:
        value = self.get(written)
        if value is None:
            raise KeyError(written)
        return value


class Matcher:
    """Find any of many lexicon forms in a text fast, and say which entry each hit is.

    A plain alternation of hundreds of forms makes `re` try every one at every
    position; here the forms are merged into a trie-shaped pattern, so each
    position follows one branch, and a lookahead skips positions where no form
    can start. Longer forms win over their prefixes. Ignoring
    case, the pattern runs on the lower-cased text (same offsets, see `fold`):
    `re.IGNORECASE` would fold every character at every try, two to three times slower.
    """

    def __init__(
        self, entries: list[tuple[str, object]], lang: str, ignore_case: bool = True,
        merge: bool = False,
    ) -> None:
        self.lookup = Lookup(entries, lang, ignore_case, merge)
        self.ignore_case = ignore_case
        trie = _trie([form for form, _ in entries], lang, ignore_case)
        # a hyphen and letters go on the word (`Жасыл-Ел`), but kk and az write a case ending
        # after one (`СҚО-да`: _ends_word); a hyphen and a number name one of several
        # (`ТЭЦ-2`, `ГЭС-2`: a CHP, a hydro plant)
        self.hyphenated = lang in HYPHENATED_ENDINGS
        end = r"(?![\w])" if self.hyphenated else r"(?![\w]|-[^\W\d_])"
        self.pattern = compiled(rf"{_trie_pattern(trie)}{end}")

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """(start, end, value) of every hit, left to right."""
        subject = fold(text) if self.ignore_case else text
        for hit in self.pattern.finditer(subject, pos, len(text) if endpos is None else endpos):
            value = self.lookup.get(hit.group())
            if value is not None and (not self.hyphenated or _ends_word(text, *hit.span())):
                yield hit.start(), hit.end(), value


def _ends_word(text: str, start: int, end: int) -> bool:
    """A hit ends its word, or is an abbreviation before a hyphenated case ending: Kazakh
    and Azerbaijani write `СҚО-да`, `КЭС-ның`, `ABŞ-da` (not a compound, `Алма-Ата`)."""
    if not text.startswith("-", end) or not text[end + 1 : end + 2].isalnum():
        return True
    return text[start:end].isupper() and bool(HYPHEN_ENDING.match(text, end + 1))


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, once per process: languages share many of the lexicon's patterns,
    and `re`'s own cache (512 patterns) is smaller than the lexicon's."""
    return re.compile(pattern, flags)


def _trie(forms: list[str] | tuple[str, ...], lang: str, ignore_case: bool) -> dict:
    return _trie_of([_fold(variant, ignore_case)
                     for form in forms for variant in variants([form], lang)])


def _trie_of(forms: list[str]) -> dict:
    """Forms as written (no capitalised variants) as nested dicts of atoms; "" ends a form."""
    trie: dict = {}
    for form in forms:
        node = trie
        for atom in _atoms(form):
            node = node.setdefault(atom, {})
        node[""] = None
    return trie


def _trie_pattern(trie: dict) -> str:
    r"""The trie as a pattern whose hits start where no letter or digit is before them.

    When no form starts with a lower-case letter (the case-sensitive acronyms), it is
    written as `word_start` writes cue words, so `re` skips at C speed to the few capitals
    of a page (4x faster). Where most letters can start a form, an edge first and a
    lookahead of the first characters reject most positions at once (3x faster than the
    same there); when every form starts with a letter or digit, `\b` says "not after
    one" ~20 % faster than a look-behind."""
    firsts = {atom for atom in trie if atom}
    if not firsts or firsts & {"~", " "}:
        return rf"(?<![\w])(?:{_trie_regex(trie)})"
    if not any(ch.islower() for ch in firsts):
        return "(?:" + "|".join(
            re.escape(atom) + r"(?<![\w].)" + _trie_regex(trie[atom]) for atom in sorted(firsts)
        ) + ")"
    edge = r"\b" if all(ch.isalnum() or ch == "_" for ch in firsts) else r"(?<![\w])"
    lookahead = "(?=[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "])"
    return f"{edge}{lookahead}(?:{_trie_regex(trie)})"


def _fold(text: str, ignore_case: bool) -> str:
    """Lower case without splitting Turkic `İ` into `i` + combining dot: the only
    character whose lower case is longer, so offsets in the result are the text's."""
    return text.replace("İ", "i").lower() if ignore_case else text


@lru_cache(maxsize=4)
def fold(text: str) -> str:
    """`_fold` of a whole document, cached: every matcher of a document folds the same text."""
    return _fold(text, True)


def _squash(text: str) -> str:
    return re.sub(r"[ \u00a0\u202f\t]+", " ", text)


def _atoms(form: str) -> list[str]:
    """A form as trie steps: one character, a space run, or an inflection ending."""
    atoms = []
    for i, ch in enumerate(form):
        if ch == "~" and i > 0 and form[i - 1].isalpha():
            atoms.append("~")
        else:
            atoms.append(ch)
    return atoms


def _trie_regex(node: dict) -> str:
    branches = []
    for atom in sorted((a for a in node if a), key=lambda a: (a in ("~", " "), a)):
        piece = {"~": f"{LETTER}*", " ": SPACE}.get(atom, re.escape(atom))
        branches.append(piece + _trie_regex(node[atom]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
