"""The README's console screenshots (docs/console/*.png): the browser tests' world (the bundled
cliniko export migrated into a sandbox, a delta conflict open), each page as the role that
uses it, in Debian's chromium through Playwright.

    .venv/bin/python -m tools.console_screenshots [OUT_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.console.browser import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, chromium_missing, sign_in
from tests.console.world import console_world

ROOT = Path(__file__).resolve().parents[1]
# (file, person, path, a click before the shot or None)
SHOTS = (
    ("login.png", None, "/login", None),
    ("overview.png", "max", "/", None),
    ("mapping.png", "olga", "/mapping", None),
    ("sample.png", "max", "/sample?only=1", None),
    ("review.png", "hana", "/review", None),
    ("conflicts.png", "max", "/conflicts", None),
    ("rollback.png", "olga", "/rollback", "#dry-run"),
    ("audit.png", "aude", "/audit", None),
)


def main(out: Path) -> int:
    missing = chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, console_world(Path(tmp)) as world, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        for name, person, path, click in SHOTS:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.set_default_timeout(WAIT_MS)
            page = context.new_page()
            if person:
                sign_in(page, world.url, person)
            page.goto(world.url + path)
            if click:
                page.click(click)
                page.wait_for_load_state()
            page.screenshot(path=str(out / name))
            print(out / name)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "console"))
