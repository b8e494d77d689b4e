"""The Kunming demo world: a deterministic data package built around the 2020 article on Kunming's
regional party building (../shared/seed/). Its real names and its figures are the article's; everything
else (the other units, people, dates, most contracts) is invented, reproducibly, from a fixed seed.

The figures it reproduces exactly are the constants below; docs/demo-world.md says which are the
article's and which are invented. Statuses and terms are set as of `REFERENCE_DATE`, never the clock,
so the same seed always writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.demo import names
from loaders.demo.package_writer import TABLES, PackageWriter
from loaders.demo.uscc import KIND_PREFIX, make_uscc

SEED = 20200102  # the article's date

# The article's figures.
STREET_ALLIANCES = 46
BIG_COMMITTEES = 286
PART_TIME_MEMBERS = 1413
JOINT_MEETING_STREETS = 59
JOINT_MEETING_COMMUNITIES = 277
XISHAN_GRIDS = 195
CHUANFANG_GRIDS = 24
GUANDU_BRANCHES = 900
GUANDU_MEMBERS = 19_214  # "19000余名党员"; the exact number is invented
WORKING_COMMITTEES = 7
LONGXIANG_NEED_CATEGORIES = 10
YONGXINGLU_SERVICES = 100

# Invented sizes.
COMMUNITIES = 310
REFERENCE_DATE = dt.date(2026, 1, 1)
STALE_ACTIVE_SHARE = 0.08  # contracts still 'active' in the ledger although past their expiry
CURRENT_TERM_END = dt.date(2031, 12, 31)  # current seats run at least to this day (or have no end)

CITY = ("530100", "昆明市")

# (code, name, streets); 乡镇 of 宜良县 are street-level areas too.
DISTRICTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "530102",
        "五华区",
        (
            "华山街道",
            "护国街道",
            "大观街道",
            "龙翔街道",
            "丰宁街道",
            "莲华街道",
            "红云街道",
            "黑林铺街道",
            "普吉街道",
            "西翥街道",
        ),
    ),
    (
        "530103",
        "盘龙区",
        (
            "拓东街道",
            "鼓楼街道",
            "东华街道",
            "联盟街道",
            "金辰街道",
            "青云街道",
            "龙泉街道",
            "茨坝街道",
            "松华街道",
            "双龙街道",
            "滇源街道",
            "阿子营街道",
        ),
    ),
    (
        "530111",
        "官渡区",
        (
            "太和街道",
            "关上街道",
            "金马街道",
            "吴井街道",
            "官渡街道",
            "小板桥街道",
            "矣六街道",
            "六甲街道",
            "大板桥街道",
            "阿拉街道",
        ),
    ),
    (
        "530112",
        "西山区",
        (
            "金碧街道",
            "永昌街道",
            "前卫街道",
            "福海街道",
            "棕树营街道",
            "西苑街道",
            "马街街道",
            "碧鸡街道",
            "海口街道",
            "团结街道",
        ),
    ),
    (
        "530114",
        "呈贡区",
        (
            "龙城街道",
            "斗南街道",
            "洛羊街道",
            "吴家营街道",
            "雨花街道",
            "乌龙街道",
            "大渔街道",
            "七甸街道",
            "马金铺街道",
            "洛龙街道",
        ),
    ),
    (
        "530125",
        "宜良县",
        ("匡远街道", "汤池街道", "南羊街道", "北古城镇", "狗街镇", "马街镇", "竹山镇", "九乡乡", "耿家营乡"),
    ),
)

# Named communities: name -> (district, street).
NAMED_COMMUNITIES: dict[str, tuple[str, str]] = {
    "佴家湾社区": ("官渡区", "太和街道"),
    "永兴路社区": ("西山区", "永昌街道"),
    "船房社区": ("西山区", "福海街道"),
    "金星社区": ("盘龙区", "金辰街道"),
}
# Streets that certainly have an alliance (the article names them, or their units).
NAMED_ALLIANCE_STREETS = ("太和街道", "龙翔街道", "永昌街道", "福海街道", "金辰街道", "金马街道", "拓东街道")

# The 7 working committees the city's 17 department committees became (the names are invented).
CITY_WORKING_COMMITTEES: tuple[str, ...] = (
    "中共昆明市党政机关工作委员会",
    "中共昆明市政法系统工作委员会",
    "中共昆明市教育系统工作委员会",
    "中共昆明市卫生健康系统工作委员会",
    "中共昆明市国有企业工作委员会",
    "中共昆明市城市建设管理系统工作委员会",
    "中共昆明市经济金融系统工作委员会",
)
assert len(CITY_WORKING_COMMITTEES) == WORKING_COMMITTEES
_SECTOR_OF_KIND = {"agency": 0, "police": 1, "institution": 2, "soe": 4}

TEN_CATEGORIES: tuple[str, ...] = (
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
)
ALL_CATEGORIES: tuple[str, ...] = (*TEN_CATEGORIES, "other")
assert len(TEN_CATEGORIES) == LONGXIANG_NEED_CATEGORIES

_COMMUNITY_UNIT_KINDS = ("private", "social", "property", "owners", "institution", "soe", "agency", "other")
_COMMUNITY_UNIT_WEIGHTS = (35, 12, 6, 8, 12, 10, 6, 5)
_STREET_UNIT_KINDS = ("institution", "soe", "agency", "private")
_STREET_UNIT_WEIGHTS = (4, 4, 2, 2)

_HEAD_TITLES = {
    "agency": ("所长", "党支部书记", "副所长"),
    "institution": ("院长", "校长", "党支部书记", "副院长", "党委副书记"),
    "soe": ("行长", "经理", "党支部书记", "党委委员"),
    "private": ("总经理", "党支部书记", "董事长", "副总经理"),
    "social": ("主任", "会长", "党支部书记"),
    "property": ("项目经理", "物业党支部书记"),
    "owners": ("业委会主任", "业委会委员"),
    "police": ("社区民警", "副所长"),
    "other": ("负责人", "党支部书记"),
}


def iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


@dataclass
class Area:
    id: str
    name: str
    level: str
    parent: Area | None
    district: str
    joint_meeting: bool | None = None
    org: str = ""  # the area's own party org (street working committee, community committee, grid branch)
    units: list[Unit] = field(default_factory=list)


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    area: Area
    linked: bool  # False: this unit is meant to have no co-building link of any kind
    org: str = ""  # the unit's own party org, if any

    @property
    def party(self) -> str:
        """What signs or joins for this unit: its party org, or the unit itself if it has none."""
        return self.org or self.id


class KunmingWorld:
    """Builds every row of the demo world in memory (a few thousand rows per table at most)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        self.serial: dict[str, int] = {}
        self.areas: dict[str, Area] = {}
        self.streets: list[Area] = []
        self.communities: list[Area] = []
        self.units: list[Unit] = []
        self.org_district: dict[str, str] = {}
        self.used_names: set[str] = set()

    # --- ids and rows -------------------------------------------------------------------------
    def _next(self, prefix: str, width: int) -> str:
        self.serial[prefix] = self.serial.get(prefix, 0) + 1
        return f"{prefix}{self.serial[prefix]:0{width}d}"

    def _unique(self, name: str) -> str:
        candidate, n = name, 1
        while candidate in self.used_names:
            n += 1
            candidate = f"{name}（{n}）"
        self.used_names.add(candidate)
        return candidate

    def _date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def add_area(self, code: str, name: str, level: str, parent: Area | None, district: str) -> Area:
        area = Area(code, name, level, parent, district)
        self.areas[code] = area
        return area

    def add_org(
        self,
        name: str,
        org_type: str,
        parent: str,
        district: str,
        *,
        unit: Unit | None = None,
        area: Area | None = None,
        members: int | None = None,
    ) -> str:
        org_id = self._next("O", 5)
        self.rows["party_orgs"].append(
            {
                "id": org_id,
                "name": name,
                "type": org_type,
                "parent_id": parent,
                "unit_id": unit.id if unit else "",
                "area_id": area.id if area else "",
                "members": members,
            }
        )
        self.org_district[org_id] = district
        return org_id

    def add_unit(
        self,
        name: str,
        kind: str,
        area: Area,
        *,
        linked: bool,
        industry: str = "",
        aliases: str = "",
        address: str = "",
    ) -> Unit:
        unit = Unit(self._next("U", 4), name, kind, area, linked)
        district_code = self._district_code(area)
        prefix = KIND_PREFIX[kind]
        has_code = bool(prefix) and self.rng.random() < 0.92
        street = area if area.level == "street" else area.parent
        assert street is not None
        place = self.rng.choice(names.PLACE_WORDS)
        self.rows["units"].append(
            {
                "id": unit.id,
                "name": name,
                "aliases": aliases,
                "kind": kind,
                "industry": industry,
                "address": address
                or f"昆明市{area.district}{street.name}{place}路{self.rng.randrange(1, 400)}号",
                "area_id": area.id,
                "uscc": make_uscc(prefix, district_code, 53_000_000 + len(self.units)) if has_code else "",
            }
        )
        self.units.append(unit)
        area.units.append(unit)
        return unit

    def _district_code(self, area: Area) -> str:
        node: Area | None = area
        while node is not None and node.level != "district":
            node = node.parent
        assert node is not None
        return node.id

    def add_person(self, unit: Unit, title: str, *, party_member: bool = True) -> str:
        person_id = self._next("P", 5)
        self.rows["people"].append(
            {
                "id": person_id,
                "name": names.person_name(self.rng),
                "unit_id": unit.id,
                "title": title,
                "party_member": party_member,
                "phone": names.mobile_phone(self.rng),
            }
        )
        return person_id

    def add_seat(
        self, person: str, org: str, start: dt.date, end: dt.date | None, title: str = "兼职委员"
    ) -> None:
        self.rows["committee_seats"].append(
            {"person_id": person, "org_id": org, "title": title, "start": iso(start), "end": iso(end)}
        )

    def add_contract(
        self, title: str, parties: list[str], status: str, signed: dt.date, expires: dt.date
    ) -> str:
        contract_id = self._next("C", 4)
        self.rows["contracts"].append(
            {
                "id": contract_id,
                "title": title,
                "signed": iso(signed),
                "expires": iso(expires),
                "parties": ";".join(parties),
                "status": status,
            }
        )
        return contract_id

    def add_need(self, owner: str, category: str, title: str, status: str = "open") -> str:
        need_id = self._next("N", 5)
        self.rows["needs"].append(
            {"id": need_id, "owner_id": owner, "category": category, "title": title, "status": status}
        )
        return need_id

    def add_resource(self, owner: str, category: str, title: str) -> str:
        resource_id = self._next("R", 5)
        self.rows["resources"].append(
            {"id": resource_id, "owner_id": owner, "category": category, "title": title}
        )
        return resource_id

    def add_project(
        self,
        title: str,
        contract: str,
        need: str,
        resource: str,
        provider: str,
        status: str,
        start: dt.date,
        end: dt.date | None,
    ) -> str:
        project_id = self._next("J", 5)
        self.rows["projects"].append(
            {
                "id": project_id,
                "title": title,
                "contract_id": contract,
                "need_id": need,
                "resource_id": resource,
                "provider_id": provider,
                "status": status,
                "start": iso(start),
                "end": iso(end),
            }
        )
        return project_id

    def set_need_status(self, need: str, status: str) -> None:
        for row in reversed(self.rows["needs"]):
            if row["id"] == need:
                row["status"] = status
                return

    # --- the world, top down ------------------------------------------------------------------
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

    def _areas(self) -> None:
        rng = self.rng
        city = self.add_area(CITY[0], CITY[1], "city", None, "")
        self.used_names.add(CITY[1])
        for code, district_name, street_names in DISTRICTS:
            district = self.add_area(code, district_name, "district", city, district_name)
            self.used_names.add(district_name)
            for i, street_name in enumerate(street_names, start=1):
                street = self.add_area(f"{code}{i:03d}", street_name, "street", district, district_name)
                self.used_names.add(street_name)
                self.streets.append(street)
        # Communities per street: at least 3, the rest spread at random (at most 9 per street).
        per_street = {street.id: 3 for street in self.streets}
        named_streets = {street for _, street in NAMED_COMMUNITIES.values()}
        self.used_names |= set(NAMED_COMMUNITIES)
        while sum(per_street.values()) < COMMUNITIES:
            street = rng.choice(self.streets)
            if per_street[street.id] < 9:
                per_street[street.id] += 1
        for street in self.streets:
            named_here = [c for c, (_, s) in NAMED_COMMUNITIES.items() if s == street.name]
            for i in range(per_street[street.id]):
                if i < len(named_here):
                    name = named_here[i]
                else:
                    name = self._community_name()
                    while name in self.used_names:
                        name = self._community_name()
                    self.used_names.add(name)
                community = self.add_area(
                    f"{street.id}{i + 1:03d}", name, "community", street, street.district
                )
                self.communities.append(community)
        assert named_streets <= {s.name for s in self.streets}

    def _community_name(self) -> str:
        rng = self.rng
        word = rng.choice(names.PLACE_WORDS)
        return word + rng.choice(("", "", "", "东", "西", "南", "北", "新村", "路", "苑")) + "社区"

    def _area_orgs(self) -> None:
        rng = self.rng
        city = self.areas[CITY[0]]
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
                area.org = self.add_org(
                    f"中共{area.name}委员会",
                    "committee",
                    area.parent.org,
                    area.district,
                    area=area,
                    members=rng.randrange(25, 160),
                )

    def _unit_org(self, unit: Unit, *, big: bool = False) -> None:
        """Give a unit its own party org (most do; owners' committees do not)."""
        rng = self.rng
        kind = unit.kind
        chance = {"private": 0.6, "social": 0.5, "property": 0.5, "owners": 0.0, "other": 0.4}.get(kind, 1.0)
        if rng.random() >= chance:
            return
        community = unit.area if unit.area.level == "community" else None
        if kind in _SECTOR_OF_KIND and (big or rng.random() < 0.3):
            parent = self.sector_orgs[
                _SECTOR_OF_KIND[kind] + (1 if kind == "institution" and "医院" in unit.name else 0)
            ]
        elif kind in _SECTOR_OF_KIND:
            parent = self.district_orgs[unit.area.district]
        else:
            parent = community.org if community else unit.area.org
        if big:
            unit.org = self.add_org(
                f"中共{unit.name}委员会", "committee", parent, unit.area.district, unit=unit
            )
            for branch in rng.sample(
                ("第一党支部", "第二党支部", "机关党支部", "离退休党支部", "青年党支部"), 2
            ):
                self.add_org(
                    f"{unit.name}{branch}",
                    "branch",
                    unit.org,
                    unit.area.district,
                    unit=unit,
                    members=rng.randrange(10, 45),
                )
        else:
            size = rng.randrange(3, 50)
            org_type = "general_branch" if size > 45 else "branch"
            suffix = "党总支" if org_type == "general_branch" else "党支部"
            unit.org = self.add_org(
                f"{unit.name}{suffix}", org_type, parent, unit.area.district, unit=unit, members=size
            )

    def _new_unit(self, kind: str, area: Area, *, linked: bool) -> Unit:
        """A made-up unit; a name already taken is drawn again (numbered only if that keeps failing)."""
        for _ in range(20):
            industry, name = names.unit_name(
                self.rng, kind, area.district, self.rng.choice(names.PLACE_WORDS)
            )
            if name not in self.used_names:
                break
        return self.add_unit(self._unique(name), kind, area, linked=linked, industry=industry)

    def _units(self) -> None:
        rng = self.rng
        # Named units first, so their ids are stable and easy to find.
        taihe = self._street("太和街道")
        self.hospital = self.add_unit(
            "昆明市第三人民医院",
            "institution",
            taihe,
            linked=True,
            industry="卫生",
            aliases="市三院;昆明三院",
            address="昆明市官渡区太和街道吴井路",
        )
        self.hospital.org = self.add_org(
            "中共昆明市第三人民医院委员会", "committee", self.sector_orgs[3], "官渡区", unit=self.hospital
        )
        self.prevention_branch = self.add_org(
            "昆明市第三人民医院预防保健科党支部",
            "branch",
            self.hospital.org,
            "官渡区",
            unit=self.hospital,
            members=18,
        )
        for branch, members in (("内科党支部", 41), ("外科党支部", 36), ("行政后勤党支部", 27)):
            self.add_org(
                f"昆明市第三人民医院{branch}",
                "branch",
                self.hospital.org,
                "官渡区",
                unit=self.hospital,
                members=members,
            )
        self.power = self.add_unit(
            "云南电网有限责任公司昆明供电局",
            "soe",
            taihe,
            linked=True,
            industry="电力",
            aliases="市供电局;昆明供电局",
            address="昆明市官渡区太和街道拓东路",
        )
        self.power.org = self.add_org(
            "中共云南电网有限责任公司昆明供电局委员会",
            "committee",
            self.sector_orgs[4],
            "官渡区",
            unit=self.power,
        )
        self.add_org(
            "昆明供电局城区供电服务党支部", "branch", self.power.org, "官渡区", unit=self.power, members=32
        )
        jinma = self._street("金马街道")
        yining_home = next(c for c in self.communities if c.parent is jinma)
        self.yining = self.add_unit(
            "昆明怡宁房地产开发有限公司",
            "private",
            yining_home,
            linked=True,
            industry="房地产",
            aliases="怡宁房地产;怡宁公司",
        )
        self.yining.org = self.add_org(
            "昆明怡宁房地产开发有限公司党支部",
            "branch",
            yining_home.org,
            "官渡区",
            unit=self.yining,
            members=23,
        )
        tuodong = self._street("拓东街道")
        self.police_hq = self.add_unit(
            "昆明市公安局",
            "police",
            tuodong,
            linked=True,
            industry="公安",
            aliases="市公安局",
        )
        self.police_hq.org = self.add_org(
            "中共昆明市公安局委员会", "committee", self.sector_orgs[1], "盘龙区", unit=self.police_hq
        )
        self.street_offices: dict[str, Unit] = {}
        self.police_stations: dict[str, Unit] = {}
        for street in self.streets:
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
            for _ in range(rng.choice((2, 3, 3, 4))):
                kind = rng.choices(_STREET_UNIT_KINDS, weights=_STREET_UNIT_WEIGHTS)[0]
                unit = self._new_unit(kind, street, linked=rng.random() > 0.15)
                self._unit_org(unit, big=kind in ("institution", "soe") and rng.random() < 0.5)
        # Which communities are big committees, and how many current part-time seats each has.
        others = [c for c in self.communities if c.name not in NAMED_COMMUNITIES]
        small = {c.id for c in rng.sample(others, COMMUNITIES - BIG_COMMITTEES)}
        self.big = [c for c in self.communities if c.id not in small]
        self.small = [c for c in self.communities if c.id in small]
        self.seat_count = {c.id: 2 for c in self.big}
        while sum(self.seat_count.values()) < PART_TIME_MEMBERS:
            community = rng.choice(self.big)
            if self.seat_count[community.id] < 10:
                self.seat_count[community.id] += 1
        # Units of each community: seat holders, units linked otherwise, and units with no link at all.
        for community in self.communities:
            seats = self.seat_count.get(community.id, 0)
            linked_only = rng.randrange(1, 4)
            isolated = max(0, round(rng.gauss(0.45, 0.2) * (seats + linked_only)))
            kinds = ["property"] + rng.choices(
                _COMMUNITY_UNIT_KINDS, weights=_COMMUNITY_UNIT_WEIGHTS, k=seats + linked_only + isolated - 1
            )
            for i, kind in enumerate(kinds):
                unit = self._new_unit(kind, community, linked=i < seats + linked_only)
                self._unit_org(unit)

    def _street(self, name: str) -> Area:
        return next(s for s in self.streets if s.name == name)

    def _community(self, name: str) -> Area:
        return next(c for c in self.communities if c.name == name)

    def _alliances(self) -> None:
        rng = self.rng
        candidates = [
            s for s in self.streets if s.district != "宜良县" and s.name not in NAMED_ALLIANCE_STREETS
        ]
        chosen = {s.id for s in rng.sample(candidates, STREET_ALLIANCES - len(NAMED_ALLIANCE_STREETS))}
        chosen |= {self._street(name).id for name in NAMED_ALLIANCE_STREETS}
        self.alliance_of: dict[str, str] = {}
        without = [s for s in self.streets if s.id not in chosen]
        no_meeting = {s.id for s in rng.sample(without, len(self.streets) - JOINT_MEETING_STREETS)}
        for street in self.streets:
            street.joint_meeting = street.id not in no_meeting
            if street.id not in chosen:
                continue
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
            members: list[tuple[str, str]] = []
            street_units = [u for u in street.units if u.linked]
            for i, unit in enumerate(street_units):
                role = "副主席单位" if i < 2 and unit.kind != "agency" else "成员单位"
                if unit is self.street_offices[street.id]:
                    role = "秘书处单位"
                members.append((unit.party, role))
            for community in (c for c in self.communities if c.parent is street):
                for unit in community.units:
                    wanted = unit is self.yining or rng.random() < 0.35
                    if unit.linked and (unit.org or unit.kind == "owners") and wanted:
                        members.append((unit.party, "成员单位"))
            seen: set[str] = set()
            for member, role in members:
                if member in seen:
                    continue
                seen.add(member)
                joined = self._date(founded, dt.date(2024, 12, 31))
                self.rows["alliance_members"].append(
                    {"alliance_id": alliance_id, "member_id": member, "joined": iso(joined), "role": role}
                )
        self.alliance_members = {(r["alliance_id"], r["member_id"]) for r in self.rows["alliance_members"]}

    def _seats(self) -> None:
        rng = self.rng
        self.seated: set[str] = set()
        for community in self.big:
            count = self.seat_count[community.id]
            assert community.parent is not None
            station = self.police_stations[community.parent.id]
            holders: list[Unit] = []
            if community.name == "佴家湾社区":
                holders.append(self.hospital)
            if rng.random() < 0.6:
                holders.append(station)
            holders += [u for u in community.units if u.linked][: count - len(holders)]
            assert len(holders) == count, community.name
            start = self._date(dt.date(2021, 3, 1), dt.date(2024, 12, 31))
            end = None if rng.random() < 0.3 else CURRENT_TERM_END + dt.timedelta(days=rng.randrange(0, 400))
            for unit in holders:
                title = "社区民警" if unit.kind == "police" else rng.choice(_HEAD_TITLES[unit.kind])
                if unit is self.hospital:
                    title = "预防保健科科长"
                person = self.add_person(unit, title, party_member=rng.random() < 0.96)
                self.seated.add(unit.id)
                if rng.random() < 0.12:  # also sat on the previous committee
                    self.add_seat(
                        person,
                        community.org,
                        start - dt.timedelta(days=365 * 3),
                        start - dt.timedelta(days=1),
                    )
                seat_title = "兼职副书记" if rng.random() < 0.05 else "兼职委员"
                self.add_seat(person, community.org, start, end, seat_title)
            # A few members whose term is over: they count for nothing now.
            for unit in [u for u in community.units if u.linked][count : count + rng.choice((0, 0, 0, 1))]:
                person = self.add_person(unit, rng.choice(_HEAD_TITLES[unit.kind]))
                self.add_seat(person, community.org, dt.date(2018, 3, 1), dt.date(2021, 2, 28))
        # Some small communities once had part-time members, but no longer have any.
        for community in self.small[::2]:
            for unit in [u for u in community.units if u.linked][:2]:
                person = self.add_person(unit, rng.choice(_HEAD_TITLES[unit.kind]))
                end = self._date(dt.date(2020, 6, 1), dt.date(2023, 12, 31))
                self.add_seat(person, community.org, dt.date(2017, 6, 1), end)

    def _grids(self) -> None:
        rng = self.rng
        xishan = [c for c in self.communities if c.district == "西山区"]
        chuanfang = self._community("船房社区")
        grid_count = {c.id: 1 for c in xishan}
        grid_count[chuanfang.id] = CHUANFANG_GRIDS
        while sum(grid_count.values()) < XISHAN_GRIDS:
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
                grid.org = self.add_org(
                    f"{grid.name}党支部",
                    "branch",
                    community.org,
                    grid.district,
                    area=grid,
                    members=rng.randrange(5, 28),
                )
                # The contract seats people on community party orgs only, so a liaison's grid is not
                # recorded: each grid gets one liaison from the street office that runs the grids.
                self.add_person(office, "党建联络员")

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
        if status == "active" and self.rng.random() >= STALE_ACTIVE_SHARE:
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

    def _named_cobuilding(self) -> None:
        rng = self.rng
        erjiawan = self._community("佴家湾社区")
        contract = self.add_contract(
            "佴家湾社区党委与市三院党委共建协议",
            [erjiawan.org, self.hospital.org],
            "active",
            dt.date(2024, 3, 15),
            dt.date(2027, 3, 14),
        )
        need = self.add_need(erjiawan.org, "health", "辖区残疾人免费体检", "claimed")
        resource = self.add_resource(self.prevention_branch, "health", "预防保健科免费体检")
        self.add_project(
            "市三院预防保健科为佴家湾社区残疾人免费体检",
            contract,
            need,
            resource,
            self.prevention_branch,
            "ongoing",
            dt.date(2024, 4, 1),
            None,
        )
        need = self.add_need(erjiawan.org, "health", "行动不便居民家庭医生签约", "done")
        resource = self.add_resource(self.prevention_branch, "health", "上门签约家庭医生")
        self.add_project(
            "市三院上门为佴家湾社区残疾人签约家庭医生",
            contract,
            need,
            resource,
            self.prevention_branch,
            "done",
            dt.date(2024, 5, 6),
            dt.date(2024, 12, 20),
        )
        taihe = self._street("太和街道")
        contract = self.add_contract(
            "太和街道党工委与市供电局党委共建协议",
            [taihe.org, self.power.org],
            "active",
            dt.date(2023, 6, 1),
            dt.date(2028, 5, 31),
        )
        need = self.add_need(taihe.org, "facilities", "老旧小区线路老化、私拉乱接隐患", "claimed")
        resource = self.add_resource(self.power.org, "facilities", "党员服务队免费检修线路")
        self.add_project(
            "市供电局党组织免费为老旧小区检修线路",
            contract,
            need,
            resource,
            self.power.org,
            "ongoing",
            dt.date(2023, 7, 1),
            None,
        )
        # 龙翔街道: a needs list in 10 categories, each need met by an alliance member's project.
        longxiang = self._street("龙翔街道")
        partners = [u.party for u in longxiang.units if u.linked][:4]
        for community in (c for c in self.communities if c.parent is longxiang):
            partners += [u.party for u in community.units if u.linked][:1]
        topics = [
            (category, f"龙翔街道需求清单：{topic}", f"{topic}服务", f"龙翔街道{topic}项目")
            for category in TEN_CATEGORIES
            for topic in rng.sample(names.SERVICE_TOPICS[category], 2)
        ]
        self._cobuild(
            "龙翔街道党建联盟“需求—服务”共建协议",
            longxiang.org,
            partners,
            "active",
            topics,
            signed=dt.date(2024, 1, 10),
            expires=dt.date(2028, 1, 9),
        )
        # 永兴路社区: "百项服务进社区", a hundred services from the community and its resident units.
        yongxing = self._community("永兴路社区")
        providers = [yongxing.org, *[u.party for u in yongxing.units if u.linked]]
        menu = [
            (category, f"{often}{topic}")
            for category in ALL_CATEGORIES
            for topic in names.SERVICE_TOPICS[category]
            for often in ("每周", "每月", "季度", "常态化", "上门")
        ]
        for i, (category, topic) in enumerate(rng.sample(menu, YONGXINGLU_SERVICES)):
            self.add_resource(providers[i % len(providers)], category, f"百项服务进社区：{topic}")
        self._cobuild(
            "永兴路社区“百项服务进社区”共建协议",
            yongxing.org,
            providers[1:4],
            "active",
            [
                (c, f"居民{t}需求", f"{t}", f"永兴路社区{t}")
                for c, t in (("elderly", "助餐服务"), ("education", "四点半课堂"), ("health", "义诊"))
            ],
        )
        # 怡宁: five "projects" (工程) that brought its area together.
        home = self.yining.area
        self._cobuild(
            "昆明怡宁房地产开发有限公司党支部与社区党委共建协议",
            home.org,
            [self.yining.org],
            "active",
            [
                ("other", "凝聚片区党员群众", "党支部组织生活开放", "凝心工程"),
                ("assistance", "拆迁安置群众诉求化解", "党员联系安置户", "聚力工程"),
                ("culture", "小区文明创建", "文明宣传队", "文明工程"),
                ("facilities", "安置小区物业服务提升", "物业党员先锋岗", "家园工程"),
                ("elderly", "安置群众心理关怀", "党员谈心谈话", "润心工程"),
            ],
        )
        jinxing = self._community("金星社区")
        self._cobuild(
            "金星社区多层共治共建协议",
            jinxing.org,
            [u.party for u in jinxing.units if u.linked][:2],
            "active",
            [
                ("safety", "网格问题快速解决", "网格员联动处置", "金星社区网格精细化服务"),
                ("environment", "背街小巷环境提升", "党员志愿者清扫", "金星社区环境共治"),
            ],
        )

    def _contracts(self) -> None:
        rng = self.rng
        statuses = ("active",) * 31 + ("expired",) * 10 + ("terminated",) * 4 + ("draft",) * 5
        for community in self.communities:
            linked = [u for u in community.units if u.linked]
            # Linked units that are neither seated nor in an alliance need a contract to be linked at all.
            alliance = self.alliance_of.get(community.parent.id if community.parent else "", "")
            must = [
                u
                for u in linked
                if u.id not in self.seated and (alliance, u.party) not in self.alliance_members
            ]
            extra = rng.sample(linked, min(len(linked), rng.choice((0, 1, 1, 2))))
            for unit in must + [u for u in extra if u not in must]:
                status = rng.choice(statuses)
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
            # Open needs that no one has met yet.
            for category in rng.sample(ALL_CATEGORIES, rng.choice((0, 1, 2))):
                self.add_need(
                    community.org, category, f"{community.name}{names.service_title(rng, category)}需求"
                )
        for street in self.streets:
            if street.name in ("龙翔街道", "太和街道"):
                continue
            for unit in [u for u in street.units if u.linked and u.kind != "agency"][: rng.choice((0, 1, 2))]:
                status = rng.choice(statuses)
                category = rng.choice(ALL_CATEGORIES)
                topic = names.service_title(rng, category)
                self._cobuild(
                    f"{street.name}党工委与{unit.name}共建协议",
                    street.org,
                    [unit.party],
                    status,
                    [
                        (
                            category,
                            f"{street.name}{topic}需求",
                            f"{unit.name}{topic}",
                            f"{street.name}{topic}项目",
                        )
                    ],
                )
        # Units that provide without a contract: resources on offer, ready to be matched.
        for unit in rng.sample([u for u in self.units if u.linked], 120):
            category = rng.choice(ALL_CATEGORIES)
            self.add_resource(unit.party, category, f"{unit.name}{names.service_title(rng, category)}")

    def _guandu_branches(self) -> None:
        """Top 官渡区 up to exactly 900 branches, then spread its 19,214 members over them."""
        rng = self.rng
        orgs = self.rows["party_orgs"]
        branches = [r for r in orgs if r["type"] == "branch" and self.org_district[r["id"]] == "官渡区"]
        guandu = [c for c in self.communities if c.district == "官渡区"]
        kinds = ("第一党支部", "第二党支部", "第三党支部", "离退休党员党支部", "流动党员党支部", "小区党支部")
        n = 0
        while len(branches) < GUANDU_BRANCHES:
            community = guandu[n % len(guandu)]
            label = kinds[(n // len(guandu)) % len(kinds)]
            round_no = n // (len(guandu) * len(kinds))
            name = f"{community.name}{label}" if round_no == 0 else f"{community.name}{label}{round_no + 1}"
            org_id = self.add_org(name, "branch", community.org, "官渡区", area=community, members=0)
            branches.append(orgs[-1])
            assert orgs[-1]["id"] == org_id
            n += 1
        assert len(branches) == GUANDU_BRANCHES
        fixed = {self.prevention_branch}
        free = [r for r in branches if r["id"] not in fixed]
        for row in free:
            row["members"] = rng.randrange(8, 36)
        total = sum(int(r["members"]) for r in branches)
        i = 0
        while total != GUANDU_MEMBERS:
            row = free[i % len(free)]
            step = 1 if total < GUANDU_MEMBERS else -1
            if row["members"] + step >= 3:
                row["members"] += step
                total += step
            i += 1

    def _area_rows(self) -> None:
        rng = self.rng
        small_meeting = {c.id for c in rng.sample(self.small, 5)}
        big_others = [c for c in self.big if c.name not in NAMED_COMMUNITIES]
        big_meeting = {
            c.id for c in rng.sample(big_others, JOINT_MEETING_COMMUNITIES - 5 - len(NAMED_COMMUNITIES))
        }
        for community in self.communities:
            community.joint_meeting = (
                community.id in small_meeting
                or community.id in big_meeting
                or community.name in NAMED_COMMUNITIES
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

    def write(self, out: Path) -> dict[str, int]:
        """Write the package into `out` and return the row count of each table."""
        with PackageWriter(out) as writer:
            for table, rows in self.rows.items():
                writer.write_all(table, rows)
            return dict(writer.counts)


def build_kunming(out: Path, seed: int = SEED) -> dict[str, int]:
    """Build the Kunming demo world as a data package in `out` (a folder of CSV files); row counts back."""
    return KunmingWorld(seed).build().write(out)
