"""Stage 3, write: valid records become batched `UNWIND … MERGE` writes, nodes before relationships,
each batch its own transaction (so an interrupted load can simply be run again). The records stream
from the package's spill a batch at a time. Returns the added / updated / unchanged count of each
table; a record whose node is unchanged but whose references changed counts as updated."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.queries.loads import remove_stale_rels
from graph.queries.writes import merge_new_nodes, merge_new_rels, merge_node_rows, merge_rel_rows
from graph.schema import Label, Rel
from i18n.vocabulary import label
from loaders.package import Package
from loaders.problems import Problem
from loaders.records import Record, node_props
from loaders.tables import TABLES, Column, Table

Counts = dict[str, dict[str, int]]
WriteProgress = Callable[[int], None]
OUTCOMES = ("added", "updated", "unchanged")
UNCHANGED, ADDED, UPDATED = 0, 1, 2
_CODE = {"unchanged": UNCHANGED, "added": ADDED, "updated": UPDATED}
#: Why a reload kept a value back (i18n/load_reasons.py has it in Chinese).
KEPT_REASON = "the app changed this item's state after the ledger was loaded, and owns this field now"
T = TypeVar("T")


@dataclass
class _Batch:
    """Rows on their way to one query, and the record (seq) that each row's result speaks for."""

    query: NamedQuery
    fresh: bool  # rows the database cannot hold yet: the query returns no outcome per row
    rows: list[dict[str, Any]] = field(default_factory=list)
    seqs: dict[str, int] = field(default_factory=dict)  # the result's key -> the record's seq


@dataclass
class Writer:
    """Writes one package's valid records for one load."""

    graph: Graph
    load_id: str
    batch_size: int
    on_written: WriteProgress | None = None
    loaded_at: dt.datetime | None = None
    #: Node batches in flight at once. Safe: each node is in one batch, merged on its own key, so
    #: concurrent batches take no common lock. Relationship batches (which lock both ends, and share
    #: ends) reach Neo4j one at a time, but the next one is built while the last one is written.
    node_workers: int = 2

    def __post_init__(self) -> None:
        self.loaded_at = self.loaded_at or dt.datetime.now(dt.UTC)
        self._outcome: dict[str, bytearray] = {}  # per table, per seq: UNCHANGED, ADDED, UPDATED
        self._rel_sender: ThreadPoolExecutor | None = None
        self._rels_in_flight: deque[tuple[Future[list[dict[str, Any]]], Table, _Batch, str, bool]] = deque()
        self._done = 0
        self._load = {"load_id": self.load_id, "loaded_at": self.loaded_at}
        #: Row-report lines of ledger values kept back: the app owns those fields (schema.APP_OWNED).
        self.kept: list[Problem] = []

    def write(self, package: Package) -> Counts:
        """Write nodes, then each table's relationships; return counts per table."""
        self._outcome = {key: bytearray(len(records)) for key, records in package.records.items()}
        self._write_nodes(package)
        with ThreadPoolExecutor(max_workers=1) as self._rel_sender:
            for table in TABLES:
                if table.label is not None:
                    for column in (c for c in table.columns if c.rel is not None):
                        self._write_ref_rels(package, table, column)
                else:
                    self._write_links(package, table)
                self._drain_rels()
        return self._counts(package)

    def prov(self, record: Record) -> dict[str, Any]:
        """The provenance of a record's row: source file, sheet and row. The load id and time, the
        same for every row, go with each batch once (`$load`)."""
        origin = record.origin
        return {"src_file": origin.file, "src_sheet": origin.sheet, "src_row": origin.row}

    # --- nodes --------------------------------------------------------------------------------------
    def _write_nodes(self, package: Package) -> None:
        """Every node table's batches, `node_workers` at a time; results are taken in order here."""
        with ThreadPoolExecutor(max_workers=max(1, self.node_workers)) as pool:
            pending: deque[tuple[Future[list[dict[str, Any]]], str, _Batch]] = deque()
            for table, batch in self._node_batches(package):
                future = pool.submit(self._send, batch)
                pending.append((future, table.key, batch))
                if len(pending) >= self.node_workers:
                    self._take_nodes(*pending.popleft())
            while pending:
                self._take_nodes(*pending.popleft())

    def _node_batches(self, package: Package) -> Iterator[tuple[Table, _Batch]]:
        for table in TABLES:
            label = table.label
            if label is None:
                continue
            fresh, known = _Batch(merge_new_nodes(label), True), _Batch(merge_node_rows(label), False)
            for record in package.valid_records(table):
                batch = fresh if package.is_new(record.id) else known
                batch.rows.append({"id": record.id, "props": node_props(record), "prov": self.prov(record)})
                batch.seqs[record.id] = record.seq
                if len(batch.rows) >= self.batch_size:
                    yield table, batch
                    fresh = _Batch(fresh.query, True) if batch is fresh else fresh
                    known = _Batch(known.query, False) if batch is known else known
            yield from ((table, b) for b in (fresh, known) if b.rows)

    def _take_nodes(self, future: Future[list[dict[str, Any]]], table_key: str, batch: _Batch) -> None:
        outcome = self._outcome[table_key]
        results = future.result()
        if batch.fresh:
            for seq in batch.seqs.values():
                outcome[seq] = ADDED
        else:
            for result in results:
                outcome[batch.seqs[result["id"]]] = _CODE[result["outcome"]]
            self._note_kept(table_key, batch, [r for r in results if r.get("kept")])
        self._progress(len(batch.rows))

    def _note_kept(self, table_key: str, batch: _Batch, results: list[dict[str, Any]]) -> None:
        """A row-report line for each ledger value kept back because the app owns the field; a coded
        value is shown in the ledger's words (履行中, not `active`)."""
        if not results:
            return
        columns = {c.prop: c for t in TABLES if t.key == table_key for c in t.columns if c.prop}
        origins = {row["id"]: row["prov"] for row in batch.rows}
        for result in results:
            prov = origins[result["id"]]
            for kept in result["kept"]:
                column = columns.get(kept["field"])
                self.kept.append(
                    Problem(
                        file=prov["src_file"],
                        sheet=prov["src_sheet"],
                        row=prov["src_row"],
                        column=column.key if column else kept["field"],
                        value=_text(kept["ledger"], column),
                        reason=f"kept the app's value {_text(kept['kept'], column)}: {KEPT_REASON}",
                    )
                )

    # --- relationships ------------------------------------------------------------------------------
    def _write_ref_rels(self, package: Package, table: Table, column: Column) -> None:
        """One reference column's relationships: first those a re-load no longer holds are removed
        (only rows whose sheet has the column say where the record points now), then each is merged."""
        owner, rel = table.label, column.rel
        assert owner is not None
        assert rel is not None
        outcome = self._outcome[table.key]
        # A node this load added has no relationship yet that another column could have drawn.
        skip_added = _ONE_WRITER[rel]
        stale = remove_stale_rels(rel, owner, column.outgoing)
        keep = (
            (r.id, r.seq, {"id": r.id, "keep": [ref.target for ref in r.refs if ref.column is column]})
            for r in package.valid_records(table)
            if column.key in r.headers and not (skip_added and outcome[r.seq] == ADDED)
        )
        self._drain_rels()  # the removals must see every merge before them
        for chunk in _batches(keep, self.batch_size):
            seqs = {record_id: seq for record_id, seq, _ in chunk}
            for result in self.graph.write(stale, {"rows": [row for _, _, row in chunk]}):
                if result["removed"]:
                    self._touch(table.key, seqs[result["id"]])

        def rows() -> Iterator[tuple[Label, Label, str, int, dict[str, Any], bool]]:
            for record in package.valid_records(table):
                for ref in record.refs:
                    if ref.column is not column:
                        continue
                    src, dst = (record.id, ref.target) if column.outgoing else (ref.target, record.id)
                    row = {"src": src, "dst": dst, "props": {}, "prov": self.prov(record)}
                    fresh = package.is_new(src) or package.is_new(dst)
                    yield package.label_of(src), package.label_of(dst), record.id, record.seq, row, fresh

        self._merge_rels(table, rel, rows(), key="src" if column.outgoing else "dst", link=False)

    def _write_links(self, package: Package, table: Table) -> None:
        rel = table.link
        assert rel is not None

        def rows() -> Iterator[tuple[Label, Label, str, int, dict[str, Any], bool]]:
            for record in package.valid_records(table):
                src, dst = record.ref(table.link_src), record.ref(table.link_dst)
                assert src is not None
                assert dst is not None
                row = {
                    "src": src.target,
                    "dst": dst.target,
                    "id": record.id,
                    "props": record.props,
                    "prov": self.prov(record),
                }
                fresh = package.is_new(src.target) or package.is_new(dst.target)
                labels = package.label_of(src.target), package.label_of(dst.target)
                yield *labels, record.id, record.seq, row, fresh

        self._merge_rels(table, rel, rows(), key="id", link=True)

    def _merge_rels(
        self,
        table: Table,
        rel: Rel,
        rows: Iterable[tuple[Label, Label, str, int, dict[str, Any], bool]],
        *,
        key: str,
        link: bool,
    ) -> None:
        """Group rows by their ends' labels and by whether they can already exist, sending each group
        whenever it is full. `key` is the result field that names the row's record (its owner)."""
        groups: dict[tuple[Label, Label, bool], _Batch] = {}
        for src, dst, owner, seq, row, fresh in rows:
            group = (src, dst, fresh)
            batch = groups.get(group)
            if batch is None:
                query = merge_new_rels(rel, src, dst) if fresh else merge_rel_rows(rel, src, dst)
                batch = groups[group] = _Batch(query, fresh)
            batch.rows.append(row)
            batch.seqs[owner] = seq
            if len(batch.rows) >= self.batch_size:
                self._send_rels(table, groups.pop(group), key, link)
        for batch in groups.values():
            self._send_rels(table, batch, key, link)

    def _send_rels(self, table: Table, batch: _Batch, key: str, link: bool) -> None:
        """Hand the batch to the sender; at most one more waits behind the one being written."""
        assert self._rel_sender is not None
        future = self._rel_sender.submit(self._send, batch)
        self._rels_in_flight.append((future, table, batch, key, link))
        while len(self._rels_in_flight) > 1:
            self._take_rels(*self._rels_in_flight.popleft())

    def _drain_rels(self) -> None:
        while self._rels_in_flight:
            self._take_rels(*self._rels_in_flight.popleft())

    def _take_rels(
        self, future: Future[list[dict[str, Any]]], table: Table, batch: _Batch, key: str, link: bool
    ) -> None:
        results = future.result()
        outcome = self._outcome[table.key]
        if batch.fresh:  # every row added a relationship
            for seq in batch.seqs.values():
                if link:
                    outcome[seq] = ADDED
                else:
                    self._touch(table.key, seq)
        else:
            for result in results:
                seq = batch.seqs[result[key]]
                if link:
                    outcome[seq] = _CODE[result["outcome"]]
                elif result["outcome"] != "unchanged":
                    self._touch(table.key, seq)
        self._progress(len(batch.rows))

    # --- shared -------------------------------------------------------------------------------------
    def _send(self, batch: _Batch) -> list[dict[str, Any]]:
        return self.graph.write(batch.query, {"rows": batch.rows, "load": self._load})

    def _touch(self, table_key: str, seq: int) -> None:
        outcome = self._outcome[table_key]
        if outcome[seq] == UNCHANGED:
            outcome[seq] = UPDATED

    def _progress(self, n: int) -> None:
        self._done += n
        if self.on_written is not None:
            self.on_written(self._done)

    def _counts(self, package: Package) -> Counts:
        counts: Counts = {}
        for table in TABLES:
            records = package.records[table.key]
            if not len(records):
                continue
            outcome = self._outcome[table.key]
            invalid = len(records.problems)  # never written: still UNCHANGED in `outcome`
            counts[table.key] = {
                "added": outcome.count(ADDED),
                "updated": outcome.count(UPDATED),
                "unchanged": outcome.count(UNCHANGED) - invalid,
                "invalid": invalid,
            }
        return counts


def _writers() -> dict[Rel, bool]:
    """Per relationship type: is it drawn by one column or link table only?"""
    count: dict[Rel, int] = dict.fromkeys(Rel, 0)
    for table in TABLES:
        for column in table.columns:
            if column.rel is not None:
                count[column.rel] += 1
        if table.link is not None:
            count[table.link] += 1
    return {rel: count[rel] == 1 for rel in Rel}


_ONE_WRITER = _writers()


def _text(value: Any, column: Column | None) -> str:
    """A kept or ledger value as the report shows it: a code in the ledger's words, a date as ISO, none
    as empty."""
    if value is None:
        return ""
    if column is not None and column.vocab is not None:
        return label(column.vocab, str(value)) or str(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _batches(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_units(package: Package) -> int:
    """How many write rows a package makes (nodes, reference relationships, links): the progress total."""
    return sum(records.write_units() for records in package.records.values())
