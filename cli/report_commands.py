"""`orglinks gaps` and `orglinks stats`: the API's gap list and coverage figures for scripts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from cli.context import graph_session
from cli.list_output import FormatOption, OutputFormat, emit
from graph.gaps import LinkKind, unit_gaps
from graph.scope import resolve_scope
from graph.settings import AppSettings
from graph.stats import area_stats
from graph.warnings import Rule, area_warnings
from i18n.vocabulary import EVERYWHERE
from reports.catalog import STATS, UNIT_GAPS, WARNINGS
from reports.rows import stats_row, unit_gap_row
from reports.warnings import warning_rows
from reports.writers import EXPORT_LIMIT

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
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Units in an area that lack a kind of co-building link on a date."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        page = unit_gaps(graph, scope, by=by, as_of=day, skip=0, limit=EXPORT_LIMIT, partners=False)
    rows = [unit_gap_row(r) for r in page.rows]
    title = f"{page.total} units without {by.value} links on {day.isoformat()}"
    emit(GAP_COLUMNS, rows, fmt, title=title)


def stats_command(
    area: AreaOption = None, as_of: AsOfOption = None, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """Counts and coverage of an area and of each of its child areas."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        result = area_stats(graph, scope, as_of=day)
    rows = [stats_row(scope.area_id, scope.name or EVERYWHERE, result.total)]
    rows += [stats_row(child.area.id, child.area.name, child.figures) for child in result.children]
    emit(STATS_COLUMNS, rows, fmt, title=f"Coverage on {day.isoformat()}")


def warnings_command(
    area: AreaOption = None,
    as_of: AsOfOption = None,
    rule: Annotated[Rule | None, typer.Option("--rule", help="One rule only; default every rule")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The warning rules (预警) of an area on a date: each rule's level and the items behind it."""
    day = as_of.date() if as_of else dt.date.today()
    with graph_session() as graph:
        scope = resolve_scope(graph, area)
        found = area_warnings(graph, scope, day, AppSettings(), rules=(rule,) if rule else tuple(Rule))
    levels = ", ".join(f"{a.rule.value} {a.level.value} ({a.count})" for a in found.alerts)
    emit(WARNINGS.columns, warning_rows(found), fmt, title=f"Warnings on {day.isoformat()}: {levels}")
