"""POST /api/imports: upload a data package and load it with the same validation as `orglinks load`."""

from __future__ import annotations

import contextlib
import re
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from accounts.audit import AuditAction, record
from accounts.principal import Principal
from api.deps import GraphDep
from api.security.deps import EditorUser, client_ip
from graph.driver import Graph
from graph.errors import Invalid, OrglinksError
from graph.settings import AppSettings
from i18n.load_reasons import reason_zh
from loaders.pipeline import LoadResult, load_path
from loaders.problems import LoadFailed
from loaders.settings import ReadLimits
from loaders.templates import write_template

router = APIRouter(prefix="/api", tags=["imports"])

ACCEPTED_SUFFIXES = (".csv", ".xlsx", ".json", ".zip")
_CHUNK = 1024 * 1024
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


class UploadTooLarge(Invalid):
    """The upload is over the size limit."""


class ImportResult(LoadResult):
    """The load's report, with each problem's reason also in Chinese (for the imports page)."""

    reasons_zh: list[str] = Field(default_factory=list, description="problems[i].reason in Chinese")
    kept_zh: list[str] = Field(default_factory=list, description="kept[i].reason in Chinese")


def _with_reasons_zh(result: LoadResult) -> ImportResult:
    return ImportResult(
        **dict(result),
        reasons_zh=[reason_zh(p.reason) for p in result.problems],
        kept_zh=[reason_zh(p.reason) for p in result.kept],
    )


_LIMITS = ReadLimits()
#: Loads running at once in this process: each may hold its budgets in memory (loaders/settings.py).
_TURNS = threading.BoundedSemaphore(_LIMITS.max_parallel_uploads)


@router.post(
    "/imports",
    response_model=ImportResult,
    responses={
        403: {"description": "Your role may not load data (viewers)"},
        404: {
            "description": "Rejected: a row creates, changes or refers to something outside your area",
            "model": ImportResult,
        },
        413: {"description": "The file is over the upload size limit"},
        503: {"description": "Too many uploads at once, or Neo4j unavailable; retry after Retry-After"},
        422: {
            "description": "Rejected; the body is the load's report",
            "model": ImportResult,
        },
    },
)
def create_import(
    graph: GraphDep,
    principal: EditorUser,
    request: Request,
    file: UploadFile,
    skip_invalid: Annotated[bool, Query(description="Write the valid rows and report the rest")] = False,
    dry_run: Annotated[bool, Query(description="Validate only; write nothing")] = False,
) -> ImportResult | JSONResponse:
    """Upload a package (CSV, XLSX, JSON or a zip of them) and load it into your area; editors, admins."""
    name = _safe_filename(file.filename)
    limit = AppSettings().max_upload_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="orglinks-upload-") as folder:
        target = Path(folder) / name
        try:
            _save_bounded(file, target, limit)
        except UploadTooLarge as exc:
            return JSONResponse({"detail": str(exc)}, status_code=413)
        if not _TURNS.acquire(timeout=_LIMITS.upload_wait_s):
            busy = "too many uploads are being loaded at once; try again shortly"
            return JSONResponse({"detail": busy}, status_code=503, headers={"Retry-After": "30"})
        try:
            result = load_path(
                graph,
                target,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                user=principal.username,
                scope_roots=principal.scope,
                limits=_LIMITS.for_upload(),
            )
        except OrglinksError as exc:
            # A refused file or a failed write is audited too; if Neo4j itself failed, recording may fail.
            detail: dict[str, Any] = {"outcome": "refused", "dry_run": dry_run}
            if isinstance(exc, LoadFailed):
                detail = {"outcome": "failed", "dry_run": dry_run, "load_id": exc.load_id}
            with contextlib.suppress(OrglinksError):
                _audit(graph, principal, request, name, detail)
            raise
        finally:
            _TURNS.release()
    _audit(
        graph,
        principal,
        request,
        name,
        {"outcome": result.outcome, "dry_run": dry_run, "load_id": result.load_id, "rows": result.rows},
    )
    report = _with_reasons_zh(result)
    if result.outcome == "rejected":
        # A row outside the user's area: "not found", as everywhere; the report names the row.
        return JSONResponse(report.model_dump(mode="json"), status_code=404 if result.outside_area else 422)
    return report


@router.get("/imports/template", response_class=Response)
def import_template(principal: EditorUser) -> Response:
    """The empty XLSX template: a sheet per table with Chinese headers, and a 说明 sheet; editors, admins."""
    with tempfile.TemporaryDirectory(prefix="orglinks-template-") as folder:
        target = Path(folder) / "orglinks-template.xlsx"
        write_template(target)
        content = target.read_bytes()
    return Response(
        content,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="orglinks-template.xlsx"'},
    )


def _audit(graph: Graph, principal: Principal, request: Request, name: str, detail: dict[str, Any]) -> None:
    record(graph, principal, AuditAction.IMPORT, target=name, ip=client_ip(request), detail=detail)


def _safe_filename(filename: str | None) -> str:
    """The upload's own name, kept for the report and provenance, without any path or odd characters."""
    base = Path(filename or "").name
    if not base.lower().endswith(ACCEPTED_SUFFIXES):
        raise Invalid(f"upload a .csv, .xlsx, .json or .zip file (got {base or 'no file name'!r})")
    return _SAFE_NAME.sub("_", base)


def _save_bounded(file: UploadFile, target: Path, limit: int) -> None:
    written = 0
    with target.open("wb") as out:
        while chunk := file.file.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                raise UploadTooLarge(f"the upload is over the {limit // (1024 * 1024)} MB limit")
            out.write(chunk)
