"""The decisions waiting on a user (待办): pending claims they did not make on the items whose side they
decide (open needs of their area, resources offered in it; a unit account: its unit's resources),
oldest first, and contracts of their area in force that expire within the warnings' yellow horizon and
have no renewal yet (a contract that RENEWS them), soonest first. Only accounts that may claim decide;
a viewer's list is empty."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from neo4j import ManagedTransaction

from graph.driver import Graph, run
from graph.queries import todo as q
from graph.settings import AppSettings

#: Most decisions of each kind listed.
MAX_TODO = 500


class TodoKind(StrEnum):
    CLAIM = "claim"  # decide (approve or reject) a pending claim
    RENEWAL = "renewal"  # renew a contract about to expire


@dataclass(frozen=True)
class TodoItem:
    kind: TodoKind
    id: str
    name: str | None
    detail: str | None  # a claim's claimant, a contract's first party by name
    since: dt.date  # the day a claim was made, the day a contract expires
    days: int  # days a claim has waited, days a contract has left


@dataclass(frozen=True)
class Todo:
    as_of: dt.date
    claims: list[TodoItem]
    renewals: list[TodoItem]

    @property
    def count(self) -> int:
        return len(self.claims) + len(self.renewals)


def user_todo(
    graph: Graph,
    *,
    username: str,
    scope: list[str] | None,
    unit: str | None = None,
    may_decide: bool,
    as_of: dt.date,
    settings: AppSettings,
) -> Todo:
    """What `username` (whose area is `scope`, None = everywhere; a unit account's `unit`) may decide on
    `as_of`."""
    if not may_decide:
        return Todo(as_of, [], [])
    params = {"scope": scope, "unit": unit, "user": username, "as_of": as_of, "limit": MAX_TODO}
    horizon = max(settings.warn_contract_red_days, settings.warn_contract_yellow_days)

    def work(tx: ManagedTransaction) -> Todo:
        claims = [TodoItem(TodoKind.CLAIM, **r) for r in run(tx, q.CLAIMS_TO_DECIDE, params)]
        renewals = [
            TodoItem(TodoKind.RENEWAL, **r)
            for r in run(tx, q.CONTRACTS_TO_RENEW, {**params, "days": horizon})
        ]
        return Todo(as_of, claims, renewals)

    return graph.read_tx(work)
