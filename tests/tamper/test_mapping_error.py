"""A mapping error (a column sent to the wrong field) is caught by the sample diff, before
anyone approves: the oracle expects every value a sent column holds, so the column whose values
never reach Nutshell is named, with its file, rows and the Nutshell field."""

from __future__ import annotations

from pathlib import Path

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from adapters.samples import sample_path
from adapters.sources import open_sources
from adapters.stores.mapping_file import save_mapping
from consumers.bootstrap import Engine, Settings
from consumers.nutshell import migration as svc
from consumers.nutshell.plan import make_plan
from consumers.services.derive import confirm_and_derive
from consumers.services.extract import extract_source
from consumers.services.profile_choice import ProfileChooser
from consumers.services.proposal import propose_mapping
from domain.mapping import ColumnMapping


def _sample(tmp_path: Path, wrong: bool) -> svc.SampleResult:
    with SandboxServer(data_dir=tmp_path / "sandbox") as sandbox:
        url = sandbox.start()
        settings = Settings(home=tmp_path / "home", database_url=None, cipher_key=None,
                            nutshell_url=url, nutshell_user=sandbox.admin_user,
                            nutshell_api_key=sandbox.admin_key, run_name="mapping-error")
        with Engine(settings) as engine, NutshellClient(url, sandbox.admin_user,
                                                        sandbox.admin_key) as api:
            chooser = ProfileChooser("auto")
            for source in open_sources([sample_path("cliniko")]):
                extract_source(engine.app, "mapping-error", source, chooser.choose(source))
            doc = propose_mapping(engine.app, "mapping-error")
            if wrong:  # the vendor's Birthplace column taken for the patient's city
                doc.files["patients.csv"].columns["Birthplace"] = ColumnMapping(
                    target="patient.city", reasons=["operator edit"])
            save_mapping(doc, engine.settings.mapping_path)
            confirm_and_derive(engine.app, "mapping-error", doc, "tester",
                               scratch=engine.settings.home)
            engine.catch_up()
            make_plan(engine, api, doc, apply=True, fallback_owner_email=sandbox.admin_user,
                      rate=50.0)
            return svc.run_sample(engine, api, 60)


def test_a_column_sent_to_the_wrong_field_fails_the_sample(tmp_path: Path) -> None:
    result = _sample(tmp_path, wrong=True)
    assert result.oracle is not None and not result.ok
    lost = [d for d in result.oracle.differences if d.column == "Birthplace"]
    assert lost and {d.place for d in lost} == {"address.city"}
    assert {d.reason for d in lost} == {"wrong value"} and lost[0].file == "patients.csv"
    # the old comparison, against what the builder meant to send, sees nothing wrong
    assert result.report.differing == 0


def test_the_proposed_mapping_passes_the_same_sample(tmp_path: Path) -> None:
    result = _sample(tmp_path, wrong=False)
    assert result.oracle is not None and result.ok, result.oracle.differences[:3]
    assert result.oracle.unaccounted == 0
