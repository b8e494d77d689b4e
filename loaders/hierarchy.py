"""The invariants of the two hierarchies a load can change, checked against the database as it will be
after the load (the stored graph with the load's rows laid over it), before anything is written:

- area levels descend one step at a time along PART_OF (city ← district ← street ← community ← grid):
  an area whose level a row changes must still fit what hangs off it (child areas, located units,
  hosted alliances); the row's own parent is checked with the row (loaders/validate.py);
- neither PART_OF nor REPORTS_TO has a cycle (an org reporting to itself included).

Each violation is a problem on the row that causes it, in the column that causes it."""

from __future__ import annotations

from collections.abc import Callable

from graph.driver import Graph
from graph.queries.loads import AREA_DEPENDENTS, NEIGHBOURS_LIMIT, stored_parents
from graph.schema import Label, Rel
from graph.vocabulary import LEVEL_ORDER, AreaLevel
from i18n.vocabulary import ZH
from loaders.package import Package
from loaders.records import Record

#: Hops followed up a chain of parents; a chain taller than this cannot be told from a cycle.
MAX_CHAIN = 64
_BATCH = 10_000
UNIT_LEVELS = (AreaLevel.COMMUNITY, AreaLevel.STREET)

Parents = dict[str, str | None]
Fetch = Callable[[list[str]], Parents]


def check_hierarchy(package: Package, graph: Graph | None) -> None:
    """Add a problem to every row that would break an invariant of the area or party hierarchy."""
    _check_area_levels(package, graph)
    _check_cycles(package, graph, "areas", Label.AREA, Rel.PART_OF)
    _check_cycles(package, graph, "party_orgs", Label.PARTY_ORG, Rel.REPORTS_TO)


# --- levels ----------------------------------------------------------------------------------------


def _level_name(level: str | None) -> str:
    try:
        member = AreaLevel(level or "")
    except ValueError:
        return str(level)
    return f"{member.value} {ZH[member][0]}"


def _check_area_levels(package: Package, graph: Graph | None) -> None:
    areas = _first_records(package, "areas")
    changed = [
        key for key, record in areas.items() if record.props.get("level") and package.targets[key].in_db
    ]
    if graph is None or not changed:
        return
    new_parent = {
        key: _parent_in_row(record) for key, record in areas.items() if "parent_id" in record.headers
    }
    for start in range(0, len(changed), _BATCH):
        params = {"ids": changed[start : start + _BATCH], "limit": NEIGHBOURS_LIMIT}
        for row in graph.read(AREA_DEPENDENTS, params):
            record = areas[row["id"]]
            level = record.props["level"]
            if level == row["level"]:
                continue
            for reason in _misfits(row, level, areas, new_parent):
                record.problem(record.header(record.table.column("level")), level, reason)


def _misfits(
    stored: dict[str, object], level: str, areas: dict[str, Record], new_parent: Parents
) -> list[str]:
    """Why the area `stored` describes cannot take `level`, given what hangs off it after the load."""
    ahead = f"cannot become a {_level_name(level)} (层级不符)"
    position = LEVEL_ORDER.index(AreaLevel(level))
    below = LEVEL_ORDER[position + 1] if position + 1 < len(LEVEL_ORDER) else None
    reasons: list[str] = []
    children = stored["children"]
    assert isinstance(children, list)
    for child in children:
        if child["id"] is None or new_parent.get(child["id"], stored["id"]) != stored["id"]:
            continue  # no child, or one this load moves elsewhere
        record = areas.get(child["id"])
        child_level = record.props.get("level") if record is not None else child["level"]
        if child_level != below:
            reasons.append(
                f"{ahead}: its area {child['id']} is a {_level_name(child_level)}, and levels descend "
                "one step at a time (层级必须逐级递减)"
            )
    if stored["units"] and level not in UNIT_LEVELS:
        reasons.append(
            f"{ahead}: {stored['units']} unit(s) are located in it, and a unit's area is a "
            "community or a street"
        )
    if stored["alliances"] and level != AreaLevel.STREET:
        reasons.append(f"{ahead}: it hosts {stored['alliances']} alliance(s), which a street hosts")
    return reasons


# --- cycles ----------------------------------------------------------------------------------------


def _check_cycles(package: Package, graph: Graph | None, table_key: str, label: Label, rel: Rel) -> None:
    # Only ids and parents stay in memory: a package may hold a hundred thousand party orgs.
    given: Parents = {}
    for record in package.records[table_key]:
        if record.id and record.id not in given and "parent_id" in record.headers:
            given[record.id] = _parent_in_row(record)
    if not given:
        return

    def fetch(ids: list[str]) -> Parents:
        found: Parents = dict.fromkeys(ids)
        if graph is not None:
            query = stored_parents(label, rel)
            for start in range(0, len(ids), _BATCH):
                for row in graph.read(query, {"ids": ids[start : start + _BATCH]}):
                    found[row["id"]] = row["parent"]
        return found

    cycles = find_cycles(given, fetch)
    if not cycles:
        return
    for record in package.records[table_key]:
        cycle = cycles.pop(record.id, None)
        if cycle is not None:
            shown = " → ".join([*cycle, cycle[0]])
            record.problem(
                record.header(record.table.column("parent_id")),
                given[record.id],
                f"this parent makes a cycle: {shown} (上级关系形成循环)",
            )


def find_cycles(given: Parents, fetch: Fetch) -> dict[str, list[str]]:
    """For every id of `given` (id → parent after the load) that lies on a cycle, the cycle from it.
    Parents not given are fetched (`fetch`: the stored ones), a round of ids at a time."""
    parents = dict(given)
    frontier = {p for p in given.values() if p is not None and p not in parents}
    for _ in range(MAX_CHAIN):
        if not frontier:
            break
        parents.update(fetch(sorted(frontier)))
        frontier = {p for p in parents.values() if p is not None and p not in parents}
    cycles: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in given:
        path: list[str] = []
        where: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in where and len(path) <= MAX_CHAIN:
            where[node] = len(path)
            path.append(node)
            node = parents.get(node)
        if node is not None and node in where:
            loop = path[where[node] :]
            for index, member in enumerate(loop):
                if member in given:
                    cycles[member] = loop[index:] + loop[:index]
        done.update(path)
    return cycles


# --- shared ----------------------------------------------------------------------------------------


def _parent_in_row(record: Record) -> str | None:
    ref = record.ref("parent_id")
    return ref.target if ref is not None else None


def _first_records(package: Package, table_key: str) -> dict[str, Record]:
    """The table's records by id, the first of each id (a later one is already a duplicate problem)."""
    records: dict[str, Record] = {}
    for record in package.records[table_key]:
        if record.id:
            records.setdefault(record.id, record)
    return records
