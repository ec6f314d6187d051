"""A patient list whose status routes prospects to leads, each row with a mobile and a home
number: both numbers reach the lead's prospect Person in Nutshell under their names (mobile,
home), as a patient's do; verify and the oracle from the source expect and find both, and a
home number changed in Nutshell is a difference the oracle names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consumers.nutshell import migration as svc
from consumers.nutshell.migration import current_mapping
from consumers.nutshell.oracle import verify_from_source
from domain.nutshell.paths import update_ops
from tests.integration.migrate import environment, migrate

STATUSES = ("Active", "Prospect", "Active", "Inactive", "Prospect", "Active")
PATIENTS = ("Patient ID,First Name,Last Name,Date of Birth,Email,Mobile,Home Phone,Status\n"
            + "".join(f"{700 + i},Name{chr(65 + i)},Family{i},1981-03-{1 + i:02d},"
                      f"f{i}@example.com,(617) 555-01{i:02d},(617) 556-02{i:02d},"
                      f"{STATUSES[i % 6]}\n" for i in range(18)))


def _digits(phone: dict[str, Any]) -> str:
    value = phone["value"]
    return "".join(ch for ch in str(value.get("E164") or value.get("number")) if ch.isdigit())


def test_a_routed_leads_mobile_and_home_numbers_reach_its_person(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(PATIENTS, encoding="utf-8")
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, export, clinical=False, sample=5)
        counts = engine.store.counts()
        assert counts["lead"].get("pushed") == 6 and counts["patient"].get("pushed") == 12
        contacts = {c["name"]: c for c in srv.snapshot()["contacts"] if not c.get("deletedTime")}
        for i in (i for i in range(18) if STATUSES[i % 6] == "Prospect"):
            person = next(c for n, c in contacts.items() if f"Family{i}" in str(n))
            phones = {p["name"]: _digits(p) for p in person["phones"]}
            assert phones == {"mobile": f"161755501{i:02d}", "home": f"161755602{i:02d}"}
        report, _ = svc.verify(engine, api)
        assert not report.differing
        doc = current_mapping(engine)
        assert verify_from_source(engine, api, doc).ok

        # the home number gone from the Person: the oracle names the lead
        person = contacts["NameB Family1"]
        mobile = next(p for p in person["phones"] if p["name"] == "mobile")
        api.patch("contacts", str(person["id"]), update_ops(
            "contacts", {"contacts.phones": {"mobile": mobile["value"]["E164"]}}))
        flagged = {(d.kind, d.source_id) for d in verify_from_source(engine, api, doc).differences}
        assert ("lead", "701") in flagged, flagged
