"""Clinic sources: every file of an export as a ClinicSource.

`open_sources` walks the given files and folders in sorted order and picks a reader by
extension, falling back to the first bytes for unknown extensions: a zip archive is XLSX, a
JSON document is FHIR, anything else is delimited text. Inside folders, hidden files,
documentation (README, PROVENANCE, LICENSE, *.md) and unknown extensions are skipped; a file
named explicitly is always read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from domain.errors import SourceError
from domain.ports import ClinicSource

log = logging.getLogger(__name__)

CSV_EXTENSIONS = frozenset({".csv", ".tsv", ".tab", ".txt"})
XLSX_EXTENSIONS = frozenset({".xlsx", ".xlsm"})
FHIR_EXTENSIONS = frozenset({".json", ".ndjson"})
_DOC_PREFIXES = ("readme", "provenance", "license", "licence", "copying", "notice")


def detect_format(path: Path) -> str | None:
    """"csv" | "xlsx" | "fhir" by extension, else by content; None when not a data file."""
    suffix = path.suffix.lower()
    if suffix in CSV_EXTENSIONS:
        return "csv"
    if suffix in XLSX_EXTENSIONS:
        return "xlsx"
    if suffix in FHIR_EXTENSIONS:
        return "fhir"
    try:
        with path.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        raise SourceError(f"cannot read file ({type(exc).__name__})", file=path.name) from exc
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "fhir"
    return "csv"


# Sub-folders where exports keep attached files (the tables name them by path): not tables.
_ATTACHMENT_FOLDERS = frozenset({"documents", "scans", "attachments", "files", "images"})


def _wanted_in_folder(path: Path, relative: Path) -> bool:
    name = path.name.lower()
    if any(part.lower() in _ATTACHMENT_FOLDERS for part in relative.parts[:-1]):
        return False
    if name.startswith(".") or name.startswith(_DOC_PREFIXES) or path.suffix.lower() == ".md":
        return False
    return path.suffix.lower() in CSV_EXTENSIONS | XLSX_EXTENSIONS | FHIR_EXTENSIONS


def _files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in sorted(Path(p) for p in paths):
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file())
            # A Bulk Data manifest reads the files it names: they are not read a second time.
            read_by_manifest = _manifest_members(children)
            for child in children:
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.resolve() in read_by_manifest:
                    continue
                if _wanted_in_folder(child, child.relative_to(path)):
                    yield child
                else:
                    log.info("skipped %s: not a data file", child.name)
        elif path.is_file():
            yield path
        else:
            raise SourceError("no such file or folder", file=path.name)


def _manifest_members(files: Sequence[Path]) -> set[Path]:
    from adapters.sources.fhir import is_bulk_manifest, manifest_members

    members: set[Path] = set()
    for candidate in files:
        if candidate.name.lower().endswith(".json") and is_bulk_manifest(candidate):
            members.update(m.resolve() for m in manifest_members(candidate))
    return members


def source_files(paths: Sequence[Path]) -> list[Path]:
    """The data files the paths name, before anything is read: a path that does not exist
    raises SourceError here, so a command can refuse before it creates anything."""
    return list(_files(paths))


def open_file(path: Path) -> Iterator[ClinicSource]:
    """The sources of one data file (an XLSX workbook or a FHIR bundle may hold several).
    An empty file raises SourceError: there is nothing to read, and saying so beats a
    source with no rows that nobody notices."""
    from adapters.sources.csv_source import CsvSource
    from adapters.sources.xlsx_source import xlsx_sources

    try:
        empty = path.stat().st_size == 0
    except OSError as exc:
        raise SourceError(f"cannot read file ({type(exc).__name__})", file=path.name) from exc
    if empty:
        raise SourceError("empty file (0 bytes)", file=path.name)
    kind = detect_format(path)
    if kind == "csv":
        yield CsvSource(path)
    elif kind == "xlsx":
        yield from xlsx_sources(path)
    elif kind == "fhir":
        from adapters.sources.fhir import fhir_sources  # the FHIR reader's own module

        yield from fhir_sources(path)


def open_sources(paths: Sequence[Path]) -> Iterator[ClinicSource]:
    for path in _files(paths):
        yield from open_file(path)
