"""A document's size in the unit its header or its value names (`Méret (KB)`, `Taille (Ko)`,
`Size (KB)`, `1390 Ko`, `2,5 MB`) is read in bytes, by the derivation and by verify's own
reading of the source alike; a size in bytes is left as it is."""

from __future__ import annotations

import pytest

from domain.mapping import ColumnMapping, FileMapping, Settings
from domain.ports import SourceRow
from domain.records.derive import DerivedRecord, derive_row


def _documents(size_header: str) -> FileMapping:
    return FileMapping(kind="document", columns={
        "Ref": ColumnMapping(target="document.source_id"),
        "Owner": ColumnMapping(target="document.patient_source_id"),
        "Name": ColumnMapping(target="document.filename"),
        size_header: ColumnMapping(target="document.size_bytes")})


@pytest.mark.parametrize(("header", "cell", "size"), [
    ("Méret (KB)", "7", 7 * 1024), ("Taille (Ko)", "3,5", 3584), ("Size (KB)", "1,024", 1024 ** 2),
    ("File size kB", "40", 40 * 1024), ("Taille", "1390 Ko", 1390 * 1024),
    ("Size", "2 MB", 2 * 1024 ** 2), ("Size", "512", 512), ("Size (bytes)", "2048", 2048)])
def test_a_size_is_read_in_bytes(header: str, cell: str, size: int) -> None:
    row = SourceRow(1, {"Ref": "Q9", "Owner": "5", "Name": "x.pdf", header: cell})
    [made] = derive_row("files.csv", _documents(header), Settings(), row)
    assert isinstance(made, DerivedRecord)
    assert made.fields["size_bytes"] == size
