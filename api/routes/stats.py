"""GET /api/stats: counts and coverage of an area and of each of its child areas."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import AreaQuery, AsOfQuery, Format, FormatQuery, as_of_or_today, export
from api.security.deps import CurrentUser
from api.security.exports import audited_export
from graph.queries.stats import area_stats
from reports.writers import Column

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


STATS_COLUMNS = [
    Column("area_id", "区域编号"),
    Column("area_name", "区域"),
    Column("units", "驻区单位"),
    Column("party_orgs", "党组织"),
    Column("alliances", "党建联盟"),
    Column("alliance_members", "联盟成员"),
    Column("big_committees", "社区大党委"),
    Column("current_seats", "在任兼职委员"),
    Column("active_contracts", "履行中共建协议"),
    Column("share_contract", "协议覆盖率"),
    Column("share_alliance", "联盟覆盖率"),
    Column("share_committee", "大党委覆盖率"),
    Column("share_any", "有任一联系"),
    Column("joint_meeting_streets", "建立联席会议的街道"),
    Column("joint_meeting_communities", "建立联席会议的社区"),
    Column("branches", "党支部"),
    Column("party_members", "党员"),
]


def _flat(area: dict[str, Any], counts: dict[str, Any]) -> dict[str, Any]:
    shares = {f"share_{k}": v for k, v in counts["shares"].items()}
    return {"area_id": area.get("id"), "area_name": area.get("name"), **counts, **shares}


@router.get("/stats", response_model=Stats, responses={404: {"description": "No such area"}})
def get_stats(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
    format: FormatQuery = Format.JSON,
) -> Stats | Response:
    """Counts and coverage for the area (default: yours) and each of its child areas."""
    scope = list_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    result = area_stats(graph, scope, as_of=day)
    here = {"id": scope.area_id, "name": scope.name or "全部", "level": scope.level}
    if format is not Format.JSON:
        rows = [_flat(here, result["total"])] + [_flat(c["area"], c) for c in result["children"]]
        response = export(format, STATS_COLUMNS, rows, f"stats-{day.isoformat()}")
        return audited_export(graph, principal, request, response, what="stats", area=area, rows=len(rows))
    return Stats(
        area=AreaRef.model_validate(here),
        as_of=day,
        total=Counts.model_validate(result["total"]),
        children=[ChildStats.model_validate(c) for c in result["children"]],
    )
