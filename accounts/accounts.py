"""Accounts: create, change, disable, reset passwords, log in. Shared by the API and the CLI.

`actor` is the admin doing it (None: the operator at the CLI, who has the database anyway). An admin
manages only accounts whose rights are a subset of their own (accounts/rights.py): users outside their
area are not found, an area outside "does not exist", an account holding a right they lack (`pii`, a
higher role) is refused, and they cannot create or make one. Every change is audited.
"""

from __future__ import annotations

import getpass
import re
from dataclasses import dataclass
from typing import Any

from accounts.audit import AuditAction, record
from accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    random_password,
    verify_password,
)
from accounts.principal import Principal, Role
from accounts.rights import Rights, area_within, exceeds, home_within, unit_within
from accounts.tokens import revoke_token, revoke_user_tokens, token_owner
from graph.driver import Graph
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from graph.queries.users import (
    COUNT_USERS,
    CREATE_USER,
    GET_LOGIN,
    GET_USER,
    LIST_USERS,
    SET_PASSWORD_HASH,
    UPDATE_USER,
)

USERNAME_PATTERN = r"^[\w.@-]{1,64}$"
_USERNAME = re.compile(USERNAME_PATTERN)
#: The properties an update may change; anything else never reaches the query.
CHANGEABLE = ("role", "area_id", "unit_id", "pii", "disabled")
#: Those an account may not change on itself (it could lock itself out or widen its own rights).
NOT_YOUR_OWN = frozenset({"role", "area_id", "unit_id", "disabled"})
DEMO_ADMIN = "admin"
MAX_USERS_LISTED = 10_000


@dataclass(frozen=True)
class LoginResult:
    """A login attempt: the principal on success, else why it failed (for the audit log only)."""

    principal: Principal | None
    reason: str | None


def cli_actor_name() -> str:
    """How the CLI operator appears in the audit log."""
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def create_user(
    graph: Graph,
    actor: Principal | None,
    *,
    username: str,
    role: Role,
    area_id: str | None,
    pii: bool = False,
    unit_id: str | None = None,
    ip: str | None = None,
) -> tuple[dict[str, Any], str]:
    """Create an account with a random password; returns the user and the password (shown once). A unit
    account (`role` unit) names its `unit_id` and no area."""
    if not _USERNAME.match(username):
        raise Invalid("a username is 1 to 64 letters, digits or . _ @ -")
    _check_grant(graph, actor, Rights(role, area_id, pii, unit_id))
    password = random_password()
    rows = graph.write(
        CREATE_USER,
        {
            "username": username,
            "role": role.value,
            "area_id": area_id,
            "unit_id": unit_id,
            "pii": pii,
            "password_hash": hash_password(password),
        },
        changes_data=False,
    )
    if not rows:
        raise Conflict(f"user {username!r} already exists")
    record(
        graph,
        _name(actor),
        AuditAction.USER_CREATE,
        username,
        ip,
        {"role": role.value, "area_id": area_id, "pii": pii}
        | ({"unit_id": unit_id} if unit_id is not None else {}),
    )
    return _plain(rows[0]), password


def update_user(
    graph: Graph, actor: Principal | None, username: str, changes: dict[str, Any], *, ip: str | None = None
) -> dict[str, Any]:
    """Change a user's role, area, pii or disabled flag; disabling revokes every token of the user."""
    unknown = set(changes) - set(CHANGEABLE)
    if unknown:
        raise Invalid(f"these properties cannot be changed: {sorted(unknown)}")
    current = managed_user(graph, actor, username)
    if actor is not None and actor.username == username and changes.keys() & NOT_YOUR_OWN:
        raise Invalid("you cannot change your own role, area or status; ask another admin")
    merged = {**current, **changes}
    _check_grant(graph, actor, Rights.of(merged))
    if not changes:
        return current
    rows = graph.write(UPDATE_USER, {"username": username, "changes": _jsonable(changes)}, changes_data=False)
    if changes.get("disabled"):
        revoke_user_tokens(graph, username)
    record(graph, _name(actor), AuditAction.USER_UPDATE, username, ip, _jsonable(changes))
    return _plain(rows[0])


def reset_password(graph: Graph, actor: Principal | None, username: str, *, ip: str | None = None) -> str:
    """Give a user a new random password (returned once) and revoke every token they hold."""
    managed_user(graph, actor, username)
    password = random_password()
    graph.write(
        SET_PASSWORD_HASH,
        {"username": username, "password_hash": hash_password(password)},
        changes_data=False,
    )
    revoke_user_tokens(graph, username)
    record(graph, _name(actor), AuditAction.PASSWORD_RESET, username, ip)
    return password


def change_own_password(
    graph: Graph, principal: Principal, current: str, new: str, *, ip: str | None = None
) -> bool:
    """Set a new password after checking the current one; ends every other session and token of the
    user. False (and nothing changed) if the current password is wrong."""
    rows = graph.read(GET_LOGIN, {"username": principal.username})
    if not rows or not verify_password(rows[0]["password_hash"], current):
        return False
    if len(new) < MIN_PASSWORD_LENGTH or new == current or new.casefold() == principal.username.casefold():
        raise Invalid(f"choose a new password of at least {MIN_PASSWORD_LENGTH} characters")
    graph.write(
        SET_PASSWORD_HASH,
        {"username": principal.username, "password_hash": hash_password(new)},
        changes_data=False,
    )
    revoke_user_tokens(graph, principal.username, keep=principal.token_id)
    record(graph, principal, AuditAction.PASSWORD_CHANGE, principal.username, ip)
    return True


def get_user(graph: Graph, actor: Principal | None, username: str) -> dict[str, Any]:
    """One user the actor may see (NotFound for anyone outside the actor's area; a unit account is
    inside if its unit is)."""
    rows = graph.read(GET_USER, {"username": username})
    everywhere = actor is None or actor.is_global  # even a user whose area has since been removed
    if not rows or not (everywhere or home_within(graph, actor, Rights.of(rows[0]))):
        raise NotFound(f"no user {username!r}")
    return _plain(rows[0])


def managed_user(graph: Graph, actor: Principal | None, username: str) -> dict[str, Any]:
    """A user the actor may manage: NotFound outside their area, Forbidden if the account holds a right
    the actor lacks (so that resetting its password or changing it would hand that right over)."""
    user = get_user(graph, actor, username)
    lacking = exceeds(actor, Rights.of(user))
    if lacking is not None:
        raise Forbidden(f"user {username!r} holds a right you do not ({lacking}); ask an admin who does")
    return user


def revoke_token_as(graph: Graph, actor: Principal, token_id: str) -> str:
    """Revoke one token: the actor's own, or (a global admin) one of an account they may manage; returns
    its user. NotFound for any other, exactly as for a token that does not exist."""
    owner = token_owner(graph, token_id)
    if owner is not None and owner != actor.username and actor.is_global:
        try:
            managed_user(graph, actor, owner)
        except (NotFound, Forbidden):
            owner = None
    if owner is None or (owner != actor.username and not actor.is_global):
        raise NotFound(f"no token {token_id!r}")
    revoked = revoke_token(graph, token_id, owner)
    if revoked is None:
        raise NotFound(f"no token {token_id!r}")
    return revoked


def list_users(graph: Graph, actor: Principal | None) -> list[dict[str, Any]]:
    """The users the actor may see, by username."""
    scope = actor.scope if actor is not None else None
    rows = graph.read(LIST_USERS, {"scope": scope, "limit": MAX_USERS_LISTED})
    return [_plain(row) for row in rows]


def authenticate(graph: Graph, username: str, password: str) -> LoginResult:
    """Check a username and password; a disabled account never logs in. Upgrades stale hashes."""
    rows = graph.read(GET_LOGIN, {"username": username})
    row = rows[0] if rows else None
    ok = verify_password(row["password_hash"] if row else None, password)
    if row is None:
        return LoginResult(None, "unknown_user")
    if not ok:
        return LoginResult(None, "bad_password")
    if row["disabled"]:
        return LoginResult(None, "disabled")
    if needs_rehash(row["password_hash"]):
        graph.write(
            SET_PASSWORD_HASH,
            {"username": username, "password_hash": hash_password(password)},
            changes_data=False,
        )
    return LoginResult(Principal.from_row(row), None)


def ensure_demo_admin(graph: Graph) -> str | None:
    """Create a global `admin` with a random password if there is no user yet; returns the password
    (for the demo to print once), or None if users already exist."""
    if graph.read(COUNT_USERS)[0]["n"]:
        return None
    try:
        _, password = create_user(graph, None, username=DEMO_ADMIN, role=Role.ADMIN, area_id=None, ip="cli")
    except Conflict:
        return None
    return password


def _check_grant(graph: Graph, actor: Principal | None, rights: Rights) -> None:
    """Refuse an account state the actor may not create (rights beyond their own): no area for a
    non-admin, an area outside the actor's scope, a global admin made by a scoped one, a role above
    theirs, or a `pii` grant by one who lacks it; a unit account without its unit, with an area or
    `pii`, or for a unit outside the actor's scope; a unit on any other account."""
    role, area_id, pii = rights.role, rights.area_id, rights.pii
    if role is Role.UNIT or rights.unit_id is not None:
        _check_unit_grant(graph, actor, rights)
        return
    if area_id is None and role is not Role.ADMIN:
        raise Invalid("an editor or viewer needs an area")
    if area_id is None and not area_within(graph, actor, None):
        raise Invalid("only a global admin may create or change a global admin")
    lacking = exceeds(actor, Rights(role, area_id, pii))
    if lacking == "pii":
        raise Invalid("you cannot grant the pii permission, which you do not hold")
    if lacking is not None:
        raise Invalid(f"you cannot grant a {lacking} above your own")
    if area_id is not None and not area_within(graph, actor, area_id):
        raise Invalid(f"no area with id {area_id!r}")


def _check_unit_grant(graph: Graph, actor: Principal | None, rights: Rights) -> None:
    if rights.role is not Role.UNIT:
        raise Invalid("only a unit account is tied to a unit; send unit_id: null with the new role")
    if rights.unit_id is None:
        raise Invalid("a unit account needs a unit (unit_id)")
    if rights.area_id is not None:
        raise Invalid("a unit account has no area: its unit places it (send area_id: null)")
    if rights.pii:
        raise Invalid("a unit account cannot hold the pii permission")
    if not unit_within(graph, actor, rights.unit_id):
        raise Invalid(f"no unit with id {rights.unit_id!r}")


def _name(actor: Principal | None) -> str:
    return actor.username if actor is not None else cli_actor_name()


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    created: Any = row.get("created_at")
    return {**row, "created_at": created.to_native() if hasattr(created, "to_native") else created}


def _jsonable(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: v.value if isinstance(v, Role) else v for k, v in changes.items()}
