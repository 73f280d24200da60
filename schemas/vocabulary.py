"""Allowed values shared by the schemas, read from the same lexicons the extractor uses."""

from __future__ import annotations

from typing import Annotated

import polars as pl

from transforms import failures, gazetteer, indicators, roles, units
from transforms.language import LANGUAGES

UNITS = tuple(units.canonical())
KINDS = tuple(dict.fromkeys(u.kind for u in units.canonical().values()))
UNIT_KIND = {code: u.kind for code, u in units.canonical().items()}
INDICATOR_CODES = tuple(indicators.codelist())
ENTITY_CODES = tuple(gazetteer.entities())
ENTITY_TYPES = gazetteer.TYPES
QUALIFIERS = ("gt", "ge", "lt", "le", "approx")
DIRECTIONS = ("decrease", "increase")
ROLES = roles.ROLES
MODALITIES = ("actual", "target")
STATUSES = ("loaded", "skipped", "failed")
FAILURE_STAGES = failures.STAGES
RUN_STATUSES = ("running", "completed", "failed")
LANGS = LANGUAGES
YEAR_MIN, YEAR_MAX = 1900, 2100
UTC_TIME = Annotated[pl.Datetime, "us", "UTC"]
