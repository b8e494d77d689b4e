"""Warning rules (预警): each gives a level (red / yellow / green) for an area and for each of its child
areas, the count and the items behind it, on a date. The thresholds are settings (graph/settings.py,
documented in docs/workflow.md, "Warnings"):

- contracts_expiring: contracts in force expiring within `warn_contract_yellow_days`; red when one
  expires within `warn_contract_red_days`.
- needs_unclaimed: open needs with no pending claim for `warn_need_open_days` or more; red at twice that.
- claims_pending: claims pending for `warn_claim_pending_days` or more; red at twice that.
- units_unlinked: units with no co-building link of any kind; red from `warn_unlinked_red_units` units.
- committees_unseated: big committees with no part-time member in term; red when the last seat ended
  `warn_committee_empty_days` or more ago.
- alliances_idle: alliances whose last dated step (founded, a member joined) lies `warn_alliance_idle_days`
  or more back; red at twice that.

Green: no item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import NamedQuery
from graph.driver import Graph, run
from graph.queries import warnings as q
from graph.scope import Area, Scope, child_areas
from graph.settings import AppSettings

#: Most items a rule reads (its count stops there and says `truncated`).
MAX_SCAN = 20_000

#: Most items a rule lists in a JSON answer (an export holds every item read).
MAX_ITEMS = 500

#: Separator of the names in an item's `detail`.
DETAIL_SEPARATOR = "、"


class Level(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


class Rule(StrEnum):
    """The rules, in the order they are shown."""

    CONTRACTS_EXPIRING = "contracts_expiring"
    NEEDS_UNCLAIMED = "needs_unclaimed"
    CLAIMS_PENDING = "claims_pending"
    UNITS_UNLINKED = "units_unlinked"
    COMMITTEES_UNSEATED = "committees_unseated"
    ALLIANCES_IDLE = "alliances_idle"


@dataclass(frozen=True)
class Item:
    id: str
    name: str | None
    detail: str | None  # the names that place it: a contract's parties, a claim's claimant, …
    since: dt.date | None  # expiry, raised, claimed, last seat ended, last step: what `days` counts from
    days: int | None  # days left (contracts) or days since `since`
    areas: list[str]  # the child areas it lies under


@dataclass(frozen=True)
class ChildLevel:
    area: Area
    level: Level
    count: int


@dataclass(frozen=True)
class Alert:
    rule: Rule
    level: Level
    count: int
    truncated: bool
    thresholds: dict[str, int]
    items: list[Item]
    children: list[ChildLevel]


@dataclass(frozen=True)
class Warnings:
    """Every rule for an area (None: the whole database) on a date, with its child areas' levels."""

    area: Area | None
    as_of: dt.date
    children: list[Area]
    alerts: list[Alert]


def _days_over(red_from: int) -> Callable[[Sequence[Item]], Level]:
    """Red when one item's `days` reach `red_from`, else yellow if there is an item."""

    def level(items: Sequence[Item]) -> Level:
        if any(i.days is not None and i.days >= red_from for i in items):
            return Level.RED
        return Level.YELLOW if items else Level.GREEN

    return level


def _days_within(red_within: int) -> Callable[[Sequence[Item]], Level]:
    """Red when one item's `days` left are at most `red_within`, else yellow if there is an item."""

    def level(items: Sequence[Item]) -> Level:
        if any(i.days is not None and i.days <= red_within for i in items):
            return Level.RED
        return Level.YELLOW if items else Level.GREEN

    return level


def _count_from(red_from: int) -> Callable[[Sequence[Item]], Level]:
    """Red from `red_from` items, yellow below."""

    def level(items: Sequence[Item]) -> Level:
        if len(items) >= red_from:
            return Level.RED
        return Level.YELLOW if items else Level.GREEN

    return level


@dataclass(frozen=True)
class _Spec:
    query: NamedQuery
    params: dict[str, Any]
    thresholds: dict[str, int]
    level: Callable[[Sequence[Item]], Level]


def _specs(settings: AppSettings) -> dict[Rule, _Spec]:
    s = settings
    red, yellow = s.warn_contract_red_days, s.warn_contract_yellow_days
    need, claim = s.warn_need_open_days, s.warn_claim_pending_days
    empty, idle = s.warn_committee_empty_days, s.warn_alliance_idle_days
    return {
        Rule.CONTRACTS_EXPIRING: _Spec(
            q.CONTRACTS_EXPIRING,
            {"days": max(red, yellow)},
            {"red_days": red, "yellow_days": yellow},
            _days_within(red),
        ),
        Rule.NEEDS_UNCLAIMED: _Spec(
            q.NEEDS_UNCLAIMED, {"days": need}, {"open_days": need, "red_days": 2 * need}, _days_over(2 * need)
        ),
        Rule.CLAIMS_PENDING: _Spec(
            q.CLAIMS_PENDING,
            {"days": claim},
            {"pending_days": claim, "red_days": 2 * claim},
            _days_over(2 * claim),
        ),
        Rule.UNITS_UNLINKED: _Spec(
            q.UNITS_UNLINKED,
            {"by": "any"},
            {"red_units": s.warn_unlinked_red_units},
            _count_from(s.warn_unlinked_red_units),
        ),
        Rule.COMMITTEES_UNSEATED: _Spec(q.COMMITTEES_UNSEATED, {}, {"red_days": empty}, _days_over(empty)),
        Rule.ALLIANCES_IDLE: _Spec(
            q.ALLIANCES_IDLE, {"days": idle}, {"idle_days": idle, "red_days": 2 * idle}, _days_over(2 * idle)
        ),
    }


def _item(row: dict[str, Any]) -> Item:
    names = [str(n) for n in row["detail"] or [] if n]
    return Item(
        id=row["id"],
        name=row["name"],
        detail=DETAIL_SEPARATOR.join(names) or None,
        since=row["since"],
        days=row["days"],
        areas=list(row["areas"]),
    )


def area_warnings(
    graph: Graph,
    scope: Scope,
    as_of: dt.date,
    settings: AppSettings,
    rules: Sequence[Rule] = tuple(Rule),
) -> Warnings:
    """The rules asked for (all by default) for the scope's area and each of its child areas, on
    `as_of`, read in one transaction."""
    children = child_areas(graph, scope)
    specs = _specs(settings)
    base = {"scope": scope.roots, "children": [c.id for c in children], "as_of": as_of, "limit": MAX_SCAN}

    def work(tx: ManagedTransaction) -> dict[Rule, list[Item]]:
        return {
            rule: [_item(r) for r in run(tx, specs[rule].query, {**base, **specs[rule].params})]
            for rule in rules
        }

    found = graph.read_tx(work)
    alerts = []
    for rule in rules:
        spec, items = specs[rule], found[rule]
        levels = [
            ChildLevel(child, spec.level(mine), len(mine))
            for child in children
            for mine in ([i for i in items if child.id in i.areas],)
        ]
        alerts.append(
            Alert(rule, spec.level(items), len(items), len(items) >= MAX_SCAN, spec.thresholds, items, levels)
        )
    area = Area(scope.area_id, scope.name, scope.level) if scope.area_id else None
    return Warnings(area, as_of, children, alerts)
