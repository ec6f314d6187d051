"""The field-level diff: every pushed record read back from Nutshell and compared, path by
path, with what the mapping says the source should have become. Each comparison is recorded on
the record (ClinicRecord.Verified), so the diff is part of the log and its projections."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from consumers.bootstrap import Engine
from consumers.nutshell.documents import Documents
from domain.errors import C2NError
from domain.nutshell.activities import upload_metas
from domain.nutshell.compare import FieldComparison
from domain.nutshell.map import actual_values, compare
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord

EXAMPLES = 25  # differing values shown per field in the reports


@dataclass
class DiffReport:
    kinds: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    records: int = 0
    records_ok: int = 0
    missing_records: list[str] = field(default_factory=list)  # "kind:source_id"
    not_compared: dict[str, int] = field(default_factory=dict)  # kind -> carried/skipped

    @property
    def differing(self) -> int:
        return sum(f["differing"] + f["missing"] for fs in self.kinds.values() for f in fs.values())

    @property
    def ok(self) -> bool:
        return self.differing == 0 and not self.missing_records

    def summary(self) -> dict[str, Any]:
        """Counts only (no values): what the approval is bound to, and --json prints."""
        return {"records": self.records, "records_ok": self.records_ok,
                "missing_records": len(self.missing_records), "differing": self.differing,
                "kinds": {k: {p: {m: v[m] for m in ("matched", "differing", "missing")}
                              for p, v in sorted(fs.items())}
                          for k, fs in sorted(self.kinds.items())},
                "not_compared": self.not_compared}

    def digest(self) -> str:
        return hashlib.sha256(orjson.dumps(self.summary(), option=orjson.OPT_SORT_KEYS)).hexdigest()


def diff(engine: Engine, api: NutshellAPI, keys: Iterable[tuple[str, str]],
         on_record: Callable[[], None] | None = None) -> DiffReport:
    report = DiffReport()
    page: list[ClinicRecord] = []
    documents = Documents(engine, api)
    for kind, source_id in keys:
        record = engine.app.record(engine.settings.run_name, kind, source_id)
        if on_record:
            on_record()
        if record is None or record.state != "pushed":
            continue
        if not (record.written or _uploads(record)) or not record.nutshell_id \
                or not record.entity:
            report.not_compared[kind] = report.not_compared.get(kind, 0) + 1
            continue
        report.records += 1
        found = api.get(record.entity, record.nutshell_id)
        if found is None:
            report.missing_records.append(record.key)
            record.verified(ok=False, matched=0, differing=[], missing=sorted(record.written))
            page.append(record)
            continue
        actual = actual_values(record.entity, found, record.written.keys())
        comparisons = compare(record.written, actual)
        comparisons += file_checks(documents, record)
        per_field = report.kinds.setdefault(kind, {})
        differing: list[str] = []
        missing: list[str] = []
        matched = 0
        for c in comparisons:
            slot = per_field.setdefault(c.path, {"matched": 0, "differing": 0, "missing": 0,
                                                 "examples": []})
            slot[c.status] += 1
            if c.status == "matched":
                matched += 1
                continue
            (differing if c.status == "differing" else missing).append(c.path)
            if len(slot["examples"]) < EXAMPLES:
                slot["examples"].append({"source_id": source_id, "status": c.status,
                                         "expected": c.expected, "actual": c.actual,
                                         "note": c.note})
        ok = not differing and not missing
        report.records_ok += ok
        record.verified(ok=ok, matched=matched, differing=differing, missing=missing)
        page.append(record)
        if len(page) >= 200:
            engine.app.save(*page)
            page = []
    if page:
        engine.app.save(*page)
    return report


def file_checks(documents: Documents, record: ClinicRecord) -> list[FieldComparison]:
    """Each file the record's plan uploaded, downloaded from Nutshell and its SHA-256
    compared with the source's (the export's own column, the embedded image, or else the
    file as it lies in the export)."""
    metas = upload_metas(record.kind, record.source_id, record.fields)
    if not metas or documents.fileless(record.kind, record.source_id, record.fields):
        return []
    targets = _uploads(record) or {(str(record.entity), str(record.nutshell_id))}
    path = f"{sorted(targets)[0][0]}.files.sha256"  # a logged activity's, or a lead's
    attached = {str(f.get("name")): f for entity, target in sorted(targets)
                for f in documents.api.files_of(entity, target) if f.get("rev")}
    out = []
    for meta in metas:
        try:
            expected = documents.source_sha256(meta)
        except C2NError:
            out.append(FieldComparison(path, "missing", None, None, "source file unreadable"))
            continue
        found = attached.get(str(meta["name"]))
        if found is None:
            out.append(FieldComparison(path, "missing", expected, None, "no file attached"))
            continue
        actual = documents.remote_sha256(str(found["uri"]))
        out.append(FieldComparison(path, "matched" if actual == expected else "differing",
                                   expected, actual, "downloaded and hashed"))
    return out


def _uploads(record: ClinicRecord) -> set[tuple[str, str]]:
    """(entity, id) of each record the operations uploaded files to (a rolled-back one's
    are gone)."""
    return {(str(r.get("entity") or "activities"), str(r["id"])) for op in record.operations
            if op["op_key"] not in record.compensated
            for r in op.get("results") or [] if r.get("action") == "upload"}
