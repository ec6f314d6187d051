"""Workbooks built to exhaust or exfiltrate: refused before harm, naming the file only."""

from __future__ import annotations

import zipfile

import pytest

from tests.badinput.builders import (
    BILLION_LAUGHS,
    bomb_sheet,
    external_entity,
    patient,
    patients_sheet,
    write_xlsx,
)
from tests.badinput.conftest import Hostile

pytestmark = pytest.mark.faults

ENTITY_SLOT = "ENTITYSLOT"  # a cell text replaced by a raw entity reference after escaping


def _refused(hostile: Hostile, name: str) -> str:
    with hostile.contained():
        # quarantined whole (exit 1: to look at), never read
        done = hostile.run("extract", str(hostile.src / name), expect=1)
        status = hostile.json("status", expect=1)
    (message,) = hostile.errors(done)
    assert message.startswith(f"c2n: {name}: "), message
    assert status["run"]["files"] == 0
    return message


def test_zip_bomb_sheet_is_refused_before_it_is_inflated(hostile: Hostile) -> None:
    path = write_xlsx(hostile.src / "bomb.xlsx", bomb_sheet(64 << 20))
    with zipfile.ZipFile(path) as archive:  # the premise: a real bomb, not a big file
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size > 200 * info.compress_size and path.stat().st_size < 2 << 20
    assert "zip bomb" in _refused(hostile, "bomb.xlsx")


def test_member_lying_about_its_size_is_refused(hostile: Hostile) -> None:
    """A central directory that claims a small size for a member that inflates far more:
    the size check passes, so the reader itself must stop at the declared size."""
    path = write_xlsx(hostile.src / "liar.xlsx", bomb_sheet(8 << 20))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    real = info.file_size
    claimed = 1000
    # zip64 stores the sizes in the extra field of both headers: rewrite every copy of them.
    for size_bytes in (real.to_bytes(8, "little"), real.to_bytes(4, "little")):
        data = bytearray(data.replace(size_bytes, claimed.to_bytes(len(size_bytes), "little")))
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size == claimed
    assert "unreadable" in _refused(hostile, "liar.xlsx")


def test_billion_laughs_in_the_sheet_is_refused(hostile: Hostile) -> None:
    sheet = patients_sheet([patient(1, First_Name=ENTITY_SLOT)], doctype=BILLION_LAUGHS)
    write_xlsx(hostile.src / "laughs.xlsx", sheet.replace(ENTITY_SLOT, "&lol9;"))
    _refused(hostile, "laughs.xlsx")


def test_billion_laughs_in_the_shared_strings_is_refused(hostile: Hostile) -> None:
    strings = ('<?xml version="1.0" encoding="UTF-8"?>' + BILLION_LAUGHS.replace(
        "worksheet", "sst") + '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main"><si><t>&lol9;</t></si></sst>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>')
    write_xlsx(hostile.src / "strings.xlsx", patients_sheet([patient(1)]),
               parts={"xl/sharedStrings.xml": strings, "xl/_rels/workbook.xml.rels": rels})
    _refused(hostile, "strings.xlsx")


def test_external_entity_is_never_resolved(hostile: Hostile) -> None:
    secret = hostile.sentinel / "secret.txt"
    secret.write_text("XXE-SENTINEL-7f3a\n")
    hostile.secrets.append("XXE-SENTINEL-7f3a")
    sheet = patients_sheet([patient(1, First_Name=ENTITY_SLOT)], doctype=external_entity(secret))
    write_xlsx(hostile.src / "xxe.xlsx", sheet.replace(ENTITY_SLOT, "&xxe;"))
    _refused(hostile, "xxe.xlsx")
    stored = b"".join(p.read_bytes() for p in hostile.home.rglob("*") if p.is_file())
    assert b"XXE-SENTINEL-7f3a" not in stored


def test_part_names_that_climb_out_of_the_archive_are_never_followed(hostile: Hostile) -> None:
    """A workbook whose sheet relationship points at `../../..` and which carries a member
    named like a path out of the archive: parts are looked up inside the zip, nothing is
    extracted or opened on disk."""
    target = "../" * 12 + str(hostile.escape).lstrip("/")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'worksheet" Target="{target}"/></Relationships>')
    path = write_xlsx(hostile.src / "climb.xlsx", patients_sheet([patient(1)]),
                      parts={"xl/_rels/workbook.xml.rels": rels,
                             target: patients_sheet([patient(2)])})
    with zipfile.ZipFile(path) as archive:
        assert target in archive.namelist()
    assert _refused(hostile, "climb.xlsx")
