"""The words of the workbench pages (gaps, structural gaps, matches), Chinese first, and English.

The pages carry both languages in their data island; their script shows the one chosen with the
explorer's language switch (kept in the browser as `orglinks.lang`).
"""

from __future__ import annotations

from graph.vocabulary import Category, UnitKind, zh
from i18n.matches import reason_strings

_PAGES: dict[str, tuple[str, str]] = {
    "app": ("区域化党建组织联系图谱", "Regional party-building links"),
    "language": ("English", "中文"),
    "logout": ("退出登录", "Log out"),
    "home": ("首页", "Home"),
    "title_gaps": ("{area} · 缺少联系的单位", "{area} · units lacking links"),
    "title_area_gaps": ("{area} · 结构性缺口", "{area} · structural gaps"),
    "title_matches": ("{area} · 需求与资源匹配", "{area} · needs and resources"),
    "all_areas": ("全部区域", "all areas"),
    "nav_area": ("区域网络", "Area network"),
    "nav_gaps": ("缺少联系的单位", "Units lacking links"),
    "nav_area_gaps": ("结构性缺口", "Structural gaps"),
    "nav_matches": ("需求匹配", "Needs and resources"),
    "as_of": ("日期", "As of"),
    "all": ("全部", "All"),
    "apply": ("查询", "Apply"),
    "loading": ("加载中…", "Loading…"),
    "error": ("出错了", "Something went wrong"),
    "no_rows": ("没有符合条件的记录。", "Nothing matches."),
    "page_of": ("第 {page} / {pages} 页 · 共 {total} 条", "page {page} of {pages} · {total} rows"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "export_xlsx": ("导出 Excel（按当前筛选）", "Export to Excel (this filter)"),
    "export_csv": ("导出 CSV（按当前筛选）", "Export to CSV (this filter)"),
    "by": ("缺少的联系", "Lacking"),
    "by_contract": ("无共建协议", "no co-building contract"),
    "by_alliance": ("未加入党建联盟", "not in an alliance"),
    "by_committee": ("无大党委兼职委员", "no seat on a big committee"),
    "by_any": ("三项均无（孤立单位）", "none of the three (isolated)"),
    "unit_kind": ("单位类型", "Unit kind"),
    "find": ("查找", "Find"),
    "find_placeholder": ("名称或编号", "name or id"),
    "sort": ("排序", "Sort by"),
    "sort_id": ("编号", "id"),
    "sort_name": ("名称", "name"),
    "sort_kind": ("单位类型", "kind"),
    "desc": ("倒序", "descending"),
    "col_id": ("编号", "Id"),
    "col_name": ("单位名称", "Unit"),
    "col_kind": ("单位类型", "Kind"),
    "col_street": ("街道", "Street"),
    "col_community": ("社区", "Community"),
    "col_links": ("已有联系", "Links it has"),
    "col_partners": ("建议结对", "Suggested partners"),
    "links_none": ("无", "none"),
    "link_contract": ("共建协议", "contract"),
    "link_alliance": ("党建联盟", "alliance"),
    "link_committee": ("社区大党委", "big committee"),
    "network": ("区域网络", "The area's network"),
    "network_hint": (
        "单击表格中的单位，在网络中定位并高亮。",
        "Click a unit in the table to find it in the network.",
    ),
    "network_folded": (
        "区域过大，网络已按社区聚合，单位无法在图上定位；请打开一个街道或社区。",
        "The area is too large: its network is folded by community, so units cannot be shown; open a "
        "street or a community.",
    ),
    "network_none": ("选择一个区域后显示其网络。", "Choose an area to see its network."),
    "not_in_network": ("该单位不在当前网络中。", "This unit is not in the network shown."),
    "within_days": ("协议到期提醒（天）", "Contracts expiring within (days)"),
    "gap_kind": ("问题", "Problem"),
    "count_total": ("合计", "Total"),
    "col_problem": ("问题", "Problem"),
    "col_area_name": ("名称", "Name"),
    "col_district": ("县(市)区", "District"),
    "col_detail": ("说明", "Detail"),
    "col_expires": ("到期日", "Expires"),
    "category": ("类别", "Category"),
    "col_need": ("需求", "Need"),
    "col_raiser": ("提出方", "Raised by"),
    "col_provider": ("提供单位", "Provider"),
    "col_resource": ("资源", "Resource"),
    "col_reasons": ("推荐理由", "Why"),
    "col_score": ("推荐分", "Score"),
    "path_link": ("查看联系路径", "See how they are connected"),
    "other_street": ("外街道", "other street"),
    "matches_hint": (
        "每项需求列出最合适的提供单位：先同社区、再同街道；本街道无可匹配资源时才列出其他街道的单位。",
        "Each need lists its best providers: same community first, then same street; providers from "
        "another street only when nothing nearer fits.",
    ),
}

_GAP_KINDS: dict[str, tuple[str, str]] = {
    "street_without_alliance": ("街道未建党建联盟", "street without an alliance"),
    "community_without_big_committee": (
        "社区无大党委（无在任兼职委员）",
        "community without a big committee (no part-time member in office)",
    ),
    "community_without_contract": ("社区无履行中的共建协议", "community without a contract in force"),
    "grid_without_branch": ("网格未建党支部", "grid without a party branch"),
    "alliance_without_contract": (
        "联盟成员均无履行中的共建协议",
        "alliance whose members hold no contract in force",
    ),
    "contract_expiring": ("共建协议即将到期", "contract expiring"),
}

_UNIT_KINDS_EN = {
    UnitKind.AGENCY: "agency",
    UnitKind.INSTITUTION: "public institution",
    UnitKind.SOE: "state-owned enterprise",
    UnitKind.PRIVATE: "private enterprise",
    UnitKind.SOCIAL: "social organization",
    UnitKind.PROPERTY: "property manager",
    UnitKind.OWNERS: "owners' committee",
    UnitKind.POLICE: "police",
    UnitKind.OTHER: "other",
}

_CATEGORIES_EN = {
    Category.HEALTH: "health",
    Category.EDUCATION: "education",
    Category.EMPLOYMENT: "employment",
    Category.LEGAL: "legal services",
    Category.CULTURE: "culture and sports",
    Category.ENVIRONMENT: "environment",
    Category.SAFETY: "public safety",
    Category.ELDERLY: "elderly and disabled care",
    Category.FACILITIES: "facilities upkeep",
    Category.ASSISTANCE: "hardship assistance",
    Category.OTHER: "other",
}


def workbench_strings() -> dict[str, dict[str, str]]:
    """Every word of the workbench pages: {"zh": {key: text}, "en": {key: text}}; unit kinds as
    `kind_<code>`, categories as `cat_<code>`, structural gap kinds as `gap_<code>`, match reasons as
    `reason_<code>`."""
    out: dict[str, dict[str, str]] = {"zh": {}, "en": {}}
    for key, (zh_text, en_text) in _PAGES.items():
        out["zh"][key], out["en"][key] = zh_text, en_text
    for code, (zh_text, en_text) in _GAP_KINDS.items():
        out["zh"]["gap_" + code], out["en"]["gap_" + code] = zh_text, en_text
    for kind, en_text in _UNIT_KINDS_EN.items():
        out["zh"]["kind_" + kind.value], out["en"]["kind_" + kind.value] = zh(kind), en_text
    for category, en_text in _CATEGORIES_EN.items():
        out["zh"]["cat_" + category.value], out["en"]["cat_" + category.value] = zh(category), en_text
    for lang, reasons in reason_strings().items():
        for code, text in reasons.items():
            out[lang]["reason_" + code] = text
    return out


UNIT_KINDS = [kind.value for kind in UnitKind]
CATEGORIES = [category.value for category in Category]
GAP_KINDS = list(_GAP_KINDS)
