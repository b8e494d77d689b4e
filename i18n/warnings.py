"""Words for the warning rules (预警) and their levels, in exports and the CLI: Chinese, English."""

from __future__ import annotations

from graph.warnings import Level, Rule

#: A warning rule: Chinese, English.
RULE_WORDS: dict[Rule, tuple[str, str]] = {
    Rule.CONTRACTS_EXPIRING: ("共建协议即将到期", "Contracts expiring"),
    Rule.NEEDS_UNCLAIMED: ("需求长期无人认领", "Needs left unclaimed"),
    Rule.CLAIMS_PENDING: ("认领久未审核", "Claims waiting for a decision"),
    Rule.UNITS_UNLINKED: ("单位无任何共建联系", "Units with no co-building link"),
    Rule.COMMITTEES_UNSEATED: ("大党委无在任兼职委员", "Big committees without a part-time member"),
    Rule.ALLIANCES_IDLE: ("党建联盟久无新进展", "Alliances without recent activity"),
}

#: A level: Chinese, English.
LEVEL_WORDS: dict[Level, tuple[str, str]] = {
    Level.RED: ("红色", "red"),
    Level.YELLOW: ("黄色", "yellow"),
    Level.GREEN: ("绿色", "green"),
}


def rule_zh(rule: Rule) -> str:
    """The Chinese name of a rule."""
    return RULE_WORDS[rule][0]


def level_zh(level: Level) -> str:
    """The Chinese word of a level (red → 红色)."""
    return LEVEL_WORDS[level][0]
