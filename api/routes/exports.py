"""GET /api/export/graphml and /api/export/gexf: an area's subgraph for Gephi."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import AreaQuery, download
from api.security.deps import CurrentUser
from api.security.exports import audited_export
from graph.queries.subgraph import area_subgraph
from reports.writers import to_gexf, to_graphml

router = APIRouter(prefix="/api/export", tags=["exports"])

_FILE = {"description": "The subgraph as a file; header X-Orglinks-Truncated says whether it was cut short"}


def _name(area: str | None) -> str:
    return f"orglinks-{area or 'all'}"


@router.get("/graphml", response_class=Response, responses={200: _FILE, 404: {"description": "No such area"}})
def export_graphml(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> Response:
    """The area's subgraph (default: your area; persons left out) as GraphML."""
    view = area_subgraph(graph, list_scope(graph, principal, area))
    response = download(to_graphml(view), "application/graphml+xml", f"{_name(area)}.graphml")
    response.headers["X-Orglinks-Truncated"] = str(view.truncated).lower()
    return audited_export(
        graph, principal, request, response, what="graphml", area=area, rows=len(view.nodes)
    )


@router.get("/gexf", response_class=Response, responses={200: _FILE, 404: {"description": "No such area"}})
def export_gexf(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> Response:
    """The area's subgraph (default: your area; persons left out) as GEXF 1.3."""
    view = area_subgraph(graph, list_scope(graph, principal, area))
    response = download(to_gexf(view), "application/gexf+xml", f"{_name(area)}.gexf")
    response.headers["X-Orglinks-Truncated"] = str(view.truncated).lower()
    return audited_export(graph, principal, request, response, what="gexf", area=area, rows=len(view.nodes))
