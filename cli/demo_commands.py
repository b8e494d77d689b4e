"""`orglinks demo [--out DIR] [--load]`: the Kunming demo world as a data package, loaded through the
same loader as any ledger; and `orglinks generate --scale N OUT`: a package of N nodes for benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from accounts.accounts import ensure_demo_admin
from cli.context import EXIT_REJECTED, console, err_console, fail, graph_session
from graph.settings import PROJECT_ROOT
from loaders.demo.generate import MAX_SCALE, MIN_SCALE, generate
from loaders.demo.kunming import SEED, build_kunming

DEFAULT_DEMO_DIR = PROJECT_ROOT / ".data" / "demo" / "kunming"


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table("表 table", "行 rows", title=title)
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    return table


def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the package into")] = DEFAULT_DEMO_DIR,
    load: Annotated[
        bool, typer.Option("--load", help="Load the package into the graph after writing it")
    ] = False,
    seed: Annotated[int, typer.Option("--seed", help="Another seed gives another (invented) world")] = SEED,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No tables (for scripts)")] = False,
) -> None:
    """Build the Kunming demo world (昆明示范数据) as CSV files and, with --load, load it."""
    counts = build_kunming(out, seed)
    if not quiet:
        console.print(_counts_table(f"Kunming demo world written to {out}", counts))
    if not load:
        return
    from loaders.pipeline import load_path
    from loaders.report import problems_table

    with graph_session() as graph:
        if quiet:
            result = load_path(graph, out, user="demo")
        else:
            with err_console.status("导入中 loading the demo world…"):
                result = load_path(graph, out, user="demo")
        # The first login: a global admin with a random password, created only if there is no user yet.
        password = ensure_demo_admin(graph) if result.outcome == "ok" else None
    if result.outcome != "ok":
        err_console.print(problems_table(result.problems))
        raise fail(f"the demo package was {result.outcome}", EXIT_REJECTED)
    if not quiet:
        added = sum(c.get("added", 0) for c in result.counts.values())
        console.print(f"Loaded {result.rows:,} rows ({added:,} added), load {result.load_id}")
        for warning in result.warnings:
            err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if password is not None:
        console.print(
            f"管理员账号 admin login: [bold]admin[/] / [bold]{password}[/] (只显示一次 shown once; "
            "orglinks user reset-password admin gives a new one)",
            highlight=False,
        )


def generate_command(
    out: Annotated[Path, typer.Argument(help="Folder to write the package into")],
    scale: Annotated[
        int, typer.Option("--scale", min=MIN_SCALE, max=MAX_SCALE, help="About how many nodes")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No table (for scripts)")] = False,
) -> None:
    """Write a consistent package of about N nodes (10k to 5M), streaming, for benchmarks."""
    with err_console.status(f"generating about {scale:,} nodes…") if not quiet else _Quiet():
        counts = generate(scale, out, seed)
    if not quiet:
        console.print(_counts_table(f"Package of {scale:,} nodes written to {out}", counts))


class _Quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
