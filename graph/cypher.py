"""Named queries and the one checked way a label or relationship type enters Cypher text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.schema import Label, Rel

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class NamedQuery:
    """A Cypher statement with a name (for logs and benchmarks); values always go in as $parameters."""

    name: str
    text: str


def token(item: Label | Rel) -> str:
    """Render a schema enum member as a backtick-quoted Cypher token; anything else is refused."""
    if not isinstance(item, Label | Rel) or not _IDENTIFIER.match(item.value):
        raise TypeError(f"not a schema label or relationship type: {item!r}")
    return f"`{item.value}`"


def rel_union(rels: tuple[Rel, ...] | list[Rel]) -> str:
    """`A|B|C` for a variable-length pattern over several relationship types, all from the enum."""
    if not rels:
        raise ValueError("at least one relationship type is needed")
    return "|".join(token(r) for r in rels)


def label_union(labels: tuple[Label, ...] | list[Label]) -> str:
    """`A|B` label expression, all from the enum."""
    if not labels:
        raise ValueError("at least one label is needed")
    return "|".join(token(label) for label in labels)
