"""What every command shares: the console, settings, and opening the process's one driver."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console

from graph.driver import Graph, open_graph
from graph.errors import OrglinksError
from graph.settings import Neo4jSettings

console = Console()
err_console = Console(stderr=True)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3
EXIT_PARTIAL = 4
EXIT_UNAVAILABLE = 5


def fail(message: str, code: int = EXIT_FAILED) -> typer.Exit:
    """Print a one-line error (never a stack trace) and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def graph_session() -> Iterator[Graph]:
    """Open the process's driver for one command and close it after; errors become a clear message."""
    from graph.errors import GraphUnavailable

    try:
        graph = open_graph(Neo4jSettings())
    except GraphUnavailable as exc:
        raise fail(f"{exc} (is Neo4j running? `orglinks db start`)", EXIT_UNAVAILABLE) from None
    try:
        yield graph
    except GraphUnavailable as exc:
        raise fail(str(exc), EXIT_UNAVAILABLE) from None
    except OrglinksError as exc:
        raise fail(str(exc)) from None
    finally:
        graph.close()
