"""The one entry point the CLI, the upload endpoint and the demo share: read, validate, write a
package, record the load, and say what happened (`LoadResult`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import secrets
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, Field

from graph.driver import Graph
from graph.errors import Invalid, OrglinksError
from graph.queries.loads import FINISH_LOAD, START_LOAD
from graph.settings import AppSettings
from loaders.ownership import process_token
from loaders.package import Package
from loaders.problems import FileRefused, LoadFailed, Problem
from loaders.read import package_files, read_package
from loaders.replace import replace_source
from loaders.scope_check import OUTSIDE, check_scope
from loaders.settings import ReadLimits
from loaders.validate import validate
from loaders.write import Counts, Writer, write_units

Outcome = Literal["ok", "partial", "rejected"]
#: on_progress(stage, done, total): stage "read" counts rows (total unknown: None), "write" write rows.
ProgressCallback = Callable[[str, int, int | None], None]


class LoadResult(BaseModel):
    """What a load did: its outcome, counts per table, and every problem found."""

    load_id: str | None = Field(description="id of the (:Load) node; None for a dry run")
    outcome: Outcome = Field(description="ok: all written; partial: valid rows written; rejected: nothing")
    dry_run: bool = False
    files: list[str]
    rows: int = Field(description="data rows read")
    counts: Counts = Field(
        description="per table: added, updated, unchanged, invalid (dry run: valid, invalid)"
    )
    deleted: dict[str, int] = Field(default_factory=dict, description="per table, with --replace-source")
    problems: list[Problem] = Field(description="the problems, at most ORGLINKS_LOAD_MAX_REPORTED_PROBLEMS")
    problem_count: int = Field(0, description="how many problems were found in all")
    outside_area: bool = Field(
        False, description="a row lies outside the caller's area (or names a missing id)"
    )
    warnings: list[str] = Field(default_factory=list)
    kept: list[Problem] = Field(
        default_factory=list,
        description="row lines: a ledger value kept back, the app owning that field of the item",
    )


def load_path(
    graph: Graph,
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    batch_size: int | None = None,
    user: str | None = None,
    replace_source_file: str | None = None,
    on_progress: ProgressCallback | None = None,
    limits: ReadLimits | None = None,
    scope_roots: list[str] | None = None,
) -> LoadResult:
    """Load a package (folder, .xlsx, .json, .zip, or one .csv) into the graph.

    Strict by default: any problem and nothing is written (outcome "rejected"). With `skip_invalid`
    the valid rows that depend on no invalid row are written ("partial"). A file that cannot be read
    safely raises `FileRefused` (an `Invalid`); Neo4j failing raises `GraphUnavailable`.

    `scope_roots` (an area-scoped user's root area ids) rejects the whole load, even with
    `skip_invalid`, if a row creates or changes a node outside them or refers to one."""
    files = package_files(path)
    if replace_source_file is not None:
        replace_source_file = _source_name(replace_source_file, files)
    load_id = None if dry_run else _new_load_id()
    if load_id is not None:
        owner = process_token()
        graph.write(START_LOAD, {"id": load_id, "user": user or _user(), "files": files, "owner": owner})
    try:
        with _validate(graph, path, limits, skip_invalid, on_progress, scope_roots) as package:
            result = _run(
                graph,
                package,
                files,
                load_id,
                skip_invalid,
                batch_size,
                replace_source_file,
                on_progress,
                scope_roots,
                (limits or ReadLimits()).max_reported_problems,
            )
    except OrglinksError as exc:
        if load_id is not None:
            with contextlib.suppress(OrglinksError):  # Neo4j may be the reason it failed
                outcome = "refused" if isinstance(exc, FileRefused) else "failed"
                _finish(graph, load_id, outcome, {}, 0, str(exc))
        raise
    except Exception as exc:
        # Validation refuses what Neo4j cannot store; anything else failing is closed, not left running.
        if load_id is None:
            raise
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        with contextlib.suppress(OrglinksError):
            _finish(graph, load_id, "failed", {}, 0, reason)
        raise LoadFailed(load_id, reason) from exc
    if load_id is not None:
        _finish(graph, load_id, result.outcome, result.counts, result.problem_count)
    return result


def _validate(
    graph: Graph,
    path: Path,
    limits: ReadLimits | None,
    skip_invalid: bool,
    on_progress: ProgressCallback | None,
    scope_roots: list[str] | None,
) -> Package:
    def on_row(done: int) -> None:
        if on_progress is not None:
            on_progress("read", done, None)

    return validate(
        read_package(path, limits), graph, report_dependents=skip_invalid, on_row=on_row, scope=scope_roots
    )


def _run(
    graph: Graph,
    package: Package,
    files: list[str],
    load_id: str | None,
    skip_invalid: bool,
    batch_size: int | None,
    replace_file: str | None,
    on_progress: ProgressCallback | None,
    scope_roots: list[str] | None,
    reported: int,
) -> LoadResult:
    # Rows outside the user's area: the load is refused as a whole (their dependents are not tracked).
    flagged = scope_roots is not None and check_scope(graph, package, scope_roots) > 0
    everything = package.all_problems()
    outside = flagged or any(p.reason.startswith(OUTSIDE) for p in everything)
    problems = everything if len(everything) <= reported else package.all_problems(limit=reported)
    outcome: Outcome = "ok" if not problems else "partial" if skip_invalid and not outside else "rejected"

    def result(
        counts: Counts, deleted: dict[str, int] | None = None, kept: list[Problem] | None = None
    ) -> LoadResult:
        return LoadResult(
            load_id=load_id,
            outcome=outcome,
            dry_run=load_id is None,
            files=files,
            rows=package.rows,
            counts=counts,
            deleted=deleted or {},
            problems=problems,
            problem_count=len(everything),
            outside_area=outside,
            warnings=package.warnings,
            kept=kept or [],
        )

    if load_id is None or outcome == "rejected":
        return result(_validity(package))
    total = write_units(package)

    def on_written(done: int) -> None:
        if on_progress is not None:
            on_progress("write", done, total)

    size = batch_size or AppSettings().batch_size
    writer = Writer(graph, load_id, size, on_written)
    counts = writer.write(package)
    deleted = replace_source(graph, package, replace_file) if replace_file else None
    return result(counts, deleted, writer.kept)


def _validity(package: Package) -> Counts:
    return {
        key: {"valid": records.valid_count(), "invalid": len(records.problems)}
        for key, records in package.records.items()
        if len(records)
    }


def _source_name(name: str, files: list[str]) -> str:
    """The recorded name of the file to replace: as given, or the package file with that name."""
    if name in files:
        return name
    matches = [f for f in files if PurePosixPath(f).name == PurePosixPath(name.replace("\\", "/")).name]
    if len(matches) == 1:
        return matches[0]
    raise Invalid(f"--replace-source {name}: not a file of this package ({', '.join(files) or 'none'})")


def _finish(
    graph: Graph, load_id: str, outcome: str, counts: Counts, problems: int, error: str | None = None
) -> None:
    params = {
        "id": load_id,
        "outcome": outcome,
        "counts": json.dumps(counts),
        "problems": problems,
        "error": error,
    }
    graph.write(FINISH_LOAD, params)


def _new_load_id() -> str:
    return f"load-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
