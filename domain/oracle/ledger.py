"""The column ledger: for every column of every source file (and every key of a key/value
table), exactly one of

- `standard`  a standard Nutshell field (name, emails, phones, address, activity times...);
- `custom`    a Nutshell custom field (the default map's or a vendor column's own);
- `combined`  combined with other columns into one Nutshell field (first + last name);
- `joined`    a reference: Nutshell holds the referenced record's id (or its user's);
- `dropped`   not migrated, for the reason the confirmed mapping gives;
- `unaccounted` none of these: a column the mapping does not name, names without a reason, or
  sends somewhere Nutshell cannot hold it. Verification fails while any is left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.mapping import ColumnMapping, FileMapping, MappingDocument
from domain.oracle.source import lookup, target_of
from domain.oracle.spec import CF_HOLDERS, DROPPED, ENTITY, JOINED, kind_sent, place_of

CLASSES = ("standard", "custom", "combined", "joined", "dropped", "unaccounted")


@dataclass(frozen=True)
class LedgerLine:
    file: str
    column: str
    status: str  # one of CLASSES
    detail: str  # the Nutshell field, the referenced kind, or the reason
    filled: int = 0  # rows with a non-empty value

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "column": self.column, "status": self.status,
                "detail": self.detail, "filled": self.filled}


def _classify(doc: MappingDocument, fm: FileMapping, cm: ColumnMapping | None,
              shared: Mapping[tuple[str, str], int]) -> tuple[str, str]:
    if cm is None:
        return "unaccounted", "the mapping does not name this column"
    target = target_of(cm)
    if target is None:
        if cm.target:
            return "unaccounted", f"{cm.target} is not a canonical field"
        if cm.custom_field:
            if ENTITY.get(fm.kind) not in CF_HOLDERS:
                return "unaccounted", (f"custom field {cm.custom_field!r} asked on "
                                       f"{ENTITY.get(fm.kind)}, which hold none in Nutshell")
            return "custom", f"customFields.{cm.custom_field}"
        if cm.flagged or not cm.reasons:
            return "unaccounted", "no target and no confirmed reason"
        return "dropped", "; ".join(cm.reasons)
    kind, fld = target
    if not kind_sent(doc, kind):
        why = "clinical content not opted in" if not doc.settings.clinical_content \
            else "kind disabled in the mapping"
        return "dropped", f"{kind} not sent: {why}"
    if fld in JOINED.get(kind, {}):
        role = JOINED[kind][fld]
        if role == "-":
            return "dropped", f"{kind}.{fld}: a reference Nutshell has no place for"
        if role == "carrier":
            return "joined", "the patient's Person carries these values"
        if role == "lead":
            return "joined", "the lead the document's file is attached to"
        if role == "referrer":
            return "joined", "the referrer's Person or Company (Referred By links it)"
        return "joined", f"links.{role}" if role not in {"owner", "author"} else role
    spot = place_of(doc, kind, fld)
    if spot is None and fld == "source_id":
        return "joined", "identity: the log's cross-reference to the Nutshell record"
    if spot is None:
        reason = DROPPED.get((kind, fld))
        return ("dropped", reason) if reason else ("unaccounted", f"{kind}.{fld} has no place")
    if shared.get((kind, fld), 0) > 1:
        return "combined", f"{kind}.{fld} (first non-empty column of several)"
    if spot.place.startswith("customFields."):
        return "custom", spot.place
    if spot.how == "contains" and spot.place in {"name", "description", "body"}:
        return "combined", spot.place
    return "standard", spot.place


def _rule_columns(fm: FileMapping) -> dict[str, tuple[str, str]]:
    """Columns the mapping language uses without a target of their own (casefolded)."""
    out: dict[str, tuple[str, str]] = {}
    for item in fm.combine:
        for col in item.columns:
            out[col.casefold()] = ("combined", f"{item.target} (with {', '.join(item.columns)})")
    if fm.route is not None:
        out[fm.route.column.casefold()] = ("combined", "decides the row's kind (route)")
    if fm.derived_id is not None:
        for col in fm.derived_id.columns:
            out.setdefault(col.casefold(), ("joined", "makes the row's id (derived id)"))
    return out


def ledger(doc: MappingDocument, columns: Mapping[str, Sequence[str]],
           filled: Mapping[tuple[str, str], int],
           not_read: Mapping[str, str] | None = None) -> list[LedgerLine]:
    """One line per column (or key) seen in the source files."""
    out: list[LedgerLine] = []
    for name in sorted(set(columns) | set(not_read or {})):
        fm = doc.files.get(name)
        if fm is None:
            out.append(LedgerLine(name, "*", "unaccounted", "the mapping names no kind"))
            continue
        if fm.kind == "fhir":
            out.append(LedgerLine(name, "*", "standard", "FHIR resources, mapped by the "
                                                         "standard (domain.fhir)"))
            continue
        if fm.skipped:
            why = (f"the same table as {fm.twin_of}, read once from there" if fm.twin_of
                   else "a file of no kind to migrate (kind: none)")
            out += [LedgerLine(name, col, "dropped", why, filled.get((name, col), 0))
                    for col in columns.get(name, [])]
            continue
        rules = _rule_columns(fm)
        mapping = fm.key_values if fm.key_value is not None else fm.columns
        shared: dict[tuple[str, str], int] = {}
        for col in columns.get(name, []):
            t = target_of(lookup(mapping, col))
            if t is not None:
                shared[t] = shared.get(t, 0) + 1
        if fm.key_value is not None:
            kv = fm.key_value
            out.append(LedgerLine(name, kv.record_column, "joined", f"{fm.kind}.source_id"))
            for col in (kv.name_column, kv.value_column):
                out.append(LedgerLine(name, col, "combined", "key/value layout"))
        for col in columns.get(name, []):
            status, detail = _classify(doc, fm, lookup(mapping, col), shared)
            if status == "unaccounted" and col.casefold() in rules:
                status, detail = rules[col.casefold()]
            if status == "unaccounted" and not filled.get((name, col)):
                status, detail = "dropped", f"no value in any row ({detail})"
            out.append(LedgerLine(name, col, status, detail, filled.get((name, col), 0)))
    return out


def unaccounted(lines: Sequence[LedgerLine]) -> list[LedgerLine]:
    return [line for line in lines if line.status == "unaccounted"]


def summary(lines: Sequence[LedgerLine]) -> dict[str, int]:
    counts = dict.fromkeys(CLASSES, 0)
    for line in lines:
        counts[line.status] += 1
    return counts
