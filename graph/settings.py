"""Settings read from the environment (and a .env file); secrets are SecretStr."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Neo4jSettings(BaseSettings):
    """Where Neo4j is: any server, cluster or Aura (`neo4j://`, `neo4j+s://`) or the local one."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", env_file=".env", extra="ignore")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr | None = None
    database: str = "neo4j"
    # The local server's generated password lives here when NEO4J_PASSWORD is not set.
    password_file: Path = PROJECT_ROOT / ".data" / "neo4j" / "password"
    query_timeout_s: float = Field(default=30.0, gt=0, le=600)
    connection_timeout_s: float = Field(default=5.0, gt=0, le=120)
    # How long the driver retries a transaction on transient errors: generous for the CLI and loaders;
    # the API passes its own short value, so that a request fails fast with 503 while Neo4j is down.
    retry_time_s: float = Field(default=15.0, ge=0, le=600)
    api_retry_time_s: float = Field(default=1.0, ge=0, le=60)
    max_pool_size: int = Field(default=50, ge=1, le=1000)

    def resolved_password(self) -> str | None:
        """NEO4J_PASSWORD if set, else the local server's generated password, else None (no auth)."""
        if self.password is not None:
            return self.password.get_secret_value()
        if self.password_file.is_file():
            return self.password_file.read_text(encoding="utf-8").strip() or None
        return None


class LocalNeo4jSettings(BaseSettings):
    """The Neo4j that `orglinks db start` runs from Maven Central artifacts."""

    model_config = SettingsConfigDict(env_prefix="ORGLINKS_NEO4J_", env_file=".env", extra="ignore")

    home: Path = PROJECT_ROOT / ".data" / "neo4j"
    bolt_port: int = Field(default=7687, ge=1, le=65535)
    http_port: int = Field(default=7474, ge=1, le=65535)
    heap: str = Field(default="1g", pattern=r"^\d+[kmgKMG]$")
    pagecache: str = Field(default="512m", pattern=r"^\d+[kmgKMG]$")
    auth: bool = True
    start_timeout_s: float = Field(default=180.0, gt=0)


class AppSettings(BaseSettings):
    """Behaviour of the loaders, queries and API."""

    model_config = SettingsConfigDict(env_prefix="ORGLINKS_", env_file=".env", extra="ignore")

    batch_size: int = Field(default=5000, ge=1, le=100_000)
    max_upload_mb: int = Field(default=50, ge=1, le=2048)
    # Accounts, sessions and the audit trail (docs/security.md).
    session_ttl_hours: int = Field(default=12, ge=1, le=24 * 30)
    token_ttl_hours: int = Field(default=24 * 30, ge=1, le=24 * 366)
    cookie_secure: bool = False  # set true whenever the app is served over HTTPS
    # China's Cybersecurity Law (art. 21) asks for network logs to be kept at least six months.
    audit_retention_days: int = Field(default=180, ge=1, le=3650)
    login_max_failures: int = Field(default=5, ge=1, le=100)
    login_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # Password hashes (64 MiB each) running at once per process, and how long one waits for a turn.
    hash_concurrency: int = Field(default=2, ge=1, le=64)
    hash_wait_s: float = Field(default=5.0, gt=0, le=60)
    # Heavy exports (CSV, XLSX, GraphML, GEXF) one user may run at once, per API process.
    export_concurrency: int = Field(default=2, ge=1, le=100)
    # Addresses (or networks) of the reverse proxies whose X-Forwarded-For / -Proto are believed, as a
    # JSON list (checked at start): ORGLINKS_TRUSTED_PROXIES='["127.0.0.1"]'. Empty: the peer's
    # address is the client's.
    trusted_proxies: list[str] = Field(default_factory=list)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_or_networks(cls, value: list[str]) -> list[str]:
        """Each an ip address or network, so a typo stops the app instead of trusting nothing (or all)."""
        for item in value:
            ipaddress.ip_network(item, strict=False)  # ValueError names the bad one
        return value

    # Every request body; it must leave room for the largest upload (max_upload_mb).
    max_body_mb: int = Field(default=64, ge=1, le=4096)
    # Warning rules (预警, docs/workflow.md "Warnings"): a contract in force expiring within the red or
    # the yellow horizon; a need open with no pending claim, a claim pending, for N days or more (red at
    # twice as long); red from so many units with no link; a big committee without a member in term, red
    # once its last seat ended N days ago; an alliance with no dated step for N days (red at twice).
    warn_contract_red_days: int = Field(default=30, ge=1, le=366)
    warn_contract_yellow_days: int = Field(default=60, ge=1, le=366)
    warn_need_open_days: int = Field(default=30, ge=1, le=3650)
    warn_claim_pending_days: int = Field(default=7, ge=1, le=3650)
    warn_unlinked_red_units: int = Field(default=10, ge=1, le=1_000_000)
    warn_committee_empty_days: int = Field(default=30, ge=1, le=3650)
    warn_alliance_idle_days: int = Field(default=180, ge=1, le=3650)
    # The progress figures (graph/stats_cache.py): how often each API process looks whether the data
    # version moved (and counts the recently asked figures again), how many sets of figures it keeps.
    stats_refresh_s: float = Field(default=5.0, gt=0, le=3600)
    stats_cache_size: int = Field(default=64, ge=1, le=10_000)
    # Pages expose their state as window.orglinks for the browser tests; never on in production.
    test_hooks: bool = False
