"""A document list whose rows come without their files (a path naming nothing the export
holds, or no path at all) still lands: a note on the patient's Person saying what the export
says of each (name, category, size, date, description), the file said missing; the run's
summary counts them with the reason; verify checks each note against its row; a rollback
deletes them. A row the PHI review holds stays held."""

from __future__ import annotations

from pathlib import Path

from consumers.nutshell import migration as svc
from consumers.nutshell.push import PushSummary
from consumers.nutshell.rollback import rollback, verify_rollback
from tests.integration.migrate import environment, migrate

PATIENTS = "Client No,Surname,Given Name,Birth Date,E-mail\n" + "".join(
    f"{410 + i},Kowalczyk{i},Ewa,1981-07-{1 + i:02d},ewa{i}@example.pl\n" for i in range(3))
DOCUMENTS = ("Doc No;Client No;Document name;Category;Bytes;Uploaded;Location;Description\n"
             "K1;410;referral-k1.pdf;Letter;20480;2023-04-05;archive\\410\\referral-k1.pdf;"
             "from the GP\n"
             "K2;411;xray-k2.png;Imaging;51200;2023-04-06;;\n"
             "K3;412;consent-k3.pdf;Consent;1024;2023-04-07;archive\\412\\consent-k3.pdf;\n")


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    (export / "archive" / "412").mkdir(parents=True)
    (export / "clients.csv").write_text(PATIENTS, encoding="utf-8")
    (export / "documents.csv").write_text(DOCUMENTS, encoding="utf-8")
    (export / "archive" / "412" / "consent-k3.pdf").write_bytes(b"%PDF kept")  # K3 only
    return export


def test_documents_without_their_files_land_as_notes(tmp_path: Path) -> None:
    export = _export(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, export, clinical=True, sample=3)
        assert engine.store.counts()["document"].get("pushed") == 3, engine.store.failures()
        snap = srv.snapshot()
        notes = [n for n in snap["notes"] if not n.get("deletedTime")
                 and "Clinic document ID: " in str(n.get("body"))]
        bodies = {str(n["body"]).rsplit("Clinic document ID: ", 1)[1].split()[0]: str(n["body"])
                  for n in notes}
        assert set(bodies) == {"K1", "K2"}  # K3's file is in the export: a file, not a note
        assert "referral-k1.pdf" in bodies["K1"] and "its file is not in the export" in bodies["K1"]
        assert "letter" in bodies["K1"].lower() and "from the GP" in bodies["K1"]
        assert "2023-04-05" in bodies["K1"] and "20480" in bodies["K1"]
        assert "SHA-256" not in bodies["K2"]  # no bytes to hash
        assert [f["size"] for f in snap["files"]] == [9]
        report, verified = svc.verify(engine, api)
        assert report.differing == 0 and not report.missing_records  # as written, still there
        assert verified["counts"]["document"]["found_in_nutshell"] == 3
        assert verified["ok"], verified["from_source"]  # each note checked against its source row
        result = rollback(engine, api)
        assert verify_rollback(engine, api)["ok"], result
        live = [n for n in srv.snapshot()["notes"] if not n.get("deletedTime")
                and "Clinic document ID: " in str(n.get("body"))]
        assert live == [], (live, result.to_json()["by_kind"], result.to_json()["residue"])


def test_the_run_summary_counts_documents_landed_without_files() -> None:
    summary = PushSummary()
    summary.add("without_file", "document")
    summary.add("without_file", "document")
    got = summary.to_json()["landed_without_file"]["document"]
    assert got == {"records": 2, "reason": "its file is not in the export"}


SIZED = ("Doc No;Client No;Document name;Taille (Ko);Uploaded;Location\n"
         "S1;410;lab-s1.pdf;12;2023-05-01;\n"
         "S2;411;scan-s2.pdf;2,5;2023-05-02;\n")
SIZED_IN_VALUES = ("Doc No;Client No;Document name;Size;Uploaded\n"
                   "V1;412;letter-v1.pdf;3 MB;2023-05-03\n")


def test_a_size_in_kilobytes_is_read_in_bytes(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "clients.csv").write_text(PATIENTS, encoding="utf-8")
    (export / "documents.csv").write_text(SIZED, encoding="utf-8")
    (export / "scans.csv").write_text(SIZED_IN_VALUES, encoding="utf-8")
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, export, clinical=True, sample=3)
        bodies = [str(n["body"]) for n in srv.snapshot()["notes"]]
        assert any("lab-s1.pdf" in b and "Size (bytes): 12288" in b for b in bodies), bodies
        assert any("scan-s2.pdf" in b and "Size (bytes): 2560" in b for b in bodies), bodies
        assert any("letter-v1.pdf" in b and f"Size (bytes): {3 * 1024 ** 2}" in b
                   for b in bodies), bodies
        _, verified = svc.verify(engine, api)
        assert verified["ok"], verified
