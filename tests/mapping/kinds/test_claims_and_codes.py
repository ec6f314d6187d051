"""Failure classes of columns read as the wrong field though the header says which: a suburb
beside a city, an accident insurer's claims (its claim number and the day of the injury), a
staff list's short letter codes as the staff's ids, a code's description as the code's field."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.mapping import ColumnMapping, FileMapping
from domain.proposal.prior import with_prior
from tests.mapping.test_failure_classes import _derive, _propose
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

TOWNS = (("Riccarton", "Christchurch", "8011"), ("Frankton", "Hamilton", "3204"),
         ("Kelburn", "Wellington", "6012"), ("Ponsonby", "Auckland", "1011"))


def _people(headers: list[str], n: int = 30) -> list[list[str]]:
    rows = []
    for i in range(n):
        suburb, city, code = TOWNS[i % 4]
        cells = {"Client No.": f"C{1000 + i}", "First Name": f"Ana{chr(65 + i % 26)}",
                 "Last Name": f"Moss{chr(65 + i % 20)}", "Street": f"{i + 1} Beach Rd",
                 "Suburb": suburb, "City": city, "Postcode": code}
        rows.append([cells[h] for h in headers])
    return rows


def test_a_suburb_beside_a_city_is_the_second_address_line() -> None:
    headers = ["Client No.", "First Name", "Last Name", "Street", "Suburb", "City", "Postcode"]
    doc = _propose({"clients.csv": (headers, _people(headers))})
    columns = doc.files["clients.csv"].columns
    assert columns["City"].target == "patient.city"
    assert columns["Suburb"].target == "patient.address_line2"


def test_a_suburb_with_no_city_beside_it_is_the_city() -> None:
    headers = ["Client No.", "First Name", "Last Name", "Street", "Suburb", "Postcode"]
    doc = _propose({"clients.csv": (headers, _people(headers))})
    assert doc.files["clients.csv"].columns["Suburb"].target == "patient.city"


def test_a_suburb_and_a_city_a_vendor_profile_reads_as_one_field_are_told_apart() -> None:
    headers = ["Client No.", "First Name", "Last Name", "Street", "Suburb", "City", "Postcode"]
    proposed = _propose({"clients.csv": (headers, _people(headers))}).files["clients.csv"]
    said = {"Client No.": "patient.source_id", "First Name": "patient.first_name",
            "Last Name": "patient.last_name", "Street": "patient.address_line1",
            "Suburb": "patient.city", "City": "patient.city", "Postcode": "patient.postal_code"}
    prior = FileMapping(kind="patient", profile="vendor", columns={
        h: ColumnMapping(target=t, reasons=["profile vendor"]) for h, t in said.items()})
    merged = with_prior(prior, proposed, set())
    assert merged.columns["City"].target == "patient.city"
    assert merged.columns["Suburb"].target == "patient.address_line2"
    assert merged.columns["Street"].reasons == ["profile vendor"]  # the rest is the profile's


def test_an_accident_insurers_claims_are_covers_with_their_claim_numbers() -> None:
    headers = ["Claim Ref", "Client No.", "Funder", "ACC Claim No.", "Date of Injury",
               "Claim Status"]
    rows = [[f"CL{5001 + i}", f"C{1000 + i % 12}", "ACC", f"DE{62902 + i * 7}",
             f"{1 + i % 28}/{1 + i % 12:02d}/20{10 + i % 12}", ("Accepted", "Pending")[i % 2]]
            for i in range(24)]
    doc = _propose({"claims.txt": (headers, rows)}, date_order="DMY")
    fm = doc.files["claims.txt"]
    assert fm.kind == "insurance"
    assert fm.columns["Claim Ref"].target == "insurance.source_id"  # `Ref` here is no referral
    assert fm.columns["ACC Claim No."].target == "insurance.member_id"
    assert fm.columns["Date of Injury"].target == "insurance.effective_from"
    assert fm.columns["Claim Status"].target is None
    kinds, quarantined, records = _derive(doc, "claims.txt", headers, rows)
    assert not quarantined and kinds["insurance"] == len(rows)
    first = next(r for r in records if r.source_id == "CL5001")
    assert first.fields["member_id"] == "DE62902" and first.fields["effective_from"] == \
        "2010-01-01"


def test_a_staff_code_beside_their_names_is_their_id_and_names_resolve_to_it(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    staff = [("Olivia Te Rangi (Physiotherapist)", "OTE"), ("Olivia Smith (Hand Therapist)",
                                                            "OSMI"),
             ("Priya Brown (Physiotherapist)", "PBRO")]
    _csv(source / "Providers.csv", ["Provider", "Code", "Email"],
         [[f'"{n}"', c, f"{c.lower()}@clinic.example"] for n, c in staff])
    _csv(source / "Appointments.csv", ["Appt ID", "Client No.", "Provider", "Start"],
         [[str(88000 + i), f"C{1000 + i % 9}", f'"{staff[i % 3][0]}"',
           f"2024-02-{1 + i % 27:02d} 10:15"] for i in range(30)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    doc = load_mapping(home / "mapping.yaml")
    providers = doc.files["Providers.csv"]
    assert providers.columns["Code"].target == "provider.source_id"
    assert providers.derived_id is None
    assert providers.columns["Provider"].parts == "name"
    seen = doc.files["Appointments.csv"].columns["Provider"]
    assert seen.target == "appointment.provider_source_id"
    assert seen.values == {n: c for n, c in staff}


def test_a_status_written_out_beside_no_code_is_the_status_and_open_or_closed_reads() -> None:
    headers = ["id", "patient_id", "number", "outstanding_amount", "status_description"]
    rows = [[str(700 + i), str(20 + i % 9), f"INV-{i:04d}", f"{(i % 3) * 40}.00",
             "Open" if i % 3 else "Closed"] for i in range(24)]
    doc = _propose({"invoices.csv": (headers, rows)})
    fm = doc.files["invoices.csv"]
    assert fm.kind == "billing"
    assert fm.columns["status_description"].target == "billing.billing_status"
    kinds, quarantined, records = _derive(doc, "invoices.csv", headers, rows)
    assert not quarantined and kinds["billing"] == len(rows)
    assert {r.fields.get("billing_status") for r in records} == {"current", "paid"}


def test_a_number_only_named_like_a_reference_to_a_kind_the_export_lacks_is_custom(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Practitioners.csv",
         ["ID", "First Name", "Last Name", "Email", "AHPRA Registration", "Provider Number"],
         [[str(10 + i), f"Bo{i}", f"Kay{i}", f"bo{i}@clinic.example", f"PHY000{4410 + i}",
           f"{2400 + i * 7}51A"] for i in range(4)])
    _csv(source / "Patients.csv", ["ID", "First Name", "Last Name", "Email"],
         [[str(500 + i), f"Ann{i}", f"Lee{i}", f"ann{i}@example.net"] for i in range(12)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    column = load_mapping(home / "mapping.yaml").files["Practitioners.csv"].columns[
        "Provider Number"]
    assert column.target is None and column.custom_field == "Provider Number"


def test_a_staff_title_of_address_is_no_credential_and_a_degree_is() -> None:
    headers = ["ID", "Title", "First Name", "Last Name", "Email"]
    rows = [[str(88000 + i), ("Dr", "Ms", "Mr", "")[i % 4], f"Bo{i}", f"Kay{i}",
             f"bo{i}@clinic.example"] for i in range(6)]
    doc = _propose({"Practitioners.csv": (headers, rows)})
    assert doc.files["Practitioners.csv"].kind == "provider"
    assert doc.files["Practitioners.csv"].columns["Title"].target != "provider.credentials"
    rows = [[r[0], ("DDS", "RDH", "DMD", "")[i % 4], *r[2:]] for i, r in enumerate(rows)]
    doc = _propose({"Practitioners.csv": (headers, rows)})
    assert doc.files["Practitioners.csv"].columns["Title"].target == "provider.credentials"
