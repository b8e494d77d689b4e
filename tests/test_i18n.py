"""The display words of i18n/: every code graph/ returns has its words, and the ledgers' words parse."""

from __future__ import annotations

from enum import StrEnum

import pytest

from graph.queries.gaps import AreaGapKind, LinkKind
from graph.vocabulary import (
    AreaLevel,
    Category,
    ContractStatus,
    NeedStatus,
    OrgType,
    ProjectStatus,
    UnitKind,
)
from i18n.reasons import AREA_GAP_WORDS, LINK_WORDS, MATCH_REASON_WORDS, match_reasons
from i18n.vocabulary import (
    EN,
    ZH,
    en,
    item_kind_label,
    member_type_label,
    org_type_label,
    parse,
    seat_state_label,
    unit_kind_label,
    zh,
)

VOCABULARIES = [AreaLevel, UnitKind, OrgType, ContractStatus, NeedStatus, ProjectStatus, Category]


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_every_code_has_a_chinese_and_an_english_word(vocabulary: type[StrEnum]) -> None:
    assert set(vocabulary) <= ZH.keys()
    assert set(vocabulary) <= EN.keys()


def test_words_and_parsing() -> None:
    assert (zh(OrgType.WORKING_COMMITTEE), en(OrgType.WORKING_COMMITTEE)) == ("党工委", "working committee")
    assert parse(UnitKind, "国企") is UnitKind.SOE
    assert parse(UnitKind, " SOE ") is UnitKind.SOE
    assert parse(UnitKind, "公司") is None
    assert (unit_kind_label("soe"), unit_kind_label("made-up"), unit_kind_label(None)) == (
        "国有企业",
        "made-up",
        None,
    )
    assert org_type_label("branch") == "党支部"
    assert [item_kind_label(k) for k in ("need", "resource", "made-up")] == ["需求", "资源", "made-up"]


def test_every_link_and_gap_kind_has_words() -> None:
    assert set(LINK_WORDS) == set(LinkKind) - {LinkKind.ANY}
    assert set(AREA_GAP_WORDS) == set(AreaGapKind)


def test_match_reasons_name_each_code_in_both_languages() -> None:
    row = {"reason_codes": ["same_street", "contract_in_force", "similar_title", "projects"], "projects": 2}
    assert match_reasons(row) == ["同一街道", "已有履行中的共建协议", "资源与需求相近", "已承接 2 个项目"]
    assert match_reasons(row, "en")[3] == "used by 2 project(s) already"


def test_every_reason_code_the_ranking_gives_has_words() -> None:
    codes = {"same_community", "same_street", "other_street", "same_alliance", "contract_in_force", "seat"}
    codes |= {"similar_title", "same_category", "no_projects", "projects"}
    assert set(MATCH_REASON_WORDS) == codes


def test_roster_words() -> None:
    assert [seat_state_label(True), seat_state_label(False)] == ["在任", "已离任"]
    assert member_type_label("Unit", None) == "驻区单位"
    assert member_type_label("PartyOrg", "branch") == "党支部"
    assert member_type_label("PartyOrg", None) == "党组织"
