"""`orglinks load PATH` and `orglinks template OUT.xlsx`: ledger files into the graph, and the
empty workbook to fill in. Exit codes: 0 loaded, 3 rejected (nothing written), 4 partial."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from cli.context import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REJECTED,
    EXIT_USAGE,
    console,
    err_console,
    fail,
    graph_session,
)
from graph.errors import Invalid
from loaders.ownership import close_interrupted_loads
from loaders.pipeline import LoadResult, load_path
from loaders.problems import FileRefused, LoadFailed
from loaders.report import problems_table, write_report
from loaders.templates import write_template

_EXIT = {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "rejected": EXIT_REJECTED}
_STAGES = {"read": "读取校验 reading", "write": "写入 writing"}


class RowsPerSecond(ProgressColumn):
    """Rows per second of the current stage."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} rows/s", style="cyan")


def load(
    path: Annotated[Path, typer.Argument(help="A folder of CSV, an .xlsx, a .json or a .zip package")],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Write the valid rows, report the rest")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write every problem to FILE (.json or .csv)")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the package; write nothing")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or summary (for scripts)")
    ] = False,
    replace_source: Annotated[
        str | None,
        typer.Option(
            "--replace-source", help="Delete what earlier loads took from FILE and it no longer holds"
        ),
    ] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, max=100_000)] = None,
    user: Annotated[str | None, typer.Option("--user", help="Who loads (recorded on the load)")] = None,
) -> None:
    """Load a data package (台账) into the graph: strict by default, idempotent, with a problem report."""
    if not path.exists():
        raise fail(f"{path}: no such file or folder", EXIT_REJECTED)
    if report is not None and report.suffix.lower() not in (".json", ".csv"):
        raise fail(f"--report {report.name}: name the report *.json or *.csv", EXIT_USAGE)
    with graph_session() as graph, _progress(quiet) as progress:
        for closed in close_interrupted_loads(graph):
            err_console.print(
                f"[yellow]note:[/] load {closed} had been interrupted; marked so", highlight=False
            )
        tasks: dict[str, TaskID] = {}

        def on_progress(stage: str, done: int, total: int | None) -> None:
            if progress is None:
                return
            if stage not in tasks:
                for task_id in tasks.values():
                    progress.stop_task(task_id)
                tasks[stage] = progress.add_task(_STAGES.get(stage, stage), total=total)
            progress.update(tasks[stage], completed=done, total=total)

        try:
            result = load_path(
                graph,
                path,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                batch_size=batch_size,
                user=user,
                replace_source_file=replace_source,
                on_progress=on_progress,
            )
        except FileRefused as exc:
            raise fail(str(exc), EXIT_REJECTED) from None
        except LoadFailed as exc:
            raise fail(str(exc), EXIT_FAILED) from None
        except Invalid as exc:
            raise fail(str(exc), EXIT_REJECTED) from None
    if report is not None:
        try:
            write_report(result.problems, report)
        except OSError as exc:
            err_console.print(f"[bold red]error:[/] cannot write the report {report}: {exc.strerror}")
    _print_result(result, quiet)
    raise typer.Exit(_EXIT[result.outcome])


def template(out: Annotated[Path, typer.Argument(help="Where to write the .xlsx template")]) -> None:
    """Write the empty XLSX template: one sheet per table, Chinese headers, and a 说明 sheet."""
    if out.suffix.lower() != ".xlsx":
        raise fail(f"{out.name}: the template is an .xlsx workbook; name it *.xlsx", EXIT_USAGE)
    try:
        write_template(out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    console.print(f"Template written to {out}")


class _NoProgress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _progress(quiet: bool) -> Progress | _NoProgress:
    if quiet:
        return _NoProgress()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,.0f} rows"),
        RowsPerSecond(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def _print_result(result: LoadResult, quiet: bool) -> None:
    if result.problems:
        if quiet:
            first = result.problems[0]
            err_console.print(f"{result.problem_count} problem(s); first: {first.where()}: {first.reason}")
        else:
            err_console.print(problems_table(result.problems))
    if quiet:
        return
    summary = Table("表 table", *(_headers(result)), title=_title(result))
    for table_key, counts in result.counts.items():
        deleted = [str(result.deleted.get(table_key, 0))] if result.deleted else []
        summary.add_row(table_key, *(str(v) for v in counts.values()), *deleted)
    console.print(summary)
    for warning in result.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if result.kept:
        kept = problems_table(result.kept)
        kept.title = "保留系统中的办理结果 kept the app's values"
        err_console.print(kept)


def _headers(result: LoadResult) -> list[str]:
    first = next(iter(result.counts.values()), {})
    return [*first.keys(), *(["deleted"] if result.deleted else [])]


def _title(result: LoadResult) -> str:
    if result.dry_run:
        return f"Dry run ({result.outcome}): {result.rows} rows checked, nothing written"
    words = {
        "ok": "Loaded",
        "partial": "Partly loaded (invalid rows skipped)",
        "rejected": "Rejected: nothing written",
    }
    return f"{words[result.outcome]} — load {result.load_id}, {result.rows} rows"
