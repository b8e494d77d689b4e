"""Stage 1, read: a package (folder of CSV, .xlsx, .json, or a .zip of these) becomes a stream of
sheets, each a header and rows that carry their file, sheet and spreadsheet row number (header = 1).

Every file is checked before it is opened (size, binary content, one encoding throughout, archive sizes
and ratios, declared sheet width), and what is parsed is counted against budgets (rows, a workbook's
shared strings, JSON nesting), so memory stays bounded whatever a small file unpacks to. A file that
fails raises `FileRefused` with a plain reason, never a stack trace."""

from __future__ import annotations

import codecs
import contextlib
import csv
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from loaders.problems import FileRefused
from loaders.settings import EXCEL_MAX_COLUMNS, MAX_JSON_DEPTH, ReadLimits
from loaders.values import clean

SUFFIXES = (".csv", ".xlsx", ".json")
_CHUNK = 1 << 16
_SCAN_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel encrypts an .xlsx into an OLE file
_SMALL_MEMBER = 1 << 20  # members under 1 MB may compress well without being a bomb
#: What a damaged or lying archive raises while a member is read (sizes or CRC not as declared).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


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
    budget = _RowBudget(limits.max_rows)
    for sheet in _sheets(path, limits):
        sheet.rows = budget.counted(sheet.file, sheet.rows)
        yield sheet


def _sheets(path: Path, limits: ReadLimits) -> Iterator[Sheet]:
    if path.is_dir():
        yield from _read_folder(path, "", limits)
    elif path.is_file():
        yield from _read_file(path, path.name, limits)
    else:
        raise FileRefused(path.name, "no such file or folder")


class _RowBudget:
    """Rows read so far across the package, refused past the limit (empty rows count too: a sheet of
    a million blank rows costs the time of a million rows)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.read = 0

    def counted(self, file: str, rows: Iterator[RawRow]) -> Iterator[RawRow]:
        for row in rows:
            self.read += 1
            if self.read > self.limit:
                raise FileRefused(
                    file,
                    _TOO_MANY_ROWS.format(self.limit),
                )
            yield row


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
    """utf-8-sig, utf-8 or gb18030 (a superset of GBK), checked over the whole file, row by row: a
    file whose rows are in two encodings (a GBK row pasted into a UTF-8 file) is refused with the row
    where the encoding changes, since a wrong guess would store garbled names without a word. Binary
    content (a NUL byte anywhere) and rows wider than Excel allows are refused as well."""
    with path.open("rb") as fh:
        head = fh.read(len(codecs.BOM_UTF8))
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused(
            name, "this is UTF-16 text (Excel's 'Unicode text'); save it as 'CSV UTF-8' instead"
        )
    bom = head.startswith(codecs.BOM_UTF8)
    scan = _scan_rows(path, name, skip=len(codecs.BOM_UTF8) if bom else 0)
    if scan.utf8_row is not None and scan.other_row is not None:
        first, second = sorted((scan.utf8_row, scan.other_row))
        kinds = ("UTF-8", "GBK") if first == scan.utf8_row else ("GBK", "UTF-8")
        raise FileRefused(
            name,
            f"row {second}: the encoding changes here (row {first} is {kinds[0]}, row {second} is "
            f"{kinds[1]}); save the whole file in one encoding, Excel's 'CSV UTF-8' "
            f"(文件中混有两种编码: 第{second}行)",
        )
    if bom:
        return "utf-8-sig" if scan.other_row is None else _refuse_text(name)
    if scan.other_row is None:
        return "utf-8"
    return "gb18030" if _decodes(path, "gb18030") else _refuse_text(name)


@dataclass
class _RowScan:
    """The first row (CSV record, header = 1) whose non-ASCII text is UTF-8, and the first that is not."""

    utf8_row: int | None = None
    other_row: int | None = None


def _scan_rows(path: Path, name: str, skip: int) -> _RowScan:
    """One pass over the bytes, a line at a time. Records are told apart from lines by the parity of
    quotes (a quoted cell may hold a line break); no byte of a GBK or UTF-8 character is a quote, a
    comma or a line feed, so the scan needs no decoding to find them."""
    scan = _RowScan()
    row, quoted, commas = 1, False, 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    ascii_only, utf8 = True, True
    with path.open("rb") as fh:
        fh.seek(skip)
        while piece := fh.readline(_CHUNK):
            if b"\x00" in piece:
                raise FileRefused(
                    name,
                    f"this is a binary file, not CSV text (a NUL byte on row {row}; save the sheet as CSV)",
                )
            commas += piece.count(b",")
            if commas > EXCEL_MAX_COLUMNS:
                raise FileRefused(name, f"row {row} has more cells than Excel allows ({EXCEL_MAX_COLUMNS:,})")
            if not piece.isascii():
                ascii_only = False
                if utf8:
                    try:
                        decoder.decode(piece)
                    except UnicodeDecodeError:
                        utf8 = False
            quoted ^= piece.count(b'"') % 2 == 1
            if piece.endswith(b"\n") and not quoted:
                if not ascii_only:
                    if utf8 and scan.utf8_row is None:
                        scan.utf8_row = row
                    elif not utf8 and scan.other_row is None:
                        scan.other_row = row
                    if scan.utf8_row is not None and scan.other_row is not None:
                        return scan
                row, commas, ascii_only, utf8 = row + 1, 0, True, True
                decoder.reset()
    if not ascii_only:  # the last record, without a final line break
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
        if utf8 and scan.utf8_row is None:
            scan.utf8_row = row
        elif not utf8 and scan.other_row is None:
            scan.other_row = row
    return scan


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
    """Each sheet of a workbook, read with openpyxl in read-only mode (defusedxml guards the XML); the
    shared strings are read by `_BoundedStrings` within their budget."""
    members = check_archive(path, name, limits)
    _check_row_widths(path, name, members)
    try:
        workbook = _open_workbook(path, name, limits)
    except FileRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged or hostile workbook
        raise FileRefused(name, f"not readable as an .xlsx workbook ({_brief(exc)})") from None
    try:
        for ws in workbook.worksheets:
            yield _xlsx_sheet(ws, path, name, limits)
    finally:
        workbook.close()


def _open_workbook(path: Path, name: str, limits: ReadLimits) -> Any:
    """openpyxl's `load_workbook(read_only=True, data_only=True)`, with its shared-strings step
    replaced: openpyxl keeps every parsed <si> element attached to the document while it reads the
    table (26 million strings took 4 GB), and reads it whole whatever its size."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class _BoundedReader(ExcelReader):
        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
            if part is not None:
                with self.archive.open(part.PartName[1:]) as src:
                    self.shared_strings = read_shared_strings(src, name, limits.max_shared_strings_bytes)

    reader = _BoundedReader(path, read_only=True, data_only=True)
    try:
        reader.read()
    except ValueError as exc:  # openpyxl wraps what a step raised in a ValueError
        if isinstance(exc.__cause__, FileRefused):
            raise exc.__cause__ from None
        raise
    return reader.wb


def read_shared_strings(source: Any, name: str, budget: int) -> list[str]:
    """A workbook's shared-strings table, streamed: each <si> is dropped from the document once read,
    and the strings' size in memory is counted as they are parsed; past `budget` bytes the workbook
    is refused before the table grows any further."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    string_tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    used = sys.getsizeof(strings)
    root = None
    for event, node in iterparse(source, events=("start", "end")):
        if root is None:
            root = node
        if event != "end" or node.tag != string_tag:
            continue
        parsed = Text.from_tree(node)
        text = (parsed.content if parsed is not None else "").replace("x005F_", "")
        strings.append(text)
        used += sys.getsizeof(text) + 8  # the string and its place in the list
        if used > budget:
            raise FileRefused(
                name,
                f"the workbook's shared strings take more than {budget // (1 << 20)} MB in memory "
                f"({len(strings):,} strings read so far); split the workbook or save its sheets as CSV",
            )
        root.clear()  # the <si> just read, and every one before it
    return strings


def _check_row_widths(path: Path, name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a worksheet with a row of more cells than Excel allows, before openpyxl builds that row
    in memory. A fast byte scan: a token split across two chunks may be missed, which is harmless."""
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            widest = run = 0
            with _member_errors(name, member), archive.open(member) as fh:
                while chunk := fh.read(_SCAN_CHUNK):
                    for index, piece in enumerate(chunk.split(b"<row")):
                        run = 0 if index else run
                        run += sum(piece.count(tag) for tag in (b"<c ", b"<c>", b"<c/>"))
                        widest = max(widest, run)
                    if widest > EXCEL_MAX_COLUMNS:
                        raise FileRefused(
                            name, f"a sheet has a row of {widest} or more cells, more than Excel allows"
                        )


@contextlib.contextmanager
def _member_errors(name: str, member: zipfile.ZipInfo) -> Iterator[None]:
    """A member that does not unpack as its archive's directory says (sizes, CRC, damaged data) is a
    refused file, not an error of the program."""
    try:
        yield
    except _ZIP_ERRORS as exc:
        raise FileRefused(
            name,
            f"{member.filename} does not unpack as the archive declares ({_brief(exc)}): damaged or forged",
        ) from None


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
    array (from 1), and the sheet is the table's key. Streamed twice with ijson, never held whole: a
    first pass checks the shape, the nesting and the row budget and collects each table's columns,
    the second builds one row object at a time."""
    outline = _json_outline(path, name, limits)
    events = _json_events(path, name)
    try:
        next(events)  # the document's start_map
        for key, headers in outline:
            next(events)  # map_key
            next(events)  # start_array
            rows = _json_rows(events, name, key)
            yield Sheet(name, key, key, headers, rows, path)
            for _ in rows:  # what the reader of the sheet left (an unknown table's rows)
                pass
    finally:
        events.close()


def _json_events(path: Path, name: str) -> Generator[tuple[str, Any], None, None]:
    import ijson

    with path.open("rb") as fh:
        if fh.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
            fh.seek(0)
        try:
            yield from ijson.basic_parse(fh, use_float=True)
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            raise FileRefused(name, f"not valid JSON ({_brief(exc)})") from None


_TOO_MANY_ROWS = "the package holds more than {:,} rows; split it into smaller loads"
_JSON_SHAPE = 'JSON must be an object with one array per table: {"areas": [...]}'


def _json_outline(path: Path, name: str, limits: ReadLimits) -> list[tuple[str, list[str]]]:
    """Each table's key and columns (every key of its rows, in order of appearance), after checking
    the document's shape, its depth and the number of rows."""
    tables: list[tuple[str, dict[str, None]]] = []
    depth = rows = 0
    for event, value in _json_events(path, name):
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise FileRefused(name, f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
            if (depth == 1 and event != "start_map") or (depth == 2 and event != "start_array"):
                raise FileRefused(name, _JSON_SHAPE)
            if depth == 3:
                if event != "start_map":
                    raise FileRefused(name, f"{tables[-1][0]} must be an array of objects, one per row")
                rows += 1
                if rows > limits.max_rows:
                    raise FileRefused(
                        name,
                        _TOO_MANY_ROWS.format(limits.max_rows),
                    )
        elif event in ("end_map", "end_array"):
            depth -= 1
        elif event == "map_key" and depth == 1:
            tables.append((str(value), {}))
        elif event == "map_key" and depth == 3:
            key, headers = tables[-1]
            headers[str(value)] = None
            _check_width(name, key, len(headers), limits)
        elif depth < 3:  # a scalar where a table or a row belongs
            raise FileRefused(
                name, _JSON_SHAPE if depth < 2 else f"{tables[-1][0]} must be an array of objects"
            )
    return [(key, list(headers)) for key, headers in tables]


def _json_rows(events: Iterator[tuple[str, Any]], name: str, key: str) -> Iterator[RawRow]:
    """The rows of one table's array, built one object at a time; ends after the array's end."""
    import ijson

    for number, (event, value) in enumerate(events, start=1):
        if event == "end_array":
            return
        builder = ijson.ObjectBuilder()
        builder.event(event, value)
        depth = 1
        while depth:
            event, value = next(events)
            builder.event(event, value)
            depth += event in ("start_map", "start_array")
            depth -= event in ("end_map", "end_array")
        yield RawRow(name, key, number, {str(k): v for k, v in builder.value.items()})


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
            # Python's zip reader stops at a member's declared size, which check_archive bounded.
            with _member_errors(name, member), archive.open(member) as src, out.open("wb") as dst:
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
