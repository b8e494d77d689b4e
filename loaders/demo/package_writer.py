"""Streaming writer of a data package: a folder of UTF-8 CSV files named and headed as the data contract says.

Rows are written as they come, so a package of millions of rows needs no more memory than one row.
Output is byte-for-byte reproducible: fixed column order, `\\n` line ends, no timestamps.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

#: Each table of the data contract and its columns (English headers), in file order.
TABLES: dict[str, tuple[str, ...]] = {
    "areas": ("id", "name", "level", "parent_id", "joint_meeting"),
    "units": ("id", "name", "aliases", "kind", "industry", "address", "area_id", "uscc"),
    "party_orgs": ("id", "name", "type", "parent_id", "unit_id", "area_id", "members"),
    "alliances": ("id", "name", "street_id", "lead_org_id", "founded"),
    "alliance_members": ("alliance_id", "member_id", "joined", "role"),
    "people": ("id", "name", "unit_id", "title", "party_member", "phone"),
    "committee_seats": ("person_id", "org_id", "title", "start", "end"),
    "contracts": ("id", "title", "signed", "expires", "parties", "status"),
    "needs": ("id", "owner_id", "category", "title", "status"),
    "resources": ("id", "owner_id", "category", "title"),
    "projects": (
        "id",
        "title",
        "contract_id",
        "need_id",
        "resource_id",
        "provider_id",
        "status",
        "start",
        "end",
    ),
}

#: Tables whose rows are nodes (the rest are relationships only).
NODE_TABLES: tuple[str, ...] = (
    "areas",
    "units",
    "party_orgs",
    "alliances",
    "people",
    "contracts",
    "needs",
    "resources",
    "projects",
)

Row = Mapping[str, Any]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class PackageWriter:
    """Writes the CSV files of one package into a folder; use as a context manager.

    Every table's file is created with its header, so a package always has all eleven files.
    """

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}

    def __enter__(self) -> PackageWriter:
        self.out.mkdir(parents=True, exist_ok=True)
        for table, columns in TABLES.items():
            handle = (self.out / f"{table}.csv").open("w", encoding="utf-8", newline="")
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            self._files[table] = handle
            self._writers[table] = writer
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        self._writers.clear()

    def write(self, table: str, row: Row) -> None:
        """Append one row; missing columns are written empty, unknown keys are refused."""
        columns = TABLES[table]
        extra = set(row) - set(columns)
        if extra:
            raise ValueError(f"{table}: unknown columns {sorted(extra)}")
        self._writers[table].writerow([_cell(row.get(column)) for column in columns])
        self.counts[table] += 1

    def write_all(self, table: str, rows: Iterable[Row]) -> None:
        """Append many rows to one table."""
        for row in rows:
            self.write(table, row)

    def node_count(self) -> int:
        """How many node rows have been written so far."""
        return sum(self.counts[table] for table in NODE_TABLES)
