"""The words of a path: each path told as one sentence, in Chinese and in English, and the path page's
panel words. graph/paths.py returns the path (nodes, ties, the kind of each tie, its tier); this module
only reads it."""

from __future__ import annotations

from graph.graphview import GraphEdge, GraphNode
from graph.paths import PathsAnswer, PathView
from graph.schema import Label, Rel
from graph.ties import TieKind, Tier
from graph.vocabulary import ContractStatus
from i18n.vocabulary import ZH

Lang = str  # "zh" or "en"

#: One tie told on its own, in its stored direction: {s} its start node, {t} its end node.
_TIE: dict[Rel, tuple[str, str]] = {
    Rel.PART_OF: ("{s}属于{t}", "{s} is part of {t}"),
    Rel.LOCATED_IN: ("{s}位于{t}", "{s} is located in {t}"),
    Rel.BASED_IN: ("{s}设在{t}", "{s} is based in {t}"),
    Rel.HOSTED_BY: ("{s}由{t}主办", "{s} is hosted by {t}"),
    Rel.REPORTS_TO: ("{s}隶属于{t}", "{s} reports to {t}"),
    Rel.BELONGS_TO: ("{s}是{t}的党组织", "{s} is the party organization of {t}"),
    Rel.LEADS: ("{s}牵头{t}", "{s} leads {t}"),
    Rel.MEMBER_OF: ("{s}是{t}成员", "{s} is a member of {t}"),
    Rel.WORKS_AT: ("{s}在{t}工作", "{s} works at {t}"),
    Rel.SEATED_ON: ("{s}任{t}{title}{term}", "{s} sits on {t}{title}{term}"),
    Rel.PARTY_TO: ("{s}是{t}的签约方{status}", "{s} is a party to {t}{status}"),
    Rel.RAISED_BY: ("{t}提出需求{s}", "{t} raised the need {s}"),
    Rel.OFFERED_BY: ("{t}提供资源{s}", "{t} offers the resource {s}"),
    Rel.UNDER: ("项目{s}属于{t}", "the project {s} is under {t}"),
    Rel.MEETS: ("项目{s}满足需求{t}", "the project {s} meets the need {t}"),
    Rel.USES: ("项目{s}使用资源{t}", "the project {s} uses the resource {t}"),
    Rel.DELIVERED_BY: ("{t}承接项目{s}", "{t} delivers the project {s}"),
}

_CONTRACT_BETWEEN = ("{a}与{b}签订{c}{status}", "{a} and {b} signed {c}{status}")
_ALLIANCE_BETWEEN = ("{a}（{ra}）与{b}（{rb}）同在{c}", "{a} ({ra}) and {b} ({rb}) are both in {c}")
_SEAT_OF_UNIT = ("{u}的{p}任{o}{title}{term}", "{p} of {u} sits on {o}{title}{term}")
_ROLE = {Rel.LEADS: ("牵头", "leader"), Rel.MEMBER_OF: ("成员", "member")}
_GEOGRAPHY = ("【地理关系】", "[Geography] ")
_JOIN = ("；", "; ")
_STOP = ("。", ".")

#: The path page's own words (the panel beside the picture).
WORDS: dict[Lang, dict[str, str]] = {
    "zh": {
        "paths_heading": "联系路径",
        "paths_title": "{from} → {to} 的联系路径",
        "paths_controls": "查找条件",
        "paths_kinds": "联系类型",
        "paths_k": "最多条数",
        "paths_as_of": "截至日期",
        "paths_inactive": "包括已到期合同、已卸任席位（排在后面）",
        "paths_geography": "地理关系（仅当没有其他联系时）",
        "paths_submit": "查找",
        "paths_none": "两者之间没有符合条件的联系路径。",
        "paths_links": "查看：",
        "kind_contract": "共建协议",
        "kind_committee": "大党委席位",
        "kind_alliance": "党建联盟",
        "kind_project": "项目、需求与资源",
        "kind_hierarchy": "党组织隶属关系",
        "kind_geography": "地理关系",
        "tier_cobuilding": "共建联系（有效）",
        "tier_hierarchy": "经党组织隶属关系",
        "tier_inactive": "含已到期或已卸任的联系",
        "tier_geography": "仅地理关系",
        "link_contract": "协议",
        "link_alliance": "联盟",
        "link_committee": "大党委",
    },
    "en": {
        "paths_heading": "Connections",
        "paths_title": "Paths from {from} to {to}",
        "paths_controls": "Search",
        "paths_kinds": "Kinds of tie",
        "paths_k": "At most",
        "paths_as_of": "As of",
        "paths_inactive": "Include expired contracts and ended seats (ranked last)",
        "paths_geography": "Geography (only when nothing else connects)",
        "paths_submit": "Find",
        "paths_none": "No path of the chosen kinds connects the two.",
        "paths_links": "Open: ",
        "kind_contract": "Co-building contract",
        "kind_committee": "Big-committee seat",
        "kind_alliance": "Alliance",
        "kind_project": "Projects, needs and resources",
        "kind_hierarchy": "Party-org hierarchy",
        "kind_geography": "Geography",
        "tier_cobuilding": "Co-building ties in force",
        "tier_hierarchy": "Through the party-org hierarchy",
        "tier_inactive": "With expired or ended ties",
        "tier_geography": "Geography only",
        "link_contract": "Contract",
        "link_alliance": "Alliance",
        "link_committee": "Big committee",
    },
}


def sentences(path: PathView) -> dict[Lang, str]:
    """The path told as one sentence in each language, e.g. 市三院党委是市三院的党组织；市三院党委与佴家湾社区
    党委签订《…共建协议》（履行中，至 2026-12-31）；佴家湾社区党委设在佴家湾社区。"""
    return {"zh": _sentence(path, 0), "en": _sentence(path, 1)}


def told(answer: PathsAnswer, lang: Lang = "zh") -> list[str]:
    """The paths as the path page tells them, line by line: the title (the ends' names), then each path
    numbered, its tier in brackets and its sentence; the page's "none" line when there is no path."""
    words = WORDS["en" if lang == "en" else "zh"]
    title = words["paths_title"].replace("{from}", answer.source.label).replace("{to}", answer.target.label)
    if not answer.paths:
        return [title, words["paths_none"]]
    index = 1 if lang == "en" else 0
    bracket = "[{}] " if lang == "en" else "【{}】"
    return [title] + [
        f"{number}. " + bracket.format(words["tier_" + path.tier.value]) + _sentence(path, index)
        for number, path in enumerate(answer.paths, start=1)
    ]


def _sentence(path: PathView, lang: int) -> str:
    clauses: list[str] = []
    i = 0
    while i < path.length:
        combined = _combined(path, i, lang)
        if combined is not None:
            clauses.append(combined)
            i += 2
        else:
            clauses.append(_single(path.edges[i], _names(path), lang))
            i += 1
    text = _JOIN[lang].join(clauses) + _STOP[lang]
    return (_GEOGRAPHY[lang] + text) if path.tier is Tier.GEOGRAPHY else text


def _names(path: PathView) -> dict[str, GraphNode]:
    return {n.id: n for n in path.nodes}


def _combined(path: PathView, i: int, lang: int) -> str | None:
    """Two ties through a contract, an alliance or a person, told as one clause; None otherwise."""
    if i + 1 >= path.length or path.hop_kinds[i] is None or path.hop_kinds[i + 1] is None:
        return None
    a, middle, b = path.nodes[i], path.nodes[i + 1], path.nodes[i + 2]
    first, second = path.edges[i], path.edges[i + 1]
    types = (first.type, second.type)
    if middle.type == Label.CONTRACT and types == (Rel.PARTY_TO, Rel.PARTY_TO):
        return _CONTRACT_BETWEEN[lang].format(
            a=_name(a, lang), b=_name(b, lang), c=_name(middle, lang), status=_contract_status(middle, lang)
        )
    if middle.type == Label.ALLIANCE and set(types) <= set(_ROLE):
        return _ALLIANCE_BETWEEN[lang].format(
            a=_name(a, lang),
            b=_name(b, lang),
            c=_name(middle, lang),
            ra=_ROLE[Rel(first.type)][lang],
            rb=_ROLE[Rel(second.type)][lang],
        )
    if middle.type == Label.PERSON and set(types) == {Rel.WORKS_AT, Rel.SEATED_ON}:
        unit, org, seat = (a, b, second) if first.type == Rel.WORKS_AT else (b, a, first)
        return _SEAT_OF_UNIT[lang].format(
            u=_name(unit, lang),
            p=_name(middle, lang),
            o=_name(org, lang),
            title=_seat_title(seat, lang),
            term=_seat_term(seat, lang),
        )
    return None


def _single(edge: GraphEdge, nodes: dict[str, GraphNode], lang: int) -> str:
    source, target = nodes[edge.source], nodes[edge.target]
    template = _TIE[Rel(edge.type)][lang]
    return template.format(
        s=_name(source, lang),
        t=_name(target, lang),
        title=_seat_title(edge, lang),
        term=_seat_term(edge, lang),
        status=_contract_status(target, lang),
    )


def _name(node: GraphNode, lang: int) -> str:
    if node.type == Label.CONTRACT:
        return f"《{node.label}》" if lang == 0 else f"“{node.label}”"
    if node.type in (Label.NEED, Label.RESOURCE, Label.PROJECT):
        return f"「{node.label}」" if lang == 0 else f"“{node.label}”"
    return node.label


def _contract_status(contract: GraphNode, lang: int) -> str:
    """履行中，至 2026-12-31 / not in force: 已到期 …; empty for anything but a contract."""
    if contract.type != Label.CONTRACT:
        return ""
    props = contract.properties
    until = props.get("expires")
    if props.get("in_force"):
        if lang == 0:
            return f"（履行中，至 {until}）" if until else "（履行中）"
        return f" (in force, until {until})" if until else " (in force)"
    status = str(props.get("status") or "")
    word = _status_word(status, lang)
    if lang == 0:
        return f"（不在履行期：{word}，至 {until}）" if until else f"（不在履行期：{word}）"
    return f" (not in force: {word}, until {until})" if until else f" (not in force: {word})"


def _status_word(status: str, lang: int) -> str:
    try:
        code = ContractStatus(status)
    except ValueError:
        return status or ("未知" if lang == 0 else "unknown")
    return ZH[code][0] if lang == 0 else code.value


def _seat_title(seat: GraphEdge, lang: int) -> str:
    if seat.type != Rel.SEATED_ON:
        return ""
    title = seat.properties.get("title")
    if not title:
        return "委员" if lang == 0 else ""
    return str(title) if lang == 0 else f" as {title}"


def _seat_term(seat: GraphEdge, lang: int) -> str:
    if seat.type != Rel.SEATED_ON:
        return ""
    start, end = seat.properties.get("start", ""), seat.properties.get("end")
    span = f"{start} 至 {end}" if lang == 0 and end else f"{start} 起" if lang == 0 else ""
    if lang == 1:
        span = f"{start} to {end}" if end else f"from {start}"
    if seat.properties.get("in_term") is False:
        return f"（已卸任，任期 {span}）" if lang == 0 else f" (term ended: {span})"
    return f"（任期 {span}）" if lang == 0 else f" (term {span})"


def tier_word(tier: Tier, lang: Lang) -> str:
    """The name of a tier."""
    return WORDS[lang][f"tier_{tier.value}"]


def kind_word(kind: TieKind, lang: Lang) -> str:
    """The name of a kind of tie."""
    return WORDS[lang][f"kind_{kind.value}"]
