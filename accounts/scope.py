"""The area roots a request may use: the user's scope, narrowed to an area they asked for.

Queries take the result as `$scope`: a list of root area ids (an object is in scope if its home area
lies in the subtree of one of them), or null for everything (a global admin who asked for no area).
"""

from __future__ import annotations

from accounts.principal import Principal
from graph.driver import Graph
from graph.errors import NotFound
from graph.queries.users import AREA_IN_SCOPE
from graph.scope import Scope, scope_for


def effective_scope(graph: Graph, principal: Principal, area_id: str | None = None) -> list[str] | None:
    """`[area_id]` if that area lies in the user's scope, the user's own scope if none was asked for;
    an area outside the scope is NotFound, exactly like one that does not exist."""
    if area_id is None:
        return principal.scope
    rows = graph.read(AREA_IN_SCOPE, {"area_id": area_id, "scope": principal.scope})
    if not rows or not rows[0]["in_scope"]:
        raise NotFound(f"no area with id {area_id!r}")
    return [area_id]


def list_scope(graph: Graph, principal: Principal, area_id: str | None = None) -> Scope:
    """The scope of a list, an aggregate or an export: the area asked for (NotFound outside the user's
    scope), else the user's own subtree (everything for a global admin; when the database has a single
    top-level area, such as one city, that area, so stats break it down by its districts); `access` is
    the user's scope."""
    return scope_for(graph, effective_scope(graph, principal, area_id), principal.scope)
