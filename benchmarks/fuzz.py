"""The long fuzz run, for before a release: generated texts (tests/fuzzing.py: the
project's lexicons and random Unicode), each extracted in all four languages and
decoded from bytes, counting what raised and what broke an invariant of the claims.

    uv run python benchmarks/fuzz.py --inputs 100000            # the release run
    uv run python benchmarks/fuzz.py --inputs 500 --seed 1      # a smoke run

Prints the inputs, the extractions, exceptions, invariant violations and the time;
each failing input goes to --failures (JSON lines: the text, the language, what went
wrong and where) to be kept as a test in tests/transforms/test_fuzz_found.py. Exits
1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the generators live with the fuzz tests

from fuzzing import extraction_problems, texts
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from transforms.documents import decode
from transforms.failures import failure
from transforms.lexicon import LANGS

ENCODINGS = ("utf-8", "utf-16", "cp1251", "koi8-r")


class Tally:
    """What the run saw: inputs, calls, and each failure (written out as it comes)."""

    def __init__(self, out: Path) -> None:
        self.inputs = self.extractions = self.decodings = 0
        self.exceptions: Counter[str] = Counter()
        self.violations: Counter[str] = Counter()
        self.out = out.open("w", encoding="utf-8")

    def record(self, kind: str, what: str, row: dict) -> None:
        (self.exceptions if kind == "exception" else self.violations)[what] += 1
        self.out.write(json.dumps({"kind": kind, "what": what, **row}, ensure_ascii=False) + "\n")
        self.out.flush()

    def check(self, text: str, encoding: str) -> None:
        self.inputs += 1
        for lang in LANGS:
            self.extractions += 1
            try:
                problems = extraction_problems(text, lang)
            except Exception as error:  # noqa: BLE001 - counted, and the run goes on
                found = failure("extract", error)
                self.record("exception", f"{found.error_type} at {found.location}",
                            {"text": text, "lang": lang, "message": found.message})
                continue
            for problem in problems:
                self.record("violation", problem.split(":", 1)[0],
                            {"text": text, "lang": lang, "message": problem})
        self.decodings += 1
        try:
            decode(text.encode(encoding, errors="replace"), "fuzz.txt")
        except Exception as error:  # noqa: BLE001 - counted, and the run goes on
            found = failure("decode", error)
            self.record("exception", f"{found.error_type} at {found.location}",
                        {"text": text, "encoding": encoding, "message": found.message})


def fuzz(inputs: int, random_seed: int, out: Path) -> Tally:
    tally = Tally(out)
    started = time.perf_counter()

    @seed(random_seed)
    @settings(max_examples=inputs, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(texts(), st.sampled_from(ENCODINGS))
    def one(text: str, encoding: str) -> None:
        tally.check(text, encoding)
        if tally.inputs % 10_000 == 0:
            print(f"  {tally.inputs} inputs, {sum(tally.exceptions.values())} exceptions, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    one()
    tally.out.close()
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="generated texts to try")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis's random seed")
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"),
                        help="where failing inputs are written (JSON lines)")
    args = parser.parse_args()
    started = time.perf_counter()
    tally = fuzz(args.inputs, args.seed, args.failures)
    seconds = time.perf_counter() - started
    exceptions, violations = sum(tally.exceptions.values()), sum(tally.violations.values())
    print(f"inputs {tally.inputs}  extractions {tally.extractions} (4 languages each)  "
          f"decodings {tally.decodings}")
    print(f"exceptions {exceptions}  invariant violations {violations}  "
          f"time {seconds:.0f} s ({1000 * seconds / max(tally.inputs, 1):.2f} ms per input)")
    for what, n in (tally.exceptions + tally.violations).most_common():
        print(f"  {n:>6}  {what}")
    if exceptions or violations:
        print(f"failing inputs: {args.failures}")
    return 1 if exceptions or violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
