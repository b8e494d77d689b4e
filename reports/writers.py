"""Spreadsheet writers, pure functions from rows and columns to CSV or XLSX bytes.

Spreadsheet cells are neutralized against formula injection (CWE-1236): a text cell that starts with
= + - @, a tab or a carriage return gets a leading single quote, so Excel shows it as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from i18n.vocabulary import NO, YES
from reports.columns import Cell, Column

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters that XML 1.0 cannot carry at all, even escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LIST_SEPARATOR = "、"
#: The most rows one exported list holds, whether the API or the CLI writes it.
EXPORT_LIMIT = 50_000
#: Spreadsheet column widths (in characters) are fitted to the content within these bounds.
MIN_WIDTH, MAX_WIDTH = 6, 60
_NUMBER_FORMATS = {Cell.PERCENT: "0.0%", Cell.DATE: "yyyy-mm-dd"}


def neutralize(text: str) -> str:
    """Prefix a single quote to text that a spreadsheet would read as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def cell_value(value: Any) -> str | int | float:
    """A row value as a spreadsheet cell: numbers stay numbers, everything else becomes safe text."""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int | float):
        return value
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    if isinstance(value, list | tuple):
        return neutralize(LIST_SEPARATOR.join(str(cell_value(v)) for v in value))
    return neutralize(str(value))


def _cells(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> Iterable[list[str | int | float]]:
    yield [neutralize(c.header) for c in columns]
    for row in rows:
        yield [cell_value(row.get(c.key)) for c in columns]


def to_csv(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel shows Chinese), CRLF line ends, every cell neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(_cells(columns, rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], sheet: str = "Sheet1") -> bytes:
    """An XLSX workbook: a frozen header row, columns as wide as their content (bounded), integers as
    numbers, shares as percentages, dates as dates, and every text cell neutralized."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=_sheet_title(sheet))
    header = [_xml_safe(neutralize(c.header)) for c in columns]
    body = [[_xlsx_value(c, row.get(c.key)) for c in columns] for row in rows]
    for index, width in enumerate(_widths(header, body), start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "A2"
    worksheet.append(header)
    for line in body:
        worksheet.append([_styled(worksheet, c, v) for c, v in zip(columns, line, strict=True)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xml_safe(value: Any) -> Any:
    return XML_INVALID.sub("", value) if isinstance(value, str) else value


def _xlsx_value(column: Column, value: Any) -> Any:
    """The value a cell of this column holds: a number, a date or (neutralized) text."""
    if column.cell is Cell.DATE:
        day = _as_date(value)
        if day is not None:
            return day
    elif column.cell in (Cell.INTEGER, Cell.PERCENT) and _is_number(value):
        return value
    return _xml_safe(cell_value(value))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _as_date(value: Any) -> dt.date | None:
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _styled(worksheet: WriteOnlyWorksheet, column: Column, value: Any) -> Any:
    number_format = _NUMBER_FORMATS.get(column.cell)
    if number_format is None or isinstance(value, str):
        return value
    cell = WriteOnlyCell(worksheet, value=value)
    cell.number_format = number_format
    return cell


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1%}" if 0 <= value <= 1 else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _text_width(text: str) -> int:
    """Columns a text takes on screen: a wide (CJK) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(header: Sequence[str], body: Sequence[Sequence[Any]]) -> list[int]:
    widths = [_text_width(h) for h in header]
    for line in body:
        for index, value in enumerate(line):
            widths[index] = max(widths[index], _text_width(_shown(value)))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet1"
    return cleaned[:31]
