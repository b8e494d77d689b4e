"""Limits that keep reading a package safe and bounded in memory (env prefix ORGLINKS_LOAD_)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Excel's own limit; a sheet that declares more columns was not written by a spreadsheet program.
EXCEL_MAX_COLUMNS = 16_384


class ReadLimits(BaseSettings):
    """How big a file, an unpacked archive and a sheet may be before a load refuses it."""

    model_config = SettingsConfigDict(env_prefix="ORGLINKS_LOAD_", env_file=".env", extra="ignore")

    max_file_mb: int = Field(default=256, ge=1, le=16_384)
    max_unpacked_mb: int = Field(default=512, ge=1, le=65_536)
    # Real workbooks compress 5-30x; a zip bomb compresses thousands of times.
    max_zip_ratio: int = Field(default=200, ge=10)
    max_zip_members: int = Field(default=1000, ge=1)
    max_columns: int = Field(default=200, ge=10, le=EXCEL_MAX_COLUMNS)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_unpacked_bytes(self) -> int:
        return self.max_unpacked_mb * 1024 * 1024
