"""Reading: encodings, workbooks, JSON, zips; rows carry file, sheet and row; hostile files refused."""

from __future__ import annotations

import datetime as dt
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.problems import FileRefused
from loaders.read import RawRow, Sheet, read_package
from loaders.settings import ReadLimits

AREAS_CSV = "编号,名称,层级,上级编号\nKM,昆明市,市,\nGD,官渡区,区,KM\n"


def sheets(path: Path, limits: ReadLimits | None = None) -> list[tuple[Sheet, list[RawRow]]]:
    return [(sheet, list(sheet.rows)) for sheet in read_package(path, limits)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "区域.csv").write_bytes(AREAS_CSV.encode(encoding))
    [(sheet, rows)] = sheets(tmp_path)
    assert sheet.name == "区域"
    assert sheet.headers == ["编号", "名称", "层级", "上级编号"]
    assert [r.cells["名称"] for r in rows] == ["昆明市", "官渡区"]


def test_rows_carry_file_sheet_and_spreadsheet_row(tmp_path: Path) -> None:
    (tmp_path / "areas.csv").write_text("id,name\n\nKM,昆明市\n", encoding="utf-8")
    [(_, rows)] = sheets(tmp_path)
    # the header is row 1; the blank line is row 2 (no fields), the data row is row 3
    assert [(r.file, r.sheet, r.row) for r in rows if r.cells] == [("areas.csv", None, 3)]


def test_binary_file_renamed_csv_is_refused(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10)
    with pytest.raises(FileRefused, match=r"units\.csv: this is a binary file"):
        sheets(tmp_path)


def test_utf16_text_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_bytes(AREAS_CSV.encode("utf-16"))
    with pytest.raises(FileRefused, match="save it as 'CSV UTF-8'"):
        sheets(tmp_path)


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_bytes(b"id,name\n1,\xff\xfe\xff\n")
    with pytest.raises(FileRefused, match="neither UTF-8 nor GBK"):
        sheets(tmp_path)


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "units.csv"
    with big.open("wb") as fh:  # sparse: 2 MB of nothing, cheap to make
        fh.truncate(2 * 1024 * 1024)
    with pytest.raises(FileRefused, match="over the 1 MB limit"):
        sheets(tmp_path, ReadLimits(max_file_mb=1))


def test_a_1_gb_csv_is_refused_at_once(tmp_path: Path) -> None:
    huge = tmp_path / "units.csv"
    with huge.open("wb") as fh:  # sparse, so it costs no disk
        fh.truncate(1 << 30)
    with pytest.raises(FileRefused, match=r"units\.csv: file is 1024 MB, over the 256 MB limit"):
        sheets(tmp_path)


def test_reading_streams_in_bounded_memory(tmp_path: Path) -> None:
    row = "U{:07d},某某单位{:07d}有限公司,非公企业,EJW,别名甲；别名乙\n"
    with (tmp_path / "units.csv").open("w", encoding="utf-8") as fh:
        fh.write("id,name,kind,area_id,aliases\n")
        fh.writelines(row.format(i, i) for i in range(200_000))  # about 14 MB
    tracemalloc.start()
    try:
        count = sum(1 for sheet in read_package(tmp_path) for _ in sheet.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200_000
    assert peak < 2 * 1024 * 1024


def test_csv_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text(",".join(f"c{i}" for i in range(300)) + "\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="more than 200 columns"):
        sheets(tmp_path)


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "党建联盟"
    ws.append(["编号", "名称", "所在街道", "牵头党组织", "成立日期"])
    ws.append(["A1", "太和街道党建联盟", "TH", "PO-TH", dt.datetime(2019, 3, 1)])
    ws.append([None, None, None, None, None])
    ws.append([1002, "龙翔街道党建联盟", "LX", None, "2019/5/4"])
    wb.save(path)
    return path


def test_xlsx_with_chinese_headers_and_date_cells(tmp_path: Path) -> None:
    [(sheet, rows)] = sheets(_workbook(tmp_path / "台账.xlsx"))
    assert (sheet.file, sheet.sheet, sheet.name) == ("台账.xlsx", "党建联盟", "党建联盟")
    assert sheet.headers == ["编号", "名称", "所在街道", "牵头党组织", "成立日期"]
    data = [r for r in rows if any(v is not None for v in r.cells.values())]
    assert [r.row for r in data] == [2, 4]
    assert data[0].cells["成立日期"] == dt.datetime(2019, 3, 1)
    assert data[1].cells["编号"] == 1002


def _rewrite_member(
    path: Path, member: str, transform: object, compression: int = zipfile.ZIP_DEFLATED
) -> None:
    with zipfile.ZipFile(path) as src:
        items = {info.filename: src.read(info) for info in src.infolist()}
    assert callable(transform)
    items[member] = transform(items[member])
    with zipfile.ZipFile(path, "w", compression) as dst:
        for name, data in items.items():
            dst.writestr(name, data)


def test_xml_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "laughs.xlsx")
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )

    def bomb(xml: bytes) -> bytes:
        return dtd + xml.replace(
            b"<sheetData>", b'<sheetData><row r="9"><c t="inlineStr"><is><t>&lol3;</t></is></c></row>', 1
        )

    _rewrite_member(path, "xl/worksheets/sheet1.xml", bomb)
    with pytest.raises(FileRefused, match=r"laughs\.xlsx: .*XML entity expansion"):
        sheets(path)


def test_sheet_with_a_million_empty_columns_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "wide.xlsx")

    def widen(xml: bytes) -> bytes:
        wide_row = b'<row r="5">' + b"<c/>" * 1_000_000 + b"</row>"
        return xml.replace(b"</sheetData>", wide_row + b"</sheetData>", 1)

    # Stored, not deflated: the compression ratio alone would not give it away.
    _rewrite_member(path, "xl/worksheets/sheet1.xml", widen, zipfile.ZIP_STORED)
    with pytest.raises(FileRefused, match=r"wide\.xlsx: a sheet has a row of \d+ or more cells"):
        sheets(path)


def test_sheet_declaring_more_columns_than_excel_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "wide.xlsx")

    def widen(xml: bytes) -> bytes:
        start = xml.index(b'<dimension ref="') + len(b'<dimension ref="')
        return xml[:start] + b"A1:ZZZ4" + xml[xml.index(b'"', start) :]

    _rewrite_member(path, "xl/worksheets/sheet1.xml", widen)
    with pytest.raises(FileRefused, match="declares 18278 columns"):
        sheets(path)


def test_sheet_with_too_many_header_columns_is_refused(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"c{i}" for i in range(400)])
    wb.save(tmp_path / "wide.xlsx")
    with pytest.raises(FileRefused, match="more than 200 columns"):
        sheets(tmp_path / "wide.xlsx")


def test_xlsx_zip_bomb_is_refused_from_its_declared_sizes(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", bytes(20 * 1024 * 1024))
    with pytest.raises(FileRefused, match="zip bomb"):
        sheets(path)


def test_archive_unpacking_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("areas.csv", b"id,name\n" + b"x,y\n" * 600_000)
    with pytest.raises(FileRefused, match="unpacks to 2 MB, over 1 MB"):
        sheets(path, ReadLimits(max_unpacked_mb=1))


def test_encrypted_workbook_gets_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(FileRefused, match="password-protected"):
        sheets(tmp_path / "locked.xlsx")


def test_renamed_file_is_not_a_workbook(tmp_path: Path) -> None:
    (tmp_path / "units.xlsx").write_text("编号,名称\n", encoding="utf-8")
    with pytest.raises(FileRefused, match="not an .xlsx workbook"):
        sheets(tmp_path / "units.xlsx")


def test_json_package_one_array_per_table(tmp_path: Path) -> None:
    doc = {"areas": [{"id": "KM", "name": "昆明市", "level": "市"}], "单位": []}
    (tmp_path / "pkg.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    [(areas, rows), (units, none)] = sheets(tmp_path / "pkg.json")
    assert (areas.name, areas.headers, rows[0].row, rows[0].sheet) == (
        "areas",
        ["id", "name", "level"],
        1,
        "areas",
    )
    assert (units.name, none) == ("单位", [])


@pytest.mark.parametrize("doc", ["[1, 2]", '{"areas": {"id": 1}}', '{"areas": [1]}', "{not json"])
def test_malformed_json_is_refused(tmp_path: Path, doc: str) -> None:
    (tmp_path / "pkg.json").write_text(doc, encoding="utf-8")
    with pytest.raises(FileRefused, match=r"pkg\.json"):
        sheets(tmp_path / "pkg.json")


def test_zip_of_csv_files_with_gbk_names(tmp_path: Path) -> None:
    path = tmp_path / "台账.zip"
    with zipfile.ZipFile(path, "w") as archive:
        # A Chinese Windows zip tool stores GBK names without the UTF-8 flag.
        archive.writestr("XXXX.csv", AREAS_CSV.encode("gbk"))
    raw = path.read_bytes().replace(b"XXXX.csv", "区域.csv".encode("gbk"))
    path.write_bytes(raw)
    [(sheet, rows)] = sheets(path)
    assert (sheet.file, sheet.name, len(rows)) == ("台账.zip/区域.csv", "区域", 2)


def test_zip_with_unsafe_paths_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../etc/areas.csv", AREAS_CSV)
    with pytest.raises(FileRefused, match="unsafe path"):
        sheets(path)


def test_unsupported_file_type(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(FileRefused, match="save it as .xlsx"):
        sheets(tmp_path / "old.xls")
