"""What every list endpoint shares: pagination, the `format` parameter and the export responses.

A list answers JSON by default, one page at a time. With `?format=csv` or `?format=xlsx` it answers the
whole list (up to EXPORT_LIMIT rows, pagination ignored) as a file to download, and the download is
audited. `list_answer` is that choice, made once for every list route.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from accounts.principal import Principal
from api.security.exports import audited_export
from graph.driver import Graph
from reports.columns import Column
from reports.writers import EXPORT_LIMIT, to_csv, to_xlsx

PageT = TypeVar("PageT", bound=BaseModel)

MAX_PAGE_SIZE = 500


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


FormatQuery = Annotated[
    Format, Query(description="json (one page), or csv / xlsx: the whole list as a file to download")
]
PageQuery = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
PageSizeQuery = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows per page")]
AreaQuery = Annotated[
    str | None,
    Query(
        min_length=1, max_length=200, description="Area id at any level; the list covers its whole subtree"
    ),
]
AsOfQuery = Annotated[
    dt.date | None, Query(description="The date the links are judged on (YYYY-MM-DD); default today")
]

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PageInfo(BaseModel):
    total: int
    page: int
    page_size: int


def window(fmt: Format, page: int, page_size: int) -> tuple[int, int]:
    """(skip, limit) of the rows to fetch: one page for JSON, everything (bounded) for a file."""
    if fmt is Format.JSON:
        return (page - 1) * page_size, page_size
    return 0, EXPORT_LIMIT


def as_of_or_today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def download(data: bytes, media_type: str, filename: str) -> Response:
    """A file response whose name survives non-ASCII (RFC 6266 filename*)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content=data, media_type=media_type, headers={"Content-Disposition": disposition})


def export(fmt: Format, columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], name: str) -> Response:
    """The rows as a CSV or XLSX download named `<name>.<format>`."""
    if fmt is Format.CSV:
        return download(to_csv(columns, rows), CSV_TYPE, f"{name}.csv")
    return download(to_xlsx(columns, rows, sheet=name), XLSX_TYPE, f"{name}.xlsx")


@dataclass(frozen=True)
class Asker:
    """Who asks for a list: what an export's audit entry records."""

    graph: Graph
    principal: Principal
    request: Request


@dataclass(frozen=True)
class ListFile:
    """A list as a file: its columns and every row, the file name (without extension), and what the
    audit entry names (`what`, `area`); `headers` are added to the response."""

    columns: Sequence[Column]
    rows: Sequence[Mapping[str, Any]]
    name: str
    what: str
    area: str | None
    headers: Mapping[str, str] = field(default_factory=dict)


def list_answer(asker: Asker, fmt: Format, page: Callable[[], PageT], file: ListFile) -> PageT | Response:
    """The JSON page for `format=json`; otherwise the whole list as an audited CSV or XLSX download."""
    if fmt is Format.JSON:
        return page()
    response = export(fmt, file.columns, file.rows, file.name)
    response.headers.update(file.headers)
    return audited_export(
        asker.graph,
        asker.principal,
        asker.request,
        response,
        what=file.what,
        area=file.area,
        rows=len(file.rows),
    )


def iso(value: Any) -> Any:
    """A Neo4j or Python date as an ISO string; other values unchanged."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
