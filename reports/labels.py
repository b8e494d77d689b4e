"""Chinese labels of stored codes, tolerant of codes outside the vocabulary."""

from __future__ import annotations

from enum import StrEnum

from graph.vocabulary import Category, OrgType, UnitKind, zh


def _label(vocabulary: type[StrEnum], code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return zh(vocabulary(code))
    except ValueError:
        return code


def unit_kind_label(code: str | None) -> str | None:
    """单位类型: 事业单位, 国有企业, …"""
    return _label(UnitKind, code)


def org_type_label(code: str | None) -> str | None:
    """党组织类型: 党委, 党支部, …"""
    return _label(OrgType, code)


def category_label(code: str | None) -> str | None:
    """需求/资源类别: 医疗健康, …"""
    return _label(Category, code)
