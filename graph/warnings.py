"""Warning rules (预警): each gives a level (red / yellow / green) for the scope and the items behind it.

- contracts_expiring: contracts in force expiring within `warn_contract_yellow_days`; red when one
  expires within `warn_contract_red_days`, yellow when one expires within the yellow horizon.
- needs_unclaimed: open needs with no pending claim for more than `warn_need_open_days`; red when one
  has waited twice as long, yellow otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.cypher import NamedQuery
from graph.driver import Graph
from graph.queries import warnings as q
from graph.settings import AppSettings

#: Most items a rule lists.
MAX_ITEMS = 500


class Level(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


@dataclass(frozen=True)
class Item:
    id: str
    name: str | None
    since: dt.date  # the expiry date of a contract, the day a need was raised
    days: int  # days left before expiry, days a need has waited


@dataclass(frozen=True)
class Alert:
    rule: str
    level: Level
    count: int
    thresholds: dict[str, int]
    items: list[Item]


def _items(graph: Graph, query: NamedQuery, params: dict[str, Any]) -> list[Item]:
    return [Item(**row) for row in graph.read(query, {**params, "limit": MAX_ITEMS})]


def contracts_expiring(graph: Graph, scope: list[str] | None, as_of: dt.date, settings: AppSettings) -> Alert:
    red, yellow = settings.warn_contract_red_days, settings.warn_contract_yellow_days
    items = _items(graph, q.CONTRACTS_EXPIRING, {"scope": scope, "as_of": as_of, "days": max(red, yellow)})
    level = Level.RED if any(i.days <= red for i in items) else Level.YELLOW if items else Level.GREEN
    return Alert("contracts_expiring", level, len(items), {"red_days": red, "yellow_days": yellow}, items)


def needs_unclaimed(graph: Graph, scope: list[str] | None, as_of: dt.date, settings: AppSettings) -> Alert:
    days = settings.warn_need_open_days
    items = _items(graph, q.NEEDS_UNCLAIMED, {"scope": scope, "as_of": as_of, "days": days})
    level = Level.RED if any(i.days > 2 * days for i in items) else Level.YELLOW if items else Level.GREEN
    return Alert("needs_unclaimed", level, len(items), {"open_days": days}, items)


def all_warnings(graph: Graph, scope: list[str] | None, as_of: dt.date, settings: AppSettings) -> list[Alert]:
    """Every rule, in a fixed order."""
    return [rule(graph, scope, as_of, settings) for rule in (contracts_expiring, needs_unclaimed)]
