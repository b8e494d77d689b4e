"""How uvicorn serves the app, the same for `orglinks serve` and the test and bench servers (the CLI
owns it: serving is a command; the app itself is imported only by name, `api.main:create_app`).

uvicorn believes `X-Forwarded-For` from 127.0.0.1 by default, so anything on the same host (or a
proxy that passes the header on) could choose the client ip the login limit and the audit log see.
It is off here; the app believes forwarded headers only from ORGLINKS_TRUSTED_PROXIES (api/main.py).
"""

from __future__ import annotations

from typing import Any

SERVER_OPTIONS: dict[str, Any] = {"proxy_headers": False}
