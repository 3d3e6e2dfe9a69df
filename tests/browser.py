"""A real headless Chromium for browser tests: Debian's ``chromium`` driven by Playwright's Python API
(``executable_path``, never a browser download). Missing Chromium or Playwright fails the test."""

from __future__ import annotations

import contextlib
from typing import Iterator

import pytest

from tests.conftest import SETUP, require_tool


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A launched Playwright ``Browser`` on the system Chromium; closed on exit."""
    executable = require_tool("chromium", "chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - setup.sh --test installs it
        pytest.fail(f"playwright (Python) is not installed: {SETUP}", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()
