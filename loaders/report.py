"""The problem report: a rich table for the terminal, and JSON or CSV files (one entry per problem,
keys file, sheet, row, column, value, reason; row is the spreadsheet row, the header being row 1)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from graph.errors import Invalid
from loaders.problems import Problem

FIELDS = ("file", "sheet", "row", "column", "value", "reason")


def problems_table(problems: Sequence[Problem], *, limit: int = 50) -> Table:
    """The first `limit` problems as a rich table (the caption says how many more there are)."""
    table = Table("文件 file", "工作表 sheet", "行 row", "列 column", "值 value", "原因 reason", expand=False)
    for p in problems[:limit]:
        row = "" if p.row is None else str(p.row)
        table.add_row(p.file, p.sheet or "", row, p.column or "", p.value or "", p.reason)
    if len(problems) > limit:
        table.caption = f"… and {len(problems) - limit} more (write them all with --report FILE)"
    return table


def problems_json(problems: Sequence[Problem]) -> str:
    """The problems as a JSON array of objects."""
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=1)


def problems_csv(problems: Sequence[Problem]) -> str:
    """The problems as CSV with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(p.as_dict() for p in problems)
    return out.getvalue()


def write_report(problems: Sequence[Problem], path: Path) -> None:
    """Write the report as JSON (.json) or CSV (.csv, with a BOM so that Excel reads the Chinese)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(problems_json(problems), encoding="utf-8")
    elif suffix == ".csv":
        path.write_text(problems_csv(problems), encoding="utf-8-sig")
    else:
        raise Invalid(f"report file must end in .json or .csv: {path.name}")
