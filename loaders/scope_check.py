"""An area-scoped user's load: every node a row creates or changes, and every node it refers to, must
lie in the user's area subtree; anything else is "not found in your area", exactly as elsewhere.

Validation (loaders/validate.py) resolves ids within the scope, so a row that changes or refers to a
node outside it gets `OUTSIDE`, the answer a missing id gets too. What is left for this module are
the rules that only an area-scoped user has:

- a new top-level area (no parent) is outside everyone's scope;
- the user's own scope root keeps its level and its parent (an editor cannot lift their own area out
  of its district, or re-level it);
- a shared object (a contract, an alliance) with a party, member or lead outside the scope is
  read-only: its row, and a row adding a member to it, are refused, since a change would change
  another district's data."""

from __future__ import annotations

from graph.driver import Graph
from graph.queries.loads import LOOKUP_ENTITIES, NEIGHBOURS_LIMIT, SHARED_PARTIES, stored_parents
from graph.schema import Label, Rel
from graph.scope import visible_ids
from loaders.package import Package
from loaders.records import Record

#: Every scope problem's reason starts with this (the API answers such a rejection with 404).
OUTSIDE = "not found in your area (不在您的辖区内)"
NO_PARENT = OUTSIDE + ": an area needs a parent area in your area"
OWN_ROOT = (
    "your own area's level and parent area stay as they are; ask the level above to change them "
    "(本辖区的层级和上级不可由本级修改)"
)
READ_ONLY = (
    "shared with a party outside your area, so read-only for you; ask the level above to change it "
    "(与辖区外单位共享, 只读)"
)
#: Tables whose rows change a shared object, and the column naming that object.
SHARED_COLUMNS = {"contracts": "id", "alliances": "id", "alliance_members": "alliance_id"}


def check_scope(graph: Graph, package: Package, scope: list[str]) -> int:
    """Add a problem to each row that adds a top-level area, changes the level or parent of a scope
    root, or changes a shared object with a party outside `scope`; returns how many rows got one."""
    read_only = _read_only_shared(graph, package, scope)
    roots = _stored_roots(graph, package, scope)
    flagged = 0
    for record in package.all_records():
        before = len(record.problems)
        if record.table.label is Label.AREA:
            if record.id in roots:  # a city's editor may send their city's row, unchanged
                if roots[record.id] != _level_and_parent(record):
                    record.problem(record.header(record.table.column("level")), record.id, OWN_ROOT)
            elif not record.refs:  # a new top-level area, or one lifted out of the scope
                record.problem(None, record.id, NO_PARENT)
        shared = _shared_id(record)
        if shared is not None and shared in read_only:
            record.problem(
                record.header(record.table.column(SHARED_COLUMNS[record.table.key])), shared, READ_ONLY
            )
        flagged += len(record.problems) > before
    return flagged


def _shared_id(record: Record) -> str | None:
    column = SHARED_COLUMNS.get(record.table.key)
    if column is None:
        return None
    if column == "id":
        return record.id
    ref = record.ref(column)
    return ref.target if ref is not None else None


def _read_only_shared(graph: Graph, package: Package, scope: list[str]) -> set[str]:
    """The shared objects the package changes that have a party outside the scope."""
    ids = sorted({key for record in package.all_records() if (key := _shared_id(record)) is not None})
    parties = {
        row["id"]: row["parties"]
        for row in graph.read(SHARED_PARTIES, {"ids": ids, "limit": NEIGHBOURS_LIMIT})
    }
    everyone = sorted({party for members in parties.values() for party in members})
    inside = visible_ids(graph, everyone, scope)
    return {key for key, members in parties.items() if any(party not in inside for party in members)}


LevelAndParent = tuple[str | None, str | None]


def _stored_roots(graph: Graph, package: Package, scope: list[str]) -> dict[str, LevelAndParent]:
    """The level and parent the database holds for each scope root the package has a row for."""
    ids = sorted({record.id for record in package.records["areas"] if record.id in scope})
    if not ids:
        return {}
    levels = {row["id"]: row["level"] for row in graph.read(LOOKUP_ENTITIES, {"ids": ids})}
    parents = {
        row["id"]: row["parent"] for row in graph.read(stored_parents(Label.AREA, Rel.PART_OF), {"ids": ids})
    }
    return {key: (levels[key], parents.get(key)) for key in ids if key in levels}


def _level_and_parent(record: Record) -> LevelAndParent:
    ref = record.ref("parent_id")
    return record.props.get("level"), ref.target if ref is not None else None
