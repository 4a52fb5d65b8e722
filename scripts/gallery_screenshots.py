"""Screenshots of the gallery for the README, taken by the browser the tests use.

Usage: scripts/gallery-screenshots [OUT]  (OUT: a built output folder, default output/)
Writes docs/gallery-index.png and docs/gallery-pattern.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium  # noqa: E402

PATTERN = "streaming-ingest-data-lake"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "output").resolve()
    index = out / "index.html"
    if not index.is_file():
        sys.exit(f"{index} not found: run scripts/build-catalog first")
    shots = {
        ROOT / "docs" / "gallery-index.png": index,
        ROOT / "docs" / "gallery-pattern.png": out / "_gallery" / f"{PATTERN}.html",
    }
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        for target, source in shots.items():
            page.goto(source.as_uri())
            page.wait_for_load_state("load")
            if source.name != "index.html":
                # show the inspector as a reader sees it after clicking the raw bucket
                page.locator(
                    ".diagram-built g.node", has=page.locator("title:text-is('raw')")
                ).click()
                page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(300)
            page.screenshot(path=str(target))
            print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
