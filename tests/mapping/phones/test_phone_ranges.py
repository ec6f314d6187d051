"""A phone the clinic wrote in its own plan's shape, in a range the phone library's metadata
holds unassigned (an Australian mobile `0471 487 858`, a Leeds `0113 613 2839`), is the
patient's number: read into E.164 and sent, not left out as "not valid". A number that does
not fit the plan's shape (a London number a digit short, an Australian number read in the
US) is still kept as written and reported, never rewritten into another country's form."""

from __future__ import annotations

import pytest

from domain.records.derive import DerivedRecord
from domain.records.normalise import parse_phone
from domain.records.validation import Invalid
from tests.mapping.test_failure_classes import _derive, _propose


def test_numbers_in_unassigned_ranges_of_the_clinics_plan_are_read() -> None:
    headers = ["Patient ID", "First Name", "Surname", "DOB", "Mobile", "Home Phone"]
    mobiles = ("0471 487 858", "0496 871 889", "0412 345 678", "0445 453 600")
    rows = [[f"{100 + i:06d}", f"Ann{chr(97 + i)}", f"Lee{chr(97 + i)}",
             f"{1 + i:02d}/03/1980", mobiles[i % 4], f"(02) 9{i:03d} 0101"] for i in range(12)]
    doc = _propose({"Patient List.csv": (headers, rows)}, country="AU", date_order="DMY")
    _, quarantined, records = _derive(doc, "Patient List.csv", headers, rows)
    assert not quarantined
    phones = {r.fields.get("phone_mobile") for r in records if isinstance(r, DerivedRecord)}
    assert phones == {"+61471487858", "+61496871889", "+61412345678", "+61445453600"}
    assert parse_phone("0113 613 2839", "GB") == "+441136132839"


@pytest.mark.parametrize(("number", "region"), [
    ("020 306 1112", "GB"),  # a London number a digit short
    ("(03) 5555 6473", "US"),  # an Australian number read in the US
    ("(03) 5555 6473", "GB"),
])
def test_numbers_not_of_the_plans_shape_stay_as_written(number: str, region: str) -> None:
    with pytest.raises(Invalid, match="kept as written"):
        parse_phone(number, region)
