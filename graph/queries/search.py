"""Search candidates: exact ids (编号) and USCC codes, and the two full-text indexes: `search_names` (cjk
bigrams over names, aliases and the titles of contracts, needs, resources and projects) and `search_keys`
(whitespace tokens: pinyin, initials, name variants). Ranking happens in graph/search.py.

Every candidate lies in `$scope` (root area ids, null for all): the filter is inside the query, before
the cap, so a user never gets fewer hits because of what they may not see, nor any hit outside."""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import in_scope
from graph.schema import Label

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

# An entity whose id is exactly $id, and a unit whose USCC is exactly $uscc (null: not a USCC), if it is
# of a searchable type ($types: persons never are) and lies in $scope. Both lookups use a unique index.
EXACT_CANDIDATES = NamedQuery(
    "search_exact_candidates",
    f"""
    CALL () {{
      MATCH (node:{token(Label.ENTITY)} {{id: $id}}) RETURN node, 'id' AS match
      UNION
      MATCH (node:{token(Label.UNIT)} {{uscc: $uscc}}) RETURN node, 'uscc' AS match
    }}
    WITH node, match
    WHERE any(label IN labels(node) WHERE label IN $types) AND {in_scope("node")}
    RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
           labels(node) AS labels, match
    LIMIT 2
    """,
)
