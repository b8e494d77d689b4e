"""Where a package's parsed rows wait between validation and writing: an append-only temporary file per
table, so that a load's memory does not grow with its rows. Rows go in as plain tuples, pickled a chunk
at a time, and come back in the order they went in; the file is deleted when the spill is closed (or
at once on Linux, where an unlinked file lives as long as its descriptor)."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator
from typing import Any

_CHUNK_ROWS = 2_000


class Spill:
    """An append-only sequence of picklable rows on disk; `append` then iterate, any number of times."""

    def __init__(self, chunk_rows: int = _CHUNK_ROWS) -> None:
        self._chunk_rows = chunk_rows
        self._pending: list[Any] = []
        self._file: Any = None  # created on the first full chunk: small packages never touch the disk
        self._chunks: list[tuple[int, int]] = []  # (offset, length) of each chunk written
        self._end = 0
        self._count = 0

    def append(self, row: Any) -> None:
        self._pending.append(row)
        self._count += 1
        if len(self._pending) >= self._chunk_rows:
            self._flush()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Any]:
        """The rows in the order they were appended, read back chunk by chunk."""
        for offset, length in list(self._chunks):
            data = os.pread(self._file.fileno(), length, offset)
            if len(data) != length:
                raise OSError(f"spill file truncated at offset {offset}")
            yield from pickle.loads(data)
        yield from list(self._pending)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._chunks.clear()
        self._pending.clear()

    def _flush(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="orglinks-load-")  # noqa: SIM115 (lives as long as the spill)
        data = pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._chunks.append((self._end, len(data)))
        self._end += len(data)
        self._pending = []
