"""The HTML reports in a real headless Chromium: the sample diff (from a real migration into the
sandbox, with one field edited by staff afterwards so it differs) renders, its filters hide and
show the right rows, and a screenshot is taken; the rollback plan opens too."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
import pytest

from consumers.nutshell.diff import diff
from consumers.nutshell.migration import write_diff_reports
from consumers.nutshell.rollback import rollback
from tests.integration.migrate import STAFF_USER, environment, migrate
from tests.reports.cdp import Chromium, find_chromium
from tests.services import require_service

pytestmark = pytest.mark.browser

EDITED = ("patient", "1000002")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
VISIBLE_ROWS = "[...document.querySelectorAll('tbody tr.row')].filter(r=>r.offsetParent!==null)"


@dataclass
class Reports:
    diff_html: Path
    rollback_html: Path
    kinds: dict[str, dict[str, dict[str, int]]]  # kind -> field -> counts, as in the report
    rollback_rows: int


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reports]:
    tmp = tmp_path_factory.mktemp("reports")
    with environment(tmp) as (engine, api, srv):
        migrate(engine, api, sample=10)
        record = engine.app.record("default", *EDITED)
        assert record is not None and record.nutshell_id
        with httpx.Client(base_url=srv.url, auth=(str(STAFF_USER["email"]), str(STAFF_USER["api_key"]))) as http:
            r = http.patch(f"/contacts/{record.nutshell_id}", content=orjson.dumps(
                [{"op": "replace", "path": "/contacts/0/name", "value": "Edited By Staff"}]),
                headers={"Content-Type": "application/json-patch+json"})
            assert r.status_code == 204, r.text
        pushed = [(k, s) for kind in ("patient", "appointment")
                  for k, s, _ in engine.store.records_in_state(kind, ["pushed"])]
        assert EDITED in pushed
        # Enough records for matched rows in both kinds, the edited one among them.
        keys = [EDITED, *[key for key in pushed if key[0] == "patient" and key != EDITED][:14],
                *[key for key in pushed if key[0] == "appointment"][:15]]
        report = diff(engine, api, keys)
        html_path, _ = write_diff_reports(engine, "sample-diff", "Sample: source vs Nutshell", report)
        plan = rollback(engine, api, scope="run", by="tester", dry_run=True)
        yield Reports(html_path, engine.settings.reports / "rollback-plan.html",
                      report.summary()["kinds"], len(plan.items) + len(plan.residue))


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = os.environ.get("C2N_CHROMIUM") or find_chromium()
    if binary is None:
        require_service("headless Chromium not installed (apt-get install chromium)")
    chrome = Chromium(binary)
    yield chrome
    chrome.close()


def visible(chrome: Chromium, attribute: str = "") -> list[str]:
    """The visible rows, each as its data attribute (or its kind:field when none is named)."""
    pick = f"r.dataset.{attribute}" if attribute else "r.dataset.kind+':'+r.dataset.field"
    return list(chrome.eval(f"{VISIBLE_ROWS}.map(r=>{pick})"))


def shown(chrome: Chromium) -> int:
    return int(chrome.eval("document.getElementById('shown').textContent"))


def choose_kind(chrome: Chromium, kind: str) -> None:
    # A native <select> popup cannot be clicked in headless mode; set it as the browser does.
    chrome.eval(f"(()=>{{const s=document.getElementById('kind');s.value={orjson.dumps(kind).decode()};"
                "s.dispatchEvent(new Event('change'));})()")


def test_the_sample_diff_renders_filters_and_screenshots(browser: Chromium, reports: Reports,
                                                         tmp_path: Path) -> None:
    rows = {f"{k}:{f}": v for k, fields in reports.kinds.items() for f, v in fields.items()}
    differing = {key for key, v in rows.items() if v["differing"] or v["missing"]}
    assert "patient:contacts.name" in differing and len(differing) < len(rows)  # both kinds of row

    browser.open(reports.diff_html.as_uri())
    assert browser.eval("document.title") == "Sample: source vs Nutshell"
    assert browser.eval("document.getElementById('phi-banner').offsetParent !== null")
    assert sorted(visible(browser)) == sorted(rows) and shown(browser) == len(rows)
    assert "Edited By Staff" in browser.eval("document.body.innerText")  # side by side

    choose_kind(browser, "appointment")
    assert set(visible(browser, "kind")) == {"appointment"}
    assert shown(browser) == sum(1 for key in rows if key.startswith("appointment:"))
    choose_kind(browser, "")

    browser.click("#only-diff")
    assert browser.eval("document.getElementById('only-diff').checked")
    assert set(visible(browser)) == differing and shown(browser) == len(differing)
    assert set(visible(browser, "status")) == {"differing"}
    browser.click("#only-diff")
    assert shown(browser) == len(rows)

    browser.type_into("#search", "NAME")
    wanted = {key for key in rows if "name" in key.split(":", 1)[1].lower()}
    assert wanted and len(wanted) < len(rows)
    assert set(visible(browser)) == wanted and shown(browser) == len(wanted)

    shot = browser.screenshot(Path(os.environ.get("C2N_SCREENSHOT_DIR", tmp_path)) / "sample-diff.png")
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000


def test_the_rollback_plan_opens(browser: Chromium, reports: Reports) -> None:
    browser.open(reports.rollback_html.as_uri())
    assert browser.eval("document.title").startswith("Rollback (dry run): scope run")
    assert reports.rollback_rows > 20
    assert browser.eval("document.querySelectorAll('tbody tr').length") == reports.rollback_rows
