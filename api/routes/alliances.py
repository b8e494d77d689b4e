"""GET /api/alliances/{id}/members: an alliance's roster."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel

from api.deps import GraphDep
from api.listing import (
    Asker,
    Format,
    FormatQuery,
    ListFile,
    PageQuery,
    PageSizeQuery,
    iso,
    list_answer,
    window,
)
from api.security.deps import CurrentUser
from graph.rosters import alliance_members
from reports.catalog import ALLIANCE_MEMBERS
from reports.rows import member_row

router = APIRouter(prefix="/api/alliances", tags=["rosters"])


class OrgRef(BaseModel):
    id: str
    name: str | None


class Member(BaseModel):
    id: str
    name: str | None
    type: str
    org_type: str | None
    org_type_label: str | None
    unit_id: str | None
    unit_name: str | None
    unit_kind: str | None
    unit_kind_label: str | None
    joined: str | None
    role: str | None


class AllianceRoster(BaseModel):
    id: str
    name: str | None
    founded: str | None
    host_id: str | None
    host_name: str | None
    leads: list[OrgRef]
    total: int
    page: int
    page_size: int
    items: list[Member]


@router.get(
    "/{alliance_id:id}/members",
    response_model=AllianceRoster,
    responses={404: {"description": "No such alliance"}},
)
def get_alliance_members(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    alliance_id: str = Path(min_length=1, max_length=200),
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> AllianceRoster | Response:
    """An alliance's members with when they joined, their role, type and unit."""
    skip, limit = window(format, page, page_size)
    result = alliance_members(graph, alliance_id, skip=skip, limit=limit, scope=principal.scope)
    rows = [member_row(r) for r in result.rows]
    head = result.alliance
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: AllianceRoster(
            id=head.id,
            name=head.name,
            founded=iso(head.founded),
            host_id=head.host_id,
            host_name=head.host_name,
            leads=[OrgRef(id=x.id, name=x.name) for x in head.leads],
            total=result.total,
            page=page,
            page_size=page_size,
            items=[Member.model_validate(r) for r in rows],
        ),
        ListFile(
            ALLIANCE_MEMBERS.columns,
            rows,
            f"alliance-{alliance_id}-members",
            what=f"alliance:{alliance_id}",
            area=None,
        ),
    )
