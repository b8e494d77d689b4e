"""`orglinks gaps` and `orglinks stats`: the API's gap list and coverage figures for scripts."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from cli.context import console, graph_session
from graph.queries.gaps import LinkKind, unit_gaps
from graph.queries.scope import resolve_scope
from graph.queries.stats import area_stats
from graph.settings import AppSettings
from graph.warnings import all_warnings
from i18n.reasons import link_zh
from i18n.vocabulary import EVERYWHERE, unit_kind_label
from reports.catalog import STATS, UNIT_GAPS, WARNINGS
from reports.columns import Column
from reports.writers import EXPORT_LIMIT, cell_value, to_csv


class ReportFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"


AreaOption = Annotated[
    str | None,
    typer.Option("--area", "-a", help="Area id at any level (its whole subtree); default everything"),
]
AsOfOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--as-of", formats=["%Y-%m-%d"], help="The date links are judged on (YYYY-MM-DD); default today"
    ),
]
FormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="table, or csv (UTF-8 with BOM, for Excel)")
]

# The API's columns; the CLI leaves out the suggested partners (it does not compute them) and the
# area ids (a terminal table is narrow).
GAP_COLUMNS = UNIT_GAPS.without("partners_label")
STATS_COLUMNS = STATS.without("area_id")


def gaps_command(
    area: AreaOption = None,
    by: Annotated[
        LinkKind, typer.Option("--by", help="The kind of link the units lack; any = isolated")
    ] = LinkKind.ANY,
    as_of: AsOfOption = None,
    fmt: FormatOption = ReportFormat.TABLE,
) -> None:
    """Units in an area that lack a kind of co-building link on a date."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        page = unit_gaps(graph, scope, by=by, as_of=day, skip=0, limit=EXPORT_LIMIT, partners=False)
    rows = [
        {**r, "kind_label": unit_kind_label(r.get("kind")), "links_label": [link_zh(k) for k in r["links"]]}
        for r in page.rows
    ]
    title = f"{page.total} units without {by.value} links on {day.isoformat()}"
    _emit(GAP_COLUMNS, rows, fmt, title)


def stats_command(
    area: AreaOption = None, as_of: AsOfOption = None, fmt: FormatOption = ReportFormat.TABLE
) -> None:
    """Counts and coverage of an area and of each of its child areas."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        result = area_stats(graph, scope, as_of=day)
    rows = [_stats_row(scope.name or EVERYWHERE, result["total"])]
    rows += [_stats_row(child["area"]["name"], child) for child in result["children"]]
    _emit(STATS_COLUMNS, rows, fmt, f"Coverage on {day.isoformat()}")


def warnings_command(
    area: AreaOption = None, as_of: AsOfOption = None, fmt: FormatOption = ReportFormat.TABLE
) -> None:
    """The warning rules (预警) of an area on a date: each rule's level and the items behind it."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        alerts = all_warnings(graph, scope.roots, day, AppSettings())
    rows = [{"rule": a.rule, "level": a.level.value, **vars(item)} for a in alerts for item in a.items]
    levels = ", ".join(f"{a.rule} {a.level.value} ({a.count})" for a in alerts)
    _emit(WARNINGS.columns, rows, fmt, f"Warnings on {day.isoformat()}: {levels}")


def _stats_row(name: str, counts: Mapping[str, Any]) -> dict[str, Any]:
    shares = {f"share_{k}": v for k, v in counts["shares"].items()}
    return {**counts, **shares, "area_name": name}


def _emit(
    columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], fmt: ReportFormat, title: str
) -> None:
    if fmt is ReportFormat.CSV:
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(columns, rows))
        sys.stdout.buffer.flush()
        return
    table = Table(*(c.header for c in columns), title=title)
    for row in rows:
        table.add_row(*(str(cell_value(row.get(c.key))) for c in columns))
    console.print(table)
