"""Stage 1, read: a package (folder of CSV, .xlsx, .json, or a .zip of these) becomes a stream of
sheets, each a header and rows that carry their file, sheet and spreadsheet row number (header = 1).

Every file is checked before it is opened (size, binary content, archive sizes and ratios, declared
sheet width); a file that fails raises `FileRefused` with a plain reason, never a stack trace."""

from __future__ import annotations

import codecs
import contextlib
import csv
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from loaders.problems import FileRefused
from loaders.settings import EXCEL_MAX_COLUMNS, ReadLimits
from loaders.values import clean

SUFFIXES = (".csv", ".xlsx", ".json")
_CHUNK = 1 << 16
_SCAN_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel encrypts an .xlsx into an OLE file
_SMALL_MEMBER = 1 << 20  # members under 1 MB may compress well without being a bomb


@dataclass(frozen=True)
class RawRow:
    """One data row: its cells by header, and where it came from."""

    file: str
    sheet: str | None
    row: int
    cells: dict[str, Any]


@dataclass
class Sheet:
    """One table's worth of rows from a file (a CSV, a workbook sheet, a JSON array)."""

    file: str
    sheet: str | None
    name: str  # the table name as written: file stem, sheet name or JSON key
    headers: list[str]
    rows: Iterator[RawRow]
    path: Path


def read_package(path: Path, limits: ReadLimits | None = None) -> Iterator[Sheet]:
    """Every sheet of a package, file by file in name order; rows are read lazily."""
    limits = limits or ReadLimits()
    if path.is_dir():
        yield from _read_folder(path, "", limits)
    elif path.is_file():
        yield from _read_file(path, path.name, limits)
    else:
        raise FileRefused(path.name, "no such file or folder")


def package_files(path: Path) -> list[str]:
    """The names under which a package's files are recorded (relative to a folder)."""
    if path.is_dir():
        return [str(f.relative_to(path)) for f in _folder_files(path)]
    return [path.name]


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        f
        for f in folder.rglob("*")
        if f.is_file()
        and f.suffix.lower() in (*SUFFIXES, ".zip")
        and not any(part.startswith((".", "~$", "__MACOSX")) for part in f.relative_to(folder).parts)
    )


def _read_folder(folder: Path, prefix: str, limits: ReadLimits) -> Iterator[Sheet]:
    for file in _folder_files(folder):
        yield from _read_file(file, prefix + str(file.relative_to(folder).as_posix()), limits)


def _read_file(path: Path, name: str, limits: ReadLimits) -> Iterator[Sheet]:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise FileRefused(name, f"file is {size // (1 << 20)} MB, over the {limits.max_file_mb} MB limit")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield read_csv(path, name, limits)
    elif suffix == ".xlsx":
        yield from read_xlsx(path, name, limits)
    elif suffix == ".json":
        yield from read_json(path, name, limits)
    elif suffix == ".zip" and not name.count(".zip/"):
        yield from read_zip(path, name, limits)
    elif suffix == ".xls":
        raise FileRefused(name, "old .xls workbooks are not read; save it as .xlsx")
    else:
        raise FileRefused(name, "unsupported file type; use .csv, .xlsx, .json or .zip")


# --- CSV -------------------------------------------------------------------------------------------


def detect_encoding(path: Path, name: str) -> str:
    """utf-8-sig, utf-8 or gb18030 (a superset of GBK), checked over the whole file; binary refused."""
    with path.open("rb") as fh:
        head = fh.read(_CHUNK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(
            name, "this is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8' instead"
        )
    if b"\x00" in head:
        raise FileRefused(name, "this is a binary file, not CSV text (save the sheet as CSV from Excel)")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig" if _decodes(path, "utf-8-sig") else _refuse_text(name)
    for encoding in ("utf-8", "gb18030"):
        if _decodes(path, encoding):
            return encoding
    return _refuse_text(name)


def _refuse_text(name: str) -> str:
    raise FileRefused(name, "the file is neither UTF-8 nor GBK/GB18030 text")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: Path, name: str, limits: ReadLimits) -> Sheet:
    """A CSV file as one sheet named after the file's stem; the encoding is detected."""
    encoding = detect_encoding(path, name)
    fh = path.open(encoding=encoding, newline="")
    reader = csv.reader(fh)
    try:
        headers = [clean(h) or "" for h in next(reader, [])]
    except csv.Error as exc:
        fh.close()
        raise FileRefused(name, f"row 1: not readable as CSV ({exc})") from None
    _check_width(name, None, len(_trim(headers)), limits)

    def rows() -> Iterator[RawRow]:
        with fh:
            try:
                for number, cells in enumerate(reader, start=2):
                    yield RawRow(name, None, number, _cells(headers, cells))
            except csv.Error as exc:
                raise FileRefused(name, f"row {reader.line_num}: not readable as CSV ({exc})") from None

    return Sheet(name, None, PurePosixPath(name).stem, _trim(headers), rows(), path)


# --- XLSX ------------------------------------------------------------------------------------------


def check_archive(path: Path, name: str, limits: ReadLimits) -> list[zipfile.ZipInfo]:
    """The members of a zip (an .xlsx is one), refused if it is no zip, has too many members, or
    declares more unpacked bytes or a higher compression ratio than the limits allow."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        with path.open("rb") as fh:
            if fh.read(len(_OLE_MAGIC)) == _OLE_MAGIC:
                raise FileRefused(
                    name, "the workbook is password-protected or an old .xls: save it unprotected as .xlsx"
                ) from None
        kind = "an .xlsx workbook" if path.suffix.lower() == ".xlsx" else "a zip archive"
        raise FileRefused(name, f"the file is not {kind} (it may be damaged or renamed)") from None
    if len(members) > limits.max_zip_members:
        raise FileRefused(name, f"the archive holds {len(members)} files, over {limits.max_zip_members}")
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked_bytes:
        raise FileRefused(
            name, f"the archive unpacks to {total // (1 << 20)} MB, over {limits.max_unpacked_mb} MB"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _SMALL_MEMBER and ratio > limits.max_zip_ratio:
            raise FileRefused(
                name, f"{member.filename} is compressed {ratio:.0f} times: refused as a zip bomb"
            )
    return members


def read_xlsx(path: Path, name: str, limits: ReadLimits) -> Iterator[Sheet]:
    """Each sheet of a workbook, read with openpyxl in read-only mode (defusedxml guards the XML)."""
    import openpyxl

    members = check_archive(path, name, limits)
    _check_row_widths(path, name, members)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or hostile workbook
        raise FileRefused(name, f"not readable as an .xlsx workbook ({_brief(exc)})") from None
    try:
        for ws in workbook.worksheets:
            yield _xlsx_sheet(ws, path, name, limits)
    finally:
        workbook.close()


def _check_row_widths(path: Path, name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a worksheet with a row of more cells than Excel allows, before openpyxl builds that row
    in memory. A fast byte scan: a token split across two chunks may be missed, which is harmless."""
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            widest = run = 0
            with archive.open(member) as fh:
                while chunk := fh.read(_SCAN_CHUNK):
                    for index, piece in enumerate(chunk.split(b"<row")):
                        run = 0 if index else run
                        run += sum(piece.count(tag) for tag in (b"<c ", b"<c>", b"<c/>"))
                        widest = max(widest, run)
                    if widest > EXCEL_MAX_COLUMNS:
                        raise FileRefused(
                            name, f"a sheet has a row of {widest} or more cells, more than Excel allows"
                        )


def _xlsx_sheet(ws: Any, path: Path, name: str, limits: ReadLimits) -> Sheet:
    title = str(ws.title)
    try:
        declared = ws.max_column
        first = next(ws.iter_rows(min_row=1, max_row=1, max_col=limits.max_columns + 1, values_only=True), ())
    except Exception as exc:
        raise FileRefused(name, f"sheet {title} is not readable ({_brief(exc)})") from None
    if declared is not None and declared > EXCEL_MAX_COLUMNS:
        raise FileRefused(name, f"sheet {title} declares {declared} columns, more than Excel allows")
    headers = _trim([clean(h) or "" for h in first])
    _check_width(name, title, len(headers), limits)

    def rows() -> Iterator[RawRow]:
        if not headers:
            return
        try:
            cells = ws.iter_rows(min_row=2, max_col=len(headers), values_only=True)
            for number, values in enumerate(cells, start=2):
                yield RawRow(name, title, number, _cells(headers, values))
        except Exception as exc:
            raise FileRefused(name, f"sheet {title} is not readable ({_brief(exc)})") from None

    return Sheet(name, title, title, headers, rows(), path)


def _hostile_xml(exc: BaseException | None) -> bool:
    from defusedxml import DefusedXmlException

    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _brief(exc: Exception) -> str:
    if _hostile_xml(exc):
        return "it declares XML entities or a DTD, which are refused (XML entity expansion)"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


# --- JSON ------------------------------------------------------------------------------------------


def read_json(path: Path, name: str, limits: ReadLimits) -> Iterator[Sheet]:
    """A JSON object with one array of row objects per table; a row's number is its place in the
    array (from 1), and the sheet is the table's key."""
    try:
        with path.open(encoding="utf-8-sig") as fh:
            document = json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FileRefused(name, f"not valid JSON ({exc})") from None
    if not isinstance(document, dict):
        raise FileRefused(name, 'JSON must be an object with one array per table: {"areas": [...]}')
    for key, items in document.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise FileRefused(name, f"{key} must be an array of objects, one per row")
        headers = list(dict.fromkeys(str(k) for item in items for k in item))
        _check_width(name, key, len(headers), limits)
        rows = (
            RawRow(name, key, number, {str(k): v for k, v in item.items()})
            for number, item in enumerate(items, start=1)
        )
        yield Sheet(name, key, key, headers, rows, path)


# --- ZIP -------------------------------------------------------------------------------------------


def read_zip(path: Path, name: str, limits: ReadLimits) -> Iterator[Sheet]:
    """The files of a zip, unpacked (within the limits) to a temporary folder and read from there."""
    members = check_archive(path, name, limits)
    with tempfile.TemporaryDirectory(prefix="orglinks-zip-") as tmp, zipfile.ZipFile(path) as archive:
        root = Path(tmp)
        for member in members:
            target = _member_path(member, name)
            if target is None or member.is_dir():
                continue
            out = root / target
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as src, out.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    dst.write(chunk)
        yield from _read_folder(root, name + "/", limits)


def _member_path(member: zipfile.ZipInfo, archive: str) -> PurePosixPath | None:
    filename = member.filename
    if not member.flag_bits & 0x800:  # no UTF-8 flag: Chinese Windows zips names in GBK
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            filename = filename.encode("cp437").decode("gbk")
    parts = PurePosixPath(filename.replace("\\", "/")).parts
    if not parts or filename.startswith("/") or ".." in parts:
        raise FileRefused(archive, f"unsafe path inside the archive: {filename}")
    return PurePosixPath(*parts)


# --- shared ----------------------------------------------------------------------------------------


def _trim(headers: list[str]) -> list[str]:
    end = len(headers)
    while end and not headers[end - 1]:
        end -= 1
    return headers[:end]


def _check_width(name: str, sheet: str | None, width: int, limits: ReadLimits) -> None:
    if width > limits.max_columns:
        where = f"sheet {sheet} has" if sheet else "the header has"
        raise FileRefused(name, f"{where} more than {limits.max_columns} columns")


def _cells(headers: list[str], values: Any) -> dict[str, Any]:
    return {h: v for h, v in zip(headers, values, strict=False) if h}
