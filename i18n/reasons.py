"""Words for the codes of the gap and match answers: the kinds of co-building link, the kinds of
structural gap, and why a match ranks where it does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.queries.gaps import AreaGapKind, LinkKind
from graph.queries.matches import MAX_TIE_DISTANCE

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


def match_reasons(row: Mapping[str, Any]) -> list[str]:
    """Why a match ranks where it does, one short bilingual phrase per factor of its score."""
    out: list[str] = []
    if row["same_community"]:
        out.append("同一社区 same community")
    elif row["same_street"]:
        out.append("同一街道 same street")
    else:
        out.append("同一区县 same district")
    if row["provider_has_contract"]:
        out.append("提供方已有履行中的共建协议 provider already has an active contract")
    else:
        out.append("提供方尚无履行中的共建协议 provider has no active contract")
    distance = row["tie_distance"]
    if distance is None:
        out.append(f"{MAX_TIE_DISTANCE}步内无组织联系 no organizational tie within {MAX_TIE_DISTANCE} hops")
    else:
        out.append(f"组织联系距离 {distance} 步 organizational tie distance {distance}")
    return out
