"""The console over HTTP, as a script or an attacker meets it: sign-in, lock-out, cookies,
CSRF, roles, stale pages, logout, security headers, escaping. httpx against the ASGI app served
by uvicorn on a loopback port; the audit log read back as the auditor's CSV."""

from __future__ import annotations

import json

import httpx
import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.console.users import MAX_FAILURES, UserStore
from consumers.services.proposal import set_target
from tests.console.conftest import audit, reason_of, refusals
from tests.console.world import PASSWORD, XSS_NAME, World, csrf_of, sign_in


def test_sign_in_sets_a_strict_http_only_expiring_cookie(world: World,
                                                         anonymous: httpx.Client) -> None:
    token = csrf_of(anonymous.get("/login").text)
    answer = anonymous.post("/login", data={"username": "olga", "password": PASSWORD,
                                            "csrf": token})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("c2n_session="))
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "max-age", "path"} <= attributes
    assert "samesite=strict" in cookie.lower()
    page = anonymous.get("/")
    assert page.status_code == 200 and "olga" in page.text and "(operator)" in page.text
    signed_in = [r for r in audit(world, actor="olga") if r["event"] == "MigrationRun.SignedIn"]
    assert signed_in and signed_in[-1]["role"] == "operator"


def test_wrong_password_and_unknown_name_are_refused_and_logged(world: World,
                                                                anonymous: httpx.Client) -> None:
    token = csrf_of(anonymous.get("/login").text)
    wrong = anonymous.post("/login", data={"username": "max", "password": "not it at all",
                                           "csrf": token})
    assert wrong.status_code == 401 and "c2n_session" not in wrong.headers.get("set-cookie", "")
    assert "Wrong name or password" in wrong.text
    assert reason_of(refusals(world, "max")[-1]) == "password"
    token = csrf_of(wrong.text)
    nobody = anonymous.post("/login", data={"username": "mallory", "password": "whatever123",
                                            "csrf": token})
    assert nobody.status_code == 401
    rows = audit(world)
    assert not any("mallory" in json.dumps(r) for r in rows)  # a name nobody has: its hash
    assert any(r["actor"].startswith("h:") and r["event"] == "MigrationRun.AccessRefused"
               for r in rows)


def test_repeated_failures_lock_the_name(world: World, anonymous: httpx.Client) -> None:
    store = UserStore(world.home)
    store.add("lou", "operator", PASSWORD)
    store.close()
    page = anonymous.get("/login")
    for _ in range(MAX_FAILURES):
        page = anonymous.post("/login", data={"username": "lou", "password": "wrong password",
                                              "csrf": csrf_of(page.text)})
        assert page.status_code == 401
    right = anonymous.post("/login", data={"username": "lou", "password": PASSWORD,
                                           "csrf": csrf_of(page.text)})
    assert right.status_code == 401 and "locked" in right.text
    assert reason_of(refusals(world, "lou")[-1]) == "locked"


def test_login_without_its_csrf_token_is_refused(world: World, anonymous: httpx.Client) -> None:
    answer = anonymous.post("/login", data={"username": "hana", "password": PASSWORD})
    assert answer.status_code == 403
    assert reason_of(refusals(world, "hana")[-1]) == "csrf"


def test_security_headers(world: World) -> None:
    with sign_in(world.url, "max") as client:
        page = client.get("/mapping")
    csp = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "server" not in page.headers
    assert "<script>" not in page.text.replace('<script src="/static/console.js" defer></script>', "")


def test_a_patient_named_script_is_text(world: World) -> None:
    with sign_in(world.url, "max") as client:  # the manager sees values
        page = client.get("/mapping")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert XSS_NAME not in page.text
    assert "This page shows protected health information" in page.text


def test_masked_for_a_role_that_does_not_see_phi(world: World) -> None:
    with sign_in(world.url, "olga") as client:
        page = client.get("/mapping")
    assert "&lt;xxxxxx&gt;xxxxx(9)&lt;/xxxxxx" in page.text  # its shape only
    assert "alert(1)" not in page.text and "masked for your role" in page.text
    # The column ledger of `c2n map show`: every column in exactly one class.
    assert page.text.count('class="ledger-standard"') >= 10 and "Column ledger:" in page.text


def test_signed_out_visitors_are_sent_to_login_and_their_posts_refused(
        world: World, anonymous: httpx.Client) -> None:
    for path in ("/", "/mapping", "/sample", "/review", "/conflicts", "/rollback", "/audit",
                 "/audit.csv"):
        answer = anonymous.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/login", path
    assert anonymous.get("/api/status").status_code == 401
    assert anonymous.post("/sample/approve", data={"csrf": "x", "shown": "y"}).status_code == 403


def test_missing_csrf_is_refused_and_logged(world: World) -> None:
    with sign_in(world.url, "olga") as client:
        shown = csrf_of(client.get("/mapping").text, "shown")
        answer = client.post("/mapping/confirm", data={"shown": shown})
    assert answer.status_code == 403 and "security token" in answer.text
    refused = refusals(world, "olga")[-1]
    assert reason_of(refused) == "csrf" and json.loads(refused["detail"])["action"] == "confirm-mapping"


@pytest.mark.parametrize(("person", "path", "page"), [
    ("aude", "/sample/approve", "/sample"),          # the auditor only reads
    ("olga", "/sample/approve", "/sample"),          # approving is the manager's
    ("hana", "/mapping/confirm", "/mapping"),        # the officer does not confirm maps
    ("max", "/review/sign-off", "/review"),          # the sign-off is the officer's
    ("max", "/rollback/run", "/rollback"),           # the rollback is the operator's
])
def test_wrong_role_is_refused_and_logged(world: World, person: str, path: str, page: str) -> None:
    with sign_in(world.url, person) as client:
        html = client.get(page).text
        csrf = csrf_of(html)  # the sign-out form carries it on every page
        answer = client.post(path, data={"csrf": csrf, "shown": "anything", "clinic": "x"})
    assert answer.status_code == 403 and "role may not" in answer.text
    refused = refusals(world, person)[-1]
    assert reason_of(refused) == "role" and refused["role"]


def test_a_stale_mapping_page_is_refused(world: World) -> None:
    path = world.settings.mapping_path
    original = path.read_bytes()
    try:
        with sign_in(world.url, "olga") as client:
            html = client.get("/mapping").text
            # Someone else changes the mapping after the page was shown.
            doc = load_mapping(path)
            name, fm = next(iter(doc.files.items()))
            column = next(iter(fm.columns))
            set_target(path, name, column, None, "someone")
            answer = client.post("/mapping/confirm", data={"csrf": csrf_of(html),
                                                           "shown": csrf_of(html, "shown")})
        assert answer.status_code == 409 and "changed since" in answer.text
        assert reason_of(refusals(world, "olga")[-1]) == "stale"
        confirmed = [r for r in audit(world, actor="olga") if r["event"] == "MigrationRun.MappingConfirmed"]
        assert confirmed == []
    finally:
        path.write_bytes(original)


def test_editing_a_target_is_signed(world: World) -> None:
    path = world.settings.mapping_path
    original = path.read_bytes()
    try:
        doc = load_mapping(path)
        name = "patients.csv"
        column = next(h for h, c in doc.files[name].columns.items() if c.target)
        with sign_in(world.url, "max") as client:
            html = client.get("/mapping").text
            answer = client.post("/mapping/target", data={
                "csrf": csrf_of(html), "shown": csrf_of(html, "shown"),
                "column": f"{name}\x1f{column}", "target": ""})
            assert answer.status_code == 303, answer.text
        assert load_mapping(path).files[name].columns[column].target is None
        signed = [r for r in audit(world, actor="max") if r["event"] == "MigrationRun.DecisionSigned"]
        detail = json.loads(signed[-1]["detail"])
        assert detail["action"] == "edit-mapping" and detail["hashes"]["column"] == column
        assert detail["hashes"]["before"] == doc.content_hash() != detail["hashes"]["after"]
        assert signed[-1]["role"] == "manager" and signed[-1]["via"] == "console"
    finally:
        path.write_bytes(original)


def test_after_logout_the_old_cookie_is_refused(world: World) -> None:
    with sign_in(world.url, "max") as client:
        html = client.get("/sample").text
        old = client.cookies.get("c2n_session")
        assert client.post("/logout", data={"csrf": csrf_of(html)}).status_code == 303
    assert [r for r in audit(world, actor="max") if r["event"] == "MigrationRun.SignedOut"]
    with httpx.Client(base_url=world.url, follow_redirects=False,
                      cookies={"c2n_session": old or ""}) as replay:
        assert replay.get("/sample").status_code == 303
        answer = replay.post("/sample/approve", data={"csrf": csrf_of(html),
                                                      "shown": csrf_of(html, "shown")})
    assert answer.status_code == 403
    assert reason_of(refusals(world, "max")[-1]) == "session"


def test_a_disabled_person_loses_their_session(world: World) -> None:
    store = UserStore(world.home)
    store.add("dora", "manager", PASSWORD)
    with sign_in(world.url, "dora") as client:
        assert client.get("/").status_code == 200
        store.disable("dora")
        store.close()
        assert client.get("/").status_code == 303
        token = csrf_of(client.get("/login").text)
        again = client.post("/login", data={"username": "dora", "password": PASSWORD,
                                            "csrf": token})
    assert again.status_code == 401


def test_the_audit_searches_by_record_time_window_and_person(world: World) -> None:
    everything = audit(world)
    assert everything and all(r["at"] for r in everything)
    first, last = everything[0]["at"], everything[-1]["at"]
    assert audit(world, since="2999-01-01T00:00") == []
    window = audit(world, since=first[:19], until=last)
    assert window and {r["seq"] for r in window} <= {r["seq"] for r in everything}
    assert all(first[:19] <= r["at"] <= last for r in window)
    resolved_record = audit(world, record="patient:1000002")
    assert resolved_record and {r["record"] for r in resolved_record} == {"patient:1000002"}
    mine = audit(world, actor="aude")
    assert mine and {r["actor"] for r in mine} == {"aude"}
    with sign_in(world.url, "aude") as client:
        page = client.get("/audit", params={"actor": "aude"})
    assert page.status_code == 200 and "MigrationRun.SignedIn" in page.text
