"""GET /api/warnings: the warning rules (预警) for your area or an area in it, on a date."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from accounts.scope import effective_scope
from api.deps import GraphDep
from api.listing import as_of_or_today
from api.security.deps import CurrentUser, SettingsDep
from graph.warnings import Level, all_warnings

router = APIRouter(prefix="/api/warnings", tags=["warnings"])


class WarningItem(BaseModel):
    id: str
    name: str | None
    since: dt.date
    days: int


class WarningOut(BaseModel):
    rule: str
    level: Level
    count: int
    thresholds: dict[str, int]
    items: list[WarningItem]


class WarningsOut(BaseModel):
    area: str | None
    as_of: dt.date
    rules: list[WarningOut]


@router.get("", response_model=WarningsOut, responses={404: {"description": "No such area"}})
def get_warnings(
    graph: GraphDep,
    principal: CurrentUser,
    settings: SettingsDep,
    area: Annotated[str | None, Query(min_length=1, max_length=200, description="An area in yours")] = None,
    as_of: Annotated[
        dt.date | None, Query(description="The day the rules are read on; today if absent")
    ] = None,
) -> WarningsOut:
    """Each warning rule's level, count and items for the area on the date."""
    day = as_of_or_today(as_of)
    scope = effective_scope(graph, principal, area)
    rules = [
        WarningOut.model_validate(w, from_attributes=True) for w in all_warnings(graph, scope, day, settings)
    ]
    return WarningsOut(area=area, as_of=day, rules=rules)
