"""GET /api/stats: counts and coverage of an area and of each of its child areas."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from accounts.scope import list_scope
from api.deps import GraphDep, StatsCacheDep
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
from api.security.deps import CurrentUser
from i18n.vocabulary import EVERYWHERE
from reports.catalog import STATS
from reports.rows import stats_row

router = APIRouter(prefix="/api", tags=["stats"])


class Shares(BaseModel):
    contract: float
    alliance: float
    committee: float
    any: float


class Counts(BaseModel):
    units: int
    party_orgs: int
    alliances: int
    alliance_members: int
    big_committees: int
    current_seats: int
    active_contracts: int
    linked_by_contract: int
    linked_by_alliance: int
    linked_by_committee: int
    linked_by_any: int
    joint_meeting_streets: int = Field(description="streets holding a joint meeting system (党建联席会议)")
    joint_meeting_communities: int = Field(description="communities holding a joint meeting system")
    branches: int = Field(description="party branches (党支部) among the area's party orgs")
    party_members: int = Field(description="party members of those branches (sum of `members`)")
    shares: Shares


class AreaRef(BaseModel):
    id: str | None
    name: str | None
    level: str | None


class ChildStats(Counts):
    area: AreaRef


class Stats(BaseModel):
    area: AreaRef
    as_of: dt.date
    total: Counts
    children: list[ChildStats]


@router.get("/stats", response_model=Stats, responses={404: {"description": "No such area"}})
def get_stats(
    graph: GraphDep,
    stats_cache: StatsCacheDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
    format: FormatQuery = Format.JSON,
) -> Stats | Response:
    """Counts and coverage for the area (default: yours) and each of its child areas: counted once per
    data version and served from the process's cache (graph/stats_cache.py) until the data changes."""
    scope = list_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    result = stats_cache.area_stats(scope, as_of=day)
    here = {"id": scope.area_id, "name": scope.name or EVERYWHERE, "level": scope.level}
    total = asdict(result.total)
    children = [{"area": asdict(c.area), **asdict(c.figures)} for c in result.children]
    rows = [stats_row(scope.area_id, here["name"], result.total)]
    rows += [stats_row(c.area.id, c.area.name, c.figures) for c in result.children]
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: Stats(
            area=AreaRef.model_validate(here),
            as_of=day,
            total=Counts.model_validate(total),
            children=[ChildStats.model_validate(c) for c in children],
        ),
        ListFile(STATS.columns, rows, f"stats-{day.isoformat()}", what="stats", area=area),
    )
