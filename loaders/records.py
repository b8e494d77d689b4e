"""Stage 2a: one raw row of a known table becomes a typed record (node or link properties and the
references it makes), with a problem for every cell that is missing or malformed."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.schema import Label, relationship_id
from graph.search_keys import search_keys
from graph.vocabulary import AreaLevel
from i18n.vocabulary import ZH, parse
from loaders.problems import Problem
from loaders.read import RawRow
from loaders.tables import NAMED_LABELS, Column, Table
from loaders.values import (
    ValueProblem,
    check_scalar,
    check_text,
    clean,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_uscc,
)

#: A problem shows at most this much of the value it is about (a refused cell may be 100 KB long).
_SHOWN_CHARS = 200


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a row came from: file (its name in the package), sheet, spreadsheet row."""

    file: str
    sheet: str | None
    row: int


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference a row makes: the column (and its header as written) and the target id."""

    column: Column
    header: str
    target: str


@dataclass(slots=True)
class Record:
    """A row of a table, parsed: for a node table `id` is the node's key; for a link table it is the
    relationship's id (`alliance_id|member_id`, `person_id|org_id|start`). The raw cells are not
    kept (a large package stays small in memory); `headers`, shared by the rows of one sheet, maps
    column keys to the headers as written."""

    table: Table
    origin: Origin
    headers: dict[str, str]
    id: str
    props: dict[str, Any]
    refs: list[Ref]
    problems: list[Problem] = field(default_factory=list)
    #: The record's place in its table (read order), and where its problems are kept once it has been
    #: spilled to disk (loaders/package.py): a problem noted later must outlive this object.
    seq: int = -1
    sink: dict[int, list[Problem]] | None = None

    @property
    def valid(self) -> bool:
        return not self.problems

    def problem(self, column: str | None, value: Any, reason: str) -> None:
        """Note a problem with this row (column as written in the header)."""
        shown = None if value is None else str(clean(value) or value)[:_SHOWN_CHARS]
        origin = self.origin
        if not self.problems and self.sink is not None:
            self.sink[self.seq] = self.problems
        # One reason is often given to a million rows (a missing area): one string for all of them.
        self.problems.append(
            Problem(origin.file, origin.sheet, origin.row, column, shown, sys.intern(reason))
        )

    def ref(self, key: str) -> Ref | None:
        return next((r for r in self.refs if r.column.key == key), None)

    @property
    def where(self) -> str:
        sheet = f" [{self.origin.sheet}]" if self.origin.sheet else ""
        return f"{self.origin.file}{sheet} row {self.origin.row}"

    def header(self, column: Column) -> str:
        """The header of a column as written in this row's sheet (its Chinese name if absent)."""
        return self.headers.get(column.key, column.zh)


def _parse_enum(column: Column, text: str) -> str:
    assert column.vocab is not None
    member = parse(column.vocab, text)
    if member is None:
        allowed = " | ".join(f"{m.value} {ZH[m][0]}" for m in column.vocab)
        raise ValueProblem(f"unknown value; use one of: {allowed}")
    return member.value


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "date": parse_date,
    "bool": parse_bool,
    "int": parse_int,
    "list": parse_list,
    "refs": parse_list,
    "uscc": parse_uscc,
}


def build_record(table: Table, raw: RawRow, headers: dict[str, str]) -> Record:
    """Parse a row; `headers` maps each column key present in the sheet to its header as written."""
    record = Record(table, Origin(raw.file, raw.sheet, raw.row), headers, "", {}, [])
    values: dict[str, Any] = {}
    for column in table.columns:
        header = headers.get(column.key)
        cell = raw.cells.get(header) if header is not None else None
        try:
            text = clean(cell if column.kind in ("list", "refs") else check_scalar(cell))
        except ValueProblem as exc:
            record.problem(header, cell, str(exc))
            values[column.key] = None
            continue
        if text is None:
            values[column.key] = column.default
            if column.required and header is not None:
                record.problem(header, None, "required value missing")
            continue
        try:
            if column.kind not in ("list", "refs"):
                check_text(text, is_id=column.kind in ("id", "ref"))
            values[column.key] = _parse(column, cell, text)
        except ValueProblem as exc:
            record.problem(header, cell, str(exc))
            values[column.key] = None
            continue
        if column.kind == "ref":
            record.refs.append(Ref(column, header or column.key, values[column.key]))
        elif column.kind == "refs":
            record.refs.extend(Ref(column, header or column.key, t) for t in values[column.key])
    _apply_rules(record, values, raw)
    return record


def _parse(column: Column, cell: Any, text: str) -> Any:
    kind = column.kind
    if kind in ("text", "id", "ref"):
        return text
    if kind == "enum":
        return _parse_enum(column, text)
    if kind in ("list", "refs"):
        items = parse_list(text if type(cell) is str else cell)
        return [check_text(item, is_id=kind == "refs") for item in items]
    # Text cells are parsed from their cleaned text; dates, numbers and lists keep their own type.
    return _PARSERS[kind](text if type(cell) is str else cell)


def _apply_rules(record: Record, values: dict[str, Any], raw: RawRow) -> None:
    """Rules across columns of one row, then the record's key and properties."""
    table = record.table
    label = table.label
    if label is Label.AREA and values.get("level") not in (None, AreaLevel.CITY) and not values["parent_id"]:
        record.problem(
            record.header(table.column("parent_id")), None, "parent_id is required except for a city"
        )
    if label is Label.PARTY_ORG and not values.get("unit_id") and not values.get("area_id"):
        record.problem(
            record.header(table.column("unit_id")),
            None,
            "give the unit (所在单位) or the area (所在区域), or both",
        )
    if label is Label.CONTRACT and values.get("parties") is not None and len(values["parties"]) < 2:
        header = record.header(table.column("parties"))
        record.problem(header, raw.cells.get(header), "a contract needs two or more parties")
    # A column the sheet lacks leaves that property as it is; an empty cell clears it.
    props = {
        c.prop: values.get(c.key)
        for c in table.columns
        if c.prop and (c.key in record.headers or c.default is not None)
    }
    if label in (Label.CONTRACT, Label.NEED, Label.RESOURCE, Label.PROJECT):
        props["name"] = props.get("title")
    if label is Label.UNIT and props.get("aliases") is None:
        props["aliases"] = []
    record.props = props
    if label is not None:
        record.id = str(values.get("id") or "")
    else:
        record.id = relationship_id([_key_part(values.get(k)) for k in table.link_key])


def node_props(record: Record) -> dict[str, Any]:
    """A node's properties as written: its columns' values and, for a named label, the search keys
    of its name and aliases. The keys are made only when the node is written, so that a validated
    package (or a dry run) does not hold or compute them."""
    props = record.props
    if record.table.label in NAMED_LABELS and props.get("name"):
        return {**props, **search_keys(str(props["name"]), props.get("aliases") or ())}
    return props


def _key_part(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
