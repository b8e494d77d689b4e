"""The work pages: a contract, an alliance, a big committee, the coverage of an area, and imports.

Each page shows what its API answers (the same route functions, so the same scope, masking and audit)
as HTML in the explorer's style; an id outside the user's area is not found, as in the API."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse

from api.deps import GraphDep, StatsCacheDep
from api.listing import MAX_PAGE_SIZE, AreaQuery, AsOfQuery, Format, as_of_or_today
from api.routes.alliances import AllianceRoster, get_alliance_members
from api.routes.committees import CommitteeRoster, get_committee_seats
from api.routes.contracts import get_contract
from api.routes.pages import _html, _user
from api.routes.stats import Stats, get_stats
from api.security.deps import CurrentUser
from graph.lifecycle import contract_lifecycle, get_project
from graph.page_facts import joint_meeting
from loaders.tables import TABLES
from visualize.workpages import contract_history, render_work_page, step_rows

router = APIRouter(tags=["pages"], include_in_schema=False)

Id = Annotated[str, Path(min_length=1, max_length=200, description="The id (编号)")]
Model = TypeVar("Model")


def _json(answer: object, model: type[Model]) -> Model:
    """The API's answer when JSON was asked for (the routes answer a file only for csv / xlsx)."""
    if not isinstance(answer, model):
        raise TypeError(f"expected {model.__name__}, got {type(answer).__name__}")
    return answer


@router.get("/view/contract/{contract_id:id}", response_class=HTMLResponse)
def contract_page(
    graph: GraphDep, principal: CurrentUser, contract_id: Id, as_of: AsOfQuery = None
) -> HTMLResponse:
    """A co-building contract: parties, term, whether in force on `as_of`, needs, resources, projects."""
    day = as_of_or_today(as_of)
    contract = get_contract(graph, principal, contract_id)
    life = contract_lifecycle(graph, principal.scope, contract_id, day)
    titles = {j.id: j.title or j.id for j in contract.projects}
    context = {
        "c": contract,
        "as_of": day.isoformat(),
        "in_force": life.in_force,
        "life": life,
        "projects": {p.id: p for p in life.projects},
        "history": contract_history(life, contract.title or contract.id, titles),
        "can_write": principal.can_write(),
    }
    names = {"name": contract.title or contract.id}
    page = render_work_page(
        "contract",
        title_key="title_contract",
        names=names,
        user=_user(graph, principal),
        context=context,
        entry="lifecycle",
    )
    return _html(page)


@router.get("/view/project/{project_id:id}", response_class=HTMLResponse)
def project_page(graph: GraphDep, principal: CurrentUser, project_id: Id) -> HTMLResponse:
    """A project: its need, resource, provider, contract, state, rating, history, and the buttons of its
    next step (or the rating form) for who may press them."""
    project = get_project(graph, principal.scope, project_id)
    history = [
        {**row, "item": project.title or project.id}
        for row in step_rows([(step, "ps_") for step in project.steps])
    ]
    context = {"j": project, "history": history, "can_write": principal.can_write()}
    page = render_work_page(
        "project",
        title_key="title_project",
        names={"name": project.title or project.id},
        user=_user(graph, principal),
        context=context,
        entry="lifecycle",
    )
    return _html(page)


@router.get("/view/alliance/{alliance_id:id}", response_class=HTMLResponse)
def alliance_page(graph: GraphDep, principal: CurrentUser, request: Request, alliance_id: Id) -> HTMLResponse:
    """A street party-building alliance: host street, lead org, members with the dates they joined."""
    roster = _json(
        get_alliance_members(
            graph, principal, request, alliance_id, page=1, page_size=MAX_PAGE_SIZE, format=Format.JSON
        ),
        AllianceRoster,
    )
    context = {"a": roster, "meeting": joint_meeting(graph, roster.host_id)}
    names = {"name": roster.name or alliance_id}
    return _html(
        render_work_page(
            "alliance", title_key="title_alliance", names=names, user=_user(graph, principal), context=context
        )
    )


@router.get("/view/committee/{org_id:id}", response_class=HTMLResponse)
def committee_page(
    graph: GraphDep, principal: CurrentUser, request: Request, org_id: Id, as_of: AsOfQuery = None
) -> HTMLResponse:
    """A (community big) party committee's seats, in term on `as_of` and ended; persons masked without pii."""
    day = as_of_or_today(as_of)
    roster = _json(
        get_committee_seats(
            graph,
            principal,
            request,
            org_id,
            include_past=True,
            as_of=day,
            page=1,
            page_size=MAX_PAGE_SIZE,
            format=Format.JSON,
        ),
        CommitteeRoster,
    )
    context = {
        "m": roster,
        "as_of": day.isoformat(),
        "current": [s for s in roster.items if s.current],
        "ended": [s for s in roster.items if not s.current],
        "masked": not principal.pii,
    }
    names = {"name": roster.name or org_id}
    return _html(
        render_work_page(
            "committee",
            title_key="title_committee",
            names=names,
            user=_user(graph, principal),
            context=context,
        )
    )


@router.get("/view/coverage", response_class=HTMLResponse)
def coverage_page(
    graph: GraphDep,
    stats_cache: StatsCacheDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    as_of: AsOfQuery = None,
) -> HTMLResponse:
    """An area's counts and coverage by child area, with percentages (default: your own area)."""
    answer = get_stats(graph, stats_cache, principal, request, area=area, as_of=as_of, format=Format.JSON)
    stats = _json(answer, Stats)
    context = {"s": stats, "as_of": stats.as_of.isoformat()}
    names = {"name": stats.area.name or ""}
    return _html(
        render_work_page(
            "coverage",
            title_key="title_coverage",
            names=names,
            user=_user(graph, principal),
            context=context,
            nav_current="nav_coverage",
        )
    )


@router.get("/view/imports", response_class=HTMLResponse)
def imports_page(graph: GraphDep, principal: CurrentUser) -> HTMLResponse:
    """Upload a ledger: dry run with its row report, then commit and see what changed; editors and admins."""
    user = _user(graph, principal)
    if not principal.can_write():
        page = render_work_page(
            "forbidden", title_key="title_forbidden", user=user, nav_current="nav_imports"
        )
        return _html(page, status_code=403)
    tables = {"tables": {table.key: table.zh for table in TABLES}}
    page = render_work_page(
        "imports",
        title_key="title_imports",
        user=user,
        data=tables,
        entry="imports",
        nav_current="nav_imports",
    )
    return _html(page)
