"""Stage 2b: a package's sheets become validated records. Every problem is collected: unknown
tables, missing columns, malformed cells, duplicate ids, an id used in two tables, references to ids
found neither in the package nor in the database, and references to the wrong kind or level."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.driver import Graph
from graph.queries.loads import LOOKUP_ENTITIES, LOOKUP_USCC
from graph.schema import Label
from graph.vocabulary import LEVEL_ORDER, ZH, AreaLevel
from loaders.problems import Problem
from loaders.read import Sheet
from loaders.records import Record, Ref, build_record
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


@dataclass(frozen=True)
class Target:
    """What an id names: its label, its level (areas), the level of its base area (party orgs), and
    the record that defines it when it is in the package."""

    label: Label
    level: str | None = None
    based_level: str | None = None
    record: Record | None = None


@dataclass
class Package:
    """The validated package: records per table (in read order), and every problem found."""

    records: dict[str, list[Record]] = field(default_factory=lambda: {t.key: [] for t in TABLES})
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    labels: dict[str, Label] = field(default_factory=dict)  # the label of every id referred to

    def all_records(self) -> Iterable[Record]:
        for table in TABLES:
            yield from self.records[table.key]

    def all_problems(self) -> list[Problem]:
        """Sheet-level problems and every row's problems, in file and row order."""
        rows = [p for r in self.all_records() for p in r.problems]
        return sorted(
            [*self.problems, *rows], key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or "")
        )

    def valid_records(self, table: Table) -> list[Record]:
        return [r for r in self.records[table.key] if r.valid]


Progress = Callable[[int], None]


def validate(
    sheets: Iterable[Sheet],
    graph: Graph | None,
    *,
    report_dependents: bool = False,
    on_row: Progress | None = None,
) -> Package:
    """Read and check a whole package. `graph` (if given) resolves references to ids already in the
    database; `report_dependents` adds a problem to each row that is dropped only because a row it
    refers to is invalid (what --skip-invalid leaves out)."""
    package = Package()
    for sheet in sheets:
        _read_sheet(package, sheet, on_row)
    _check_unique(package)
    targets = _targets(package, graph)
    for record in package.all_records():
        for ref in record.refs:
            _check_ref(record, ref, targets)
    _check_uscc_in_db(package, graph)
    _drop_dependents(package, targets, report=report_dependents)
    package.labels = {target_id: target.label for target_id, target in targets.items()}
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
    for raw in sheet.rows:
        if all(clean(v) is None for v in raw.cells.values()):
            continue
        package.records[table.key].append(build_record(table, raw, headers))
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


def _check_unique(package: Package) -> None:
    """Node ids are unique across all tables (an id names one entity); link rows and USCCs are
    unique within the package. The first row keeps the id; later ones are the problem."""
    first: dict[str, Record] = {}
    uscc: dict[str, Record] = {}
    for record in package.all_records():
        if not record.id:
            continue
        key = record.id if record.table.label is not None else f"{record.table.key}:{record.id}"
        seen = first.get(key)
        column = record.table.columns[0]
        if seen is None:
            first[key] = record
        elif seen.table is record.table and record.table.label is None:
            record.problem(None, record.id, f"duplicate row: the same link is on {seen.where}")
        elif seen.table is record.table:
            record.problem(record.header(column), record.id, f"duplicate id: first used on {seen.where}")
        else:
            record.problem(
                record.header(column),
                record.id,
                f"id already used in table {seen.table.key}/{seen.table.zh} ({seen.where})",
            )
        code = record.props.get("uscc") if record.table.label is Label.UNIT else None
        if code:
            if code in uscc:
                record.problem(
                    record.header(record.table.column("uscc")),
                    code,
                    f"USCC already given on {uscc[code].where}",
                )
            else:
                uscc[code] = record


def _targets(package: Package, graph: Graph | None) -> dict[str, Target]:
    """Every id the package defines or refers to, from the package first, else from the database."""
    targets: dict[str, Target] = {}
    for record in package.all_records():
        label = record.table.label
        if label is not None and record.id and record.id not in targets:
            targets[record.id] = Target(label, record.props.get("level"), record=record)
    ids = {r.id for r in package.all_records() if r.table.label is not None and r.id}
    ids |= {ref.target for r in package.all_records() for ref in r.refs}
    in_db = _lookup(graph, sorted(ids)) if graph is not None else {}
    for record in package.all_records():  # an id the database gives another label
        db = in_db.get(record.id)
        label = record.table.label
        if label is not None and db is not None and db.label is not label:
            record.problem(
                record.header(record.table.columns[0]),
                record.id,
                f"id already names a {LABEL_ZH.get(db.label, db.label)} ({db.label}) in the database",
            )
    for target_id, db in in_db.items():
        targets.setdefault(target_id, db)
    # A party org's base level, from the package when the org or its area is there.
    for target_id, target in list(targets.items()):
        rec = target.record
        if rec is not None and target.label is Label.PARTY_ORG:
            area = rec.ref("area_id")
            area_target = targets.get(area.target) if area else None
            targets[target_id] = Target(target.label, None, area_target.level if area_target else None, rec)
    return targets


def _lookup(graph: Graph, ids: list[str]) -> dict[str, Target]:
    found: dict[str, Target] = {}
    for start in range(0, len(ids), _LOOKUP_BATCH):
        for row in graph.read(LOOKUP_ENTITIES, {"ids": ids[start : start + _LOOKUP_BATCH]}):
            try:
                label = Label(row["label"])
            except ValueError:
                continue
            found[row["id"]] = Target(label, row["level"], row["based_level"])
    return found


def _check_ref(record: Record, ref: Ref, targets: dict[str, Target]) -> None:
    column = ref.column
    wanted = " or ".join(f"{LABEL_ZH[t]} ({t})" for t in column.targets)
    target = targets.get(ref.target)
    if target is None:
        record.problem(ref.header, ref.target, f"no {wanted} with this id in the package or the database")
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


def _check_uscc_in_db(package: Package, graph: Graph | None) -> None:
    units = [r for r in package.records["units"] if r.props.get("uscc")]
    if graph is None or not units:
        return
    rows = [{"id": r.id, "uscc": r.props["uscc"]} for r in units]
    taken: dict[str, str] = {}
    for start in range(0, len(rows), _LOOKUP_BATCH):
        for row in graph.read(LOOKUP_USCC, {"rows": rows[start : start + _LOOKUP_BATCH]}):
            taken[row["uscc"]] = row["id"]
    for record in units:
        other = taken.get(record.props["uscc"])
        if other is not None:
            record.problem(
                record.header(record.table.column("uscc")),
                record.props["uscc"],
                f"this USCC already belongs to unit {other} in the database",
            )


def _drop_dependents(package: Package, targets: dict[str, Target], *, report: bool) -> None:
    """Mark invalid every row that refers to an id whose only definition in the package is invalid,
    until nothing changes (a street's invalid row drops its communities, their units, …). Strict
    mode skips this: the load is rejected anyway, and only the root problems are worth listing."""
    if not report:
        return
    defined_valid = {r.id for r in package.all_records() if r.table.label is not None and r.valid}
    bad = {r.id for r in package.all_records() if r.table.label is not None and not r.valid} - defined_valid
    changed = bool(bad)
    while changed:
        changed = False
        for record in package.all_records():
            ref = next((ref for ref in record.refs if ref.target in bad), None) if record.valid else None
            if ref is None:
                continue
            culprit = targets[ref.target].record
            where = culprit.where if culprit else "the package"
            record.problem(ref.header, ref.target, f"skipped: refers to an invalid row ({where})")
            if record.table.label is not None:
                bad.add(record.id)
            changed = True
