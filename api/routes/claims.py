"""Claims on needs and on resources (双向认领), and the claim hall.

Make, approve, reject, withdraw: editors and admins in their area, a unit account for its unit (it
claims needs, and decides the claims on its unit's resources); read: everyone, for what they act for.
The rules and states live in graph/claims.py, the hall in graph/hall.py, both in docs/workflow.md;
errors come back as the domain's 4xx (api/errors.py): 404 for an unknown id or one outside your area
alike, 403 for a step your role or side may not take, 409 for a claim or need no longer in the state
the step needs, 422 for bad input.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, model_validator

from accounts.principal import Principal, Role
from accounts.scope import list_scope
from api.deps import GraphDep
from api.listing import (
    AreaQuery,
    Asker,
    AsOfQuery,
    Format,
    FormatQuery,
    ListFile,
    PageQuery,
    PageSizeQuery,
    as_of_or_today,
    list_answer,
)
from api.security.deps import ClaimUser, CurrentUser
from graph import claims, hall
from graph.claims import Actor, ClaimStatus, Side, Term
from graph.driver import Graph
from graph.errors import Invalid, NotFound
from graph.scope import Scope, scope_for
from graph.vocabulary import Category
from i18n.reasons import match_reasons
from i18n.vocabulary import category_label, item_kind_label
from reports.catalog import CLAIM_HALL

router = APIRouter(prefix="/api/claims", tags=["claims"])
#: Resources offered in the app (a unit account for its unit), claimed in the hall like loaded ones.
resources_router = APIRouter(prefix="/api/resources", tags=["claims"])
#: Needs published in the app (a community's or street's editor), claimed in the hall like loaded ones.
needs_router = APIRouter(prefix="/api/needs", tags=["claims"])

ClaimId = Annotated[str, Path(min_length=1, max_length=200)]
ItemId = Annotated[str | None, Query(min_length=1, max_length=200)]
_ERRORS: dict[int | str, dict[str, str]] = {
    403: {"description": "Your role, or your side of the claim, may not take this step"},
    404: {"description": "No such claim, need or resource in your area"},
    409: {"description": "The claim or the need is no longer in a state that allows this step"},
}


class Kind(StrEnum):
    NEED = "need"
    RESOURCE = "resource"


def unit_reach(graph: Graph, principal: Principal) -> hall.UnitHome:
    """A unit account's unit (NotFound if it stands in no area: its hall reaches nothing)."""
    home = hall.unit_home(graph, principal.unit_id or "")
    if not home.reach():
        raise NotFound(f"unit {home.id!r} stands in no area; its claim hall is empty")
    return home


def actor_of(graph: Graph, principal: Principal) -> Actor:
    """Who acts: an area account in its scope; a unit account for its unit, seeing the needs of its
    street and district (its hall's widest reach)."""
    if principal.role is Role.UNIT:
        reach = unit_reach(graph, principal).reach()
        return Actor(principal.username, [reach[-1][0]], principal.unit_id)
    return Actor(principal.username, principal.scope)


def hall_scope(graph: Graph, principal: Principal, area: str | None) -> Scope:
    """The hall's area: one the user may see (default their own); a unit account's street or district
    (default the district). Any other area is not found, as one that does not exist."""
    if principal.role is not Role.UNIT:
        return list_scope(graph, principal, area)
    reach = [a for a, _ in unit_reach(graph, principal).reach()]
    chosen = reach[-1] if area is None else area
    if chosen not in reach:
        raise NotFound(f"no area with id {area!r}")
    return scope_for(graph, [chosen], [chosen])


class NewClaim(BaseModel):
    need: str | None = Field(default=None, min_length=1, max_length=200, description="The need claimed")
    resource: str | None = Field(
        default=None, min_length=1, max_length=200, description="Or the resource claimed"
    )
    claimant: str = Field(
        min_length=1,
        max_length=200,
        description="The unit or party org that claims it (for a resource: the community's party org)",
    )
    plan: str = Field(min_length=1, max_length=claims.MAX_PLAN_CHARS, description="What it will do")
    start: dt.date = Field(description="Expected start")
    end: dt.date = Field(description="Expected end, on or after the start")

    @model_validator(mode="after")
    def one_item(self) -> NewClaim:
        if (self.need is None) == (self.resource is None):
            raise ValueError("name exactly one of need and resource")
        return self


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
    rejected: list[str] = Field(description="The other pending claims on the item, rejected by this approval")


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
    decided_at: dt.datetime | None
    decided_by: str | None
    kind: Kind
    item: str
    item_title: str | None
    item_status: str | None
    category: str | None
    owner: str | None
    owner_name: str | None
    need: str | None
    need_title: str | None
    need_status: str | None
    resource: str | None
    claimant: str
    claimant_name: str | None
    project: str | None
    contract: str | None
    contract_status: str | None
    steps: list[StepOut]
    owner_side: bool = Field(description="You act for the item's side (who approves or rejects)")
    claimant_side: bool = Field(description="You act for the claimant (who may withdraw)")


class ClaimRow(BaseModel):
    id: str
    status: str
    start: dt.date
    end: dt.date
    claimant: str
    claimant_name: str | None
    created_at: dt.datetime


class MyClaim(BaseModel):
    id: str
    status: str
    kind: Kind
    item: str
    item_title: str | None
    category: str | None
    owner: str | None
    owner_name: str | None
    claimant: str
    claimant_name: str | None
    plan: str
    start: dt.date
    end: dt.date
    created_at: dt.datetime
    decided_at: dt.datetime | None
    reason: str | None
    project: str | None


class HallItem(BaseModel):
    kind: Kind
    id: str
    title: str | None
    category: str | None
    category_label: str | None
    owner: str
    owner_name: str | None
    place: str | None
    pending: int = Field(description="Pending claims on it")
    mine: bool = Field(description="One of the pending claims is yours (or your unit's)")
    score: int = Field(description="The matcher's score of its best match for you (0: none)")
    reason_codes: list[str]
    reasons: list[str]
    reasons_en: list[str]
    projects: int
    match_id: str | None
    match_name: str | None


class HallArea(BaseModel):
    id: str
    name: str | None


class HallPage(BaseModel):
    area: str | None
    kind: Kind | None
    category: Category | None
    as_of: dt.date
    total: int
    page: int
    page_size: int
    items: list[HallItem]


class NewResource(BaseModel):
    provider: str = Field(min_length=1, max_length=200, description="The unit or party org offering it")
    title: str = Field(min_length=1, max_length=claims.MAX_TITLE_CHARS, description="What is offered")
    category: Category


@resources_router.post("", response_model=Created, status_code=201, responses=_ERRORS)
def post_resource(graph: GraphDep, principal: ClaimUser, body: NewResource) -> Created:
    """Offer a resource for a unit or party org you act for (a unit account: its unit)."""
    actor = actor_of(graph, principal)
    offered = claims.offer_resource(
        graph, actor, provider=body.provider, title=body.title, category=body.category.value
    )
    return Created(id=offered)


class NewNeed(BaseModel):
    raiser: str = Field(
        min_length=1, max_length=200, description="The community, street or party org raising it"
    )
    title: str = Field(min_length=1, max_length=claims.MAX_TITLE_CHARS, description="What is needed")
    category: Category


@needs_router.post("", response_model=Created, status_code=201, responses=_ERRORS)
def post_need(graph: GraphDep, principal: ClaimUser, body: NewNeed) -> Created:
    """Publish a need for a community, street or party org of your area (not a unit account: 403)."""
    actor = actor_of(graph, principal)
    raised = claims.raise_need(
        graph, actor, raiser=body.raiser, title=body.title, category=body.category.value
    )
    return Created(id=raised)


class Claimant(BaseModel):
    id: str
    name: str | None
    type: str = Field(description="unit, org (a unit's party org) or community (an org based in an area)")


def _hall_row(row: dict[str, Any]) -> dict[str, Any]:
    row["category_label"] = category_label(row["category"])
    row["kind_label"] = item_kind_label(row["kind"])
    row["reasons"] = match_reasons(row)
    row["reasons_en"] = match_reasons(row, "en")
    return row


@router.post("", response_model=Created, status_code=201, responses=_ERRORS)
def post_claim(graph: GraphDep, principal: ClaimUser, body: NewClaim) -> Created:
    """Claim an open need (for a unit or party org you act for) or an offered resource (for a
    community's party org in your area) in your area."""
    claim = claims.make_claim(
        graph,
        actor_of(graph, principal),
        item=body.need or body.resource or "",
        claimant=body.claimant,
        plan=body.plan,
        start=body.start,
        end=body.end,
    )
    return Created(id=claim)


@router.get("", response_model=list[ClaimRow], responses={404: {"description": "No such item in your area"}})
def list_claims(
    graph: GraphDep,
    principal: CurrentUser,
    need: Annotated[ItemId, Query(description="The need whose claims to list")] = None,
    resource: Annotated[ItemId, Query(description="Or the resource whose claims to list")] = None,
) -> list[ClaimRow]:
    """The claims on a need or a resource, newest first (at most 200)."""
    if (need is None) == (resource is None):
        raise Invalid("name exactly one of need and resource")
    rows = claims.claims_of_item(graph, principal.scope, need or resource or "")
    return [ClaimRow.model_validate(row) for row in rows]


@router.get("/hall", response_model=HallPage, responses={404: {"description": "No such area"}})
def get_hall(
    graph: GraphDep,
    principal: CurrentUser,
    request: Request,
    area: AreaQuery = None,
    kind: Annotated[Kind | None, Query(description="Only needs or only resources")] = None,
    category: Annotated[Category | None, Query(description="Only items of this category")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Find within: id, title, owner")] = None,
    as_of: AsOfQuery = None,
    page: PageQuery = 1,
    page_size: PageSizeQuery = 50,
    format: FormatQuery = Format.JSON,
) -> HallPage | Response:
    """The claim hall: open needs and offered resources of the area, ranked for you by the matcher,
    with the reasons. A unit account sees the needs of its street or district."""
    scope = hall_scope(graph, principal, area)
    day = as_of_or_today(as_of)
    unit = principal.unit_id if principal.role is Role.UNIT else None
    shown = Kind.NEED if unit is not None else kind
    items = hall.hall_items(
        graph,
        scope,
        as_of=day,
        user=principal.username,
        unit=unit,
        kind=shown.value if shown else None,
        category=category.value if category else None,
    )
    rows = [_hall_row(r) for r in hall.find_within(items, q)]
    start = (page - 1) * page_size
    return list_answer(
        Asker(graph, principal, request),
        format,
        lambda: HallPage(
            area=scope.area_id,
            kind=kind,
            category=category,
            as_of=day,
            total=len(rows),
            page=page,
            page_size=page_size,
            items=[HallItem.model_validate(r) for r in rows[start : start + page_size]],
        ),
        ListFile(CLAIM_HALL.columns, rows, f"claim-hall-{day.isoformat()}", what="claim_hall", area=area),
    )


@router.get("/mine", response_model=list[MyClaim])
def get_my_claims(
    graph: GraphDep,
    principal: CurrentUser,
    side: Annotated[Side, Query(description="made: your claims; received: those on your items")] = Side.MADE,
    status: Annotated[ClaimStatus | None, Query(description="Only claims in this state")] = None,
) -> list[MyClaim]:
    """The claims you follow, newest first (at most 200): made for what you act for, or on your items."""
    rows = claims.my_claims(graph, actor_of(graph, principal), side=side, status=status)
    return [MyClaim.model_validate(row) for row in rows]


@router.get("/claimants", response_model=list[Claimant], responses={404: {"description": "No such area"}})
def get_claimants(graph: GraphDep, principal: ClaimUser, area: AreaQuery = None) -> list[Claimant]:
    """What you may claim for in the area: a unit account's unit and its party orgs; an editor's units
    and community party orgs (at most 500)."""
    if principal.role is Role.UNIT:
        rows = hall.claimants(graph, [], principal.unit_id)
    else:
        rows = hall.claimants(graph, list_scope(graph, principal, area).roots, None)
    return [Claimant.model_validate(row) for row in rows]


@router.get("/{claim_id}", response_model=ClaimOut, responses={404: {"description": "No such claim"}})
def get_claim(graph: GraphDep, principal: CurrentUser, claim_id: ClaimId) -> ClaimOut:
    """One claim with every step of its history."""
    actor = actor_of(graph, principal)
    found = claims.get_claim(graph, actor.scope if actor.unit is None else [], claim_id, unit=actor.unit)
    return ClaimOut.model_validate(found, from_attributes=True)


@router.post("/{claim_id}/approve", response_model=ApprovalOut, responses=_ERRORS)
def approve(
    graph: GraphDep, principal: ClaimUser, claim_id: ClaimId, body: ApprovalTerm | None = None
) -> ApprovalOut:
    """Approve a pending claim on an item you act for; its other pending claims are rejected."""
    term = None
    if body is not None and body.signed is not None:
        term = Term(body.signed, body.expires)
    elif body is not None and body.expires is not None:
        raise Invalid("expires needs signed: a new contract's term starts on its signing date")
    approval = claims.approve_claim(graph, actor_of(graph, principal), claim_id, term=term)
    return ApprovalOut.model_validate(approval, from_attributes=True)


@router.post("/{claim_id}/reject", status_code=204, responses=_ERRORS)
def reject(graph: GraphDep, principal: ClaimUser, claim_id: ClaimId, body: Decision) -> None:
    """Reject a pending claim on an item you act for, with the reason."""
    claims.reject_claim(graph, actor_of(graph, principal), claim_id, reason=body.reason)


@router.post("/{claim_id}/withdraw", status_code=204, responses=_ERRORS)
def withdraw(
    graph: GraphDep, principal: ClaimUser, claim_id: ClaimId, body: Withdrawal | None = None
) -> None:
    """Withdraw a pending claim made for a unit or party org you act for."""
    actor = actor_of(graph, principal)
    claims.withdraw_claim(graph, actor, claim_id, reason=body.reason if body else None)
