"""The rows of a demo world and how each is added: ids, areas, units, orgs, people, seats, contracts,
needs, resources and projects. Row shapes follow the data package format (docs/data-format.md)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.demo import names
from loaders.demo.package_writer import TABLES, PackageWriter
from loaders.demo.uscc import KIND_PREFIX, make_uscc


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


class WorldRows:
    """The rows of a demo world in memory (a few thousand per table at most), with its ids, areas and
    units; `add_*` append one row each. What rows to add is the generator's business."""

    def __init__(self, seed: int) -> None:
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

    def write(self, out: Path) -> dict[str, int]:
        """Write the package into `out` and return the row count of each table."""
        with PackageWriter(out) as writer:
            for table, rows in self.rows.items():
                writer.write_all(table, rows)
            return dict(writer.counts)
