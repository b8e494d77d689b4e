"""Accounts and their tokens: `(:User {id: username})` and `(:ApiToken {id, user, hash})`.

A token node keeps only the SHA-256 of the token, never the token itself. A user's `area_id` names the
root of the area subtree they may see (null only for a global admin). Area scope checks use `$scope`:
a list of root area ids, or null for everything.
"""

from __future__ import annotations

from graph.cypher import NamedQuery, token
from graph.rules import area_in_roots, in_scope
from graph.schema import Label

_USER, _TOKEN, _AREA = token(Label.USER), token(Label.API_TOKEN), token(Label.AREA)
_UNIT = token(Label.UNIT)

#: A user's columns, as the API and the CLI show them (never the password hash).
_USER_COLUMNS = """
u.id AS username, u.role AS role, u.area_id AS area_id, u.unit_id AS unit_id, u.pii AS pii,
u.disabled AS disabled, u.created_at AS created_at
"""

COUNT_USERS = NamedQuery("count_users", f"MATCH (u:{_USER}) RETURN count(u) AS n")

CREATE_USER = NamedQuery(
    "create_user",
    f"""
    CREATE (u:{_USER} {{id: $username, role: $role, area_id: $area_id, unit_id: $unit_id, pii: $pii,
                    disabled: false, password_hash: $password_hash, created_at: datetime()}})
    RETURN """
    + _USER_COLUMNS,
)

GET_USER = NamedQuery("get_user", f"MATCH (u:{_USER} {{id: $username}}) RETURN " + _USER_COLUMNS)

#: The stored hash of an enabled or disabled user, for login.
GET_LOGIN = NamedQuery(
    "get_login",
    f"""
    MATCH (u:{_USER} {{id: $username}})
    RETURN u.password_hash AS password_hash, """
    + _USER_COLUMNS,
)

#: Users whose area (a unit account: whose unit) lies in the subtree of one of `$scope` (null: every
#: user), by name.
LIST_USERS = NamedQuery(
    "list_users",
    f"""
    MATCH (u:{_USER})
    WHERE $scope IS NULL
       OR EXISTS {{ MATCH (home:{_AREA} {{id: u.area_id}}) WHERE {area_in_roots("home", roots="scope")} }}
       OR EXISTS {{ MATCH (unit:{_UNIT} {{id: u.unit_id}}) WHERE {in_scope("unit")} }}
    RETURN """
    + _USER_COLUMNS
    + """
    ORDER BY u.id
    LIMIT $limit
    """,
)

#: Set the given properties (only role, area_id, pii, disabled are ever passed) of one user.
UPDATE_USER = NamedQuery(
    "update_user",
    f"""
    MATCH (u:{_USER} {{id: $username}})
    SET u += $changes, u.updated_at = datetime()
    RETURN """
    + _USER_COLUMNS,
)

SET_PASSWORD_HASH = NamedQuery(
    "set_password_hash",
    f"""
    MATCH (u:{_USER} {{id: $username}})
    SET u.password_hash = $password_hash, u.password_changed_at = datetime()
    RETURN u.id AS username
    """,
)

#: Whether area `$area_id` exists and lies in the subtree of one of `$scope` (null: anywhere).
AREA_IN_SCOPE = NamedQuery(
    "area_in_scope",
    f"""
    MATCH (a:{_AREA} {{id: $area_id}})
    RETURN $scope IS NULL OR {area_in_roots("a", roots="scope")} AS in_scope
    """,
)

#: Whether unit `$unit_id` exists and lies in `$scope` (null: anywhere), by the rule `in_scope`.
UNIT_IN_SCOPE = NamedQuery(
    "unit_in_scope",
    f"""
    MATCH (unit:{_UNIT} {{id: $unit_id}})
    RETURN {in_scope("unit")} AS in_scope
    """,
)

CREATE_TOKEN = NamedQuery(
    "create_token",
    f"""
    CREATE (t:{_TOKEN} {{id: $id, user: $username, kind: $kind, hash: $hash, name: $name,
                        created_at: datetime(), expires: $expires, revoked: false}})
    RETURN t.id AS id, t.kind AS kind, t.name AS name, t.created_at AS created_at, t.expires AS expires
    """,
)

#: A live token (right kind, not revoked, not expired) and its enabled user; the caller compares hashes.
VERIFY_TOKEN = NamedQuery(
    "verify_token",
    f"""
    MATCH (t:{_TOKEN} {{id: $id}})
    WHERE t.kind = $kind AND NOT t.revoked AND t.expires > datetime()
    MATCH (u:{_USER} {{id: t.user}})
    WHERE NOT u.disabled
    RETURN t.hash AS hash, """
    + _USER_COLUMNS,
)

LIST_TOKENS = NamedQuery(
    "list_tokens",
    f"""
    MATCH (t:{_TOKEN} {{user: $username}})
    RETURN t.id AS id, t.kind AS kind, t.name AS name, t.created_at AS created_at, t.expires AS expires,
           t.revoked AS revoked
    ORDER BY t.created_at DESC
    LIMIT $limit
    """,
)

#: Revoke one token, if it belongs to `$username` (or `$username` is null: any owner).
REVOKE_TOKEN = NamedQuery(
    "revoke_token",
    f"""
    MATCH (t:{_TOKEN} {{id: $id}})
    WHERE $username IS NULL OR t.user = $username
    SET t.revoked = true, t.revoked_at = coalesce(t.revoked_at, datetime())
    RETURN t.id AS id, t.user AS user
    """,
)

#: The user a token belongs to (revoked or not).
TOKEN_OWNER = NamedQuery("token_owner", f"MATCH (t:{_TOKEN} {{id: $id}}) RETURN t.user AS user")

#: Revoke every live token of a user except `$keep` (null: all of them).
REVOKE_USER_TOKENS = NamedQuery(
    "revoke_user_tokens",
    f"""
    MATCH (t:{_TOKEN} {{user: $username}})
    WHERE NOT t.revoked AND ($keep IS NULL OR t.id <> $keep)
    SET t.revoked = true, t.revoked_at = datetime()
    RETURN count(t) AS n
    """,
)

#: Tokens that expired or were revoked before `$cutoff`, deleted in batches of `$batch`.
PRUNE_TOKENS = NamedQuery(
    "prune_tokens",
    f"""
    MATCH (t:{_TOKEN})
    WHERE t.expires < $cutoff OR t.revoked_at < $cutoff
    WITH t LIMIT $batch
    DETACH DELETE t
    RETURN count(*) AS n
    """,
)
