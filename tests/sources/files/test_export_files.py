"""Files an export names are read from inside the export only."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from adapters.sources import open_sources
from adapters.sources.export_files import ExportFiles
from domain.errors import SourceError


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    (folder / "documents").mkdir(parents=True)
    (folder / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4 scan" * 1000)
    (folder / "patients.csv").write_text("ID,First Name\n1,Ada\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside the export", encoding="utf-8")
    return folder


def test_a_file_inside_is_streamed_whole(export: Path) -> None:
    found = ExportFiles([export]).locate("documents/scan.pdf")
    data = (export / "documents" / "scan.pdf").read_bytes()
    assert found.size == len(data)
    assert b"".join(found.chunks(chunk=4096)) == data
    assert found.sha256() == hashlib.sha256(data).hexdigest()
    assert ExportFiles([export]).locate("documents\\scan.pdf").size == len(data)


@pytest.mark.parametrize("name", ["../secret.txt", "documents/../../secret.txt", "/etc/passwd",
                                  "C:/secret.txt", ""])
def test_paths_that_leave_the_export_are_refused(export: Path, name: str) -> None:
    with pytest.raises(SourceError) as caught:
        ExportFiles([export]).locate(name)
    assert "secret" not in str(caught.value) and "passwd" not in str(caught.value)


def test_a_symlink_out_of_the_export_is_refused(export: Path) -> None:
    (export / "documents" / "link.pdf").symlink_to(export.parent / "secret.txt")
    with pytest.raises(SourceError, match="outside the export"):
        ExportFiles([export]).locate("documents/link.pdf")


def test_devices_fifos_and_folders_are_refused(export: Path) -> None:
    (export / "documents" / "null").symlink_to("/dev/null")  # a device, via a link out
    os.mkfifo(export / "documents" / "pipe")
    with pytest.raises(SourceError):
        ExportFiles([export]).locate("documents/null")
    with pytest.raises(SourceError, match="not a regular file"):
        ExportFiles([export]).locate("documents/pipe")
    with pytest.raises(SourceError, match="not a regular file"):
        ExportFiles([export]).locate("documents")


def test_a_missing_file_is_named_by_hash_only(export: Path) -> None:
    with pytest.raises(SourceError, match="not in the export") as caught:
        ExportFiles([export]).locate("documents/jane-doe-mri.pdf")
    assert "jane" not in str(caught.value)


def test_attachment_folders_are_not_read_as_tables(export: Path) -> None:
    (export / "documents" / "letter.txt").write_text("Dear Ada,\n", encoding="utf-8")
    names = [s.fingerprint().name for s in open_sources([export])]
    assert names == ["patients.csv"]
