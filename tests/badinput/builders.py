"""Hostile inputs, built on the fly in tmp (nothing big is committed).

The CSVs reuse the Cliniko export's headers so the bundled profile recognises them and the
hostile rows reach derivation; the workbooks are minimal SpreadsheetML packages written by hand
so each attack sits exactly in the part under test.
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

PATIENT_HEADER = (
    "ID,Title,First Name,Middle Name,Last Name,Preferred First Name,Date of Birth,Sex,Email,"
    "Mobile,Home Phone,Work Phone,Address 1,Address 2,City,State,Post Code,Country,"
    "Reminder Type,Status,Patient Number,Business ID,Practitioner ID,Birthplace,Race,Ethnicity,"
    "Created At,Updated At").split(",")
ATTACHMENT_HEADER = ("ID,Patient ID,Filename,Content Type,Size,SHA-256,Description,Category,"
                     "Path,Created At,PHI Review").split(",")


def patient(pid: int, **cells: str) -> dict[str, str]:
    """A valid Cliniko patient row; `cells` override columns by header (spaces as `_`)."""
    row = {h: "" for h in PATIENT_HEADER}
    row.update({"ID": str(pid), "First Name": f"Given{pid}", "Last Name": f"Family{pid}",
                "Date of Birth": "1970-01-02", "Sex": "Female",
                "Email": f"p{pid}@example.com", "Home Phone": "555-010-0000",
                "City": "Boston", "Country": "US", "Status": "Active"})
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


def csv_text(header: list[str], rows: Iterable[Mapping[str, str]]) -> str:
    """RFC 4180 text; every cell quoted so hostile content cannot change the row's shape."""
    def quote(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"'

    lines = [",".join(header)]
    lines.extend(",".join(quote(r.get(h, "")) for h in header) for r in rows)
    return "\r\n".join(lines) + "\r\n"


def garbage(size: int, seed: int = 7) -> bytes:
    """Random bytes: not a zip, not JSON, not text in any encoding."""
    rng = random.Random(seed)
    return rng.randbytes(size)


# --- XLSX --------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Patients" sheetId="1" r:id="rId1"/></sheets>'
    '</workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>')
SHEET_OPEN = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
              'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_CLOSE = "</sheetData></worksheet>"


def sheet_row(cells: Iterable[str]) -> str:
    inline = "".join(f'<c t="inlineStr"><is><t>{escape(c)}</t></is></c>' for c in cells)
    return f"<row>{inline}</row>"


def patients_sheet(rows: Iterable[Mapping[str, str]], doctype: str = "") -> str:
    """A worksheet of patient rows; `doctype` is put before the root element, as an attacker
    would, and the first data cell may then refer to its entities."""
    body = sheet_row(PATIENT_HEADER) + "".join(
        sheet_row(r.get(h, "") for h in PATIENT_HEADER) for r in rows)
    head, _, rest = SHEET_OPEN.partition("?>")
    return f"{head}?>{doctype}{rest}{body}{SHEET_CLOSE}"


def write_xlsx(path: Path, sheet: str | Iterable[str], *,
               parts: Mapping[str, str] | None = None) -> Path:
    """A one-sheet workbook; `sheet` may be an iterable of chunks (streamed, deflated on the
    way, so a huge sheet never sits in memory); `parts` replace or add package parts."""
    base = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _ROOT_RELS,
            "xl/workbook.xml": _WORKBOOK, "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS}
    base.update(parts or {})
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in base.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            for chunk in ([sheet] if isinstance(sheet, str) else sheet):
                out.write(chunk.encode())
    return path


def bomb_sheet(inflated_bytes: int) -> Iterable[str]:
    """A valid sheet that inflates to about `inflated_bytes`: rows padded with the whitespace
    XML allows between elements, which deflate shrinks about a thousandfold."""
    yield SHEET_OPEN + sheet_row(PATIENT_HEADER)
    row = sheet_row(patient(1).get(h, "") for h in PATIENT_HEADER)
    block = row + " " * (1 << 20)
    for _ in range(max(1, inflated_bytes // len(block))):
        yield block
    yield SHEET_CLOSE


BILLION_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>")


def external_entity(target: Path) -> str:
    return f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{target}">]>'
