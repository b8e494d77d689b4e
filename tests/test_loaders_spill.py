"""The validated package lives on disk, not in memory: the spill gives rows back in order any number of
times, a problem noted on a record read back is kept, and memory grows with the ids, not the rows."""

from __future__ import annotations

import datetime as dt
import gc
import os
import tracemalloc
from pathlib import Path

from loaders.demo.generate import generate
from loaders.read import read_package
from loaders.spill import Spill
from loaders.validate import validate
from tests.loaders_support import copy_basic


def test_rows_come_back_in_order_across_chunks_and_passes() -> None:
    spill = Spill(chunk_rows=3)
    rows = [(f"id-{i}", {"n": i, "day": dt.date(2020, 1, 1 + i)}) for i in range(8)]
    for row in rows:
        spill.append(row)
    assert len(spill) == 8
    assert list(spill) == rows
    assert list(spill) == rows  # a second pass reads the same
    spill.close()


def test_the_spill_file_is_gone_once_closed() -> None:
    spill = Spill(chunk_rows=2)
    for i in range(5):
        spill.append(i)
    descriptor = spill._file.fileno()
    assert os.fstat(descriptor).st_nlink == 0  # unlinked from the start: nothing is left behind
    spill.close()
    assert spill._file is None


def test_a_problem_noted_on_a_record_read_back_is_kept(tmp_path: Path) -> None:
    with validate(read_package(copy_basic(tmp_path)), None) as package:
        units = package.records["units"]
        first = next(iter(units))
        first.problem("名称", first.props["name"], "a later check disliked it")
        # Read back again: a fresh object, the problem kept.
        again = next(iter(units))
        assert again is not first
        assert [p.reason for p in again.problems] == ["a later check disliked it"]
        assert units.valid_count() == len(units) - 1
        assert [p.reason for p in package.all_problems()] == ["a later check disliked it"]


def test_where_names_file_and_row_without_reading_the_record(tmp_path: Path) -> None:
    with validate(read_package(copy_basic(tmp_path)), None) as package:
        units = package.records["units"]
        # The basic package's units are in 单位.csv: a header, then the first unit on row 2.
        assert units.where(0) == "单位.csv row 2"


def _retained_per_row(tmp_path: Path, small: int, large: int) -> float:
    """Bytes a validated package holds per row, from the growth between two package sizes."""

    def held(scale: int) -> tuple[int, int]:
        folder = tmp_path / str(scale)
        counts = generate(scale, folder)
        gc.collect()
        tracemalloc.start()
        package = validate(read_package(folder), None)
        size, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        package.close()
        return size, sum(counts.values())

    small_bytes, small_rows = held(small)
    large_bytes, large_rows = held(large)
    return (large_bytes - small_bytes) / (large_rows - small_rows)


def test_memory_grows_with_the_ids_not_with_the_rows(tmp_path: Path) -> None:
    # Measured so, the package held in memory (before the spill) kept 952 bytes a row; spilled, what
    # is left is each id in the index (its string and dict slot, about 100 bytes) and a few bytes of
    # bookkeeping per row, plus one chunk per table not yet written out (the same for any size).
    assert _retained_per_row(tmp_path, 2_000, 20_000) < 600
