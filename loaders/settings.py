"""Limits that keep reading a package safe and bounded in memory (env prefix ORGLINKS_LOAD_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Excel's own limit; a sheet that declares more columns was not written by a spreadsheet program.
EXCEL_MAX_COLUMNS = 16_384
#: Neo4j stores 64-bit integers; a larger whole number fails at write, so it is refused at validation.
INT64_MAX = (1 << 63) - 1
#: Ids and text cells: a name goes into range indexes (with its pinyin, up to 7 times longer), whose
#: keys Neo4j caps near 8 KB, so a longer value would validate and then fail at write.
MAX_ID_CHARS = 200
MAX_TEXT_CHARS = 500
#: JSON: the document, a table's array, a row object, a cell's array or object, one level inside it.
MAX_JSON_DEPTH = 5


class ReadLimits(BaseSettings):
    """How big a file, an unpacked archive and a sheet may be before a load refuses it, and how much
    a package may hold once parsed (rows, the shared strings of a workbook): the budgets are counted
    on what is parsed, since a small file can unpack to a great many rows or strings."""

    model_config = SettingsConfigDict(env_prefix="ORGLINKS_LOAD_", env_file=".env", extra="ignore")

    max_file_mb: int = Field(default=256, ge=1, le=16_384)
    max_unpacked_mb: int = Field(default=512, ge=1, le=65_536)
    # Real workbooks compress 5-30x; a zip bomb compresses thousands of times.
    max_zip_ratio: int = Field(default=200, ge=10)
    max_zip_members: int = Field(default=1000, ge=1)
    max_columns: int = Field(default=200, ge=10, le=EXCEL_MAX_COLUMNS)
    # Rows of one package (empty ones included): validation keeps about 200 bytes per id in memory.
    max_rows: int = Field(default=2_000_000, ge=1)
    # The same for an upload through the API, which shares its process with every other request.
    max_upload_rows: int = Field(default=500_000, ge=1)
    # A workbook's shared strings stay in memory while its sheets are read (Python objects: about
    # 60 bytes more than the text itself per string).
    max_shared_strings_mb: int = Field(default=64, ge=1, le=4096)
    # Uploads loaded at once by one API process (each may use up to the budgets above); the others
    # wait up to `upload_wait_s` for a turn, then get 503 with Retry-After.
    # Problems listed in a load's report (the rest are counted in one last line).
    max_reported_problems: int = Field(default=10_000, ge=1)
    max_parallel_uploads: int = Field(default=2, ge=1, le=64)
    upload_wait_s: int = Field(default=120, ge=0, le=3600)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * 1024 * 1024

    @property
    def max_shared_strings_bytes(self) -> int:
        return self.max_shared_strings_mb * 1024 * 1024

    def for_upload(self) -> ReadLimits:
        """These limits with the row budget of an API upload."""
        return self.model_copy(update={"max_rows": min(self.max_rows, self.max_upload_rows)})
