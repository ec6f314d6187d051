"""XLSX clinic exports as ClinicSources, one per non-empty worksheet.

The sheet XML is streamed by adapters.sources.xlsx_xml (defusedxml; one row in memory at a
time). Before any XML is read, the archive's member sizes are checked so a zip bomb is refused
instead of inflated. Cells become text: integral numbers without ".0", dates as ISO dates,
date-times as ISO date-times, booleans as TRUE/FALSE (Excel's spelling). Rows with no cell
at all are not records (Excel pads sheets with them); short rows are padded with "". A report's
title rows above the header, page furniture and totals come out as rows holding no record
(adapters.sources.report_layout), as in the CSV reader.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from adapters.sources.csv_source import DEFAULT_CELL_LIMIT, build_problem_row
from adapters.sources.headers import normalise_header
from adapters.sources.report_groups import Carried, group_labels
from adapters.sources.report_layout import TITLE_LINE, Furniture, split_report
from adapters.sources.text_detect import scan_file
from adapters.sources.xlsx_xml import Workbook, iter_rows, read_workbook, sheet_row_count
from domain.errors import SourceError
from domain.ports import NOT_DATA, ClinicSource, SourceFingerprint, SourceRow

MAX_UNCOMPRESSED = 1 << 30  # 1 GiB across all members
MAX_RATIO = 200  # per member; real sheets compress 5-30x, bombs 1000x and more
_SMALL_MEMBER = 1 << 20  # tiny members may have any ratio


def check_archive(path: Path, *, max_uncompressed: int = MAX_UNCOMPRESSED,
                  max_ratio: int = MAX_RATIO) -> None:
    """Refuses archives that would inflate beyond the limits (SourceError)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for info in archive.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > _SMALL_MEMBER and ratio > max_ratio:
                    raise SourceError(f"archive member {info.filename!r} inflates {ratio:.0f}x: "
                                      "refused as a possible zip bomb", file=path.name)
            if total > max_uncompressed:
                raise SourceError(f"archive inflates to {total} bytes: refused as a possible "
                                  "zip bomb", file=path.name)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(f"not a readable XLSX archive ({type(exc).__name__})",
                          file=path.name) from exc


def _open_book(path: Path) -> tuple[zipfile.ZipFile, Workbook]:
    check_archive(path)
    archive = zipfile.ZipFile(path)
    try:
        return archive, read_workbook(archive)
    except Exception as exc:  # broken XML, missing parts, forbidden DTDs (defusedxml)
        archive.close()
        raise SourceError(f"not a readable XLSX workbook ({type(exc).__name__})",
                          file=path.name) from exc


def _trimmed(cells: list[str]) -> list[str]:
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def sheet_names(path: Path) -> list[str]:
    archive, book = _open_book(path)
    archive.close()
    return [sheet.name for sheet in book.sheets]


class XlsxSource(ClinicSource):
    def __init__(self, path: Path, sheet: str | None = None, *, name: str | None = None,
                 cell_limit: int = DEFAULT_CELL_LIMIT) -> None:
        self.path = Path(path)
        self.sheet = sheet
        self.name = name or self.path.name
        self.cell_limit = cell_limit
        self._fingerprint: SourceFingerprint | None = None
        self._groups = 0  # columns the header gains from group headings (report_groups)

    def _records(self) -> Iterator[list[str]]:
        """Non-empty rows of the sheet as text cells (the header first)."""
        archive, book = _open_book(self.path)
        try:
            chosen = [s for s in book.sheets if self.sheet in (None, s.name)][:1]
            if not chosen:
                raise SourceError(f"no sheet named {self.sheet!r}", file=self.name)
            for row in iter_rows(archive, book, chosen[0]):
                cells = _trimmed(row)
                if cells:
                    yield cells
        except SourceError:
            raise
        except Exception as exc:  # broken sheet XML: the file cannot be read past this point
            raise SourceError(f"XLSX sheet unreadable ({type(exc).__name__})",
                              file=self.name) from exc
        finally:
            archive.close()

    def fingerprint(self) -> SourceFingerprint:
        if self._fingerprint is None:
            facts = scan_file(self.path, text=False)
            records = self._records()
            try:
                found, title, rest = split_report(records)
                found = found or []
                labels = group_labels(rest, len(found), Furniture(found, title))
                header = tuple([*found, *labels])
                self._groups = len(labels)
            finally:
                records.close()  # type: ignore[attr-defined]
            sheet = self.sheet
            if sheet is None:
                names = sheet_names(self.path)
                sheet = names[0] if names else None
            self._fingerprint = SourceFingerprint(
                name=self.name, sha256=facts.sha256, size_bytes=facts.size_bytes,
                format="xlsx", header=header, sheet=sheet)
        return self._fingerprint

    def expected_rows(self) -> int | None:
        """The sheet's rows less the header (blank rows Excel pads with make it more)."""
        archive, book = _open_book(self.path)
        try:
            chosen = [s for s in book.sheets if self.sheet in (None, s.name)][:1]
            found = sheet_row_count(archive, chosen[0]) if chosen else None
        finally:
            archive.close()
        return None if found is None else max(0, found - 1)

    def rows(self) -> Iterator[SourceRow]:
        keys = normalise_header(self.fingerprint().header)
        width = len(keys) - self._groups
        carried = Carried(self.fingerprint().header[width:], keys, width)
        keys = keys[:width]
        limit = self.cell_limit
        _, title, records = split_report(self._records())
        furniture = Furniture(self.fingerprint().header, title)
        number = 0
        for _ in title:
            number += 1
            yield SourceRow(number, {}, problem=NOT_DATA + TITLE_LINE)
        for cells in records:
            number += 1
            if not_data := furniture.why(cells) or carried.take(cells):
                yield SourceRow(number, {}, problem=NOT_DATA + not_data)
            elif len(cells) > width or (limit and max(map(len, cells)) > limit):
                row = build_problem_row(number, keys, cells, False, limit)
                yield replace(row, values={**row.values, **carried.values})
            else:
                # Short rows are Excel's trailing blanks, not raggedness: pad them.
                padded = cells + [""] * (width - len(cells))
                yield SourceRow(number, {**dict(zip(keys, padded, strict=True)),
                                         **carried.values})


def xlsx_sources(path: Path) -> Iterator[XlsxSource]:
    """One source per non-empty sheet; named `file.xlsx` alone, `file.xlsx#Sheet` when several."""
    names = sheet_names(path)
    sources = [XlsxSource(path, sheet) for sheet in names]
    non_empty = [s for s in sources if s.fingerprint().header]
    for source in non_empty:
        if len(non_empty) > 1:
            source.name = f"{path.name}#{source.sheet}"
            source._fingerprint = None
        yield source
