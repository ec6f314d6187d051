"""Referral types as lead Sources linked from leads, referrers named with their Nutshell id,
won/lost leads closed through the status endpoint; a rollback leaves none of it."""

from __future__ import annotations

import csv
from pathlib import Path

from adapters.samples import sample_path
from consumers.nutshell import migration as svc
from consumers.nutshell.rollback import rollback, verify_rollback
from tests.integration.migrate import environment, live, migrate

FOLDER = sample_path("cliniko")


def _rows(name: str) -> list[dict[str, str]]:
    with open(FOLDER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sources_links_referrers_and_lead_status(tmp_path: Path) -> None:
    enquiries, referrals = _rows("enquiries.csv"), _rows("referrals.csv")
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, "cliniko")
        snap = srv.snapshot()
        sources = {s["name"]: s for s in snap["sources"] if not s.get("deletedTime")}
        types = {r["Heard About Us"].lower() for r in enquiries} | {
            r["Referral Type"].lower() for r in referrals}
        run_sources = engine.run().sources
        assert set(run_sources) == types
        assert len(sources) == len(types)  # each created once
        assert sources["Physician referral"]["channel"]["value"] == 6  # "referrer"
        assert sources["Marketing"]["channel"]["value"] == 0  # the type says no channel

        leads = live(snap)["leads"]
        by_key = {str(v["customFields"].get("Clinic Lead ID")): v for v in leads.values()}
        for row in enquiries:
            lead = by_key[row["ID"]]
            source = run_sources[row["Heard About Us"].lower()]["id"]
            assert lead["links"]["sources"] == [source]
            want = {"converted": "won", "lost": "lost"}.get(row["Enquiry Status"].lower(),
                                                            "open")
            assert lead["status"] == want
            # only the status endpoint records an outcome on the lead
            assert (lead["links"].get("outcome") is not None) == (want != "open")

        # the referrer is the provider's Person, named with its Nutshell id
        first = min((r for r in referrals if r["Patient ID"] == "1000000"),
                    key=lambda r: r["Referred On"])
        provider = engine.store.xref_by_source("provider", first["Referring Practitioner ID"])
        patient = engine.store.xref_by_source("patient", "1000000")
        assert provider is not None and patient is not None
        person = live(snap)["contacts"][patient[1]]
        assert person["customFields"]["Referred By"].endswith(f"[{provider[1]}]")
        report, _ = svc.verify(engine, api)
        assert report.ok

        rollback(engine, api)
        assert verify_rollback(engine, api)["ok"]
        after = srv.snapshot()
        assert not [s for s in after["sources"] if not s.get("deletedTime")]
        assert not live(after)["leads"]
