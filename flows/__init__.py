"""The I/O edge of tidy-indicators: sources, Prefect flows, the CLI and the web service."""

import os

# Polars allocates through jemalloc, which keeps freed pages to reuse them later. Over a
# long run the flow process kept ever more of them: from 430 MB after 10 batches to
# 680 MB after 260 (1 GB corpus), with no Python object growing. Returning freed pages
# at once keeps it flat (200 MB corpus: 385-400 MB from the 5th batch to the 52nd) at no
# measurable cost in speed. jemalloc reads this when Polars is first imported, so it
# is set here, before any module of the package imports Polars; worker processes
# inherit it. A value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
