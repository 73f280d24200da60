"""The `input_files` table: what lets a re-run skip the files it has already read."""

from __future__ import annotations

import pandera.polars as pa

from schemas.frames import polars_schema


class InputFile(pa.DataFrameModel):
    """One file a run read, as it was then. A later run that finds the same size and
    modification time, and every document read from it still held (none failed),
    counts its documents unchanged without reading it."""

    path: str = pa.Field(unique=True,
                         description="Absolute path of the file (as in `documents.path`)")
    bytes: int = pa.Field(ge=0, description="Size in bytes when it was read")
    modified_ns: int = pa.Field(
        description="Modification time when it was read (ns since the epoch)")
    documents: int = pa.Field(
        ge=0, description="Documents read from it (1 for an article, rows for a corpus)")
    run_id: str = pa.Field(description="Run that read it")

    class Config:
        strict = True


INPUT_FILE_SCHEMA = polars_schema(InputFile)
