"""Accounts, for admins: /api/users. An admin with an area manages only the users inside it."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from accounts import accounts
from accounts.principal import Role
from api.deps import GraphDep
from api.security.deps import AdminUser, client_ip

router = APIRouter(prefix="/api/users", tags=["users"])

Username = Path(min_length=1, max_length=64, pattern=accounts.USERNAME_PATTERN)


class UserOut(BaseModel):
    username: str
    role: Role
    area_id: str | None
    unit_id: str | None = Field(default=None, description="A unit account's unit (驻区单位)")
    pii: bool
    disabled: bool
    created_at: datetime | None


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64, pattern=accounts.USERNAME_PATTERN)
    role: Role
    area_id: str | None = Field(default=None, min_length=1, max_length=200)
    unit_id: str | None = Field(
        default=None, min_length=1, max_length=200, description="role unit: the unit the account acts for"
    )
    pii: bool = False


class UserCreated(UserOut):
    password: str = Field(description="The random initial password, shown once")


class UserPatch(BaseModel):
    """Only the fields sent are changed; `area_id: null` makes a global admin, `unit_id: null` unties an
    account from its unit (with a new role)."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    area_id: str | None = Field(default=None, min_length=1, max_length=200)
    unit_id: str | None = Field(default=None, min_length=1, max_length=200)
    pii: bool | None = None
    disabled: bool | None = None


class PasswordReset(BaseModel):
    username: str
    password: str = Field(description="The new random password, shown once")


@router.get("", response_model=list[UserOut])
def list_users(principal: AdminUser, graph: GraphDep) -> list[UserOut]:
    """The users in the admin's area, by username."""
    return [UserOut(**row) for row in accounts.list_users(graph, principal)]


@router.post("", response_model=UserCreated, status_code=201, responses={409: {}, 422: {}})
def create_user(body: UserCreate, request: Request, principal: AdminUser, graph: GraphDep) -> UserCreated:
    """Create an account (a unit account: `role: unit` and `unit_id`); its password is returned once."""
    user, password = accounts.create_user(
        graph,
        principal,
        username=body.username,
        role=body.role,
        area_id=body.area_id,
        pii=body.pii,
        unit_id=body.unit_id,
        ip=client_ip(request),
    )
    return UserCreated(**user, password=password)


@router.patch("/{username}", response_model=UserOut, responses={404: {}, 422: {}})
def update_user(
    body: UserPatch, request: Request, principal: AdminUser, graph: GraphDep, username: str = Username
) -> UserOut:
    """Change a user's role, area, pii permission or disabled flag."""
    changes = body.model_dump(exclude_unset=True)
    for key in ("role", "pii", "disabled"):
        if key in changes and changes[key] is None:
            changes.pop(key)
    user = accounts.update_user(graph, principal, username, changes, ip=client_ip(request))
    return UserOut(**user)


@router.post("/{username}/reset-password", response_model=PasswordReset, responses={404: {}})
def reset_password(
    request: Request, principal: AdminUser, graph: GraphDep, username: str = Username
) -> PasswordReset:
    """Give a user a new random password (returned once) and end all their sessions and tokens."""
    password = accounts.reset_password(graph, principal, username, ip=client_ip(request))
    return PasswordReset(username=username, password=password)
