"""GET /api/paths."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import GraphDep
from api.listing import AsOfQuery
from api.path_out import KindsQuery, Paths, ask_paths, paths_out
from api.security.deps import CurrentUser
from graph.paths import DEFAULT_K, DEFAULT_MAX_LENGTH, MAX_K, Via
from graph.queries.paths import MAX_PATH_LENGTH

router = APIRouter(prefix="/api", tags=["paths"])


@router.get("/paths", response_model=Paths, responses={404: {"description": "No such entity"}})
def get_paths(
    graph: GraphDep,
    principal: CurrentUser,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200, description="Start entity id")],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200, description="End entity id")],
    max_length: Annotated[int, Query(ge=1, le=MAX_PATH_LENGTH, description="At most this many ties")] = (
        DEFAULT_MAX_LENGTH
    ),
    via: Annotated[
        Via, Query(description="org: organizational ties only; all: the map too, when nothing else connects")
    ] = Via.ORG,
    k: Annotated[int, Query(ge=1, le=MAX_K, description="How many paths")] = DEFAULT_K,
    kinds: KindsQuery = None,
    inactive: Annotated[
        bool, Query(description="Let expired contracts and ended seats appear, after the ties in force")
    ] = True,
    as_of: AsOfQuery = None,
) -> Paths:
    """Up to k paths between two entities or areas, only through your area, ranked by tier then length."""
    answer, chosen = ask_paths(
        graph,
        principal,
        source,
        target,
        via=via,
        k=k,
        kinds=kinds,
        inactive=inactive,
        as_of=as_of,
        max_length=max_length,
    )
    return paths_out(answer, via=via, kinds=chosen, inactive=inactive)
