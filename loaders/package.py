"""A validated package: each table's records on disk (loaders/spill.py), and in memory only what the
load needs about them: their problems, where each row came from, and what every id names.

A record read back is a fresh object; a problem noted on it is kept all the same (its `sink`), so the
checks and the writer can stream the records as often as they need."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from graph.schema import Label
from loaders.problems import Problem
from loaders.records import Origin, Record, Ref
from loaders.spill import Spill
from loaders.tables import TABLES, Table


@dataclass(frozen=True)
class Target:
    """What an id names: its label, its level (areas), the level of its base area (party orgs), and
    whether the database held it before this load."""

    label: Label
    level: str | None = None
    based_level: str | None = None
    in_db: bool = False


@cache
def target(label: Label, level: str | None, based_level: str | None, in_db: bool) -> Target:
    """The one shared Target of these values: a package of a million ids holds a handful of them."""
    return Target(label, level, based_level, in_db)


class TableRecords:
    """The records of one table, in read order, spilled to disk; iterate to read them back."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.problems: dict[int, list[Problem]] = {}  # seq -> its problems; absent: valid
        self._spill = Spill()
        self._headers: list[dict[str, str]] = []  # per sheet, shared by its rows
        self._sources: list[tuple[str, str | None]] = []  # (file, sheet) per sheet
        self._rows = array("l")  # per seq: the spreadsheet row
        self._sheet_of = array("H")  # per seq: index into _sources / _headers
        self._ref_counts = array("L")  # per seq: how many references the record makes
        self._column_index = {id(column): index for index, column in enumerate(table.columns)}

    def __len__(self) -> int:
        return len(self._spill)

    def add(self, record: Record, headers_index: int) -> None:
        """Append a parsed record (of the sheet `headers_index` from `add_sheet`)."""
        record.seq = len(self._spill)
        record.sink = self.problems
        if record.problems:
            self.problems[record.seq] = record.problems
        refs = [(self._column_index[id(ref.column)], ref.header, ref.target) for ref in record.refs]
        self._spill.append((record.id, record.props, refs, headers_index))
        self._rows.append(record.origin.row)
        self._sheet_of.append(headers_index)
        self._ref_counts.append(len(refs))

    def add_sheet(self, file: str, sheet: str | None, headers: dict[str, str]) -> int:
        self._headers.append(headers)
        self._sources.append((file, sheet))
        return len(self._headers) - 1

    def __iter__(self) -> Iterator[Record]:
        table, columns, sink = self.table, self.table.columns, self.problems
        for seq, (record_id, props, refs, sheet) in enumerate(self._spill):
            file, sheet_name = self._sources[sheet]
            yield Record(
                table,
                Origin(file, sheet_name, self._rows[seq]),
                self._headers[sheet],
                record_id,
                props,
                [Ref(columns[index], header, ref_target) for index, header, ref_target in refs],
                sink.get(seq, []),
                seq,
                sink,
            )

    def valid(self) -> Iterator[Record]:
        """The records without a problem, in read order."""
        return (record for record in self if not record.problems)

    def valid_count(self) -> int:
        return len(self) - len(self.problems)

    def write_units(self) -> int:
        """How many write rows the valid records make: a node and its references, or one link."""
        if self.table.label is None:
            return self.valid_count()
        invalid = self.problems
        return sum(1 + refs for seq, refs in enumerate(self._ref_counts) if seq not in invalid)

    def where(self, seq: int) -> str:
        """`file [sheet] row N` of a record, without reading it back."""
        file, sheet = self._sources[self._sheet_of[seq]]
        shown = f" [{sheet}]" if sheet else ""
        return f"{file}{shown} row {self._rows[seq]}"

    def close(self) -> None:
        self._spill.close()


@dataclass
class Package:
    """The validated package: records per table, every problem found, and the target of every id."""

    records: dict[str, TableRecords] = field(default_factory=lambda: {t.key: TableRecords(t) for t in TABLES})
    problems: list[Problem] = field(default_factory=list)  # about sheets, not rows
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    targets: dict[str, Target] = field(default_factory=dict)  # every id defined or referred to

    def all_records(self) -> Iterable[Record]:
        """Every record, table by table in write order."""
        for table in TABLES:
            yield from self.records[table.key]

    def all_problems(self, limit: int | None = None) -> list[Problem]:
        """Sheet-level problems and every row's problems, in file and row order; past `limit`, the
        first `limit` and one line that says how many more there are (a report of a million rows'
        problems would take more memory than the load, and help nobody)."""
        rows = [p for t in self.records.values() for problems in t.problems.values() for p in problems]
        found = sorted(
            [*self.problems, *rows], key=lambda p: (p.file, p.sheet or "", p.row or 0, p.column or "")
        )
        if limit is None or len(found) <= limit:
            return found
        more = len(found) - limit
        first_left_out = found[limit]
        summary = (
            f"… and {more:,} more problems, not listed: fix these and load again (另有{more}个问题未列出)"
        )
        return [*found[:limit], Problem(first_left_out.file, None, None, None, None, summary)]

    def valid_records(self, table: Table) -> Iterator[Record]:
        return self.records[table.key].valid()

    def label_of(self, entity_id: str) -> Label:
        return self.targets[entity_id].label

    def is_new(self, entity_id: str) -> bool:
        """Whether the id was absent from the database when the package was validated."""
        return not self.targets[entity_id].in_db

    def close(self) -> None:
        """Delete the spilled records."""
        for table_records in self.records.values():
            table_records.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
