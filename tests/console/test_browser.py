"""The console in a real browser (Playwright + Debian's chromium), each flow as its people take
it, in the order of a migration: sign in as each role, confirm the mapping, approve the sample,
clear / hold / sign off the PHI review, resolve a delta conflict, dry run and roll back; the
audit page names the person each time. Refusals: wrong role, missing CSRF, stale page, after
logout. A patient named `<script>` renders as text. A failing test leaves a screenshot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.services.proposal import set_target
from tests.console.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    WAIT_MS,
    audit_rows,
    chromium_missing,
    screenshots_dir,
    sign_in,
)
from tests.console.world import CLINIC, PEOPLE, XSS_NAME, World
from tests.services import require_service

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_service(chromium_missing())
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    context.set_default_timeout(WAIT_MS)
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.dialogs = dialogs
    yield opened
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        shot = screenshots_dir(tmp_path_factory.getbasetemp()) / f"{name}.png"
        opened.screenshot(path=str(shot), full_page=True)
        print(f"screenshot: {shot}")
    context.close()


def _events(page: Any, world: World, person: str) -> list[tuple[str, str, str]]:
    return audit_rows(page, world.url, person)


@pytest.mark.parametrize("person", list(PEOPLE))
def test_each_role_signs_in_and_sees_what_it_may_do(page: Any, world: World,
                                                    person: str) -> None:
    role = PEOPLE[person]
    sign_in(page, world.url, person)
    assert page.inner_text("#who") == f"{person} ({role})"
    assert page.locator("svg[role=img]").count() == 2  # the two charts of the overview
    page.goto(f"{world.url}/sample")
    assert page.locator("#approve-sample").count() == (1 if role == "manager" else 0)
    page.goto(f"{world.url}/mapping")
    assert page.locator("#confirm-mapping").count() == (1 if role in ("operator", "manager") else 0)
    page.goto(f"{world.url}/review")
    assert page.locator("#sign-off").count() == (1 if role == "hipaa-officer" else 0)
    phi_banner = page.locator(".phi").count() == 1
    assert phi_banner == (role in ("manager", "hipaa-officer"))
    assert ("SignedIn", person, role) in {(e.split(".")[-1], p, r)
                                          for e, p, r in _events(page, world, person)}


def test_a_patient_named_script_renders_as_text(page: Any, world: World) -> None:
    sign_in(page, world.url, "max")
    page.goto(f"{world.url}/mapping")
    values = page.locator("section.file td.values span.value").all_inner_texts()
    assert XSS_NAME in values
    assert page.dialogs == []
    assert page.evaluate("document.scripts.length") == 1  # the console's own file only


def test_the_operator_confirms_the_mapping(page: Any, world: World) -> None:
    sign_in(page, world.url, "olga")
    page.goto(f"{world.url}/mapping")
    shown_hash = page.inner_text("#mapping-hash")
    page.click("#confirm-mapping")
    page.wait_for_url(re.compile(r"/mapping\?done=confirmed$"))
    assert page.inner_text("#mapping-state") == "confirmed"
    assert "by olga" in page.inner_text("main")
    events = _events(page, world, "olga")
    assert ("MigrationRun.MappingConfirmed", "olga", "") in events
    assert ("MigrationRun.DecisionSigned", "olga", "operator") in events
    assert page.locator(f"#audit td.detail:has-text('{shown_hash}')").count() >= 1


def test_a_mapping_changed_after_it_was_shown_is_refused(page: Any, world: World) -> None:
    path = world.settings.mapping_path
    original = path.read_bytes()
    sign_in(page, world.url, "max")
    page.goto(f"{world.url}/mapping")
    try:
        doc = load_mapping(path)
        name, fm = next(iter(doc.files.items()))
        set_target(path, name, next(iter(fm.columns)), None, "someone else")
        page.click("#confirm-mapping")
        assert "has changed since" in page.inner_text("p.error")
        assert page.get_attribute("p.error", "data-reason") == "stale"
    finally:
        path.write_bytes(original)
    refused = [e for e in _events(page, world, "max") if e[0] == "MigrationRun.AccessRefused"]
    assert refused and refused[0][2] == "manager"


def test_the_manager_approves_the_sample(page: Any, world: World) -> None:
    sign_in(page, world.url, "max")
    page.goto(f"{world.url}/sample?only=1")
    page.click("#approve-sample")
    page.wait_for_url(re.compile(r"/sample\?done=approved$"))
    assert page.inner_text("#approval") == "Approved by max"
    events = _events(page, world, "max")
    assert ("MigrationRun.SampleApproved", "max", "") in events
    assert ("MigrationRun.DecisionSigned", "max", "manager") in events


def test_the_officer_clears_holds_and_signs_off(page: Any, world: World) -> None:
    sign_in(page, world.url, "hana")
    page.goto(f"{world.url}/review")
    rows = page.locator("#review tbody tr[data-item]")
    assert rows.count() >= 3
    first, second, third = (rows.nth(i).get_attribute("data-item") for i in range(3))

    def decision(item: str | None) -> str:
        return page.locator(f"tr[data-item='{item}'] td[class^=decision-]").inner_text()

    page.check("#item-1")
    page.click("#clear")
    page.wait_for_url(re.compile(r"done=cleared$"))
    assert decision(first) == "cleared"
    page.check("#item-2")
    page.fill("#reason", "mentions a third party by name")
    page.click("#hold")
    page.wait_for_url(re.compile(r"done=held$"))
    assert decision(second) == "held"
    assert "mentions a third party by name" in page.inner_text(f"tr[data-item='{second}']")
    page.fill("#reason", "read in full with the clinic")
    page.click("#clear-all")  # one bulk decision: the held item is cleared too
    page.wait_for_url(re.compile(r"done=cleared$"))
    assert decision(second) == "cleared" and page.inner_text("#pending") == "0"
    page.check("#item-3")
    page.fill("#reason", "a scan of another patient's form")
    page.click("#hold")
    page.wait_for_url(re.compile(r"done=held$"))
    assert decision(third) == "held"
    page.click("#sign-off")
    page.wait_for_url(re.compile(r"done=signed-off$"))
    assert page.inner_text("#signoff") == "signed off by hana"
    events = _events(page, world, "hana")
    assert events.count(("MigrationRun.ReviewDecided", "hana", "hipaa-officer")) == 4
    assert ("MigrationRun.ReviewSignedOff", "hana", "hipaa-officer") in events
    assert events.count(("MigrationRun.DecisionSigned", "hana", "hipaa-officer")) == 5


def test_the_operator_resolves_a_conflict(page: Any, world: World) -> None:
    sign_in(page, world.url, "olga")
    page.goto(f"{world.url}/conflicts")
    section = page.locator("section.conflict[data-record='patient:1000002']")
    assert "Quincy" not in section.inner_text()  # the operator sees shapes, not values
    section.locator("button[value=source]").click()
    page.wait_for_url(re.compile(r"done=resolved$"))
    assert page.locator("#no-conflicts").count() == 1
    events = _events(page, world, "olga")
    assert ("ClinicRecord.ConflictResolved", "olga", "") in events


def test_refusals_wrong_role_missing_csrf_and_after_logout(page: Any, world: World) -> None:
    sign_in(page, world.url, "aude")
    page.goto(f"{world.url}/sample")
    csrf = page.get_attribute("form.who input[name=csrf]", "value")
    wrong_role = page.request.post(f"{world.url}/sample/approve",
                                   form={"csrf": csrf or "", "shown": "x"})
    assert wrong_role.status == 403 and "may not approve sample" in wrong_role.text()
    no_csrf = page.request.post(f"{world.url}/sample/approve", form={"shown": "x"})
    assert no_csrf.status == 403
    kept = page.context.cookies()  # the session cookie as it was before signing out
    page.click("form.who button")
    page.wait_for_url(re.compile(r"/login$"))
    page.context.add_cookies(kept)  # replayed: the server ended the session all the same
    page.goto(f"{world.url}/audit")
    assert page.url.endswith("/login")
    after = page.request.post(f"{world.url}/sample/approve", form={"csrf": csrf or "",
                                                                   "shown": "x"})
    assert after.status == 403
    sign_in(page, world.url, "aude")
    reasons = [e for e in _events(page, world, "aude") if e[0] == "MigrationRun.AccessRefused"]
    assert len(reasons) >= 3
    details = page.locator("#audit tbody tr:has-text('AccessRefused') td.detail").all_inner_texts()
    assert {'"reason":"role"', '"reason":"csrf"', '"reason":"session"'} <= {
        m for d in details for m in re.findall(r'"reason":"\w+"', d)}


def test_dry_run_then_rollback_after_typing_the_clinic_name(page: Any, world: World) -> None:
    sign_in(page, world.url, "olga")
    page.goto(f"{world.url}/rollback")
    page.click("#dry-run")
    page.wait_for_url(re.compile(r"done=dry-run$"))
    blast = page.inner_text("#blast")
    assert "patient" in blast
    page.fill("#clinic", "Some Other Clinic")
    page.click("#rollback")
    assert "not typed as shown" in page.inner_text("p.error")
    page.goto(f"{world.url}/rollback")
    page.fill("#clinic", CLINIC)
    page.click("#rollback")
    page.wait_for_url(re.compile(r"done=rolled-back$"), timeout=60_000)
    assert page.inner_text("#run-state") == "rolled_back"
    assert "failed 0" in page.inner_text("#rollback-done")
    events = _events(page, world, "olga")
    assert ("MigrationRun.RollbackRequested", "olga", "") in events
    signed = page.locator("#audit tbody tr:has-text('DecisionSigned') td.detail").all_inner_texts()
    assert any('"action":"rollback"' in d for d in signed)


def test_pages_answer_with_security_headers(page: Any, world: World) -> None:
    sign_in(page, world.url, "max")
    answer = page.goto(f"{world.url}/review")
    headers = answer.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"


def test_the_overview_refreshes_itself(page: Any, world: World) -> None:
    """static/console.js polls /api/status (allowed by the CSP: a file of the package)."""
    sign_in(page, world.url, "aude")
    page.evaluate("document.getElementById('progress-text').textContent = 'stale'")
    from playwright.sync_api import expect

    # The CSP forbids eval, so Playwright's wait_for_function cannot run here: expect() polls.
    expect(page.locator("#progress-text")).not_to_have_text("stale", timeout=WAIT_MS)
    assert re.fullmatch(r"\d+ of \d+ records moved \(\d+%\)", page.inner_text("#progress-text"))
