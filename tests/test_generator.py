"""The scalable generator: small packages that hold together, of about the size asked for, written in
memory that does not grow with the size."""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.driver import Graph
from loaders.demo.generate import generate
from loaders.pipeline import load_path
from tests.package_checks import NODE_TABLES, consistency_problems, read_package


def _nodes(folder: Path) -> int:
    tables = read_package(folder)
    return sum(len(tables[table]) for table in NODE_TABLES)


@pytest.mark.parametrize("scale", [10_000, 25_000])
def test_a_small_package_holds_together_and_has_about_n_nodes(tmp_path: Path, scale: int) -> None:
    counts = generate(scale, tmp_path)
    tables = read_package(tmp_path)
    assert consistency_problems(tables) == []
    nodes = sum(len(tables[table]) for table in NODE_TABLES)
    assert 0.9 * scale <= nodes <= 1.1 * scale
    assert counts == {table: len(rows) for table, rows in tables.items()}
    # Every kind of row is there, and a share of units has no link at all.
    assert all(rows for rows in tables.values())
    assert sum(1 for u in tables["units"] if u["uscc"]) > len(tables["units"]) // 2


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    def digest(folder: Path) -> str:
        return hashlib.sha256(b"".join(f.read_bytes() for f in sorted(folder.glob("*.csv")))).hexdigest()

    generate(10_000, tmp_path / "a")
    generate(10_000, tmp_path / "b")
    generate(10_000, tmp_path / "c", seed=2)
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


def test_memory_does_not_grow_with_the_scale(tmp_path: Path) -> None:
    def peak(scale: int) -> int:
        tracemalloc.start()
        try:
            generate(scale, tmp_path / str(scale))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(10_000), peak(40_000)
    assert _nodes(tmp_path / "40000") > 3.5 * _nodes(tmp_path / "10000")
    assert large < small * 1.5 + 256 * 1024  # flat: 4 times the rows, not 4 times the memory
    assert large < 8 * 1024 * 1024


def test_a_scale_out_of_range_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale"):
        generate(10, tmp_path)


@pytest.mark.slow
def test_the_loader_takes_a_generated_package_whole(tmp_path: Path, graph: Graph) -> None:
    generate(10_000, tmp_path)
    result = load_path(graph, tmp_path)
    assert result.outcome == "ok", result.problems[:5]
    assert result.warnings == []  # every column is one the loader knows
    added = {table: counts["added"] for table, counts in result.counts.items()}
    assert added == {table: len(rows) for table, rows in read_package(tmp_path).items()}


def test_the_commands_write_packages(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["generate", "--scale", "10000", str(tmp_path / "gen"), "-q"])
    assert result.exit_code == 0, result.output
    assert 9_000 <= _nodes(tmp_path / "gen") <= 11_000
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo"), "-q"])
    assert result.exit_code == 0, result.output
    assert len(read_package(tmp_path / "demo")["alliances"]) == 46
    result = runner.invoke(app, ["generate", "--scale", "5", str(tmp_path / "tiny")])
    assert result.exit_code == 2  # refused as a usage error, nothing written
    assert not (tmp_path / "tiny").exists()
