"""Vendor profiles: bundled YAML, recognising files by headers, operator-written profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.profiles import file_mapping, load_profile_file, load_profiles, match_profile
from adapters.samples import sample_path
from adapters.sources import open_sources
from domain.errors import SourceError
from domain.ports import SourceFingerprint
from domain.records.canonical import KINDS


def _fp(name: str, *header: str) -> SourceFingerprint:
    return SourceFingerprint(name=name, sha256="0" * 64, size_bytes=1, format="csv",
                             header=header)


def test_bundled_profiles_cover_every_kind() -> None:
    profiles = load_profiles()
    assert set(profiles) == {"cliniko", "opendental", "frontdesk"}
    for profile in profiles.values():
        kinds = {spec.kind for spec in profile.files.values()}
        kinds |= {col.target.split(".")[0] for spec in profile.files.values()
                  for col in spec.columns.values() if col.target}
        assert kinds == set(KINDS)
    patfield = profiles["opendental"].files["patfield"]
    assert patfield.key_value is not None and patfield.key_value.record_column == "PatNum"


@pytest.mark.parametrize("vendor", ["cliniko", "opendental", "frontdesk", "frontdesk-xlsx"])
def test_every_sample_file_is_recognised_as_its_vendor(vendor: str) -> None:
    profiles = load_profiles()
    expected = vendor.removesuffix("-xlsx")
    for source in open_sources([sample_path(vendor)]):
        found = match_profile(source.fingerprint(), profiles)
        assert found is not None, source.fingerprint().name
        name, mapping = found
        assert name == expected and mapping.profile == expected
        assert mapping.confidence >= 0.9


def test_headers_alone_are_enough_and_case_does_not_matter() -> None:
    found = match_profile(_fp("export_2024.csv", "patnum", "LNAME", "FName", "Birthdate"),
                          load_profiles())
    assert found is not None and found[0] == "opendental" and found[1].kind == "patient"
    assert found[1].columns["patnum"].target == "patient.source_id"


def test_unknown_columns_are_flagged_custom_field_proposals() -> None:
    found = match_profile(_fp("clients.csv", "Client ID", "First Name", "Last Name",
                              "Email Address", "Favourite Colour"), load_profiles())
    assert found is not None
    column = found[1].columns["Favourite Colour"]
    assert column.target is None and column.custom_field == "Favourite Colour"
    assert column.flagged


def test_unrelated_headers_match_nothing() -> None:
    assert match_profile(_fp("x.csv", "Foo", "Bar", "Baz"), load_profiles()) is None
    # the id column is required even when other headers look familiar
    assert match_profile(_fp("x.csv", "First Name", "Last Name"), load_profiles()) is None


def test_an_operator_profile_in_yaml(tmp_path: Path) -> None:
    path = tmp_path / "myclinic.yaml"
    path.write_text(
        "# our old system\n"
        "profile: myclinic\n"
        "date_order: DMY\n"
        "files:\n"
        "  people:\n"
        "    kind: patient\n"
        "    match: ['people*']\n"
        "    columns:\n"
        "      Nr: patient.source_id\n"
        "      Naam: patient.last_name\n"
        "      Beroep: {custom_field: Beroep, type: Text}\n"
        "      Intern: null\n", encoding="utf-8")
    profile = load_profile_file(path)
    found = match_profile(_fp("people.csv", "Nr", "Naam", "Beroep", "Intern"), [profile])
    assert found is not None
    name, mapping = found
    assert (name, mapping.date_order) == ("myclinic", "DMY")
    assert mapping.columns["Beroep"].custom_field == "Beroep"
    assert mapping.columns["Intern"].target is None and mapping.columns["Intern"].custom_field is None
    again = file_mapping(profile, profile.files["people"], ["Nr", "Naam"])
    assert set(again.columns) == {"Nr", "Naam"}


@pytest.mark.parametrize(("text", "needle"), [
    ("profile: x\nfiles:\n  a:\n    kind: patient\n    columns: {ID: patient.shoe_size}\n",
     "patient.shoe_size"),
    ("profile: x\nfiles:\n  a:\n    kind: spaceship\n", "spaceship"),
    ("profile: [unclosed\n", "invalid profile"),
])
def test_invalid_profiles_say_why(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="bad.yaml") as info:
        load_profile_file(path)
    assert needle in str(info.value)
