"""Data quality over the derived records, streaming: orphan references and merge candidates.

Memory grows with the number of distinct records (their kind and source id) and references,
never with field values: matching keys for duplicates are kept as hashes only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from domain.ids import phi_hash
from domain.mapping import FileMapping
from domain.records.canonical import REFERENCES
from domain.records.derive import DerivedRecord


class Orphan(NamedTuple):
    kind: str
    source_id: str
    field: str
    missing_kind: str
    missing_source_id: str


class MergeCandidate(NamedTuple):
    reason: str  # "name+dob" | "email" (patients); "provider npi|license_number|name"
    source_ids: tuple[str, ...]  # the records' source ids (patients, or providers), sorted
    key: str  # phi_hash of the matching key: shows two groups are one without showing values


def _fold(value: object) -> str:
    return " ".join(str(value).casefold().split())


SEP = "\x1f"  # joins key parts: one small string per entry instead of a tuple of strings
_SEP = SEP


def _key(*parts: str) -> str:
    return _SEP.join(parts)


def record_key(kind: str, source_id: str) -> str:
    return _key(kind, source_id)


def _reference_fields() -> dict[str, tuple[tuple[str, str], ...]]:
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for (kind, name), target in REFERENCES.items():
        by_kind.setdefault(kind, []).append((name, target))
    return {kind: tuple(pairs) for kind, pairs in by_kind.items()}


# kind -> its reference fields and the kind each points at: a record's few references are
# looked up directly instead of testing every field it has.
_REFERENCE_FIELDS = _reference_fields()


def references(record: DerivedRecord) -> list[tuple[str, str]]:
    """(reference key, target record key) for every reference the record makes."""
    fields = record.fields
    head = None
    out = []
    for name, target in _REFERENCE_FIELDS.get(record.kind, ()):
        value = fields.get(name)
        if value is not None and value != "":
            head = head or _key(record.kind, record.source_id, "")
            out.append((head + name, _key(target, str(value))))
    return out


def person_keys(record: DerivedRecord) -> list[str]:
    """Hashed keys under which two patients are probably one person (name + date of birth,
    or email); each is "<reason><SEP><hash>"."""
    if record.kind == "provider":
        return _provider_keys(record.fields)
    if record.kind != "patient":
        return []
    f = record.fields
    out = []
    first, last, dob = f.get("first_name"), f.get("last_name"), f.get("date_of_birth")
    if first and last and dob:
        out.append(_key("name+dob", phi_hash(f"{_fold(first)}|{_fold(last)}|{dob}")))
    if f.get("email"):
        out.append(_key("email", phi_hash(_fold(f["email"]))))
    return out


def _provider_keys(f: dict[str, object]) -> list[str]:
    """The same practitioner under several ids (one per FHIR bundle, as some generators and
    exports do): same NPI or licence, or same name and credentials."""
    out = []
    for name in ("npi", "license_number"):
        if f.get(name):
            out.append(_key(f"provider {name}", phi_hash(_fold(f[name]))))
    first, last = f.get("first_name"), f.get("last_name")
    if first and last:
        out.append(_key("provider name", phi_hash(
            f"{_fold(first)}|{_fold(last)}|{_fold(f.get('credentials') or '')}")))
    return out


def same_person(record: DerivedRecord) -> str | None:
    """A hashed key two patients share only when they are one person entered twice under two
    ids: name, date of birth and email all equal (a merge candidate on one of these alone is
    only reported; on all three the later record is held back). Two leads share one when
    their name and email (or, with no email, name and phone) are equal: a web form filled
    in twice; a lead has no birth date to tell two namesakes apart, an email or phone does."""
    f = record.fields
    if record.kind == "lead":
        return _same_lead(f)
    if record.kind != "patient" or not all(
            f.get(n) for n in ("first_name", "last_name", "date_of_birth", "email")):
        return None
    return phi_hash(f"{_fold(f['first_name'])}|{_fold(f['last_name'])}|{f['date_of_birth']}|"
                    f"{_fold(f['email'])}")


PHONES = ("phone_mobile", "phone_home", "phone_work")  # a person's typed numbers
MIN_PHONE_DIGITS = 7  # fewer is an extension or a placeholder, shared by anyone


def _digits(value: object) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def _same_lead(f: dict[str, object]) -> str | None:
    name = f"{_fold(f.get('first_name') or '')}|{_fold(f.get('last_name') or '')}"
    # a lead routed from a patient list holds its numbers typed; the first one stands for it
    phone = next((_digits(f[n]) for n in ("phone", *PHONES) if f.get(n)), "")
    contact = _fold(f["email"]) if f.get("email") else phone
    if not f.get("last_name") or not contact:
        return None
    return "lead" + _SEP + phi_hash(f"{name}|{contact}")


def _same_patient_by_phone(f: dict[str, object]) -> list[str]:
    """Keys of a patient's name, birth date and each phone number: the person registered
    again without the email (a new id, the name retyped in another case, the email left out),
    still one person when a phone they gave is the same."""
    if not all(f.get(n) for n in ("first_name", "last_name", "date_of_birth")):
        return []
    who = f"{_fold(f['first_name'])}|{_fold(f['last_name'])}|{f['date_of_birth']}"
    digits = {_digits(f.get(n)) for n in PHONES}
    return ["phone" + _SEP + phi_hash(f"{who}|{d}") for d in sorted(digits)
            if len(d) >= MIN_PHONE_DIGITS]


class PeopleSeen:
    """The patients (and leads) derived so far, as hashed keys: finds one person entered twice
    under two ids. Name, birth date and email all equal; or name, birth date and a phone
    equal where one of the two has no email (two different emails say two people, or at
    least nothing certain enough to hold a row back)."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[str, str]] = {}  # key -> (source id, email's hash)

    def earlier(self, record: DerivedRecord) -> str | None:
        """The source id of the earlier record this one repeats, else None (and it is kept)."""
        person = same_person(record)
        keys = [person] if person else []
        if record.kind == "patient":
            keys += _same_patient_by_phone(record.fields)
        # an email written but not valid (kept as written) is still an email the person gave
        email = (record.fields.get("email") or record.raw_kept.get("email")
                 if record.kind == "patient" else None)
        mail = phi_hash(_fold(email)) if email else ""
        for key in keys:
            found = self._first.get(key)
            if found and found[0] != record.source_id and (
                    key == person or not found[1] or not mail):
                return found[0]
        for key in keys:
            self._first.setdefault(key, (record.source_id, mail))
        return None


def same_person_reason(earlier: str, kind: str = "patient") -> str:
    what = ("name, birth date and email or phone equal" if kind == "patient"
            else "name and email or phone equal")
    return f"the same person as {kind} {earlier} ({what}): entered twice under a new id"


def repeated_row(record: DerivedRecord, mapping: FileMapping,
                 taken: Callable[[str, str], bool]) -> DerivedRecord:
    """A row repeated cell for cell in a table with no ids of its own (an allergy entered twice
    the same day): its id is made from its content, so the repeat would take the first one's
    id and be held as a duplicate. Each occurrence is a row of the export: the repeat is
    numbered (`<id>:2`), stable across re-exports as long as the rows are."""
    spec = mapping.derived_id
    if (spec is None or not spec.content or record.kind != mapping.kind
            or mapping.column_of(f"{mapping.kind}.source_id") is not None
            or not taken(record.kind, record.source_id)):
        return record
    number = 2
    while taken(record.kind, f"{record.source_id}:{number}"):
        number += 1
    record.source_id = record.fields["source_id"] = f"{record.source_id}:{number}"
    return record


def orphan_of(ref: str, target: str) -> Orphan:
    kind, source_id, name = ref.split(_SEP, 2)
    missing_kind, missing_id = target.split(_SEP, 1)
    return Orphan(kind, source_id, name, missing_kind, missing_id)


def merge_candidate(key: str, source_ids: Iterable[str]) -> MergeCandidate:
    reason, hashed = key.split(_SEP, 1)
    return MergeCandidate(reason, tuple(sorted(source_ids)), hashed)


class QualityChecker:
    """Keys are kept as single joined strings, and a merge group becomes a set only when a
    second patient shares its key: the state is a few dozen bytes per record."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._references: dict[str, str] = {}
        self._by_key: dict[str, str | set[str]] = {}
        self._quarantined: set[str] = set()

    def seen(self, kind: str, source_id: str) -> bool:
        return _key(kind, source_id) in self._seen

    def mark(self, kind: str, source_id: str) -> None:
        self._seen.add(_key(kind, source_id))

    def mark_quarantined(self, kind: str, source_id: str) -> None:
        """A key taken by a quarantined row: a duplicate of it is caught, references to it are
        still orphans (the record did not make it)."""
        self._quarantined.add(_key(kind, source_id))

    def taken(self, kind: str, source_id: str) -> bool:
        key = _key(kind, source_id)
        return key in self._seen or key in self._quarantined

    def add(self, record: DerivedRecord) -> None:
        self.mark(record.kind, record.source_id)
        self._references.update(references(record))
        for key in person_keys(record):
            self._group(key, record.source_id)

    def _group(self, key: str, source_id: str) -> None:
        found = self._by_key.get(key)
        if found is None:
            self._by_key[key] = source_id
        elif isinstance(found, str):
            if found != source_id:
                self._by_key[key] = {found, source_id}
        else:
            found.add(source_id)

    def orphans(self) -> list[Orphan]:
        return [orphan_of(ref, target) for ref, target in sorted(self._references.items())
                if target not in self._seen]

    def merge_candidates(self) -> list[MergeCandidate]:
        groups = [merge_candidate(key, ids) for key, ids in self._by_key.items()
                  if isinstance(ids, set)]
        return sorted(groups, key=lambda g: (g.reason, g.source_ids))

    def close(self) -> None:
        """Nothing to release: the state is in memory."""
