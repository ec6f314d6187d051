"""A register of referrals naming each referring doctor and that doctor's own number (a
Medicare provider number, `2417853K`), in an export with no staff file holding such numbers as
ids: the number is the outside doctor's, kept as a custom field, not a reference to one of the
clinic's staff that would resolve to nobody. Without the doctor's name on the row, a column
whose header says it is a reference still is one."""

from __future__ import annotations

from domain.mapping import Settings
from domain.proposal.propose import propose
from domain.proposal.tables import keys
from tests.mapping.test_proposal import profile_of

DOCTORS = ("Dr Helen Wu", "Dr Arjun Mehta", "Dr Tom O'Brien", "Dr Grace Lim")
PATIENTS = (["Patient No", "Surname", "First Name", "Birth Date", "Phone"],
            [[str(7200 + i), ("Nguyen", "Walsh", "Kaur", "Rossi")[i % 4],
              ("Mia", "Jack", "Ruby", "Leo")[i % 4], f"1{i % 9}/0{1 + i % 9}/1970",
              f"04{10 + i % 80} {300 + i} {200 + i}"] for i in range(30)])


def _referrals(headers: list[str]) -> dict[str, str | None]:
    full = ["Patient No", "Referring Doctor", "Provider Number", "Date Referred", "Reason"]
    rows = [[cells[full.index(h)] for h in headers] for cells in (
        [str(7200 + i), DOCTORS[i % 4], f"24{17 + i % 4}85{3 + i % 4}K", f"0{1 + i % 9}/03/2024",
         "Knee pain"] for i in range(24))]
    files = {"Patients.csv": PATIENTS, "Referral Register.csv": (headers, rows)}
    doc = propose({n: (h, profile_of(h, r)) for n, (h, r) in files.items()},
                  Settings.model_validate({"country": "AU", "date_order": "DMY"}))
    dicts = {n: [dict(zip(h, r, strict=True)) for r in rows] for n, (h, rows) in files.items()}
    sets: dict[str, keys.ValueSets] = {}
    for n, each in dicts.items():
        sets[n] = keys.ValueSets()
        for row in each:
            sets[n].add(row)
    keys.link_files(doc, sets, lambda name: iter(dicts[name]))
    fm = doc.files["Referral Register.csv"]
    return {h: fm.columns[h].target for h in headers}


def test_a_referrers_number_beside_the_referrers_name_is_a_custom_field() -> None:
    targets = _referrals(["Patient No", "Referring Doctor", "Provider Number", "Date Referred",
                          "Reason"])
    assert targets["Referring Doctor"] == "referral.referrer_name"
    assert targets["Provider Number"] is None
    assert targets["Patient No"] == "referral.patient_source_id"


def test_without_the_referrers_name_the_number_stays_the_reference() -> None:
    targets = _referrals(["Patient No", "Provider Number", "Date Referred", "Reason"])
    assert targets["Provider Number"] == "referral.referrer_provider_source_id"
