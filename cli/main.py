"""The `orglinks` command: each group of subcommands lives in its own module."""

from __future__ import annotations

import typer

from cli.db_commands import db_app
from cli.serve_command import serve

app = typer.Typer(
    name="orglinks",
    help="Graph knowledge system of the organizational links of regional party building (区域化党建).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.command()(serve)


if __name__ == "__main__":
    app()
