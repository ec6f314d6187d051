"""`<a kind's name> number` run together or apart (`Terminnummer`, `Behandler-Nr`, `Nº cita`):
the id of that kind; `<address word> 2` (`Morada 2`): the address's second line; a word cut
short (`insCovFundName`): the one known word it begins. Failure classes
the mutation harness (tools/zoo/mutate/) found on translated headers, here on small exports built
in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from domain.proposal.match import header_matches
from domain.proposal.text import phrase
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

VISITS = 30


def test_nummer_ends_a_compound_as_number() -> None:
    # a German or Dutch compound ending in `nummer` is its parts: the head and `number`
    assert phrase("Behandlernummer").tokens == ("behandler", "number")
    assert phrase("Behandlernummer").tokens == phrase("Behandler Nummer").tokens


@pytest.mark.parametrize("header", ["Terminnummer", "Termin-Nr", "Termin Nummer"])
def test_the_files_own_kind_named_before_number_is_its_id(header: str) -> None:
    # `Termin` alone is the visit's date; `Termin` + number is the visit's own id
    assert header_matches("appointment", header)[0].field == "source_id"


@pytest.mark.parametrize("header", ["Nº cita", "N. consulta", "Número da consulta"])
def test_number_before_the_kinds_name_is_its_id_too(header: str) -> None:
    # Romance order: the number word first
    assert header_matches("appointment", header)[0].field == "source_id"


@pytest.mark.parametrize("header", ["Behandlernummer", "Behandler-Nr"])
def test_another_kind_named_before_number_is_the_reference_to_it(header: str) -> None:
    assert header_matches("appointment", header)[0].field == "provider_source_id"


@pytest.mark.parametrize("word", ["Morada", "Indirizzo", "Adresse", "Address"])
def test_an_address_word_numbered_2_is_the_second_line(word: str) -> None:
    # whatever word reads as the address's first line, that word and `2` is its second
    assert header_matches("patient", word)[0].field == "address_line1"
    assert header_matches("patient", f"{word} 2")[0].field == "address_line2"


def test_a_run_together_compound_close_to_a_known_one_keeps_its_reading() -> None:
    # split, `Versicherungs` + `nummer` would read as the insurer; whole, it is a few letters
    # from the member number the vocabulary knows (`Versichertennummer`)
    assert header_matches("insurance", "Versicherungsnummer")[0].field == "member_id"


def test_visits_with_compound_number_headers_land(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "patienten.csv", ["Patientennummer", "Vorname", "Nachname", "Geburtsdatum",
                                    "Indirizzo", "Indirizzo 2"],
         [[str(700 + i), f"Ann{i}", f"Lee{i}", f"1980-02-{1 + i % 28:02d}", f"{i} Via Roma",
           f"Scala {i % 4}"] for i in range(VISITS)])
    _csv(source / "termine.csv", ["Terminnummer", "Patientennummer", "Behandlernummer",
                                  "Beginn", "Ende"],
         [[str(9100 + i), str(700 + i), str(1 + i % 3), f"2024-03-{1 + i % 28:02d} 09:00",
           f"2024-03-{1 + i % 28:02d} 09:30"] for i in range(VISITS)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    mapping = load_mapping(home / "mapping.yaml")
    assert mapping.files["patienten.csv"].columns["Indirizzo 2"].target == "patient.address_line2"
    visits = mapping.files["termine.csv"]
    assert visits.kind == "appointment"
    assert visits.columns["Terminnummer"].target == "appointment.source_id"
    assert visits.columns["Behandlernummer"].target == "appointment.provider_source_id"
    report = _run(capsys, "map", "check")
    assert report["landing"]["appointment"]["landing"] == VISITS


def test_a_word_cut_short_is_the_one_known_word_it_begins() -> None:
    # `cov` begins only `coverage`; `pro` begins many words and stays as it is
    assert phrase("insCovFundName").tokens == ("insurance", "coverage", "fund", "name")
    assert "pro" in phrase("Pro Rata").tokens
    assert header_matches("insurance", "insCovFundName")[0].field == "carrier_name"


def test_clipped_camel_case_satellite_columns_land(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "people.csv", ["ptId", "firstName", "lastName", "birthDate", "insCovFundName",
                                 "insCovMbrNo"],
         [[str(100 + i), f"Ann{i}", f"Lee{i}", f"1980-01-{1 + i % 28:02d}", "Blue Fund",
           f"M{9000 + i}"] for i in range(VISITS)])
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    people = load_mapping(home / "mapping.yaml").files["people.csv"]
    assert people.columns["insCovFundName"].target == "insurance.carrier_name"
    assert people.columns["insCovMbrNo"].target == "insurance.member_id"
