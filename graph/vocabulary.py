"""The domain's fixed vocabularies as stored codes (English). Their words, Chinese and English, are in
i18n.vocabulary: graph/ speaks codes only."""

from __future__ import annotations

from enum import StrEnum


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
