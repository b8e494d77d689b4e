"""GET /api/committees/{id}/seats: a (community big) party committee's seats, current and past."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from accounts.masking import protect_people
from api.deps import GraphDep
from api.listing import (
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
from api.security.deps import CurrentUser, client_ip
from graph.rosters import committee_seats
from i18n.vocabulary import org_type_label
from reports.catalog import COMMITTEE_SEATS
from reports.rows import seat_row

router = APIRouter(prefix="/api/committees", tags=["rosters"])


class Seat(BaseModel):
    seat_id: str | None
    title: str | None
    start: str | None
    end: str | None
    current: bool
    person: str | None
    phone: str | None
    unit_id: str | None
    unit_name: str | None


class CommitteeRoster(BaseModel):
    id: str
    name: str | None
    type: str | None
    type_label: str | None
    area_id: str | None
    area_name: str | None
    as_of: dt.date
    total: int
    page: int
    page_size: int
    items: list[Seat]


@router.get(
    "/{org_id:id}/seats",
    response_model=CommitteeRoster,
    responses={404: {"description": "No such party org"}},
)
def get_committee_seats(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    org_id: str = Path(min_length=1, max_length=200),
    include_past: Annotated[bool, Query(description="Also list seats whose term has ended")] = False,
    as_of: AsOfQuery = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> CommitteeRoster | Response:
    """A party committee's part-time seats (current first); names and phones masked unless you hold pii."""
    day = as_of_or_today(as_of)
    skip, limit = window(format, page, page_size)
    result = committee_seats(
        graph, org_id, as_of=day, include_past=include_past, skip=skip, limit=limit, scope=principal.scope
    )
    exporting = format is not Format.JSON
    people = protect_people(
        graph,
        principal,
        [{"id": r.person_id, "name": r.person_name, "phone": r.phone} for r in result.rows],
        ip=client_ip(request),
        purpose=("export:" if exporting else "") + f"committee:{org_id}",
    )
    rows = [seat_row(r, p) for r, p in zip(result.rows, people, strict=True)]
    head = result.committee
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: CommitteeRoster(
            id=head.id,
            name=head.name,
            type=head.type,
            type_label=org_type_label(head.type),
            area_id=head.area_id,
            area_name=head.area_name,
            as_of=day,
            total=result.total,
            page=page,
            page_size=page_size,
            items=[Seat.model_validate(r) for r in rows],
        ),
        ListFile(
            COMMITTEE_SEATS.columns,
            rows,
            f"committee-{org_id}-seats",
            what=f"committee:{org_id}",
            area=None,
        ),
    )
