"""No plaintext PHI where the engine writes, no sentinel in what it prints, no credentials
anywhere, HOME owner-only, value reports marked, the sandbox closed without credentials."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx

from tests.phi.conftest import InProcessOperator, Migrated, new_key, operator_env
from tests.phi.sentinels import (
    ALL,
    found_in,
    has_phi_marker,
    is_value_report,
    scan_home,
    sentinel_export,
)


def test_no_file_the_engine_wrote_holds_a_sentinel(migrated: Migrated) -> None:
    scanned = [p for p in migrated.home.rglob("*") if p.is_file()]
    assert any(p.name == "events.sqlite" for p in scanned)  # the scan saw the event store
    assert scan_home(migrated.home) == {}


def test_the_scan_finds_sentinels_when_no_key_is_set(tmp_path: Path) -> None:
    """The control: the same scan over a log written without a cipher key does find them,
    so an empty scan above means encrypted, not unscanned."""
    export = sentinel_export(tmp_path / "export")
    op = InProcessOperator(env=operator_env(tmp_path / "home", None, None), cwd=tmp_path)
    op.run("extract", str(export))
    hits = scan_home(tmp_path / "home")
    assert "events.sqlite" in hits
    assert {"zqxforgetfirst", "zqxkeepnote"} <= hits["events.sqlite"]


def test_no_command_output_shows_a_sentinel(migrated: Migrated) -> None:
    commands = [c for c, _ in migrated.op.outputs]
    assert {"extract", "run", "verify", "forget", "audit", "replay"} <= {
        c.split()[0] for c in commands}
    for command, text in migrated.op.outputs:
        assert found_in(text.encode(), ALL) == set(), command


def test_errors_name_no_values_and_refuse_a_wrong_or_missing_key(migrated: Migrated) -> None:
    no_key = migrated.op.without("C2N_CIPHER_KEY")
    done = no_key.run("status", "--json", expect=2)
    assert "C2N_CIPHER_KEY" in done.stderr and "Traceback" not in done.stderr
    wrong = migrated.op.without("C2N_CIPHER_KEY", C2N_CIPHER_KEY=new_key())
    done = wrong.run("audit", "--format", "json", expect=2)
    assert "another key" in done.stderr and "Traceback" not in done.stderr
    for _, text in migrated.op.outputs[-2:]:
        assert found_in(text.encode()) == set()


def test_credentials_are_never_written_or_printed(migrated: Migrated) -> None:
    secrets = (migrated.api_key.encode(), migrated.key.encode())
    for path in migrated.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s in data for s in secrets), path
    for command, text in migrated.op.outputs:
        assert not any(s.decode() in text for s in secrets), command


def test_home_and_everything_in_it_is_owner_only(migrated: Migrated) -> None:
    paths = [migrated.home, *migrated.home.rglob("*")]
    assert len(paths) > 3
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(migrated.home.parent)}: {oct(mode)}"


def test_reports_that_show_values_say_they_contain_phi(migrated: Migrated) -> None:
    reports = [p for p in migrated.home.rglob("*") if p.is_file()
               and is_value_report(p, migrated.home)]
    showing = [p for p in reports if found_in(p.read_bytes(), ALL)]
    assert showing, "no report showed a value: the marker check would be vacuous"
    assert any(p.suffix == ".html" for p in showing)
    for path in showing:
        assert has_phi_marker(path), path.name


def test_the_sandbox_refuses_requests_without_valid_credentials(migrated: Migrated) -> None:
    # The module's sandbox is stopped by now: start a fresh one on its own port.
    from adapters.nutshell_sandbox import SandboxServer

    with SandboxServer() as sandbox:
        url = sandbox.start()
        with httpx.Client(timeout=10) as http:
            assert http.get(f"{url}/contacts").status_code == 401
            assert http.get(f"{url}/contacts", auth=(sandbox.admin_user, "wrong")).status_code \
                == 401
            assert http.get(f"{url}/contacts",
                            auth=("nobody@example.com", sandbox.admin_key)).status_code == 401
            assert http.get(f"{url}/contacts",
                            auth=(sandbox.admin_user, sandbox.admin_key)).status_code == 200
