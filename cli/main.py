"""The `orglinks` command: each group of subcommands lives in its own module."""

from __future__ import annotations

import typer

from cli.db_commands import db_app
from cli.demo_commands import demo, generate_command
from cli.load_commands import load, template
from cli.query_commands import path_command, search_command
from cli.report_commands import gaps_command, stats_command, warnings_command
from cli.serve_command import serve
from cli.user_commands import audit_command, user_app

app = typer.Typer(
    name="orglinks",
    help="Graph knowledge system of the organizational links of regional party building (区域化党建).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.command("audit")(audit_command)
app.command()(serve)
app.command()(load)
app.command()(template)
app.command("search")(search_command)
app.command("path")(path_command)
app.command("gaps")(gaps_command)
app.command("stats")(stats_command)
app.command("warnings")(warnings_command)
app.command()(demo)
app.command("generate")(generate_command)


if __name__ == "__main__":
    app()
