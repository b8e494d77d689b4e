"""Entity search by id (编号, exact), USCC (统一社会信用代码, exact), name, alias or title, in Chinese,
pinyin or pinyin initials, and by common variants of unit names (有限公司 / 公司). Needs, resources,
projects and contracts are found by their titles. Ranked: exact id, USCC, exact name, then alias, then
name variant, then pinyin, then partial.

Persons are not searchable (personal data): neither the exact lookup nor the full-text indexes cover them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.entities import AreaRef, area_paths
from graph.node_display import entity_type
from graph.queries.search import EXACT_CANDIDATES, FULLTEXT_CANDIDATES, FULLTEXT_CANDIDATES_FILTERED
from graph.schema import SEARCHABLE_LABELS
from graph.search_keys import name_variants, normalize

NAMES_INDEX = "search_names"
KEYS_INDEX = "search_keys"
MAX_LIMIT = 100
MAX_QUERY_CHARS = 100
# A one-letter prefix would match half the index and say nothing.
MIN_PREFIX_CHARS = 2

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_KEY = re.compile(r"^[a-z0-9]+$")
#: A unified social credit code as written: 18 characters of digits and capital letters (GB 32100-2015).
_USCC = re.compile(r"^[0-9A-Z]{18}$")


class SearchType(StrEnum):
    """The entity types that search covers: those of the full-text indexes."""

    AREA = "Area"
    UNIT = "Unit"
    PARTY_ORG = "PartyOrg"
    ALLIANCE = "Alliance"
    CONTRACT = "Contract"
    NEED = "Need"
    RESOURCE = "Resource"
    PROJECT = "Project"


class MatchKind(StrEnum):
    """How a hit matched, best first."""

    ID = "id"  # exactly its id (编号)
    USCC = "uscc"  # exactly its unified social credit code
    NAME = "name"  # the exact name
    ALIAS = "alias"  # exactly one of its aliases
    VARIANT = "variant"  # the name or an alias up to 有限公司 / 公司 / no suffix
    PINYIN = "pinyin"  # the full pinyin or the pinyin initials of the name or an alias
    PARTIAL = "partial"  # part of a name or alias, or the start of its pinyin


_RANK = {kind: i for i, kind in enumerate(MatchKind)}


@dataclass
class SearchHit:
    """One entity found, with where it is and how it matched."""

    id: str
    name: str
    type: str
    match: MatchKind
    area_path: list[AreaRef] = field(default_factory=list)


@dataclass
class _Candidate:
    row: dict[str, Any]
    score: float


def lucene_escape(text: str) -> str:
    """Backslash-escape every character that Lucene's query syntax gives a meaning to."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


def _stored_variants(text: str) -> set[str]:
    """Name variants as `search_keys` writes them into keys_text: no spaces, lower case."""
    return {v.replace(" ", "").lower() for v in name_variants(text)}


def _canonical(text: str) -> str:
    """Letters and digits only, lower case: quotes, brackets and spaces do not decide a match."""
    return "".join(_WORDS.findall(normalize(text))).lower()


def _canonical_variants(text: str) -> set[str]:
    return {_canonical(v) for v in name_variants(text)}


def _fulltext_queries(q: str) -> list[tuple[str, str]]:
    """(index, Lucene query) pairs for a normalized user query; every user character is escaped."""
    canonical = _canonical(q)
    latin = canonical if _LATIN_KEY.match(canonical) else ""
    exact_tokens = sorted(_stored_variants(q) | ({latin} if latin else set()))
    queries = [(KEYS_INDEX, " OR ".join(lucene_escape(t) for t in exact_tokens))]
    if len(latin) >= MIN_PREFIX_CHARS:
        queries.append((KEYS_INDEX, lucene_escape(latin) + "*"))
    # Lower case keeps the words AND / OR / NOT / TO from being read as operators.
    words = [lucene_escape(w.lower()) for w in _WORDS.findall(q)]
    if words:
        queries.append((NAMES_INDEX, " ".join(words)))
    return queries


def classify(q: str, name: str, aliases: list[str], keys: str) -> MatchKind:
    """How the entity with this name, these aliases and these search keys matches the query."""
    wanted = _canonical(q)
    if not wanted:
        return MatchKind.PARTIAL
    if wanted == _canonical(name):
        return MatchKind.NAME
    if wanted in {_canonical(a) for a in aliases}:
        return MatchKind.ALIAS
    known_variants = set().union(*(_canonical_variants(n) for n in [name, *aliases]))
    if _canonical_variants(q) & known_variants:
        return MatchKind.VARIANT
    if _LATIN_KEY.match(wanted) and wanted in keys.split():
        return MatchKind.PINYIN
    return MatchKind.PARTIAL


def search(
    graph: Graph,
    q: str,
    type_: SearchType | None = None,
    limit: int = 20,
    scope: list[str] | None = None,
) -> list[SearchHit]:
    """Entities in `scope` (root area ids, None for all) whose name or alias matches `q`, best first,
    at most `limit` of them."""
    query = normalize(q)[:MAX_QUERY_CHARS]
    limit = max(1, min(limit, MAX_LIMIT))
    if not query:
        return []
    cap = max(limit * 5, 50)

    def work(tx: ManagedTransaction) -> list[SearchHit]:
        candidates: dict[str, _Candidate] = {}
        exact = _exact_hits(tx, q, type_, scope)
        filtered = type_ is not None or scope is not None
        candidates_query = FULLTEXT_CANDIDATES_FILTERED if filtered else FULLTEXT_CANDIDATES
        for index, lucene in _fulltext_queries(query):
            params = {
                "index": index,
                "query": lucene,
                "type": type_.value if type_ else None,
                "cap": cap,
                "scope": scope,
            }
            for row in run(tx, candidates_query, params):
                seen = candidates.get(row["id"])
                if seen is None or row["score"] > seen.score:
                    candidates[row["id"]] = _Candidate(row, float(row["score"]))
        found = [_hit(query, c) for c in candidates.values() if c.row["id"] not in exact]
        hits = list(exact.values()) + found
        hits.sort(key=lambda h: (_RANK[h.match], -_score(candidates, h.id), len(h.name), h.id))
        hits = hits[:limit]
        paths = area_paths(tx, [h.id for h in hits])
        for hit in hits:
            hit.area_path = paths.get(hit.id, [])
        return hits

    return graph.read_tx(work)


def _score(candidates: dict[str, _Candidate], entity_id: str) -> float:
    seen = candidates.get(entity_id)
    return seen.score if seen is not None else 0.0


def _exact_hits(
    tx: ManagedTransaction, q: str, type_: SearchType | None, scope: list[str] | None
) -> dict[str, SearchHit]:
    """The entity whose id is the query as typed (trimmed), and the unit whose USCC it is."""
    typed = q.strip()[:MAX_QUERY_CHARS]
    if not typed:
        return {}
    code = normalize(typed).replace(" ", "").upper()
    types = [type_.value] if type_ else [label.value for label in SEARCHABLE_LABELS]
    params = {"id": typed, "uscc": code if _USCC.match(code) else None, "types": types, "scope": scope}
    hits: dict[str, SearchHit] = {}
    for row in run(tx, EXACT_CANDIDATES, params):
        kind = MatchKind(row["match"])
        if row["id"] not in hits or kind is MatchKind.ID:
            name = str(row["name"] or row["id"])
            hits[row["id"]] = SearchHit(id=row["id"], name=name, type=entity_type(row["labels"]), match=kind)
    return hits


def _hit(query: str, candidate: _Candidate) -> SearchHit:
    row = candidate.row
    name = str(row["name"] or row["id"])
    aliases = [str(a) for a in row["aliases"] or []]
    return SearchHit(
        id=row["id"],
        name=name,
        type=entity_type(row["labels"]),
        match=classify(query, name, aliases, str(row["keys"] or "")),
    )
