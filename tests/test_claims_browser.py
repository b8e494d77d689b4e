"""The claim hall and a claim's page in a real headless Chromium, over tests/fixtures/world_claims.py
(expected answers worked out from its docstring), in Chinese and in English:

- 市三院's unit account opens the hall: 官渡区's open needs, ranked for its unit with the reasons in
  words; it claims 助老服务 with a plan and dates, and lands on the claim's page (pending, a withdraw
  button, no approve button);
- 佴家湾社区's editor opens that page and approves: the project and contract links appear and the
  history has both steps; the unit account's "my claims" tab shows it approved;
- 太和街道's editor claims 市三院's resource for 金马社区 in the hall; the unit account rejects it with a
  reason, which the history shows.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from accounts.principal import TokenKind
from accounts.tokens import expiry_after, issue_token
from api.main import create_app
from devtools import harness
from devtools.live_server import served
from graph.driver import Graph
from graph.migrate import migrate
from graph.settings import AppSettings, Neo4jSettings
from tests.browser_support import chinese_left, ready, shoot, signed_in_tabs
from tests.fixtures import world_claims
from tests.test_pages_browser import browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

#: The data's names (entity names are never translated) and the plans and reasons typed below.
NAMES = [
    *(name for _, name, _, _ in world_claims.AREAS),
    *(name for _, name, _ in world_claims.UNITS),
    *(title for _, title, _, _, _ in world_claims.NEEDS),
    *(title for _, title, _ in world_claims.RESOURCES),
    "佴家湾社区党委",
    "金马社区党委",
    "市三院党委",
    "每周两次上门陪诊",
    "每月一次健康体检",
    "设备检修，下月再约",
]


@pytest.fixture(scope="module")
def world(session_graph: Graph, owner_token: str) -> Graph:
    harness.wipe(session_graph, owner_token)
    migrate(session_graph)
    world_claims.build(session_graph)
    return session_graph


@pytest.fixture(scope="module")
def live_url(world: Graph, neo4j_server: Any) -> Iterator[str]:
    settings: Neo4jSettings = harness.neo4j_settings_for(neo4j_server)
    with served(create_app(settings, AppSettings(test_hooks=True))) as url:
        yield url


@pytest.fixture
def open_as(browser: Any, live_url: str, world: Graph) -> Iterator[Any]:  # noqa: F811
    """Open a page as one of the world's users, each in a context of its own (zh first)."""

    def session(username: str) -> str:
        return issue_token(world, username, TokenKind.SESSION, expires=expiry_after(timedelta(hours=1))).token

    with signed_in_tabs(browser, live_url, height=860) as open_tab:
        yield lambda username, path: open_tab(session(username), path)


def _hall_rows(tab: Any) -> list[list[str]]:
    tab.wait_for_selector("body[data-state='ready']", timeout=30_000)
    return list(
        tab.evaluate(
            """() => Array.from(document.querySelectorAll('#wb-table tbody tr')).map(tr => [tr.dataset.id]
                 .concat(Array.from(tr.querySelectorAll('td')).map(td => td.innerText.trim())))"""
        )
    )


def _steps(tab: Any) -> list[list[str]]:
    return list(
        tab.evaluate(
            """() => Array.from(document.querySelectorAll('#claim-steps tbody tr')).map(tr =>
                 Array.from(tr.querySelectorAll('td')).slice(1).map(td => td.innerText.trim()))"""
        )
    )


def _english_leaves_no_chinese(tab: Any, names: list[str]) -> None:
    tab.click("#btn-lang")
    assert tab.evaluate("document.documentElement.lang") == "en"
    text = tab.evaluate("document.body.innerText + '\\n' + document.title")
    assert chinese_left(text, [*names, "中文"]) == []


def test_a_unit_claims_a_need_and_the_community_approves(
    open_as: Any, world: Graph, artifacts_dir: Path
) -> None:
    unit, unit_rec = open_as("u1unit", "/view/claims")
    assert unit.locator("#page-title").inner_text() == "官渡区 · 认领大厅"
    assert unit.locator("#user-info").inner_text() == "u1unit · 市三院"
    rows = _hall_rows(unit)
    # Both open needs of 官渡区, ranked for 市三院 (same street, same category, no project yet: 2030).
    assert [(r[0], r[5], r[6]) for r in rows] == [("N1", "0", "2030"), ("N2", "0", "2030")]
    assert "助老服务" in rows[0][1]
    assert "医疗健康" in rows[0][1]
    assert "同一街道" in rows[0][4]
    assert "尚未承接项目" in rows[0][4]
    assert unit.locator("#f-area option").all_inner_texts() == ["太和街道", "官渡区"]
    shoot(unit, artifacts_dir, "claims-hall-unit-zh")

    unit.click("#wb-table tbody tr[data-id='N1'] .claim-btn")
    unit.wait_for_selector("#claim-dialog[open]")
    assert unit.locator("#c-claimant option").all_inner_texts() == ["市三院", "市三院党委"]
    unit.fill("#c-plan", "每周两次上门陪诊")
    unit.fill("#c-start", "2026-03-01")
    unit.fill("#c-end", "2026-12-31")
    shoot(unit, artifacts_dir, "claims-form-zh")
    unit.click("#c-submit")
    unit.wait_for_url("**/view/claim/claim-*")
    ready(unit)
    claim_url = unit.url
    assert unit.locator("#claim-state").inner_text().strip() == "待审核"
    assert unit.locator("#claim-claimant").inner_text() == "市三院"
    assert unit.locator("#btn-withdraw").count() == 1
    assert unit.locator("#btn-approve").count() == 0

    editor, editor_rec = open_as("m1editor", "/view/claim/" + claim_url.split("/view/claim/")[1])
    assert editor.locator("#btn-withdraw").count() == 0
    editor.click("#btn-approve")
    editor.wait_for_selector("#claim-project a")
    ready(editor)
    assert editor.locator("#claim-state").inner_text().strip() == "已通过"
    assert editor.locator("#claim-project a").get_attribute("href").startswith("/view/project/project-")
    contract = editor.locator("#claim-contract a")
    contract_href = contract.get_attribute("href") or ""
    assert contract_href.startswith("/view/contract/contract-")
    assert contract.inner_text() == "协议草稿（待社区完善）"
    assert _steps(editor) == [
        ["u1unit", "提出认领", "待审核", ""],
        ["m1editor", "审核通过", "待审核 → 已通过", ""],
    ]
    assert editor.locator("#claim-actions").count() == 0
    shoot(editor, artifacts_dir, "claim-approved-zh")
    _english_leaves_no_chinese(editor, NAMES)
    assert editor.locator("#claim-state").inner_text().strip() == "Approved"
    shoot(editor, artifacts_dir, "claim-approved-en")
    editor.click("#claim-contract a")
    ready(editor)
    assert editor.url.split("?")[0].endswith(contract_href)
    assert editor.locator("#contract-id").inner_text() == contract_href.split("/")[-1]

    # The unit account follows it in "my claims"; in English the hall speaks English too.
    unit.goto(claim_url.split("/view/")[0] + "/view/claims?tab=mine")
    ready(unit)
    unit.wait_for_selector("body[data-mine='1']")
    mine = unit.locator("#mine-table tbody tr").first
    assert mine.get_attribute("data-status") == "approved"
    assert "已通过" in mine.inner_text()
    unit.click("#tab-hall")
    _english_leaves_no_chinese(unit, NAMES)
    assert unit.locator("#page-title").inner_text() == "官渡区 · Claim hall"
    assert "same street" in _hall_rows(unit)[0][4]
    shoot(unit, artifacts_dir, "claims-hall-unit-en")
    for rec in (unit_rec, editor_rec):
        assert rec.errors == []
        assert rec.foreign_requests() == []


def test_a_community_claims_a_resource_and_the_unit_rejects_it_with_a_reason(
    open_as: Any, artifacts_dir: Path
) -> None:
    street, street_rec = open_as("s1editor", "/view/claims?kind=resource")
    assert street.locator("#page-title").inner_text() == "太和街道 · 认领大厅"
    assert street.locator("#user-info").inner_text() == "s1editor · 太和街道"  # an area account's area
    rows = _hall_rows(street)
    # 健康讲座 first: U2 shares K1 with 佴家湾's org (2130); 体检服务 2030.
    assert [r[0] for r in rows] == ["R2", "R1"]
    street.click("#wb-table tbody tr[data-id='R1'] .claim-btn")
    street.wait_for_selector("#claim-dialog[open]")
    # A resource is claimed for a community's party org.
    assert street.locator("#c-claimant option").all_inner_texts() == ["佴家湾社区党委", "金马社区党委"]
    street.select_option("#c-claimant", "P-M2")
    street.fill("#c-plan", "每月一次健康体检")
    street.fill("#c-start", "2026-04-01")
    street.fill("#c-end", "2026-03-01")
    street.click("#c-submit")
    assert street.locator("#claim-error").inner_text() == "预计结束不能早于预计开始。"
    street.fill("#c-end", "2026-10-31")
    street.click("#c-submit")
    street.wait_for_url("**/view/claim/claim-*")
    ready(street)
    path = "/view/claim/" + street.url.split("/view/claim/")[1]
    # The street's editor holds U1 too, but made the claim: no approve button for it.
    assert street.locator("#btn-approve").count() == 0

    unit, unit_rec = open_as("u1unit", path)
    unit.click("#btn-reject")
    assert unit.locator("#action-error").inner_text() == "请填写不通过的理由。"
    unit.fill("#reject-reason", "设备检修，下月再约")
    unit.click("#btn-reject")
    unit.wait_for_selector("#claim-state .state-rejected")
    ready(unit)
    assert unit.locator("#claim-reason").inner_text() == "设备检修，下月再约"
    assert _steps(unit)[-1] == ["u1unit", "审核不通过", "待审核 → 未通过", "设备检修，下月再约"]
    # A unit account reads no contract or network page: the item is named, not linked.
    assert unit.locator("#claim-item a").count() == 0
    shoot(unit, artifacts_dir, "claim-rejected-zh")
    _english_leaves_no_chinese(unit, NAMES)
    assert _steps(unit)[-1][1:3] == ["Rejected", "Pending → Rejected"]
    shoot(unit, artifacts_dir, "claim-rejected-en")
    # The unit account offers a resource of its unit; the street's hall lists it.
    unit.goto(unit.url.split("/view/")[0] + "/view/claims")
    ready(unit)
    unit.click("#btn-offer")
    unit.wait_for_selector("#offer-dialog[open]")
    assert unit.locator("#o-provider option").all_inner_texts() == ["市三院", "市三院党委"]
    unit.fill("#o-title", "义诊服务")
    unit.select_option("#o-category", "health")
    unit.click("#o-submit")
    unit.wait_for_selector("#offer-done:not(:empty)")
    # A unit account publishes no need.
    assert unit.locator("#btn-raise").is_hidden()
    street.goto(street.url.split("/view/")[0] + "/view/claims")
    ready(street)
    assert any("义诊服务" in row[1] for row in _hall_rows(street))
    # The street's editor publishes a need for a community's party org; the hall lists it.
    street.click("#btn-raise")
    street.wait_for_selector("#offer-dialog[open]")
    assert street.locator("#o-heading").inner_text() == "发布待认领的需求"
    assert street.locator("#o-provider option").all_inner_texts() == ["佴家湾社区党委", "金马社区党委"]
    street.select_option("#o-provider", "P-M2")
    street.fill("#o-title", "社区助浴")
    street.select_option("#o-category", "elderly")
    street.click("#o-submit")
    street.wait_for_selector("#offer-done:not(:empty)")
    assert street.locator("#offer-done").inner_text() == "已发布需求：社区助浴"
    street.goto(street.url.split("/view/")[0] + "/view/claims")
    ready(street)
    assert any("社区助浴" in row[1] for row in _hall_rows(street))
    shoot(street, artifacts_dir, "claims-hall-street-zh")
    for rec in (street_rec, unit_rec):
        assert rec.errors == []
