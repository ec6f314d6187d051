"""Shredding forgotten patients' raw export rows from the source-file streams.

Each page (RowsRead) holding one of their rows is sealed again without them (RowsResealed, under
a key of its own), then the keys of the page's earlier sealings are destroyed: the log is
appended to, never rewritten. Which rows are theirs: the rows their record events name, and
every row whose derivation through the run's confirmed mapping names them
(domain.records.patient_rows), so an export extracted after the erasure is covered too.

Resumable: a page whose newest sealing no longer holds the rows is not sealed again, and the
readable earlier sealings of every resealed page of the files visited are listed for
destruction on every pass, so a pass killed between a reseal and the key destruction is
finished by the next. Pages sealed with the master key (a log written before page keys) cannot
be shredded: their rows are reported as left readable.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from adapters.stores.shredding_mapper import envelope_subject, page_subject
from consumers.bootstrap import Engine
from domain.app import MigrationLog
from domain.ids import record_id
from domain.mapping import MappingDocument
from domain.ports import SourceRow
from domain.records.patient_rows import patient_rows
from domain.records.source_file import erased_row, is_erased
from domain.records.source_rows import read_pages

RESEALS_PER_SAVE = 8  # pages of up to ROW_PAGE rows each: bounded transactions


@dataclass
class FileShredding:
    file: str
    file_id: str
    rows: set[int]  # the patients' rows found in this file, erased now or by an earlier pass
    pages_resealed: int = 0
    rows_erased: int = 0  # erased by this pass
    readable: set[int] = field(default_factory=set)  # in a master-sealed page: not shredded

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "rows": sorted(self.rows),
                "pages_resealed": self.pages_resealed, "rows_erased": self.rows_erased}


@dataclass
class Shredding:
    files: list[FileShredding] = field(default_factory=list)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (page subject, "") to destroy
    unchecked: list[str] = field(default_factory=list)  # files the confirmed mapping lacks

    @property
    def pages_resealed(self) -> int:
        return sum(f.pages_resealed for f in self.files)

    @property
    def rows_erased(self) -> int:
        return sum(f.rows_erased for f in self.files)


def _source_rows(app: MigrationLog, fid: UUID) -> Iterator[SourceRow]:
    for row in app.iter_rows(fid):
        yield SourceRow(number=row["n"], values=row["v"], problem=row.get("p"),
                        problem_field=row.get("pf"))


def find_rows(app: MigrationLog, run_name: str, wanted: Callable[[str], bool],
              named: Mapping[str, set[int]] | None = None,
              file_ids: Collection[str] | None = None,
              doc: MappingDocument | None = None) -> Shredding:
    """The files of a run holding rows of the patients `wanted` accepts (by source id),
    derived through `doc` (by default the run's confirmed mapping), plus the rows `named` by
    file name (what their record events said)."""
    found = Shredding()
    run = app.find_run(run_name)
    if run is None:
        return found
    if doc is None and run.mapping:
        doc = MappingDocument.from_data(run.mapping)
    for fid, info in sorted(run.files.items(), key=lambda item: item[1]["name"]):
        if file_ids is not None and fid not in file_ids:
            continue
        name = str(info["name"])
        # Several extractions of one file name: the records name the file by its name only,
        # so their rows are taken in each (the patient's privacy before another's raw row).
        rows = set((named or {}).get(name, ()))
        mapping = doc.files.get(name) if doc is not None else None
        if mapping is None or doc is None:
            found.unchecked.append(name)
        else:
            rows.update(patient_rows(name, mapping, doc.settings, _source_rows(app, UUID(fid)),
                                     wanted))
        if rows:
            found.files.append(FileShredding(name, fid, rows))
    return found


def _master_sealed(app: MigrationLog, fid: UUID, version: int) -> bool:
    stored = list(app.recorder.select_events(fid, gt=version - 1, lte=version))
    return bool(stored) and envelope_subject(stored[0].state) is None


def reseal(app: MigrationLog, shredding: Shredding, by: str) -> None:
    """Appends the reseals; lists in `shredding.keys` the page keys the caller is to destroy
    (after this returns: the reseals must be stored before their earlier keys go)."""
    for target in shredding.files:
        fid = UUID(target.file_id)
        source = app.source_file(fid)
        if source is None:
            continue
        for page in read_pages(app.events, fid):
            live = {row["n"] for row in page.rows if not is_erased(row)}
            erase = live & target.rows
            destroy = list(page.earlier)
            if erase:
                source.reseal_page(page.page, [erased_row(row["n"]) if row["n"] in erase
                                               else row for row in page.rows], len(erase), by)
                destroy.append(page.sealing)
                target.pages_resealed += 1
                target.rows_erased += len(erase)
                if len(source.pending_events) >= RESEALS_PER_SAVE:
                    app.save(source)
            for version in destroy:
                if _master_sealed(app, fid, version):
                    target.readable |= {row["n"] for row in page.rows} & target.rows
                else:
                    shredding.keys.append((str(page_subject(fid, version)), ""))
        app.save(source)


def shred_forgotten(engine: Engine, by: str, file_ids: Collection[str] | None = None,
                    doc: MappingDocument | None = None) -> Shredding:
    """Rows of the patients forgotten in this run, in the given files (all by default),
    shredded; found through `doc` (by default the confirmed mapping): for an export extracted
    after an erasure, and before a derivation, which then counts them as erased."""
    run_name = engine.settings.run_name
    if engine.keyring is None:
        return Shredding()
    subjects = {s for s, run in engine.keyring.forgotten_patients() if run == run_name}
    if not subjects:
        return Shredding()
    found = find_rows(engine.app, run_name,
                      lambda sid: str(record_id(run_name, "patient", sid)) in subjects,
                      file_ids=file_ids, doc=doc)
    reseal(engine.app, found, by)
    if found.keys:
        engine.keyring.shred(found.keys)
    return found


def forgotten_elsewhere(engine: Engine) -> int:
    """Patients forgotten in other runs of this log. Their ids are not kept (only hashes), and
    another run may be another clinic's, so they are not looked for here: the operator is told."""
    if engine.keyring is None:
        return 0
    run_name = engine.settings.run_name
    return len({s for s, run in engine.keyring.forgotten_patients() if run != run_name})
