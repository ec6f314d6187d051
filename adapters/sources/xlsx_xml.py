"""A streaming reader of the SpreadsheetML parts of an XLSX workbook (through defusedxml).

openpyxl's read-only mode keeps one emptied element per row attached to the sheet, so its memory
grows with the row count; this reader detaches each row once read, so memory depends on the
shared-string table (the workbook's distinct texts) and one row, never on the number of rows.

It reads what a clinic export needs: sheet names, shared and inline strings, numbers, booleans,
errors, and dates (serial numbers under a date number format, 1900 and 1904 systems).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from defusedxml.ElementTree import iterparse, parse

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30).
_DATE_FORMATS = frozenset(range(14, 18)) | {22} | frozenset(range(27, 37)) | frozenset(
    range(50, 59))
_TIME_FORMATS = frozenset(range(18, 22)) | {45, 46, 47}
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _attr(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return str(value)
    return None


@dataclass(frozen=True)
class SheetRef:
    name: str
    part: str  # path inside the archive, e.g. xl/worksheets/sheet1.xml


@dataclass
class Workbook:
    sheets: list[SheetRef]
    strings: list[str]
    date_styles: dict[int, str]  # cell style index -> "date" | "time" | "datetime"
    epoch: dt.datetime


def _open(archive: zipfile.ZipFile, part: str) -> IO[bytes] | None:
    try:
        return archive.open(part)
    except KeyError:
        return None


def _workbook_part(archive: zipfile.ZipFile) -> str:
    stream = _open(archive, "_rels/.rels")
    if stream is not None:
        with stream:
            for rel in parse(stream).getroot():
                if _attr(rel, "Type") and str(_attr(rel, "Type")).endswith("/officeDocument"):
                    return str(_attr(rel, "Target") or "xl/workbook.xml").lstrip("/")
    return "xl/workbook.xml"


def read_workbook(archive: zipfile.ZipFile) -> Workbook:
    part = _workbook_part(archive)
    base = posixpath.dirname(part)
    stream = _open(archive, part)
    if stream is None:
        raise ValueError("no workbook part")
    with stream:
        root = parse(stream).getroot()
    epoch = dt.datetime(1899, 12, 30)
    names: list[tuple[str, str]] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "workbookPr" and str(_attr(element, "date1904")).lower() in ("1", "true"):
            epoch = dt.datetime(1904, 1, 1)
        elif tag == "sheet":
            rid = element.get(f"{{{_REL_NS}}}id") or _attr(element, "id") or ""
            names.append((str(_attr(element, "name") or ""), rid))
    rels = _relationships(archive, posixpath.join(base, "_rels", posixpath.basename(part)
                                                  + ".rels"), base)
    sheets = [SheetRef(name, rels[rid]) for name, rid in names if rid in rels]
    return Workbook(sheets, _shared_strings(archive, rels), _date_styles(archive, rels), epoch)


def _relationships(archive: zipfile.ZipFile, part: str, base: str) -> dict[str, str]:
    stream = _open(archive, part)
    found: dict[str, str] = {}
    if stream is None:
        return found
    with stream:
        for rel in parse(stream).getroot():
            target = str(_attr(rel, "Target") or "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(base, target))
            found[str(_attr(rel, "Id"))] = path
            kind = str(_attr(rel, "Type") or "").rpartition("/")[2]
            found.setdefault(f"type:{kind}", path)
    return found


def _shared_strings(archive: zipfile.ZipFile, rels: dict[str, str]) -> list[str]:
    stream = _open(archive, rels.get("type:sharedStrings", "xl/sharedStrings.xml"))
    strings: list[str] = []
    if stream is None:
        return strings
    with stream:
        for _, element in iterparse(stream, events=("end",)):
            if _local(element.tag) == "si":
                strings.append(_rich_text(element))
                element.clear()
    return strings


def _rich_text(element: Any) -> str:
    """Text of an <si> or <is>: its <t> runs, leaving out phonetic guides (<rPh>)."""
    parts: list[str] = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _format_kind(code: str) -> str | None:
    bare = _QUOTED.sub("", code).lower()
    has_date = any(ch in bare for ch in "dy") or ("m" in bare and "h" not in bare
                                                  and "s" not in bare)
    has_time = "h" in bare or "s" in bare
    if has_date and has_time:
        return "datetime"
    if has_date:
        return "date"
    if has_time:
        return "time"
    return None


def _date_styles(archive: zipfile.ZipFile, rels: dict[str, str]) -> dict[int, str]:
    stream = _open(archive, rels.get("type:styles", "xl/styles.xml"))
    if stream is None:
        return {}
    with stream:
        root = parse(stream).getroot()
    custom: dict[int, str] = {}
    styles: dict[int, str] = {}
    for element in root.iter():
        if _local(element.tag) == "numFmt":
            kind = _format_kind(str(_attr(element, "formatCode") or ""))
            if kind:
                custom[int(str(_attr(element, "numFmtId") or -1))] = kind
    for element in root.iter():
        if _local(element.tag) == "cellXfs":
            for index, xf in enumerate(element):
                number_format = int(str(_attr(xf, "numFmtId") or 0))
                if number_format in _DATE_FORMATS:
                    styles[index] = "datetime" if number_format == 22 else "date"
                elif number_format in _TIME_FORMATS:
                    styles[index] = "time"
                elif number_format in custom:
                    styles[index] = custom[number_format]
    return styles


def _column_index(reference: str) -> int:
    index = 0
    for ch in reference:
        if "A" <= ch <= "Z":
            index = index * 26 + ord(ch) - 64
        else:
            break
    return index - 1


def _number_text(text: str, kind: str | None, epoch: dt.datetime) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    if kind is not None and 0 <= number < 2_958_466:  # up to 9999-12-31
        moment = epoch + dt.timedelta(days=number)
        moment = moment.replace(microsecond=0) + dt.timedelta(
            seconds=round(moment.microsecond / 1e6))
        if kind == "time":
            return moment.time().isoformat()
        if kind == "date" or moment.time() == dt.time(0):
            return moment.date().isoformat()
        return moment.isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return text


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_DIMENSION = re.compile(r"[A-Z]*(\d+)(?::[A-Z]*(\d+))?")


def sheet_row_count(archive: zipfile.ZipFile, sheet: SheetRef) -> int | None:
    """About how many rows the sheet has, for progress only: its `<dimension ref="A1:K1001">`
    when the writer gave one (read from the head of the part), else its row elements counted
    in the inflated bytes without parsing them."""
    stream = _open(archive, sheet.part)
    if stream is None:
        return None
    with stream:
        try:
            for _, element in iterparse(stream, events=("start",)):
                tag = _local(element.tag)
                if tag == "dimension":
                    found = _DIMENSION.fullmatch(str(element.get("ref") or ""))
                    if found:
                        return int(found[2] or found[1]) - int(found[1]) + 1
                if tag in ("dimension", "sheetData"):
                    break
        except Exception:  # a broken head: reading the rows will say so
            return None
    stream = _open(archive, sheet.part)
    if stream is None:
        return None
    count, tail = 0, b""
    with stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += len(_ROW_TAG.findall(data))
            # a tag cut by the chunk's end is found whole in the next round, never twice
            cut = data.rfind(b"<", max(0, len(data) - 64))
            tail = data[cut:] if cut >= 0 and not _ROW_TAG.match(data, cut) else b""
    return count


def iter_rows(archive: zipfile.ZipFile, book: Workbook, sheet: SheetRef) -> Iterator[list[str]]:
    """Each row of the sheet as text cells, positioned by column letter (gaps are "")."""
    stream = _open(archive, sheet.part)
    if stream is None:
        raise ValueError("worksheet part missing")
    with stream:
        parent: Any = None
        for event, element in iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "sheetData":
                    parent = element
                continue
            if tag != "row":
                continue
            cells: list[str] = []
            for cell in element:
                if _local(cell.tag) != "c":
                    continue
                position = _column_index(str(cell.get("r") or ""))
                if position < 0:
                    position = len(cells)
                cells.extend([""] * (position - len(cells)))
                cells.append(_cell(cell, book))
            if parent is not None:
                parent.remove(element)  # what openpyxl leaves behind: detach the read row
            element.clear()
            yield cells


def _cell(cell: Any, book: Workbook) -> str:
    kind = cell.get("t") or "n"
    value: str | None = None
    for child in cell:
        tag = _local(child.tag)
        if tag == "v":
            value = child.text
        elif tag == "is":
            return _rich_text(child)
    if value is None:
        return ""
    if kind == "s":
        try:
            return book.strings[int(value)]
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    if kind in ("str", "e", "d", "inlineStr"):
        return value
    style = cell.get("s")
    date_kind = book.date_styles.get(int(style)) if style and style.isdigit() else None
    return _number_text(value, date_kind, book.epoch)
