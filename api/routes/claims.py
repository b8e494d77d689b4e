"""Claims on needs: make, approve, reject, withdraw (editors and admins, in their area), read (everyone).

The rules and states live in graph/claims.py and docs/workflow.md; errors come back as the domain's
4xx (api/errors.py): 404 for an unknown id or one outside your area alike, 409 for a claim or need no
longer in the state the step needs, 422 for bad input.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from accounts.principal import Principal
from api.deps import GraphDep
from api.security.deps import CurrentUser, EditorUser
from graph import claims
from graph.claims import Actor, Term
from graph.errors import Invalid

router = APIRouter(prefix="/api/claims", tags=["claims"])

ClaimId = Annotated[str, Path(min_length=1, max_length=200)]
_ERRORS: dict[int | str, dict[str, str]] = {
    404: {"description": "No such claim or need in your area"},
    409: {"description": "The claim or the need is no longer in a state that allows this step"},
}


def _actor(principal: Principal) -> Actor:
    return Actor(principal.username, principal.scope)


class NewClaim(BaseModel):
    need: str = Field(min_length=1, max_length=200, description="The need claimed")
    claimant: str = Field(min_length=1, max_length=200, description="The unit or party org that claims it")
    plan: str = Field(min_length=1, max_length=claims.MAX_PLAN_CHARS, description="What it will do")
    start: dt.date = Field(description="Expected start")
    end: dt.date = Field(description="Expected end, on or after the start")


class Created(BaseModel):
    id: str


class ApprovalTerm(BaseModel):
    signed: dt.date | None = Field(
        default=None, description="With no contract in force: sign a new one from this date (else a draft)"
    )
    expires: dt.date | None = Field(default=None, description="The new contract's expiry, on or after signed")


class Decision(BaseModel):
    reason: str = Field(min_length=1, max_length=claims.MAX_REASON_CHARS)


class Withdrawal(BaseModel):
    reason: str | None = Field(default=None, max_length=claims.MAX_REASON_CHARS)


class ApprovalOut(BaseModel):
    claim: str
    project: str
    contract: str
    contract_created: bool
    contract_status: str
    rejected: list[str] = Field(description="The other pending claims on the need, rejected by this approval")


class StepOut(BaseModel):
    at: dt.datetime
    by: str
    action: str
    before: str | None
    after: str
    reason: str | None


class ClaimOut(BaseModel):
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
    steps: list[StepOut]


class ClaimRow(BaseModel):
    id: str
    status: str
    start: dt.date
    end: dt.date
    claimant: str
    claimant_name: str | None
    created_at: dt.datetime


@router.post("", response_model=Created, status_code=201, responses=_ERRORS)
def post_claim(graph: GraphDep, principal: EditorUser, body: NewClaim) -> Created:
    """Claim an open need in your area for a unit or party org in your area."""
    claim = claims.make_claim(
        graph,
        _actor(principal),
        need=body.need,
        claimant=body.claimant,
        plan=body.plan,
        start=body.start,
        end=body.end,
    )
    return Created(id=claim)


@router.get("", response_model=list[ClaimRow], responses={404: {"description": "No such need in your area"}})
def list_claims(
    graph: GraphDep,
    principal: CurrentUser,
    need: Annotated[str, Query(min_length=1, max_length=200, description="The need whose claims to list")],
) -> list[ClaimRow]:
    """The claims on a need, newest first (at most 200)."""
    return [ClaimRow.model_validate(row) for row in claims.claims_of_need(graph, principal.scope, need)]


@router.get("/{claim_id}", response_model=ClaimOut, responses={404: {"description": "No such claim"}})
def get_claim(graph: GraphDep, principal: CurrentUser, claim_id: ClaimId) -> ClaimOut:
    """One claim with every step of its history."""
    return ClaimOut.model_validate(claims.get_claim(graph, principal.scope, claim_id), from_attributes=True)


@router.post("/{claim_id}/approve", response_model=ApprovalOut, responses=_ERRORS)
def approve(
    graph: GraphDep, principal: EditorUser, claim_id: ClaimId, body: ApprovalTerm | None = None
) -> ApprovalOut:
    """Approve a pending claim on a need in your area; the need's other pending claims are rejected."""
    term = None
    if body is not None and body.signed is not None:
        term = Term(body.signed, body.expires)
    elif body is not None and body.expires is not None:
        raise Invalid("expires needs signed: a new contract's term starts on its signing date")
    approval = claims.approve_claim(graph, _actor(principal), claim_id, term=term)
    return ApprovalOut.model_validate(approval, from_attributes=True)


@router.post("/{claim_id}/reject", status_code=204, responses=_ERRORS)
def reject(graph: GraphDep, principal: EditorUser, claim_id: ClaimId, body: Decision) -> None:
    """Reject a pending claim on a need in your area, with the reason."""
    claims.reject_claim(graph, _actor(principal), claim_id, reason=body.reason)


@router.post("/{claim_id}/withdraw", status_code=204, responses=_ERRORS)
def withdraw(
    graph: GraphDep, principal: EditorUser, claim_id: ClaimId, body: Withdrawal | None = None
) -> None:
    """Withdraw a pending claim made for a unit or party org in your area."""
    claims.withdraw_claim(graph, _actor(principal), claim_id, reason=body.reason if body else None)
