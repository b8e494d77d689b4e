"""The rows of the warnings export (reports.catalog.WARNINGS): one per item behind a rule, the rule and
its level in Chinese, the child area each item lies under by name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.warnings import Rule, Warnings
from i18n.warnings import level_zh, rule_zh


def warning_rows(warnings: Warnings, rules: Sequence[Rule] | None = None) -> list[dict[str, Any]]:
    """Every item of the rules asked for (all by default), rule by rule in their order."""
    names = {c.id: c.name or c.id for c in warnings.children}
    return [
        {
            "rule": alert.rule.value,
            "rule_label": rule_zh(alert.rule),
            "level_label": level_zh(alert.level),
            "id": item.id,
            "name": item.name,
            "detail": item.detail,
            "area_label": [names[a] for a in item.areas if a in names],
            "since": item.since,
            "days": item.days,
        }
        for alert in warnings.alerts
        if rules is None or alert.rule in rules
        for item in alert.items
    ]
