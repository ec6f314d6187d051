"""A patient list whose status routes prospects to leads: a routed row keeps every number it
holds (mobile, home, work) on the lead's typed phones, not only the first one; the same for a
cell holding several typed numbers; a lead file's own untyped phone column stays `phone`."""

from __future__ import annotations

from domain.records.derive import DerivedRecord
from domain.records.parts import read_parts
from domain.records.quality import same_person
from tests.mapping.test_failure_classes import _derive, _propose

STATUSES = ("Active", "Prospect", "Inactive", "Active", "Prospect", "Active")


def test_a_routed_patient_row_keeps_its_mobile_home_and_work_numbers_on_the_lead() -> None:
    headers = ["Patient ID", "First Name", "Last Name", "Date of Birth", "Email", "Mobile",
               "Home Phone", "Work Phone", "Status"]
    rows = [[str(500 + i), f"Name{chr(65 + i % 26)}", f"Family{i}", f"1980-0{1 + i % 9}-1{i % 9}",
             f"p{i}@example.com", f"+1 617 555 {1000 + i}", f"+1 617 556 {2000 + i}",
             f"+1 617 557 {3000 + i}" if i % 2 else "", STATUSES[i % 6]] for i in range(36)]
    doc = _propose({"patients.csv": (headers, rows)}, country="US")
    fm = doc.files["patients.csv"]
    assert fm.route is not None and "Prospect" in fm.route.values
    kinds, quarantined, records = _derive(doc, "patients.csv", headers, rows)
    assert not quarantined and kinds["lead"] == 12
    by_id = {r[0]: r for r in rows}
    for lead in (r for r in records if r.kind == "lead"):
        row = by_id[lead.source_id]
        digits = {k: "".join(ch for ch in str(v) if ch.isdigit())
                  for k, v in lead.fields.items() if k.startswith("phone") and v}
        want = {"phone_mobile": row[5], "phone_home": row[6]} | (
            {"phone_work": row[7]} if row[7] else {})
        assert digits == {k: "".join(ch for ch in v if ch.isdigit()) for k, v in want.items()}


def test_a_cell_of_typed_numbers_fills_each_typed_phone_of_a_lead() -> None:
    fields = ("source_id", "phone", "phone_mobile", "phone_home", "phone_work")
    assert read_parts("phones", "M: 021 555 1234; H: 09 555 6789", fields) == {
        "phone_mobile": "021 555 1234", "phone_home": "09 555 6789"}
    # a kind with one phone (a staff member) still takes the mobile
    assert read_parts("phones", "H: 09 555 6789; M: 021 555 1234", ("phone",)) == {
        "phone": "021 555 1234"}


def _lead_file(phones: list[str]) -> dict[str, str | None]:
    headers = ["Lead ID", "First Name", "Last Name", "Email", *phones, "Enquiry Date"]
    rows = [[f"L{i}", f"Eva{chr(65 + i)}", f"Bakker{i}", f"e{i}@x.nl",
             *[f"06 1234 5{j}{i:02d}" for j in range(len(phones))], f"2024-05-{1 + i:02d}"]
            for i in range(20)]
    doc = _propose({"leads.csv": (headers, rows)}, country="NL")
    columns = doc.files["leads.csv"].columns
    return {h: columns[h].target for h in phones}


def test_a_lead_files_own_named_numbers_take_the_typed_phones() -> None:
    assert _lead_file(["Mobile", "Home Phone", "Work Phone", "Phone"]) == {
        "Mobile": "lead.phone_mobile", "Home Phone": "lead.phone_home",
        "Work Phone": "lead.phone_work", "Phone": "lead.phone"}
    assert _lead_file(["Cell", "Home Phone"]) == {"Cell": "lead.phone_mobile",
                                                  "Home Phone": "lead.phone_home"}
    # one number alone is the lead's phone, whatever its name
    assert _lead_file(["Telefoon"]) == {"Telefoon": "lead.phone"}
    assert _lead_file(["Mobile"]) == {"Mobile": "lead.phone"}


def _lead(source_id: str, **fields: str) -> DerivedRecord:
    return DerivedRecord("lead", source_id, {"source_id": source_id, **fields}, {}, {}, [],
                         "patients.csv", [1])


def test_a_routed_lead_entered_twice_with_no_email_is_told_by_its_typed_phone() -> None:
    one = same_person(_lead("1", first_name="Eva", last_name="Bakker", phone_mobile="+3161234"))
    again = same_person(_lead("2", first_name="Eva", last_name="Bakker", phone_mobile="+3161234"))
    other = same_person(_lead("3", first_name="Eva", last_name="Bakker", phone_home="+3120555"))
    assert one is not None and one == again and other not in (one, None)
