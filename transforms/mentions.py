"""Find quantity mentions in a document and normalize them (GUIDE.md section 1).

One compiled pattern per language finds every candidate in a single pass:
currency sign, number (digits or words), range, scale word, unit, rate period.
Named checks then drop what GUIDE.md excludes (years, dates, codes, ordinals,
URLs, phone numbers, bare numbers) and decide counts from the following noun.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from transforms import lexicon, numbers, units

DIGITS = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,]\d)"
    r"|\d+(?:[.,]\d+)*"
)
# `1/4 mile`, `10 1/2 miles`: English fractions, a number only before a unit
FRACTION = r"(?:\d{1,3}[ \u00a0])?\d{1,2}/\d{1,4}(?![\d/])"
# Not glued to a word, a code (`Euro-5`, `COP29`), a time (`10:30`) or a path.
LEFT_EDGE = r"(?<![\w.,\-–—−/:№#@&])"
UNIT_WORDS = re.compile(r"[ \u00a0]+(?P<one>[^\s,;:()]+)(?:[ \u00a0]+(?P<two>[^\s,;:()]+))?")
JOIN = r"(?:[ \u00a0\u202f]|\r?\n|-)?"  # `163\nmegawatts`: a line may break between them
# `7.2 GW3`, `33.4 billion tons1`: a footnote digit glued to a unit that ends in a letter
FOOTNOTE = r"(?:(?<=[^\W\d_])\d(?![\w.,]))?"
# `(2021г. -325 тыс. тн)`: a dash after a year is a list's dash, not a minus (so is a
# dash glued to what comes before: `10$-20$`)
YEAR_DASH = re.compile(r"(?:19|20)\d\d[ \u00a0]*(?:[^\W\d_]{1,4}\.?)?[ \u00a0]*$")
# `S&P 500`, `iPhone 11`: a number right after a name with `&` or an inner capital
NAME_BEFORE = re.compile(r"(?:\w&\w+|[a-z][A-Z]\w*)[ \u00a0]$")
# `176 погода · 85 футбол · 40 экономика`: a tag cloud or topic list, not claims
# (short segments of a number and a word or two, between spaced separators, a whole line)
_TAG = r"(?:\d+[ \u00a0]+[^\W\d_][^\n·•|\d]{0,30}?|[^\W\d_][^\n·•|\d]{0,30}?[ \u00a0]+\d+)"
TAG_CLOUD = re.compile(rf"(?m)^[ \t]*(?:{_TAG}[ \u00a0]+[·•|][ \u00a0]+){{2,}}{_TAG}[ \t]*$")
DIVIDED = re.compile(r"[ \u00a0]?/[ \u00a0]?[^\W\d_]")
DASH = r"[ \u00a0\u202f]?[-–—][ \u00a0\u202f]?"
RANGE_WORDS = {"en": ("to", "and"), "ru": ("до", "по"), "kk": ("бастап",), "az": ("-dək",)}
FROM_WORDS = {"en": ("from", "between"), "ru": ("от", "с"), "kk": (), "az": ()}
# a character of the same clause; a dot only between digits (`1.440 MW-a qədər`)
IN_CLAUSE = r"(?:[^.;!?\n]|(?<=\d)\.(?=\d))"
# a Turkic range marks its low end with the ablative and closes with `qədər`/`дейін` in the
# clause: `1200-dən 1440 MW-a qədər`, `1200-ден 1440 МВт-қа дейін`
ABLATIVE_RANGE = {
    "az": r"-(?:dən|dan|tən|tan)[ \u00a0]+(?=" + IN_CLAUSE + r"{1,40}?(?:qədər|dək)(?![\w]))",
    "kk": (r"-(?:ден|дан|тен|тан|нен|нан)[ \u00a0]+(?="
           + IN_CLAUSE + r"{1,40}?(?:дейін|шейін)(?![\w]))"),
}
# Text within one clause: no clause punctuation, and no full stop that ends a sentence.
# a possessive ending glued by a hyphen to a number (`30-ы`, `12-сі`, Latin `30-y`)
PART_ENDING = re.compile(r"-(?:сы|сі|ы|і|sy|si|y|ı|i)(?![\w])")
SENTENCE_END = re.compile(r"[.!?](?:[ \u00a0\n]|$)")
SAME_CLAUSE = r"(?:[^.;!?\n,]|\.(?![ \u00a0]*[A-ZА-ЯЁƏ]|$))"
# an aside in brackets stays in the clause (`486 тыс. тонн отходов (пищевых, прочих) в год`)
ASIDE = r"\([^()\n]{0,80}\)"
WORD = re.compile(r"[»\"”]?[ \u00a0\u202f]+(?:-[ \u00a0\u202f]*)?[«\"“]?([^\W\d_][\w\-'’]*)")
# `120 «зеленых» объектов`: an adjective in quotes stays in the phrase; a quoted noun is a name
OPENING_QUOTES = "«\"“"
CLOSING_QUOTES = "»\"”"
MASKS = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    # the look-behinds start these at a word's start, not again at each of its letters
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"  # e-mail addresses
    r"|(?<!\S)\S+\.(?:kz|ru|az|com|org|net|gov|uz|kg)(?:/\S*)?(?!\w)"  # bare domains and paths
    r"|(?:\+\d{1,3}|\b8)[ \u00a0(-]*\d{2,5}[ \u00a0)-]*\d{2,3}"  # phone numbers
    r"[ \u00a0-]*\d{2}[ \u00a0-]*\d{2}(?!\d)"
)
MASK_REACH = 80
NEXT_SPACE = re.compile(r"\s")
# Something every mask needs: cheap to look for before running MASKS itself.
MASK_HINT = re.compile(
    r"://|www\.|@|\+\d|\.(?:kz|ru|az|com|org|net|gov|uz|kg)|8(?<!\d8)[ \u00a0(-]"
)
# an adverb inside a noun phrase (`16 экологически чистых станций`) modifies as an adjective does
RUSSIAN_ADVERB = re.compile(r".*ически$")
# adjectives joined inside one phrase: `27 тысяч частных и социальных объектов`
ADJECTIVE_JOINS = frozenset({"и", "или"})
RUSSIAN_ADJECTIVE = re.compile(r".*(?:ых|их|ые|ие|ый|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ую|юю)$")
RUSSIAN_VERB = re.compile(r".*(?:ть|ться|тся|лся|лась|лись|ло|ли|ла|ет|ют|ут|ит|ят|ат|ешь|ем)$")
ENGLISH_VERB_ONLY = re.compile(r".*(?:ed|ing)$")
MAX_ITEM_WORDS = 4
HEAD_FIRST = ("kk", "az")
ENGLISH_IRREGULAR_PLURALS = frozenset({
    "people", "children", "women", "men", "cattle", "sheep", "livestock",
    "staff", "personnel", "fish", "deer", "poultry",
})
OUTSIDE = "-"
CURRENCY_CODE = re.compile(r"[A-Z]{3}")
# a period shorter than a day: a rate per one is a daily rate times this
PER_DAY = {"second": 86400.0}
# The codes of currencies, whose coins (`5 тенге 50 тиын`) add to the amount before them.
CURRENCIES = frozenset({"KZT", "USD", "EUR", "RUB", "AZN", "CNY"})
# the kinds an article does not make one of: `a year ago`, `a percentage of`, `a times`
NO_ARTICLE = frozenset({"duration", "share", "multiplier", "count"})
# `fb−1`, `s^-1`: a unit with an exponent, not a counted noun
EXPONENT = re.compile(r"[\^−⁻]")
# `"Top 5"`: the sign of inches is also a quote mark
QUOTE = '"'
NOT_A_HEAD = frozenset({"more", "less", "other", "new", "additional", "further", "such"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    value: float
    value_high: float | None
    unit: str
    kind: str
    item: str | None


@dataclass(frozen=True)
class Grammar:
    """Everything one language's extraction needs, compiled once."""

    lang: str
    pattern: re.Pattern[str]
    scales: lexicon.Lookup
    multipliers: lexicon.Matcher
    multiplier_hint: tuple[str, ...]
    comparisons: lexicon.Matcher
    comparison_after: re.Pattern[str]
    units: lexicon.Lookup
    periods: lexicon.Lookup
    prefixes: lexicon.Lookup
    months: re.Pattern[str]
    months_before: re.Pattern[str]
    year_words: re.Pattern[str]
    references: re.Pattern[str]
    per_unit: re.Pattern[str]
    per_after: re.Pattern[str]
    scale_after: re.Pattern[str]
    rate_before: dict[str, re.Pattern[str]]
    rate_after: dict[str, re.Pattern[str]]
    stopwords: frozenset[str]
    compounds: re.Pattern[str]
    out_of: re.Pattern[str]
    part_of: re.Pattern[str] | None  # `оның 30-ы`: of them, 30 (the count before's items)
    coins: re.Pattern[str]
    list_join: re.Pattern[str]
    list_direct: re.Pattern[str]
    rate_join: re.Pattern[str]
    comma_join: re.Pattern[str]
    adjectives: frozenset[str]
    prefix_words: frozenset[str]
    half_after: re.Pattern[str] | None
    postposition: re.Pattern[str] | None
    case_ending: re.Pattern[str] | None


def _forms_table(entries, value_of) -> dict[str, object]:
    table: dict[str, object] = {}
    for e in entries:
        for form in e.forms:
            table.setdefault(form, value_of(e, form))
    return table


def _words(name: str, part: str, lang: str) -> list[str]:
    return [f for e in lexicon.section(name, part, lang) for f in e.forms]


def _by_field(name: str, part: str, lang: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for e in lexicon.section(name, part, lang):
        groups.setdefault(e.fields[0], []).extend(e.forms)
    return groups


@cache
def grammar(lang: str) -> Grammar:
    """Compile the extraction pattern and word tables for `lang` from the lexicons."""
    alt = lexicon.alternation
    unit_table = _forms_table([], None)
    for a in units.aliases(lang):
        unit_table.setdefault(a.form, a)
    for form in units.outside(lang):
        unit_table.setdefault(form, units.Alias(form, OUTSIDE, 1.0))
    scale_table = _forms_table(
        lexicon.section("scales", "scales", lang), lambda e, f: float(e.fields[0])
    )
    after_currency = _forms_table(lexicon.section("units", "after_currency", lang),
                                  lambda e, f: float(e.fields[0]))
    period_table = _forms_table(lexicon.section("units", "periods", lang), lambda e, f: e.fields[0])
    prefix_table = _forms_table(lexicon.section("units", "prefix", lang), lambda e, f: e.fields[0])
    words = alt(list(numbers.number_words(lang)) + list(numbers.number_words(lang, "one")), lang)
    word_number = rf"{words}(?:(?:[ \u00a0]|-){words}){{0,3}}(?![\w])"
    fraction = f"{FRACTION}|" if lang == "en" else ""
    number = _with_points(fraction, word_number, lang)
    range_words = "|".join(re.escape(w) for w in RANGE_WORDS.get(lang, ()))
    from_words = "|".join(re.escape(w) for w in FROM_WORDS.get(lang, ()))
    range_sep = rf"{DASH}|{ABLATIVE_RANGE[lang]}" if lang in ABLATIVE_RANGE else DASH
    if range_words and from_words:
        range_sep = rf"(?(frm)(?:{DASH}|[ \u00a0]+(?:{range_words})[ \u00a0]+)|{DASH})"
    frm = rf"(?:(?P<frm>{from_words})[ \u00a0]+)?" if from_words else ""
    starters = set("0123456789-−+") | {f[0] for f in prefix_table}
    starters |= {w[0] for w in numbers.number_words(lang)}
    starters |= {w[0] for w in numbers.number_words(lang, "one")}
    minus = _words("numbers", "minus", lang)
    starters |= {w[0] for w in minus} | {w[0].upper() for w in minus}
    starters |= {w[0] for w in FROM_WORDS.get(lang, ())}
    starters |= {w[0].upper() for w in FROM_WORDS.get(lang, ())}
    first = "[" + "".join(re.escape(ch) for ch in sorted(starters)) + "]"
    halves = alt(list(numbers.number_words(lang, "and_a_half")), lang)
    scales = alt(list(scale_table), lang)
    # `2 тысяч 400 МВт`, `173 min 752 ağac`: a smaller number (and scale) after a scale word;
    # it may carry decimals (`80 min 889,64 ton`, `1 млрд 829,1 млн теңге`) and a third part
    # may follow (`160 миллион 686 мың 200 түп`); en writes `5 million 10 years`
    digits = r"\d{1,3}(?![\d.,]\d)"
    digits_sub = (rf"\d{{1,3}},\d+(?=[ \u00a0]+{scales}(?![\w]))"
                  rf"|\d{{1,3}}(?:,\d{{1,2}})?(?![\d.,]\d)|"
                  if lang != "en" else "")
    sub = (rf"(?:[ \u00a0]+(?P<sub>{digits_sub}{word_number})"
           rf"(?:[ \u00a0]+(?P<subscale>{scales})(?:(?<=\.)|(?![\w]))"
           rf"(?:[ \u00a0]+(?P<sub2>{digits if lang != 'en' else '(?!)'}))?)?)?")
    cur_scales = f"|(?(cur){alt(list(after_currency), lang)}|(?!))" if after_currency else ""
    # `30 MUSD`, `120 MEUR`: a scale letter glued to a currency code
    codes = alt([f for f in unit_table if CURRENCY_CODE.fullmatch(f)], lang)
    prefixes = alt(list(prefix_table), lang)
    subunits = alt(list(units.subunits(lang)), lang)
    pattern = (
        # a required first character lets `re` skip ahead instead of trying every position
        rf"(?={first}){frm}{LEFT_EDGE}"
        rf"(?:(?P<cur>{prefixes})[ \u00a0]?)?"
        rf"(?P<sign>[-−+](?=\d)|{alt(minus, lang)}[ \u00a0]+)?"
        rf"(?P<num>{number}{_article(unit_table, lang)})(?:[ \u00a0]+(?P<half>{halves})(?![\w]))?"
        # `881 913 (восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб.`
        rf"(?:[ \u00a0]+\([^\W\d_][^()\d]{{2,90}}\))?"
        rf"(?:(?P<rsep>{range_sep})~?(?P<num2>{number}))?"  # `2 - ~7 litres`
        rf"(?:{JOIN}(?P<scale>{scales}{cur_scales})"
        # `1 k.g.`: a letter of a dotted abbreviation is no scale word
        rf"(?:(?<=\.)|(?![\w]|\.[a-z])|(?={codes}(?![\w])))"
        rf"{sub})?"
        # not a sign or code that starts the next number's amount (`$ 20.00 $ 37.05`, not
        # `10 $ 30 $`, `10 $ 30 cent`); `20 (kg)`: a unit symbol in brackets; not before
        # `-digit` (`L-202`) unless the same unit follows it (`3km-5km`)
        rf"(?:{JOIN}(?!(?:{prefixes})[ \u00a0]?\d[\d.,]*(?![\d.,])"
        rf"(?![ \u00a0]?(?:{prefixes}|{subunits})))"
        rf"(?P<bra>[(\[{{<](?=[^\W\d_]{{2}}))?"
        rf"(?P<unit>{alt(list(unit_table), lang)}{_guarded_units(lang)})"
        rf"(?(bra)[)\]}}>]){FOOTNOTE}"
        rf"(?![\w]|\.\w|-\d(?![\d.,]*[ \u00a0]?(?P=unit)(?![\w]))))?"
        rf"(?:[ \u00a0]?(?P<period>{alt(list(period_table), lang)})(?![\w]))?"
    )
    def any_of(data: str, section: str) -> str:
        return alt(_words(data, section, lang), lang)

    def starting(data: str, section: str) -> str:
        return lexicon.word_start(_words(data, section, lang), lang)

    word_joins = [w for w in _words("cues", "list_joins", lang) if w.isalpha()]
    months = any_of("months", "months")
    year_words = any_of("months", "year_words")
    rate_before = {
        period: re.compile(rf"{lexicon.word_start(forms, lang)}(?![\w]){SAME_CLAUSE}{{0,40}}$")
        for period, forms in _by_field("units", "rate_adverbs", lang).items()
    }
    # a period word right before a number is that number's adverb (`тәулігіне 43 млн текше
    # метр (жылына 15 текше шақырым)`: per day, and per year for the next amount)
    rate_after = {
        period: re.compile(
            rf"(?:{SAME_CLAUSE}|{ASIDE}){{0,80}}?(?<![\w]){alt(forms, lang)}(?![\w])"
            rf"(?![ \u00a0]+\d)")
        for period, forms in _by_field("units", "periods", lang).items()
    }
    return Grammar(
        lang=lang,
        pattern=re.compile(pattern),
        scales=lexicon.Lookup(list(scale_table.items()) + list(after_currency.items()), lang,
                              ignore_case=False),
        # the multiplier words as plain lower-case text: `in` skips most documents at memory speed
        multiplier_hint=tuple(sorted({
            lexicon.fold(v.rstrip("~"))
            for part in ("multiplier_words", "multiplier_comparisons")
            for e in lexicon.section("numbers", part, lang)
            for v in lexicon.variants(e.forms, lang)
        })),
        comparisons=lexicon.Matcher(
            [(f, float(e.fields[0]))
             for e in lexicon.section("numbers", "multiplier_comparisons", lang) for f in e.forms],
            lang),
        comparison_after=re.compile(
            rf"[ \u00a0]+{starting('numbers', 'comparison_after')}(?![\w])"),
        multipliers=lexicon.Matcher(
            [(f, float(e.fields[0])) for e in lexicon.section("numbers", "multiplier_words", lang)
             for f in e.forms], lang),
        units=lexicon.Lookup(
            list(unit_table.items()) + [(a.form, a) for part in units.GUARDED
                                        for a in units.guarded(part, lang)],
            lang, ignore_case=False),
        periods=lexicon.Lookup(list(period_table.items()), lang, ignore_case=False),
        prefixes=lexicon.Lookup(list(prefix_table.items()), lang, ignore_case=False),
        months=re.compile(rf"(?:-[^\W\d_]+)?[ \u00a0]*{months}(?![\w])"),
        months_before=re.compile(rf"{starting('months', 'months')}[ \u00a0]*,?[ \u00a0]*$"),
        year_words=re.compile(rf"[ \u00a0]*{year_words}(?![\w])"),
        references=re.compile(rf"{starting('cues', 'reference_before')}[ \u00a0]*$"),
        per_unit=re.compile(rf"{starting('cues', 'per_unit')}[ \u00a0]+$"),
        # `75 USD million`: a scale word (not a letter: `5 USD M`) after a currency
        scale_after=re.compile(
            rf"[ \u00a0]+({alt([f for f in scale_table if len(f) > 1], lang)})(?![\w])"),
        per_after=re.compile(rf"[ \u00a0]+{any_of('cues', 'per_unit')}(?![\w])"),
        rate_before=rate_before,
        rate_after=rate_after,
        stopwords=frozenset(w.lower() for w in _words("stopwords", "stop", lang)),
        compounds=re.compile(
            # head-final languages (kk, az) put the compound first; en and ru end with it
            rf"^{any_of('items', 'compounds')}(?![\w])" if lang in HEAD_FIRST
            else rf"(?<![\w]){any_of('items', 'compounds')}$",
            re.IGNORECASE,
        ),
        adjectives=frozenset(w.lower() for w in _words("items", "adjectives", lang)),
        prefix_words=frozenset(w.lower() for w in _words("items", "prefix_words", lang)),
        # `2 il yarım`, `бір жыл жарым`: in kk and az the half follows the unit too
        half_after=re.compile(rf"[ \u00a0]+{halves}(?![\w])") if lang in HEAD_FIRST else None,
        postposition=re.compile(
            rf"(?:-[^\W\d_]{{1,5}})?[ \u00a0]+{any_of('items', 'postpositions')}(?=[ \u00a0])"
        ) if _words("items", "postpositions", lang) else None,
        case_ending=re.compile(rf"{any_of('items', 'case_endings')}(?=[ \u00a0])")
        if _words("items", "case_endings", lang) else None,
        out_of=re.compile(rf"[ \u00a0]+{any_of('cues', 'out_of')}[ \u00a0]+"),
        part_of=re.compile(rf"{starting('cues', 'part_of')}[ \u00a0]+$")
        if _words("cues", "part_of", lang) else None,
        coins=re.compile(
            rf"(?:[ \u00a0]*,?[ \u00a0]+{any_of('cues', 'list_joins')})?[ \u00a0]+"
            # `43c`: glued to digits; `forty-three cents`: after a space
            rf"(?P<coin>\d{{1,2}}|{word_number})(?:(?<=\d)[ \u00a0]*|[ \u00a0]+){subunits}(?![\w])"
        ),
        list_direct=re.compile(rf"[ \u00a0]*{any_of('cues', 'list_joins')}(?![\w])"),
        # up to two words (adjectives) before the join, up to two (qualifiers) after it
        list_join=re.compile(
            rf"(?:[ \u00a0]+[^\W\d_][\w\-]*){{0,2}}[ \u00a0]*(?:(?<=[ \u00a0])|(?=,))"
            rf"{any_of('cues', 'list_joins')}(?![\w])"
            rf"(?:[ \u00a0]+[^\W\d_][\w\-]*){{0,2}}[ \u00a0]*$"
        ),
        # `811,100 cubic meters of natural gas or 3,150 tons of coal per year`: joined by a word
        rate_join=re.compile(
            rf"(?:[ \u00a0]+[^\W\d_][\w\-]*){{0,3}}[ \u00a0]+"
            rf"{alt([*word_joins, *RANGE_WORDS[lang]], lang)}"
            rf"(?![\w])[ \u00a0]*$"
        ),
        comma_join=re.compile(r"(?:[ \u00a0]+[^\W\d_][\w\-]*){0,3},[ \u00a0]*$"),
    )


def _with_points(fraction: str, word_number: str, lang: str) -> str:
    """The number pattern: digits or words, each with a decimal point written as a word
    (`1 point 25`, `three point five`) where the language has one."""
    point = numbers.point_words(lang)
    if not point:
        return rf"(?:{fraction}(?:{DIGITS})|{word_number})"
    sep = rf"[ \u00a0]+{lexicon.alternation(point, lang)}[ \u00a0]+"
    digit = lexicon.alternation(numbers.digit_words(lang), lang)
    return (rf"(?:{fraction}(?:{DIGITS})(?:{sep}\d+(?![\d.,]\d))?"
            rf"|{word_number}(?:{sep}{digit}(?:[ \u00a0]+{digit})*(?![\w]))?)")


def _article(unit_table: dict[str, object], lang: str) -> str:
    """`a gallon`, `an ml`: an article (the group `art`) is one right before the name of a
    unit of measure; not before a time word, a share or a multiple (`a year ago`, `a
    percentage of`), nor before a one-letter or sign symbol (`a t-shirt`, `a US$ 5 bn`)."""
    article = list(numbers.number_words(lang, "article"))
    names = [f for f, a in unit_table.items() if a.code in units.canonical()
             and units.kind_of(a.code) not in NO_ARTICLE and len(f) > 1
             and f.replace(" ", "").replace(".", "").isalpha()]
    if not article or not names:
        return "|(?P<art>(?!))"  # the group is there, never matching
    alt = lexicon.alternation
    return rf"|(?P<art>{alt(article, lang)})(?=[ \u00a0]+{alt(names, lang)}(?![\w\-]))"


def _guarded_units(lang: str) -> str:
    """The unit forms that are units only in some places: `in` where the clause ends or a
    dimension word follows (`2 in thick`), a mark glued to the digits (`5"`) or before a
    dimension word (`10 " long`)."""
    alt = lexicon.alternation
    out = ""
    dimension = alt(_words("units", "dimension_words", lang), lang)
    if final := [a.form for a in units.guarded("clause_final", lang)]:
        out += (rf"|{alt(final, lang)}(?=[ \u00a0]*(?:[.;:!?)\]\n]|$)"
                rf"|[ \u00a0]+{dimension}(?![\w]))")
    if marks := [a.form for a in units.guarded("marks", lang)]:
        out += rf"|(?<=\d){alt(marks, lang)}|{alt(marks, lang)}(?=[ \u00a0]+{dimension})"
    return out


def _value(text: str, g: Grammar, scaled: bool) -> float:
    if "/" in text:
        return numbers.parse_fraction(text)
    if (pointed := numbers.point_value(text, g.lang)) is not None:
        return pointed
    if text[:1].isdigit():
        return numbers.parse_number(text, g.lang, scaled=scaled)
    words = numbers.word_value(text, g.lang)
    if words is None:
        raise numbers.NumberError(text, g.lang)
    return words


def _coins(written: str, g: Grammar) -> float:
    """`50` of `3 dollars 50 cents`: a hundredth each."""
    try:
        return _value(written, g, False) / 100
    except numbers.NumberError:
        return 0.0


def _compound(value: float, scale: float, m: re.Match[str], g: Grammar) -> tuple[float, float]:
    """`2 тысяч 400` → (2400, 1): the smaller part added, when it is smaller than the scale."""
    try:
        sub = _value(m.group("sub"), g, False)
    except numbers.NumberError:
        return value, scale
    subscale = g.scales[m.group("subscale")] if m.group("subscale") else 1.0
    if sub * subscale >= scale or subscale >= scale:
        return value, scale
    last = float(m.group("sub2")) if m.group("sub2") else 0.0
    return value * scale + sub * subscale + (last if last < subscale else 0.0), 1.0


def _masks(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and phone numbers, in order.

    MASKS runs only in windows around the cheap hints it needs, so a long document
    with few of them is not scanned by the expensive pattern.
    """
    spans: list[tuple[int, int]] = []
    covered = -1
    for hint in MASK_HINT.finditer(text):
        if hint.start() < covered:
            continue
        lo = max(0, hint.start() - MASK_REACH)
        space = NEXT_SPACE.search(text, hint.end() + MASK_REACH)
        covered = space.start() if space else len(text)
        spans.extend(m.span() for m in MASKS.finditer(text, lo, covered))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _masked(masks: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a mask (masks are disjoint and in order)."""
    i = bisect.bisect_left(masks, (end,))
    return i > 0 and masks[i - 1][1] > start


def _is_calendar_year(num: str, value: float) -> bool:
    return num.isdigit() and len(num) == 4 and 1900 <= value <= 2100


def _is_date(text: str, m: re.Match[str], g: Grammar) -> bool:
    """`6 May`, `May 6`, `December 1, 2024`; a number before a month is a day or a year
    (`$ 37,305.97 february expenses` is an amount)."""
    after = text[m.end() : m.end() + 20]
    if _day_or_year(m.group("num")) and g.months.match(after):
        return True
    before = text[max(0, m.start("num") - 25) : m.start("num")]
    # a month's name ends in a letter or `.`: most numbers have neither before them
    last = before.rstrip(" \u00a0").removesuffix(",").rstrip(" \u00a0")[-1:]
    return (last.isalpha() or last == ".") and bool(g.months_before.search(before))


def _day_or_year(num: str) -> bool:
    """Digits that may be a day of the month or a year, or a number in words."""
    return not num[:1].isdigit() or (num.isdigit() and (int(num) <= 31 or len(num) == 4))


def _is_reference(text: str, m: re.Match[str], g: Grammar) -> bool:
    before = text[max(0, m.start("num") - 20) : m.start("num")]
    return bool(g.references.search(before))


def _glued_suffix(text: str, end: int) -> bool:
    """A letter right after a bare number: an ordinal or a code (`2nd`, `5G`, `29-cu`)."""
    nxt = text[end : end + 2]
    return bool(nxt) and (nxt[0].isalpha() or (nxt[0] == "-" and nxt[1:2].isalpha()))


def _is_not_a_quantity(text: str, m: re.Match[str], end: int, value: float, g: Grammar) -> bool:
    """A bare number that is a year, a reference, an ordinal, an id or a year-word."""
    num = m.group("num")
    scaled = bool(m.group("scale"))
    return (
        _is_calendar_year(num, value)
        or _is_reference(text, m, g)
        or (not scaled and _glued_suffix(text, end))
        or (num.isdigit() and len(num) >= 7)
        or (not scaled and bool(g.year_words.match(text, end)))
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """`“112” qaynar xətti`, `«911»`, `"Şəms 1" GES`: a bare number that ends a quote is a name
    or a code (a straight quote closes one when an odd number of them stands before it)."""
    if end >= len(text) or text[end] not in CLOSING_QUOTES:
        return False
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if text[end] == '"':
        return line.count('"') % 2 == 1
    opened = max(line.rfind(q) for q in OPENING_QUOTES if q != '"')
    return opened > max(line.rfind(q) for q in CLOSING_QUOTES if q != '"')


def _item(text: str, pos: int, g: Grammar) -> tuple[str, int] | None:
    """The counted noun after `pos` and where its phrase ends, or None if there is none."""
    if g.lang in HEAD_FIRST and (compound := _head_first_compound(text, pos, g)):
        return compound
    words = _item_words(text, pos, g)
    if not words:
        return None
    if g.lang in HEAD_FIRST:
        while len(words) > 1 and words[0][0].lower() in g.adjectives:
            words = words[1:]
        compound = g.compounds.match(text[words[0][1] : words[-1][2]])
        if compound:
            return compound.group(), words[0][1] + compound.end()
        words = words[:1]
    elif g.lang == "ru":
        words = _russian_noun(words)
    else:
        words = _english_noun(words)
    return _head(text, words, g) if words else None


def _item_words(text: str, pos: int, g: Grammar) -> list[tuple[str, int, int]]:
    """The words that may name the counted thing: up to a stop word, a month or (in Russian)
    the first word that is not an adjective."""
    words: list[tuple[str, int, int]] = []
    cursor = pos
    while len(words) < MAX_ITEM_WORDS and (m := WORD.match(text, cursor)):
        word = m.group(1).rstrip("-'’")
        if not words and "-" in text[m.start() : m.start(1)]:
            return []  # `23 -коммунального сектора`: a dash after the number, not its noun
        if word.lower() in g.prefix_words:
            if not m.group(1).endswith("-"):
                return []  # `17 гидро, 16 ветровых...`: the noun comes at the list's end
            cursor = m.end(1)  # `пять био- электростанций`: the compound's first half
            continue
        if g.lang == "ru" and word in ADJECTIVE_JOINS and words and _modifier(words[-1][0]):
            cursor = m.end(1)
            continue
        quoted = text[m.start(1) - 1] in OPENING_QUOTES
        if word.lower() in g.stopwords or g.months.fullmatch(" " + word) or (
                quoted and not (g.lang == "ru" and RUSSIAN_ADJECTIVE.match(word.lower()))):
            break
        words.append((word, m.start(1), m.start(1) + len(word)))
        cursor = m.start(1) + len(word)
        if g.lang == "ru" and not _modifier(word):
            break
    return words


def _modifier(word: str) -> bool:
    """A Russian adjective or adverb: the phrase's noun comes after it."""
    return bool(RUSSIAN_ADJECTIVE.match(word.lower()) or RUSSIAN_ADVERB.match(word.lower()))


def _russian_noun(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The phrase up to its noun; none when it ends in an adjective or a verb."""
    while len(words) > 1 and _modifier(words[-1][0]):
        words = words[:-1]
    last = words[-1][0].lower()
    return [] if _modifier(last) or RUSSIAN_VERB.match(last) else words


def _english_noun(words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The phrase up to its plural noun, without a participle or verb that follows it."""
    while len(words) > 1 and ENGLISH_VERB_ONLY.match(words[-1][0].lower()):
        words = words[:-1]  # `120 landfills covering ...`: the participle starts a new phrase
    plural = [i for i, (w, _, _) in enumerate(words) if _english_plural(w)]
    if plural and plural[-1] < len(words) - 1:
        words = words[: plural[-1] + 1]  # `20 plants comply`: the verb after the plural noun
    if len(words) == 1 and ENGLISH_VERB_ONLY.match(words[0][0].lower()):
        return []
    return words


def _head(text: str, words: list[tuple[str, int, int]], g: Grammar) -> tuple[str, int] | None:
    """The item a phrase names: a known compound in it, else its last word, unless that is
    a word such as `more` or a name."""
    head = words[-1][0]
    # `5 SES-in`: in kk and az a case ending after a hyphen leaves an acronym one
    written = head.split("-")[0] if g.lang in HEAD_FIRST else head
    acronym = written.isupper() or len(head) > 2 and head[:-1].isupper() and head[-1] == "s"
    if head.lower() in NOT_A_HEAD or (head[:1].isupper() and not acronym):  # `25 HPPs` counts
        return None
    if len(head) < 2 or g.units.get(head) is not None or EXPONENT.match(text, words[-1][2]):
        return None  # `42 L`, `420 million Finnish markka`, `17 USD 25`: a letter or a unit
    phrase = text[words[0][1] : words[-1][2]]
    compound = g.compounds.search(phrase) if g.lang not in HEAD_FIRST else None
    return (compound.group() if compound else head), words[-1][2]


def _head_first_compound(text: str, pos: int, g: Grammar) -> tuple[str, int] | None:
    """A Kazakh or Azerbaijani compound noun (`күн электр станциясы`) after any adjectives,
    looked up before stop words cut the phrase (`күн` is also "day")."""
    cursor = pos
    while (m := WORD.match(text, cursor)) and m.group(1).lower() in g.adjectives:
        cursor = m.end(1)
    gap = re.match(r"[ \u00a0]+", text[cursor:])
    if not gap:
        return None
    start = cursor + gap.end()
    compound = g.compounds.match(text[start : start + 80])
    return (compound.group(), start + compound.end()) if compound else None


def _english_plural(word: str) -> bool:
    w = word.lower()
    regular = w.endswith("s") and not w.endswith(("ss", "us", "is"))
    return w in ENGLISH_IRREGULAR_PLURALS or regular


def _rate(
    text: str, m: re.Match[str], code: str, g: Grammar, end: int | None = None
) -> tuple[str, int, float]:
    """Turn t/m3 into t/year, m3/day... from a period after it (or after `end`, where the
    unit stands outside the match) or an adverb before it; with the factor a period shorter
    than a day takes to a daily rate (`saniyədə 59 kubmetr`: 59 × 86 400 m3/day)."""
    end = m.end("unit") if end is None else end
    if m.group("period"):
        rate = _period_rate(code, g.periods[m.group("period")])
        if rate:
            return rate[0], m.end("period"), rate[1]
    for period, after in g.rate_after.items():
        if after.match(text, end) and (rate := _period_rate(code, period)):
            return rate[0], end, rate[1]
    before = text[max(0, m.start() - 60) : m.start()]
    for period, adverb in g.rate_before.items():
        hit = adverb.search(before)
        if hit and (rate := _period_rate(code, period)) and not _after_a_date(
                before[: hit.start()]):
            return rate[0], end, rate[1]
    return code, end, 1.0


def _period_rate(code: str, period: str) -> tuple[str, float] | None:
    """The rate code of an amount per `period`, and the factor to it (`second` → per day)."""
    per_day = PER_DAY.get(period)
    rate = units.rate_code(code, "day" if per_day else period)
    return (rate, per_day or 1.0) if rate else None


def _after_a_date(text: str) -> bool:
    """`2025-ci ildə` is "in 2025", not "per year": the word before has digits."""
    words = text.split()
    return bool(words) and any(ch.isdigit() for ch in words[-1])


@dataclass(slots=True)
class _Draft:
    """A match as it is read: its span, its numbers and, once read, its unit. Each step
    of `_read` fills in what it learns (one draft per match, never shared)."""

    start: int
    end: int
    value: float
    high: float | None
    scale: float
    code: str | None = None
    factor: float = 1.0
    item: str | None = None


@dataclass
class _Scan:
    """What one pass over a text's matches collects: the mentions, each one's unit factor,
    and the bare numbers a later quantity may claim (`10 ветряных, шесть солнечных и две
    гидроэлектростанции`, `68 out of 91 enterprises`)."""

    found: list[Mention] = field(default_factory=list)
    factors: dict[int, float] = field(default_factory=dict)
    lists: list[tuple[int, int, float, float | None]] = field(default_factory=list)
    out_of: list[tuple[int, int, float]] = field(default_factory=list)
    parts: list[tuple[int, int, float]] = field(default_factory=list)


def extract(text: str, lang: str) -> list[Mention]:
    """Every quantity mention in `text`, normalized to GUIDE.md's canonical units."""
    g = grammar(lang if lang in lexicon.LANGS else "en")
    scan = _Scan()
    masks = _masks(text)
    for m in g.pattern.finditer(text):
        if not (masks and _masked(masks, _match_start(m), m.end())):
            _read(text, m, g, scan)
    found = sorted(scan.found + _multiplier_words(text, g, masks), key=lambda f: f.start)
    found = _resolve_lists(found, scan.lists, scan.factors, text, g)
    if "·" in text or "•" in text or "|" in text:
        clouds = [c.span() for c in TAG_CLOUD.finditer(text)]
        found = [f for f in found if not _masked(clouds, f.start, f.end)]
    found = _resolve_parts(_resolve_out_of(found, scan.out_of, text, g), scan.parts, text)
    return _shared_rates(found, text, g)


def _match_start(m: re.Match[str]) -> int:
    return m.start("cur" if m.group("cur") else "sign" if m.group("sign") else "num")


def _read(text: str, m: re.Match[str], g: Grammar, scan: _Scan) -> None:
    """Add the match to `scan` as a mention, as a bare number a later one may claim, or not
    at all (GUIDE.md's exclusions)."""
    d = _numbers(text, m, g)
    d = _unit(text, m, g, d) if d else None
    if d is None or _is_date(text, m, g) or (m.group("art") and _after_amount(text, d.start, g)):
        return
    if _is_calendar_year(m.group("num"), d.value) and (
        d.code == "year" or g.year_words.match(text, m.end("num"))
    ):
        return  # `2019 года`, `2019 г.` (not 2019 grams)
    if d.value == 1 and d.high is None and g.per_unit.search(text, max(0, d.start - 20), d.start):
        return  # `за 1 кВт·ч`: the denominator of a price or rate
    if d.code is None and "/" in m.group("num"):
        return  # a fraction without a unit is no count (`24/7`, `1/3 of`)
    if d.code is None:
        d = _counted(text, m, g, d, scan)
        if d is None:
            return
    scan.factors[d.start] = d.factor
    high = _round(d.high * d.scale * d.factor) if d.high is not None else None
    value = _round(d.value * d.scale * d.factor)
    kind = units.kind_of(d.code)
    surface = text[d.start : d.end]
    scan.found.append(Mention(d.start, d.end, surface, value, high, d.code, kind, d.item))


def _numbers(text: str, m: re.Match[str], g: Grammar) -> _Draft | None:
    """The match's value, range and scale, and where its number ends."""
    start = _match_start(m)
    scaled = bool(m.group("scale"))
    try:
        value = _value(m.group("num"), g, scaled)
        high = _value(m.group("num2"), g, scaled) if m.group("num2") else None
    except numbers.NumberError:
        return None
    if m.group("sign") in ("-", "−"):
        if _is_list_dash(text, start):
            start = m.start("num")
        else:
            value = -value
    elif m.group("sign") and m.group("sign") != "+":
        value = -value  # `minus five percent`
    if high is not None and high < value:  # `10-5%`, `от 10 до 5`: a range is low to high
        value, high = high, value
    scale = g.scales[m.group("scale")] if scaled else 1.0
    if m.group("half"):
        value += 0.5
    end = m.end("scale") if scaled else m.end("num2") if high is not None else m.end("num")
    if m.group("sub"):
        value, scale = _compound(value, scale, m, g)
        end = max(m.end("sub"), m.end("subscale"), m.end("sub2"))
    return _Draft(start, end, value, high, scale)


def _after_amount(text: str, start: int, g: Grammar) -> bool:
    """`$3.50 a gallon`, `40 dollars a kilogram`: an article right after an amount (digits, a
    number, scale or unit word) means per, not one."""
    before = text[max(0, start - 30) : start].split()
    prev = before[-1].rstrip(".,") if before else ""
    return (any(ch.isdigit() for ch in prev) or g.units.get(prev) is not None
            or g.scales.get(prev) is not None or numbers.word_value(prev, g.lang) is not None)


def _is_list_dash(text: str, start: int) -> bool:
    """A dash after a year or glued to what comes before: a list's dash, not a minus."""
    return bool(YEAR_DASH.search(text, max(0, start - 20), start)) or (
        start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([«\"'")


def _unit(text: str, m: re.Match[str], g: Grammar, d: _Draft) -> _Draft | None:
    """The draft with its canonical unit and factor (still None for a bare number), or None
    for a unit outside GUIDE.md's kinds."""
    cur = m.group("cur")
    if cur:
        code = g.prefixes[cur]
        if code == OUTSIDE:
            return None
        d.code = code
    if m.group("unit") and not _closes_quote(text, m):
        alias = g.units[m.group("unit")]
        if alias.code == OUTSIDE or _divided(text, m, alias.code, g):
            return None
        end = m.end("unit") + (1 if m.group("bra") else 0)  # `20 (kg)`: with its bracket
        d.code, d.factor, d.end = alias.code, alias.factor, end
        _unit_word(text, m, g, d)
    if d.code in ("t", "m3"):
        code, end, per = _rate(text, m, d.code, g, d.end)
        d.code, d.end, d.factor = code, end, d.factor * per
    elif d.code in CURRENCIES and not m.group("scale"):
        if scale := g.scale_after.match(text, d.end):  # `75 USD million`
            d.scale, d.end = g.scales[scale.group(1)], scale.end()
        elif coins := g.coins.match(text, d.end):
            d.value, d.end = d.value + _coins(coins.group("coin"), g), coins.end()
    return d


def _divided(text: str, m: re.Match[str], code: str, g: Grammar) -> bool:
    """`20 J/m^2`, `50 km/ms`, `50 meters per millisecond`, `3 kg per hectare`: a unit over
    another unit (not a period GUIDE has) is a kind GUIDE leaves out; a price per unit
    (`20 тенге/кВт·ч`) stays money, an amount over a duration GUIDE has keeps its unit
    (`300 тонн за сутки`)."""
    if m.group("period") or code in CURRENCIES:
        return False
    if DIVIDED.match(text, m.end("unit")):
        return True
    per = g.per_after.match(text, m.end("unit"))
    over = _unit_after(text, per.end(), g) if per else None
    return over is not None and (
        over[0].code == OUTSIDE or units.kind_of(over[0].code) != "duration")


def _closes_quote(text: str, m: re.Match[str]) -> bool:
    """`"Top 5"`: a `"` after the number closes a quote opened before it on its line."""
    if m.group("unit") != QUOTE:
        return False
    line = text.rfind("\n", 0, m.start("unit")) + 1
    return text.count(QUOTE, line, m.start("unit")) % 2 == 1


def _unit_word(text: str, m: re.Match[str], g: Grammar, d: _Draft) -> None:
    """What the words after a unit change: `5 сағат жарым` adds a half; `2 күн электр
    станциясы` counts solar plants, not days; `12 тыс. шт` counts pieces."""
    if g.half_after and not m.group("half") and (half := g.half_after.match(text, d.end)):
        d.value, d.end = d.value + 0.5, half.end()
    if g.lang in HEAD_FIRST and units.kind_of(d.code) == "duration":
        compound = _head_first_compound(text, m.end("num"), g)
        if compound and compound[1] > d.end:
            d.code, d.factor, d.end, d.item = "count", 1.0, compound[1], compound[0]
    elif d.code == "count":
        d.item = m.group("unit")


def _counted(text: str, m: re.Match[str], g: Grammar, d: _Draft, scan: _Scan) -> _Draft | None:
    """A bare number is a count when a counted noun follows it; else it waits in `scan` for
    a later quantity to lend it a unit or noun (a list, `68 out of 91`)."""
    if NAME_BEFORE.search(text, max(0, d.start - 30), d.start) or _quoted(text, d.start, d.end):
        return None
    if g.lang in HEAD_FIRST and not m.group("num")[:1].isdigit() and g.per_unit.search(
            text, max(0, d.start - 20), d.start):
        return None  # `hər iki ölkədə`: each of two is both, no count
    if numbers.is_one(m.group("num"), g.lang):
        return None
    if _is_part(text, m, d, g):
        scan.parts.append((d.start, d.end, d.value))
        return None
    qualified = g.postposition.match(text, d.end) if g.postposition else None
    ending = g.case_ending.match(text, d.end) if g.case_ending else None
    pos = ending.end() if ending else d.end
    if qualified is None and _is_not_a_quantity(text, m, pos, d.value, g):
        return None
    after = _unit_after(text, qualified.end(), g) if qualified else None
    if after is not None:
        return _with_unit(text, m, g, d, *after)
    found_item = _item(text, qualified.end() if qualified else pos, g)
    if found_item is None:
        if not m.group("scale") and d.high is None and g.out_of.match(text, d.end):
            scan.out_of.append((d.start, d.end, d.value))
        else:
            high = None if d.high is None else d.high * d.scale
            scan.lists.append((d.start, d.end, d.value * d.scale, high))
        return None
    item, end = found_item
    if qualified:
        end = d.end  # `200-ден астам кәсіпорын`: the core is the number
    d.code, d.item, d.end = "count", item, end
    return d


def _is_part(text: str, m: re.Match[str], d: _Draft, g: Grammar) -> bool:
    """`49 ыдыс қойылған, оның 30-ы Петропавлда`: a plain number with a possessive ending
    after `оның` (of it, of them) is a part of the count before it."""
    if g.part_of is None or m.group("scale") or d.high is not None:
        return False
    return bool(PART_ENDING.match(text, d.end)
                and g.part_of.search(text, max(0, d.start - 30), d.start))


def _unit_after(text: str, at: int, g: Grammar) -> tuple[units.Alias, int] | None:
    """The unit (of one or two words) at `at`, and where it ends; none where a compound
    noun starts there (`20-dən çox günəş stansiyası`: solar plants, not days)."""
    words = UNIT_WORDS.match(text, at)
    if words is None or _head_first_compound(text, at, g):
        return None
    for end in (words.end("two"), words.end("one")):
        alias = g.units.get(text[words.start("one") : end].rstrip(".")) if end > 0 else None
        if alias is not None:
            return alias, end
    return None


def _with_unit(
    text: str, m: re.Match[str], g: Grammar, d: _Draft, alias: units.Alias, end: int
) -> _Draft | None:
    """`3 мыңнан астам гектар`, `40 мыңға жуық тонна`: the unit after the qualifier that a
    Turkic amount puts between its number and unit. The core stays the number (the
    qualifier after it is read as for a count)."""
    if alias.code == OUTSIDE:
        return None
    code, per = alias.code, 1.0
    if alias.code in ("t", "m3"):
        code, _, per = _rate(text, m, alias.code, g, end)
    d.code, d.factor = code, alias.factor * per
    return d


def _multiplier_words(text: str, g: Grammar, masks: list[tuple[int, int]]) -> list[Mention]:
    """`rose sevenfold`, `выросли вдвое`: a multiple written as one word."""
    folded = lexicon.fold(text)  # the document's, folded once for every matcher
    if not any(word in folded for word in g.multiplier_hint):
        return []
    hits = list(g.multipliers.finditer(text)) + [
        (a, b, value) for a, b, value in g.comparisons.finditer(text)
        if g.comparison_after.match(text, b)  # `twice as high`, not `twice a year`
    ]
    return [Mention(a, b, text[a:b], value, None, "x", "multiplier", None)
            for a, b, value in sorted(hits) if not (masks and _masked(masks, a, b))]


def _resolve_lists(
    found: list[Mention], pending: list[tuple[int, int, float, float | None]],
    factors: dict[int, float], text: str, g: Grammar,
) -> list[Mention]:
    """`10 ветряных, шесть солнечных и две гидроэлектростанции`, `100,2 миллиона и 60,7
    миллиона тенге`: a bare number joined to the next quantity shares its unit or noun
    (right to left, so a list of several shares its last member's)."""
    if not pending:
        return found
    by_start = {m.start: m for m in found}
    starts = sorted(by_start)
    for start, end, value, high in reversed(pending):
        i = bisect.bisect_left(starts, end)
        if i == len(starts) or starts[i] - end > 60 or not g.list_join.match(text[end : starts[i]]):
            continue
        nxt = by_start[starts[i]]
        gap = text[end : starts[i]]
        direct = g.list_direct.match(gap)  # no word before the join
        if nxt.unit == "count" and direct and gap.lstrip().startswith(","):
            continue  # `was 45, and 30 companies`: a count's list needs its adjectives
        if nxt.unit != "count" and not direct:
            continue  # `a 5 mW laser and a 5 MW turbine`: a shared unit follows at once
        f = factors.get(nxt.start, 1.0)
        by_start[start] = Mention(start, end, text[start:end], _round(value * f),
                                  _round(high * f) if high else None, nxt.unit, nxt.kind, nxt.item)
        factors[start] = f
        bisect.insort(starts, start)
    return sorted(by_start.values(), key=lambda m: m.start)


def _resolve_out_of(
    found: list[Mention], pending: list[tuple[int, int, float]], text: str, g: Grammar
) -> list[Mention]:
    """`68 out of 91 enterprises`: the bare 68 counts the same items as 91."""
    if not pending:
        return found
    by_start = {m.start: m for m in found}
    extra = []
    for start, end, value in pending:
        tail = g.out_of.match(text, end)
        nxt = by_start.get(tail.end()) if tail else None
        if nxt and nxt.unit == "count":
            surface = text[start:end]
            extra.append(Mention(start, end, surface, value, None, "count", "count", nxt.item))
    return sorted(found + extra, key=lambda m: m.start)


def _resolve_parts(found: list[Mention], parts: list[tuple[int, int, float]],
                   text: str) -> list[Mention]:
    """Each part counts the items of the nearest count before it in its sentence."""
    extra = []
    for start, end, value in parts:
        whole = [m for m in found if m.end <= start and m.unit == "count"
                 and not SENTENCE_END.search(text, m.end, start)]
        if whole:
            extra.append(Mention(start, end, text[start:end], value, None, "count", "count",
                                 whole[-1].item))
    return sorted(found + extra, key=lambda m: m.start)


def _shared_rates(found: list[Mention], text: str, g: Grammar) -> list[Mention]:
    """`from 50,400 tons to 6,700 tons per year`: a period after the last of coordinated
    amounts makes each of them a rate (right to left, so a list shares its last one's).
    Members joined by a comma share only a period that stands after the list (`87 тыс. тонн
    пластика, 288 тыс. тонн стекла ... в год`), not one inside the last amount (`5 tons of
    glass, 300 tons per year of waste`)."""
    out = list(found)
    tail = False  # whether the next amount's period stands after its span
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        _, _, period = nxt.unit.partition("/")
        rate = units.rate_code(m.unit, period) if period and m.unit in ("t", "m3") else None
        after = g.rate_after.get(period)  # none for a unit per unit (`mg/m3`)
        tail = tail or bool(after and after.match(text, nxt.end))
        gap = text[m.end : nxt.start]
        if rate and nxt.start - m.end <= 40 and (
                g.rate_join.match(gap) or tail and g.comma_join.match(gap)):
            out[i] = dataclasses.replace(m, unit=rate, kind=units.kind_of(rate))
        else:
            tail = False
    return out


def _round(x: float | None) -> float | None:
    return None if x is None else float(f"{x:.12g}")
