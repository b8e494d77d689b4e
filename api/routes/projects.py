"""GET /api/projects: the projects of your area or an area in it, with their ratings (服务评价); as a
JSON page, or the whole list as CSV / XLSX (the columns of reports.catalog.PROJECTS)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from accounts.scope import effective_scope
from api.deps import GraphDep
from api.listing import (
    AreaQuery,
    Asker,
    Format,
    FormatQuery,
    ListFile,
    PageQuery,
    PageSizeQuery,
    list_answer,
    window,
)
from api.security.deps import CurrentUser
from graph.lifecycle import projects_of
from i18n.vocabulary import project_status_label
from reports.catalog import PROJECTS

router = APIRouter(prefix="/api/projects", tags=["lifecycle"])


class ProjectRow(BaseModel):
    id: str
    title: str | None
    status: str | None
    status_label: str | None
    contract: str | None
    contract_title: str | None
    need: str | None
    need_title: str | None
    raiser: str | None
    raiser_name: str | None
    resource: str | None
    resource_title: str | None
    provider: str | None
    provider_name: str | None
    start: dt.date | None
    end: dt.date | None
    done_on: dt.date | None
    rating: int | None
    comment: str | None
    rated_on: dt.date | None


class ProjectPage(BaseModel):
    area: str | None
    total: int
    page: int
    page_size: int
    items: list[ProjectRow]


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "status_label": project_status_label(row["status"]),
        "done_on": _day(row["done_at"]),
        "rated_on": _day(row["rated_at"]),
    }


@router.get("", response_model=ProjectPage, responses={404: {"description": "No such area"}})
def list_projects(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> ProjectPage | Response:
    """The projects in the area (a project lies in it when a party of its contract or its provider
    does), by contract and id, with their state and rating."""
    rows = [_row(r) for r in projects_of(graph, effective_scope(graph, principal, area))]
    skip, limit = window(format, page, page_size)
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: ProjectPage(
            area=area,
            total=len(rows),
            page=page,
            page_size=page_size,
            items=[ProjectRow.model_validate(r) for r in rows[skip : skip + limit]],
        ),
        ListFile(PROJECTS.columns, rows, f"projects-{area or 'all'}", what="projects", area=area),
    )
