"""Where the tests find the project's samples and the shared seeds and gold."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds_gold.jsonl"
SAMPLES = ROOT / "samples"


def need_shared() -> None:
    if not GOLD.exists():
        pytest.skip("../shared/eval is not beside this checkout")
