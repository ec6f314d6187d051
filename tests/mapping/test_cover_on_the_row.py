"""Insurance written on the patient row: two covers side by side whose headers are ordinals
of a record's words (`Primary Insurance`, `Primary Policy #`, then the secondary's), and a
funding scheme's participant number with its plan's type and dates (the scheme is the funder,
named by the header)."""

from __future__ import annotations

from tests.mapping.test_failure_classes import _derive, _propose

CARRIERS = ("Canada Life", "Sun Life", "Manulife", "Green Shield")


def test_a_primary_and_a_secondary_cover_by_ordinal_and_number_sign_are_two_records() -> None:
    headers = ["Client ID", "First Name", "Last Name", "Email", "Primary Insurance",
               "Primary Policy #", "Secondary Insurance", "Secondary Policy #"]
    rows = []
    for i in range(40):
        first, second = i % 3 != 0, i % 5 == 0
        rows.append([str(100 + i), f"Name{chr(65 + i % 26)}", f"Family{i}", f"p{i}@example.com",
                     CARRIERS[i % 4] if first else "", f"{4331660 + i}-35" if first else "",
                     CARRIERS[(i + 1) % 4] if second else "", f"A{9000 + i}" if second else ""])
    doc = _propose({"Client List.csv": (headers, rows)})
    columns = doc.files["Client List.csv"].columns
    assert (columns["Primary Insurance"].target, columns["Primary Insurance"].record) == (
        "insurance.carrier_name", None)
    assert (columns["Primary Policy #"].target, columns["Primary Policy #"].record) == (
        "insurance.member_id", None)
    assert (columns["Secondary Policy #"].target, columns["Secondary Policy #"].record) == (
        "insurance.member_id", 2)
    kinds, quarantined, _ = _derive(doc, "Client List.csv", headers, rows)
    assert not quarantined
    assert kinds["insurance"] == sum(1 for r in rows if r[5]) + sum(1 for r in rows if r[7])


def test_a_scheme_participant_number_is_a_member_id_with_its_plan() -> None:
    headers = ["Client ID", "First name", "Last name", "Email", "NDIS number", "Funding type",
               "Plan start", "Plan end"]
    rows = []
    for i in range(30):
        funded = i % 2 == 0
        rows.append([str(500 + i), f"Name{chr(65 + i % 26)}", f"Family{i}", f"c{i}@example.com",
                     str(430000000 + i * 7) if funded else "",
                     ("Self managed", "Plan managed", "NDIA managed")[i % 3] if funded else "",
                     f"2024-0{i % 9 + 1}-01" if funded else "",
                     f"2025-0{i % 9 + 1}-01" if funded else ""])
    doc = _propose({"clients-export.csv": (headers, rows)})
    columns = doc.files["clients-export.csv"].columns
    assert {h: columns[h].target for h in headers[4:]} == {
        "NDIS number": "insurance.member_id", "Funding type": "insurance.plan_type",
        "Plan start": "insurance.effective_from", "Plan end": "insurance.effective_to"}
    assert columns["NDIS number"].fixed == {"carrier_name": "NDIS"}
    kinds, quarantined, _ = _derive(doc, "clients-export.csv", headers, rows)
    assert not quarantined and kinds["insurance"] == 15
