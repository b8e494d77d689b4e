"""The package layout holds: imports flow one way (docs/architecture.md), and dev tooling stays out of
the product."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("graph", "loaders", "accounts", "reports", "i18n", "api", "visualize", "cli")

#: What each package may import from the others (docs/architecture.md draws the same arrows).
ALLOWED: dict[str, set[str]] = {
    "graph": set(),
    "i18n": {"graph"},
    "accounts": {"graph"},
    "loaders": {"graph", "i18n"},
    "reports": {"graph", "i18n"},
    "visualize": {"graph", "i18n", "reports"},
    "api": {"graph", "i18n", "accounts", "loaders", "reports", "visualize"},
    "cli": {"graph", "i18n", "accounts", "loaders", "reports"},
    "devtools": {*PRODUCT},
    "bench": {*PRODUCT, "devtools"},
    "tests": {*PRODUCT, "devtools"},
}
KNOWN = set(ALLOWED)


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & KNOWN


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_the_layout_allows(package: str) -> None:
    wrong = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in _imported_packages(path) - ALLOWED[package] - {package}
    }
    assert not wrong, sorted(wrong)


def test_the_wheel_and_the_image_ship_the_product_packages_only() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert sorted(project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]) == sorted(PRODUCT)
    copied = {
        line.split()[1]
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if line.startswith("COPY ") and not line.startswith("COPY pyproject")
    }
    assert copied == set(PRODUCT)


def test_the_import_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import os\nfrom api.main import create_app\nfrom .x import y\n", encoding="utf-8")
    assert _imported_packages(probe) == {"api"}
