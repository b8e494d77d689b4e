"""The rows of the reports: a service's typed result with the display words its columns read
(reports/catalog.py) and its dates as ISO text, the same for the API's JSON and files and for the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from graph.gaps import AreaGap, UnitGap
from graph.matches import Match
from graph.rosters import AllianceMember, CommitteeSeat
from graph.stats import Figures
from i18n.reasons import area_gap_detail, area_gap_zh, link_zh, match_reasons
from i18n.vocabulary import (
    category_label,
    member_type_label,
    org_type_label,
    seat_state_label,
    unit_kind_label,
)


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
        "expires": _day(gap.expires),
    }


def match_row(match: Match) -> dict[str, Any]:
    """A match, with its category, the provider's kind and its reasons in words."""
    row = asdict(match)
    row["category_label"] = category_label(match.category)
    row["provider_kind_label"] = unit_kind_label(match.provider_kind)
    row["reasons"] = match_reasons(row)
    row["reasons_en"] = match_reasons(row, "en")
    return row


def member_row(member: AllianceMember) -> dict[str, Any]:
    """An alliance member, with its type, org type and unit kind in words and the day it joined."""
    return {
        **asdict(member),
        "joined": _day(member.joined),
        "org_type_label": org_type_label(member.org_type),
        "unit_kind_label": unit_kind_label(member.unit_kind),
        "type_label": member_type_label(member.type, member.org_type),
    }


def seat_row(seat: CommitteeSeat, person: Mapping[str, Any]) -> dict[str, Any]:
    """A committee seat with its holder as the caller may see them (accounts.masking.protect_people)."""
    return {
        "seat_id": seat.seat_id,
        "title": seat.title,
        "start": _day(seat.start),
        "end": _day(seat.end),
        "current": seat.current,
        "current_label": seat_state_label(seat.current),
        "person": person.get("name"),
        "phone": person.get("phone"),
        "unit_id": seat.unit_id,
        "unit_name": seat.unit_name,
    }


def stats_row(area_id: str | None, area_name: str | None, figures: Figures) -> dict[str, Any]:
    """One area's figures as a row of the coverage report: the counts, and each share as `share_<kind>`."""
    counts = asdict(figures)
    shares = {f"share_{k}": v for k, v in counts["shares"].items()}
    return {"area_id": area_id, "area_name": area_name, **counts, **shares}


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
