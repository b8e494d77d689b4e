"""Claims on needs (双向认领): make, approve, reject, withdraw; each one transaction with its history.

Every change first takes the need's write lock, then reads the states it decides on, so two decisions
on one need run one after the other and the second sees what the first did: of two approvals racing
for one need, exactly one succeeds. A refused change raises a domain error inside the transaction,
which rolls it back, so nothing is half-written. The states and who may do what: docs/workflow.md.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from graph.queries import claims as q

MAX_PLAN_CHARS = 2000
MAX_REASON_CHARS = 500
MAX_LISTED = 200


class ClaimStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Actor:
    """Who acts and the areas they may act in (root area ids; None = everywhere)."""

    username: str
    scope: list[str] | None


@dataclass(frozen=True)
class Term:
    """The term of a new contract signed at approval, when none is in force between the two sides."""

    signed: dt.date
    expires: dt.date | None


@dataclass(frozen=True)
class Approval:
    claim: str
    project: str
    contract: str
    contract_created: bool
    contract_status: str
    rejected: list[str]


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    by: str
    action: str
    before: str | None
    after: str
    reason: str | None


@dataclass(frozen=True)
class Claim:
    id: str
    status: str
    plan: str
    start: dt.date
    end: dt.date
    reason: str | None
    created_at: dt.datetime
    created_by: str
    need: str
    need_title: str | None
    need_status: str | None
    claimant: str
    claimant_name: str | None
    project: str | None
    contract: str | None
    contract_status: str | None
    steps: list[Step]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _text(value: str, what: str, limit: int) -> str:
    value = value.strip()
    if not value:
        raise Invalid(f"{what} must not be empty")
    if len(value) > limit:
        raise Invalid(f"{what} is longer than {limit} characters")
    return value


def _check_dates(first: dt.date, last: dt.date | None, names: tuple[str, str]) -> None:
    if last is not None and last < first:
        raise Invalid(f"{names[1]} ({last.isoformat()}) is before {names[0]} ({first.isoformat()})")


def make_claim(
    graph: Graph, actor: Actor, *, need: str, claimant: str, plan: str, start: dt.date, end: dt.date
) -> str:
    """A pending claim by `claimant` (a unit or party org in the actor's scope) on an open need in the
    actor's scope; returns its id."""
    plan = _text(plan, "plan", MAX_PLAN_CHARS)
    _check_dates(start, end, ("start", "end"))
    claim = f"claim-{uuid.uuid4()}"

    def work(tx: ManagedTransaction) -> str:
        if not run(tx, q.LOCK_NEED, {"need": need, "scope": actor.scope}):
            raise NotFound(f"no need with id {need!r}")
        state = run(tx, q.NEED_STATE, {"need": need})[0]
        if state["status"] != "open":
            raise Conflict(f"need {need!r} is not open (it is {state['status']!r}); it takes no more claims")
        rows = run(tx, q.CLAIMANT, {"claimant": claimant, "need": need, "scope": actor.scope})
        if not rows:
            raise NotFound(f"no unit or party organization with id {claimant!r}")
        if claimant in state["raisers"]:
            raise Invalid(f"{claimant!r} raised need {need!r}; it cannot claim its own need")
        if rows[0]["has_pending"]:
            raise Conflict(f"{claimant!r} already has a pending claim on need {need!r}")
        params = {
            "claim": claim,
            "need": need,
            "claimant": claimant,
            "plan": plan,
            "start": start,
            "end": end,
        }
        history = {"action": "claim", "after": str(ClaimStatus.PENDING), "reason": None}
        run(tx, q.CREATE_CLAIM, {**params, **history, "now": _now(), "user": actor.username})
        return claim

    return graph.write_tx(work)


def _locked_claim(
    tx: ManagedTransaction, lock: Any, claim: str, actor: Actor, *, deciding: bool = False
) -> dict[str, Any]:
    if not run(tx, lock, {"claim": claim, "scope": actor.scope}):
        raise NotFound(f"no claim with id {claim!r}")
    state = run(tx, q.CLAIM_STATE, {"claim": claim})[0]
    if deciding and state["created_by"] == actor.username:
        # One account's area may hold both sides (a district editor): it still may not approve or
        # reject its own claim; an account of the need's side decides.
        raise Forbidden(f"claim {claim!r} was made by you; an account of the need's side decides it")
    if state["status"] != ClaimStatus.PENDING:
        raise Conflict(f"claim {claim!r} is {state['status']!r}, no longer pending")
    return state


def _decide(
    tx: ManagedTransaction, actor: Actor, claim: str, action: str, after: ClaimStatus, reason: str | None
) -> None:
    params = {"claim": claim, "action": action, "after": str(after), "reason": reason}
    run(tx, q.DECIDE, {**params, "now": _now(), "user": actor.username})


def approve_claim(graph: Graph, actor: Actor, claim: str, *, term: Term | None = None) -> Approval:
    """Approve a pending claim on an open need in the actor's scope: the need is claimed, the other
    pending claims on it are rejected, and a project is made under the contract in force between the
    two sides on the claim's start, else under a new contract (active with `term`, else a draft)."""
    if term is not None:
        _check_dates(term.signed, term.expires, ("signed", "expires"))

    def work(tx: ManagedTransaction) -> Approval:
        state = _locked_claim(tx, q.LOCK_CLAIM_AS_RAISER, claim, actor, deciding=True)
        if state["need_status"] != "open":
            raise Conflict(f"need {state['need']!r} is not open (it is {state['need_status']!r})")
        if state["party"] is None:
            raise Invalid(f"need {state['need']!r} has no party organization or unit to sign a contract")
        now, sides = _now(), {"party": state["party"], "claimant": state["claimant"]}
        found = run(tx, q.CONTRACT_IN_FORCE_BETWEEN, {**sides, "start": state["start"]})
        contract, status = (found[0]["id"], "active") if found else (f"contract-{uuid.uuid4()}", "")
        if not found:
            status = "active" if term is not None else "draft"
            run(
                tx,
                q.CREATE_CONTRACT,
                {
                    **sides,
                    "contract": contract,
                    "title": f"{state['need_title'] or state['need']} · {state['claimant_name'] or ''}",
                    "status": status,
                    "signed": term.signed if term else None,
                    "expires": term.expires if term else None,
                    "user": actor.username,
                    "now": now,
                },
            )
        _decide(tx, actor, claim, "approve", ClaimStatus.APPROVED, None)
        project = f"project-{uuid.uuid4()}"
        params = {
            "claim": claim,
            "contract": contract,
            "project": project,
            "user": actor.username,
            "now": now,
        }
        run(tx, q.CREATE_PROJECT, params)
        reason = f"need {state['need']} closed: claim {claim} was approved"
        history = {"action": "reject", "after": str(ClaimStatus.REJECTED), "reason": reason}
        params = {"claim": claim, **history, "user": actor.username, "now": now}
        others = run(tx, q.CLOSE_OTHER_CLAIMS, params)
        return Approval(claim, project, contract, not found, status, [row["id"] for row in others])

    return graph.write_tx(work)


def reject_claim(graph: Graph, actor: Actor, claim: str, *, reason: str) -> None:
    """Reject a pending claim on a need in the actor's scope, with a reason."""
    reason = _text(reason, "reason", MAX_REASON_CHARS)

    def work(tx: ManagedTransaction) -> None:
        _locked_claim(tx, q.LOCK_CLAIM_AS_RAISER, claim, actor, deciding=True)
        _decide(tx, actor, claim, "reject", ClaimStatus.REJECTED, reason)

    graph.write_tx(work)


def withdraw_claim(graph: Graph, actor: Actor, claim: str, *, reason: str | None = None) -> None:
    """The claimant's side withdraws its pending claim (the claimant in the actor's scope)."""
    reason = _text(reason, "reason", MAX_REASON_CHARS) if reason else None

    def work(tx: ManagedTransaction) -> None:
        _locked_claim(tx, q.LOCK_CLAIM_AS_CLAIMANT, claim, actor)
        _decide(tx, actor, claim, "withdraw", ClaimStatus.WITHDRAWN, reason)

    graph.write_tx(work)


def get_claim(graph: Graph, scope: list[str] | None, claim: str) -> Claim:
    """One claim with its history, visible when its need or its claimant lies in `scope`."""
    rows = graph.read(q.CLAIM_DETAIL, {"claim": claim, "scope": scope})
    if not rows:
        raise NotFound(f"no claim with id {claim!r}")
    row = rows[0]
    head = row["claim"]
    return Claim(
        id=head["id"],
        status=head["status"],
        plan=head["plan"],
        start=head["start"],
        end=head["end"],
        reason=head.get("reason"),
        created_at=head["created_at"],
        created_by=head["created_by"],
        need=row["need"],
        need_title=row["need_title"],
        need_status=row["need_status"],
        claimant=row["claimant"],
        claimant_name=row["claimant_name"],
        project=row["project"],
        contract=row["contract"],
        contract_status=row["contract_status"],
        steps=[Step(**step) for step in row["steps"]],
    )


def claims_of_need(graph: Graph, scope: list[str] | None, need: str) -> list[dict[str, Any]]:
    """The claims on a need in `scope` (at most MAX_LISTED, newest first)."""
    rows = graph.read(q.NEED_CLAIMS, {"need": need, "scope": scope, "limit": MAX_LISTED})
    if not rows:
        raise NotFound(f"no need with id {need!r}")
    claims: list[dict[str, Any]] = rows[0]["claims"]
    return claims
