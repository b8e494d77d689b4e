"""GET /api/search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import GraphDep
from api.routes.entities import AreaOut
from api.security.deps import CurrentUser
from graph.search import MAX_LIMIT, MAX_QUERY_CHARS, MatchKind, SearchType, search

router = APIRouter(prefix="/api", tags=["search"])


class SearchResult(BaseModel):
    id: str
    name: str
    type: str = Field(description="Area, Unit, PartyOrg, Alliance, Contract, Need, Resource or Project")
    match: MatchKind = Field(
        description="How it matched: id, uscc (exactly), name, alias, variant, pinyin or partial"
    )
    area_path: list[AreaOut] = Field(description="市/区/街道/社区 from the top down")


class SearchResults(BaseModel):
    q: str
    results: list[SearchResult]


@router.get("/search", response_model=SearchResults)
def search_entities(
    graph: GraphDep,
    principal: CurrentUser,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            description="An id (U0001) or USCC, exactly; or a name, alias or title, in Chinese, pinyin "
            "or pinyin initials (ssy → 市三院, 免费体检)",
        ),
    ],
    type_: Annotated[SearchType | None, Query(alias="type", description="Only entities of this type")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> SearchResults:
    """Entities in your area by id, USCC, name, alias or title: exact ones first, then pinyin, partial."""
    hits = search(graph, q, type_, limit, scope=principal.scope)
    return SearchResults(
        q=q,
        results=[
            SearchResult(
                id=h.id,
                name=h.name,
                type=h.type,
                match=h.match,
                area_path=[AreaOut(id=a.id, name=a.name, level=a.level) for a in h.area_path],
            )
            for h in hits
        ],
    )
