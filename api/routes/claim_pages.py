"""The claim hall pages: /view/claims (the hall, the claim form, my claims) and /view/claim/{id} (one
claim, its history and the buttons of the step the viewer may take).

Both read through the API's own functions (api/routes/claims.py), so the scope, the unit accounts'
reach and the 404 for what lies outside are the API's; the hall's table is filled by its script from
/api/claims/hall, whose export links carry the filter on screen."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from accounts.principal import Principal, Role
from api.deps import GraphDep
from api.listing import AreaQuery
from api.routes.claims import get_claim, hall_scope, unit_reach
from api.routes.pages import _html, _user
from api.routes.workbench import _page
from api.security.deps import CurrentUser
from graph.claims import closed_by
from graph.driver import Graph
from graph.scope import Scope, child_areas, get_area, top_areas
from i18n.vocabulary import category_label
from visualize.workbench_words import CATEGORIES
from visualize.workpages import BEIJING, render_work_page

router = APIRouter(tags=["pages"], include_in_schema=False)

ClaimId = Annotated[str, Path(min_length=1, max_length=200, description="The claim's id")]


def _picker(graph: Graph, principal: Principal, scope: Scope) -> list[dict[str, Any]]:
    """The areas the hall's picker offers: a unit account's street and district; else the user's own
    area (every top-level area for a global admin), the area on screen and the areas one level below."""
    if principal.role is Role.UNIT:
        return [{"id": a, "name": name} for a, name in unit_reach(graph, principal).reach()]
    roots = principal.scope or []
    own = top_areas(graph) if principal.is_global else [a for r in roots if (a := get_area(graph, r))]
    here = [a for a in [get_area(graph, scope.area_id)] if a] if scope.area_id else []
    seen: set[str] = set()
    areas = []
    for area in [*own, *here, *child_areas(graph, scope)]:
        if area.id not in seen:
            seen.add(area.id)
            areas.append({"id": area.id, "name": area.name})
    return areas


@router.get("/view/claims", response_class=HTMLResponse)
def claims_page(
    graph: GraphDep, principal: CurrentUser, request: Request, area: AreaQuery = None
) -> HTMLResponse:
    """The claim hall of an area: open needs and offered resources ranked for the viewer, the claim form,
    and the viewer's claims."""
    scope = hall_scope(graph, principal, area)
    unit = None
    if principal.role is Role.UNIT:
        home = unit_reach(graph, principal)
        unit = {"id": home.id, "name": home.name}
    context = {
        "categories": CATEGORIES,
        "areas": _picker(graph, principal, scope),
        "can_claim": principal.can_claim(),
        "can_raise": principal.can_write(),
        "unit": unit,
    }
    return _page("claims", graph, principal, request, scope, context)


@router.get("/view/claim/{claim_id:id}", response_class=HTMLResponse)
def claim_page(graph: GraphDep, principal: CurrentUser, claim_id: ClaimId) -> HTMLResponse:
    """One claim: its need or resource, claimant, plan, state, project and contract, every step, and the
    approve / reject / withdraw buttons for whoever may press them."""
    claim = get_claim(graph, principal, claim_id)
    pending = claim.status == "pending" and principal.can_claim()
    mine = claim.created_by == principal.username
    context = {
        "c": claim,
        "category": category_label(claim.category) if claim.category else "",
        "may_decide": pending and claim.owner_side and not mine,
        "may_withdraw": pending and claim.claimant_side,
        # A unit account reads no contract or network page (its scope is its claims): names, no links.
        "links": principal.role is not Role.UNIT,
        "closed_by": closed_by,
        "local": lambda moment: moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
    }
    names = {"name": claim.item_title or claim.item}
    page = render_work_page(
        "claim",
        title_key="title_claim",
        names=names,
        user=_user(graph, principal),
        context=context,
        data={"claim": claim.id},
        entry="claim",
        nav_current="nav_claims",
    )
    return _html(page)
