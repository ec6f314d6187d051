"""A FHIR R4 export (Bulk Data NDJSON with its manifest, US Core resources, a collection
bundle) migrated into the sandbox: derived by the standard, sampled, run, verified."""

from __future__ import annotations

import shutil
from pathlib import Path

from adapters.samples import sample_path
from consumers.nutshell import migration as svc
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


def test_the_sample_holds_orphans_merge_candidates_and_branches(tmp_path: Path) -> None:
    from consumers.nutshell.sample_select import select_sample
    from tests.integration.migrate import prepare

    with environment(tmp_path) as (engine, api, srv):
        prepare(engine, api)  # the Cliniko export: one orphan appointment, one duplicate patient
        sample = select_sample(engine, 100)
        chosen = set(sample.keys)
        assert ("appointment", "1003041") in chosen  # the orphan (its patient is not exported)
        patients = {s for k, s in chosen if k == "patient"}
        # the same person exported twice: the second id is held back, the first is sampled
        assert "1000000" in patients and "1000029" not in patients
        held = engine.app.record("default", "patient", "1000029")
        assert held is not None and held.quarantine_reason.startswith(  # type: ignore[union-attr]
            "the same person as patient 1000000")
        branches = [s for k, s in chosen if k == "company"
                    and (engine.app.record("default", "company", s).fields.get("parent_source_id"))]  # type: ignore[union-attr]
        assert branches
        cov = sample.coverage()
        assert cov["features_covered"] == cov["features_total"]
