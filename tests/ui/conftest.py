"""Browser fixtures: one headless Chromium per session (Debian's /usr/bin/chromium, driven by
Playwright's Python package; no browser download), one live hub per test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import service_missing

from .live_hub import LiveHub

CHROMIUM = os.environ.get("BASTION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DIST = ROOT / "frontend" / "dist" / "index.html"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
OWNER = {"name": "Alice Owner", "username": "alice", "password": "correct horse battery"}
EXPECT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        service_missing("Chromium", f"{CHROMIUM} is not installed (apt-get install chromium)")
    if not DIST.exists():
        pytest.fail("frontend/dist is missing: run `make frontend` (the bundle is committed)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        service_missing("Playwright", "the playwright Python package is not installed")
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def live_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveHub]:
    live = LiveHub(tmp_path_factory.mktemp("ui") / "config").start()
    try:
        yield live
    finally:
        live.stop()


def screenshot(page: Any, name: str) -> None:
    """Save the page at phone and desktop sizes into artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)  # let the layout settle after the resize (rendering only)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    if original:
        page.set_viewport_size(original)


@pytest.fixture(autouse=True)
def no_leaked_tasks() -> Iterator[None]:
    """Replaces the async leak check: Playwright's sync driver keeps an event loop running on
    this thread, so async fixtures cannot run here; the hub's own loop lives in LiveHub's
    thread and LiveHub.stop() shuts it down."""
    yield


def onboard(page: Any, live_hub: LiveHub) -> None:
    """Create the owner through the onboarding screen of a fresh hub and wait for the dashboard."""
    from playwright.sync_api import expect

    code = live_hub.setup_code
    assert code, "a fresh hub prints a setup code"
    page.goto(live_hub.url + "/")
    page.get_by_label("Setup code").fill(code)
    page.get_by_label("Your name").fill(OWNER["name"])
    page.get_by_label("Username").fill(OWNER["username"])
    page.get_by_label("Password", exact=True).fill(OWNER["password"])
    page.get_by_label("Repeat password").fill(OWNER["password"])
    page.get_by_role("button", name="Create owner").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
