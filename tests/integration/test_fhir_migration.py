"""A FHIR R4 export (Bulk Data NDJSON with its manifest, US Core resources, a collection
bundle) migrated into the sandbox: derived by the standard, sampled, run, verified."""

from __future__ import annotations

import shutil
from pathlib import Path

from adapters.samples import sample_path
from consumers import migration_service as svc
from tests.integration.migrate import environment, migrate


def fhir_export(tmp_path: Path) -> Path:
    target = tmp_path / "fhir-export"
    for part in ("bulk-r4", "synthetic", "us-core"):
        shutil.copytree(sample_path("fhir") / part, target / part)
    return target


def test_a_fhir_export_migrates_and_verifies(tmp_path: Path) -> None:
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, fhir_export(tmp_path), clinical=True, sample=50)
        counts = engine.store.counts()
        for kind in ("patient", "provider", "company", "appointment", "communication", "lead",
                     "insurance", "referral", "allergy_condition"):
            assert counts.get(kind, {}).get("pushed", 0) > 0, (kind, counts.get(kind))
        report, verified = svc.verify(engine, api)
        assert report.records > 20
        assert report.differing == 0 and not report.missing_records
        run = engine.run()
        balance = run.derivation["balance"]  # type: ignore[index]
        for name, b in balance.items():
            assert b["read"] == b["derived"] + b["quarantined"], name
