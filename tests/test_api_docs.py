"""The OpenAPI docs work offline: /docs and /redoc load their assets from the app, not a CDN."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from devtools.live_server import free_port, served
from graph.settings import Neo4jSettings

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def client() -> TestClient:
    # No Neo4j needed: the docs are static.
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", connection_timeout_s=1)
    with TestClient(create_app(settings)) as test_client:
        yield test_client  # type: ignore[misc]


def test_docs_reference_only_local_urls(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    urls = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", html)
    assert urls, html
    assert not [u for u in urls if re.match(r"^(https?:)?//", u)], urls
    assert "cdn" not in html.lower()
    assert '"validatorUrl": null' in html  # no badge from validator.swagger.io
    for url in urls:
        if url.startswith("/static/"):
            asset = client.get(url)
            assert asset.status_code == 200, url
            assert len(asset.content) > 1000


def test_swagger_ui_assets_and_openapi_are_served(client: TestClient) -> None:
    assert "SwaggerUIBundle" in client.get("/static/docs/swagger-ui-bundle.js").text
    assert client.get("/static/docs/swagger-ui.css").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/paths", "/api/entities/{entity_id}/network"} <= set(spec["paths"])


@pytest.fixture(scope="module")
def live_docs_url() -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 (no Neo4j: the docs need none)."""
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", connection_timeout_s=1)
    with served(create_app(settings), log_level="error") as url:
        yield url


def test_no_redoc_since_its_bundle_calls_a_cdn(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404


@pytest.mark.browser
def test_docs_render_in_a_browser_with_no_outside_request(live_docs_url: str) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("ORGLINKS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and ORGLINKS_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.on("request", lambda r: requests.append(r.url))
            tab.goto(live_docs_url + "/docs")
            tab.wait_for_selector(".opblock", timeout=30_000)
            text = tab.inner_text("body")
        finally:
            browser.close()
    assert "/api/search" in text
    outside = [
        u
        for u in requests
        if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname != "127.0.0.1"
    ]
    assert outside == []
