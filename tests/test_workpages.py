"""The work pages served as HTML (contract, alliance, committee, coverage, imports) over the ledger of
tests/fixtures/world_workpages.py; the expected figures are worked out by hand there."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accounts.accounts import create_user
from accounts.principal import Role, TokenKind
from accounts.tokens import issue_token
from api.routes.pages import PAGE_CSP
from graph.driver import Graph
from i18n.load_reasons import reason_zh
from tests.fixtures import world_workpages

_TAG = re.compile(r"<[^>]+>")


@pytest.fixture
def world(graph: Graph, client: TestClient, tmp_path: Path) -> TestClient:
    world_workpages.build(graph, tmp_path / "ledger")
    return client


def _bearer(graph: Graph, username: str, role: Role, area: str | None) -> dict[str, str]:
    create_user(graph, None, username=username, role=role, area_id=area)
    expires = datetime.now(UTC) + timedelta(hours=1)
    token = issue_token(graph, username, TokenKind.BEARER, expires=expires).token
    return {"Authorization": "Bearer " + token}


def _rows(page: str, table_id: str) -> list[list[str]]:
    """The text of each body row's cells (th and td) of the table with this id."""
    table = re.search(rf'<table id="{table_id}"[^>]*>(.*?)</table>', page, re.DOTALL)
    assert table is not None, table_id
    body = table.group(1).split("</thead>")[-1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL) for row in rows]
    return [[" ".join(html.unescape(_TAG.sub("", c)).split()) for c in row] for row in cells]


def _get(client: TestClient, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-security-policy"] == PAGE_CSP
    return response.text


def test_contract_page(world: TestClient) -> None:
    page = _get(world, "/view/contract/C0001", as_of="2025-06-01")
    assert "<title>共建协议：佴家湾社区与市三院共建协议" in page
    assert {r[0] for r in _rows(page, "contract-parties")} == {"市三院党委", "佴家湾社区党委"}
    assert ["市三院党委", "党组织", "市三院"] in _rows(page, "contract-parties")
    assert "2024-01-01 – 2099-12-31" in " ".join(_TAG.sub("", page).split())
    assert 'id="contract-in-force" class="ok"' in page
    assert _rows(page, "contract-needs") == [["N0001", "残疾人免费体检", "医疗健康", "待认领", "佴家湾社区"]]
    assert _rows(page, "contract-resources") == [["R0001", "预防保健服务", "医疗健康", "市三院"]]
    assert _rows(page, "contract-projects") == [
        ["免费体检进社区", "进行中", "2024-03-01", "", "N0001", "市三院党委", "", "标记完成"]
    ]
    # Before it was signed it is not in force.
    before = _get(world, "/view/contract/C0001", as_of="2023-12-31")
    assert 'id="contract-in-force" class="warn"' in before


def test_alliance_page(world: TestClient) -> None:
    page = _get(world, "/view/alliance/AL-TH")
    assert "<title>党建联盟：太和街道党建联盟" in page
    text = " ".join(_TAG.sub(" ", page).split())
    assert "所在街道 太和街道" in text
    assert "牵头党组织 太和街道党工委" in text
    assert "成立日期 2020-03-01" in text
    assert "街道党建联席会议制度 有" in text
    assert sorted(_rows(page, "alliance-members")) == sorted(
        [
            ["市三院党委", "党委", "市三院", "成员单位", "2020-05-01"],
            ["市供电局", "驻区单位", "市供电局", "副主席单位", "2021-01-15"],
        ]
    )


def test_committee_page_masks_persons_without_pii(world: TestClient) -> None:
    page = _get(world, "/view/committee/P-EJW", as_of="2025-06-01")
    current = [["兼职委员", "张*", "138****5678", "市供电局", "2024-01-01", ""]]
    ended = [["兼职委员", "李*", "139****1111", "市三院", "2020-01-01", "2022-12-31"]]
    assert _rows(page, "seats-current") == current
    assert _rows(page, "seats-ended") == ended
    assert "张三" not in page
    assert "13812345678" not in page
    assert "个人信息已脱敏" in page
    # On 2021-06-01 李四's seat was in term and 张三's not yet begun.
    earlier = _get(world, "/view/committee/P-EJW", as_of="2021-06-01")
    assert [r[1] for r in _rows(earlier, "seats-current")] == ["李*"]


def test_coverage_page_by_district_with_percentages(world: TestClient) -> None:
    page = _get(world, "/view/coverage", area="A-KM")
    rows = {r[0]: r[1:] for r in _rows(page, "coverage-table")}
    # units, orgs, alliances, members, big committees, seats, contracts; 4 shares; joint meetings
    # (streets, communities), branches, party members.
    assert rows["官渡区"] == [
        "2", "4", "1", "2", "1", "1", "1", "50.0%", "100.0%", "50.0%", "100.0%", "1", "1", "1", "30"
    ]  # fmt: skip
    assert rows["西山区"] == [
        "1", "0", "0", "0", "0", "0", "0", "0.0%", "0.0%", "0.0%", "0.0%", "0", "0", "0", "0"
    ]  # fmt: skip
    assert rows["昆明市 · 合计"] == [
        "3", "4", "1", "2", "1", "1", "1", "33.3%", "66.7%", "33.3%", "66.7%", "1", "1", "1", "30"
    ]  # fmt: skip
    assert list(rows)[:2] == ["官渡区", "西山区"]


def test_pages_of_what_is_outside_the_area_are_not_found(graph: Graph, world: TestClient) -> None:
    # A 西山区 viewer: 官渡区's contract, alliance and committee answer exactly as ids that do not exist.
    headers = _bearer(graph, "xs-viewer", Role.VIEWER, "A-XS")
    for path, target in (
        ("/view/contract/", "C0001"),
        ("/view/alliance/", "AL-TH"),
        ("/view/committee/", "P-EJW"),
    ):
        outside = world.get(path + target, headers=headers)
        missing = world.get(path + "NOPE", headers=headers)
        assert outside.status_code == missing.status_code == 404
        # The frame's error page, word for word the same (it names no id).
        assert outside.headers["content-type"].startswith("text/html")
        assert outside.text == missing.text
    assert world.get("/view/coverage", params={"area": "A-GD"}, headers=headers).status_code == 404


def test_imports_page_is_for_editors_and_admins(graph: Graph, world: TestClient) -> None:
    page = _get(world, "/view/imports")
    assert 'id="btn-dry-run"' in page
    assert 'href="/api/imports/template"' in page
    viewer = world.get("/view/imports", headers=_bearer(graph, "gd-viewer", Role.VIEWER, "A-GD"))
    assert viewer.status_code == 403
    assert viewer.headers["content-type"].startswith("text/html")
    assert "数据导入仅限编辑和管理员账号使用" in viewer.text
    editor = world.get("/view/imports", headers=_bearer(graph, "gd-editor", Role.EDITOR, "A-GD"))
    assert editor.status_code == 200


def test_template_download(graph: Graph, world: TestClient) -> None:
    response = world.get("/api/imports/template")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # an XLSX is a zip
    viewer = world.get("/api/imports/template", headers=_bearer(graph, "v2", Role.VIEWER, "A-GD"))
    assert viewer.status_code == 403


def test_import_report_gives_each_reason_in_chinese(world: TestClient, tmp_path: Path) -> None:
    bad = world_workpages.write_csv(
        tmp_path / "units.csv",
        [["id", "name", "kind", "area_id"], ["U0009", "某银行", "bank", "A-EJW"]],
    )
    with bad.open("rb") as f:
        response = world.post("/api/imports", params={"dry_run": "true"}, files={"file": ("units.csv", f)})
    assert response.status_code == 422
    body = response.json()
    assert [(p["file"], p["row"], p["column"], p["value"]) for p in body["problems"]] == [
        ("units.csv", 2, "kind", "bank")
    ]
    assert body["reasons_zh"][0].startswith("取值无效，可用：")


@pytest.mark.parametrize(
    ("reason", "zh"),
    [
        ("required value missing", "必填项为空"),
        ("a USCC has 18 characters, this one has 17", "统一社会信用代码应为 18 位，此处为 17 位"),
        ("wrong USCC check character: 1 (expected W)", "统一社会信用代码校验位错误：1（应为 W）"),
        ("duplicate id: first used on units.csv row 2", "编号重复：首次出现在 units.csv row 2"),
        ("not found in your area (不在您的辖区内)", "不在您的辖区内"),
        ("something new the loader says", "something new the loader says"),
    ],
)
def test_reason_zh(reason: str, zh: str) -> None:
    assert reason_zh(reason) == zh
