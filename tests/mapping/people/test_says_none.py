"""Rows whose one value says there is nothing: a coverage row whose carrier is `Self Pay` or
`Private` (the patient has no insurer), an insurer column on the patient list reading
`Self-pay`, an allergy or alert reading `NKDA`, `None`, `No known allergies`, `Nessuna` or a
diagnosis `Diagnosis deferred`. They are dropped on purpose with their reason (as empty slots
are), shown by `map check`, neither landed as an insurer or an allergy nor quarantined, nor
expected in Nutshell by the oracle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consumers.cli import main
from domain.records.empty import empty_slot, means_none

CARRIERS = ("Aetna Dental", "Delta Dental PPO", "Cigna DHMO", "Guardian DentalGuard")
NO_INSURER = ("Self Pay", "Private", "self-pay", "Uninsured")
NONE = ("NKDA", "None", "No known allergies", "NKA", "Nessuna", "Keine bekannt")
ALERTS = ("Penicillin", "Latex", "Codeine", "Sulfa drugs", "Hypertension", "Diabetes type 2")

PATIENTS = "Patient ID,First Name,Last Name,DOB,Insurer,Membership number\n" + "".join(
    f"P{100 + i},Ann{chr(97 + i % 26)},Lee{chr(97 + i // 26)},1980-02-{1 + i % 28:02d},"
    + ("Self-pay,\n" if i % 3 == 0 else f"{CARRIERS[i % 4]},M{5000 + i}\n")
    for i in range(30))
COVERAGE = "Chart #,Coverage,Carrier,Plan Type,Subscriber ID\n" + "".join(
    f"P{100 + i},Primary," + (f"{NO_INSURER[i % 4]},,\n" if i % 4 == 1
                              else f"{CARRIERS[i % 4]},PPO,{440000 + i}\n")
    for i in range(30))
ALERT_ROWS = "Chart #,Alert Type,Alert,Entered\n" + "".join(
    f"P{100 + i},{'Allergy' if i % 2 else 'Medical'},"
    + (f"{NONE[i % 6]}," if i % 3 == 0 else f"{ALERTS[i % 6]},") + f"2021-03-{1 + i % 28:02d}\n"
    for i in range(30))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_self_pay_cover_and_no_known_allergies_are_dropped_with_their_reason(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    (source / "Patient List.csv").write_text(PATIENTS, encoding="utf-8")
    (source / "Insurance Coverage.csv").write_text(COVERAGE, encoding="utf-8")
    (source / "Medical Alerts.csv").write_text(ALERT_ROWS, encoding="utf-8")
    for argv in (("extract", str(source)), ("map", "propose")):
        code, out = _run(capsys, *argv)
        assert code == 0, out
    code, out = _run(capsys, "map", "check", "--json")
    report = json.loads(out[out.index("{"):])
    files = report["files"]

    cover = files["Insurance Coverage.csv"]
    assert cover["kind"] == "insurance"
    assert (cover["read"], cover["derived"], cover["dropped"], cover["quarantined"]) == (
        30, 22, 8, 0)
    [why] = cover["dropped_reasons"]
    assert why["records"] == 8 and "no insurer" in why["reason"]
    assert "Self" not in why["reason"] and "Private" not in why["reason"]  # no values

    patients = files["Patient List.csv"]
    assert (patients["derived"], patients["quarantined"]) == (30, 0)
    [why] = patients["dropped_reasons"]  # the patient lands, the self-pay insurer does not
    assert why["kind"] == "insurance" and why["records"] == 10 and "no insurer" in why["reason"]

    alerts = files["Medical Alerts.csv"]
    assert alerts["kind"] == "allergy_condition"
    assert (alerts["derived"], alerts["dropped"], alerts["quarantined"]) == (20, 10, 0)
    [why] = alerts["dropped_reasons"]
    assert why["records"] == 10 and "none known" in why["reason"]
    assert report["landing"]["allergy_condition"]["records"] == 20
    assert report["landing"]["insurance"]["records"] == 22 + 20


def test_words_meaning_none_are_told_from_substances_and_insurers() -> None:
    for answer in ("NKDA", "None", "nil known", "No known allergies", "N/A", "Nega alergias",
                   "Diagnosis deferred", "Keine bekannt", "Nessuna", "Geen bekende allergieën"):
        assert means_none(answer), answer
    for substance in ("Penicillin", "Non-steroidal anti-inflammatory drugs", "Nuts",
                      "No latex gloves on the left hand please", "Nickel"):
        assert not means_none(substance), substance
    assert empty_slot("insurance", {"carrier_name": "Self Pay"})
    assert empty_slot("insurance", {"carrier_name": "Particular"})
    assert empty_slot("insurance", {"carrier_name": "פרטי"})  # Hebrew: private, no health fund
    # an insurance class alone is a record (Korean 건강보험, national health insurance), but
    # `일반` (general) is the class of the uninsured
    assert empty_slot("insurance", {"plan_type": "건강보험"}) is None
    assert empty_slot("insurance", {"plan_type": "일반"})
    # a member number is something to migrate, whatever the carrier cell says
    assert empty_slot("insurance", {"carrier_name": "Private", "member_id": "A1"}) is None
    assert empty_slot("insurance", {"carrier_name": "Private Health Fund"}) is None
    assert empty_slot("allergy_condition", {"name": "NKDA", "kind": "allergy"})
    assert empty_slot("allergy_condition", {"name": "Peanuts"}) is None


def test_the_offices_test_patient_is_dropped_with_its_reason(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    rows = [f"{100 + i},\"Lee{chr(97 + i)}, Ann{chr(97 + i)}\",02/{1 + i:02d}/1980\n"
            for i in range(20)]
    rows[7] = "107,\"TEST, PATIENT\",01/01/1900\n"
    rows[12] = "112,Paciente Teste,01/01/1900\n"
    rows[15] = "115,\"Test, Anna\",03/04/1971\n"  # a real surname
    (source / "Patient List.csv").write_text("Chart #,Patient,Birthdate\n" + "".join(rows),
                                             encoding="utf-8")
    for argv in (("extract", str(source)), ("map", "propose")):
        code, out = _run(capsys, *argv)
        assert code == 0, out
    code, out = _run(capsys, "map", "check", "--json")
    patients = json.loads(out[out.index("{"):])["files"]["Patient List.csv"]
    assert (patients["derived"], patients["dropped"], patients["quarantined"]) == (18, 2, 0)
    [why] = patients["dropped_reasons"]
    assert "test patient" in why["reason"] and "TEST" not in why["reason"]


def test_a_declined_booking_request_is_no_appointment(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    statuses = ("Confirmed", "Canceled", "Declined", "Missed", "Confirmed")
    (source / "appointments.csv").write_text("Id,ClientId,Status,StartDateIso\n" + "".join(
        f"A{i},{100 + i % 7},{statuses[i % 5]},2024-02-{1 + i:02d}T17:15:00.000Z\n"
        for i in range(25)), encoding="utf-8")
    for argv in (("extract", str(source)), ("map", "propose")):
        code, out = _run(capsys, *argv)
        assert code == 0, out
    code, out = _run(capsys, "map", "check", "--json")
    visits = json.loads(out[out.index("{"):])["files"]["appointments.csv"]
    assert (visits["derived"], visits["dropped"], visits["quarantined"]) == (20, 5, 0)
    [why] = visits["dropped_reasons"]
    assert "declined" in why["reason"] and why["records"] == 5


def test_a_block_in_the_calendar_is_no_appointment(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    (source / "patients.csv").write_text("Client ID,First Name,Last Name\n" + "".join(
        f"{100 + i},Ann{chr(97 + i)},Lee{chr(97 + i)}\n" for i in range(7)), encoding="utf-8")
    rows = [f"V{i},{'' if i % 6 == 5 else 100 + i % 7},3/{1 + i}/2024 12:00 PM,"
            f"{'Staff Meeting' if i % 6 == 5 else 'Individual Therapy'},Show\n"
            for i in range(24)]
    (source / "appointments.csv").write_text(
        "Appointment ID,Client ID,Start,Service Type,Status\n" + "".join(rows), encoding="utf-8")
    for argv in (("extract", str(source)), ("map", "propose")):
        code, out = _run(capsys, *argv)
        assert code == 0, out
    code, out = _run(capsys, "map", "check", "--json")
    visits = json.loads(out[out.index("{"):])["files"]["appointments.csv"]
    assert (visits["derived"], visits["dropped"], visits["quarantined"]) == (20, 4, 0)
    [why] = visits["dropped_reasons"]
    assert "a block in the calendar" in why["reason"] and why["records"] == 4
