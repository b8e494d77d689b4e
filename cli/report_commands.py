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
from graph.queries.gaps import LINK_ZH, LinkKind, unit_gaps
from graph.queries.scope import resolve_scope
from graph.queries.stats import area_stats
from reports.labels import unit_kind_label
from reports.writers import EXPORT_LIMIT, Column, cell_value, to_csv


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

GAP_COLUMNS = (
    Column("id", "编号"),
    Column("name", "单位名称"),
    Column("kind_label", "单位类型"),
    Column("district", "县(市)区"),
    Column("street", "街道"),
    Column("community", "社区"),
    Column("links_label", "已有联系"),
)
STATS_COLUMNS = (
    Column("area", "区域"),
    Column("units", "驻区单位"),
    Column("party_orgs", "党组织"),
    Column("alliances", "党建联盟"),
    Column("alliance_members", "联盟成员"),
    Column("big_committees", "社区大党委"),
    Column("current_seats", "在任兼职委员"),
    Column("active_contracts", "履行中协议"),
    Column("share_contract", "协议覆盖"),
    Column("share_alliance", "联盟覆盖"),
    Column("share_committee", "大党委覆盖"),
    Column("share_any", "任一联系"),
)


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
        {**r, "kind_label": unit_kind_label(r.get("kind")), "links_label": [LINK_ZH[k] for k in r["links"]]}
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
    rows = [_stats_row(scope.name or "全部", result["total"])]
    rows += [_stats_row(child["area"]["name"], child) for child in result["children"]]
    _emit(STATS_COLUMNS, rows, fmt, f"Coverage on {day.isoformat()}")


def _stats_row(name: str, counts: Mapping[str, Any]) -> dict[str, Any]:
    shares = {f"share_{k}": v for k, v in counts["shares"].items()}
    return {**counts, **shares, "area": name}


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
