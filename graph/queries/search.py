"""Search candidates from the two full-text indexes: `entity_names` (cjk bigrams over names and aliases)
and `entity_keys` (whitespace tokens: pinyin, initials, name variants). Ranking happens in graph/search.py."""

from __future__ import annotations

from graph.cypher import NamedQuery

_RETURN = """
    RETURN node.id AS id, node.name AS name, node.aliases AS aliases, node.keys_text AS keys,
           labels(node) AS labels, score
"""

# The `limit` option lets Lucene keep only the best $cap hits instead of sorting every match (a
# two-character query can match a large part of a city).
FULLTEXT_CANDIDATES = NamedQuery(
    "search_fulltext_candidates",
    f"""
    CALL db.index.fulltext.queryNodes($index, $query, {{limit: $cap}}) YIELD node, score
    {_RETURN}
    """,
)

# With a type, the best hits may all be of other types: read the hits best first and stop at $cap of
# the wanted type.
FULLTEXT_CANDIDATES_OF_TYPE = NamedQuery(
    "search_fulltext_candidates_of_type",
    f"""
    CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
    WHERE $type IN labels(node)
    {_RETURN}
    LIMIT $cap
    """,
)
