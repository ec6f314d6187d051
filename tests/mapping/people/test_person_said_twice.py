"""A reference to a person said twice on a row, by names and by numbers found among that
person file's ids (domain.proposal.people.references), on small exports built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.stores.mapping_file import load_mapping
from consumers.cli import main
from tests.mapping.whole import run_json as _run
from tests.mapping.whole import write_csv as _csv

STAFF = [("Ines", "Marlow"), ("Oskar", "Penhallow"), ("Ruth", "Quenby"),
         ("Tamsin", "Vell"), ("Ugo", "Wrenfield"), ("Yara", "Zell")]
FIRST = ["Ann", "Bea", "Cal", "Dov", "Eli", "Fay", "Gus", "Hal", "Ida", "Jon", "Kit", "Lou"]
LAST = ["Abbot", "Briar", "Crane", "Dunmore", "Elstow", "Fenn", "Garth", "Hollis", "Ibbot",
        "Jessop", "Kemble", "Lorne"]


def _propose(home: Path, source: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["extract", str(source)]) == 0
    capsys.readouterr()
    _run(capsys, "map", "propose")
    return load_mapping(home / "mapping.yaml").files


def test_a_doctor_named_beside_a_small_number_among_the_staff_ids_is_the_named_one(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the staff are numbered 1..6 and a card's line number runs 1..5: its values are all
    # staff ids by chance; the names beside it are the staff's own
    source = tmp_path / "export"
    source.mkdir()
    _csv(source / "Staff.csv", ["User ID", "Title", "First name", "Surname", "Email"],
         [[str(i + 1), "Dr", f, s, f"{f.lower()}@clinic.example"]
          for i, (f, s) in enumerate(STAFF)])
    _csv(source / "Patients.csv", ["Patient ID", "First name", "Surname", "DOB", "Card Line No",
                                   "Usual doctor"],
         [[str(2000 + i), FIRST[i % 12], LAST[i // 12 % 12], f"{1 + i % 28:02d}/0{1 + i % 9}/1970",
           str(1 + i % 5), "Dr {} {}".format(*STAFF[i % 3])] for i in range(60)])
    patients = _propose(home, source, capsys)["Patients.csv"]
    assert patients.columns["Usual doctor"].target == "patient.primary_provider_source_id"
    assert patients.columns["Usual doctor"].values
    assert patients.columns["Card Line No"].target is None


def test_many_client_ids_beside_the_clients_names_are_the_reference(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the invoices name a third of the clients: their numbers use under half of the client
    # ids, yet every one is a client's id, which the names only repeat
    source = tmp_path / "export"
    source.mkdir()
    clients = [(str(301 + i), FIRST[i % 12], LAST[i // 12 % 12]) for i in range(120)]
    _csv(source / "Clients.csv", ["Client ID", "Forename", "Surname", "Date of Birth"],
         [[c, f, s, f"{1 + i % 28:02d}/0{1 + i % 9}/1980"]
          for i, (c, f, s) in enumerate(clients)])
    _csv(source / "Invoices.csv", ["Invoice No", "Invoice Date", "Reference", "Client", "Total"],
         [[f"INV{7000 + i}", f"{1 + i % 28:02d}/03/2024", clients[i * 3][0],
           f"{clients[i * 3][1]} {clients[i * 3][2]}", "£90.00"] for i in range(40)])
    invoices = _propose(home, source, capsys)["Invoices.csv"]
    assert invoices.kind == "billing"
    assert invoices.columns["Reference"].target == "billing.patient_source_id"
    assert invoices.columns["Client"].target is None
