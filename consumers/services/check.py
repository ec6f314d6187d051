"""`c2n map check`: the balance a mapping would give, from the rows in the log, saving nothing.

The operator edits HOME/mapping.yaml and checks again; `map confirm` prints the same balance
(it derives through the same functions)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from domain.app import MigrationLog
from domain.errors import PreconditionFailed
from domain.mapping import MappingDocument
from domain.ports import SourceRow
from domain.records.check import Checker, FileCheck


@dataclass
class CheckReport:
    files: dict[str, FileCheck] = field(default_factory=dict)
    landing: dict[str, dict[str, int]] = field(default_factory=dict)
    unmapped: list[str] = field(default_factory=list)  # extracted files the mapping lacks
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"files": {n: c.to_json() for n, c in self.files.items()},
                "landing": self.landing, "unmapped_files": self.unmapped,
                "seconds": round(self.seconds, 2)}


def _rows(app: MigrationLog, fid: UUID, limit: int | None) -> Iterator[SourceRow]:
    for count, row in enumerate(app.iter_rows(fid), start=1):
        if limit is not None and count > limit:
            return
        yield SourceRow(number=row["n"], values=row["v"], problem=row.get("p"),
                        problem_field=row.get("pf"))


def check_mapping(app: MigrationLog, run_name: str, doc: MappingDocument,
                  limit: int | None = None) -> CheckReport:
    """Every extracted file through `doc`, as confirm would derive it (files of key/value
    tables last, as there); `limit` rows per file for a quicker look at large exports."""
    started = time.monotonic()
    run = app.run(run_name)
    if not run.files:
        raise PreconditionFailed("nothing extracted yet: run `c2n extract SOURCE...` first")
    checker = Checker(doc)
    report = CheckReport()
    files = sorted(run.files.items(), key=lambda item: (
        (doc.files[item[1]["name"]].key_value is not None) if item[1]["name"] in doc.files
        else False, item[1]["name"]))
    for file_id, info in files:
        name = info["name"]
        if name not in doc.files:
            report.unmapped.append(name)
            continue
        report.files[name] = checker.check_file(name, _rows(app, UUID(file_id), limit))
    report.landing = checker.landing()
    report.seconds = time.monotonic() - started
    return report
