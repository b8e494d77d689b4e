"""Stage 3, write: valid records become batched `UNWIND … MERGE` writes, nodes before relationships,
each batch its own transaction (so an interrupted load can simply be run again). Returns the
added / updated / unchanged count of each table; a record whose node is unchanged but whose
references changed counts as updated."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.queries.loads import remove_stale_rels
from graph.queries.writes import merge_node_rows, merge_rel_rows
from graph.schema import Label, Rel
from loaders.records import Record, node_props
from loaders.tables import TABLES, Table
from loaders.validate import Package

Counts = dict[str, dict[str, int]]
WriteProgress = Callable[[int], None]
OUTCOMES = ("added", "updated", "unchanged")
T = TypeVar("T")


@dataclass
class Writer:
    """Writes one package's valid records for one load."""

    graph: Graph
    load_id: str
    batch_size: int
    on_written: WriteProgress | None = None
    loaded_at: dt.datetime | None = None
    #: Node batches in flight at once. Safe: each node is in one batch, merged on its own key, so
    #: concurrent batches take no common lock; relationship batches (which lock both ends, and share
    #: ends) stay one at a time.
    node_workers: int = 2

    def __post_init__(self) -> None:
        self.loaded_at = self.loaded_at or dt.datetime.now(dt.UTC)
        self._outcome: dict[int, str] = {}  # id(record) -> outcome
        self._done = 0
        self._load = {"load_id": self.load_id, "loaded_at": self.loaded_at}

    def write(self, package: Package) -> Counts:
        """Write nodes, then each table's relationships; return counts per table."""
        self._write_nodes(package)
        for table in TABLES:
            records = package.valid_records(table)
            if table.label is not None:
                self._write_ref_rels(table, records, package.labels)
            else:
                self._write_links(table, records, package.labels)
        return self._counts(package)

    def prov(self, record: Record) -> dict[str, Any]:
        """The provenance of a record's row: source file, sheet and row. The load id and time, the
        same for every row, go with each batch once (`$load`)."""
        origin = record.origin
        return {"src_file": origin.file, "src_sheet": origin.sheet, "src_row": origin.row}

    def _write(self, query: NamedQuery, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return self.graph.write(query, {"rows": batch, "load": self._load})

    def _write_nodes(self, package: Package) -> None:
        """Every node table's batches, `node_workers` at a time (their rows made only when sent, so
        memory stays flat); results are taken in order in this thread."""
        by_id: dict[str, Record] = {}
        chunks: list[tuple[Label, list[Record]]] = []
        for table in TABLES:
            if table.label is not None:
                records = package.valid_records(table)
                by_id.update((r.id, r) for r in records)
                chunks += [(table.label, chunk) for chunk in _batches(records, self.batch_size)]

        def send(label: Label, chunk: list[Record]) -> list[dict[str, Any]]:
            batch = [{"id": r.id, "props": node_props(r), "prov": self.prov(r)} for r in chunk]
            return self._write(merge_node_rows(label), batch)

        with ThreadPoolExecutor(max_workers=max(1, self.node_workers)) as pool:
            pending: deque[tuple[Future[list[dict[str, Any]]], int]] = deque()
            for label, chunk in chunks:
                pending.append((pool.submit(send, label, chunk), len(chunk)))
                if len(pending) >= self.node_workers:
                    self._take_nodes(pending.popleft(), by_id)
            while pending:
                self._take_nodes(pending.popleft(), by_id)

    def _take_nodes(self, sent: tuple[Future[list[dict[str, Any]]], int], by_id: dict[str, Record]) -> None:
        future, rows = sent
        for result in future.result():
            self._outcome[id(by_id[result["id"]])] = result["outcome"]
        self._progress(rows)

    def _write_ref_rels(self, table: Table, records: list[Record], labels: dict[str, Label]) -> None:
        owner = table.label
        assert owner is not None
        by_id = {r.id: r for r in records}
        for column in (c for c in table.columns if c.rel is not None):
            rel = column.rel
            assert rel is not None
            # Only rows whose sheet has the column say where the record points now. A node this load
            # added has no relationship yet that another column could have drawn: nothing to remove.
            skip_added = _ONE_WRITER[rel]
            keep = [
                {"id": r.id, "keep": [ref.target for ref in r.refs if ref.column is column]}
                for r in records
                if column.key in r.headers and not (skip_added and self._outcome.get(id(r)) == "added")
            ]
            for batch in _batches(keep, self.batch_size):
                for result in self.graph.write(
                    remove_stale_rels(rel, owner, column.outgoing), {"rows": batch}
                ):
                    if result["removed"]:
                        self._touch(by_id[result["id"]])
            groups: dict[tuple[Label, Label], list[dict[str, Any]]] = defaultdict(list)
            for record in records:
                for ref in (ref for ref in record.refs if ref.column is column):
                    target = labels[ref.target]
                    if column.outgoing:
                        key, row = (owner, target), {"src": record.id, "dst": ref.target}
                    else:
                        key, row = (target, owner), {"src": ref.target, "dst": record.id}
                    groups[key].append({**row, "props": {}, "prov": self.prov(record)})
            end = "src" if column.outgoing else "dst"
            for (src, dst), rows in groups.items():
                self._merge_rels(rel, src, dst, rows, _record_at(by_id, end))

    def _write_links(self, table: Table, records: list[Record], labels: dict[str, Label]) -> None:
        rel = table.link
        assert rel is not None
        by_id = {r.id: r for r in records}
        groups: dict[tuple[Label, Label], list[dict[str, Any]]] = defaultdict(list)
        for record in records:
            src = record.ref(table.link_src)
            dst = record.ref(table.link_dst)
            assert src is not None
            assert dst is not None
            row = {"src": src.target, "dst": dst.target, "id": record.id, "props": record.props}
            groups[(labels[src.target], labels[dst.target])].append({**row, "prov": self.prov(record)})
        for (src_label, dst_label), rows in groups.items():
            self._merge_rels(rel, src_label, dst_label, rows, lambda r: by_id[r["id"]], link=True)

    def _merge_rels(
        self,
        rel: Rel,
        src: Label,
        dst: Label,
        rows: list[dict[str, Any]],
        record_of: Callable[[dict[str, Any]], Record],
        *,
        link: bool = False,
    ) -> None:
        for batch in _batches(rows, self.batch_size):
            for result in self._write(merge_rel_rows(rel, src, dst), batch):
                record = record_of(result)
                if link:
                    self._outcome[id(record)] = result["outcome"]
                elif result["outcome"] != "unchanged":
                    self._touch(record)
            self._progress(len(batch))

    def _touch(self, record: Record) -> None:
        if self._outcome.get(id(record), "unchanged") == "unchanged":
            self._outcome[id(record)] = "updated"

    def _progress(self, n: int) -> None:
        self._done += n
        if self.on_written is not None:
            self.on_written(self._done)

    def _counts(self, package: Package) -> Counts:
        counts: Counts = {}
        for table in TABLES:
            records = package.records[table.key]
            if not records:
                continue
            row = dict.fromkeys(OUTCOMES, 0)
            for record in package.valid_records(table):
                row[self._outcome.get(id(record), "unchanged")] += 1
            row["invalid"] = sum(1 for r in records if not r.valid)
            counts[table.key] = row
        return counts


def _writers() -> dict[Rel, bool]:
    """Per relationship type: is it drawn by one column or link table only?"""
    count: dict[Rel, int] = defaultdict(int)
    for table in TABLES:
        for column in table.columns:
            if column.rel is not None:
                count[column.rel] += 1
        if table.link is not None:
            count[table.link] += 1
    return {rel: count[rel] == 1 for rel in Rel}


_ONE_WRITER = _writers()


def _record_at(by_id: dict[str, Record], end: str) -> Callable[[dict[str, Any]], Record]:
    return lambda result: by_id[result[end]]


def _batches(rows: list[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_units(package: Package) -> int:
    """How many write rows a package makes (nodes, reference relationships, links): the progress total."""
    total = 0
    for table in TABLES:
        for record in package.valid_records(table):
            total += (1 if table.label is not None else 0) + (
                len(record.refs) if table.label is not None else 1
            )
    return total
