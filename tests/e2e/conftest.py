"""Fixtures for the browser tests: a live server of the real app and Debian's Chromium.

The app runs with CSRF checks on, as in production, in a background thread of
werkzeug's development server. The browser is the system Chromium driven by
Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import World, add_course, add_world, make_test_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MOBILE_VIEWPORT = {"width": 360, "height": 740}
# Generous for a local server, short enough that a broken page fails fast.
TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class LiveServer:
    url: str
    world: World

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, external_schema) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("e2e")
    app = make_test_app(folder, WTF_CSRF_ENABLED=True)
    world = add_world(app)
    add_course(app, folder)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", world=world)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must run the browser tests, not skip them")
        pytest.skip("Debian chromium not installed")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_context(browser):
    """new_context(**options) -> a fresh mobile-sized context, closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", MOBILE_VIEWPORT)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()
