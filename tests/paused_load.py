"""A run that stops inside its load's open transaction, for tests that kill a run
mid-load: run as a child process, it touches MARKER once the load's statements have
run and waits there (two minutes) for the test to kill it.

    python tests/paused_load.py SOURCE WAREHOUSE MARKER [--full-refresh]
"""

import contextlib
import sys
import time
from pathlib import Path

from flows.options import RunOptions
from flows.pipeline import run
from warehouse.store import Warehouse


class PausedInLoad(Warehouse):
    """A warehouse whose load waits before it commits."""

    def __init__(self, root: str, marker: str) -> None:
        super().__init__(root)
        self.marker, self.loading = Path(marker), False

    def load(self, *args, **kwargs) -> None:
        self.loading = True
        super().load(*args, **kwargs)

    @contextlib.contextmanager
    def transaction(self, what: str):
        with super().transaction(what) as con:
            yield con
            if self.loading:
                self.marker.touch()
                time.sleep(120)


if __name__ == "__main__":
    source, warehouse, marker = sys.argv[1:4]
    options = RunOptions((source,), warehouse, full_refresh="--full-refresh" in sys.argv)
    run(options, store=PausedInLoad(warehouse, marker))
