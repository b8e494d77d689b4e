"""The workbench pages: /view/gaps (units lacking links, beside the area's network), /view/area-gaps
(structural gaps) and /view/matches (open needs and their ranked providers).

Each page needs a logged-in user and shows only the user's area scope: the area asked for must lie in it
(else not found, as for an area that does not exist). The tables are filled by the page's script from
/api/gaps/units, /api/gaps/areas and /api/matches, which apply the same scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from accounts.principal import Principal
from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import AreaQuery
from api.routes.pages import _hooks, _html, _user
from api.security.deps import CurrentUser
from graph.area_view import area_view
from graph.driver import Graph
from graph.scope import Scope
from visualize.aggregate import NODE_CAP
from visualize.render import vis_data
from visualize.workbench import render_workbench
from visualize.workbench_words import CATEGORIES, GAP_KINDS, UNIT_KINDS

router = APIRouter(tags=["pages"], include_in_schema=False)


def _page(
    page: str, graph: Graph, principal: Principal, request: Request, scope: Scope, context: dict[str, Any]
) -> HTMLResponse:
    area = {"id": scope.area_id, "name": scope.name}
    body = {"area": area, "today": dt.date.today().isoformat(), **context}
    text = render_workbench(
        page, area_name=scope.name, user=_user(graph, principal), context=body, test_hooks=_hooks(request)
    )
    return _html(text)


@router.get("/view/gaps", response_class=HTMLResponse)
def gaps_page(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> HTMLResponse:
    """Units lacking co-building links in an area, filtered and exported, beside the area's network."""
    scope = list_scope(graph, principal, area)
    network: dict[str, Any] | None = None
    if scope.area_id is not None:
        view = area_view(graph, scope.area_id, cap=NODE_CAP, scope=principal.scope)
        folded = view.aggregated or len(view.nodes) > NODE_CAP
        network = {"folded": folded, "view": None if folded else vis_data(view)}
    return _page("gaps", graph, principal, request, scope, {"network": network, "unit_kinds": UNIT_KINDS})


@router.get("/view/area-gaps", response_class=HTMLResponse)
def area_gaps_page(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> HTMLResponse:
    """Structural gaps of an area: streets, communities, grids, alliances, expiring contracts."""
    scope = list_scope(graph, principal, area)
    return _page("area_gaps", graph, principal, request, scope, {"gap_kinds": GAP_KINDS})


@router.get("/view/matches", response_class=HTMLResponse)
def matches_page(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> HTMLResponse:
    """Open needs of an area with their ranked providers, the reasons, and a path to each."""
    scope = list_scope(graph, principal, area)
    return _page("matches", graph, principal, request, scope, {"categories": CATEGORIES})
