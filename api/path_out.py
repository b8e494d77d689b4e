"""The paths answer as the API and the path page give it: each path with its tier, the kinds of tie it
uses, its sentence (zh and en) and links to the contracts, alliances and committees on it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import Query
from pydantic import BaseModel, Field

from accounts.principal import Principal
from graph.driver import Graph
from graph.errors import Invalid
from graph.graphview import GraphEdge, GraphNode, GraphView
from graph.paths import DEFAULT_KINDS, DEFAULT_MAX_LENGTH, PathsAnswer, PathView, Via, find_paths
from graph.schema import Label, Rel
from graph.ties import TieKind, Tier
from i18n.paths import sentences

KindsQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Comma-separated tie kinds a path may use: "
        + ", ".join(k.value for k in TieKind)
        + "; default every kind but geography (geography is the same as via=all)",
    ),
]


class PathLink(BaseModel):
    kind: str = Field(description="contract, alliance or committee")
    id: str
    name: str
    href: str = Field(description="The page of the contract, alliance or committee")


class Sentence(BaseModel):
    zh: str
    en: str


class PathOut(BaseModel):
    rank: int = Field(description="1 for the first path")
    length: int = Field(description="Number of ties")
    nodes: list[GraphNode] = Field(description="From the start to the end, in order")
    edges: list[GraphEdge] = Field(description="The ties between consecutive nodes, in order")
    tier: Tier = Field(
        description="cobuilding, hierarchy, inactive or geography: paths rank by tier, then length"
    )
    kinds: list[TieKind] = Field(description="The kinds of tie the path uses, in order of first use")
    sentence: Sentence = Field(description="The path told in words")
    links: list[PathLink] = Field(description="The contracts, alliances and committees on the path")


class PathEndOut(BaseModel):
    id: str
    name: str
    type: str


class Paths(BaseModel):
    source: str
    target: str
    source_end: PathEndOut = Field(description="The start: its name and type")
    target_end: PathEndOut = Field(description="The end: its name and type")
    via: Via
    kinds: list[TieKind] = Field(description="The kinds of tie the paths could use")
    inactive: bool = Field(description="Whether expired contracts and ended seats could appear")
    as_of: dt.date = Field(description="The date contracts and seats were judged on")
    paths: list[PathOut] = Field(description="Ranked by tier, then length; [] if the two are not connected")
    graph: GraphView = Field(description="All the paths merged, for rendering")


_PAGES: dict[str, str] = {Label.CONTRACT.value: "contract", Label.ALLIANCE.value: "alliance"}


def parse_kinds(text: str | None) -> frozenset[TieKind] | None:
    """`contract,alliance` as tie kinds (None for none given); Invalid names the unknown one."""
    if text is None or not text.strip():
        return None
    kinds = set()
    for part in text.split(","):
        name = part.strip()
        if not name:
            continue
        try:
            kinds.add(TieKind(name))
        except ValueError:
            raise Invalid(
                f"unknown tie kind {name!r}; known: {', '.join(k.value for k in TieKind)}"
            ) from None
    return frozenset(kinds)


def path_links(path: PathView) -> list[PathLink]:
    """The path's contracts and alliances, and the committee of each seat on it, once each."""
    links: dict[tuple[str, str], PathLink] = {}
    names = {n.id: n for n in path.nodes}
    for node in path.nodes:
        kind = _PAGES.get(node.type)
        if kind is not None:
            links.setdefault((kind, node.id), _link(kind, node))
    for edge in path.edges:
        if edge.type == Rel.SEATED_ON:
            links.setdefault(("committee", edge.target), _link("committee", names[edge.target]))
    return list(links.values())


def _link(kind: str, node: GraphNode) -> PathLink:
    return PathLink(kind=kind, id=node.id, name=node.label, href=f"/view/{kind}/{quote(node.id, safe='')}")


def _end(node: GraphNode) -> PathEndOut:
    return PathEndOut(id=node.id, name=node.label, type=node.type)


def paths_out(answer: PathsAnswer, *, via: Via, kinds: frozenset[TieKind], inactive: bool) -> Paths:
    """The answer in the API's shape."""
    return Paths(
        source=answer.source.id,
        target=answer.target.id,
        source_end=_end(answer.source),
        target_end=_end(answer.target),
        via=via,
        kinds=sorted(kinds, key=list(TieKind).index),
        inactive=inactive,
        as_of=answer.as_of,
        paths=[
            PathOut(
                rank=rank,
                length=p.length,
                nodes=p.nodes,
                edges=p.edges,
                tier=p.tier,
                kinds=p.kinds,
                sentence=Sentence(**sentences(p)),
                links=path_links(p),
            )
            for rank, p in enumerate(answer.paths, start=1)
        ],
        graph=answer.graph,
    )


def ask_paths(
    graph: Graph,
    principal: Principal,
    source: str,
    target: str,
    *,
    via: Via,
    k: int,
    kinds: str | None,
    inactive: bool,
    as_of: dt.date | None,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> tuple[PathsAnswer, frozenset[TieKind]]:
    """The paths the API and the path page answer (only through the caller's area), with the tie kinds
    chosen (`kinds` parsed, the default kinds if none)."""
    chosen = parse_kinds(kinds) or DEFAULT_KINDS
    answer = find_paths(
        graph,
        source,
        target,
        via=via,
        max_length=max_length,
        k=k,
        scope=principal.scope,
        kinds=chosen,
        inactive=inactive,
        as_of=as_of or dt.date.today(),
    )
    return answer, chosen
