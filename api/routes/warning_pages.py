"""The warnings page (预警) and the 待办 list: server-rendered work pages over the API's answers (the
same route functions, so the same scope: an area outside the user's is not found)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep
from api.listing import AreaQuery, AsOfQuery, Format
from api.routes.pages import _html, _user
from api.routes.todo import get_todo
from api.routes.warnings import WarningsOut, get_warnings
from api.routes.workpages import _json
from api.security.deps import CurrentUser, SettingsDep
from graph.warnings import MAX_ITEMS, Level, Rule
from visualize.workpages import render_work_page

router = APIRouter(tags=["pages"], include_in_schema=False)

#: The page an item of each rule links to, by its id (the claim page is the claim hall's).
ITEM_PAGES: dict[Rule, str] = {
    Rule.CONTRACTS_EXPIRING: "/view/contract/",
    Rule.NEEDS_UNCLAIMED: "/view/entity/",
    Rule.CLAIMS_PENDING: "/view/claim/",
    Rule.UNITS_UNLINKED: "/view/entity/",
    Rule.COMMITTEES_UNSEATED: "/view/committee/",
    Rule.ALLIANCES_IDLE: "/view/alliance/",
}


def _chosen(answer: WarningsOut, rule: Rule | None) -> Rule:
    """The rule asked for, else the first red one, else the first yellow one, else the first."""
    if rule is not None:
        return rule
    for level in (Level.RED, Level.YELLOW):
        for found in answer.rules:
            if found.level is level:
                return found.rule
    return answer.rules[0].rule


@router.get("/view/warnings", response_class=HTMLResponse)
def warnings_page(
    graph: GraphDep,
    principal: CurrentUser,
    settings: SettingsDep,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
    rule: Annotated[Rule | None, Query(description="The rule whose items are listed")] = None,
) -> HTMLResponse:
    """The warning rules of an area (default: yours) as red / yellow / green cards, its child areas'
    levels, and the items of one rule with links and exports."""
    answer = _json(
        get_warnings(graph, principal, settings, request, area=area, as_of=as_of, format=Format.JSON),
        WarningsOut,
    )
    chosen = _chosen(answer, rule)
    current = next(r for r in answer.rules if r.rule is chosen)
    names = {c.id: c.name or c.id for c in answer.children}
    context = {
        "w": answer,
        "as_of": answer.as_of.isoformat(),
        "area_id": answer.area.id if answer.area else None,
        "chosen": chosen.value,
        "current": current,
        "child_names": names,
        "item_page": ITEM_PAGES[chosen],
        "max_items": MAX_ITEMS,
    }
    names_of_area = {"name": answer.area.name or answer.area.id} if answer.area else {}
    return _html(
        render_work_page(
            "warnings",
            title_key="title_warnings" if answer.area else "title_warnings_all",
            names=names_of_area,
            user=_user(graph, principal),
            context=context,
            nav_current="nav_warnings",
        )
    )


@router.get("/view/todo", response_class=HTMLResponse)
def todo_page(
    graph: GraphDep, principal: CurrentUser, settings: SettingsDep, as_of: AsOfQuery = None
) -> HTMLResponse:
    """The decisions waiting on you (待办): claims to decide, oldest first; contracts to renew."""
    todo = get_todo(graph, principal, settings, as_of=as_of)
    context = {"todo": todo, "as_of": todo.as_of.isoformat()}
    return _html(
        render_work_page(
            "todo",
            title_key="title_todo",
            user=_user(graph, principal),
            context=context,
            nav_current="nav_todo",
        )
    )
