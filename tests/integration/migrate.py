"""A whole migration driven through the services, in-process, against a sandbox over HTTP."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from adapters.sources import open_sources
from adapters.stores.mapping_file import save_mapping
from consumers.bootstrap import Engine, Settings
from consumers.nutshell import migration as svc
from consumers.nutshell.plan import make_plan
from consumers.services import review
from consumers.services.derive import confirm_and_derive
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.proposal import propose_mapping
from domain.mapping import MappingDocument

STAFF_USER = {"email": "staff@clinic.test", "name": "Sam Staff", "api_key": "staff-key",
              "is_admin": False}


@contextmanager
def environment(tmp_path: Path, database_url: str | None = None,
                **sandbox: Any) -> Iterator[tuple[Engine, NutshellClient, SandboxServer]]:
    users = [{"email": "admin@sandbox.test", "name": "Ada Admin", "api_key": "admin-key",
              "is_admin": True}, STAFF_USER]
    with SandboxServer(data_dir=tmp_path / "sandbox", users=users, **sandbox) as srv:
        url = srv.start()
        settings = Settings(home=tmp_path / "home", database_url=database_url, nutshell_url=url,
                            nutshell_user=srv.admin_user, nutshell_api_key=srv.admin_key)
        with Engine(settings) as engine, NutshellClient(url, srv.admin_user, srv.admin_key,
                                                        backoff_base=0.05) as api:
            yield engine, api, srv


def prepare(engine: Engine, api: NutshellClient, export: str | Path = "cliniko",
            clinical: bool = True, adjust: Callable[[MappingDocument], None] | None = None) -> None:
    run = engine.settings.run_name
    chooser = ProfileChooser("auto")
    folder = export if isinstance(export, Path) else sample_path(export)
    for source in open_sources([folder]):
        extract_source(engine.app, run, source, chooser.choose(source))
    doc = propose_mapping(engine.app, run)
    doc.settings.clinical_content = clinical
    if adjust is not None:
        adjust(doc)  # the operator's edits before confirming
    save_mapping(doc, engine.settings.mapping_path)
    confirm_and_derive(engine.app, run, doc, "tester")
    engine.catch_up()
    make_plan(engine, api, doc, apply=True, fallback_owner_email="admin@sandbox.test", rate=50)


def sign_off_review(engine: Engine) -> None:
    """The reviewer's and the officer's part, so clinical content may move."""
    review.clear_all(engine, by="Rita Reviewer", reason="checked in the clinic system")
    review.sign_off(engine, by="Olive Officer")


def migrate(engine: Engine, api: NutshellClient, export: str | Path = "cliniko",
            clinical: bool = True, sample: int = 60,
            adjust: Callable[[MappingDocument], None] | None = None) -> None:
    prepare(engine, api, export, clinical, adjust)
    if clinical:
        sign_off_review(engine)
    svc.run_sample(engine, api, sample)
    svc.approve(engine, "tester")
    svc.run_full(engine, api)


def live(snapshot: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Live (not deleted) records per collection, by id, without volatile bookkeeping."""
    volatile = {"modifiedTime", "rev", "deletedTime", "lastContactedTime"}
    return {entity: {str(r["id"]): {k: v for k, v in r.items() if k not in volatile}
                     for r in records if not r.get("deletedTime")}
            for entity, records in snapshot.items()
            if entity in {"contacts", "accounts", "leads", "activities", "notes", "tasks"}}


def assert_each_operation_compensated_once(engine: Engine) -> tuple[int, int]:
    """The audit holds one CompensationSucceeded per Nutshell operation of every record that
    made any, and none for any other record. Returns (compensations, those records)."""
    engine.catch_up()
    compensated = Counter(str(a["record"]) for a in engine.audit()
                          if a["event"] == "ClinicRecord.CompensationSucceeded")
    with_ops = [r for r in (engine.app.record(engine.settings.run_name, k, s)
                            for k, s, _ in engine.store.records_in_state())
                if r is not None and r.operations]
    for record in with_ops:
        assert compensated[record.key] == len(record.operations), record.key
    assert set(compensated) == {r.key for r in with_ops}
    return sum(compensated.values()), len(with_ops)


class Premigrated:
    """What `migrate` leaves without clinical content (the sandbox's data and the engine's
    HOME, as `environment` and the fault harness lay them out: `<dir>/sandbox`, `<dir>/home`),
    built once per session for each export and sample size and copied into every test that
    starts from it. Each test then has a migrated run of its own, exactly as if it had
    migrated; only the repetition is saved. `prepared_into` stops earlier: after `prepare` and
    the review's sign-off, before anything is pushed.

    Not for a run that moved documents: the engine keeps their upload URIs, which name the
    template's sandbox (its port), not the copy's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._built: dict[tuple[str, str], Path] = {}

    def into(self, tmp_path: Path, export: str = "cliniko", *, sample: int = 60) -> None:
        """`migrate(engine, api, export, clinical=False, sample=sample)`'s result."""
        self._copy(tmp_path, (export, f"sample-{sample}"))

    def prepared_into(self, tmp_path: Path, *, signed_off: bool = True) -> None:
        """`prepare(engine, api, "cliniko")` (clinical content on)'s result, then, if
        `signed_off`, the review's sign-off (`sign_off_review`)."""
        self._copy(tmp_path, ("cliniko", "signed-off" if signed_off else "prepared"))

    def _copy(self, tmp_path: Path, key: tuple[str, str]) -> None:
        template = self._built.get(key)
        if template is None:
            export, stage = key
            template = self.root / f"{export}-{stage}"
            with environment(template) as (engine, api, _srv):
                if stage.startswith("sample-"):
                    migrate(engine, api, export, clinical=False, sample=int(stage[7:]))
                else:
                    prepare(engine, api, export, clinical=True)
                    if stage == "signed-off":
                        sign_off_review(engine)
            self._built[key] = template
        for part in ("sandbox", "home"):
            shutil.copytree(template / part, tmp_path / part)


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    """A CSV file rewritten with `rows` (header from the first row), as an export edited by hand."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
