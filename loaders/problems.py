"""A problem found in a data package, located to the cell, and the error a whole file raises."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from graph.errors import Invalid


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a package: where (file, sheet, spreadsheet row with the header as row 1,
    column as written in the header) and why. Fields that do not apply are None."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """The report's JSON object: keys file, sheet, row, column, value, reason."""
        return asdict(self)

    def where(self) -> str:
        """`file [sheet] row N, column C` for one-line messages."""
        parts = [self.file + (f" [{self.sheet}]" if self.sheet else "")]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


class FileRefused(Invalid):
    """A file that cannot be read safely or at all (binary, too big, a zip bomb, …): the load stops."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class LoadFailed(Invalid):
    """A validated load that failed while writing: it is recorded as `failed` (with the reason), what
    was written before stays (batches are idempotent), and loading the package again completes it."""

    def __init__(self, load_id: str, reason: str) -> None:
        super().__init__(
            f"load {load_id} failed while writing ({reason}); the rows written before the failure "
            "stay, and loading the same package again completes it (写入失败)"
        )
        self.load_id = load_id
        self.reason = reason
