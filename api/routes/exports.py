"""GET /api/export/graphml and /api/export/gexf: an area's subgraph for Gephi."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import AreaQuery, download
from api.security.deps import CurrentUser
from api.security.exports import audited_export
from graph.graphview import GraphView
from graph.subgraph import area_subgraph
from reports.graph_files import to_gexf, to_graphml

router = APIRouter(prefix="/api/export", tags=["exports"])

_FILE = {"description": "The subgraph as a file; header X-Orglinks-Truncated says whether it was cut short"}


def _subgraph_file(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: str | None,
    writer: Callable[[GraphView], bytes],
    media_type: str,
    extension: str,
) -> Response:
    """The area's subgraph written by `writer`, as an audited download."""
    view = area_subgraph(graph, list_scope(graph, principal, area))
    response = download(writer(view), media_type, f"orglinks-{area or 'all'}.{extension}")
    response.headers["X-Orglinks-Truncated"] = str(view.truncated).lower()
    return audited_export(
        graph, principal, request, response, what=extension, area=area, rows=len(view.nodes)
    )


@router.get("/graphml", response_class=Response, responses={200: _FILE, 404: {"description": "No such area"}})
def export_graphml(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> Response:
    """The area's subgraph (default: your area; persons left out) as GraphML."""
    return _subgraph_file(graph, principal, request, area, to_graphml, "application/graphml+xml", "graphml")


@router.get("/gexf", response_class=Response, responses={200: _FILE, 404: {"description": "No such area"}})
def export_gexf(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> Response:
    """The area's subgraph (default: your area; persons left out) as GEXF 1.2."""
    return _subgraph_file(graph, principal, request, area, to_gexf, "application/gexf+xml", "gexf")
