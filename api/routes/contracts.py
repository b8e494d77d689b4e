"""GET /api/contracts/{id}: a co-building contract with its parties, needs, resources and projects."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Path
from pydantic import BaseModel

from api.deps import GraphDep
from api.listing import iso
from api.security.deps import CurrentUser
from graph.rosters import contract_detail
from i18n.vocabulary import category_label, contract_status_label

router = APIRouter(prefix="/api/contracts", tags=["rosters"])


class Party(BaseModel):
    id: str
    name: str | None
    type: str
    unit_id: str | None
    unit_name: str | None


class ContractNeed(BaseModel):
    id: str
    title: str | None
    category: str | None
    category_label: str | None
    status: str | None
    raised_by_id: str | None
    raised_by_name: str | None


class ContractResource(BaseModel):
    id: str
    title: str | None
    category: str | None
    category_label: str | None
    offered_by_id: str | None
    offered_by_name: str | None


class Deliverer(BaseModel):
    id: str
    name: str | None


class ContractProject(BaseModel):
    id: str
    title: str | None
    status: str | None
    start: str | None
    end: str | None
    needs: list[str]
    resources: list[str]
    delivered_by: list[Deliverer]


class Contract(BaseModel):
    id: str
    title: str | None
    status: str | None
    status_label: str | None
    signed: str | None
    expires: str | None
    parties: list[Party]
    needs: list[ContractNeed]
    resources: list[ContractResource]
    projects: list[ContractProject]


@router.get(
    "/{contract_id:id}", response_model=Contract, responses={404: {"description": "No such contract"}}
)
def get_contract(
    graph: GraphDep, principal: CurrentUser, contract_id: str = Path(min_length=1, max_length=200)
) -> Contract:
    """One co-building contract with its parties, needs, resources and projects in your area."""
    result = contract_detail(graph, contract_id, principal.scope)
    head = result.contract
    return Contract(
        id=head.id,
        title=head.title or head.name,
        status=head.status,
        status_label=contract_status_label(head.status or None),
        signed=iso(head.signed),
        expires=iso(head.expires),
        parties=[Party.model_validate(asdict(p)) for p in result.parties],
        needs=[
            ContractNeed.model_validate({**asdict(n), "category_label": category_label(n.category)})
            for n in result.needs
        ],
        resources=[
            ContractResource.model_validate({**asdict(r), "category_label": category_label(r.category)})
            for r in result.resources
        ],
        projects=[
            ContractProject.model_validate({**asdict(j), "start": iso(j.start), "end": iso(j.end)})
            for j in result.projects
        ],
    )
