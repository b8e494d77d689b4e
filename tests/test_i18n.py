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
from i18n.reasons import AREA_GAP_WORDS, LINK_WORDS, match_reasons
from i18n.vocabulary import (
    EN,
    ZH,
    en,
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


def test_every_link_and_gap_kind_has_words() -> None:
    assert set(LINK_WORDS) == set(LinkKind) - {LinkKind.ANY}
    assert set(AREA_GAP_WORDS) == set(AreaGapKind)


def test_match_reasons_name_each_factor() -> None:
    row = {"same_community": False, "same_street": True, "provider_has_contract": False, "tie_distance": None}
    assert match_reasons(row) == [
        "同一街道 same street",
        "提供方尚无履行中的共建协议 provider has no active contract",
        "4步内无组织联系 no organizational tie within 4 hops",
    ]


def test_roster_words() -> None:
    assert [seat_state_label(True), seat_state_label(False)] == ["在任", "已离任"]
    assert member_type_label("Unit", None) == "驻区单位"
    assert member_type_label("PartyOrg", "branch") == "党支部"
    assert member_type_label("PartyOrg", None) == "党组织"
