"""Custom-field names Nutshell accepts: never two differing only in case (`plan --apply` died
with `HTTP 400 ... fields: name` and no word of which field), no `/`, bounded length; and an
error about a definition names the definition and the column it came from."""

from __future__ import annotations

import pytest

from adapters.nutshell.client import NutshellClient
from adapters.nutshell_sandbox import SandboxServer
from consumers.nutshell.plan import create_definition
from domain.errors import TerminalError
from domain.mapping import ColumnMapping, FileMapping, MappingDocument
from domain.nutshell.fields import custom_field_specs
from domain.ports import CustomFieldSpec
from domain.proposal.propose import propose
from domain.proposal.text import CUSTOM_NAME_MAX, custom_field_name
from tests.mapping.test_proposal import profile_of


def test_two_files_whose_headers_differ_in_case_propose_one_field() -> None:
    rows = [[str(i), "Ann", "Lee", f"word {i % 3}"] for i in range(40)]
    files = {name: (headers, profile_of(headers, rows)) for name, headers in (
        ("clients 2019.csv", ["Client ID", "First name", "Last name", "Favourite colour"]),
        ("clients 2020.csv", ["Client ID", "First name", "Last name", "FAVOURITE COLOUR"]))}
    doc = propose(files)
    names = [doc.files[f].columns[h].custom_field for f, h in (
        ("clients 2019.csv", "Favourite colour"), ("clients 2020.csv", "FAVOURITE COLOUR"))]
    assert names[0] == names[1] == "Favourite Colour"
    specs = [s for s in custom_field_specs(doc, ["patient"]) if s.name.casefold() ==
             "favourite colour"]
    assert len(specs) == 1


def test_an_edited_mapping_with_case_twins_still_defines_each_name_once() -> None:
    doc = MappingDocument(files={
        "a.csv": FileMapping(kind="patient", columns={
            "x": ColumnMapping(custom_field="Referral Source"),
            "y": ColumnMapping(custom_field="referral source")})})
    names = [s.name for s in custom_field_specs(doc, ["patient"])]
    assert [n.casefold() for n in names].count("referral source") == 1


@pytest.mark.parametrize(("header", "name"), [
    ("Custom: Occupation", "Occupation"),
    ("Insurance coverage: Fund name", "Insurance Coverage: Fund Name"),
    ("Date/Time of injury", "Date Time Of Injury"),
    ("   ", "Unnamed Column"),
])
def test_names_are_ones_nutshell_accepts(header: str, name: str) -> None:
    assert custom_field_name(header) == name
    assert "/" not in custom_field_name(header)


def test_long_headers_are_cut_to_a_name_nutshell_takes() -> None:
    name = custom_field_name("Question " * 40)
    assert 0 < len(name) <= CUSTOM_NAME_MAX and name == name.strip()


def test_a_refused_definition_is_named_with_its_column() -> None:
    # an operator's edit Nutshell refuses: a name with "/"
    doc = MappingDocument(files={"visits.csv": FileMapping(kind="patient", columns={
        "Visit date/time": ColumnMapping(custom_field="Date/Time", custom_field_type="Text")})})
    spec = CustomFieldSpec("contacts", "Date/Time", "Text", ())
    with SandboxServer(users=[{"email": "admin@clinic.test", "name": "Ada Admin",
                               "api_key": "admin-key", "is_admin": True}]) as srv, \
            NutshellClient(srv.url, srv.admin_user, srv.admin_key, backoff_base=0.001,
                           backoff_cap=0.01) as api:
        with pytest.raises(TerminalError) as caught:
            create_definition(api, doc, spec)
    message = str(caught.value)
    assert "custom-field definition 'Date/Time' (Text) on contacts" in message
    assert "column 'Visit date/time' of visits.csv" in message
    assert "400" in message


@pytest.mark.parametrize(("cf_type", "raw", "sent"), [
    ("Currency", "$1,234.50", "1234.50"),
    ("Currency", "(45.00)", "-45.00"),
    ("Currency", "1.234,50 €", "1234.50"),
    ("Number", "12", "12"),
    ("Date", "06/08/2018", "2018-08-06"),
    ("Text", "$5 voucher", "$5 voucher"),
])
def test_custom_field_values_are_sent_in_their_fields_type(cf_type: str, raw: str,
                                                           sent: str) -> None:
    # Patients failed with `HTTP 400 fields: Unapplied Account Credit` (a Currency column sent
    # as "$12.50"), and the referrals riding on their rows never went: every referral failed.
    from adapters.nutshell_sandbox.customfields import check_value
    from domain.nutshell.payloads import typed_value

    value = typed_value(cf_type, raw, "DMY")
    assert value == sent
    definition = {"name": "Unapplied Account Credit", "type": cf_type, "choices": [],
                  "isMultiple": False}
    assert check_value("contacts", definition, value) == sent  # the sandbox takes it
