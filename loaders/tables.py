"""The data contract as data: each ledger table, its columns (English and Chinese names), and how a
row maps onto the graph (the node it becomes and the relationships its reference columns draw)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from graph.schema import RELATIONSHIP_KEYS, Label, Rel
from graph.vocabulary import (
    AreaLevel,
    Category,
    ContractStatus,
    NeedStatus,
    OrgType,
    ProjectStatus,
    UnitKind,
)
from loaders.values import clean

Kind = Literal["id", "text", "int", "date", "bool", "enum", "list", "uscc", "ref", "refs"]
PARTIES: tuple[Label, ...] = (Label.PARTY_ORG, Label.UNIT)
OWNERS: tuple[Label, ...] = (Label.AREA, Label.PARTY_ORG, Label.UNIT)


@dataclass(frozen=True)
class Column:
    """One column: its names, its value kind, and where its value goes.

    `prop` is the node or relationship property it fills (None for a pure reference). For a reference
    (`ref`/`refs`), `rel` is the relationship it draws, `targets` the labels it may point at, and
    `outgoing` says whether the relationship starts at this row's node (True) or ends there.
    """

    key: str
    zh: str
    kind: Kind = "text"
    required: bool = False
    prop: str | None = None
    vocab: type[StrEnum] | None = None
    default: str | None = None
    rel: Rel | None = None
    targets: tuple[Label, ...] = ()
    outgoing: bool = True
    levels: tuple[AreaLevel, ...] = ()  # a reference to an Area must be at one of these levels


@dataclass(frozen=True)
class Table:
    """One ledger table. A node table has a `label`; a link table (`link`) becomes one keyed
    relationship per row, from `link_src` to `link_dst`, whose id is made from the `link_key` columns."""

    key: str
    zh: str
    columns: tuple[Column, ...]
    label: Label | None = None
    link: Rel | None = None
    link_src: str = ""
    link_dst: str = ""
    aliases: tuple[str, ...] = field(default=())

    @property
    def link_key(self) -> tuple[str, ...]:
        """The columns a link row's relationship id is made from, in the order of the schema's
        RELATIONSHIP_KEYS: the two ends' columns and the columns of the relationship's key properties."""
        if self.link is None:
            return ()
        ends = {"from": self.link_src, "to": self.link_dst}
        return tuple(
            ends.get(part) or next(c.key for c in self.columns if c.prop == part)
            for part in RELATIONSHIP_KEYS[self.link]
        )

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, self.zh, *self.aliases)


def _id() -> Column:
    return Column("id", "编号", "id", required=True)


def _name(zh: str = "名称") -> Column:
    return Column("name", zh, required=True, prop="name")


def _title(zh: str) -> Column:
    return Column("title", zh, required=True, prop="title")


AREAS = Table(
    "areas",
    "区域",
    (
        _id(),
        _name(),
        Column("level", "层级", "enum", required=True, prop="level", vocab=AreaLevel),
        Column("parent_id", "上级编号", "ref", rel=Rel.PART_OF, targets=(Label.AREA,)),
        # Whether the street or community holds a joint meeting system (党建联席会议).
        Column("joint_meeting", "联席会议", "bool", prop="joint_meeting"),
    ),
    label=Label.AREA,
)
UNITS = Table(
    "units",
    "单位",
    (
        _id(),
        _name(),
        Column("kind", "类型", "enum", required=True, prop="kind", vocab=UnitKind),
        Column("industry", "行业", prop="industry"),
        Column("address", "地址", prop="address"),
        Column("aliases", "别名", "list", prop="aliases"),
        Column(
            "area_id",
            "所在区域",
            "ref",
            required=True,
            rel=Rel.LOCATED_IN,
            targets=(Label.AREA,),
            levels=(AreaLevel.COMMUNITY, AreaLevel.STREET),
        ),
        Column("uscc", "统一社会信用代码", "uscc", prop="uscc"),
    ),
    label=Label.UNIT,
    aliases=("驻区单位",),
)
PARTY_ORGS = Table(
    "party_orgs",
    "党组织",
    (
        _id(),
        _name(),
        Column("type", "类型", "enum", required=True, prop="type", vocab=OrgType),
        Column("parent_id", "上级党组织", "ref", rel=Rel.REPORTS_TO, targets=(Label.PARTY_ORG,)),
        Column("members", "党员数", "int", prop="members"),
        Column("unit_id", "所在单位", "ref", rel=Rel.BELONGS_TO, targets=(Label.UNIT,)),
        Column("area_id", "所在区域", "ref", rel=Rel.BASED_IN, targets=(Label.AREA,)),
    ),
    label=Label.PARTY_ORG,
)
ALLIANCES = Table(
    "alliances",
    "党建联盟",
    (
        _id(),
        _name(),
        Column(
            "street_id",
            "所在街道",
            "ref",
            required=True,
            rel=Rel.HOSTED_BY,
            targets=(Label.AREA,),
            levels=(AreaLevel.STREET,),
        ),
        Column("lead_org_id", "牵头党组织", "ref", rel=Rel.LEADS, targets=(Label.PARTY_ORG,), outgoing=False),
        Column("founded", "成立日期", "date", prop="founded"),
    ),
    label=Label.ALLIANCE,
)
ALLIANCE_MEMBERS = Table(
    "alliance_members",
    "联盟成员",
    (
        Column("alliance_id", "联盟编号", "ref", required=True, targets=(Label.ALLIANCE,)),
        Column("member_id", "成员编号", "ref", required=True, targets=PARTIES),
        Column("joined", "加入日期", "date", prop="joined"),
        Column("role", "角色", prop="role"),
    ),
    link=Rel.MEMBER_OF,
    link_src="member_id",
    link_dst="alliance_id",
)
PEOPLE = Table(
    "people",
    "人员",
    (
        _id(),
        _name("姓名"),
        Column("unit_id", "工作单位", "ref", rel=Rel.WORKS_AT, targets=(Label.UNIT,)),
        Column("title", "职务", prop="title"),
        Column("party_member", "是否党员", "bool", prop="party_member"),
        Column("phone", "联系电话", prop="phone"),
    ),
    label=Label.PERSON,
)
COMMITTEE_SEATS = Table(
    "committee_seats",
    "兼职委员",
    (
        Column("person_id", "人员编号", "ref", required=True, targets=(Label.PERSON,)),
        Column("org_id", "党组织编号", "ref", required=True, targets=(Label.PARTY_ORG,)),
        Column("title", "职务", prop="title", default="兼职委员"),
        Column("start", "任职开始", "date", prop="start"),
        Column("end", "任职结束", "date", prop="end"),
    ),
    link=Rel.SEATED_ON,
    link_src="person_id",
    link_dst="org_id",
)
CONTRACTS = Table(
    "contracts",
    "共建协议",
    (
        _id(),
        _title("名称"),
        Column("signed", "签订日期", "date", prop="signed"),
        Column("expires", "到期日期", "date", prop="expires"),
        Column("parties", "签约方", "refs", required=True, rel=Rel.PARTY_TO, targets=PARTIES, outgoing=False),
        Column("status", "状态", "enum", prop="status", vocab=ContractStatus, default="active"),
    ),
    label=Label.CONTRACT,
)
NEEDS = Table(
    "needs",
    "需求清单",
    (
        _id(),
        Column("owner_id", "提出方", "ref", required=True, rel=Rel.RAISED_BY, targets=OWNERS),
        Column("category", "类别", "enum", required=True, prop="category", vocab=Category),
        _title("内容"),
        Column("status", "状态", "enum", prop="status", vocab=NeedStatus, default="open"),
    ),
    label=Label.NEED,
)
RESOURCES = Table(
    "resources",
    "资源清单",
    (
        _id(),
        Column("owner_id", "提供方", "ref", required=True, rel=Rel.OFFERED_BY, targets=OWNERS),
        Column("category", "类别", "enum", required=True, prop="category", vocab=Category),
        _title("内容"),
    ),
    label=Label.RESOURCE,
)
PROJECTS = Table(
    "projects",
    "项目清单",
    (
        _id(),
        _title("名称"),
        Column("contract_id", "所属协议", "ref", rel=Rel.UNDER, targets=(Label.CONTRACT,)),
        Column("need_id", "对应需求", "ref", rel=Rel.MEETS, targets=(Label.NEED,)),
        Column("resource_id", "使用资源", "ref", rel=Rel.USES, targets=(Label.RESOURCE,)),
        Column("provider_id", "承接方", "ref", rel=Rel.DELIVERED_BY, targets=PARTIES),
        Column("status", "状态", "enum", prop="status", vocab=ProjectStatus, default="planned"),
        Column("start", "开始日期", "date", prop="start"),
        Column("end", "结束日期", "date", prop="end"),
    ),
    label=Label.PROJECT,
)

#: Every table, in write order: a table's references point only at tables before it or at itself.
TABLES: tuple[Table, ...] = (
    AREAS,
    UNITS,
    PARTY_ORGS,
    ALLIANCES,
    ALLIANCE_MEMBERS,
    PEOPLE,
    COMMITTEE_SEATS,
    CONTRACTS,
    NEEDS,
    RESOURCES,
    PROJECTS,
)

#: Node labels whose name gets search keys (graph/search_keys.py).
NAMED_LABELS: tuple[Label, ...] = (Label.AREA, Label.UNIT, Label.PARTY_ORG, Label.ALLIANCE, Label.CONTRACT)

#: Sheets and files that a package may carry beside its tables (a template's instructions).
IGNORED_TABLE_NAMES: frozenset[str] = frozenset({"说明", "readme", "instructions"})


def _fold(text: str) -> str:
    return (clean(text) or "").lower()


_BY_NAME: dict[str, Table] = {_fold(name): table for table in TABLES for name in table.names}


def table_named(name: str) -> Table | None:
    """The table a file stem or sheet name stands for (English or Chinese), or None."""
    return _BY_NAME.get(_fold(name))


def column_named(table: Table, header: str) -> Column | None:
    """The column a header stands for (English or Chinese, any case, full-width folded), or None."""
    folded = _fold(header)
    return next((c for c in table.columns if folded in (c.key, _fold(c.zh))), None)
