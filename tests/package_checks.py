"""Reading a CSV data package back in tests, and checking that it holds together: unique ids, every
reference resolved, areas one level below their parents, valid USCCs. Written independently of the
code that writes packages, so that the tests can catch it out."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

TABLE_FILES = (
    "areas",
    "units",
    "party_orgs",
    "alliances",
    "alliance_members",
    "people",
    "committee_seats",
    "contracts",
    "needs",
    "resources",
    "projects",
)
NODE_TABLES = (
    "areas",
    "units",
    "party_orgs",
    "alliances",
    "people",
    "contracts",
    "needs",
    "resources",
    "projects",
)
LEVELS = ("city", "district", "street", "community", "grid")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

Rows = list[dict[str, str]]


def read_package(folder: Path) -> dict[str, Rows]:
    """Every table of a CSV package as a list of dicts keyed by the English headers."""
    tables: dict[str, Rows] = {}
    for table in TABLE_FILES:
        with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            tables[table] = list(csv.DictReader(handle))
    return tables


def uscc_is_valid(code: str) -> bool:
    """GB 32100-2015: 18 characters from the 31-character set, the last a mod-31 check character."""
    if len(code) != 18 or any(ch not in USCC_CHARS for ch in code):
        return False
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31] == code[17]


def split_ids(text: str) -> list[str]:
    for separator in "；、,":
        text = text.replace(separator, ";")
    return [part.strip() for part in text.split(";") if part.strip()]


def consistency_problems(tables: dict[str, Rows]) -> list[str]:
    """Every way the package breaks the data contract's id and reference rules (empty if none)."""
    problems: list[str] = []
    ids = Counter(row["id"] for table in NODE_TABLES for row in tables[table])
    problems += [f"duplicate id {key}" for key, n in ids.items() if n > 1]
    by_table = {table: {row["id"] for row in tables[table]} for table in NODE_TABLES}
    level = {row["id"]: row["level"] for row in tables["areas"]}

    def ref(table: str, column: str, value: str, targets: tuple[str, ...], required: bool = True) -> None:
        if not value:
            if required:
                problems.append(f"{table}.{column} is empty")
            return
        if not any(value in by_table[target] for target in targets):
            problems.append(f"{table}.{column} = {value} resolves to nothing in {targets}")

    for row in tables["areas"]:
        if row["level"] not in LEVELS:
            problems.append(f"area {row['id']} has level {row['level']}")
        elif row["level"] == "city":
            ref("areas", "parent_id", row["parent_id"], ("areas",), required=False)
        else:
            ref("areas", "parent_id", row["parent_id"], ("areas",))
            parent_level = level.get(row["parent_id"])
            if parent_level and LEVELS.index(parent_level) != LEVELS.index(row["level"]) - 1:
                problems.append(f"area {row['id']} ({row['level']}) under a {parent_level}")
    usccs = Counter(row["uscc"] for row in tables["units"] if row["uscc"])
    problems += [f"duplicate uscc {code}" for code, n in usccs.items() if n > 1]
    for row in tables["units"]:
        ref("units", "area_id", row["area_id"], ("areas",))
        if level.get(row["area_id"]) not in ("street", "community"):
            problems.append(f"unit {row['id']} located in a {level.get(row['area_id'])}")
        if row["uscc"] and not uscc_is_valid(row["uscc"]):
            problems.append(f"unit {row['id']} has an invalid uscc {row['uscc']}")
    for row in tables["party_orgs"]:
        ref("party_orgs", "parent_id", row["parent_id"], ("party_orgs",), required=False)
        ref("party_orgs", "unit_id", row["unit_id"], ("units",), required=False)
        ref("party_orgs", "area_id", row["area_id"], ("areas",), required=False)
        if not row["unit_id"] and not row["area_id"]:
            problems.append(f"party org {row['id']} has neither unit nor area")
    for row in tables["alliances"]:
        ref("alliances", "street_id", row["street_id"], ("areas",))
        if level.get(row["street_id"]) != "street":
            problems.append(f"alliance {row['id']} hosted by a {level.get(row['street_id'])}")
        ref("alliances", "lead_org_id", row["lead_org_id"], ("party_orgs",), required=False)
    members = Counter((row["alliance_id"], row["member_id"]) for row in tables["alliance_members"])
    problems += [f"member twice {key}" for key, n in members.items() if n > 1]
    for row in tables["alliance_members"]:
        ref("alliance_members", "alliance_id", row["alliance_id"], ("alliances",))
        ref("alliance_members", "member_id", row["member_id"], ("party_orgs", "units"))
    for row in tables["people"]:
        ref("people", "unit_id", row["unit_id"], ("units",), required=False)
    seats = Counter((row["person_id"], row["org_id"], row["start"]) for row in tables["committee_seats"])
    problems += [f"seat twice {key}" for key, n in seats.items() if n > 1]
    for row in tables["committee_seats"]:
        ref("committee_seats", "person_id", row["person_id"], ("people",))
        ref("committee_seats", "org_id", row["org_id"], ("party_orgs",))
    for row in tables["contracts"]:
        parties = split_ids(row["parties"])
        if len(parties) < 2:
            problems.append(f"contract {row['id']} has {len(parties)} parties")
        for party in parties:
            ref("contracts", "parties", party, ("party_orgs", "units"))
    for table in ("needs", "resources"):
        for row in tables[table]:
            ref(table, "owner_id", row["owner_id"], ("areas", "party_orgs", "units"))
    for row in tables["projects"]:
        ref("projects", "contract_id", row["contract_id"], ("contracts",), required=False)
        ref("projects", "need_id", row["need_id"], ("needs",), required=False)
        ref("projects", "resource_id", row["resource_id"], ("resources",), required=False)
        ref("projects", "provider_id", row["provider_id"], ("party_orgs", "units"), required=False)
    return problems
