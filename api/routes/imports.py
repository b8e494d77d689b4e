"""POST /api/imports: upload a data package and load it with the same validation as `orglinks load`."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, UploadFile
from fastapi.responses import JSONResponse

from api.deps import GraphDep
from graph.errors import Invalid
from graph.settings import AppSettings
from loaders.pipeline import LoadResult, load_path

router = APIRouter(prefix="/api", tags=["imports"])

ACCEPTED_SUFFIXES = (".csv", ".xlsx", ".json", ".zip")
_CHUNK = 1024 * 1024
_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


class UploadTooLarge(Invalid):
    """The upload is over the size limit."""


@router.post(
    "/imports",
    response_model=LoadResult,
    responses={
        413: {"description": "The file is over the upload size limit"},
        422: {
            "description": "Rejected; the body is the load's report",
            "model": LoadResult,
        },
    },
)
def create_import(
    graph: GraphDep,
    file: UploadFile,
    skip_invalid: Annotated[bool, Query(description="Write the valid rows and report the rest")] = False,
    dry_run: Annotated[bool, Query(description="Validate only; write nothing")] = False,
) -> LoadResult | JSONResponse:
    """Upload a package (CSV, XLSX, JSON or a zip of them) and load it; strict unless skip_invalid."""
    name = _safe_filename(file.filename)
    limit = AppSettings().max_upload_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="orglinks-upload-") as folder:
        target = Path(folder) / name
        try:
            _save_bounded(file, target, limit)
        except UploadTooLarge as exc:
            return JSONResponse({"detail": str(exc)}, status_code=413)
        result = load_path(graph, target, skip_invalid=skip_invalid, dry_run=dry_run, user="api")
    if result.outcome == "rejected":
        return JSONResponse(result.model_dump(mode="json"), status_code=422)
    return result


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
