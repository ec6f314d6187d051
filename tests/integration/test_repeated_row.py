"""A row repeated cell for cell in a table with no ids of its own (an allergy entered twice the
same day): each occurrence is a row of the export and lands, the repeat's id numbered, instead
of being held as a duplicate id; `map check` counts it the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main
from consumers.nutshell import migration as svc
from tests.integration.migrate import environment, migrate

PATIENTS = "Chart #,First Name,Last Name,Birthdate\n" + "".join(
    f"{1000 + i},Ann{chr(97 + i)},Lee{chr(97 + i)},02/{1 + i:02d}/1980\n" for i in range(8))
ALERTS = "Chart #,Alert Type,Alert,Entered\n" + "".join(
    f"{1000 + i % 8},Allergy,{('Penicillin', 'Latex', 'Bee stings')[i % 3]},03/{1 + i:02d}/2020\n"
    for i in range(12)) + "1003,Allergy,Penicillin,03/04/2020\n"  # row 4 again, cell for cell


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    export.mkdir()
    (export / "Patient List.csv").write_text(PATIENTS, encoding="utf-8")
    (export / "Medical Alerts.csv").write_text(ALERTS, encoding="utf-8")
    return export


def test_a_repeated_row_lands_twice(tmp_path: Path) -> None:
    export = _export(tmp_path)
    with environment(tmp_path) as (engine, api, _):
        migrate(engine, api, export, clinical=True, sample=5)
        counts = engine.store.counts()
        assert counts["allergy_condition"].get("pushed") == 13
        assert not counts["allergy_condition"].get("quarantined")
        _, verified = svc.verify(engine, api)
        assert verified["counts"]["allergy_condition"]["found_in_nutshell"] == 13


def test_map_check_counts_the_repeat_as_a_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("C2N_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("C2N_DATABASE_URL", raising=False)
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    export = _export(tmp_path)
    assert main(["extract", str(export)]) == 0
    main(["map", "propose"])  # 1: the alerts are clinical content, not opted in yet
    capsys.readouterr()
    main(["map", "check", "--json"])
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{"):])
    alerts = report["files"]["Medical Alerts.csv"]
    assert (alerts["derived"], alerts["quarantined"]) == (13, 0)
    assert not [r for r in alerts["top_reasons"] if "duplicate" in r["reason"]]
    assert report["landing"]["allergy_condition"]["records"] == 13
