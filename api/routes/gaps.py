"""GET /api/gaps/units and /api/gaps/areas: units lacking co-building links, and structural gaps."""

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
    PageQuery,
    PageSizeQuery,
    as_of_or_today,
    list_answer,
    window,
)
from api.security.deps import CurrentUser
from graph.gaps import (
    MAX_PARTNER_ROWS,
    AreaGapKind,
    GapSort,
    LinkKind,
    Partner,
    UnitFilter,
    area_gaps,
    unit_gaps,
)
from graph.vocabulary import UnitKind
from reports.catalog import AREA_GAPS, UNIT_GAPS
from reports.rows import area_gap_row, unit_gap_row

router = APIRouter(prefix="/api/gaps", tags=["gaps"])


class UnitGap(BaseModel):
    id: str
    name: str | None
    kind: str | None
    kind_label: str | None
    community: str | None
    street: str | None
    district: str | None
    links: list[str]
    suggested_partners: list[Partner]


class UnitGapPage(BaseModel):
    area: str | None
    by: LinkKind
    unit_kind: list[UnitKind]
    q: str | None
    sort: GapSort
    desc: bool
    as_of: dt.date
    total: int
    page: int
    page_size: int
    items: list[UnitGap]


@router.get("/units", response_model=UnitGapPage, responses={404: {"description": "No such area"}})
def get_unit_gaps(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    by: Annotated[
        LinkKind, Query(description="The kind of link the units lack; any = isolated")
    ] = LinkKind.ANY,
    as_of: AsOfQuery = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    partners: Annotated[bool, Query(description="Add suggested partners to each row")] = True,
    unit_kind: Annotated[
        list[UnitKind] | None, Query(description="Only units of these kinds (repeatable); all if none")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Only units whose name or id holds this text")
    ] = None,
    sort: Annotated[GapSort, Query(description="Order of the list (then by id)")] = GapSort.ID,
    desc: Annotated[bool, Query(description="Descending order")] = False,
    format: FormatQuery = Format.JSON,
) -> UnitGapPage | Response:
    """Units in the area that lack a kind of co-building link on a date, with suggested partners."""
    scope = list_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    skip, limit = window(format, page, page_size)
    kinds = tuple(dict.fromkeys(k.value for k in unit_kind or []))
    only = UnitFilter(kinds=kinds, text=q or "", sort=sort, descending=desc)
    result = unit_gaps(graph, scope, by=by, as_of=day, skip=skip, limit=limit, partners=partners, only=only)
    rows = [unit_gap_row(r) for r in result.rows]
    omitted = partners and len(rows) > MAX_PARTNER_ROWS
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: UnitGapPage(
            area=area,
            by=by,
            unit_kind=[UnitKind(k) for k in kinds],
            q=q.strip() if q and q.strip() else None,
            sort=sort,
            desc=desc,
            as_of=day,
            total=result.total,
            page=page,
            page_size=page_size,
            items=[UnitGap.model_validate(r) for r in rows],
        ),
        ListFile(
            UNIT_GAPS.columns,
            rows,
            name=f"gaps-units-{by.value}-{day.isoformat()}",
            what="gaps:units",
            area=area,
            headers={"X-Orglinks-Partners-Omitted": str(omitted).lower()},
        ),
    )


class AreaGap(BaseModel):
    kind: AreaGapKind
    kind_label: str
    id: str
    name: str | None
    level: str | None
    community: str | None
    street: str | None
    district: str | None
    detail: str | None
    detail_en: str | None
    expires: str | None


class AreaGapPage(BaseModel):
    area: str | None
    as_of: dt.date
    expiring_within_days: int
    counts: dict[str, int]
    total: int
    page: int
    page_size: int
    items: list[AreaGap]


@router.get("/areas", response_model=AreaGapPage, responses={404: {"description": "No such area"}})
def get_area_gaps(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
    expiring_within_days: Annotated[
        int, Query(ge=0, le=366, description="Horizon for expiring contracts")
    ] = 30,
    kind: Annotated[AreaGapKind | None, Query(description="Only this kind of gap")] = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> AreaGapPage | Response:
    """Structural gaps: streets without an alliance, communities without a big committee or contract, …"""
    scope = list_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    gaps = area_gaps(graph, scope, as_of=day, within_days=expiring_within_days)
    counts = {k.value: 0 for k in AreaGapKind}
    for gap in gaps:
        counts[gap.kind] += 1
    rows = [area_gap_row(g) for g in gaps if kind is None or g.kind is kind]
    skip, limit = window(format, page, page_size)
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: AreaGapPage(
            area=area,
            as_of=day,
            expiring_within_days=expiring_within_days,
            counts=counts,
            total=len(rows),
            page=page,
            page_size=page_size,
            items=[AreaGap.model_validate(r) for r in rows[skip : skip + limit]],
        ),
        ListFile(AREA_GAPS.columns, rows, f"gaps-areas-{day.isoformat()}", what="gaps:areas", area=area),
    )
