"""The I/O edge of tidy-indicators: sources, Prefect flows, the CLI and the web service."""

import os

# Polars allocates through jemalloc, which keeps freed pages to reuse them later: over a
# long run the flow process kept ever more of them, with no Python object growing.
# Returning freed pages at once keeps its memory flat, at no measurable cost in speed
# (benchmarks/RESULTS.md). jemalloc reads this when Polars is first imported, so it is set
# here, before any module of the package imports Polars; worker processes inherit it. A
# value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
