"""`orglinks user add | list | disable | enable | reset-password` and `orglinks audit`.

Passwords are random and printed once; there is no default password. Every change is audited under
the operator's name (`cli:<os user>`).
"""

from __future__ import annotations

import csv
import sys
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.table import Table

from accounts import accounts
from accounts.accounts import cli_actor_name, ensure_demo_admin
from accounts.audit import AuditAction, list_entries, prune, record
from accounts.principal import Role
from accounts.rate_limit import prune_counters
from cli.context import console, fail, graph_session
from graph.settings import AppSettings

user_app = typer.Typer(help="Accounts: roles, areas and the pii permission.", no_args_is_help=True)

__all__ = ["audit_command", "ensure_demo_admin", "user_app"]


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"


_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z"]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table or csv")]


@user_app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Login name")],
    role: Annotated[Role, typer.Option("--role", help="admin, editor, viewer or unit")],
    area: Annotated[str | None, typer.Option("--area", help="Area id of the user's subtree")] = None,
    pii: Annotated[bool, typer.Option("--pii", help="May see names and phones unmasked (audited)")] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", help="A unit account's unit id (with --role unit, no --area)")
    ] = None,
) -> None:
    """Create a user; the random password is printed once."""
    if role is Role.UNIT and unit is None:
        raise fail("a unit account needs --unit")
    if area is None and role not in (Role.ADMIN, Role.UNIT):
        raise fail("an editor or viewer needs --area")
    with graph_session() as graph:
        user, password = accounts.create_user(
            graph, None, username=username, role=role, area_id=area, pii=pii, unit_id=unit, ip="cli"
        )
    scope = f"unit {unit}" if unit else f"area {user['area_id'] or 'everything'}"
    console.print(f"Created [bold]{username}[/] ({role.value}, {scope}, pii {'yes' if pii else 'no'}).")
    _print_password_once(password)


@user_app.command("list")
def list_command(output: FormatOption = OutputFormat.TABLE) -> None:
    """List every user (never their password hashes)."""
    with graph_session() as graph:
        users = accounts.list_users(graph, None)
    columns = ["username", "role", "area_id", "unit_id", "pii", "disabled", "created_at"]
    _emit(columns, users, output, title="users")


@user_app.command("disable")
def disable(username: Annotated[str, typer.Argument(help="Login name")]) -> None:
    """Disable a user and revoke every session and token they hold."""
    with graph_session() as graph:
        accounts.update_user(graph, None, username, {"disabled": True}, ip="cli")
    console.print(f"Disabled [bold]{username}[/]; their sessions and tokens are revoked.")


@user_app.command("enable")
def enable(username: Annotated[str, typer.Argument(help="Login name")]) -> None:
    """Enable a disabled user again (they log in with a password; old tokens stay revoked)."""
    with graph_session() as graph:
        accounts.update_user(graph, None, username, {"disabled": False}, ip="cli")
    console.print(f"Enabled [bold]{username}[/].")


@user_app.command("reset-password")
def reset_password(username: Annotated[str, typer.Argument(help="Login name")]) -> None:
    """Give a user a new random password, printed once, and revoke their sessions and tokens."""
    with graph_session() as graph:
        password = accounts.reset_password(graph, None, username, ip="cli")
    console.print(f"New password for [bold]{username}[/]; their sessions and tokens are revoked.")
    _print_password_once(password)


def audit_command(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's entries")] = None,
    action: Annotated[AuditAction | None, typer.Option("--action", help="Only this action")] = None,
    since: Annotated[
        datetime | None, typer.Option("--since", help="From this time on (naive = UTC)", formats=_FORMATS)
    ] = None,
    until: Annotated[
        datetime | None, typer.Option("--until", help="Before this time (naive = UTC)", formats=_FORMATS)
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=100_000, help="At most this many")] = 200,
    do_prune: Annotated[
        bool, typer.Option("--prune", help="Delete entries older than ORGLINKS_AUDIT_RETENTION_DAYS instead")
    ] = False,
    output: FormatOption = OutputFormat.TABLE,
) -> None:
    """Show the audit log (who, when, what, from where), newest first; or prune it by retention."""
    with graph_session() as graph:
        if do_prune:
            days = AppSettings().audit_retention_days
            deleted = prune(graph, days)
            prune_counters(graph)  # login rate-limit counters idle for a day
            record(
                graph,
                cli_actor_name(),
                AuditAction.AUDIT_PRUNE,
                None,
                "cli",
                {"days": days, "deleted": deleted},
            )
            console.print(f"Deleted {deleted} audit entries older than {days} days.")
            return
        page = list_entries(
            graph,
            scope=None,
            user=user,
            action=action.value if action else None,
            since=_utc(since),
            until=_utc(until),
            page_size=limit,
        )
        record(
            graph,
            cli_actor_name(),
            AuditAction.AUDIT_READ,
            None,
            "cli",
            {"user": user, "action": action.value if action else None, "limit": limit},
        )
    columns = ["at", "user", "action", "target", "ip", "detail"]
    _emit(columns, page.entries, output, title=f"audit log ({len(page.entries)} of {page.total})")


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _print_password_once(password: str) -> None:
    console.print(f"Password (shown only now): [bold]{password}[/]", highlight=False)


def _emit(columns: list[str], rows: list[dict[str, Any]], output: OutputFormat, *, title: str) -> None:
    if output is OutputFormat.CSV:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_cell(row.get(c)) for c in columns] for row in rows)
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)
