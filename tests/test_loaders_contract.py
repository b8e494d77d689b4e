"""The documented contract and the code's contract stay the same."""

from __future__ import annotations

from loaders.tables import TABLES, column_named, table_named
from tests.loaders_support import FIXTURES

DOC = (FIXTURES.parent.parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")


def test_every_table_and_column_is_documented_in_english_and_chinese() -> None:
    for table in TABLES:
        assert f"### {table.key} / {table.zh} →" in DOC
        for column in table.columns:
            assert f"| {column.key} | {column.zh} |" in DOC, (table.key, column.key)


def test_names_resolve_both_ways() -> None:
    for table in TABLES:
        assert table_named(table.key) is table
        assert table_named(table.zh) is table
        assert table_named(table.key.upper()) is table
        for column in table.columns:
            assert column_named(table, column.zh) is column
            assert column_named(table, column.key) is column
