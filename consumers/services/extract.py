"""Extraction: every file's fingerprint and rows, exactly as read, into its source-file stream.

Re-extracting the same export appends nothing (the stream id is the file's content hash); an
extraction killed half way resumes after the last page saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from domain.app import ROW_PAGE, MigrationLog
from domain.ids import source_file_id
from domain.ports import ClinicSource, SourceRow
from domain.records.source_file import SourceFile

PAGES_PER_SAVE = 4  # RowsRead events per transaction


@dataclass
class Extracted:
    name: str
    file_id: str
    rows: int
    problems: int
    format: str
    profile: str | None
    skipped: bool  # already extracted, nothing appended


def row_event(row: SourceRow) -> dict[str, Any]:
    return {"n": row.number, "v": dict(row.values), "p": row.problem, "pf": row.problem_field}


def extract_source(app: MigrationLog, run_name: str, source: ClinicSource,
                   profile: str | None = None,
                   on_rows: Callable[[int], None] | None = None) -> Extracted:
    fingerprint = source.fingerprint()
    fid = source_file_id(run_name, fingerprint.sha256, fingerprint.sheet)
    stream = app.source_file(fid)
    if stream is not None and stream.complete:
        return Extracted(fingerprint.name, str(fid), stream.rows_read, stream.problems,
                         fingerprint.format, profile, skipped=True)
    already = stream.rows_read if stream is not None else 0
    if stream is None:
        stream = SourceFile.register(run_name, fingerprint.to_json())
    page: list[dict[str, Any]] = []
    seen = 0
    for row in source.rows():
        seen += 1
        if seen <= already:
            if seen == already and on_rows:
                on_rows(already)  # saved by an earlier, interrupted extraction
            continue
        page.append(row_event(row))
        if len(page) == ROW_PAGE:
            stream.read_rows(page)
            page = []
            if on_rows:
                on_rows(ROW_PAGE)
            if len(stream.pending_events) >= PAGES_PER_SAVE:
                app.save(stream)
    if page:
        stream.read_rows(page)
        if on_rows:
            on_rows(len(page))
    stream.complete_reading()
    run = app.run(run_name)
    path = getattr(source, "path", None)
    if isinstance(path, Path):  # documents the export names are read beside its files
        run.export_folder_found(str(path.resolve().parent))
    run.source_extracted(file_id=str(fid), name=fingerprint.name, sha256=fingerprint.sha256,
                         format=fingerprint.format, rows=stream.rows_read,
                         problems=stream.problems, profile=profile)
    app.save(stream, run)
    return Extracted(fingerprint.name, str(fid), stream.rows_read, stream.problems,
                     fingerprint.format, profile, skipped=False)


def extract_all(app: MigrationLog, run_name: str, sources: Iterable[ClinicSource],
                choose_profile: Callable[[ClinicSource], str | None],
                on_rows: Callable[[int], None] | None = None) -> list[Extracted]:
    return [extract_source(app, run_name, source, choose_profile(source), on_rows)
            for source in sources]


def source_paths(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths]
