"""A document list written on Windows names where each file lay on the clinic's PC
(`C:\\Users\\...\\Documents\\x.pdf`, `Documents\\patient\\x.pdf`) and the files arrive beside
the list, in fewer folders: each is found inside the export by its path's trailing parts, then
by its file name when one file alone bears it, and the document lands with its file; nothing
outside the export is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.export_files import ExportFiles
from domain.errors import SourceError
from tests.integration.migrate import environment, migrate

PATIENTS = "Patient ID,Last Name,First Name,Date of Birth,Email\n" + "".join(
    f"{700 + i},Dubois{i},Marie,1975-03-{1 + i:02d},marie{i}@example.fr\n" for i in range(4))
DOCUMENTS = ("Document ID;Patient ID;File name;Category;Added;Path\n"
             "D1;700;scan-1.pdf;Letter;2024-01-05;C:\\Users\\Reception\\Documents\\700\\scan-1.pdf\n"
             "D2;701;scan-2.pdf;Letter;2024-01-06;Documents\\701\\scan-2.pdf\n"
             "D3;702;Bilan 3.pdf;Result;2024-01-07;D:\\Export\\Docs\\Patients\\702\\Bilan 3.pdf\n"
             "D4;703;scan-4.pdf;Letter;2024-01-08;\\\\server\\share\\703\\scan-4.pdf\n")


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "export"
    (export / "700").mkdir(parents=True)
    (export / "Documents" / "701").mkdir(parents=True)
    (export / "files").mkdir()
    (export / "patients.csv").write_text(PATIENTS, encoding="utf-8")
    (export / "documents.csv").write_text(DOCUMENTS, encoding="utf-8")
    (export / "700" / "scan-1.pdf").write_bytes(b"%PDF one")
    (export / "Documents" / "701" / "scan-2.pdf").write_bytes(b"%PDF two")
    (export / "files" / "bilan 3.PDF").write_bytes(b"%PDF three")  # by its name alone
    (export / "files" / "scan-4.pdf").write_bytes(b"%PDF four")
    return export


def test_windows_paths_find_the_files_delivered_beside_the_list(tmp_path: Path) -> None:
    export = _export(tmp_path)
    files = ExportFiles([export])
    assert files.locate("C:\\Users\\Reception\\Documents\\700\\scan-1.pdf").size == 8
    assert files.locate("Documents\\701\\scan-2.pdf").size == 8
    assert files.locate("D:\\Export\\Docs\\Patients\\702\\Bilan 3.pdf").size == 10
    assert files.locate("\\\\server\\share\\703\\scan-4.pdf").size == 9


def test_a_name_two_files_bear_or_a_file_outside_is_not_taken(tmp_path: Path) -> None:
    export = _export(tmp_path)
    (export / "700" / "bilan 3.pdf").write_bytes(b"%PDF other")  # now two files bear it
    (tmp_path / "secret.pdf").write_bytes(b"outside")
    files = ExportFiles([export])
    for name in ("D:\\Export\\Docs\\702\\Bilan 3.pdf", "C:\\Users\\secret.pdf",
                 "C:\\..\\secret.pdf", "\\\\..\\secret.pdf"):
        with pytest.raises(SourceError):
            files.locate(name)


def test_the_documents_land_with_their_files(tmp_path: Path) -> None:
    export = _export(tmp_path)
    with environment(tmp_path) as (engine, api, srv):
        migrate(engine, api, export, clinical=True, sample=5)
        assert engine.store.counts()["document"].get("pushed") == 4, engine.store.failures()
        assert sorted(f["size"] for f in srv.snapshot()["files"]) == [8, 8, 9, 10]
