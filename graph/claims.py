"""Claims (双向认领) on needs and on resources: make, approve, reject, withdraw; each one transaction with
its history.

A unit (or its party org) claims a community's need; a community (its party org) claims a unit's
offered resource. The item's side (its raiser or provider) approves or rejects, the claimant's side may
withdraw. Every change first takes the item's write lock, then reads the states it decides on, so two
decisions on one item run one after the other and the second sees what the first did: of two
approvals racing for one need or one resource, exactly one succeeds. A refused change raises a domain
error inside the transaction, which rolls it back, so nothing is half-written. The states and who may
do what: docs/workflow.md.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import NamedQuery
from graph.driver import Graph, run
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from graph.queries import claims as q

MAX_PLAN_CHARS = 2000
MAX_REASON_CHARS = 500
MAX_LISTED = 200


#: The reason an approval gives the other pending claims it rejects; read back by `closed_by`.
_CLOSED_BY = re.compile(r"^(?:need|resource) .+ (?:closed|taken): claim (\S+) was approved$")


def closed_reason(kind: str, item: str, claim: str) -> str:
    """The reason of a claim rejected because `claim`, on the same need or resource, was approved."""
    closed = "closed" if kind == "need" else "taken"
    return f"{kind} {item} {closed}: claim {claim} was approved"


def closed_by(reason: str | None) -> str | None:
    """The claim whose approval rejected this one, if `reason` is such an approval's (`closed_reason`)."""
    found = _CLOSED_BY.match(reason or "")
    return found.group(1) if found else None


class ClaimStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Actor:
    """Who acts and the areas they may act in (root area ids; None = everywhere). A unit account
    (`unit`) acts only for its unit's side; its `scope` is the reach of its claim hall (the needs it may
    see and claim: its street and district)."""

    username: str
    scope: list[str] | None
    unit: str | None = None

    def params(self) -> dict[str, Any]:
        """The `$scope` and `$unit` of the queries (graph/rules.py `acts_for`)."""
        return {"scope": self.scope, "unit": self.unit}


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
    """A claim as its page shows it; `owner_side` / `claimant_side`: whether the reader acts for the
    item's side (who decides) or the claimant's (who may withdraw)."""

    id: str
    status: str
    plan: str
    start: dt.date
    end: dt.date
    reason: str | None
    created_at: dt.datetime
    created_by: str
    decided_at: dt.datetime | None
    decided_by: str | None
    kind: str
    item: str
    item_title: str | None
    item_status: str | None
    category: str | None
    owner: str | None
    owner_name: str | None
    claimant: str
    claimant_name: str | None
    project: str | None
    contract: str | None
    contract_status: str | None
    steps: list[Step]
    owner_side: bool = False
    claimant_side: bool = False

    @property
    def need(self) -> str | None:
        return self.item if self.kind == "need" else None

    @property
    def need_title(self) -> str | None:
        return self.item_title if self.kind == "need" else None

    @property
    def need_status(self) -> str | None:
        return self.item_status if self.kind == "need" else None

    @property
    def resource(self) -> str | None:
        return self.item if self.kind == "resource" else None


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
    graph: Graph, actor: Actor, *, item: str, claimant: str, plan: str, start: dt.date, end: dt.date
) -> str:
    """A pending claim by `claimant` (a unit or party org the actor acts for) on an open need or an
    offered resource in the actor's scope; returns its id. A unit account claims needs only."""
    plan = _text(plan, "plan", MAX_PLAN_CHARS)
    _check_dates(start, end, ("start", "end"))
    claim = f"claim-{uuid.uuid4()}"

    def work(tx: ManagedTransaction) -> str:
        if not run(tx, q.LOCK_ITEM, {"item": item, "scope": actor.scope}):
            raise NotFound(f"no need or resource with id {item!r}")
        state = run(tx, q.ITEM_STATE, {"item": item})[0]
        kind = state["kind"]
        if kind == "need" and state["status"] != "open":
            raise Conflict(f"need {item!r} is not open (it is {state['status']!r}); it takes no more claims")
        if kind == "resource" and actor.unit is not None:
            raise Forbidden("a unit account claims needs for its unit; a community claims resources")
        rows = run(tx, q.CLAIMANT, {"claimant": claimant, "item": item, **actor.params()})
        if not rows:
            raise NotFound(f"no unit or party organization with id {claimant!r}")
        if claimant in state["owners"]:
            verb = "raised" if kind == "need" else "offers"
            raise Invalid(f"{claimant!r} {verb} {kind} {item!r}; it cannot claim its own {kind}")
        if rows[0]["has_pending"]:
            raise Conflict(f"{claimant!r} already has a pending claim on {kind} {item!r}")
        params = {
            "claim": claim,
            "item": item,
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
    if not run(tx, lock, {"claim": claim, **actor.params()}):
        raise NotFound(f"no claim with id {claim!r}")
    state = run(tx, q.CLAIM_STATE, {"claim": claim})[0]
    if deciding and state["created_by"] == actor.username:
        # One account's area may hold both sides (a district editor): it still may not approve or
        # reject its own claim; an account of the item's side decides.
        side = f"an account of the {state['kind']}'s side decides it"
        raise Forbidden(f"claim {claim!r} was made by you; {side}")
    if state["status"] != ClaimStatus.PENDING:
        raise Conflict(f"claim {claim!r} is {state['status']!r}, no longer pending")
    return state


def _decide(
    tx: ManagedTransaction, actor: Actor, claim: str, action: str, after: ClaimStatus, reason: str | None
) -> None:
    params = {"claim": claim, "action": action, "after": str(after), "reason": reason}
    run(tx, q.DECIDE, {**params, "now": _now(), "user": actor.username})


def approve_claim(graph: Graph, actor: Actor, claim: str, *, term: Term | None = None) -> Approval:
    """Approve a pending claim on an item the actor acts for: the other pending claims on the item are
    rejected (a need is claimed now; a resource stays offered), and a project is made under the
    contract in force between the two sides on the claim's start, else under a new contract (active
    with `term`, else a draft). A need's claimant delivers it; a resource's provider delivers its own."""
    if term is not None:
        _check_dates(term.signed, term.expires, ("signed", "expires"))

    def work(tx: ManagedTransaction) -> Approval:
        state = _locked_claim(tx, q.LOCK_CLAIM_AS_OWNER, claim, actor, deciding=True)
        kind, item = state["kind"], state["item"]
        if kind == "need" and state["item_status"] != "open":
            raise Conflict(f"need {item!r} is not open (it is {state['item_status']!r})")
        if state["party"] is None:
            raise Invalid(f"{kind} {item!r} has no party organization or unit to sign a contract")
        if kind == "need":
            sides = {"community": state["party"], "provider": state["claimant"]}
        else:
            sides = {"community": state["claimant"], "provider": state["party"]}
        now = _now()
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
                    "title": f"{state['item_title'] or item} · {state['claimant_name'] or ''}",
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
            "provider": sides["provider"],
            "user": actor.username,
            "now": now,
        }
        run(tx, q.CREATE_PROJECT, params)
        reason = closed_reason(kind, item, claim)
        history = {"action": "reject", "after": str(ClaimStatus.REJECTED), "reason": reason}
        params = {"claim": claim, **history, "user": actor.username, "now": now}
        others = run(tx, q.CLOSE_OTHER_CLAIMS, params)
        return Approval(claim, project, contract, not found, status, [row["id"] for row in others])

    return graph.write_tx(work)


def reject_claim(graph: Graph, actor: Actor, claim: str, *, reason: str) -> None:
    """Reject a pending claim on an item the actor acts for, with a reason."""
    reason = _text(reason, "reason", MAX_REASON_CHARS)

    def work(tx: ManagedTransaction) -> None:
        _locked_claim(tx, q.LOCK_CLAIM_AS_OWNER, claim, actor, deciding=True)
        _decide(tx, actor, claim, "reject", ClaimStatus.REJECTED, reason)

    graph.write_tx(work)


def withdraw_claim(graph: Graph, actor: Actor, claim: str, *, reason: str | None = None) -> None:
    """The claimant's side withdraws its pending claim (a claimant the actor acts for)."""
    reason = _text(reason, "reason", MAX_REASON_CHARS) if reason else None

    def work(tx: ManagedTransaction) -> None:
        _locked_claim(tx, q.LOCK_CLAIM_AS_CLAIMANT, claim, actor)
        _decide(tx, actor, claim, "withdraw", ClaimStatus.WITHDRAWN, reason)

    graph.write_tx(work)


def get_claim(graph: Graph, scope: list[str] | None, claim: str, *, unit: str | None = None) -> Claim:
    """One claim with its history, visible when the reader acts for its item or its claimant (in
    `scope`, or for a unit account its unit's side)."""
    rows = graph.read(q.CLAIM_DETAIL, {"claim": claim, "scope": scope, "unit": unit})
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
        decided_at=head.get("decided_at"),
        decided_by=head.get("decided_by"),
        kind=row["kind"],
        item=row["item"],
        item_title=row["item_title"],
        item_status=row["item_status"],
        category=row["category"],
        owner=row["owner"],
        owner_name=row["owner_name"],
        claimant=row["claimant"],
        claimant_name=row["claimant_name"],
        project=row["project"],
        contract=row["contract"],
        contract_status=row["contract_status"],
        steps=[Step(**step) for step in row["steps"]],
        owner_side=bool(row["owner_side"]),
        claimant_side=bool(row["claimant_side"]),
    )


def claims_of_item(graph: Graph, scope: list[str] | None, item: str) -> list[dict[str, Any]]:
    """The claims on a need or resource in `scope` (at most MAX_LISTED, newest first)."""
    rows = graph.read(q.ITEM_CLAIMS, {"item": item, "scope": scope, "limit": MAX_LISTED})
    if not rows:
        raise NotFound(f"no need or resource with id {item!r}")
    claims: list[dict[str, Any]] = rows[0]["claims"]
    return claims


MAX_TITLE_CHARS = 200


def offer_resource(graph: Graph, actor: Actor, *, provider: str, title: str, category: str) -> str:
    """A resource (资源清单) offered in the app by `provider`, a unit or party org the actor acts for (a
    unit account: its unit or its unit's party org); returns its id. It is claimed like a loaded one."""
    owner = ("provider", provider, "unit or party organization")
    return _publish(graph, actor, q.OFFER_RESOURCE, owner, kind="resource", title=title, category=category)


def raise_need(graph: Graph, actor: Actor, *, raiser: str, title: str, category: str) -> str:
    """A need (需求清单) published in the app for `raiser`, a community or street (an area) or a party
    org of the actor's area; returns its id. Communities publish needs: a unit account may not (403)."""
    if actor.unit is not None:
        raise Forbidden("a unit account offers resources and claims needs; communities publish needs")
    owner = ("raiser", raiser, "area or party organization")
    return _publish(graph, actor, q.RAISE_NEED, owner, kind="need", title=title, category=category)


def _publish(graph: Graph, actor: Actor, query: NamedQuery, owner: tuple[str, str, str], **item: str) -> str:
    """Create the item `query` makes (its `kind`, `title` and `category` in `item`) for `owner` (the
    parameter's name, the id, and its words for the error): NotFound unless the actor acts for it."""
    key, owner_id, owner_words = owner
    kind = item["kind"]
    new_id = f"{kind}-{uuid.uuid4()}"
    title = _text(item["title"], "title", MAX_TITLE_CHARS)
    params: dict[str, Any] = {key: owner_id, kind: new_id, "title": title, "category": item["category"]}
    params |= {"user": actor.username, **actor.params(), "now": _now()}

    def work(tx: ManagedTransaction) -> None:
        # Refused inside the transaction, so that it rolls back and leaves the data version as it was.
        if not run(tx, query, params):
            raise NotFound(f"no {owner_words} with id {owner_id!r}")

    graph.write_tx(work)
    return new_id


class Side(StrEnum):
    """Which of an account's claims: those it made (its claimants') or those on its items."""

    MADE = "made"
    RECEIVED = "received"


def my_claims(graph: Graph, actor: Actor, *, side: Side, status: ClaimStatus | None) -> list[dict[str, Any]]:
    """The claims the actor follows on `side`, of `status` or any (at most MAX_LISTED, newest first)."""
    params = {"side": str(side), "status": str(status) if status else None, "limit": MAX_LISTED}
    return graph.read(q.MY_CLAIMS, {**params, **actor.params()})
