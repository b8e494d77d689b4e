"""Hostile files of issue #14, at the reading stage: budgets counted on what is parsed (shared strings,
JSON objects and nesting, rows), archives whose directory lies, one CSV in two encodings, a NUL past
the first 64 KB. Each file is generated here, small, and each test fails without its guard."""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.problems import FileRefused
from loaders.read import RawRow, Sheet, read_package
from loaders.settings import ReadLimits
from loaders.validate import validate

MB = 1024 * 1024


def sheets(path: Path, limits: ReadLimits | None = None) -> list[tuple[Sheet, list[RawRow]]]:
    return [(sheet, list(sheet.rows)) for sheet in read_package(path, limits)]


def _peak(path: Path, limits: ReadLimits | None = None) -> tuple[BaseException | None, int]:
    """What reading the package raised (or None), and the peak of Python allocations meanwhile."""
    tracemalloc.start()
    raised: BaseException | None = None
    try:
        sheets(path, limits)
    except FileRefused as exc:
        raised = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return raised, peak


# --- a workbook's shared strings -----------------------------------------------------------------


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SHEET_XML = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>'
    "</sheetData></worksheet>"
)


def _workbook_with_shared_strings(path: Path, count: int) -> Path:
    """A one-sheet workbook (id, name / U1, 某单位) whose cells are shared strings, as Excel writes
    them, and whose shared-strings table holds `count` more short distinct strings."""
    book = Workbook()
    plain = io.BytesIO()
    book.save(plain)
    table = io.BytesIO()
    table.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    table.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    table.write("<si><t>id</t></si><si><t>name</t></si><si><t>U1</t></si><si><t>某单位</t></si>".encode())
    for i in range(count):
        table.write(b"<si><t>s%07d</t></si>" % i)
    table.write(b"</sst>")
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info).decode()
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}" />'
                data = data.replace("</Types>", override + "</Types>")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdSst" Type="{SST_REL}" Target="sharedStrings.xml" />'
                data = data.replace("</Relationships>", rel + "</Relationships>")
            elif info.filename == "xl/worksheets/sheet1.xml":
                data = SHEET_XML
            target.writestr(info.filename, data)
        target.writestr("xl/sharedStrings.xml", table.getvalue())
    return path


def test_a_shared_strings_table_over_its_budget_is_refused_while_it_is_parsed(tmp_path: Path) -> None:
    # 200,000 strings of 8 characters: about 11 MB as Python objects, over a 2 MB budget.
    path = _workbook_with_shared_strings(tmp_path / "strings.xlsx", 200_000)
    raised, peak = _peak(path, ReadLimits(max_shared_strings_mb=2))
    assert isinstance(raised, FileRefused)
    assert "shared strings take more than 2 MB" in str(raised)
    # Refused once the budget is spent: the table never grew much past 2 MB.
    assert peak < 6 * MB


def test_shared_strings_within_the_budget_are_read_and_do_not_keep_the_parsed_xml(tmp_path: Path) -> None:
    path = _workbook_with_shared_strings(tmp_path / "strings.xlsx", 200_000)
    raised, peak = _peak(path)
    assert raised is None
    [(sheet, rows)] = sheets(path)
    assert sheet.headers == ["id", "name"]
    assert [r.cells for r in rows] == [{"id": "U1", "name": "某单位"}]
    # openpyxl's own reader keeps every parsed <si> element in the document: about 4x more.
    assert peak < 25 * MB


# --- JSON ------------------------------------------------------------------------------------------


def test_json_is_streamed_one_row_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    rows = ",".join(f'{{"id":"U{i}","name":"单位{i}"}}' for i in range(200_000))
    path.write_text(f'{{"units":[{rows}]}}', encoding="utf-8")  # about 6 MB
    tracemalloc.start()
    try:
        count = sum(1 for sheet in read_package(path) for _ in sheet.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200_000
    # json.load held the whole document: about 70 MB of dicts for these 200,000 rows.
    assert peak < 4 * MB


def test_json_rows_keep_their_table_order_and_columns(tmp_path: Path) -> None:
    path = tmp_path / "pkg.json"
    path.write_text(
        json.dumps(
            {"areas": [{"id": "KM"}, {"id": "GD", "parent_id": "KM"}], "bad": [], "units": [{"id": 1}]}
        ),
        encoding="utf-8",
    )
    read = sheets(path)
    assert [(s.name, s.headers, [r.cells for r in rows]) for s, rows in read] == [
        ("areas", ["id", "parent_id"], [{"id": "KM"}, {"id": "GD", "parent_id": "KM"}]),
        ("bad", [], []),
        ("units", ["id"], [{"id": 1}]),
    ]


def test_deeply_nested_json_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"units": [{"id": ' + "[" * 100_000 + "]" * 100_000 + "}]}", encoding="utf-8")
    with pytest.raises(FileRefused, match="nested more than 5 levels"):
        sheets(path)


def test_json_rows_over_the_budget_are_refused_before_any_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    path.write_text(json.dumps({"units": [{"id": f"U{i}"} for i in range(11)]}), encoding="utf-8")
    with pytest.raises(FileRefused, match="more than 10 rows"):
        read_package(path, ReadLimits(max_rows=10)).__next__()


def test_rows_over_the_budget_are_refused_across_the_package(tmp_path: Path) -> None:
    (tmp_path / "areas.csv").write_text("id\n" + "A\n" * 6, encoding="utf-8")
    (tmp_path / "units.csv").write_text("id\n" + "U\n" * 5, encoding="utf-8")
    with pytest.raises(FileRefused, match=r"units\.csv: the package holds more than 10 rows"):
        sheets(tmp_path, ReadLimits(max_rows=10))


# --- archives whose directory lies ----------------------------------------------------------------


def _lie_about_sizes(data: bytes, member: str, size: int) -> bytes:
    """The zip with `member`'s uncompressed size set to `size` in its local header and the directory."""
    name = member.encode()
    out = bytearray(data)
    for signature, size_at, name_len_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            (length,) = struct.unpack_from("<H", out, start + name_len_at)
            if bytes(out[start + name_at : start + name_at + length]) == name:
                struct.pack_into("<I", out, start + size_at, size)
            start += 4
    return bytes(out)


def test_a_zip_whose_directory_lies_about_sizes_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("units.csv", "id,name\n" + "U1,某单位\n" * 1000)
    (tmp_path / "lying.zip").write_bytes(_lie_about_sizes(buffer.getvalue(), "units.csv", 100))
    with pytest.raises(FileRefused, match="units.csv does not unpack as the archive declares"):
        sheets(tmp_path / "lying.zip")


def test_a_workbook_whose_directory_lies_about_a_sheet_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name"])
    for i in range(500):
        sheet.append([f"U{i}", "某单位"])
    buffer = io.BytesIO()
    book.save(buffer)
    (tmp_path / "lying.xlsx").write_bytes(_lie_about_sizes(buffer.getvalue(), "xl/worksheets/sheet1.xml", 64))
    with pytest.raises(FileRefused, match="does not unpack as the archive declares"):
        sheets(tmp_path / "lying.xlsx")


# --- CSV: one encoding per file, no NUL anywhere ---------------------------------------------------


def test_a_utf8_file_with_one_gbk_row_is_refused_naming_the_row(tmp_path: Path) -> None:
    text = "编号,名称\nU1,西山单位\n".encode() + "U2,西山单位\n".encode("gbk") + "U3,官渡单位\n".encode()
    (tmp_path / "units.csv").write_bytes(text)
    with pytest.raises(FileRefused, match=r"units\.csv: row 3: the encoding changes here \(row 1 is UTF-8"):
        sheets(tmp_path)


def test_a_gbk_file_with_one_utf8_row_is_refused_naming_the_row(tmp_path: Path) -> None:
    text = "编号,名称\nU1,西山单位\n".encode("gbk") + "U2,西山单位\n".encode()
    (tmp_path / "units.csv").write_bytes(text)
    with pytest.raises(FileRefused, match=r"row 3: the encoding changes here \(row 1 is GBK, row 3 is UTF-8"):
        sheets(tmp_path)


def test_rows_are_counted_across_quoted_line_breaks(tmp_path: Path) -> None:
    text = '编号,名称\nU1,"西山\n单位"\n'.encode() + "U2,西山单位\n".encode("gbk")
    (tmp_path / "units.csv").write_bytes(text)
    with pytest.raises(FileRefused, match=r"row 3: the encoding changes here"):
        sheets(tmp_path)


def test_a_nul_after_the_first_64_kb_is_refused(tmp_path: Path) -> None:
    body = "".join(f"U{i},单位{i}\n" for i in range(10_000))  # about 130 KB
    (tmp_path / "units.csv").write_bytes(("编号,名称\n" + body).encode() + b"U\x00X,name\n")
    with pytest.raises(FileRefused, match="binary file, not CSV text \\(a NUL byte on row 10002"):
        sheets(tmp_path)


def test_a_row_wider_than_excel_allows_is_refused_before_it_is_split(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_bytes(b"id,name\n" + b"," * 2_000_000 + b"\n")
    with pytest.raises(FileRefused, match="row 2 has more cells than Excel allows"):
        sheets(tmp_path)


# --- the hierarchy of a first load (no database to look in) ---------------------------------------


def test_a_cycle_within_a_first_load_is_found_without_a_database(tmp_path: Path) -> None:
    (tmp_path / "areas.csv").write_text("id,name,level\nKM,昆明市,市\n", encoding="utf-8")
    (tmp_path / "party_orgs.csv").write_text(
        "id,name,type,parent_id,area_id\nA,甲党委,党委,B,KM\nB,乙党委,党委,A,KM\nC,丙党委,党委,A,KM\n",
        encoding="utf-8",
    )
    with validate(read_package(tmp_path), None) as package:
        problems = [(p.row, p.column, p.reason.split(" (")[0]) for p in package.all_problems()]
    assert problems == [
        (2, "parent_id", "this parent makes a cycle: A → B → A"),
        (3, "parent_id", "this parent makes a cycle: B → A → B"),
    ]
