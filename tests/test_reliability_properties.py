"""Property tests of the readers, value parsers and validator under arbitrary input: strings, bytes,
encodings and dates, ids with quotes, backticks and newlines. Each input either reads/parses or is
refused with the loader's own error (FileRefused / ValueProblem / a Problem), never anything else."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.problems import FileRefused
from loaders.read import read_package
from loaders.validate import validate
from loaders.values import (
    USCC_CHARS,
    ValueProblem,
    clean,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_uscc,
    uscc_check_char,
)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HOSTILE_IDS = [
    "'] RETURN n //",
    "x` RETURN 1 //",
    "`) DETACH DELETE n //",
    'a"b',
    "line\nbreak",
    "tab\tid",
    "\\u0060",
    "} MATCH (m) DETACH DELETE m //",
]
cell_text = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_IDS))
any_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.dates(),
    st.datetimes(),
    st.lists(st.text(max_size=10), max_size=5),
)


def _refused_or(parse: Any, value: Any) -> Any:
    try:
        return parse(value)
    except ValueProblem:
        return None


@PROPERTY
@given(any_value)
def test_clean_is_idempotent_and_gives_trimmed_text_or_none(value: Any) -> None:
    cleaned = clean(value)
    assert cleaned is None or (cleaned == cleaned.strip() and cleaned != "")
    assert clean(cleaned) == cleaned


@PROPERTY
@given(any_value)
def test_parsers_only_ever_raise_value_problem(value: Any) -> None:
    assert isinstance(_refused_or(parse_date, value), dt.date | None)
    assert isinstance(_refused_or(parse_bool, value), bool | None)
    number = _refused_or(parse_int, value)
    assert number is None or (isinstance(number, int) and number >= 0)
    assert isinstance(_refused_or(parse_uscc, value), str | None)
    items = parse_list(value)
    assert all(item and item == item.strip() for item in items)
    assert len(items) == len(set(items))


@PROPERTY
@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_written_in_an_accepted_form_reads_back(day: dt.date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.isoformat()} 00:00:00",
        f"\u3000{day.isoformat()} ",  # a full-width space, as Excel users type
    ):
        assert parse_date(text) == day


@PROPERTY
@given(st.integers(1, 9999), st.integers(13, 99), st.integers(1, 31))
def test_impossible_dates_are_refused(year: int, month: int, day: int) -> None:
    for text in (f"{year:04d}-{month}-{day}", f"{year:04d}-02-30", f"{year:04d}年{month}月{day}日"):
        try:
            parse_date(text)
        except ValueProblem:
            continue
        raise AssertionError(f"{text!r} was taken for a date")


@PROPERTY
@given(st.text(alphabet=USCC_CHARS, min_size=17, max_size=17), st.sampled_from(USCC_CHARS))
def test_a_uscc_is_accepted_exactly_when_its_check_character_is_right(first17: str, last: str) -> None:
    code = first17 + last
    accepted = _refused_or(parse_uscc, code.lower()) is not None
    assert accepted == (last == uscc_check_char(first17))


def _write_csv(folder: Path, name: str, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)  # "\r\n" ends: a cell holding "\r" is quoted
    path = folder / name
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


def _consume(path: Path) -> int:
    """Read every row of every sheet; FileRefused is a fine answer, anything else fails the test."""
    try:
        return sum(1 for sheet in read_package(path) for _ in sheet.rows)
    except FileRefused:
        return -1


@FILES
@given(st.binary(max_size=4000), st.sampled_from(["units.csv", "pkg.xlsx", "pkg.json", "pkg.zip"]))
def test_any_bytes_under_any_name_are_read_or_refused(junk: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(junk)
        _consume(path)


@FILES
@given(
    st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_text_in_any_supported_encoding_reads_back_cleaned(rows: list[list[str]], encoding: str) -> None:
    body = [["id", "name", "kind"], *rows]
    with tempfile.TemporaryDirectory() as folder:
        path = _write_csv(Path(folder), "units.csv", body, encoding)
        try:
            sheets = list(read_package(path))
            read = [row.cells for sheet in sheets for row in sheet.rows]
        except FileRefused:
            return  # e.g. a cell holding a NUL byte makes the file look binary
    expected = [dict(zip(["id", "name", "kind"], r, strict=True)) for r in rows]
    # Rows with no value at all may be kept or dropped; every row with a value reads back, in order.
    assert _non_empty(read) == _non_empty(expected)


def _non_empty(rows: list[dict[str, Any]]) -> list[dict[str, str | None]]:
    """Each row's non-empty cells, cleaned; rows with none are left out."""
    cleaned = [{k: clean(v) for k, v in cells.items() if clean(v) is not None} for cells in rows]
    return [cells for cells in cleaned if cells]


@FILES
@given(
    st.lists(
        st.tuples(cell_text, cell_text, cell_text, cell_text, st.text(max_size=20)),
        min_size=1,
        max_size=6,
    )
)
def test_validation_of_arbitrary_rows_reports_problems_and_never_raises(
    rows: list[tuple[str, str, str, str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pkg = Path(folder)
        _write_csv(
            pkg,
            "areas.csv",
            [["id", "name", "level", "parent_id"], ["A1", "某社区", "community", ""]],
            "utf-8",
        )
        _write_csv(
            pkg, "units.csv", [["id", "name", "kind", "area_id", "founded"], *map(list, rows)], "utf-8"
        )
        try:
            package = validate(read_package(pkg), None)
        except FileRefused:
            return
        for record in package.all_records():
            assert record.valid or record.problems
        for problem in package.all_problems():
            assert problem.file in {"areas.csv", "units.csv"}
            assert problem.reason
