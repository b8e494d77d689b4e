"""The workbench pages: /view/gaps (units lacking links, beside the area's network), /view/area-gaps
(structural gaps) and /view/matches (open needs and their ranked providers).

Each page needs a logged-in user and shows only the user's area scope: the area asked for must lie in it
(else not found, as for an area that does not exist). The tables are filled by the page's script from
/api/gaps/units, /api/gaps/areas and /api/matches, which apply the same scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import AreaQuery
from api.routes.pages import PAGE_CSP
from api.security.deps import CurrentUser
from graph.queries.area_view import area_view
from graph.queries.scope import Scope
from i18n.workbench import CATEGORIES, GAP_KINDS, UNIT_KINDS
from visualize.aggregate import NODE_CAP
from visualize.render import vis_data
from visualize.workbench import render_workbench

router = APIRouter(tags=["pages"], include_in_schema=False)


def _page(page: str, title_key: str, scope: Scope, context: dict[str, Any]) -> HTMLResponse:
    area = {"id": scope.area_id, "name": scope.name}
    body = {"area": area, "today": dt.date.today().isoformat(), **context}
    text = render_workbench(page, title_key=title_key, area_name=scope.name or "", context=body)
    return HTMLResponse(text, headers={"Cache-Control": "no-store", "Content-Security-Policy": PAGE_CSP})


def _user(principal: Any) -> dict[str, Any]:
    return {"username": principal.username, "area_id": principal.area_id}


@router.get("/view/gaps", response_class=HTMLResponse)
def gaps_page(graph: GraphDep, principal: CurrentUser, area: AreaQuery = None) -> HTMLResponse:
    """Units lacking co-building links in an area, filtered and exported, beside the area's network."""
    scope = list_scope(graph, principal, area)
    network: dict[str, Any] | None = None
    if scope.area_id is not None:
        view = area_view(graph, scope.area_id, cap=NODE_CAP, scope=principal.scope)
        folded = view.aggregated or len(view.nodes) > NODE_CAP
        network = {"folded": folded, "view": None if folded else vis_data(view)}
    context = {"network": network, "unit_kinds": UNIT_KINDS, "user": _user(principal)}
    return _page("gaps", "title_gaps", scope, context)


@router.get("/view/area-gaps", response_class=HTMLResponse)
def area_gaps_page(graph: GraphDep, principal: CurrentUser, area: AreaQuery = None) -> HTMLResponse:
    """Structural gaps of an area: streets, communities, grids, alliances, expiring contracts."""
    scope = list_scope(graph, principal, area)
    return _page("area_gaps", "title_area_gaps", scope, {"gap_kinds": GAP_KINDS, "user": _user(principal)})


@router.get("/view/matches", response_class=HTMLResponse)
def matches_page(graph: GraphDep, principal: CurrentUser, area: AreaQuery = None) -> HTMLResponse:
    """Open needs of an area with their ranked providers, the reasons, and a path to each."""
    scope = list_scope(graph, principal, area)
    return _page("matches", "title_matches", scope, {"categories": CATEGORIES, "user": _user(principal)})
