"""Search candidates from the two full-text indexes: `entity_names` (cjk bigrams over names and aliases)
and `entity_keys` (whitespace tokens: pinyin, initials, name variants). Ranking happens in graph/search.py.

Every candidate lies in `$scope` (root area ids, null for all): the filter is inside the query, before
the cap, so a user never gets fewer hits because of what they may not see, nor any hit outside."""

from __future__ import annotations

from graph.cypher import NamedQuery
from graph.rules import in_scope

_RETURN = """
    RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
           labels(node) AS labels, score
"""

# The `limit` option lets Lucene keep only the best $cap hits instead of sorting every match (a
# two-character query can match a large part of a city). Only for an unscoped caller: with a scope, the
# best hits may all lie outside it.
FULLTEXT_CANDIDATES = NamedQuery(
    "search_fulltext_candidates",
    f"""
    CALL db.index.fulltext.queryNodes($index, $query, {{limit: $cap}}) YIELD node, score
    {_RETURN}
    """,
)

# With a type or a scope, read the hits best first and stop at $cap of the wanted ones.
FULLTEXT_CANDIDATES_FILTERED = NamedQuery(
    "search_fulltext_candidates_filtered",
    f"""
    CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
    WHERE ($type IS NULL OR $type IN labels(node)) AND {in_scope("node")}
    {_RETURN}
    LIMIT $cap
    """,
)
