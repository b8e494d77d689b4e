"""HTML pages: the explorer home, an entity's network, an area's network with its gaps, and paths.

Every page needs a logged-in user (without one the browser is sent to /login) and shows only the
user's area scope, through the same scoped queries as the API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from accounts.principal import Principal, Role
from accounts.scope import effective_scope
from api.deps import GraphDep
from api.listing import AsOfQuery
from api.path_out import KindsQuery, ask_paths, paths_out
from api.security.deps import CurrentUser
from graph.area_view import area_view
from graph.driver import Graph
from graph.errors import GraphUnavailable, NotFound
from graph.gaps import links_lacking
from graph.graphview import GraphView
from graph.hall import unit_home
from graph.networks import MAX_DEPTH, ego_network, parse_rel_types
from graph.paths import DEFAULT_K, MAX_K, Via
from graph.scope import Scope, child_areas, get_area, resolve_scope, top_areas
from i18n.paths import WORDS as PATH_WORDS
from visualize.aggregate import NODE_CAP
from visualize.render import Title, render_home_page, render_page

router = APIRouter(tags=["pages"], include_in_schema=False)

EntityId = Annotated[str, Path(min_length=1, max_length=200, description="The entity's id (编号)")]
AreaId = Annotated[str, Path(min_length=1, max_length=200, description="The area's id (编号)")]
#: Nodes an entity page asks the network query for; bigger views are folded by the renderer anyway.
ENTITY_PAGE_NODES = 2000
#: Areas listed on the explorer home to start from.
START_AREAS = 40


#: The pages' own policy, stricter than the app-wide one: scripts, styles, images, fonts and fetches
#: from the app's origin only, no inline script or style. The app-wide middleware keeps it as it is.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def _html(text: str, status_code: int = 200) -> HTMLResponse:
    return HTMLResponse(
        text,
        status_code=status_code,
        headers={"Cache-Control": "no-store", "Content-Security-Policy": PAGE_CSP},
    )


def _hooks(request: Request) -> bool:
    """Whether the page exposes its state to browser tests (ORGLINKS_TEST_HOOKS; never in production)."""
    return bool(getattr(request.app.state.settings, "test_hooks", False))


def _user(graph: Graph, principal: Principal) -> dict[str, Any]:
    """Who is logged in, for the page header: name, role and the place the account speaks for, its area
    or a unit account's unit (its name if it can be read; none for the whole city)."""
    place_name = None
    if principal.unit_id is not None:
        try:
            place_name = unit_home(graph, principal.unit_id).name
        except (GraphUnavailable, NotFound):
            place_name = None
    elif principal.area_id is not None:
        try:
            area = get_area(graph, principal.area_id)
        except GraphUnavailable:
            area = None
        place_name = area.name if area else None
    return {
        "username": principal.username,
        "role": principal.role.value,
        "place_id": principal.unit_id or principal.area_id,
        "place_name": place_name,
    }


@router.get("/", response_class=HTMLResponse)
def explorer_home(graph: GraphDep, principal: CurrentUser) -> Response:
    """The explorer: search box, filters, legend and details panel, the top areas to start from, and the
    progress of the user's area by child area (fetched by the page's script from /api/stats). A unit
    account, which reads nothing of an area, starts in its claim hall."""
    if principal.role is Role.UNIT:
        return RedirectResponse("/view/claims", status_code=303)
    context = {"start_areas": _start_areas(graph, principal)}
    return _html(render_home_page(context, user=_user(graph, principal)))


def _start_areas(graph: Graph, principal: Principal) -> list[dict[str, str | None]]:
    """The user's top areas (every top-level area for a global admin, else their own) and the areas one
    level below them; none while Neo4j is down."""
    try:
        top = (
            top_areas(graph)
            if principal.is_global
            else [area for root in principal.scope or [] if (area := get_area(graph, root)) is not None]
        )
        below = [a for root in top[:START_AREAS] for a in child_areas(graph, resolve_scope(graph, root.id))]
    except GraphUnavailable:
        return []
    return [{"id": a.id, "name": a.name, "level": a.level} for a in (top + below)[:START_AREAS]]


@router.get("/view/entity/{entity_id:id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    graph: GraphDep,
    principal: CurrentUser,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    types: Annotated[
        str | None, Query(max_length=500, description="Comma-separated tie kinds; all if empty")
    ] = None,
) -> HTMLResponse:
    """An organization's network, expandable in the browser."""
    view = ego_network(
        graph,
        entity_id,
        depth=depth,
        types=parse_rel_types(types),
        limit=ENTITY_PAGE_NODES,
        scope=principal.scope,
    )
    ego = next((n for n in view.nodes if n.id == entity_id), None)
    name = ego.label if ego else entity_id
    page = render_page(
        view,
        page="entity",
        title=Title("title_entity", {"name": name}),
        context={"subject": entity_id},
        user=_user(graph, principal),
        test_hooks=_hooks(request),
    )
    return _html(page)


@router.get("/view/area/{area_id:id}", response_class=HTMLResponse)
def area_page(request: Request, graph: GraphDep, principal: CurrentUser, area_id: AreaId) -> HTMLResponse:
    """An area's communities, party orgs, units, alliances and contracts, with a gap overlay."""
    effective_scope(graph, principal, area_id)  # an area outside the user's scope is not found
    user = _user(graph, principal)
    return _html(area_page_html(graph, area_id, scope=principal.scope, user=user, test_hooks=_hooks(request)))


def area_page_html(
    graph: Graph,
    area_id: str,
    *,
    scope: list[str] | None,
    user: dict[str, Any] | None,
    test_hooks: bool = False,
) -> str:
    """The area page of an area the caller may read (`scope`: the account's root area ids, None for all)."""
    view, gaps = area_page_view(graph, area_id, scope=scope)
    root = next((n for n in view.nodes if n.id == area_id), None)
    return render_page(
        view,
        page="area",
        title=Title("title_area", {"name": root.label if root else area_id}),
        context={"subject": area_id, "gaps": gaps},
        user=user,
        test_hooks=test_hooks,
    )


def area_page_view(
    graph: Graph, area_id: str, *, scope: list[str] | None
) -> tuple[GraphView, dict[str, Any]]:
    """What the area page reads: the area's view, its units marked with the links they lack (unless
    the view is folded), and what the page says of the gap marks."""
    view = area_view(graph, area_id, cap=NODE_CAP, scope=scope)
    folded = view.aggregated or len(view.nodes) > NODE_CAP  # units counted or folded: none to mark
    if not folded:
        _mark_gaps(graph, view, area_id, scope)
    gaps = {
        "available": not folded,
        "reason": "gap_folded" if folded else "",
        "as_of": dt.date.today().isoformat(),
    }
    return view, gaps


def _mark_gaps(graph: Graph, view: GraphView, area_id: str, access: list[str] | None) -> None:
    """Set each unit's `gaps` to the kinds of co-building link it lacks today."""
    units = {n.id: n for n in view.nodes if n.type == "Unit"}
    if not units:
        return
    scope = Scope(area_id, None, None, [area_id], access=access)
    lacking = links_lacking(graph, scope, list(units), as_of=dt.date.today())
    for uid, kinds in lacking.items():
        units[uid].gaps.extend(kind.value for kind in kinds)


@router.get("/view/path", response_class=HTMLResponse)
def path_page(
    request: Request,
    graph: GraphDep,
    principal: CurrentUser,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    via: Via = Via.ORG,
    k: Annotated[int, Query(ge=1, le=MAX_K)] = DEFAULT_K,
    kinds: KindsQuery = None,
    inactive: bool = True,
    as_of: AsOfQuery = None,
) -> HTMLResponse:
    """How two organizations or areas are connected: the ranked paths, each told in words."""
    answer, chosen = ask_paths(
        graph, principal, source, target, via=via, k=k, kinds=kinds, inactive=inactive, as_of=as_of
    )
    ends = {"from": answer.source.label, "to": answer.target.label}
    context = {
        "subject": source,
        "target": target,
        "paths": [[n.id for n in p.nodes] for p in answer.paths],
        "path_answer": paths_out(answer, via=via, kinds=chosen, inactive=inactive).model_dump(mode="json"),
        "path_words": PATH_WORDS,
        "notice": "" if answer.paths else "path_none",
    }
    page = render_page(
        answer.graph,
        page="path",
        title=Title("title_path", ends),
        context=context,
        user=_user(graph, principal),
        test_hooks=_hooks(request),
    )
    return _html(page)
