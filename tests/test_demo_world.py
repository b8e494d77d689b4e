"""The Kunming demo world: the article's figures, counted from the CSV package itself and, once loaded
through the loader, through Cypher. The expected numbers are the article's, written here by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

import pytest
import yaml

from devtools.queries import demo_figures as figures
from graph.driver import Graph
from loaders.demo.article import DATA_FILE, parse_article
from loaders.demo.kunming import build_kunming
from loaders.pipeline import load_path
from tests.package_checks import Rows, consistency_problems, read_package, split_ids

TODAY = dt.date.today()
TEN = {
    "health",
    "education",
    "employment",
    "legal",
    "culture",
    "environment",
    "safety",
    "elderly",
    "facilities",
    "assistance",
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kunming")
    build_kunming(out)
    return out


@pytest.fixture(scope="module")
def tables(package: Path) -> dict[str, Rows]:
    return read_package(package)


def _current(seat: dict[str, str], day: dt.date = TODAY) -> bool:
    start = dt.date.fromisoformat(seat["start"]) if seat["start"] else None
    end = dt.date.fromisoformat(seat["end"]) if seat["end"] else None
    return (start is None or start <= day) and (end is None or end >= day)


class World:
    """Lookups over the package's rows, for counting the figures by hand."""

    def __init__(self, tables: dict[str, Rows]) -> None:
        self.t = tables
        self.area = {row["id"]: row for row in tables["areas"]}
        self.unit = {row["id"]: row for row in tables["units"]}
        self.org = {row["id"]: row for row in tables["party_orgs"]}
        self.person = {row["id"]: row for row in tables["people"]}

    def area_named(self, name: str) -> dict[str, str]:
        (row,) = [row for row in self.t["areas"] if row["name"] == name]
        return row

    def ancestors(self, area_id: str) -> list[str]:
        chain = []
        while area_id:
            chain.append(area_id)
            area_id = self.area[area_id]["parent_id"]
        return chain

    def org_area(self, org: dict[str, str]) -> str:
        """The area an org sits in: its own area, else its unit's."""
        return org["area_id"] or self.unit[org["unit_id"]]["area_id"]

    def in_area(self, area_id: str, within: str) -> bool:
        return within in self.ancestors(area_id)

    def community_org(self, org_id: str) -> bool:
        area_id = self.org[org_id]["area_id"]
        return bool(area_id) and self.area[area_id]["level"] == "community"

    def current_community_seats(self, day: dt.date = TODAY) -> list[dict[str, str]]:
        return [
            seat
            for seat in self.t["committee_seats"]
            if self.community_org(seat["org_id"]) and _current(seat, day)
        ]


@pytest.fixture(scope="module")
def world(tables: dict[str, Rows]) -> World:
    return World(tables)


def test_the_package_holds_together(tables: dict[str, Rows]) -> None:
    assert consistency_problems(tables) == []
    assert all(len(rows) > 0 for rows in tables.values())


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path, package: Path) -> None:
    def digest(folder: Path) -> dict[str, str]:
        return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.glob("*.csv"))}

    build_kunming(tmp_path / "again")
    build_kunming(tmp_path / "other", seed=7)
    assert digest(tmp_path / "again") == digest(package)
    assert len(digest(package)) == 11
    assert digest(tmp_path / "other") != digest(package)


def test_46_street_alliances(world: World) -> None:
    alliances = world.t["alliances"]
    assert len(alliances) == 46
    assert {world.area[a["street_id"]]["level"] for a in alliances} == {"street"}
    assert len({a["street_id"] for a in alliances}) == 46


def test_286_big_committees_with_1413_part_time_members(world: World) -> None:
    seats = world.current_community_seats()
    assert len({seat["org_id"] for seat in seats}) == 286
    holders = {seat["person_id"] for seat in seats}
    assert len(holders) == 1413
    assert all(world.person[p]["unit_id"] in world.unit for p in holders)
    # The figures hold over the whole of 2025-2030, not just today.
    for day in (dt.date(2025, 1, 1), dt.date(2030, 12, 31)):
        later = world.current_community_seats(day)
        assert len({s["org_id"] for s in later}) == 286
        assert len({s["person_id"] for s in later}) == 1413
    # Past terms exist, and are not counted.
    assert any(not _current(s) for s in world.t["committee_seats"] if world.community_org(s["org_id"]))


def test_joint_meetings_in_59_streets_and_277_communities(world: World) -> None:
    with_meeting = Counter(row["level"] for row in world.t["areas"] if row["joint_meeting"] == "true")
    assert with_meeting == {"street": 59, "community": 277}


def test_xishan_has_195_grids_each_with_a_branch_and_195_liaisons(world: World) -> None:
    xishan = world.area_named("西山区")["id"]
    grids = [a["id"] for a in world.t["areas"] if a["level"] == "grid" and world.in_area(a["id"], xishan)]
    assert len(grids) == 195
    branches = Counter(o["area_id"] for o in world.t["party_orgs"] if o["type"] == "branch" and o["area_id"])
    assert all(branches[grid] == 1 for grid in grids)
    liaisons = [
        p
        for p in world.t["people"]
        if p["title"] == "党建联络员" and world.in_area(world.unit[p["unit_id"]]["area_id"], xishan)
    ]
    assert len(liaisons) == 195
    chuanfang = world.area_named("船房社区")
    assert world.area[chuanfang["parent_id"]]["name"] == "福海街道"
    assert sum(1 for a in world.t["areas"] if a["parent_id"] == chuanfang["id"]) == 24


def test_guandu_has_900_branches_with_about_19000_members(world: World) -> None:
    guandu = world.area_named("官渡区")["id"]
    branches = [
        o for o in world.t["party_orgs"] if o["type"] == "branch" and world.in_area(world.org_area(o), guandu)
    ]
    assert len(branches) == 900
    assert 19_000 <= sum(int(o["members"]) for o in branches) < 19_500  # "19000余名党员"


def test_the_real_names_are_where_the_article_puts_them(world: World) -> None:
    def parent_name(name: str) -> str:
        return world.area[world.area_named(name)["parent_id"]]["name"]

    assert world.area_named("昆明市")["level"] == "city"
    for district in ("五华区", "盘龙区", "官渡区", "西山区", "呈贡区", "宜良县"):
        assert parent_name(district) == "昆明市"
    assert parent_name("太和街道") == "官渡区"
    assert parent_name("龙翔街道") == "五华区"
    assert parent_name("佴家湾社区") == "太和街道"
    assert (
        world.area[world.area_named("永兴路社区")["parent_id"]]["parent_id"]
        == world.area_named("西山区")["id"]
    )
    assert (
        world.area[world.area_named("金星社区")["parent_id"]]["parent_id"] == world.area_named("盘龙区")["id"]
    )
    units = {u["name"]: u for u in world.t["units"]}
    assert "市三院" in split_ids(units["昆明市第三人民医院"]["aliases"])
    assert any("市供电局" in split_ids(u["aliases"]) for u in units.values())
    assert "昆明怡宁房地产开发有限公司" in units
    city = world.area_named("昆明市")["id"]
    working = [o for o in world.t["party_orgs"] if o["type"] == "working_committee" and o["area_id"] == city]
    assert len(working) == 7


def test_the_article_s_co_building(world: World) -> None:
    needs = {n["id"]: n for n in world.t["needs"]}
    owner_area = {
        n["id"]: world.org_area(world.org[n["owner_id"]])
        for n in world.t["needs"]
        if n["owner_id"] in world.org
    }
    projects = world.t["projects"]
    # 市三院's 预防保健科 gives free check-ups to 佴家湾社区's disabled residents.
    erjiawan = world.area_named("佴家湾社区")["id"]
    checkups = [
        p
        for p in projects
        if world.org.get(p["provider_id"], {}).get("name", "").endswith("预防保健科党支部")
        and owner_area[p["need_id"]] == erjiawan
        and "残疾人" in p["title"]
        and needs[p["need_id"]]["category"] == "health"
    ]
    assert checkups
    # 市供电局 repairs lines in old compounds.
    power = next(u["id"] for u in world.t["units"] if "市供电局" in split_ids(u["aliases"]))
    assert any(
        world.org.get(p["provider_id"], {}).get("unit_id") == power and "线路" in p["title"] for p in projects
    )
    # 龙翔街道's needs list covers 10 categories.
    longxiang = world.area_named("龙翔街道")["id"]
    categories = {n["category"] for n in world.t["needs"] if owner_area.get(n["id"]) == longxiang}
    assert categories == TEN
    # 永兴路社区: a hundred services.
    yongxing = world.area_named("永兴路社区")["id"]

    def owner_in(owner: str, area: str) -> bool:
        place = world.org_area(world.org[owner]) if owner in world.org else world.unit[owner]["area_id"]
        return place == area

    services = [
        r
        for r in world.t["resources"]
        if r["title"].startswith("百项服务进社区") and owner_in(r["owner_id"], yongxing)
    ]
    assert len(services) == 100


def test_needs_and_resources_span_the_ten_categories(world: World) -> None:
    assert {n["category"] for n in world.t["needs"]} >= TEN
    assert {r["category"] for r in world.t["resources"]} >= TEN
    assert {p["status"] for p in world.t["projects"]} == {"planned", "ongoing", "done", "cancelled"}
    assert {n["status"] for n in world.t["needs"]} == {"open", "claimed", "done"}


def test_contracts_of_every_status_and_some_stale_ones(world: World) -> None:
    statuses = Counter(c["status"] for c in world.t["contracts"])
    assert set(statuses) == {"active", "expired", "terminated", "draft"}
    assert min(statuses.values()) >= 3
    stale = [c for c in world.t["contracts"] if c["status"] == "active" and c["expires"] < "2026-01-01"]
    assert stale  # 'active' in the ledger, but past expiry


def test_a_realistic_share_of_units_has_no_co_building_link(world: World) -> None:
    t = world.t
    owner_of = {o["id"]: o["unit_id"] for o in t["party_orgs"] if o["unit_id"]}

    def unit_of(ref: str) -> str:
        return owner_of.get(ref, ref)

    linked: set[str] = set()
    linked |= {unit_of(m["member_id"]) for m in t["alliance_members"]}
    linked |= {unit_of(p) for c in t["contracts"] for p in split_ids(c["parties"])}
    linked |= {unit_of(n["owner_id"]) for table in ("needs", "resources") for n in t[table]}
    linked |= {unit_of(p["provider_id"]) for p in t["projects"]}
    seated = {s["person_id"] for s in t["committee_seats"]}
    linked |= {world.person[p]["unit_id"] for p in seated}
    units = {u["id"] for u in t["units"]}
    share = len(units - linked) / len(units)
    assert 0.25 <= share <= 0.35
    assert len(units) <= 5000


# --- Loaded through the loader, asserted through Cypher -----------------------------------------------


def _load(graph: Graph, package: Path) -> Graph:
    result = load_path(graph, package)
    assert result.outcome == "ok", result.problems[:5]
    return graph


@pytest.fixture
def loaded(graph: Graph, package: Path) -> Graph:
    return _load(graph, package)


@pytest.mark.slow
def test_the_article_s_figures_through_cypher(loaded: Graph) -> None:
    g = loaded
    day = {"day": TODAY}
    assert g.read(figures.STREET_ALLIANCES) == [{"alliances": 46}]
    assert g.read(figures.BIG_COMMITTEES, day) == [{"committees": 286, "members": 1413}]
    assert g.read(figures.BIG_COMMITTEES, {"day": dt.date(2030, 12, 31)}) == [
        {"committees": 286, "members": 1413}
    ]
    assert g.read(figures.GRIDS, {"area": "西山区"}) == [{"grids": 195, "with_branch": 195}]
    assert g.read(figures.WORKERS_TITLED, {"area": "西山区", "title": "党建联络员"}) == [{"people": 195}]
    assert g.read(figures.GRIDS, {"area": "船房社区"})[0]["grids"] == 24
    (guandu,) = g.read(figures.AREA_BRANCHES, {"area": "官渡区"})
    assert guandu["branches"] == 900
    assert 19_000 <= guandu["members"] < 19_500
    (longxiang,) = g.read(figures.NEED_CATEGORIES, {"area": "龙翔街道"})
    assert set(longxiang["categories"]) == TEN
    (units,) = g.read(figures.UNLINKED_UNITS)
    assert 0.25 <= units["unlinked"] / units["units"] <= 0.35
    checkups = g.read(figures.PROJECTS_OF_UNIT_FOR_AREA, {"unit": "市三院", "area": "佴家湾社区"})
    assert any("残疾人" in p["project"] and p["category"] == "health" for p in checkups)
    repairs = g.read(figures.PROJECTS_OF_UNIT_FOR_AREA, {"unit": "市供电局", "area": "太和街道"})
    assert any("线路" in p["project"] for p in repairs)
    services = g.read(figures.RESOURCES_IN_AREA, {"area": "永兴路社区", "prefix": "百项服务进社区"})
    assert services == [{"resources": 100}]


@pytest.mark.slow
def test_joint_meetings_through_cypher(graph: Graph, package: Path) -> None:
    rows = _load(graph, package).read(figures.JOINT_MEETINGS)
    assert rows == [{"level": "community", "areas": 277}, {"level": "street", "areas": 59}]


def test_the_article_file_refuses_a_list_that_disagrees_with_its_figure() -> None:
    """kunming.yaml states each figure once beside the list it counts; a list one short fails to load."""
    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert len(parse_article(raw).city_working_committees) == 7
    raw["city_working_committees"] = raw["city_working_committees"][:6]
    with pytest.raises(ValueError, match="working_committees"):
        parse_article(raw)
