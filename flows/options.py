"""What a run reads and where it writes it: the flow's options, with their defaults
in one place (the command line shows them, a deployment fills them in)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass(frozen=True)
class RunOptions:
    """One run's options. A source is a folder, a file, a Parquet or JSON-lines corpus,
    a URL, a `.urls` file or a `feed:` URL; by default, the sample corpus."""

    sources: tuple[str, ...] = (str(SAMPLES),)
    warehouse: str = "warehouse-data"
    batch_size: int = 1000  # documents read, extracted, checked and staged together
    lock_timeout: float = 600.0  # seconds to wait for another run writing the warehouse
    full_refresh: bool = False  # forget what the warehouse holds first
    csv: bool = False  # also publish each dataset as CSV
    text_column: str = "text"  # the column of a corpus that holds the article text


DEFAULTS = RunOptions()
