"""GET /api/search over the hand-built world of tests/fixtures/world_links.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from graph.queries.writes import merge_nodes
from graph.schema import Label
from graph.search import search
from tests.fixtures.world_links import build_world


@pytest.fixture
def api(graph: Graph, client: TestClient) -> TestClient:
    build_world(graph)
    return client


def _search(api: TestClient, q: str, **params: str | int) -> list[dict[str, object]]:
    response = api.get("/api/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    results: list[dict[str, object]] = response.json()["results"]
    return results


def _ids(results: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in results]


def test_exact_name_then_alias_then_partial(api: TestClient) -> None:
    results = _search(api, "市三院")
    # 市三院 is U-SSY's name and U-SSY-E's alias; 市三院党委 and the contract title contain it.
    assert [(r["id"], r["match"]) for r in results[:2]] == [("U-SSY", "name"), ("U-SSY-E", "alias")]
    assert {(r["id"], r["match"]) for r in results[2:]} == {("P-SSY", "partial"), ("K-1", "partial")}


def test_hit_carries_name_type_and_area_path(api: TestClient) -> None:
    top = _search(api, "市三院")[0]
    assert top["name"] == "市三院"
    assert top["type"] == "Unit"
    assert [a["name"] for a in top["area_path"]] == ["昆明市", "官渡区", "太和街道", "佴家湾社区"]  # type: ignore[attr-defined]
    assert [a["level"] for a in top["area_path"]] == ["city", "district", "street", "community"]  # type: ignore[attr-defined]


def test_by_alias(api: TestClient) -> None:
    results = _search(api, "昆明市第三人民医院")
    assert (results[0]["id"], results[0]["match"]) == ("U-SSY", "alias")
    # The east campus's name contains the alias: found, but after it.
    assert ("U-SSY-E", "partial") in [(r["id"], r["match"]) for r in results[1:]]


def test_by_pinyin_initials(api: TestClient) -> None:
    results = _search(api, "ssy")
    # ssy is the initials of 市三院, the name of U-SSY and an alias of U-SSY-E; 市三院党委 is ssydw.
    assert [(r["id"], r["match"]) for r in results[:2]] == [("U-SSY", "pinyin"), ("U-SSY-E", "pinyin")]
    assert ("P-SSY", "partial") in [(r["id"], r["match"]) for r in results]


def test_by_initials_in_upper_case_and_full_pinyin(api: TestClient) -> None:
    assert _ids(_search(api, "SSY"))[0] == "U-SSY"
    assert (_search(api, "shisanyuan")[0]["id"], _search(api, "shisanyuan")[0]["match"]) == (
        "U-SSY",
        "pinyin",
    )


def test_partial_pinyin_is_a_prefix_match(api: TestClient) -> None:
    results = _search(api, "shisan")
    assert ("U-SSY", "partial") in [(r["id"], r["match"]) for r in results]
    assert ("P-SSY", "partial") in [(r["id"], r["match"]) for r in results]  # shisanyuandangwei


def test_by_company_variant(api: TestClient) -> None:
    results = _search(api, "昆明怡宁房地产开发公司")
    assert (results[0]["id"], results[0]["match"]) == ("U-YN", "variant")
    assert ("P-YN", "partial") in [(r["id"], r["match"]) for r in results[1:]]
    with_longer_suffix = _search(api, "昆明怡宁房地产开发有限责任公司")
    assert (with_longer_suffix[0]["id"], with_longer_suffix[0]["match"]) == ("U-YN", "variant")


def test_by_short_name(api: TestClient) -> None:
    results = _search(api, "怡宁地产")
    assert {"U-YN", "P-YN"} <= set(_ids(results))
    assert all(r["match"] == "partial" for r in results)


def test_type_filter(api: TestClient) -> None:
    assert _ids(_search(api, "市三院", type="PartyOrg")) == ["P-SSY"]
    assert _ids(_search(api, "市三院", type="Contract")) == ["K-1"]
    assert api.get("/api/search", params={"q": "市三院", "type": "Person"}).status_code == 422


def test_persons_are_not_searchable(api: TestClient) -> None:
    assert _search(api, "张医生") == []
    assert _search(api, "zys") == []


def test_limit(api: TestClient) -> None:
    assert _ids(_search(api, "市三院", limit=1)) == ["U-SSY"]
    assert api.get("/api/search", params={"q": "市三院", "limit": 0}).status_code == 422
    assert api.get("/api/search", params={"q": "市三院", "limit": 101}).status_code == 422


def test_nothing_found_is_an_empty_list(api: TestClient) -> None:
    assert _search(api, "完全不存在的单位") == []


@pytest.mark.parametrize(
    "q",
    [
        '"] OR *:*',
        "*:*",
        "*",
        "?",
        "\\",
        '"',
        "(",
        "[1 TO 9]",
        "AND",
        "OR NOT",
        "a:b",
        "/",
        "&&",
        "||",
        "!",
        "^2",
        "~",
        "{",
        "   ",
        "ssy*",
        "市三院 AND",
        "' OR 1=1 --",
        "%",
        "\u0000",
    ],
)
def test_hostile_queries_are_plain_text(api: TestClient, q: str) -> None:
    response = api.get("/api/search", params={"q": q})
    # Not even a 422: Lucene never sees the user's syntax, so it has nothing to refuse.
    assert response.status_code == 200, response.text
    # Nothing in the world is named after Lucene syntax; `*:*` must not match everything.
    assert len(response.json()["results"]) < 5


def test_quotes_around_a_name_still_find_it(api: TestClient) -> None:
    results = _search(api, '市三院"')
    assert (results[0]["id"], results[0]["match"]) == ("U-SSY", "name")
    results = _search(api, "ssy*")
    assert (results[0]["id"], results[0]["match"]) == ("U-SSY", "pinyin")


def test_empty_query_is_422(api: TestClient) -> None:
    assert api.get("/api/search", params={"q": ""}).status_code == 422
    assert api.get("/api/search").status_code == 422


USCC_SSY = "12530100431201234X"


def _set_uscc(graph: Graph) -> None:
    row = {"id": "U-SSY", "props": {"uscc": USCC_SSY}, "prov": {"src_file": "test", "load_id": "T"}}
    graph.write(merge_nodes(Label.UNIT), {"rows": [row]})


def test_an_id_is_found_exactly_and_first(api: TestClient) -> None:
    results = _search(api, "U-SSY")
    assert (results[0]["id"], results[0]["match"], results[0]["type"]) == ("U-SSY", "id", "Unit")
    assert [a["name"] for a in results[0]["area_path"]][-1] == "佴家湾社区"  # type: ignore[index]
    # Needs, projects and contracts too; with spaces around it, as pasted from Excel.
    assert [(r["id"], r["match"], r["type"]) for r in _search(api, " N-1 ")][:1] == [("N-1", "id", "Need")]
    assert _search(api, "J-1")[0]["id"] == "J-1"
    # An id is exact: no prefix, no other case.
    assert "U-SSY" not in _ids(_search(api, "U-SS"))
    assert "U-SSY" not in _ids(_search(api, "u-ssy"))


def test_a_person_is_not_found_by_id(api: TestClient) -> None:
    assert _search(api, "PE-1") == []


def test_a_uscc_is_found_exactly(graph: Graph, api: TestClient) -> None:
    _set_uscc(graph)
    results = _search(api, USCC_SSY)
    assert [(r["id"], r["match"]) for r in results] == [("U-SSY", "uscc")]
    # Typed in lower case or with spaces, as on a paper form.
    assert _ids(_search(api, "1253 0100 4312 0123 4x"))[:1] == ["U-SSY"]
    assert _search(api, USCC_SSY[:-1]) == []


def test_titles_of_needs_resources_and_projects(api: TestClient) -> None:
    # J-1 is titled 免费体检; N-1 残疾人免费体检 contains it.
    results = _search(api, "免费体检")
    assert [(r["id"], r["match"], r["type"]) for r in results] == [
        ("J-1", "name", "Project"),
        ("N-1", "partial", "Need"),
    ]
    assert [(r["id"], r["type"]) for r in _search(api, "活动室")] == [("R-2", "Resource")]
    assert _ids(_search(api, "体检", type="Need")) == ["N-1"]


def test_scope_holds_for_ids_and_titles(graph: Graph, api: TestClient) -> None:
    _set_uscc(graph)
    # 五华区 A-WH holds none of them: not found, exactly as an id that does not exist.
    for q in ("U-SSY", USCC_SSY, "免费体检", "N-1"):
        assert search(graph, q, scope=["A-WH"]) == []
    assert [h.id for h in search(graph, "U-SSY", scope=["A-GD"])][:1] == ["U-SSY"]
    assert [h.id for h in search(graph, USCC_SSY, scope=["A-TH"])] == ["U-SSY"]
    assert [h.id for h in search(graph, "免费体检", scope=["A-GD"])] == ["J-1", "N-1"]
