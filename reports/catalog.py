"""The columns of every report, defined once for the API's CSV/XLSX exports and the CLI's `--format csv`."""

from __future__ import annotations

from reports.columns import Cell, Column, Report

_ID = Column("id", "编号", "ID")
_DISTRICT = Column("district", "县(市)区", "District")
_STREET = Column("street", "街道", "Street")
_COMMUNITY = Column("community", "社区", "Community")

UNIT_GAPS = Report(
    (
        _ID,
        Column("name", "单位名称", "Unit"),
        Column("kind_label", "单位类型", "Unit kind"),
        _DISTRICT,
        _STREET,
        _COMMUNITY,
        Column("links_label", "已有联系", "Links it has"),
        Column("partners_label", "建议结对", "Suggested partners"),
    )
)

AREA_GAPS = Report(
    (
        Column("kind_label", "问题", "Gap"),
        _ID,
        Column("name", "名称", "Name"),
        _DISTRICT,
        _STREET,
        _COMMUNITY,
        Column("detail", "说明", "Detail"),
        Column("expires", "到期日", "Expires", Cell.DATE),
    )
)

MATCHES = Report(
    (
        Column("score", "推荐分", "Score", Cell.INTEGER),
        Column("need_title", "需求", "Need"),
        Column("category_label", "类别", "Category"),
        Column("raiser_name", "提出方", "Raised by"),
        Column("need_community", "需求所在社区", "Need's community"),
        Column("resource_title", "资源", "Resource"),
        Column("provider_name", "提供单位", "Provider"),
        Column("provider_kind_label", "单位类型", "Provider kind"),
        Column("provider_community", "提供单位所在社区", "Provider's community"),
        Column("projects", "已承接项目数", "Projects using it", Cell.INTEGER),
        Column("reasons", "推荐理由", "Reasons"),
    )
)

#: The claim hall (认领大厅): open needs and offered resources ranked for the viewer (graph/hall.py).
CLAIM_HALL = Report(
    (
        Column("score", "推荐分", "Score", Cell.INTEGER),
        Column("kind_label", "类型", "Kind"),
        _ID,
        Column("title", "内容", "Item"),
        Column("category_label", "类别", "Category"),
        Column("owner_name", "提出方/提供方", "Raised or offered by"),
        Column("place", "所在区域", "Where"),
        Column("pending", "待审认领", "Pending claims", Cell.INTEGER),
        Column("match_name", "最佳匹配", "Best match"),
        Column("reasons", "推荐理由", "Reasons"),
    )
)

STATS = Report(
    (
        Column("area_id", "区域编号", "Area ID"),
        Column("area_name", "区域", "Area"),
        Column("units", "驻区单位", "Resident units", Cell.INTEGER),
        Column("party_orgs", "党组织", "Party organizations", Cell.INTEGER),
        Column("alliances", "党建联盟", "Alliances", Cell.INTEGER),
        Column("alliance_members", "联盟成员", "Alliance members", Cell.INTEGER),
        Column("big_committees", "社区大党委", "Big committees", Cell.INTEGER),
        Column("current_seats", "在任兼职委员", "Part-time members in office", Cell.INTEGER),
        Column("active_contracts", "履行中共建协议", "Contracts in force", Cell.INTEGER),
        Column("share_contract", "协议覆盖率", "Contract coverage", Cell.PERCENT),
        Column("share_alliance", "联盟覆盖率", "Alliance coverage", Cell.PERCENT),
        Column("share_committee", "大党委覆盖率", "Big committee coverage", Cell.PERCENT),
        Column("share_any", "有任一联系", "With any link", Cell.PERCENT),
        Column("joint_meeting_streets", "建立联席会议的街道", "Streets with joint meetings", Cell.INTEGER),
        Column(
            "joint_meeting_communities", "建立联席会议的社区", "Communities with joint meetings", Cell.INTEGER
        ),
        Column("branches", "党支部", "Party branches", Cell.INTEGER),
        Column("party_members", "党员", "Party members", Cell.INTEGER),
    )
)

ALLIANCE_MEMBERS = Report(
    (
        _ID,
        Column("name", "成员名称", "Member"),
        Column("type_label", "成员类别", "Member type"),
        Column("unit_name", "所属单位", "Unit"),
        Column("unit_kind_label", "单位类型", "Unit kind"),
        Column("role", "角色", "Role"),
        Column("joined", "加入日期", "Joined", Cell.DATE),
    )
)

COMMITTEE_SEATS = Report(
    (
        Column("title", "职务", "Title"),
        Column("person", "姓名", "Name"),
        Column("phone", "电话", "Phone"),
        Column("unit_name", "工作单位", "Works at"),
        Column("start", "任期开始", "Term starts", Cell.DATE),
        Column("end", "任期结束", "Term ends", Cell.DATE),
        Column("current_label", "在任", "In office"),
    )
)

SEARCH_HITS = Report(
    (
        _ID,
        Column("name", "名称", "Name"),
        Column("type", "类型", "Type"),
        Column("match", "匹配", "Match"),
        Column("area", "所在区域", "Area"),
    )
)

PATH_STEPS = Report(
    (
        Column("path", "路径", "Path", Cell.INTEGER),
        Column("step", "步", "Step", Cell.INTEGER),
        Column("tie", "关系", "Tie"),
        _ID,
        Column("name", "名称", "Name"),
        Column("type", "类型", "Type"),
    )
)

#: One row per item behind a warning rule (graph/warnings.py), filled by reports/warnings.py.
WARNINGS = Report(
    (
        Column("rule_label", "预警规则", "Rule"),
        Column("level_label", "等级", "Level"),
        _ID,
        Column("name", "名称", "Name"),
        Column("detail", "说明", "Detail"),
        Column("area_label", "所属区域", "Area"),
        Column("since", "日期", "Date", Cell.DATE),
        Column("days", "天数", "Days", Cell.INTEGER),
    )
)

#: The projects of an area with their ratings (服务评价), one row each (graph/lifecycle.py).
PROJECTS = Report(
    (
        _ID,
        Column("title", "项目名称", "Project"),
        Column("status_label", "状态", "State"),
        Column("contract", "协议编号", "Contract ID"),
        Column("contract_title", "所属协议", "Contract"),
        Column("need_title", "对应需求", "Need"),
        Column("raiser_name", "需求提出方", "Raised by"),
        Column("resource_title", "使用资源", "Resource"),
        Column("provider_name", "承接方", "Provider"),
        Column("start", "开始日期", "Start", Cell.DATE),
        Column("end", "结束日期", "End", Cell.DATE),
        Column("done_on", "完成日期", "Done on", Cell.DATE),
        Column("rating", "评分", "Rating", Cell.INTEGER),
        Column("comment", "服务评价", "Comment"),
        Column("rated_on", "评价日期", "Rated on", Cell.DATE),
    )
)
