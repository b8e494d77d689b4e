"""Dependencies shared by the routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.driver import Graph


def get_graph(request: Request) -> Graph:
    graph: Graph = request.app.state.graph
    return graph


GraphDep = Annotated[Graph, Depends(get_graph)]
