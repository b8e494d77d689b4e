"""Words for the stored codes of graph.vocabulary: the Chinese words ledgers use for each code (the first
is the label shown to users), and one English word. Loaders read Chinese words with `parse`; the API, the
pages, the exports and the CLI label codes with `zh` / `en` (or the tolerant `*_label` helpers)."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar

from graph.schema import Label
from graph.vocabulary import (
    AreaLevel,
    Category,
    ContractStatus,
    NeedStatus,
    OrgType,
    ProjectStatus,
    UnitKind,
)

E = TypeVar("E", bound=StrEnum)

#: Chinese words accepted for each code; the first is the label shown to users.
ZH: dict[StrEnum, tuple[str, ...]] = {
    AreaLevel.CITY: ("市",),
    AreaLevel.DISTRICT: ("县(市)区", "区", "县", "县区", "县（市）区", "县市区"),
    AreaLevel.STREET: ("街道", "乡镇", "镇", "乡"),
    AreaLevel.COMMUNITY: ("社区", "村"),
    AreaLevel.GRID: ("网格",),
    UnitKind.AGENCY: ("机关",),
    UnitKind.INSTITUTION: ("事业单位",),
    UnitKind.SOE: ("国有企业", "国企"),
    UnitKind.PRIVATE: ("非公企业", "民营企业"),
    UnitKind.SOCIAL: ("社会组织",),
    UnitKind.PROPERTY: ("物业公司", "物业"),
    UnitKind.OWNERS: ("业委会", "业主委员会"),
    UnitKind.POLICE: ("公安", "派出所"),
    UnitKind.OTHER: ("其他",),
    OrgType.COMMITTEE: ("党委",),
    OrgType.WORKING_COMMITTEE: ("党工委",),
    OrgType.GENERAL_BRANCH: ("党总支",),
    OrgType.BRANCH: ("党支部",),
    OrgType.GROUP: ("党小组",),
    ContractStatus.ACTIVE: ("履行中",),
    ContractStatus.EXPIRED: ("已到期",),
    ContractStatus.TERMINATED: ("已终止",),
    ContractStatus.DRAFT: ("拟签",),
    NeedStatus.OPEN: ("待认领",),
    NeedStatus.CLAIMED: ("已认领",),
    NeedStatus.DONE: ("已完成",),
    ProjectStatus.PLANNED: ("计划",),
    ProjectStatus.ONGOING: ("进行中",),
    ProjectStatus.DONE: ("已完成",),
    ProjectStatus.CANCELLED: ("已取消",),
    Category.HEALTH: ("医疗健康",),
    Category.EDUCATION: ("教育培训",),
    Category.EMPLOYMENT: ("就业创业",),
    Category.LEGAL: ("法律服务",),
    Category.CULTURE: ("文体活动",),
    Category.ENVIRONMENT: ("环境整治",),
    Category.SAFETY: ("平安建设",),
    Category.ELDERLY: ("养老助残",),
    Category.FACILITIES: ("设施维护",),
    Category.ASSISTANCE: ("困难帮扶",),
    Category.OTHER: ("其他",),
}


#: The English word of each code, for the English mode of the pages and the exports.
EN: dict[StrEnum, str] = {
    AreaLevel.CITY: "city",
    AreaLevel.DISTRICT: "district",
    AreaLevel.STREET: "street",
    AreaLevel.COMMUNITY: "community",
    AreaLevel.GRID: "grid",
    UnitKind.AGENCY: "government agency",
    UnitKind.INSTITUTION: "public institution",
    UnitKind.SOE: "state-owned enterprise",
    UnitKind.PRIVATE: "private enterprise",
    UnitKind.SOCIAL: "social organization",
    UnitKind.PROPERTY: "property manager",
    UnitKind.OWNERS: "owners' committee",
    UnitKind.POLICE: "police",
    UnitKind.OTHER: "other",
    OrgType.COMMITTEE: "party committee",
    OrgType.WORKING_COMMITTEE: "working committee",
    OrgType.GENERAL_BRANCH: "general branch",
    OrgType.BRANCH: "party branch",
    OrgType.GROUP: "party group",
    ContractStatus.ACTIVE: "in force",
    ContractStatus.EXPIRED: "expired",
    ContractStatus.TERMINATED: "terminated",
    ContractStatus.DRAFT: "draft",
    NeedStatus.OPEN: "open",
    NeedStatus.CLAIMED: "claimed",
    NeedStatus.DONE: "done",
    ProjectStatus.PLANNED: "planned",
    ProjectStatus.ONGOING: "ongoing",
    ProjectStatus.DONE: "done",
    ProjectStatus.CANCELLED: "cancelled",
    Category.HEALTH: "health",
    Category.EDUCATION: "education and training",
    Category.EMPLOYMENT: "employment",
    Category.LEGAL: "legal services",
    Category.CULTURE: "culture and sports",
    Category.ENVIRONMENT: "environment",
    Category.SAFETY: "public safety",
    Category.ELDERLY: "elderly and disabled care",
    Category.FACILITIES: "facility upkeep",
    Category.ASSISTANCE: "hardship assistance",
    Category.OTHER: "other",
}


def zh(code: StrEnum) -> str:
    """The Chinese label of a code."""
    return ZH[code][0]


def en(code: StrEnum) -> str:
    """The English word of a code."""
    return EN[code]


def parse(vocabulary: type[E], text: str) -> E | None:
    """The code that an English code or a Chinese word stands for, or None if it is not one."""
    word = text.strip()
    codes, words = _lookup(vocabulary)
    return codes.get(word.lower()) or words.get(word)


@cache
def _lookup(vocabulary: type[E]) -> tuple[dict[str, E], dict[str, E]]:
    """A vocabulary's codes and its Chinese words, each mapped to its member (parse runs per cell)."""
    codes = {member.value: member for member in vocabulary}
    words = {word: member for member in reversed(vocabulary) for word in ZH[member]}
    return codes, words


def label(vocabulary: type[StrEnum], code: str | None) -> str | None:
    """The Chinese label of a stored code; a code outside the vocabulary is shown as it is."""
    if code is None:
        return None
    try:
        return zh(vocabulary(code))
    except ValueError:
        return code


def unit_kind_label(code: str | None) -> str | None:
    """单位类型: 事业单位, 国有企业, …"""
    return label(UnitKind, code)


def org_type_label(code: str | None) -> str | None:
    """党组织类型: 党委, 党支部, …"""
    return label(OrgType, code)


def category_label(code: str | None) -> str | None:
    """需求/资源类别: 医疗健康, …"""
    return label(Category, code)


def contract_status_label(code: str | None) -> str | None:
    """协议状态: 履行中, 已到期, …"""
    return label(ContractStatus, code)


def project_status_label(code: str | None) -> str | None:
    """项目状态: 计划, 进行中, 已完成, …"""
    return label(ProjectStatus, code)


#: The name shown for "every area" when a list covers the whole database.
EVERYWHERE = "全部"
#: A yes/no cell of an export.
YES, NO = "是", "否"


#: The kinds of a claim hall's items (graph/hall.py), in words: the export's 类型 column.
ITEM_KIND_WORDS = {"need": "需求", "resource": "资源"}


def item_kind_label(kind: str) -> str:
    """A claim hall item's 类型: 需求 or 资源 (another kind is shown as it is)."""
    return ITEM_KIND_WORDS.get(kind, kind)


def seat_state_label(current: bool) -> str:
    """在任 (in office) or 已离任 (term ended)."""
    return "在任" if current else "已离任"


def member_type_label(node_type: str, org_type: str | None) -> str:
    """An alliance member's 成员类别: 驻区单位 for a unit, else its party org type (党委, 党支部 …)."""
    if node_type == Label.UNIT:
        return "驻区单位"
    return org_type_label(org_type) or "党组织"
