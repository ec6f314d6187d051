"""Insurance written on the patient row: two covers side by side whose headers are ordinals
of a record's words (`Primary Insurance`, `Primary Policy #`, then the secondary's), and a
funding scheme's participant number with its plan's type and dates (the scheme is the funder,
named by the header), and a balance and last payment on the row (billing)."""

from __future__ import annotations

from domain.proposal.match import header_matches
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


def test_a_funder_is_the_carrier_and_a_scheme_number_its_member_id() -> None:
    assert header_matches("insurance", "Funder")[0].field == "carrier_name"
    assert header_matches("insurance", "Scheme participant number")[0].field == "member_id"


def test_the_total_balance_and_last_payment_on_the_patient_row_are_billing() -> None:
    headers = ["patient_id", "first_name", "last_name", "current_bal", "thirty_day",
               "total_balance", "last_payment_date", "last_payment_amount"]
    rows = [[str(i + 1), f"Name{chr(65 + i % 26)}", f"Family{i}", f"{i * 3}.25", f"{i}.50",
             f"{i * 4}.75", f"2024-02-{i % 28 + 1:02d}", f"{20 + i}.00"] for i in range(30)]
    doc = _propose({"patient.txt": (headers, rows)})
    columns = doc.files["patient.txt"].columns
    # the current balance is the bucket not yet overdue; the total is what is owed
    assert columns["total_balance"].target == "billing.outstanding_balance"
    assert columns["current_bal"].target != "billing.outstanding_balance"
    assert columns["last_payment_date"].target == "billing.last_payment_date"
    assert columns["last_payment_amount"].target == "billing.last_payment_amount"


def test_a_cover_under_an_abbreviated_ordinal_is_one_record_per_insured_patient() -> None:
    # `Prim` for primary, as report writers shorten it: the ordinal says which cover, the rest
    # of the header (`Ins`, `Subscr No`) which field of it
    headers = ["Client ID", "Surname", "Given", "Birth Date", "Prim Ins", "Prim Subscr No"]
    rows = []
    for i in range(36):
        insured = i % 4 != 0
        rows.append([f"Q{70100 + i}", f"Family{i}", f"Name{chr(65 + i % 26)}",
                     f"19{60 + i % 30}-0{1 + i % 9}-1{i % 9}",
                     ("Regence", "Humana", "Cigna")[i % 3] if insured else "",
                     f"ZK{880000 + 7 * i}" if insured else ""])
    doc = _propose({"member_roster.csv": (headers, rows)})
    columns = doc.files["member_roster.csv"].columns
    assert columns["Prim Ins"].target == "insurance.carrier_name", columns["Prim Ins"].reasons
    assert columns["Prim Subscr No"].target == "insurance.member_id", \
        columns["Prim Subscr No"].reasons
    kinds, quarantined, _ = _derive(doc, "member_roster.csv", headers, rows)
    assert not quarantined
    assert kinds["insurance"] == sum(1 for r in rows if r[4]) and kinds["patient"] == 36


def test_a_health_plan_named_as_an_hmo_is_the_carrier_and_its_card_the_member_id() -> None:
    # `HMO` is how clinics in the US and the Philippines name the patient's health plan
    headers = ["Record No", "Surname", "Given Name", "Email", "HMO Provider", "HMO ID"]
    plans = ("Maxicare", "Intellicare", "Medicard")
    rows = [[f"R{700 + i}", f"Family{i}", f"Name{chr(65 + i % 26)}", f"h{i}@example.org",
             plans[i % 3] if i % 4 else "", f"{88000 + i * 13}" if i % 4 else ""]
            for i in range(32)]
    doc = _propose({"patient-list.csv": (headers, rows)})
    columns = doc.files["patient-list.csv"].columns
    assert columns["HMO Provider"].target == "insurance.carrier_name"
    assert columns["HMO ID"].target == "insurance.member_id"
    kinds, quarantined, _ = _derive(doc, "patient-list.csv", headers, rows)
    assert not quarantined and kinds["insurance"] == sum(1 for r in rows if r[4])
