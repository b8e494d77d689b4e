"""The home page's figures and search on the Kunming demo world: the article's numbers, written here by
hand, as /api/stats and /api/search give them (the city, and 官渡区 among its districts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.driver import Graph
from loaders.demo.kunming import build_kunming
from loaders.pipeline import load_path


@pytest.fixture
def demo(graph: Graph, client: TestClient, tmp_path: Path) -> TestClient:
    build_kunming(tmp_path / "kunming")
    result = load_path(graph, tmp_path / "kunming", user="test")
    assert result.outcome == "ok", result.problems[:5]
    return client


@pytest.mark.slow
def test_the_article_s_figures_on_the_home_page_and_search(demo: TestClient) -> None:
    body = demo.get("/api/stats", params={"as_of": dt.date.today().isoformat()}).json()
    assert body["area"]["name"] == "昆明市"
    city = body["total"]
    # 46 street alliances; 286 big committees with 1,413 part-time members; joint meeting systems in
    # 59 streets and 277 communities.
    assert (city["alliances"], city["big_committees"], city["current_seats"]) == (46, 286, 1413)
    assert (city["joint_meeting_streets"], city["joint_meeting_communities"]) == (59, 277)
    districts = {c["area"]["name"]: c for c in body["children"]}
    # 官渡区: about 19,000 party members and 900 branches.
    assert districts["官渡区"]["branches"] == 900
    assert 19_000 <= districts["官渡区"]["party_members"] < 19_500
    # The article's co-building, found by the titles of its needs, resources and projects.
    hits = demo.get("/api/search", params={"q": "检修线路"}).json()["results"]
    assert {"Resource", "Project"} <= {h["type"] for h in hits}
    need = demo.get("/api/search", params={"q": "辖区残疾人免费体检"}).json()["results"][0]
    assert (need["type"], need["name"], need["match"]) == ("Need", "辖区残疾人免费体检", "name")
