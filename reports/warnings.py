"""The rows of the warnings export (reports.catalog.WARNINGS): one per item behind a rule, the rule and
its level in Chinese, the child area each item lies under by name."""

from __future__ import annotations

from typing import Any

from graph.warnings import Warnings
from i18n.warnings import level_zh, rule_zh


def warning_rows(warnings: Warnings) -> list[dict[str, Any]]:
    """Every item read, rule by rule in their order."""
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
        for item in alert.items
    ]
