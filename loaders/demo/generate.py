"""A generator of consistent data packages of any size (10 thousand to 5 million nodes), for benchmarks.

It streams: every row is written as soon as it is made, and every id is computed from the position of
its row (community c, unit i of that community, ...), so references need no lookup table and memory
stays flat whatever the scale. The same scale and seed give the same bytes.

The world has one shape at every scale: a city with its 7 working committees; districts of 10 streets;
streets of 8 communities, each street with its working committee, 2 street-level units and an
alliance; and in each community (40 nodes) 2 grids with their branches, a community committee,
10 resident units (8 with a party org), 5 part-time committee members, 2 co-building contracts with
needs, resources and projects, and 2 open needs. Two units in ten have no co-building link.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from loaders.demo import names
from loaders.demo.kunming import ALL_CATEGORIES, CITY_WORKING_COMMITTEES
from loaders.demo.package_writer import PackageWriter
from loaders.demo.uscc import KIND_PREFIX, make_uscc

COMMUNITIES_PER_STREET = 8
STREETS_PER_DISTRICT = 10
UNITS_PER_COMMUNITY = 10
ORGS_PER_COMMUNITY = 8  # units 0..7 have a party org; units 8 and 9 have no link at all
SEATS_PER_COMMUNITY = 5  # held by people from units 0..4
GRIDS_PER_COMMUNITY = 2
STREET_UNITS = 2
NODES_PER_COMMUNITY = (
    1 + 2 * GRIDS_PER_COMMUNITY + 1 + UNITS_PER_COMMUNITY + ORGS_PER_COMMUNITY + 5 + 2 + 4 + 3 + 2
)
NODES_PER_STREET = 1 + 1 + 1 + 2 * STREET_UNITS
NODES_PER_DISTRICT = 2
CITY_NODES = 2 + len(CITY_WORKING_COMMITTEES)
MIN_SCALE, MAX_SCALE = 1_000, 10_000_000

_KINDS = ("private", "social", "institution", "soe", "agency", "other")
_KIND_WEIGHTS = (40, 15, 15, 12, 10, 8)
_DAY0 = dt.date(2018, 1, 1)


def communities_for(scale: int) -> int:
    """How many communities make a package of about `scale` nodes."""
    per_community = (
        NODES_PER_COMMUNITY
        + NODES_PER_STREET / COMMUNITIES_PER_STREET
        + NODES_PER_DISTRICT / (COMMUNITIES_PER_STREET * STREETS_PER_DISTRICT)
    )
    return max(1, round((scale - CITY_NODES) / per_community))


def _day(rng: random.Random, span_days: int, start: dt.date = _DAY0) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span_days))


class _Generator:
    def __init__(self, writer: PackageWriter, seed: int) -> None:
        self.w = writer
        self.rng = random.Random(seed)
        self.unit_serial = 0

    def unit(self, unit_id: str, kind: str, area_id: str, district_code: str, district: str) -> None:
        rng = self.rng
        self.unit_serial += 1
        industry, name = names.unit_name(rng, kind, district, rng.choice(names.PLACE_WORDS))
        prefix = KIND_PREFIX[kind]
        self.w.write(
            "units",
            {
                "id": unit_id,
                "name": name,
                "kind": kind,
                "industry": industry,
                "address": f"{district}{rng.choice(names.PLACE_WORDS)}路{rng.randrange(1, 500)}号",
                "area_id": area_id,
                "uscc": make_uscc(prefix, district_code, self.unit_serial) if prefix else "",
            },
        )

    def org(
        self, org_id: str, name: str, org_type: str, parent: str, *, unit: str = "", area: str = ""
    ) -> None:
        members = self.rng.randrange(3, 60) if org_type in ("branch", "general_branch") else None
        self.w.write(
            "party_orgs",
            {
                "id": org_id,
                "name": name,
                "type": org_type,
                "parent_id": parent,
                "unit_id": unit,
                "area_id": area,
                "members": members,
            },
        )

    def run(self, communities: int) -> None:
        w = self.w
        w.write("areas", {"id": "A0", "name": "示范市", "level": "city"})
        self.org("O-city", "中共示范市委员会", "committee", "", area="A0")
        for k, name in enumerate(CITY_WORKING_COMMITTEES):
            self.org(f"O-w{k}", name.replace("昆明市", "示范市"), "working_committee", "O-city", area="A0")
        streets = -(-communities // COMMUNITIES_PER_STREET)
        for s in range(streets):
            d = s // STREETS_PER_DISTRICT
            if s % STREETS_PER_DISTRICT == 0:
                self.district(d)
            first = s * COMMUNITIES_PER_STREET
            self.street(s, d, range(first, min(first + COMMUNITIES_PER_STREET, communities)))

    def district(self, d: int) -> None:
        name = f"第{d + 1}区"
        self.w.write("areas", {"id": f"A-d{d}", "name": name, "level": "district", "parent_id": "A0"})
        self.org(f"O-d{d}", f"中共{name}委员会", "committee", "O-city", area=f"A-d{d}")

    def street(self, s: int, d: int, communities: range) -> None:
        rng, w = self.rng, self.w
        district, code = f"第{d + 1}区", f"53{d % 10_000:04d}"
        name = f"{rng.choice(names.PLACE_WORDS)}街道"
        area, org = f"A-s{s}", f"O-s{s}"
        w.write(
            "areas",
            {
                "id": area,
                "name": name,
                "level": "street",
                "parent_id": f"A-d{d}",
                "joint_meeting": s % 5 != 0,
            },
        )
        self.org(org, f"中共{name}工作委员会", "working_committee", f"O-d{d}", area=area)
        founded = _day(rng, 700)
        w.write(
            "alliances",
            {
                "id": f"L{s}",
                "name": f"{name}党建联盟",
                "street_id": area,
                "lead_org_id": org,
                "founded": founded.isoformat(),
            },
        )
        for i in range(STREET_UNITS):
            unit = f"US{s}-{i}"
            self.unit(unit, rng.choice(("institution", "soe")), area, code, district)
            self.org(f"O-{unit}", f"{unit}党委", "committee", f"O-w{rng.randrange(7)}", unit=unit)
            w.write(
                "alliance_members",
                {
                    "alliance_id": f"L{s}",
                    "member_id": f"O-{unit}",
                    "joined": founded.isoformat(),
                    "role": "副主席单位",
                },
            )
        for c in communities:
            self.community(c, s, district, code, founded)

    def community(self, c: int, s: int, district: str, code: str, founded: dt.date) -> None:
        rng, w = self.rng, self.w
        name = f"{rng.choice(names.PLACE_WORDS)}社区"
        area, committee = f"A-c{c}", f"O-c{c}"
        w.write(
            "areas",
            {
                "id": area,
                "name": name,
                "level": "community",
                "parent_id": f"A-s{s}",
                "joint_meeting": c % 7 != 0,
            },
        )
        w.write(
            "party_orgs",
            {
                "id": committee,
                "name": f"中共{name}委员会",
                "type": "committee",
                "parent_id": f"O-s{s}",
                "area_id": area,
                "members": rng.randrange(20, 150),
            },
        )
        for g in range(GRIDS_PER_COMMUNITY):
            grid = f"A-g{c}-{g}"
            w.write("areas", {"id": grid, "name": f"{name}第{g + 1}网格", "level": "grid", "parent_id": area})
            self.org(f"O-g{c}-{g}", f"{name}第{g + 1}网格党支部", "branch", committee, area=grid)
        for i in range(UNITS_PER_COMMUNITY):
            unit = f"U{c}-{i}"
            kind = (
                "property"
                if i == 0
                else "police"
                if i == 1
                else rng.choices(_KINDS, weights=_KIND_WEIGHTS)[0]
            )
            self.unit(unit, kind, area, code, district)
            if i < ORGS_PER_COMMUNITY:
                self.org(f"O-{unit}", f"{unit}党支部", "branch", committee, unit=unit)
        start = _day(rng, 1000, dt.date(2022, 1, 1))
        end = "" if rng.random() < 0.3 else "2031-12-31"
        for k in range(SEATS_PER_COMMUNITY):
            person = f"P{c}-{k}"
            w.write(
                "people",
                {
                    "id": person,
                    "name": names.person_name(rng),
                    "unit_id": f"U{c}-{k}",
                    "title": "负责人",
                    "party_member": True,
                    "phone": names.mobile_phone(rng),
                },
            )
            w.write(
                "committee_seats",
                {
                    "person_id": person,
                    "org_id": committee,
                    "title": "兼职委员",
                    "start": start.isoformat(),
                    "end": end,
                },
            )
        w.write(
            "alliance_members",
            {
                "alliance_id": f"L{s}",
                "member_id": f"O-U{c}-5",
                "joined": founded.isoformat(),
                "role": "成员单位",
            },
        )
        for k in range(2):
            partner, contract = f"O-U{c}-{6 + k}", f"C{c}-{k}"
            signed = _day(rng, 2500)
            status = rng.choice(("active", "active", "active", "expired", "terminated", "draft"))
            w.write(
                "contracts",
                {
                    "id": contract,
                    "title": f"{name}共建协议{k + 1}",
                    "signed": signed.isoformat(),
                    "expires": (signed + dt.timedelta(days=1095)).isoformat(),
                    "parties": f"{committee};{partner}",
                    "status": status,
                },
            )
            category = rng.choice(ALL_CATEGORIES)
            topic = names.service_title(rng, category)
            done = status in ("expired", "terminated")
            w.write(
                "needs",
                {
                    "id": f"N{c}-{k}",
                    "owner_id": committee,
                    "category": category,
                    "title": f"{topic}需求",
                    "status": "done" if done else "claimed",
                },
            )
            w.write(
                "resources", {"id": f"R{c}-{k}", "owner_id": partner, "category": category, "title": topic}
            )
            w.write(
                "projects",
                {
                    "id": f"J{c}-{k}",
                    "title": f"{name}{topic}项目",
                    "contract_id": contract,
                    "need_id": f"N{c}-{k}",
                    "resource_id": f"R{c}-{k}",
                    "provider_id": partner,
                    "status": "done" if done else "ongoing",
                    "start": (signed + dt.timedelta(days=30)).isoformat(),
                },
            )
        for k in (2, 3):
            category = rng.choice(ALL_CATEGORIES)
            w.write(
                "needs",
                {
                    "id": f"N{c}-{k}",
                    "owner_id": committee,
                    "category": category,
                    "title": f"{names.service_title(rng, category)}需求",
                    "status": "open",
                },
            )
        category = rng.choice(ALL_CATEGORIES)
        w.write(
            "resources",
            {
                "id": f"R{c}-2",
                "owner_id": f"O-U{c}-5",
                "category": category,
                "title": names.service_title(rng, category),
            },
        )


def generate(scale: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write a consistent package of about `scale` nodes into the folder `out`; row counts per table.

    Every id is unique across the package, every reference resolves within it, and every unified
    social credit code is unique with a valid check character."""
    if not MIN_SCALE <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be between {MIN_SCALE:,} and {MAX_SCALE:,} nodes")
    with PackageWriter(out) as writer:
        _Generator(writer, seed).run(communities_for(scale))
        return dict(writer.counts)
