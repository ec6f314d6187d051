"""A clinic outside the countries tried first whose numbers each happen to fit one of them (a
Manila landline `(02) 8xxx xxxx` has a Sydney number's shape, a mobile `09xx xxx xxxx` a
British one's): the one plan that holds more of them than any first country does is the
clinic's (its numbers are then read under its code, not sent as another country's; its
currency and its month-first dates). A clinic of the first countries whose numbers share those
shapes keeps its own."""

from __future__ import annotations

from domain.proposal.region import propose_region

MOBILES = [f"09{17 + i % 3 * 10} {300 + i * 7} {1000 + i * 37}" for i in range(30)]
LANDLINES = [f"(02) 8{700 + i * 3} {2000 + i * 91}" for i in range(30)]


def test_numbers_one_wider_plan_holds_name_its_country() -> None:
    proposal = propose_region(MOBILES + LANDLINES[:20], postcodes=["1104"] * 20)
    assert proposal is not None and proposal.country == "PH"
    assert (proposal.currency, proposal.date_order) == ("PHP", "MDY")


def test_a_first_countrys_numbers_of_the_same_shapes_stay_its_own() -> None:
    sydney = [f"(02) 9{300 + i * 3} {2000 + i * 91}" for i in range(20)]
    mobiles = [f"04{12 + i % 8} {300 + i * 7} {100 + i * 13}" for i in range(30)]
    proposal = propose_region(sydney + mobiles, postcodes=["2010"] * 20)
    assert proposal is not None and proposal.country == "AU"

