"""Debian's chromium driven by Playwright for Python (never a downloaded browser), and what the
browser tests share: signing in through the form, reading the audit page, screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from tests.console.world import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--headless"]
WAIT_MS = 20_000  # every wait is bounded


def chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed"
    return None


def screenshots_dir(base: Path) -> Path:
    folder = Path(os.environ.get("C2N_SCREENSHOTS") or base / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def sign_in(page: Any, url: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/login")
    page.fill("#username", name)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("#who", timeout=WAIT_MS)


def audit_rows(page: Any, url: str, person: str) -> list[tuple[str, str, str]]:
    """(event, person, role) of the audit page searched by person."""
    page.goto(f"{url}/audit?actor={person}")
    rows = page.locator("#audit tbody tr")
    out = []
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        if cells.count() >= 6:
            out.append((cells.nth(3).inner_text(), cells.nth(4).inner_text(),
                        cells.nth(5).inner_text()))
    return out
