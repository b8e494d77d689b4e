"""GET /api/todo: the decisions waiting on you (待办): claims to decide, contracts to renew."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import GraphDep
from api.listing import AsOfQuery, as_of_or_today
from api.security.deps import CurrentUser, SettingsDep
from graph.todo import Todo, TodoKind, user_todo

router = APIRouter(prefix="/api/todo", tags=["todo"])


class TodoItemOut(BaseModel):
    kind: TodoKind
    id: str
    name: str | None
    detail: str | None
    since: dt.date
    days: int


class TodoOut(BaseModel):
    as_of: dt.date
    may_decide: bool
    count: int
    claims: list[TodoItemOut]
    renewals: list[TodoItemOut]


def todo_out(todo: Todo, *, may_decide: bool) -> TodoOut:
    def items(rows: list[object]) -> list[TodoItemOut]:
        return [TodoItemOut.model_validate(r, from_attributes=True) for r in rows]

    return TodoOut(
        as_of=todo.as_of,
        may_decide=may_decide,
        count=todo.count,
        claims=items(list(todo.claims)),
        renewals=items(list(todo.renewals)),
    )


@router.get("", response_model=TodoOut)
def get_todo(
    graph: GraphDep, principal: CurrentUser, settings: SettingsDep, as_of: AsOfQuery = None
) -> TodoOut:
    """The claims in your area waiting for your decision (oldest first) and the contracts of your area
    to renew (soonest expiry first); empty for a viewer."""
    may_decide = principal.can_claim()
    todo = user_todo(
        graph,
        username=principal.username,
        scope=principal.scope,
        unit=principal.unit_id,
        may_decide=may_decide,
        as_of=as_of_or_today(as_of),
        settings=settings,
    )
    return todo_out(todo, may_decide=may_decide)
