"""GET /api/matches: recommended co-building pairings of open needs with nearby units' resources."""

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
from graph.matches import find_matches
from graph.vocabulary import Category
from reports.catalog import MATCHES
from reports.rows import match_row

router = APIRouter(prefix="/api", tags=["matches"])


class Match(BaseModel):
    need_id: str
    need_title: str | None
    category: str | None
    category_label: str | None
    raiser_id: str
    raiser_name: str | None
    raiser_type: str | None
    need_community: str | None
    need_street: str | None
    need_district: str | None
    resource_id: str
    resource_title: str | None
    offered_by_id: str
    offered_by_name: str | None
    provider_id: str
    provider_name: str | None
    provider_kind: str | None
    provider_kind_label: str | None
    provider_community: str | None
    provider_street: str | None
    same_community: bool
    same_street: bool
    other_street: bool
    same_alliance: bool
    contract_in_force: bool
    seat: bool
    shared_words: list[str]
    projects: int
    score: int
    reason_codes: list[str]
    reasons: list[str]
    reasons_en: list[str]


class MatchPage(BaseModel):
    area: str | None
    category: Category | None
    as_of: dt.date
    total: int
    page: int
    page_size: int
    items: list[Match]


@router.get("/matches", response_model=MatchPage, responses={404: {"description": "No such area"}})
def get_matches(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    category: Annotated[Category | None, Query(description="Only needs of this category")] = None,
    as_of: AsOfQuery = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> MatchPage | Response:
    """Open needs in the area matched with nearby units' resources, ranked, with the reasons."""
    scope = list_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    skip, limit = window(format, page, page_size)
    cat = category.value if category else None
    result = find_matches(graph, scope, as_of=day, category=cat, skip=skip, limit=limit)
    rows = [match_row(r) for r in result.rows]
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: MatchPage(
            area=area,
            category=category,
            as_of=day,
            total=result.total,
            page=page,
            page_size=page_size,
            items=[Match.model_validate(r) for r in rows],
        ),
        ListFile(MATCHES.columns, rows, f"matches-{day.isoformat()}", what="matches", area=area),
    )
