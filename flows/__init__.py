"""The I/O edge of tidy-indicators: sources, Prefect flows, the CLI and the web service."""

import os

# Polars allocates through jemalloc, which keeps freed pages to reuse them later. Over a
# long run the flow process kept ever more of them: 430 MB after 10 batches, 680 MB
# after 260 (1 GB corpus), with no Python object growing. Returning freed pages at once
# keeps it within 365-400 MB over the 52 batches of a 200 MB run, at no measurable cost
# in speed. jemalloc reads this when Polars is first imported, so it is set here, before
# any module of the package imports Polars; worker processes inherit it. A value the
# user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
