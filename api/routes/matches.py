"""GET /api/matches: recommended co-building pairings of open needs with nearby units' resources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import (
    AreaQuery,
    AsOfQuery,
    Format,
    FormatQuery,
    PageQuery,
    PageSizeQuery,
    as_of_or_today,
    export,
    window,
)
from api.security.deps import CurrentUser
from api.security.exports import audited_export
from graph.queries.matches import find_matches
from graph.vocabulary import Category
from i18n.matches import reason_words
from reports.labels import category_label, unit_kind_label
from reports.writers import Column

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


MATCH_COLUMNS = [
    Column("score", "推荐分"),
    Column("need_title", "需求"),
    Column("category_label", "类别"),
    Column("raiser_name", "提出方"),
    Column("need_community", "需求所在社区"),
    Column("resource_title", "资源"),
    Column("provider_name", "提供单位"),
    Column("provider_kind_label", "单位类型"),
    Column("provider_community", "提供单位所在社区"),
    Column("projects", "已承接项目数"),
    Column("reasons", "推荐理由"),
]


def _row(row: dict[str, Any]) -> dict[str, Any]:
    row["category_label"] = category_label(row["category"])
    row["provider_kind_label"] = unit_kind_label(row["provider_kind"])
    row["reasons"] = reason_words(row, "zh")
    row["reasons_en"] = reason_words(row, "en")
    return row


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
    rows = [_row(r) for r in result.rows]
    if format is not Format.JSON:
        response = export(format, MATCH_COLUMNS, rows, f"matches-{day.isoformat()}")
        return audited_export(graph, principal, request, response, what="matches", area=area, rows=len(rows))
    return MatchPage(
        area=area,
        category=category,
        as_of=day,
        total=result.total,
        page=page,
        page_size=page_size,
        items=[Match.model_validate(r) for r in rows],
    )
