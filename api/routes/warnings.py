"""GET /api/warnings: the warning rules (预警) for your area or an area in it, on a date, with the
levels of its child areas; the items as JSON or as a CSV / XLSX export."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import (
    AreaQuery,
    Asker,
    AsOfQuery,
    Format,
    FormatQuery,
    ListFile,
    as_of_or_today,
    list_answer,
)
from api.security.deps import CurrentUser, SettingsDep
from graph.scope import Area
from graph.warnings import MAX_ITEMS, Level, Rule, Warnings, area_warnings
from reports.catalog import WARNINGS
from reports.warnings import warning_rows

router = APIRouter(prefix="/api/warnings", tags=["warnings"])


class AreaOut(BaseModel):
    id: str
    name: str | None
    level: str | None


class WarningItem(BaseModel):
    id: str
    name: str | None
    detail: str | None
    since: dt.date | None
    days: int | None
    areas: list[str]


class ChildLevelOut(BaseModel):
    area: str
    level: Level
    count: int


class WarningOut(BaseModel):
    rule: Rule
    level: Level
    count: int
    truncated: bool
    thresholds: dict[str, int]
    items: list[WarningItem]
    children: list[ChildLevelOut]


class WarningsOut(BaseModel):
    area: AreaOut | None
    as_of: dt.date
    children: list[AreaOut]
    rules: list[WarningOut]


def _area(area: Area) -> AreaOut:
    return AreaOut(id=area.id, name=area.name, level=area.level)


def warnings_out(found: Warnings, *, items: bool) -> WarningsOut:
    """The JSON answer: each rule with at most MAX_ITEMS items (none without `items`)."""
    return WarningsOut(
        area=_area(found.area) if found.area else None,
        as_of=found.as_of,
        children=[_area(c) for c in found.children],
        rules=[
            WarningOut(
                rule=a.rule,
                level=a.level,
                count=a.count,
                truncated=a.truncated,
                thresholds=a.thresholds,
                items=[WarningItem.model_validate(i, from_attributes=True) for i in a.items[:MAX_ITEMS]]
                if items
                else [],
                children=[ChildLevelOut(area=c.area.id, level=c.level, count=c.count) for c in a.children],
            )
            for a in found.alerts
        ],
    )


@router.get("", response_model=WarningsOut, responses={404: {"description": "No such area"}})
def get_warnings(
    graph: GraphDep,
    principal: CurrentUser,
    settings: SettingsDep,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
    rule: Annotated[Rule | None, Query(description="One rule only; every rule if absent")] = None,
    items: Annotated[bool, Query(description="false: levels and counts only (the home page)")] = True,
    format: FormatQuery = Format.JSON,
) -> WarningsOut | Response:
    """Each warning rule's level, count and items for the area (default: yours) and its child areas'
    levels, on the date; `format=csv|xlsx` exports the items (one rule with `rule`)."""
    day = as_of_or_today(as_of)
    scope = list_scope(graph, principal, area)
    found = area_warnings(graph, scope, day, settings, rules=(rule,) if rule else tuple(Rule))
    name = f"warnings-{rule.value}-{day.isoformat()}" if rule else f"warnings-{day.isoformat()}"
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: warnings_out(found, items=items),
        ListFile(WARNINGS.columns, warning_rows(found), name, what="warnings", area=area),
    )
