"""The North American shortcut of phone normalisation answers exactly what phonenumbers does."""

from __future__ import annotations

import random

import phonenumbers

from domain.records.normalise import parse_phone


def reference(value: str, region: str) -> str:
    number = phonenumbers.parse(value, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def test_the_shortcut_agrees_with_phonenumbers() -> None:
    rng = random.Random(7)
    shapes = ("{a}-{b}-{c}", "({a}) {b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}", "({a}){b}-{c}", "{a} {b} {c}")
    for _ in range(3000):
        a = f"{rng.randint(2, 9)}{rng.randint(0, 99):02d}"
        b, c = f"{rng.randint(0, 999):03d}", f"{rng.randint(0, 9999):04d}"
        value = rng.choice(shapes).format(a=a, b=b, c=c)
        region = rng.choice(("US", "CA"))
        assert parse_phone(value, region) == reference(value, region), value


def test_other_regions_and_shapes_take_the_general_parser() -> None:
    assert parse_phone("020 7946 0958", "GB") == "+442079460958"
    assert parse_phone("+1 (617) 555-0100", "US") == "+16175550100"
