"""What changed since the last run: the heart of idempotent, incremental loads.

An input is `unchanged` when the warehouse already holds the same source with the
same content (its `doc_id` is the hash of its text) read by the same extractor
version (transforms/version.py), `changed` when the source is known with other
content or was read by another version, `new` otherwise. Inputs that failed before are always
retried. A new file whose text is already loaded under another name is a duplicate.
"""

from __future__ import annotations

import polars as pl


def classify(documents: pl.DataFrame, known: pl.DataFrame,
             extractor: str | None = None) -> pl.DataFrame:
    """`documents` with a `change` column: new, changed or unchanged. With `extractor`,
    a document `known` (source, doc_id, status, extractor) to have been read by another
    extractor version is changed."""
    previous = known.filter(pl.col("source").is_in(documents["source"].implode())).select(
        "source", pl.col("doc_id").alias("_known_id"), pl.col("status").alias("_known_status"),
        _read_by(known, extractor).alias("_same_extractor"))
    joined = documents.join(previous, on="source", how="left")
    same = (pl.col("_known_id").eq_missing(pl.col("doc_id")) & (pl.col("_known_status") != "failed")
            & pl.col("_same_extractor"))
    change = (
        pl.when(pl.col("_known_status").is_null()).then(pl.lit("new"))
        .when(same).then(pl.lit("unchanged"))
        .otherwise(pl.lit("changed"))
    )
    return joined.with_columns(change=change).drop("_known_id", "_known_status", "_same_extractor")


def _read_by(known: pl.DataFrame, extractor: str | None) -> pl.Expr:
    """Whether each known document was read by `extractor` (always, without one)."""
    if extractor is None:
        return pl.lit(True)
    if "extractor" not in known.columns:
        return pl.lit(False)
    return pl.col("extractor").eq_missing(pl.lit(extractor))


def mark_duplicates(documents: pl.DataFrame, loaded: pl.DataFrame) -> pl.DataFrame:
    """A new or changed document whose text is already loaded (`loaded`: source and
    doc_id of earlier runs and earlier batches), or appears earlier in this frame
    under another source, is skipped; the first source keeps it."""
    earlier = (loaded.filter(pl.col("status") == "loaded")
               .select("doc_id", pl.col("source").alias("_earlier"))
               .unique("doc_id", keep="first", maintain_order=True))
    candidate = (pl.col("status") == "loaded") & (pl.col("change") != "unchanged")
    first_here = pl.col("source").filter(pl.col("status") == "loaded").first().over("doc_id")
    original = pl.coalesce("_earlier", first_here)
    duplicate = candidate & original.is_not_null() & (original != pl.col("source"))
    return documents.join(earlier, on="doc_id", how="left", maintain_order="left").with_columns(
        status=pl.when(duplicate).then(pl.lit("skipped")).otherwise(pl.col("status")),
        reason=pl.when(duplicate).then(pl.format("duplicate of {} (same text)", original))
        .otherwise(pl.col("reason")),
        text=pl.when(duplicate).then(pl.lit(None)).otherwise(pl.col("text")),
    ).drop("_earlier")


def unique_sources(documents: pl.DataFrame, taken: set[str]) -> pl.DataFrame:
    """Each source named once per run. A name that an earlier input of the run
    already has (two archives naming their articles alike) is qualified with the
    file it came from, and numbered if that is taken too: a name as stable as a
    file's path, so the next run recognises the document."""
    sources = documents["source"].to_list()
    if taken.isdisjoint(sources) and len(set(sources)) == len(sources):
        return documents
    names: list[str] = []
    used: set[str] = set()
    for source, path in zip(sources, documents["path"].to_list()):
        name = source
        if name in taken or name in used:
            name, n = f"{path}#{source}", 1
            while name in taken or name in used:
                n += 1
                name = f"{path}#{source}#{n}"
        used.add(name)
        names.append(name)
    return documents.with_columns(source=pl.Series(names, dtype=pl.String))


def unread_files(files: pl.DataFrame, recorded: pl.DataFrame, known: pl.DataFrame,
                 extractor: str | None = None) -> pl.Series:
    """The paths of `files` (path, bytes, modified_ns) a run need not read: the same
    size and modification time as when a run last read them (`recorded`), and every
    document read from them then still held, not failed and, with `extractor`, read by
    that version (`known`: path, status, extractor). Their documents are unchanged,
    and reading 200 MB to learn that takes seconds."""
    stale = (pl.col("status") == "failed") | ~_read_by(known, extractor)
    held = known.filter(pl.col("path").is_in(files["path"].implode())).group_by("path").agg(
        held=pl.len(), failed=stale.sum())
    same = files.join(recorded, on=["path", "bytes", "modified_ns"]).join(held, on="path")
    return same.filter((pl.col("held") == pl.col("documents")) & (pl.col("failed") == 0))["path"]


def moved(documents: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """(source, path) of the unchanged documents read from another file than the one
    the warehouse records (a folder or archive that moved). Recording where they are
    now lets the next run skip that file unread, instead of reading it every run."""
    was = known.select("source", pl.col("path").alias("_was"))
    return (documents.filter(pl.col("change") == "unchanged").select("source", "path")
            .join(was, on="source").filter(pl.col("path") != pl.col("_was")).drop("_was"))
