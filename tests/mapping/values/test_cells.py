"""Failure classes of how a row's cells hold records and fields (exports never seen before):
each builds a small export, lets the proposal map it with no hand edit and derives every row."""

from __future__ import annotations

from domain.mapping import MappingDocument
from domain.oracle.source import SourceReader
from domain.records.derive import DerivedRecord
from tests.mapping.test_failure_classes import _derive, _propose

CARRIERS = ("Aetna", "Cigna", "Kaiser Permanente", "United Healthcare")


def _clients(n: int = 40) -> tuple[list[str], list[list[str]]]:
    headers = ["Client ID", "First Name", "Last Name", "Date of Birth", "Email",
               "Insurance Payer", "Member ID", "Group ID", "Secondary Insurance Payer",
               "Secondary Member ID", "Secondary Group ID"]
    rows = []
    for i in range(n):
        second = i % 3 == 0
        birth = f"{1 + i % 12}/{1 + i % 28}/{62 + i % 30}" if i % 4 == 0 else \
            f"{1 + i % 12:02d}/{13 + i % 15}/19{50 + i % 40}"
        rows.append([str(5000 + i), f"Name{chr(65 + i % 26)}", f"Family{i}", birth,
                     f"client{i}@example.com" if i != 7 else "client7@@example",
                     CARRIERS[i % 4], f"M{i:06d}", f"G{i % 5}",
                     CARRIERS[(i + 1) % 4] if second else "", f"S{i:06d}" if second else "",
                     "G9" if second else ""])
    return headers, rows


def test_a_second_insurance_side_by_side_is_a_second_record() -> None:
    headers, rows = _clients()
    doc = _propose({"client_list.csv": (headers, rows)})
    columns = doc.files["client_list.csv"].columns
    for header in ("Secondary Insurance Payer", "Secondary Member ID", "Secondary Group ID"):
        first = columns[header.removeprefix("Secondary ")]
        assert (columns[header].target, columns[header].record) == (first.target, 2)
        assert first.record is None and first.target.startswith("insurance.")
    kinds, quarantined, records = _derive(doc, "client_list.csv", headers, rows)
    assert not quarantined
    seconds = sum(1 for r in rows if r[8])
    assert kinds["insurance"] == len(rows) + seconds and kinds["patient"] == len(rows)
    second = next(r for r in records if r.source_id == "5000:insurance:2")
    assert second.fields["member_id"] == "S000000" and second.fields["patient_source_id"] == "5000"
    assert next(r for r in records if r.source_id == "5000:insurance").fields["member_id"] == \
        "M000000"
    # the oracle reads the same records from the rows (what verify looks for in Nutshell)
    assert _oracle_ids(doc, headers, rows, "insurance") == {
        r.source_id for r in records if r.kind == "insurance"}


def _oracle_ids(doc: MappingDocument, headers: list[str], rows: list[list[str]],
                kind: str) -> set[str]:
    reader = SourceReader(doc)
    reader.read_file("client_list.csv", [{"n": n, "v": dict(zip(headers, r, strict=True))}
                                         for n, r in enumerate(rows, start=1)])
    return {sid for k, sid in reader.records if k == kind}


def test_two_digit_birth_years_and_one_bad_value_lose_no_client() -> None:
    headers, rows = _clients()
    doc = _propose({"client_list.csv": (headers, rows)})
    kinds, quarantined, records = _derive(doc, "client_list.csv", headers, rows)
    assert not quarantined and kinds["patient"] == len(rows)
    patients = {r.source_id: r for r in records if r.kind == "patient"}
    assert patients["5000"].fields["date_of_birth"] == "1962-01-01"  # 1/1/62: never ahead
    assert all(isinstance(p, DerivedRecord) and p.fields["date_of_birth"] < "2010"
               for p in patients.values())
    bad = patients["5007"]  # its email cannot be read: left out, kept, reported
    assert "email" not in bad.fields and bad.raw_kept["email"] == "client7@@example"
    assert any(w.startswith("email:") and "left out" in w for w in bad.warnings)


FIRST = ("Jane", "Aroha", "Liam", "Mere", "Tom", "Ana", "Wiremu", "Grace")
LAST = ("Roe", "Ngata", "Smith", "Parata", "Brown", "Silva", "Tane", "Lee")


def test_one_column_holding_several_fields_is_read_apart() -> None:
    headers = ["Patient ID", "Patient Name", "City, State Zip", "Phones", "Email"]
    towns = ("Boston, MA 02116", "Austin, TX 73301", "Tampa, FL 33602")
    rows = [[f"C{i}", f"{LAST[i % 8].upper()}, {FIRST[(i * 3) % 8].upper()} {chr(65 + i % 26)}",
             towns[i % 3], f"M: 021 555 {1000 + i}; H: 09 555 {2000 + i}" if i % 2 else
             f"Mobile: 027 444 {3000 + i}", f"p{i}@example.com"] for i in range(24)]
    doc = _propose({"patients.csv": (headers, rows)}, country="NZ")
    columns = doc.files["patients.csv"].columns
    assert (columns["Patient Name"].target, columns["Patient Name"].parts) == (
        "patient.last_name", "name")
    assert (columns["City, State Zip"].target, columns["City, State Zip"].parts) == (
        "patient.city", "place")
    assert (columns["Phones"].target, columns["Phones"].parts) == ("patient.phone_mobile",
                                                                   "phones")
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined and kinds["patient"] == len(rows)
    one = next(r for r in records if r.source_id == "C1")
    assert {k: one.fields[k] for k in ("first_name", "middle_name", "last_name")} == {
        "first_name": "MERE", "middle_name": "B", "last_name": "NGATA"}
    assert (one.fields["city"], one.fields["state"], one.fields["postal_code"]) == (
        "Austin", "TX", "73301")
    # the clinic's numbers read in its own country, each to its own field
    assert (one.fields["phone_mobile"], one.fields["phone_home"]) == ("+64215551001",
                                                                      "+6495552001")
    assert not one.extra and not one.warnings
    reader = SourceReader(doc)  # the oracle reads the same fields from the same cells
    reader.read_file("patients.csv", [{"n": n, "v": dict(zip(headers, r, strict=True))}
                                      for n, r in enumerate(rows, start=1)])
    seen = reader.records[("patient", "C1")].values
    assert {k: seen[k] for k in ("first_name", "last_name", "postal_code", "phone_home")} == {
        k: one.fields[k] for k in ("first_name", "last_name", "postal_code", "phone_home")}


def test_staff_named_with_a_credential_and_no_id_are_named_by_it() -> None:
    credentials = ("LCSW", "PsyD", "LMFT", "PhD")
    headers = ["Clinician", "Email", "Role"]
    rows = [[f"{FIRST[i]} {LAST[i]}, {credentials[i % 4]}" if i < 6 else f"{FIRST[i]} {LAST[i]}",
             f"staff{i}@practice.example.com", "Clinician"] for i in range(8)]
    doc = _propose({"team_members.csv": (headers, rows)})
    fm = doc.files["team_members.csv"]
    assert (fm.columns["Clinician"].target, fm.columns["Clinician"].parts) == (
        "provider.last_name", "name")
    assert fm.derived_id is not None and fm.derived_id.columns == ["Clinician"]
    kinds, quarantined, records = _derive(doc, "team_members.csv", headers, rows)
    assert not quarantined and kinds["provider"] == 8
    roe = records[0]
    # the id is the name as other files write it (appointments name their clinician so)
    assert roe.source_id == "Jane Roe, LCSW"
    assert (roe.fields["first_name"], roe.fields["last_name"], roe.fields["credentials"]) == (
        "Jane", "Roe", "LCSW")


def test_a_persons_only_phone_is_their_mobile_and_a_clinic_is_no_person() -> None:
    headers = ["ID", "First Name", "Last Name", "Phone"]
    rows = [[str(i), FIRST[i % 8], LAST[i % 8] + str(i), f"(415) 555-{1000 + i}"]
            for i in range(20)]
    doc = _propose({"clients.csv": (headers, rows)})
    assert doc.files["clients.csv"].columns["Phone"].target == "patient.phone_mobile"
    headers = ["Facility ID", "Name", "Phone"]
    rows = [[str(i), f"{LAST[i]} Street Clinic", f"(415) 555-{2000 + i}"] for i in range(6)]
    doc = _propose({"facility.csv": (headers, rows)})
    assert not any(c.parts for c in doc.files["facility.csv"].columns.values())


def test_the_only_phone_named_in_another_language_is_the_mobile_too() -> None:
    headers = ["Nº ficha", "Nombre", "Apellidos", "Teléfono"]
    rows = [[f"{i:05d}", FIRST[i % 8], LAST[i % 8] + str(i), f"+34 6{i % 9}1 71 72 {10 + i}"]
            for i in range(20)]
    doc = _propose({"Pacientes.csv": (headers, rows)}, country="ES")
    assert doc.files["Pacientes.csv"].columns["Teléfono"].target == "patient.phone_mobile"


def test_staff_referred_to_by_name_are_references_and_a_gp_name_is_not() -> None:
    staff = ("Jane Roe, LCSW", "Tom Brown, PsyD", "Ana Silva, LMFT")
    headers = ["Client ID", "First Name", "Last Name", "Primary Clinician", "GP Name"]
    rows = [[str(100 + i), FIRST[i % 8], f"{LAST[i % 8]}{i}", staff[i % 3],
             f"Dr {FIRST[(i + 3) % 8]} {LAST[(i + 5) % 8]}"] for i in range(30)]
    doc = _propose({"clients.csv": (headers, rows)})
    columns = doc.files["clients.csv"].columns
    assert columns["Primary Clinician"].target == "patient.primary_provider_source_id"
    assert columns["GP Name"].target is None  # an outside doctor's name: kept as text
    headers = ["Termin-ID", "Datum", "Patienten-Nr.", "Mitarbeiter"]
    rows = [[f"T{i}", f"{1 + i % 28:02d}.01.2024", f"P-{i % 9}",
             ("Ingrid Schmidt", "Jürgen Meyer")[i % 2]] for i in range(30)]
    doc = _propose({"Termine.csv": (headers, rows)}, date_order="DMY")
    assert doc.files["Termine.csv"].columns["Mitarbeiter"].target == \
        "appointment.provider_source_id"
