"""What the command modules share: the --warehouse option and the one-line user error."""

from __future__ import annotations

from collections.abc import Callable

import click

from flows.options import RunOptions


def warehouse_option(meaning: str) -> Callable:
    """--warehouse, with what the warehouse is to this command."""
    return click.option("--warehouse", default=RunOptions.warehouse, show_default=True,
                        metavar="DIR", help=meaning)


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line, exit code 2."""

    exit_code = 2
