"""The Kunming demo world: a deterministic data package built around the 2020 article on Kunming's
regional party building (../shared/seed/). Its real names and its figures are the article's, kept in
kunming.yaml (loaders/demo/article.py reads it); everything else (the other units, people, dates, most
contracts) is invented, reproducibly, from a fixed seed.

docs/demo-world.md says which figures are the article's and which are invented. Statuses and terms are
set as of the article file's `reference_date`, never the clock, so the same seed always writes the
same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from loaders.demo import names
from loaders.demo.article import load_article
from loaders.demo.world import Area, Unit, WorldRows, iso

ARTICLE = load_article()
FIGURES = ARTICLE.figures
SEED = ARTICLE.seed
REFERENCE_DATE = ARTICLE.reference_date
ALL_CATEGORIES = ARTICLE.all_categories
CITY_WORKING_COMMITTEES = ARTICLE.city_working_committees

#: A contract's status drawn at random: mostly active, some expired, terminated or still drafts.
_CONTRACT_STATUSES = ("active",) * 31 + ("expired",) * 10 + ("terminated",) * 4 + ("draft",) * 5
_UNIT_BRANCHES = ("第一党支部", "第二党支部", "机关党支部", "离退休党支部", "青年党支部")
_GUANDU_BRANCH_KINDS = (
    "第一党支部",
    "第二党支部",
    "第三党支部",
    "离退休党员党支部",
    "流动党员党支部",
    "小区党支部",
)
#: The chance that a unit of a kind has a party org of its own (1.0 for kinds not named).
_ORG_CHANCE = {"private": 0.6, "social": 0.5, "property": 0.5, "owners": 0.0, "other": 0.4}


class KunmingWorld(WorldRows):
    """Builds every row of the demo world, top down, from the article's facts and the seed."""

    def __init__(self, seed: int = SEED) -> None:
        super().__init__(seed)
        self.named: dict[str, Unit] = {}
        self.named_branches: dict[str, str] = {}
        self.seated: set[str] = set()  # units someone of which holds a current seat

    def build(self) -> KunmingWorld:
        """Build every table; the figures are fixed, everything else comes from the seed."""
        self._areas()
        self._area_orgs()
        self._units()
        self._alliances()
        self._seats()
        self._grids()
        self._named_cobuilding()
        self._contracts()
        self._guandu_branches()
        self._area_rows()
        return self

    # --- areas and their party orgs -----------------------------------------------------------
    def _areas(self) -> None:
        city = self.add_area(*ARTICLE.city, "city", None, "")
        self.used_names.add(city.name)
        for district_facts in ARTICLE.districts:
            name = district_facts.name
            district = self.add_area(district_facts.code, name, "district", city, name)
            self.used_names.add(name)
            for i, street_name in enumerate(district_facts.streets, start=1):
                street = self.add_area(f"{district.id}{i:03d}", street_name, "street", district, name)
                self.used_names.add(street_name)
                self.streets.append(street)
        self._communities()

    def _communities(self) -> None:
        """At least 3 communities per street, the rest spread at random (at most 9 per street)."""
        rng = self.rng
        per_street = {street.id: 3 for street in self.streets}
        self.used_names |= set(ARTICLE.named_communities)
        while sum(per_street.values()) < FIGURES.communities:
            street = rng.choice(self.streets)
            if per_street[street.id] < 9:
                per_street[street.id] += 1
        for street in self.streets:
            named_here = [c for c, s in ARTICLE.named_communities.items() if s == street.name]
            for i in range(per_street[street.id]):
                name = named_here[i] if i < len(named_here) else self._new_community_name()
                community = self.add_area(
                    f"{street.id}{i + 1:03d}", name, "community", street, street.district
                )
                self.communities.append(community)
        assert set(ARTICLE.named_communities.values()) <= {s.name for s in self.streets}

    def _new_community_name(self) -> str:
        rng = self.rng
        while True:
            word = rng.choice(names.PLACE_WORDS)
            name = word + rng.choice(("", "", "", "东", "西", "南", "北", "新村", "路", "苑")) + "社区"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _area_orgs(self) -> None:
        city = self.areas[ARTICLE.city[0]]
        self.city_org = self.add_org("中共昆明市委员会", "committee", "", "", area=city)
        self.sector_orgs = [
            self.add_org(name, "working_committee", self.city_org, "", area=city)
            for name in CITY_WORKING_COMMITTEES
        ]
        self.district_orgs: dict[str, str] = {}
        for area in list(self.areas.values()):
            if area.level == "district":
                area.org = self.add_org(
                    f"中共{area.name}委员会", "committee", self.city_org, area.name, area=area
                )
                self.district_orgs[area.name] = area.org
            elif area.level == "street":
                is_street = area.name.endswith("街道")
                org_type = "working_committee" if is_street else "committee"
                org_name = f"中共{area.name}{'工作委员会' if is_street else '委员会'}"
                assert area.parent is not None
                area.org = self.add_org(org_name, org_type, area.parent.org, area.district, area=area)
            elif area.level == "community":
                assert area.parent is not None
                members = self.rng.randrange(25, 160)
                area.org = self.add_org(
                    f"中共{area.name}委员会",
                    "committee",
                    area.parent.org,
                    area.district,
                    area=area,
                    members=members,
                )

    # --- units ----------------------------------------------------------------------------------
    def _units(self) -> None:
        for facts in ARTICLE.named_units:
            self._named_unit(facts)
        self.street_offices: dict[str, Unit] = {}
        self.police_stations: dict[str, Unit] = {}
        for street in self.streets:
            self._street_units(street)
        self._choose_big_committees()
        for community in self.communities:
            self._community_units(community)

    def _named_unit(self, facts: Any) -> None:
        """A unit the article names, its party org and branches, in the order kunming.yaml lists them."""
        area = self._named_area(facts.area)
        unit = self.add_unit(
            facts.name,
            facts.kind,
            area,
            linked=True,
            industry=facts.industry,
            aliases=facts.aliases,
            address=facts.address,
        )
        parent = area.org if facts.org.parent == "community" else self.sector_orgs[facts.org.parent["sector"]]
        unit.org = self.add_org(
            facts.org.name, facts.org.type, parent, area.district, unit=unit, members=facts.org.members
        )
        for branch in facts.branches:
            org = self.add_org(
                branch.name, "branch", unit.org, area.district, unit=unit, members=branch.members
            )
            if branch.key:
                self.named_branches[branch.key] = org
        self.named[facts.key] = unit

    def _named_area(self, where: dict[str, str]) -> Area:
        if "street" in where:
            return self._street(where["street"])
        street = self._street(where["first_community_of"])
        return next(c for c in self.communities if c.parent is street)

    def _street_units(self, street: Area) -> None:
        """A street's office and police station, and two to four other units at street level."""
        rng = self.rng
        office = self.add_unit(
            f"{street.district}{street.name}办事处", "agency", street, linked=True, industry="公共管理"
        )
        self.street_offices[street.id] = office
        short = street.name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        station = self.add_unit(
            self._unique(f"昆明市公安局{street.district}分局{short}派出所"),
            "police",
            street,
            linked=True,
            industry="公安",
        )
        station.org = self.add_org(
            f"{station.name}党支部",
            "branch",
            self.district_orgs[street.district],
            street.district,
            unit=station,
            members=rng.randrange(8, 30),
        )
        self.police_stations[street.id] = station
        kinds, weights = zip(*ARTICLE.street_unit_kinds.items(), strict=True)
        for _ in range(rng.choice((2, 3, 3, 4))):
            kind = rng.choices(kinds, weights=weights)[0]
            unit = self._new_unit(kind, street, linked=rng.random() > 0.15)
            self._unit_org(unit, big=kind in ("institution", "soe") and rng.random() < 0.5)

    def _choose_big_committees(self) -> None:
        """Which communities are big committees, and how many current part-time seats each has."""
        rng = self.rng
        others = [c for c in self.communities if c.name not in ARTICLE.named_communities]
        small = {c.id for c in rng.sample(others, FIGURES.communities - FIGURES.big_committees)}
        self.big = [c for c in self.communities if c.id not in small]
        self.small = [c for c in self.communities if c.id in small]
        self.seat_count = {c.id: 2 for c in self.big}
        while sum(self.seat_count.values()) < FIGURES.part_time_members:
            community = rng.choice(self.big)
            if self.seat_count[community.id] < 10:
                self.seat_count[community.id] += 1

    def _community_units(self, community: Area) -> None:
        """A community's units: seat holders, units linked otherwise, and units with no link at all."""
        rng = self.rng
        seats = self.seat_count.get(community.id, 0)
        linked_only = rng.randrange(1, 4)
        isolated = max(0, round(rng.gauss(0.45, 0.2) * (seats + linked_only)))
        kinds, weights = zip(*ARTICLE.community_unit_kinds.items(), strict=True)
        drawn = ["property"] + rng.choices(kinds, weights=weights, k=seats + linked_only + isolated - 1)
        for i, kind in enumerate(drawn):
            unit = self._new_unit(kind, community, linked=i < seats + linked_only)
            self._unit_org(unit)

    def _new_unit(self, kind: str, area: Area, *, linked: bool) -> Unit:
        """A made-up unit; a name already taken is drawn again (numbered only if that keeps failing)."""
        for _ in range(20):
            industry, name = names.unit_name(
                self.rng, kind, area.district, self.rng.choice(names.PLACE_WORDS)
            )
            if name not in self.used_names:
                break
        return self.add_unit(self._unique(name), kind, area, linked=linked, industry=industry)

    def _unit_org(self, unit: Unit, *, big: bool = False) -> None:
        """Give a unit its own party org (most do; owners' committees do not)."""
        rng = self.rng
        if rng.random() >= _ORG_CHANCE.get(unit.kind, 1.0):
            return
        parent = self._unit_org_parent(unit, big=big)
        district = unit.area.district
        if big:
            unit.org = self.add_org(f"中共{unit.name}委员会", "committee", parent, district, unit=unit)
            for branch in rng.sample(_UNIT_BRANCHES, 2):
                members = rng.randrange(10, 45)
                self.add_org(f"{unit.name}{branch}", "branch", unit.org, district, unit=unit, members=members)
        else:
            size = rng.randrange(3, 50)
            org_type = "general_branch" if size > 45 else "branch"
            suffix = "党总支" if org_type == "general_branch" else "党支部"
            unit.org = self.add_org(
                f"{unit.name}{suffix}", org_type, parent, district, unit=unit, members=size
            )

    def _unit_org_parent(self, unit: Unit, *, big: bool) -> str:
        """A sector working committee (a hospital's is the next one), the district's committee, or the
        party org of the unit's own area."""
        sector = ARTICLE.sector_of_kind.get(unit.kind)
        if sector is not None and (big or self.rng.random() < 0.3):
            return self.sector_orgs[sector + (1 if unit.kind == "institution" and "医院" in unit.name else 0)]
        if sector is not None:
            return self.district_orgs[unit.area.district]
        return unit.area.org

    def _street(self, name: str) -> Area:
        return next(s for s in self.streets if s.name == name)

    def _community(self, name: str) -> Area:
        return next(c for c in self.communities if c.name == name)

    # --- alliances, seats and grids -------------------------------------------------------------
    def _alliances(self) -> None:
        rng = self.rng
        named = ARTICLE.named_alliance_streets
        candidates = [
            s
            for s in self.streets
            if s.district != ARTICLE.no_random_alliance_district and s.name not in named
        ]
        chosen = {s.id for s in rng.sample(candidates, FIGURES.street_alliances - len(named))}
        chosen |= {self._street(name).id for name in named}
        self.alliance_of: dict[str, str] = {}
        without = [s for s in self.streets if s.id not in chosen]
        no_meeting = {s.id for s in rng.sample(without, len(self.streets) - FIGURES.joint_meeting_streets)}
        for street in self.streets:
            street.joint_meeting = street.id not in no_meeting
            if street.id in chosen:
                self._alliance(street)
        self.alliance_members = {(r["alliance_id"], r["member_id"]) for r in self.rows["alliance_members"]}

    def _alliance(self, street: Area) -> None:
        """A street's alliance, led by its working committee, with its members and their roles."""
        alliance_id = self._next("L", 3)
        founded = self._date(dt.date(2017, 3, 1), dt.date(2019, 6, 30))
        self.rows["alliances"].append(
            {
                "id": alliance_id,
                "name": f"{street.name}党建联盟",
                "street_id": street.id,
                "lead_org_id": street.org,
                "founded": iso(founded),
            }
        )
        self.alliance_of[street.id] = alliance_id
        seen: set[str] = set()
        for member, role in self._alliance_candidates(street):
            if member in seen:
                continue
            seen.add(member)
            joined = self._date(founded, dt.date(2024, 12, 31))
            self.rows["alliance_members"].append(
                {"alliance_id": alliance_id, "member_id": member, "joined": iso(joined), "role": role}
            )

    def _alliance_candidates(self, street: Area) -> list[tuple[str, str]]:
        members: list[tuple[str, str]] = []
        for i, unit in enumerate(u for u in street.units if u.linked):
            role = "副主席单位" if i < 2 and unit.kind != "agency" else "成员单位"
            if unit is self.street_offices[street.id]:
                role = "秘书处单位"
            members.append((unit.party, role))
        for community in (c for c in self.communities if c.parent is street):
            for unit in community.units:
                wanted = unit is self.named["yining"] or self.rng.random() < 0.35
                if unit.linked and (unit.org or unit.kind == "owners") and wanted:
                    members.append((unit.party, "成员单位"))
        return members

    def _seats(self) -> None:
        for community in self.big:
            self._big_committee_seats(community)
        # Some small communities once had part-time members, but no longer have any.
        for community in self.small[::2]:
            for unit in [u for u in community.units if u.linked][:2]:
                person = self.add_person(unit, self.rng.choice(ARTICLE.head_titles[unit.kind]))
                end = self._date(dt.date(2020, 6, 1), dt.date(2023, 12, 31))
                self.add_seat(person, community.org, dt.date(2017, 6, 1), end)

    def _big_committee_seats(self, community: Area) -> None:
        """A big committee's current part-time members, a few who also sat before, and a few whose
        term is over (they count for nothing now)."""
        rng = self.rng
        count = self.seat_count[community.id]
        assert community.parent is not None
        hospital = self.named["hospital"]
        holders: list[Unit] = []
        if community.name == ARTICLE.hospital_seat["community"]:
            holders.append(hospital)
        if rng.random() < 0.6:
            holders.append(self.police_stations[community.parent.id])
        holders += [u for u in community.units if u.linked][: count - len(holders)]
        assert len(holders) == count, community.name
        start = self._date(dt.date(2021, 3, 1), dt.date(2024, 12, 31))
        end = (
            None
            if rng.random() < 0.3
            else ARTICLE.current_term_end + dt.timedelta(days=rng.randrange(0, 400))
        )
        for unit in holders:
            title = "社区民警" if unit.kind == "police" else rng.choice(ARTICLE.head_titles[unit.kind])
            if unit is hospital:
                title = ARTICLE.hospital_seat["title"]
            person = self.add_person(unit, title, party_member=rng.random() < 0.96)
            self.seated.add(unit.id)
            if rng.random() < 0.12:  # also sat on the previous committee
                earlier = start - dt.timedelta(days=365 * 3)
                self.add_seat(person, community.org, earlier, start - dt.timedelta(days=1))
            seat_title = "兼职副书记" if rng.random() < 0.05 else "兼职委员"
            self.add_seat(person, community.org, start, end, seat_title)
        for unit in [u for u in community.units if u.linked][count : count + rng.choice((0, 0, 0, 1))]:
            person = self.add_person(unit, rng.choice(ARTICLE.head_titles[unit.kind]))
            self.add_seat(person, community.org, dt.date(2018, 3, 1), dt.date(2021, 2, 28))

    def _grids(self) -> None:
        """西山区's grids (船房社区's 24 among them), each with its branch and one party-building liaison."""
        rng = self.rng
        xishan = [c for c in self.communities if c.district == "西山区"]
        chuanfang = self._community("船房社区")
        grid_count = {c.id: 1 for c in xishan}
        grid_count[chuanfang.id] = FIGURES.chuanfang_grids
        while sum(grid_count.values()) < FIGURES.xishan_grids:
            community = rng.choice(xishan)
            if community is not chuanfang and grid_count[community.id] < 8:
                grid_count[community.id] += 1
        for community in xishan:
            assert community.parent is not None
            office = self.street_offices[community.parent.id]
            for n in range(1, grid_count[community.id] + 1):
                grid = self.add_area(
                    f"{community.id}{n:03d}",
                    f"{community.name}第{n}网格",
                    "grid",
                    community,
                    community.district,
                )
                members = rng.randrange(5, 28)
                grid.org = self.add_org(
                    f"{grid.name}党支部", "branch", community.org, grid.district, area=grid, members=members
                )
                # The contract seats people on community party orgs only, so a liaison's grid is not
                # recorded: each grid gets one liaison from the street office that runs the grids.
                self.add_person(office, "党建联络员")

    # --- co-building ----------------------------------------------------------------------------
    def _term(self, status: str) -> tuple[dt.date, dt.date]:
        years = self.rng.choice((2, 3, 3, 5))
        if status == "active":
            signed = self._date(dt.date(2021, 1, 1), dt.date(2025, 10, 31))
        elif status == "expired":
            signed = self._date(dt.date(2017, 1, 1), dt.date(2021, 12, 31))
            years = min(years, 3)
        elif status == "terminated":
            signed = self._date(dt.date(2019, 1, 1), dt.date(2023, 12, 31))
        else:
            signed = self._date(dt.date(2025, 11, 1), dt.date(2026, 6, 30))
        expires = signed + dt.timedelta(days=365 * years - 1)
        if status == "active" and self.rng.random() >= ARTICLE.stale_active_share:
            while expires < REFERENCE_DATE + dt.timedelta(days=540):
                expires += dt.timedelta(days=365)
        if status == "expired" and expires >= REFERENCE_DATE:
            expires = REFERENCE_DATE - dt.timedelta(days=self.rng.randrange(30, 400))
        return signed, expires

    def _project_for(
        self, contract: str, status: str, signed: dt.date, need: str, resource: str, provider: str, title: str
    ) -> None:
        rng = self.rng
        if status == "draft":
            return
        if status == "active":
            project_status = rng.choice(("ongoing", "ongoing", "done", "planned"))
        elif status == "expired":
            project_status = rng.choice(("done", "done", "cancelled"))
        else:
            project_status = rng.choice(("cancelled", "done"))
        start = signed + dt.timedelta(days=rng.randrange(10, 120))
        end: dt.date | None = None  # an ongoing or planned project has no end yet
        if project_status == "planned":
            start = max(start, REFERENCE_DATE + dt.timedelta(days=rng.randrange(20, 200)))
        elif project_status in ("done", "cancelled"):
            end = min(start + dt.timedelta(days=rng.randrange(30, 360)), REFERENCE_DATE)
            if end <= start:  # too recent to be over: still under way
                project_status, end = "ongoing", None
        self.add_project(title, contract, need, resource, provider, project_status, start, end)
        need_status = {"done": "done", "ongoing": "claimed", "planned": "claimed"}.get(project_status, "open")
        self.set_need_status(need, need_status)

    def _cobuild(
        self,
        title: str,
        area_side: str,
        unit_side: list[str],
        status: str,
        topics: list[tuple[str, str, str, str]],
        *,
        signed: dt.date | None = None,
        expires: dt.date | None = None,
    ) -> str:
        """A contract with one need, resource and project per topic (category, need, resource, project)."""
        if signed is None or expires is None:
            signed, expires = self._term(status)
        contract = self.add_contract(title, [area_side, *unit_side], status, signed, expires)
        for i, (category, need_title, resource_title, project_title) in enumerate(topics):
            provider = unit_side[i % len(unit_side)]
            need = self.add_need(area_side, category, need_title)
            resource = self.add_resource(provider, category, resource_title)
            self._project_for(contract, status, signed, need, resource, provider, project_title)
        return contract

    def _side(self, ref: dict[str, Any]) -> str:
        """The party org a reference of kunming.yaml names: an area's, a named unit's, or a branch."""
        if "community" in ref:
            return self._community(ref["community"]).org
        if "street" in ref:
            return self._street(ref["street"]).org
        if "home_of" in ref:
            return self.named[ref["home_of"]].area.org
        if "branch" in ref:
            return self.named_branches[ref["branch"]]
        return self.named[ref["unit"]].org

    def _unit_sides(self, refs: list[dict[str, Any]]) -> list[str]:
        sides: list[str] = []
        for ref in refs:
            if "linked_units_of" in ref:
                units = self._community(ref["linked_units_of"]).units
                sides += [u.party for u in units if u.linked][: ref["count"]]
            else:
                sides.append(self._side(ref))
        return sides

    def _named_cobuilding(self) -> None:
        for contract in ARTICLE.named_contracts:
            self._named_contract(contract)
        self._longxiang_needs_list()
        self._yongxinglu_services()
        for contract in ARTICLE.fixed_contracts:
            topics = [(c, need, resource, project) for c, need, resource, project in contract["items"]]
            unit_side = self._unit_sides(contract["unit_side"])
            self._cobuild(contract["title"], self._side(contract["area_side"]), unit_side, "active", topics)

    def _named_contract(self, facts: dict[str, Any]) -> None:
        """A contract of the article, its needs, resources and projects exactly as kunming.yaml has them."""
        parties = [self._side(facts["area_side"]), self._side(facts["unit_side"])]
        contract = self.add_contract(
            facts["title"], parties, facts["status"], facts["signed"], facts["expires"]
        )
        for item in facts["items"]:
            need, resource, project = item["need"], item["resource"], item["project"]
            need_id = self.add_need(parties[0], need["category"], need["title"], need["status"])
            provider = self._side(resource["by"])
            resource_id = self.add_resource(provider, need["category"], resource["title"])
            self.add_project(
                project["title"],
                contract,
                need_id,
                resource_id,
                provider,
                project["status"],
                project["start"],
                project.get("end"),
            )

    def _longxiang_needs_list(self) -> None:
        """五华区 龙翔街道: a needs list in ten categories, each need met by an alliance member's project."""
        facts = ARTICLE.longxiang
        street = self._street(facts["street"])
        partners = [u.party for u in street.units if u.linked][: facts["street_partners"]]
        for community in (c for c in self.communities if c.parent is street):
            partners += [u.party for u in community.units if u.linked][:1]
        topics = [
            (
                category,
                facts["need"].format(topic=topic),
                facts["resource"].format(topic=topic),
                facts["project"].format(topic=topic),
            )
            for category in ARTICLE.ten_categories
            for topic in self.rng.sample(names.SERVICE_TOPICS[category], facts["topics_per_category"])
        ]
        self._cobuild(
            facts["contract"],
            street.org,
            partners,
            "active",
            topics,
            signed=facts["signed"],
            expires=facts["expires"],
        )

    def _yongxinglu_services(self) -> None:
        """西山区 永兴路社区: "百项服务进社区", a hundred services of the community and its units."""
        facts = ARTICLE.yongxinglu
        community = self._community(facts["community"])
        providers = [community.org, *[u.party for u in community.units if u.linked]]
        menu = [
            (category, often, topic)
            for category in ALL_CATEGORIES
            for topic in names.SERVICE_TOPICS[category]
            for often in facts["often"]
        ]
        for i, (category, often, topic) in enumerate(self.rng.sample(menu, FIGURES.yongxinglu_services)):
            title = facts["resource"].format(often=often, topic=topic)
            self.add_resource(providers[i % len(providers)], category, title)
        topics = [
            (
                t["category"],
                facts["need"].format(topic=t["topic"]),
                t["topic"],
                facts["project"].format(topic=t["topic"]),
            )
            for t in facts["topics"]
        ]
        self._cobuild(
            facts["contract"], community.org, providers[1 : 1 + facts["partners"]], "active", topics
        )

    def _contracts(self) -> None:
        for community in self.communities:
            self._community_contracts(community)
        for street in self.streets:
            if street.name not in ARTICLE.streets_without_random_contracts:
                self._street_contracts(street)
        # Units that provide without a contract: resources on offer, ready to be matched.
        rng = self.rng
        for unit in rng.sample([u for u in self.units if u.linked], 120):
            category = rng.choice(ALL_CATEGORIES)
            self.add_resource(unit.party, category, f"{unit.name}{names.service_title(rng, category)}")

    def _community_contracts(self, community: Area) -> None:
        """Contracts of a community with its units (every linked unit that is neither seated nor in the
        alliance has one), and a few open needs that no one has met yet."""
        rng = self.rng
        linked = [u for u in community.units if u.linked]
        alliance = self.alliance_of.get(community.parent.id if community.parent else "", "")
        must = [
            u for u in linked if u.id not in self.seated and (alliance, u.party) not in self.alliance_members
        ]
        extra = rng.sample(linked, min(len(linked), rng.choice((0, 1, 1, 2))))
        for unit in must + [u for u in extra if u not in must]:
            status = rng.choice(_CONTRACT_STATUSES)
            topics = []
            for category in rng.sample(ALL_CATEGORIES, rng.choice((1, 1, 2, 3))):
                topic = names.service_title(rng, category)
                topics.append(
                    (
                        category,
                        f"{community.name}{topic}需求",
                        f"{unit.name}{topic}",
                        f"{community.name}{topic}项目",
                    )
                )
            self._cobuild(
                f"{community.name}党委与{unit.name}共建协议", community.org, [unit.party], status, topics
            )
        for category in rng.sample(ALL_CATEGORIES, rng.choice((0, 1, 2))):
            self.add_need(
                community.org, category, f"{community.name}{names.service_title(rng, category)}需求"
            )

    def _street_contracts(self, street: Area) -> None:
        rng = self.rng
        for unit in [u for u in street.units if u.linked and u.kind != "agency"][: rng.choice((0, 1, 2))]:
            status = rng.choice(_CONTRACT_STATUSES)
            category = rng.choice(ALL_CATEGORIES)
            topic = names.service_title(rng, category)
            self._cobuild(
                f"{street.name}党工委与{unit.name}共建协议",
                street.org,
                [unit.party],
                status,
                [(category, f"{street.name}{topic}需求", f"{unit.name}{topic}", f"{street.name}{topic}项目")],
            )

    # --- the article's figures that are topped up last ------------------------------------------
    def _guandu_branches(self) -> None:
        """Top 官渡区 up to exactly 900 branches, then spread its 19,214 members over them."""
        orgs = self.rows["party_orgs"]
        branches = [r for r in orgs if r["type"] == "branch" and self.org_district[r["id"]] == "官渡区"]
        guandu = [c for c in self.communities if c.district == "官渡区"]
        kinds = _GUANDU_BRANCH_KINDS
        n = 0
        while len(branches) < FIGURES.guandu_branches:
            community = guandu[n % len(guandu)]
            label = kinds[(n // len(guandu)) % len(kinds)]
            round_no = n // (len(guandu) * len(kinds))
            name = f"{community.name}{label}" if round_no == 0 else f"{community.name}{label}{round_no + 1}"
            self.add_org(name, "branch", community.org, "官渡区", area=community, members=0)
            branches.append(orgs[-1])
            n += 1
        fixed = {self.named_branches["prevention_branch"]}
        self._spread_members(
            [r for r in branches if r["id"] not in fixed],
            FIGURES.guandu_members - sum(int(r["members"]) for r in branches if r["id"] in fixed),
        )

    def _spread_members(self, rows: list[dict[str, Any]], total: int) -> None:
        """Give the org rows random member counts (8 to 35), then nudge them (never below 3) to `total`."""
        for row in rows:
            row["members"] = self.rng.randrange(8, 36)
        have = sum(int(r["members"]) for r in rows)
        i = 0
        while have != total:
            row = rows[i % len(rows)]
            step = 1 if have < total else -1
            if row["members"] + step >= 3:
                row["members"] += step
                have += step
            i += 1

    def _area_rows(self) -> None:
        rng = self.rng
        named = ARTICLE.named_communities
        small_meeting = {c.id for c in rng.sample(self.small, 5)}
        big_others = [c for c in self.big if c.name not in named]
        big_meeting = {
            c.id for c in rng.sample(big_others, FIGURES.joint_meeting_communities - 5 - len(named))
        }
        for community in self.communities:
            community.joint_meeting = (
                community.id in small_meeting or community.id in big_meeting or community.name in named
            )
        for area in self.areas.values():
            self.rows["areas"].append(
                {
                    "id": area.id,
                    "name": area.name,
                    "level": area.level,
                    "parent_id": area.parent.id if area.parent else "",
                    "joint_meeting": area.joint_meeting,
                }
            )


def build_kunming(out: Path, seed: int = SEED) -> dict[str, int]:
    """Build the Kunming demo world as a data package in `out` (a folder of CSV files); row counts back."""
    return KunmingWorld(seed).build().write(out)
