"""Stage 2b: a package's sheets become validated records. Every problem is collected: unknown
tables, missing columns, malformed cells, duplicate ids, an id used in two tables, references to ids
found neither in the package nor in the database, and references to the wrong kind or level."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.driver import Graph
from graph.queries.loads import ANY_ENTITY, LOOKUP_ENTITIES, LOOKUP_USCC
from graph.schema import Label
from graph.scope import visible_ids
from graph.vocabulary import LEVEL_ORDER, AreaLevel
from i18n.vocabulary import ZH
from loaders.hierarchy import check_hierarchy
from loaders.package import Package, Target, target
from loaders.problems import Problem
from loaders.read import Sheet
from loaders.records import Record, Ref, build_record
from loaders.scope_check import OUTSIDE
from loaders.tables import IGNORED_TABLE_NAMES, TABLES, Table, column_named, table_named
from loaders.values import clean

_LOOKUP_BATCH = 10_000
_PROGRESS_EVERY = 500
LABEL_ZH = {
    Label.AREA: "区域",
    Label.UNIT: "单位",
    Label.PARTY_ORG: "党组织",
    Label.ALLIANCE: "党建联盟",
    Label.PERSON: "人员",
    Label.CONTRACT: "共建协议",
    Label.NEED: "需求",
    Label.RESOURCE: "资源",
    Label.PROJECT: "项目",
}


Progress = Callable[[int], None]
#: Where a record is: its table's index in TABLES and its seq, packed into one int (a million of them).
_SEQ_BITS = 40


def _location(table_number: int, seq: int) -> int:
    return table_number << _SEQ_BITS | seq


def _unpack(location: int) -> tuple[Table, int]:
    """The table and seq of a packed location."""
    return TABLES[location >> _SEQ_BITS], location & ((1 << _SEQ_BITS) - 1)


def validate(
    sheets: Iterable[Sheet],
    graph: Graph | None,
    *,
    report_dependents: bool = False,
    on_row: Progress | None = None,
    scope: list[str] | None = None,
) -> Package:
    """Read and check a whole package. `graph` (if given) resolves references to ids already in the
    database; `report_dependents` adds a problem to each row that is dropped only because a row it
    refers to is invalid (what --skip-invalid leaves out).

    With `scope` (an area-scoped user's root areas), what lies outside it reads exactly as what does
    not exist: a reference to either is "not found in your area", and no problem names or describes
    a node outside (its label, its USCC's unit). A row that defines a node whose id is taken outside
    the scope gets the same answer. The hierarchy's invariants are checked against the database as
    it will be after the load (loaders/hierarchy.py).

    The records are spilled to disk as they are read; each check after that streams them back, so
    memory holds the ids, not the rows. Close the package (or use it as a context manager) to delete
    the spill."""
    package = Package()
    # A first load into an empty database has nothing to look up there.
    stored = graph if graph is not None and graph.read(ANY_ENTITY) else None
    try:
        for sheet in sheets:
            _read_sheet(package, sheet, on_row)
        index = _index(package)
        hidden, conflicts = _targets(package, stored, index, scope)
        _check_refs(package, conflicts, hidden, scoped=scope is not None)
        _check_uscc_in_db(package, stored, scope)
        check_hierarchy(package, stored)  # a first load's own rows may make a cycle too
        _drop_dependents(package, index.first, report=report_dependents)
    except BaseException:
        package.close()
        raise
    if not package.rows:
        package.warnings.append("the package holds no data rows")
    return package


def _read_sheet(package: Package, sheet: Sheet, on_row: Progress | None) -> None:
    table = table_named(sheet.name)
    if table is None:
        if (clean(sheet.name) or "").lower() not in IGNORED_TABLE_NAMES:
            names = ", ".join(f"{t.key}/{t.zh}" for t in TABLES)
            package.problems.append(
                Problem(
                    sheet.file, sheet.sheet, None, None, sheet.name, f"unknown table; use one of: {names}"
                )
            )
        return
    headers = _map_headers(package, sheet, table)
    records = package.records[table.key]
    sheet_index = records.add_sheet(sheet.file, sheet.sheet, headers)
    for raw in sheet.rows:
        if all(clean(v) is None for v in raw.cells.values()):
            continue
        records.add(build_record(table, raw, headers), sheet_index)
        package.rows += 1
        if on_row is not None and package.rows % _PROGRESS_EVERY == 0:
            on_row(package.rows)
    if on_row is not None:
        on_row(package.rows)


def _map_headers(package: Package, sheet: Sheet, table: Table) -> dict[str, str]:
    headers: dict[str, str] = {}
    for header in sheet.headers:
        if not header:
            continue
        column = column_named(table, header)
        if column is None:
            package.warnings.append(f"{sheet.file}: column {header} is not part of {table.zh}; ignored")
        elif column.key in headers:
            package.problems.append(
                Problem(
                    sheet.file, sheet.sheet, 1, header, None, f"column appears twice ({headers[column.key]})"
                )
            )
        else:
            headers[column.key] = header
    for column in table.columns:
        if column.required and column.key not in headers:
            package.problems.append(
                Problem(
                    sheet.file, sheet.sheet, 1, column.zh, None, f"missing column {column.key}/{column.zh}"
                )
            )
    return headers


@dataclass
class _Index:
    """What one pass over the package learns: where each key is first defined (packed table and seq),
    the ids of its nodes, each new area's level and party org's area, and every id referred to."""

    first: dict[str, int] = field(default_factory=dict)
    nodes: list[str] = field(default_factory=list)
    levels: dict[str, str | None] = field(default_factory=dict)
    party_areas: dict[str, str] = field(default_factory=dict)
    referenced: set[str] = field(default_factory=set)


def _index(package: Package) -> _Index:
    """One pass in write order: node ids are unique across all tables (an id names one entity), link
    rows and USCCs within the package (the first row keeps the id; later ones are the problem)."""
    index = _Index()
    first, party_areas, referenced = index.first, index.party_areas, index.referenced
    uscc: dict[str, int] = {}
    for number, table in enumerate(TABLES):
        records = package.records[table.key]
        for record in records:
            referenced.update(ref.target for ref in record.refs)
            if not record.id:
                continue
            key = record.id if table.label is not None else f"{table.key}:{record.id}"
            here = _location(number, record.seq)
            seen = first.setdefault(key, here)
            if seen != here:
                _duplicate(package, record, seen)
            elif table.label is not None:
                index.nodes.append(record.id)
                if table.label is Label.AREA:
                    index.levels[record.id] = record.props.get("level")
                elif table.label is Label.PARTY_ORG and (area := record.ref("area_id")) is not None:
                    party_areas[record.id] = area.target
            code = record.props.get("uscc") if table.label is Label.UNIT else None
            if code:
                seen_code = uscc.setdefault(code, here)
                if seen_code != here:
                    record.problem(
                        record.header(table.column("uscc")),
                        code,
                        f"USCC already given on {_where(package, seen_code)}",
                    )
    return index


def _duplicate(package: Package, record: Record, seen: int) -> None:
    seen_table, _ = _unpack(seen)
    where = _where(package, seen)
    column = record.table.columns[0]
    if seen_table is record.table and record.table.label is None:
        record.problem(None, record.id, f"duplicate row: the same link is on {where}")
    elif seen_table is record.table:
        record.problem(record.header(column), record.id, f"duplicate id: first used on {where}")
    else:
        record.problem(
            record.header(column),
            record.id,
            f"id already used in table {seen_table.key}/{seen_table.zh} ({where})",
        )


def _where(package: Package, location: int) -> str:
    table, seq = _unpack(location)
    return package.records[table.key].where(seq)


def _targets(
    package: Package, graph: Graph | None, index: _Index, scope: list[str] | None
) -> tuple[set[str], dict[str, Label]]:
    """Fill `package.targets`: every id the package defines or refers to, from the package first, else
    from the database (within `scope`, if given). Returns the ids that exist only outside the scope,
    and the ids the package defines that the database gives another label."""
    in_db = _lookup(graph, sorted(index.referenced.union(index.nodes)))
    hidden: set[str] = set()
    if graph is not None and scope is not None and in_db:
        hidden = set(in_db) - visible_ids(graph, sorted(in_db), scope)
        in_db = {key: found for key, found in in_db.items() if key not in hidden}
    targets = package.targets
    conflicts: dict[str, Label] = {}
    for key in index.nodes:
        label = _unpack(index.first[key])[0].label
        assert label is not None
        db = in_db.get(key)
        if db is not None and db.label is not label:
            conflicts[key] = db.label
        targets[key] = target(label, index.levels.get(key), None, db is not None)
    for key, db in in_db.items():
        targets.setdefault(key, db)
    # A party org's base level, from the package when the org (and its area) is there.
    for org, area in index.party_areas.items():
        area_target = targets.get(area)
        level = area_target.level if area_target else None
        targets[org] = target(Label.PARTY_ORG, None, level, targets[org].in_db)
    return hidden, conflicts


def _lookup(graph: Graph | None, ids: list[str]) -> dict[str, Target]:
    found: dict[str, Target] = {}
    if graph is None or not ids:
        return found
    for start in range(0, len(ids), _LOOKUP_BATCH):
        for row in graph.read(LOOKUP_ENTITIES, {"ids": ids[start : start + _LOOKUP_BATCH]}):
            try:
                label = Label(row["label"])
            except ValueError:
                continue
            found[row["id"]] = target(label, row["level"], row["based_level"], True)
    return found


def _check_refs(package: Package, conflicts: dict[str, Label], hidden: set[str], *, scoped: bool) -> None:
    """Every record's references, every node whose id the database gives another label, and (for a
    scoped load) every node whose id is taken outside the scope."""
    targets = package.targets
    for record in package.all_records():
        is_node = record.table.label is not None
        if is_node and record.id in hidden:
            record.problem(record.header(record.table.column("id")), record.id, OUTSIDE)
            continue
        other = conflicts.get(record.id) if is_node else None
        if other is not None:
            record.problem(
                record.header(record.table.columns[0]),
                record.id,
                f"id already names a {LABEL_ZH.get(other, other)} ({other}) in the database",
            )
        for ref in record.refs:
            _check_ref(record, ref, targets, scoped)


def _check_ref(record: Record, ref: Ref, targets: dict[str, Target], scoped: bool) -> None:
    column = ref.column
    wanted = " or ".join(f"{LABEL_ZH[t]} ({t})" for t in column.targets)
    target = targets.get(ref.target)
    if target is None:
        # Scoped: one answer for "outside your area" and "does not exist".
        reason = OUTSIDE if scoped else f"no {wanted} with this id in the package or the database"
        record.problem(ref.header, ref.target, reason)
        return
    if target.label not in column.targets:
        record.problem(
            ref.header,
            ref.target,
            f"this id is a {LABEL_ZH.get(target.label, target.label)} ({target.label}), expected {wanted}",
        )
        return
    if column.levels and target.level not in column.levels:
        allowed = " or ".join(f"{lv.value} {ZH[lv][0]}" for lv in column.levels)
        record.problem(ref.header, ref.target, f"must be a {allowed}, not {_level_name(target.level)}")
    if record.table.label is Label.AREA and column.key == "parent_id":
        _check_parent_level(record, ref, target)
    if (
        record.table.key == "committee_seats"
        and column.key == "org_id"
        and target.based_level != AreaLevel.COMMUNITY
    ):
        record.problem(
            ref.header, ref.target, "a committee seat must be on a community party org (one based in a 社区)"
        )


def _check_parent_level(record: Record, ref: Ref, parent: Target) -> None:
    level = record.props.get("level")
    if level is None:
        return
    index = LEVEL_ORDER.index(AreaLevel(level))
    if index == 0:
        record.problem(ref.header, ref.target, "a city has no parent area")
    elif parent.level != LEVEL_ORDER[index - 1]:
        expected = LEVEL_ORDER[index - 1]
        record.problem(
            ref.header,
            ref.target,
            f"parent at the wrong level: a {_level_name(level)} belongs to a {_level_name(expected)}, "
            f"not a {_level_name(parent.level)}",
        )


def _level_name(level: Any) -> str:
    try:
        member = AreaLevel(level)
    except ValueError:
        return str(level)
    return f"{member.value} {ZH[member][0]}"


def _check_uscc_in_db(package: Package, graph: Graph | None, scope: list[str] | None) -> None:
    """Units whose USCC the database gives another unit, looked up a batch at a time."""
    if graph is None:
        return
    batch: list[Record] = []
    for record in package.records["units"]:
        if record.props.get("uscc"):
            batch.append(record)
        if len(batch) >= _LOOKUP_BATCH:
            _uscc_taken(graph, batch, scope)
            batch = []
    _uscc_taken(graph, batch, scope)


def _uscc_taken(graph: Graph, units: list[Record], scope: list[str] | None) -> None:
    if not units:
        return
    rows = [{"id": r.id, "uscc": r.props["uscc"]} for r in units]
    taken = {row["uscc"]: row["id"] for row in graph.read(LOOKUP_USCC, {"rows": rows})}
    # A unit outside the scope is not named: the code is taken, by whom is not the editor's to know.
    shown = (
        visible_ids(graph, sorted(set(taken.values())), scope) if scope is not None else set(taken.values())
    )
    for record in units:
        other = taken.get(record.props["uscc"])
        if other is not None:
            owner = f"unit {other}" if other in shown else "another unit (已被登记)"
            record.problem(
                record.header(record.table.column("uscc")),
                record.props["uscc"],
                f"this USCC already belongs to {owner} in the database",
            )


def _drop_dependents(package: Package, first: dict[str, int], *, report: bool) -> None:
    """Mark invalid every row that refers to an id whose defining row (its first) is invalid, until
    nothing changes (a street's invalid row drops its communities, their units, …). Strict mode skips
    this: the load is rejected anyway, and only the root problems are worth listing."""
    if not report:
        return
    bad: dict[str, str] = {}  # id -> where its invalid row is
    for key, location in first.items():
        table, seq = _unpack(location)
        if table.label is not None and seq in package.records[table.key].problems:
            bad[key] = _where(package, location)
    changed = bool(bad)
    while changed:
        changed = False
        for record in package.all_records():
            ref = next((ref for ref in record.refs if ref.target in bad), None) if record.valid else None
            if ref is None:
                continue
            where = bad[ref.target]
            record.problem(ref.header, ref.target, f"skipped: refers to an invalid row ({where})")
            if record.table.label is not None and record.id not in bad:
                bad[record.id] = record.where
            changed = True
