"""A work number written with its extension (`x204`, `ext. 12`) reaches Nutshell with the
extension in the phone schema's own `extension` field: the clinic can still ring the patient's
desk and not the switchboard, and verify finds the number as the export wrote it."""

from __future__ import annotations

from pathlib import Path

from consumers.nutshell import migration as svc
from tests.integration.migrate import environment, migrate

PATIENTS = "Patient ID,Last Name,First Name,Date of Birth,Email,Home Phone,Work Phone\n" + "".join(
    f"{500 + i},Moreno{i},Lucia,1980-02-{1 + i:02d},lucia{i}@example.com,(415) 555-01{i:02d},"
    f"(415) 555-02{i:02d} {'ext. ' if i % 2 else 'x'}{30 + i}\n" for i in range(8))


def test_a_phone_extension_lands_as_the_extension(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "patients.csv").write_text(PATIENTS, encoding="utf-8")
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, export, clinical=False, sample=5)
        contacts = [c for c in srv.snapshot()["contacts"] if not c.get("deletedTime")]
        assert len(contacts) == 8
        extensions = sorted(str(p["value"].get("extension") or "") for c in contacts
                            for p in c["phones"])
        assert extensions == [""] * 8 + [str(30 + i) for i in range(8)]
        report, _ = svc.verify(engine, api)
        assert not report.differing
