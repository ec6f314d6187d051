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
