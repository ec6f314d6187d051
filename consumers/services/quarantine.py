"""What was held back and why: the rows of `c2n quarantine`, and the reasons `status` and
`map confirm` end with (rendered by consumers/views/quarantine.py); the values kept as written
they report with them.

A quarantined row is listed with its file, row number, column (the export's header, found
through the mapping), reason and a masked value: enough for the operator to find the cell in
the export, never the value itself (first and last characters only, the rest as dots).
Files that could not be read at all are listed with row and column empty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from consumers.bootstrap import Engine
from domain.mapping import MappingDocument
from domain.nutshell.fields import CLINICAL_KINDS, kind_enabled

QuarantineRow = dict[str, Any]
TOP = 3  # reasons shown per file under `status` and `map confirm`


def mask(value: Any) -> str | None:
    """`(03) 5555 6473` -> `(0••••••••••73`: the shape of the cell, not its content."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if len(text) <= 4:
        return "•" * len(text)
    keep_head, keep_tail = (1, 2) if len(text) >= 8 else (1, 1)
    return text[:keep_head] + "•" * (len(text) - keep_head - keep_tail) + text[-keep_tail:]


def _column_of(doc: MappingDocument | None, file: str, kind: str, field: str | None) -> str | None:
    """The export header the canonical field came from (the field itself when it names a
    header already, as reader problems do)."""
    if field is None:
        return None
    fm = doc.files.get(file) if doc is not None else None
    if fm is None:
        return field
    if field in fm.columns:
        return field
    for header, column in fm.columns.items():
        if column.target in (f"{kind}.{field}", field) or (
                column.target and column.target.endswith(f".{field}")):
            return header
    return field


def _raw_values(engine: Engine, wanted: dict[str, set[int]]) -> dict[tuple[str, int], dict[str, Any]]:
    """(file, row number) -> the row's values as read, for the rows asked for only."""
    run = engine.app.find_run(engine.settings.run_name)
    if run is None:
        return {}
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for file_id, info in run.files.items():
        rows = wanted.get(info["name"])
        if not rows:
            continue
        for row in engine.app.iter_rows(UUID(file_id)):
            if row["n"] in rows:
                out[(info["name"], row["n"])] = row["v"]
                if len(out) >= sum(len(r) for r in wanted.values()):
                    return out
    return out


def quarantine_rows(engine: Engine, doc: MappingDocument | None, *, file: str | None = None,
                    reason: str | None = None, values: bool = True) -> list[QuarantineRow]:
    """Every quarantined row (and unreadable file), filtered by file name and by a reason
    substring (case-insensitive), in file then row order."""
    engine.catch_up()
    failures = [f for f in engine.store.failures() if f["stage"] == "quarantine"]
    rows: list[QuarantineRow] = []
    for f in failures:
        rows.append({"file": f["file"], "row": f["row"], "kind": f["kind"],
                     "source_id": f["source_id"],
                     "column": _column_of(doc, f["file"] or "", f["kind"], f["field"]),
                     "field": f["field"], "reason": f["reason"], "value": None})
    rows += unreadable_files(engine)
    if file is not None:
        rows = [r for r in rows if r["file"] == file]
    if reason is not None:
        rows = [r for r in rows if reason.casefold() in str(r["reason"]).casefold()]
    if values:
        wanted: dict[str, set[int]] = defaultdict(set)
        for r in rows:
            if r["file"] and isinstance(r["row"], int) and r["column"]:
                wanted[r["file"]].add(r["row"])
        raw = _raw_values(engine, wanted)
        for r in rows:
            cells = raw.get((r["file"], r["row"])) if isinstance(r["row"], int) else None
            if cells is not None and r["column"] in cells:
                r["value"] = mask(cells[r["column"]])
    rows.sort(key=lambda r: (str(r["file"]), r["row"] if isinstance(r["row"], int) else -1,
                             str(r["source_id"])))
    return rows


def unreadable_files(engine: Engine) -> list[QuarantineRow]:
    run = engine.app.find_run(engine.settings.run_name)
    return [{"file": name, "row": None, "kind": None, "source_id": None, "column": None,
             "field": None, "reason": f"unreadable file: {why}", "value": None}
            for name, why in (getattr(run, "unreadable", None) or {}).items()]


def top_reasons(rows: Iterable[QuarantineRow], top: int = TOP) -> dict[str, list[tuple[str, int]]]:
    """file -> its most frequent reasons with their counts."""
    per_file: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        per_file[str(r["file"])][str(r["reason"])] += 1
    return {name: counts.most_common(top) for name, counts in sorted(per_file.items())}


def skip_reasons(doc: MappingDocument | None, kinds: Iterable[str]) -> dict[str, str]:
    """kind -> why its records will not be sent to Nutshell, for the kinds present."""
    if doc is None:
        return {}
    out: dict[str, str] = {}
    for kind in sorted(set(kinds)):
        if kind_enabled(doc, kind):
            continue
        target = doc.nutshell.get(kind)
        if target is not None and not target.enabled:
            out[kind] = f"turned off in the mapping (nutshell.{kind}.enabled: false)"
        elif kind in CLINICAL_KINDS:
            out[kind] = ("clinical content off (settings.clinical_content: false); set it to "
                         "true in HOME/mapping.yaml and confirm again to migrate it")
        else:
            out[kind] = "not migrated"
    return out


def kept_as_written(engine: Engine, doc: MappingDocument | None,
                    groups: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Values records kept as written instead of typed (a phone number not valid in the
    clinic's country...), per file, column and problem, as the derivation counted them
    (`DerivationSummary.kept_as_written`, or the run's last derivation), each with a few
    masked examples read from the records that kept them (none from a forgotten patient)."""
    out = []
    for group in groups or ():
        warning = str(group["warning"])
        field, sep, _ = warning.partition(": ")
        if not sep or " " in field or field == "reader":  # a reader's problem, a row's
            field = ""
        keys = [str(key).partition(":") for key in group.get("examples") or []]
        kind = keys[0][0] if keys else ""
        examples = []
        for each, _, source_id in keys if field else ():
            record = engine.app.record(engine.settings.run_name, each, source_id)
            value = record.raw_kept.get(field) if record is not None else None
            if value is not None:
                examples.append(mask(value))
        out.append({"file": group["file"], "problem": warning, "records": group["records"],
                    "field": field or None,
                    "column": _column_of(doc, str(group["file"]), kind, field or None),
                    "examples": examples})
    return out


def reasons_document(rows: list[QuarantineRow]) -> dict[str, Any]:
    """Per file: rows held back and the top reasons; the shape `status --json` and
    `map confirm --json` carry under "quarantine"."""
    totals = Counter(str(r["file"]) for r in rows)
    return {
        "rows": sum(1 for r in rows if r["row"] is not None),
        "unreadable_files": {r["file"]: r["reason"] for r in rows if r["row"] is None},
        "per_file": {name: {"rows": totals[name],
                            "top_reasons": [{"reason": reason, "rows": n}
                                            for reason, n in reasons]}
                     for name, reasons in top_reasons(rows).items()},
    }
