"""The rows of the gap and match reports: a service's typed result with the display words its columns
read (reports/catalog.py), the same for the API's JSON and files and for the CLI."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from graph.gaps import AreaGap, UnitGap
from graph.matches import Match
from i18n.reasons import area_gap_detail, area_gap_zh, link_zh, match_reasons
from i18n.vocabulary import category_label, unit_kind_label


def unit_gap_row(gap: UnitGap) -> dict[str, Any]:
    """A unit lacking links, with its kind, links and suggested partners in words."""
    return {
        **asdict(gap),
        "kind_label": unit_kind_label(gap.kind),
        "links_label": [link_zh(k) for k in gap.links],
        "partners_label": [f"{p.name}（{p.need_title}）" for p in gap.suggested_partners],
    }


def area_gap_row(gap: AreaGap) -> dict[str, Any]:
    """A structural gap, with its kind and detail in words (the detail in Chinese and English)."""
    return {
        **asdict(gap),
        "kind_label": area_gap_zh(gap.kind),
        "detail": area_gap_detail(gap.members, gap.parties),
        "detail_en": area_gap_detail(gap.members, gap.parties, "en"),
        "expires": gap.expires.isoformat() if gap.expires else None,
    }


def match_row(match: Match) -> dict[str, Any]:
    """A match, with its category, the provider's kind and its reasons in words."""
    row = asdict(match)
    row["category_label"] = category_label(match.category)
    row["provider_kind_label"] = unit_kind_label(match.provider_kind)
    row["reasons"] = match_reasons(row)
    row["reasons_en"] = match_reasons(row, "en")
    return row
