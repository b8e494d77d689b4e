"""`orglinks db start | stop | status | migrate`: the local Neo4j and the schema."""

from __future__ import annotations

import typer

from cli.context import console, fail, graph_session
from cli.local_neo4j import LocalNeo4j, LocalNeo4jError
from graph.migrate import migrate
from graph.settings import LocalNeo4jSettings

db_app = typer.Typer(help="The local Neo4j server and the graph schema.", no_args_is_help=True)


def _local() -> LocalNeo4j:
    return LocalNeo4j(LocalNeo4jSettings())


@db_app.command()
def start() -> None:
    """Start the local Neo4j in the background; returns once Bolt answers."""
    local = _local()
    console.print(f"Starting Neo4j on bolt://127.0.0.1:{local.settings.bolt_port} (home {local.home}) …")
    try:
        status = local.start()
    except LocalNeo4jError as exc:
        raise fail(str(exc)) from None
    console.print(f"[green]Neo4j is up[/] (pid {status.pid}).")


@db_app.command()
def stop() -> None:
    """Stop the local Neo4j cleanly."""
    if _local().stop():
        console.print("[green]Neo4j stopped.[/]")
    else:
        console.print("Neo4j was not running.")


@db_app.command()
def status() -> None:
    """Say whether the local Neo4j runs and answers Bolt."""
    st = _local().status()
    state = "[green]running[/]" if st.running else "[yellow]stopped[/]"
    bolt = "answers" if st.bolt_answers else "does not answer"
    console.print(f"Neo4j {state} (pid {st.pid or '-'}); Bolt on port {st.bolt_port} {bolt}; home {st.home}")
    if not st.running:
        raise typer.Exit(3)


@db_app.command("migrate")
def migrate_command() -> None:
    """Apply the schema (constraints, indexes) idempotently and report what changed."""
    with graph_session() as graph:
        report = migrate(graph)
    if not report.changed:
        console.print(f"Schema is up to date (version {report.version_after}); nothing changed.")
        return
    for name in report.dropped:
        console.print(f"  dropped {name} (replaced)")
    for name in report.created:
        console.print(f"  created {name}")
    if report.rekeyed:
        console.print(f"  rekeyed {report.rekeyed} relationships (hashed ids since schema version 4)")
    console.print(
        f"[green]Schema version {report.version_before or 0} → {report.version_after}[/], "
        f"{len(report.created)} constraints/indexes created."
    )
