"""How the report and query commands print a list: a table on the terminal, or on stdout the CSV that
the API's export of the same columns would give (UTF-8 with BOM, cells neutralized)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from cli.context import console
from reports.columns import Column
from reports.writers import cell_value, to_csv


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="table, or csv (UTF-8 with BOM, for Excel)")
]


def emit(
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """Print the rows as CSV or as a table (or the `empty` message when there are none)."""
    if fmt is OutputFormat.CSV:
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(columns, rows))
        sys.stdout.buffer.flush()
        return
    if not rows and empty is not None:
        console.print(empty)
        return
    table = Table(*(c.header for c in columns), title=title)
    for row in rows:
        table.add_row(*(str(cell_value(row.get(c.key))) for c in columns))
    console.print(table)
