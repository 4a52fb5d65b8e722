"""Headless Chromium from the OS (scripts/setup installs Debian's `chromium`), driven by
Playwright from PyPI pointed at that executable: Playwright never downloads a browser."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium_path() -> str:
    """ARCHGEN_CHROMIUM, or the first Chromium on PATH; a clear failure when there is none."""
    if path := os.environ.get("ARCHGEN_CHROMIUM"):
        return path
    for name in CANDIDATES:
        if path := shutil.which(name):
            return path
    raise RuntimeError(
        "no Chromium found for the browser tests: run scripts/setup (it installs the OS "
        "package chromium), or set ARCHGEN_CHROMIUM to a Chromium executable"
    )


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()
