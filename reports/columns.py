"""What an exported column is: the row key it reads, its header in Chinese and English, and the kind of
cell it holds (which decides how a spreadsheet shows it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Cell(StrEnum):
    """How a column's values are written to a spreadsheet."""

    TEXT = "text"
    INTEGER = "integer"
    #: A share between 0 and 1, shown as 16.6% in Excel.
    PERCENT = "percent"
    #: A date (or an ISO date string), shown as a date in Excel.
    DATE = "date"


@dataclass(frozen=True)
class Column:
    """One exported column."""

    key: str
    header: str
    en: str = ""
    cell: Cell = Cell.TEXT

    def heading(self, lang: str = "zh") -> str:
        """The header in the language asked for (Chinese unless `en`)."""
        return self.en if lang == "en" and self.en else self.header


@dataclass(frozen=True)
class Report:
    """A list that can be exported: its columns, in order."""

    columns: tuple[Column, ...]

    def without(self, *keys: str) -> tuple[Column, ...]:
        """The columns, less those reading `keys` (a caller that does not compute them)."""
        unknown = set(keys) - {c.key for c in self.columns}
        if unknown:
            raise KeyError(f"no such columns: {sorted(unknown)}")
        return tuple(c for c in self.columns if c.key not in keys)
