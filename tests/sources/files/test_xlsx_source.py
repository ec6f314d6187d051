"""XLSX reader: cell types as text, sheets, and refusing zip bombs."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from adapters.sources import open_sources
from adapters.sources.headers import EXTRA_CELLS
from adapters.sources.xlsx_source import XlsxSource, check_archive, xlsx_sources
from domain.errors import SourceError


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_cells_become_text_as_a_csv_export_would_show_them(tmp_path: Path) -> None:
    path = _book(tmp_path / "p.xlsx", {"Patients": [
        ["PatNum", "Birthdate", "Seen", "Balance", "Active", "Zip"],
        [17, dt.datetime(1984, 2, 29), dt.datetime(2024, 3, 5, 14, 30), 12.5, True, "02110"],
        [18.0, dt.date(1990, 1, 2), None, 0, False, None],
    ]})
    source = XlsxSource(path)
    fp = source.fingerprint()
    assert (fp.format, fp.sheet, fp.header[0]) == ("xlsx", "Patients", "PatNum")
    first, second = source.rows()
    assert dict(first.values) == {"PatNum": "17", "Birthdate": "1984-02-29",
                                  "Seen": "2024-03-05T14:30:00", "Balance": "12.5",
                                  "Active": "TRUE", "Zip": "02110"}
    assert dict(second.values) == {"PatNum": "18", "Birthdate": "1990-01-02", "Seen": "",
                                   "Balance": "0", "Active": "FALSE", "Zip": ""}


def test_surplus_cells_and_blank_rows(tmp_path: Path) -> None:
    path = _book(tmp_path / "r.xlsx", {"S": [["ID", "Name"], ["1", "Ann", "surplus"], [],
                                             ["2", "Bo"]]})
    rows = list(XlsxSource(path).rows())
    assert [r.number for r in rows] == [1, 2]
    assert rows[0].values[EXTRA_CELLS] == ["surplus"] and rows[0].problem


def test_several_sheets_are_several_sources(tmp_path: Path) -> None:
    path = _book(tmp_path / "w.xlsx", {"Clients": [["ID"], ["1"]], "Empty": [],
                                       "Staff": [["ID"], ["9"]]})
    sources = list(xlsx_sources(path))
    assert [s.fingerprint().name for s in sources] == ["w.xlsx#Clients", "w.xlsx#Staff"]
    assert [s.fingerprint().sheet for s in sources] == ["Clients", "Staff"]
    assert [dict(r.values) for r in sources[1].rows()] == [{"ID": "9"}]


def test_a_single_sheet_keeps_the_file_name(tmp_path: Path) -> None:
    path = _book(tmp_path / "one.xlsx", {"Data": [["ID"], ["1"]]})
    [source] = list(open_sources([path]))
    assert source.fingerprint().name == "one.xlsx"


def test_zip_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(SourceError, match="zip bomb"):
        check_archive(path)
    with pytest.raises(SourceError, match="bomb.xlsx"):
        list(XlsxSource(path).rows())


def test_total_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"x" * 4096)
    check_archive(path)  # under the default limits: accepted
    with pytest.raises(SourceError, match="inflates to"):
        check_archive(path, max_uncompressed=1024)


def test_not_an_archive_is_a_clear_source_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"ID,Name\n1,Ann\n")
    with pytest.raises(SourceError, match=r"fake\.xlsx: not a readable XLSX archive"):
        XlsxSource(path).fingerprint()


def test_broken_workbook_is_a_clear_source_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<not xml")
    with pytest.raises(SourceError, match=r"broken\.xlsx"):
        list(XlsxSource(path).rows())


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _handmade(path: Path, sheet_xml: str, *, date1904: bool = False,
              document: str | None = None) -> Path:
    """A minimal workbook as other spreadsheet programs write it (no openpyxl)."""
    parts = {
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       f'relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
                       f'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook {_NS} {_R}><workbookPr date1904="{int(date1904)}"/>'
                           f'<sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets>'
                           f'</workbook>',
        "xl/_rels/workbook.xml.rels":
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{_REL}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
            f'</Relationships>',
        "xl/sharedStrings.xml": f'<sst {_NS}><si><t>ID</t></si><si><t>Name</t></si>'
                                f'<si><r><t>Yam</t></r><r><t>ada</t></r><rPh><t>ヤマダ</t></rPh>'
                                f'</si><si><t>When</t></si></sst>',
        "xl/styles.xml": f'<styleSheet {_NS}><numFmts count="1"><numFmt numFmtId="164" '
                         f'formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
                         f'<xf numFmtId="164"/><xf numFmtId="20"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": document or f"<worksheet {_NS}><sheetData>{sheet_xml}"
                                                f"</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def test_workbooks_from_other_programs(tmp_path: Path) -> None:
    sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
             '<c r="D1" t="s"><v>3</v></c></row>'
             '<row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>2</v></c>'
             '<c r="C2" t="e"><v>#N/A</v></c><c r="D2" s="1"><v>0</v></c></row>'
             '<row r="4"><c r="A4" t="inlineStr"><is><t>8</t></is></c>'
             '<c r="D4" s="2"><v>0.75</v></c></row>')
    path = _handmade(tmp_path / "other.xlsx", sheet, date1904=True)
    source = XlsxSource(path)
    assert source.fingerprint().header == ("ID", "Name", "", "When")
    first, second = source.rows()
    assert dict(first.values) == {"ID": "7", "Name": "Yamada", "column_3": "#N/A",
                                  "When": "1904-01-01"}
    assert dict(second.values) == {"ID": "8", "Name": "", "column_3": "", "When": "18:00:00"}


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            f'<worksheet {_NS}><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row>'
            '</sheetData></worksheet>')
    path = _handmade(tmp_path / "entities.xlsx", "", document=bomb)
    with pytest.raises(SourceError, match=r"entities\.xlsx"):
        list(XlsxSource(path).rows())


def test_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    import tracemalloc

    def peak(rows: int) -> int:
        path = tmp_path / f"m{rows}.xlsx"
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("S")
        sheet.append(["ID", "First", "Email"])
        for i in range(rows):
            sheet.append([i, "Ann", "ann@example.com"])
        book.save(path)
        source = XlsxSource(path)
        source.fingerprint()
        tracemalloc.start()
        try:
            assert sum(1 for _ in source.rows()) == rows
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(8_000) < peak(800) + 128 * 1024
