"""A project's steps and rating, a contract's signing, termination and renewal, and a contract's
lifecycle on a date. Editors and admins in their area change them, every role reads them.

The rules and states live in graph/lifecycle.py and docs/workflow.md; errors come back as the domain's
4xx (api/errors.py): 404 for an unknown id or one outside your area alike, 403 for the wrong side, 409
for an item no longer in the state the step needs, 422 for bad input.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from api.deps import GraphDep
from api.listing import AsOfQuery, as_of_or_today
from api.routes.claims import Created, StepOut, actor_of
from api.security.deps import CurrentUser, EditorUser
from graph import lifecycle
from graph.claims import MAX_REASON_CHARS

router = APIRouter(tags=["lifecycle"])

Id = Annotated[str, Path(min_length=1, max_length=200)]
_ERRORS: dict[int | str, dict[str, str]] = {
    403: {"description": "A viewer, or an account of the other side"},
    404: {"description": "No such project or contract in your area"},
    409: {"description": "The project or contract is no longer in a state that allows this step"},
}


class ProjectStep(BaseModel):
    status: str = Field(description="The project's state after the step")


class Rating(BaseModel):
    rating: int = Field(description="1 (poor) to 5 (excellent)")
    comment: str = Field(default="", max_length=lifecycle.MAX_COMMENT_CHARS, description="服务评价")


class Signing(BaseModel):
    signed: dt.date = Field(description="The signing date: in force from this day")
    expires: dt.date | None = Field(default=None, description="The last day in force, on or after signed")


class Termination(BaseModel):
    on: dt.date = Field(description="The first day the contract no longer binds (after its signing date)")
    reason: str = Field(min_length=1, max_length=MAX_REASON_CHARS)


class Renewal(Signing):
    title: str | None = Field(
        default=None, max_length=lifecycle.MAX_TITLE_CHARS, description="Default: the renewed contract's"
    )


class ProjectOut(BaseModel):
    id: str
    title: str | None
    status: str | None
    start: dt.date | None
    end: dt.date | None
    done_at: dt.datetime | None
    rating: int | None
    comment: str | None
    rated_at: dt.datetime | None
    rated_by: str | None
    contract: str | None
    contract_title: str | None
    need: str | None
    need_title: str | None
    raiser: str | None
    raiser_name: str | None
    resource: str | None
    resource_title: str | None
    provider: str | None
    provider_name: str | None
    need_side: bool = Field(description="Your area holds the need's raiser: you may move it and rate it")
    provider_side: bool = Field(description="Your area holds its provider: you may move it")
    steps: list[StepOut]


class TermOut(BaseModel):
    id: str
    title: str | None
    signed: dt.date | None
    expires: dt.date | None


class ProjectStateOut(BaseModel):
    id: str
    status: str | None
    rating: int | None
    comment: str | None
    rated_at: dt.datetime | None
    rated_by: str | None
    done_at: dt.datetime | None
    need_side: bool
    provider_side: bool
    has_need: bool
    steps: list[StepOut]


class LifecycleOut(BaseModel):
    id: str
    status: str | None = Field(description="As stored: draft, active, terminated (or a ledger's expired)")
    status_on: str | None = Field(
        description="On as_of: draft, not_yet (signed later), active (in force), expired, terminated"
    )
    in_force: bool
    signed: dt.date | None
    expires: dt.date | None
    terminated_on: dt.date | None
    termination_reason: str | None
    renews: TermOut | None
    renewed_by: TermOut | None
    community_side: bool = Field(description="Your area holds its community's side: you may sign, end, renew")
    needs_met: int = Field(description="Needs met by its done projects")
    average_rating: float | None
    ratings: int
    steps: list[StepOut]
    projects: list[ProjectStateOut]


@router.get("/api/projects/{project_id:id}", response_model=ProjectOut, responses=_ERRORS)
def get_project(graph: GraphDep, principal: CurrentUser, project_id: Id) -> ProjectOut:
    """One project with its need, resource, provider, contract, rating and every step."""
    project = lifecycle.get_project(graph, principal.scope, project_id)
    return ProjectOut.model_validate(project, from_attributes=True)


@router.post("/api/projects/{project_id:id}/start", response_model=ProjectStep, responses=_ERRORS)
def start_project(graph: GraphDep, principal: EditorUser, project_id: Id) -> ProjectStep:
    """planned → ongoing (进行中), by the need's side or the provider's side."""
    return ProjectStep(status=lifecycle.step_project(graph, actor_of(graph, principal), project_id, "start"))


@router.post("/api/projects/{project_id:id}/complete", response_model=ProjectStep, responses=_ERRORS)
def complete_project(graph: GraphDep, principal: EditorUser, project_id: Id) -> ProjectStep:
    """ongoing → done (已完成), by the need's side or the provider's side."""
    return ProjectStep(
        status=lifecycle.step_project(graph, actor_of(graph, principal), project_id, "complete")
    )


@router.post("/api/projects/{project_id:id}/rate", status_code=204, responses=_ERRORS)
def rate_project(graph: GraphDep, principal: EditorUser, project_id: Id, body: Rating) -> None:
    """The need's side rates a done project 1-5 with a comment (服务评价), once."""
    lifecycle.rate_project(
        graph, actor_of(graph, principal), project_id, rating=body.rating, comment=body.comment
    )


@router.get("/api/contracts/{contract_id:id}/lifecycle", response_model=LifecycleOut, responses=_ERRORS)
def get_lifecycle(
    graph: GraphDep, principal: CurrentUser, contract_id: Id, as_of: AsOfQuery = None
) -> LifecycleOut:
    """The contract on `as_of`: its state, renewal chain, projects with their ratings and history."""
    found = lifecycle.contract_lifecycle(graph, principal.scope, contract_id, as_of_or_today(as_of))
    return LifecycleOut.model_validate(found, from_attributes=True)


@router.post("/api/contracts/{contract_id:id}/sign", status_code=204, responses=_ERRORS)
def sign_contract(graph: GraphDep, principal: EditorUser, contract_id: Id, body: Signing) -> None:
    """draft → active from `signed` to `expires`, by the community's side."""
    lifecycle.sign_contract(
        graph, actor_of(graph, principal), contract_id, signed=body.signed, expires=body.expires
    )


@router.post("/api/contracts/{contract_id:id}/terminate", status_code=204, responses=_ERRORS)
def terminate_contract(graph: GraphDep, principal: EditorUser, contract_id: Id, body: Termination) -> None:
    """active → terminated from `on`, with the reason, by the community's side."""
    lifecycle.terminate_contract(
        graph, actor_of(graph, principal), contract_id, on=body.on, reason=body.reason
    )


@router.post(
    "/api/contracts/{contract_id:id}/renew", response_model=Created, status_code=201, responses=_ERRORS
)
def renew_contract(graph: GraphDep, principal: EditorUser, contract_id: Id, body: Renewal) -> Created:
    """A new active contract between the same parties, renewing this one, with its own term."""
    renewal = lifecycle.renew_contract(
        graph,
        actor_of(graph, principal),
        contract_id,
        signed=body.signed,
        expires=body.expires,
        title=body.title,
    )
    return Created(id=renewal)
