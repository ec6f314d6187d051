"""`c2n map check`: the balance a mapping would give, before confirming, and again after an edit;
`map confirm` prints the same balance. Run in process on a HOME of its own (SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping, save_mapping
from consumers.cli import main
from domain.mapping import Combine
from domain.records.check import mask

PATIENTS = ("id,first_name,last_name,dob\n"
            "1,Ann,Lee,1980-02-01\n2,Bo,Ng,1975-07-30\n3,Cy,Ray,1990-12-24\n")
HOURS = ("9:15 am", "10:30 am", "11:45 am", "12:00 pm", "1:15 pm", "4:50 pm")
APPOINTMENTS = ("Appointment ID,Client ID,Date,Start time\n"
                + "".join(f"a{i},{1 + i % 3},{6 + i:02d}/08/2018,{HOURS[i % 6]}\n"
                          for i in range(12)))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("C2N_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("C2N_DATABASE_URL", raising=False)
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    source = tmp_path / "export"
    source.mkdir()
    (source / "clients.csv").write_text(PATIENTS, encoding="utf-8")
    (source / "appointments.csv").write_text(APPOINTMENTS, encoding="utf-8")
    code, out = _run(capsys, "extract", str(source))
    assert code == 0, out
    code, out = _run(capsys, "map", "propose")
    assert code == 0, out
    return tmp_path / "home"


def test_mask_keeps_the_shape_and_never_the_value() -> None:
    assert mask("06/08/2018") == "99/99/9999"
    assert mask("11:15 am") == "99:99 xx"
    assert mask("Ann Lee") == "Xxx Xxx"
    assert mask("x" * 40).endswith("…") and len(mask("x" * 40)) == 25


def test_check_shows_where_rows_go_then_an_edit_fixes_them(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "mapping.yaml"
    doc = load_mapping(path)
    appointments = doc.files["appointments.csv"]
    # what stopped a real export: the start time alone taken for the appointment's start
    appointments.combine = []
    appointments.columns["Date"].target = None
    appointments.columns["Start time"].target = "appointment.starts_at"
    save_mapping(doc, path)
    code, out = _run(capsys, "map", "check", "--json")
    assert code == 1, out  # rows would be quarantined: something to look at
    report = json.loads(out)
    appts = report["files"]["appointments.csv"]
    assert appts["read"] == 12
    assert appts["read"] == appts["derived"] + appts["quarantined"] + appts["dropped"]
    # every row would be quarantined; the reason names the column, with a masked example
    assert (appts["derived"], appts["quarantined"]) == (0, 12)
    [reason] = appts["top_reasons"]
    assert reason["field"] == "starts_at" and reason["columns"] == ["Start time"]
    assert reason["example"] == "9:99 xx" and reason["rows"] == 12  # row 1: "9:15 am"
    assert "not a recognised date" in reason["reason"]
    assert "9:15" not in out and "2018" not in out  # no value, only shapes
    assert report["landing"]["patient"]["landing"] == 3
    assert "appointment" not in report["landing"]

    # the edit: date + start time in one target, read with the format they are written in
    appointments.columns["Date"].target = None
    appointments.combine = [Combine(target="appointment.starts_at",
                                    columns=["Date", "Start time"], format="%d/%m/%Y %I:%M %p")]
    save_mapping(doc, path)
    code, out = _run(capsys, "map", "check", "--json")
    report = json.loads(out)
    appts = report["files"]["appointments.csv"]
    assert (appts["derived"], appts["quarantined"], appts["top_reasons"]) == (12, 0, [])
    assert report["landing"]["appointment"] == {
        "records": 12, "landing": 12, "duplicates": 0, "unresolved_references": 0}

    code, out = _run(capsys, "map", "confirm", "--by", "tester", "--json")
    confirmed = json.loads(out)
    assert code == 0, out
    assert confirmed["check"]["files"] == report["files"]  # the same balance
    assert confirmed["files"]["appointments.csv"]["derived"] == 12


def test_check_in_the_terminal_names_file_column_and_masked_example(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "mapping.yaml"
    doc = load_mapping(path)
    doc.files["clients.csv"].columns["dob"].format = "%d.%m.%Y"  # wrong for these values
    save_mapping(doc, path)
    assert main(["map", "check"]) == 1  # 1: rows would be quarantined
    out = " ".join(capsys.readouterr().err.split())  # the terminal view goes to stderr
    assert "clients.csv: 3 rows quarantined" in out
    assert "column dob" in out and "9999-99-99" in out and "1980" not in out, out
