"""Projects and contracts after an approval (契约化共建): a project's steps and its rating (服务评价),
a contract's signing, termination and renewal; each one write transaction with its history.

Every change takes the item's write lock first, then reads the state it decides on, then writes the
change and a step (who, when, the state before and after, the reason), as for claims (graph/claims.py,
whose actor, text and date checks it shares). A refused change raises inside the transaction, which
rolls back: nothing changes. The states and who may do what: docs/workflow.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from graph.claims import MAX_REASON_CHARS, Actor, Step, _check_dates, _now, _text
from graph.driver import Graph, run
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from graph.queries import lifecycle as q
from graph.vocabulary import ContractStatus, ProjectStatus

MAX_COMMENT_CHARS = 1000
MAX_TITLE_CHARS = 200
MAX_PROJECTS = 5000
RATINGS = range(1, 6)

#: A project's next state for each step, and the state it must be in.
_PROJECT_STEPS: dict[str, tuple[ProjectStatus, ProjectStatus]] = {
    "start": (ProjectStatus.PLANNED, ProjectStatus.ONGOING),
    "complete": (ProjectStatus.ONGOING, ProjectStatus.DONE),
}


@dataclass(frozen=True)
class Project:
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
    need_side: bool
    provider_side: bool
    steps: list[Step]


@dataclass(frozen=True)
class ContractTerm:
    """A contract of the renewal chain, by its term."""

    id: str
    title: str | None
    signed: dt.date | None
    expires: dt.date | None


@dataclass(frozen=True)
class ProjectState:
    """A project of a contract on its page: state, rating, history, and the caller's sides of it."""

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
    steps: list[Step]


@dataclass(frozen=True)
class ContractLifecycle:
    """A contract on `as_of`: its state that day, term, termination, renewal chain, rating, history."""

    id: str
    status: str | None
    status_on: str | None
    in_force: bool
    signed: dt.date | None
    expires: dt.date | None
    terminated_on: dt.date | None
    termination_reason: str | None
    renews: ContractTerm | None
    renewed_by: ContractTerm | None
    community_side: bool
    needs_met: int
    average_rating: float | None
    ratings: int
    steps: list[Step]
    projects: list[ProjectState]


def _steps(rows: list[dict[str, Any]]) -> list[Step]:
    return [Step(**row) for row in rows]


# --- projects ---------------------------------------------------------------------------------------


def _locked_project(tx: ManagedTransaction, actor: Actor, project: str) -> dict[str, Any]:
    if not run(tx, q.LOCK_PROJECT, {"project": project, "scope": actor.scope}):
        raise NotFound(f"no project with id {project!r}")
    state: dict[str, Any] = run(tx, q.PROJECT_STATE, {"project": project, "scope": actor.scope})[0]
    return state


def step_project(graph: Graph, actor: Actor, project: str, action: str) -> str:
    """Move a project one step (`start`: planned → ongoing, `complete`: ongoing → done); the need's
    side or the provider's side in the actor's scope. Returns the new state."""
    if action not in _PROJECT_STEPS:
        raise Invalid(f"action must be one of {', '.join(_PROJECT_STEPS)}, not {action!r}")
    before, after = _PROJECT_STEPS[action]

    def work(tx: ManagedTransaction) -> str:
        state = _locked_project(tx, actor, project)
        if not (state["need_side"] or state["provider_side"]):
            raise Forbidden(f"project {project!r}: only its need's side or its provider's side moves it")
        if state["status"] != before:
            raise Conflict(f"project {project!r} is {state['status']!r}; {action} needs it {before.value!r}")
        params = {"project": project, "action": action, "after": str(after), "reason": None}
        run(tx, q.STEP_PROJECT, {**params, "now": _now(), "user": actor.username})
        return str(after)

    return graph.write_tx(work)


def rate_project(graph: Graph, actor: Actor, project: str, *, rating: int, comment: str) -> None:
    """The need's raiser side records its rating (1-5) and comment of a done project, once."""
    if rating not in RATINGS:
        raise Invalid(f"rating must be a whole number from 1 to 5, not {rating}")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise Invalid(f"comment is longer than {MAX_COMMENT_CHARS} characters")

    def work(tx: ManagedTransaction) -> None:
        state = _locked_project(tx, actor, project)
        if not state["has_need"]:
            raise Conflict(f"project {project!r} meets no need: there is no raiser to rate it")
        if not state["need_side"]:
            raise Forbidden(f"project {project!r}: only its need's side rates it")
        if state["status"] != ProjectStatus.DONE:
            raise Conflict(f"project {project!r} is {state['status']!r}; it is rated once it is 'done'")
        if state["rating"] is not None:
            raise Conflict(f"project {project!r} is rated already ({state['rating']}); it is rated once")
        params: dict[str, Any] = {"project": project, "action": "rate", "after": str(ProjectStatus.DONE)}
        params |= {"rating": rating, "reason": comment or None}
        run(tx, q.RATE_PROJECT, {**params, "now": _now(), "user": actor.username})

    graph.write_tx(work)


def get_project(graph: Graph, scope: list[str] | None, project: str) -> Project:
    """One project in `scope`, with its need, resource, provider, contract and history."""
    rows = graph.read(q.PROJECT_DETAIL, {"project": project, "scope": scope})
    if not rows:
        raise NotFound(f"no project with id {project!r}")
    row = dict(rows[0])
    return Project(**{**row, "steps": _steps(row["steps"])})


def projects_of(graph: Graph, scope: list[str] | None) -> list[dict[str, Any]]:
    """The projects in `scope` with their need, provider, contract and rating (at most MAX_PROJECTS)."""
    return graph.read(q.PROJECTS, {"scope": scope, "limit": MAX_PROJECTS})


# --- contracts --------------------------------------------------------------------------------------


def _locked_contract(tx: ManagedTransaction, actor: Actor, contract: str) -> dict[str, Any]:
    if not run(tx, q.LOCK_CONTRACT, {"contract": contract, "scope": actor.scope}):
        raise NotFound(f"no contract with id {contract!r}")
    state: dict[str, Any] = run(tx, q.CONTRACT_STATE, {"contract": contract, "scope": actor.scope})[0]
    if not state["community_side"]:
        raise Forbidden(f"contract {contract!r}: only its community's side signs, ends or renews it")
    return state


def sign_contract(
    graph: Graph, actor: Actor, contract: str, *, signed: dt.date, expires: dt.date | None
) -> None:
    """The community's side signs a draft contract: active from `signed` to `expires` (none: open)."""
    _check_dates(signed, expires, ("signed", "expires"))

    def work(tx: ManagedTransaction) -> None:
        state = _locked_contract(tx, actor, contract)
        if state["status"] != ContractStatus.DRAFT:
            raise Conflict(f"contract {contract!r} is {state['status']!r}; only a draft is signed")
        params = {"contract": contract, "signed": signed, "expires": expires, "action": "sign"}
        params |= {"after": str(ContractStatus.ACTIVE), "reason": None}
        run(tx, q.SIGN_CONTRACT, {**params, "now": _now(), "user": actor.username})

    graph.write_tx(work)


def terminate_contract(graph: Graph, actor: Actor, contract: str, *, on: dt.date, reason: str) -> None:
    """The community's side ends an active contract from `on` (the first day it no longer binds)."""
    reason = _text(reason, "reason", MAX_REASON_CHARS)

    def work(tx: ManagedTransaction) -> None:
        state = _locked_contract(tx, actor, contract)
        if state["status"] != ContractStatus.ACTIVE:
            raise Conflict(f"contract {contract!r} is {state['status']!r}; only an active one is terminated")
        signed, expires = state["signed"], state["expires"]
        if signed is not None and on <= signed:
            raise Invalid(f"on ({on.isoformat()}) must be after signed ({signed.isoformat()})")
        if expires is not None and on > expires:
            raise Invalid(f"on ({on.isoformat()}) is after expires ({expires.isoformat()}): it ended already")
        params = {"contract": contract, "on": on, "reason": reason, "action": "terminate"}
        params |= {"after": str(ContractStatus.TERMINATED)}
        run(tx, q.TERMINATE_CONTRACT, {**params, "now": _now(), "user": actor.username})

    graph.write_tx(work)


def renew_contract(
    graph: Graph,
    actor: Actor,
    contract: str,
    *,
    signed: dt.date,
    expires: dt.date | None,
    title: str | None = None,
) -> str:
    """The community's side renews a signed contract (active, or expired): a new active contract
    between the same parties with its own term, (new)-[:RENEWS]->(old). Returns the new id."""
    _check_dates(signed, expires, ("signed", "expires"))
    title = _text(title, "title", MAX_TITLE_CHARS) if title else None
    renewal = f"contract-{uuid.uuid4()}"

    def work(tx: ManagedTransaction) -> str:
        state = _locked_contract(tx, actor, contract)
        if state["status"] not in (ContractStatus.ACTIVE, ContractStatus.EXPIRED):
            raise Conflict(f"contract {contract!r} is {state['status']!r}; only a signed contract is renewed")
        if state["renewed_by"] is not None:
            raise Conflict(f"contract {contract!r} is renewed already by {state['renewed_by']!r}")
        if state["signed"] is not None and signed <= state["signed"]:
            raise Invalid(
                f"signed ({signed.isoformat()}) must be after the renewed contract's "
                f"signing date ({state['signed'].isoformat()})"
            )
        params = {"contract": contract, "renewal": renewal, "signed": signed, "expires": expires}
        params |= {"title": title or state["title"] or state["name"] or contract, "action": "renew"}
        params |= {"after": str(ContractStatus.ACTIVE), "reason": None}
        run(tx, q.RENEW_CONTRACT, {**params, "now": _now(), "user": actor.username})
        return renewal

    return graph.write_tx(work)


def _term(row: dict[str, Any] | None) -> ContractTerm | None:
    if row is None:
        return None
    return ContractTerm(row["id"], row.get("title") or row.get("name"), row.get("signed"), row.get("expires"))


def contract_lifecycle(
    graph: Graph, scope: list[str] | None, contract: str, as_of: dt.date
) -> ContractLifecycle:
    """A contract in `scope` on `as_of`: its state that day, renewals, projects with their ratings."""
    rows = graph.read(q.CONTRACT_LIFECYCLE, {"contract": contract, "scope": scope, "as_of": as_of})
    if not rows:
        raise NotFound(f"no contract with id {contract!r}")
    row = rows[0]
    projects = [
        ProjectState(
            id=p["id"],
            status=p["status"],
            rating=p["rating"],
            comment=p["rating_comment"],
            rated_at=p["rated_at"],
            rated_by=p["rated_by"],
            done_at=p["done_at"],
            need_side=p["need_side"],
            provider_side=p["provider_side"],
            has_need=p["has_need"],
            steps=_steps(p["steps"]),
        )
        for p in row["projects"]
    ]
    rated = [p.rating for p in projects if p.rating is not None]
    return ContractLifecycle(
        id=row["id"],
        status=row["status"],
        status_on=row["status_on"],
        in_force=bool(row["in_force"]),
        signed=row["signed"],
        expires=row["expires"],
        terminated_on=row["terminated_on"],
        termination_reason=row["termination_reason"],
        renews=_term(row["renews"]),
        renewed_by=_term(row["renewed_by"]),
        community_side=row["community_side"],
        needs_met=row["needs_met"],
        average_rating=round(sum(rated) / len(rated), 2) if rated else None,
        ratings=len(rated),
        steps=_steps(row["steps"]),
        projects=projects,
    )
