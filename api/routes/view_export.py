"""POST /api/export/view: what the explorer shows (after filters and hiding) as CSV or GraphML,
written by the app's export writers (formula-neutralized cells, escaped XML) and audited like every
export. The records are the ones the page already holds; nothing else is read."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import GraphDep
from api.listing import download
from api.security.deps import CurrentUser
from api.security.exports import audited_export
from graph.graphview import GraphEdge, GraphNode, GraphView
from reports.columns import Column
from reports.graph_files import to_graphml
from reports.writers import to_csv
from visualize.frame import strings

router = APIRouter(prefix="/api/export", tags=["exports"])

#: The most records a view export takes: a page never draws more than 2,000 nodes, expansions add some.
MAX_VIEW_NODES = 5000
MAX_VIEW_EDGES = 20000

Text = Annotated[str, Field(max_length=200)]


class ShownNode(BaseModel):
    """A node as the page shows it."""

    id: Text
    name: Text
    type: Annotated[str, Field(max_length=40)]
    gaps: Annotated[list[Annotated[str, Field(max_length=20)]], Field(max_length=4)] = []


class ShownEdge(BaseModel):
    """A tie as the page shows it."""

    source: Text
    target: Text
    type: Annotated[str, Field(max_length=40)]


class ShownView(BaseModel):
    """The records of the view to export, in the language of the page."""

    title: Text = ""
    lang: Annotated[str, Field(pattern="^(zh|en)$")] = "zh"
    nodes: Annotated[list[ShownNode], Field(max_length=MAX_VIEW_NODES)]
    edges: Annotated[list[ShownEdge], Field(max_length=MAX_VIEW_EDGES)] = []


class ViewFormat(StrEnum):
    CSV = "csv"
    GRAPHML = "graphml"


_COLUMNS = ("record", "id", "name", "type", "source", "target", "gaps")


def _columns(lang: str) -> list[Column]:
    words = strings()[lang]
    return [Column(key, words.get("export_col_" + key, key)) for key in _COLUMNS]


def _rows(view: ShownView) -> list[dict[str, object]]:
    nodes: list[dict[str, object]] = [
        {"record": "node", "id": n.id, "name": n.name, "type": n.type, "gaps": " ".join(n.gaps)}
        for n in view.nodes
    ]
    edges: list[dict[str, object]] = [
        {"record": "edge", "type": e.type, "source": e.source, "target": e.target} for e in view.edges
    ]
    return nodes + edges


def _graph(view: ShownView) -> GraphView:
    return GraphView(
        nodes=[GraphNode(id=n.id, label=n.name, type=n.type, gaps=list(n.gaps)) for n in view.nodes],
        edges=[GraphEdge(source=e.source, target=e.target, type=e.type) for e in view.edges],
    )


@router.post("/view", response_class=Response, responses={200: {"description": "The view as a file"}})
def export_view(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    view: ShownView,
    format: Annotated[ViewFormat, Query(description="csv or graphml")] = ViewFormat.CSV,  # noqa: A002
) -> Response:
    """The explorer's current view (its shown nodes and ties) as CSV or GraphML."""
    if format is ViewFormat.CSV:
        response = download(
            to_csv(_columns(view.lang), _rows(view)), "text/csv; charset=utf-8", "orglinks.csv"
        )
    else:
        response = download(to_graphml(_graph(view)), "application/graphml+xml", "orglinks.graphml")
    return audited_export(graph, principal, request, response, what="view", area=None, rows=len(view.nodes))
