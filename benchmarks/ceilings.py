"""Where extraction's time goes, step by step, beside the ceilings issue 7 names
(reading Parquet, one bare regex in Polars, DuckDB and stdlib `re`).

    uv run python benchmarks/ceilings.py --mb 50                 # appends to RESULTS.md
    uv run python benchmarks/ceilings.py --mb 0.05 --no-append   # the smoke run CI does

Every step runs on the same articles, already in memory, in this one process; the
best of three passes counts. Polars and DuckDB use every core, the Python steps
one (two worker processes at best double them on 2 cores). Each language's mention
grammar is also handed to Polars' regex engine, as it is and ported, to show what
the fast engine could do with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl
from generate_corpus import generate
from run import ROOT, machine

from flows.reading import read
from transforms import context, lexicon, mentions, sentences
from transforms.claims import extract_claims

BARE_NUMBER = r"\d+(?:[.,]\d+)*"  # the "full quantity regex" of the ceilings, at its simplest
REPEAT = 3  # best of three: another tenant of a shared machine can slow one pass by half


def timed(step: Callable[[], int]) -> tuple[float, int]:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        found = step()
        best = min(best, time.perf_counter() - start)
    return best, found


def polars_refuses(pattern: str, texts: pl.DataFrame) -> str | None:
    """Why Polars' regex engine refuses the pattern, or None if it runs it."""
    try:
        texts.head(1).select(pl.col("text").str.extract_all(pattern))
    except pl.exceptions.ComputeError as error:
        lines = [line.strip() for line in str(error).splitlines()]
        errors = (line.removeprefix("error: ") for line in lines if line.startswith("error:"))
        return next(errors, lines[0])
    return None


# the four languages' letters: Rust's lazy DFA gives up on a Unicode class such as
# `[^\W\d_]` repeated inside the unit alternation, and scans Cyrillic at ~2 MB/s
ALPHABET = "a-zA-Zа-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІəöüığçşƏÖÜİĞÇŞ"


def rust_port(pattern: str) -> str:
    """The grammar as Rust's regex engine takes it: letters spelled out, look-arounds
    dropped, the conditional a plain group. Not the same grammar (it matches more),
    but a measure of what scanning with the fast engine could cost."""
    return without_lookaround(pattern).replace(r"[^\W\d_]", f"[{ALPHABET}]")


def without_lookaround(pattern: str) -> str:
    """Look-aheads, look-behinds and `\\b` dropped; `(?(name)yes|no)` made `(?:yes|no)`."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append("" if pattern[i + 1] == "b" else pattern[i : i + 2])  # `\b` looks around too
            i += 2
            continue
        opening = re.match(r"\(\?(?:<?[=!]|\((\w+)\))", pattern[i:])
        if not opening:
            out.append("(?<" if pattern.startswith("(?P<", i) else pattern[i])
            i += 4 if pattern.startswith("(?P<", i) else 1
            continue
        close = _closing(pattern, i)
        if opening.group(1):  # `(?(name)yes|no)`: either branch
            out.append("(?:" + without_lookaround(pattern[i + opening.end() : close]) + ")")
        i = close + 1
    return "".join(out)


def _closing(pattern: str, i: int) -> int:
    """Where the group opened at `i` closes, past escapes and character classes."""
    depth = 0
    while True:
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 1
            while pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1


Step = tuple[str, str, float, int]  # what, engine, best seconds, how many it found


def measure(parquet: Path) -> tuple[list[Step], float, pl.DataFrame]:
    """The steps over the whole corpus, its MB of text, and its articles described."""
    seconds, frame = timed(lambda: pl.read_parquet(parquet))
    steps = [("read the Parquet corpus", "Polars, all cores", seconds, frame.height)]
    texts = frame["text"].to_list()
    con = duckdb.connect()
    con.register("corpus", frame.to_arrow())
    bare = re.compile(BARE_NUMBER)
    in_duckdb = f"SELECT sum(len(regexp_extract_all(text, '{BARE_NUMBER}'))) FROM corpus"
    steps += [
        ("bare number regex", "Polars, all cores",
         *timed(lambda: _count_in_polars(frame, BARE_NUMBER))),
        ("bare number regex", "DuckDB, all cores",
         *timed(lambda: con.execute(in_duckdb).fetchone()[0])),
        ("bare number regex", "stdlib re, one core",
         *timed(lambda: sum(1 for t in texts for _ in bare.finditer(t)))),
    ]
    documents = read([str(parquet)]).filter(pl.col("status") == "loaded")
    rows = [(lang, text, published) for lang, text, published
            in documents.select("lang", "text", "published").iter_rows() if lang in lexicon.LANGS]
    for lang in lexicon.LANGS:  # compile outside the clock, as a warm worker has
        mentions.grammar(lang), context.cues(lang)
    spans = [sentences.split(text) for _, text, _ in rows]
    found = [mentions.extract(text, lang) for lang, text, _ in rows]
    steps += [
        ("mention grammar, scan only", "stdlib re, one core",
         *timed(lambda: sum(1 for lang, t, _ in rows
                            for _ in mentions.grammar(lang).pattern.finditer(t)))),
        ("sentence split", "Python, one core",
         *timed(lambda: sum(len(sentences.split(t)) for _, t, _ in rows))),
        ("mentions: scan, checks, normalization", "Python, one core",
         *timed(lambda: sum(len(mentions.extract(t, lang)) for lang, t, _ in rows))),
        ("context of those mentions", "Python, one core",
         *timed(lambda: sum(len(context.annotate(t, lang, s, f, published))
                            for (lang, t, published), s, f
                            in zip(rows, spans, found, strict=True)))),
        ("the whole extraction (extract_claims)", "Python, one core",
         *timed(lambda: extract_claims(documents).height)),
    ]
    return steps, frame["text"].str.len_bytes().sum() / 1e6, documents


def grammar_scans(documents: pl.DataFrame) -> str:
    """Each language's mention grammar over its own articles: in stdlib `re` as it is,
    and in Polars' engine, which refuses it as it is, ported (see rust_port)."""
    header = ("| articles | MB | stdlib re, one core: MB/s | Polars: as it is "
              "| Polars, ported: MB/s |")
    lines = [header, "|---|---|---|---|---|"]
    for lang in lexicon.LANGS:
        frame = documents.filter(pl.col("lang") == lang).select("text")
        if frame.is_empty():
            continue
        mb = frame["text"].str.len_bytes().sum() / 1e6
        pattern = mentions.grammar(lang).pattern
        why = polars_refuses(pattern.pattern, frame)
        verdict = "runs" if why is None else "refused: " + why
        lines.append(f"| {lang} | {mb:.1f} | {mb / _scan(frame, pattern):.1f} | {verdict} "
                     f"| {mb / _scan_ported(frame, pattern):.1f} |")
    return "\n".join(lines)


def _scan(frame: pl.DataFrame, pattern: re.Pattern[str]) -> float:
    texts = frame["text"].to_list()
    return timed(lambda: sum(1 for t in texts for _ in pattern.finditer(t)))[0]


def _scan_ported(frame: pl.DataFrame, pattern: re.Pattern[str]) -> float:
    ported = rust_port(pattern.pattern)
    return timed(lambda: _count_in_polars(frame, ported))[0]


def _count_in_polars(frame: pl.DataFrame, pattern: str) -> int:
    """Matches of `pattern` in the texts, found by Polars' engine on all cores."""
    return frame.select(pl.col("text").str.extract_all(pattern).list.len().sum()).item()


def table(steps: list[Step], mb: float) -> str:
    lines = ["| step | engine | s | MB/s | found |", "|---|---|---|---|---|"]
    lines += [f"| {step} | {engine} | {seconds:.3f} | {mb / seconds:.1f} | {found} |"
              for step, engine, seconds, found in steps]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB (default 50)")
    parser.add_argument("--no-append", action="store_true",
                        help="print only; do not append to RESULTS.md")
    args = parser.parse_args()
    if args.mb <= 0:
        parser.error("--mb must be positive")
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.mb, Path(tmp), folder=False)
        steps, mb, documents = measure(Path(tmp) / "corpus.parquet")
        scans = grammar_scans(documents)
    heading = f"{dt.date.today()} — where extraction's time goes ({mb:.1f} MB) — {machine()}"
    report = (f"## {heading}\n\n{table(steps, mb)}\n\n"
              f"The mention grammar, language by language:\n\n{scans}\n")
    print(report)
    if not args.no_append:
        with open(ROOT / "benchmarks" / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write("\n" + report)
        print("appended to benchmarks/RESULTS.md")


if __name__ == "__main__":
    main()
