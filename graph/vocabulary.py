"""The domain's fixed vocabularies: stored codes (English), Chinese labels, and the Chinese words
that ledgers use for them. Loaders parse with `parse`; the UI and exports label with `zh`."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class AreaLevel(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"


class UnitKind(StrEnum):
    AGENCY = "agency"
    INSTITUTION = "institution"
    SOE = "soe"
    PRIVATE = "private"
    SOCIAL = "social"
    PROPERTY = "property"
    OWNERS = "owners"
    POLICE = "police"
    OTHER = "other"


class OrgType(StrEnum):
    COMMITTEE = "committee"
    WORKING_COMMITTEE = "working_committee"
    GENERAL_BRANCH = "general_branch"
    BRANCH = "branch"
    GROUP = "group"


class ContractStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    DRAFT = "draft"


class NeedStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    DONE = "done"


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"


class Category(StrEnum):
    HEALTH = "health"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    LEGAL = "legal"
    CULTURE = "culture"
    ENVIRONMENT = "environment"
    SAFETY = "safety"
    ELDERLY = "elderly"
    FACILITIES = "facilities"
    ASSISTANCE = "assistance"
    OTHER = "other"


#: Area levels from the top; a parent is exactly one level up.
LEVEL_ORDER: tuple[AreaLevel, ...] = tuple(AreaLevel)

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


def zh(code: StrEnum) -> str:
    """The Chinese label of a code."""
    return ZH[code][0]


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
