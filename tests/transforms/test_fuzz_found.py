"""Inputs the fuzzer (tests/transforms/test_fuzz_extraction.py, benchmarks/fuzz.py)
found to break decoding or extraction, kept as regular tests once fixed."""

import pytest
from fuzzing import extraction_problems

from transforms.documents import decode
from transforms.lexicon import LANGS
from transforms.mentions import extract


def test_a_byte_cp1251_leaves_undefined_becomes_one_replacement_character():
    # cp1251 leaves 0x98 undefined: reading a line in it raised UnicodeDecodeError
    decoded = decode("Выбросы сократились на 15%".encode("cp1251") + b"\x98\n", "a.txt")
    assert (decoded.status, decoded.encoding, decoded.text) == (
        "loaded", "cp1251", "Выбросы сократились на 15%\ufffd\n")
    alone = decode(b"\x98", "a.txt")
    assert (alone.status, alone.encoding, alone.text) == ("loaded", "utf-8", "\ufffd")


@pytest.mark.parametrize(("lang", "text", "surface"), [
    ("ru", "$ 1-0 ", "$ 1-0"),
    ("en", "Losses were 10-5% lower.", "10-5%"),
    ("ru", "Выбросы сократятся от 10 до 5 тонн.", "10 до 5 тонн"),
])
def test_a_range_written_high_to_low_runs_from_its_low_end_to_its_high_end(lang, text, surface):
    # value_high came out below value, and the checks quarantined the claim
    (mention,) = extract(text, lang)
    assert mention.surface == surface
    assert mention.value < mention.value_high


@pytest.mark.parametrize("text", ["$ 1-0 "])
def test_found_texts_keep_every_invariant_in_every_language(text):
    for lang in LANGS:
        assert extraction_problems(text, lang) == [], lang
