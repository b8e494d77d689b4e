"""Words for the codes of the gap and match answers: the kinds of co-building link, the kinds of
structural gap, and why a match ranks where it does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.queries.gaps import AreaGapKind, LinkKind

#: A kind of co-building link a unit has (or lacks): Chinese, English.
LINK_WORDS: dict[str, tuple[str, str]] = {
    LinkKind.CONTRACT: ("共建协议", "co-building contract"),
    LinkKind.ALLIANCE: ("党建联盟", "party-building alliance"),
    LinkKind.COMMITTEE: ("社区大党委", "community big party committee"),
}

#: A kind of structural gap of an area: Chinese, English.
AREA_GAP_WORDS: dict[str, tuple[str, str]] = {
    AreaGapKind.STREET_WITHOUT_ALLIANCE: ("街道未建党建联盟", "street without an alliance"),
    AreaGapKind.COMMUNITY_WITHOUT_BIG_COMMITTEE: (
        "社区无大党委（无在任兼职委员）",
        "community without a big committee (no part-time member in office)",
    ),
    AreaGapKind.COMMUNITY_WITHOUT_CONTRACT: (
        "社区无履行中的共建协议",
        "community without a contract in force",
    ),
    AreaGapKind.GRID_WITHOUT_BRANCH: ("网格未建党支部", "grid without a party branch"),
    AreaGapKind.ALLIANCE_WITHOUT_CONTRACT: (
        "联盟成员均无履行中的共建协议",
        "no alliance member has a contract in force",
    ),
    AreaGapKind.CONTRACT_EXPIRING: ("共建协议即将到期", "contract expiring soon"),
}


def link_zh(code: str) -> str:
    """The Chinese word of a kind of link (contract → 共建协议)."""
    return LINK_WORDS[code][0]


def area_gap_zh(code: str) -> str:
    """The Chinese word of a kind of structural gap."""
    return AREA_GAP_WORDS[code][0]


#: Why a match ranks where it does, by reason code: Chinese, English; `{n}` is the number of projects
#: already using the resource.
MATCH_REASON_WORDS: dict[str, tuple[str, str]] = {
    "same_community": ("同一社区", "same community"),
    "same_street": ("同一街道", "same street"),
    "other_street": ("另一街道（本街道无可匹配资源）", "another street (nothing nearer fits)"),
    "same_alliance": ("已在同一联盟", "already in the same alliance"),
    "contract_in_force": ("已有履行中的共建协议", "a contract already in force"),
    "seat": ("已在社区大党委任职", "already holds a seat on the big committee"),
    "similar_title": ("资源与需求相近", "resource close to the need"),
    "same_category": ("同类资源", "same category"),
    "no_projects": ("尚未承接项目", "not yet used by a project"),
    "projects": ("已承接 {n} 个项目", "used by {n} project(s) already"),
}


def match_reasons(row: Mapping[str, Any], lang: str = "zh") -> list[str]:
    """A match's reasons (its `reason_codes`) as phrases in `lang` (zh or en)."""
    index = 1 if lang == "en" else 0
    projects = str(row.get("projects", 0))
    return [MATCH_REASON_WORDS[code][index].replace("{n}", projects) for code in row["reason_codes"]]


def area_gap_detail(members: int | None, parties: Sequence[str] | None, lang: str = "zh") -> str | None:
    """What a structural gap's row adds, in `lang` (zh or en): an alliance's number of members (成员 3),
    or an expiring contract's parties (甲、乙); None for the other kinds."""
    if members is not None:
        return f"members: {members}" if lang == "en" else f"成员 {members}"
    if parties is not None:
        return (", " if lang == "en" else "、").join(parties)
    return None
