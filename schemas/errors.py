"""The one error a user sees: which path (a file, folder, URL, gold file or warehouse)
and what is wrong with it, in words that say what to do.

The command line prints it as one line, with exit code 2. It pickles with its
fields, because it can be raised on a Dask worker and re-raised in the flow.
Each part of the project that can fail this way has a subclass of its own.
"""

from __future__ import annotations


class IndicatorsError(Exception):
    """A problem with `path` the user can fix; `problem` says what to do."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path, self.problem = path, problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"
