"""Which extractor read a document: a hash of the code and data that make claims.

A warehouse loaded by another version holds claims this one would not make
(a new entity, a better cue); `transforms.changes` counts such a document as
changed, so the next run extracts it again and no stale rows remain.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

ROOT = Path(__file__).parent


@cache
def extractor_version() -> str:
    """16 hex digits of SHA-256 over transforms/*.py and the lexicons (data/*.txt, *.tsv;
    not their README), by name; computed once per process."""
    digest = hashlib.sha256()
    data = [*(ROOT / "data").glob("*.txt"), *(ROOT / "data").glob("*.tsv")]
    for path in sorted([*ROOT.glob("*.py"), *data]):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
