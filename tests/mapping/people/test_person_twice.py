"""A patient registered again under a new id, the name retyped in another case and the email
left out, is one person when their name, birth date and a phone number are the ones of an
earlier row: the later row is held back naming the first id (it landed as a second contact of
the same person). Two different emails, or another birth date, still make two people."""

from __future__ import annotations

from domain.ports import SourceRow
from domain.records.check import Checker
from tests.mapping.test_failure_classes import _propose

HEADERS = ["patient_no", "first_name", "last_name", "date_of_birth", "email", "home_phone"]
_FIRST = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo")
_LAST = ("ROY", "TRAN", "OKOYE", "BYRNE", "SILVA", "NAKAMURA", "DUBOIS", "WEBER", "COSTA",
         "PATEL", "MOREAU", "KHAN")


def _rows() -> list[list[str]]:
    rows = [[str(100 + i), _FIRST[i % 10].upper(), _LAST[i % 12], f"19{50 + i}-0{1 + i % 9}-1{i % 10}",
             f"p{i}@example.org", f"902-555-{1000 + i * 37}"] for i in range(30)]
    first = rows[4]
    rows.append(["200", first[1].title(), first[2].title(), first[3], "", first[5]])  # again
    rows.append(["201", first[1], first[2], first[3], "other@example.org", first[5]])
    rows.append(["202", first[1], first[2], "1990-02-02", "", first[5]])  # another birth date
    rows.append(["203", first[1], first[2], first[3], "not-an-email", first[5]])  # one written
    return rows


def test_a_patient_registered_again_without_email_is_held_back() -> None:
    rows = _rows()
    doc = _propose({"patients.csv": (HEADERS, rows)})
    assert doc.files["patients.csv"].columns["home_phone"].target == "patient.phone_home"
    check = Checker(doc).check_file("patients.csv", (
        SourceRow(n, dict(zip(HEADERS, row, strict=True))) for n, row in enumerate(rows, 1)))
    assert check.records["patient"] == 33
    reasons = [r.reason for r in check.reasons.values()]
    assert reasons == ["the same person as patient 104 (name, birth date and email or phone "
                       "equal): entered twice under a new id"]
    assert sum(r.rows for r in check.reasons.values()) == 1
