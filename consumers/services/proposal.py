"""`c2n map propose`: a mapping for every extracted file, from the rows in the log.

Every tabular file goes through the proposal engine, which looks at headers and at what the
values look like. A vendor profile recognised for a file is a prior: its mapping holds for the
columns it knows, the proposal judges the others. FHIR files map by the standard. The same table
delivered twice (a CSV and its XLSX twin) is found by content and read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

from adapters.profiles import unknown_columns
from adapters.stores.mapping_file import load_mapping, save_mapping
from consumers.services.profile_choice import ProfileChooser, fingerprint_from_json
from domain.app import MigrationLog
from domain.errors import PreconditionFailed
from domain.mapping import FileMapping, MappingDocument, Settings
from domain.ports import NOT_DATA, HeaderSimilarity, SourceFingerprint
from domain.proposal.blind.export import read_blind
from domain.proposal.custom_fields import harmonise_custom_names
from domain.proposal.people.columns import doctors_outside
from domain.proposal.prior import named_otherwise, with_prior
from domain.proposal.profile import FileProfile
from domain.proposal.propose import ColumnProfiler, propose_file
from domain.proposal.references import (
    family_route,
    per_patient_tables,
    referrers,
    related_people,
)
from domain.proposal.region import RegionEvidence, fhir_evidence, proven_date_order
from domain.proposal.rules import propose_derived_id
from domain.proposal.satellites.once import take_once
from domain.proposal.signals.vote import second_opinion
from domain.proposal.tables.keys import ValueSets, link_files
from domain.proposal.text import readings
from domain.proposal.twins import SAMPLE_ROWS, TableSample, colliding_tables, find_twins
from domain.records.canonical import all_qualified_fields
from domain.records.parts import read_phones

PROFILE_ROWS = 20_000  # rows profiled per file: enough for shapes and pick-lists, bounded time
TEXT_FORMATS = ("csv", "txt", "tsv", "text")


def propose_mapping(app: MigrationLog, run_name: str, settings: Settings | None = None,
                    signal: HeaderSimilarity | None = None) -> MappingDocument:
    """`signal`: an optional vote on the meaning of the headers the vocabulary could not place
    (off by default: bench/landing.py --embedding measures it)."""
    run = app.run(run_name)
    chooser = ProfileChooser("auto")
    doc = MappingDocument(settings=settings or Settings())
    samples: list[TableSample] = []
    first_rows_of: dict[str, list[dict[str, Any]]] = {}
    fhir_files: list[UUID] = []
    value_sets: dict[str, ValueSets] = {}
    file_ids: dict[str, UUID] = {}
    profiles: dict[str, tuple[list[str], FileProfile]] = {}
    for file_id, info in sorted(run.files.items(), key=lambda item: item[1]["name"]):
        stream = app.source_file(UUID(file_id))
        if stream is None:
            continue
        fingerprint = fingerprint_from_json(stream.fingerprint)
        found = chooser.mapping_for(fingerprint) if info.get("profile") else None
        if found is not None and named_otherwise(fingerprint.name, found[1].kind):
            found = None  # the profile's kind is a prior: the file's own name says another
        if found is not None and found[1].kind == "fhir":
            doc.files[fingerprint.name] = found[1]
            fhir_files.append(UUID(file_id))
            continue
        header = list(fingerprint.header)
        file_ids[fingerprint.name] = UUID(file_id)
        profile, first_rows, value_sets[fingerprint.name] = _profile(app, UUID(file_id), header)
        first_rows_of[fingerprint.name] = first_rows
        profiles[fingerprint.name] = (header, profile)
        samples.append(TableSample.of(fingerprint.name, header, int(info.get("rows") or 0),
                                      first_rows, _is_text(fingerprint)))
        if found is None:
            doc.files[fingerprint.name] = propose_file(fingerprint.name, header, profile)
            continue
        prior = found[1]
        proposed = propose_file(fingerprint.name, header, profile, kind=prior.kind)
        doc.files[fingerprint.name] = with_prior(prior, proposed, unknown_columns(prior))
    for twin, (first, share) in find_twins(samples).items():
        mapping = doc.files[twin]
        mapping.twin_of = first
        mapping.reasons.append(f"the same table as {first} (same columns and rows, "
                               f"{round(share * 100)}% of the first rows' cells agree): "
                               "read once, from that file")
    _per_patient_tables(doc, samples, profiles)
    _related_people(doc, samples, profiles)
    read_blind(doc, profiles, value_sets)  # headers naming nothing: the values decide
    link_files(doc, value_sets, lambda name: _data_rows(app, file_ids[name]))
    _prefix_colliding_ids(doc, samples)
    if signal is not None:
        for name, (header, profile) in profiles.items():
            second_opinion(doc.files[name], profile, signal, readings(header))
    _ids_from_found_references(doc, profiles)
    doctors_outside(doc, profiles)
    take_once(doc)
    harmonise_custom_names(doc)
    if settings is None:  # a first proposal: the clinic's country from its data
        evidence = RegionEvidence()
        _tabular_evidence(doc, first_rows_of, evidence)
        _fhir_evidence(app, fhir_files, evidence)
        _propose_country(doc, evidence)
    return doc


def _keyed(doc: MappingDocument, samples: list[TableSample]
           ) -> list[tuple[TableSample, FileMapping, str]]:
    """(table, its mapping, its id column) of the files read with an id column of their own."""
    keyed = []
    for table in samples:
        fm = doc.files[table.name]
        column = next((c for c, m in fm.columns.items() if m.target == f"{fm.kind}.source_id"),
                      None)
        if column is not None and fm.twin_of is None and fm.key_value is None:
            keyed.append((table, fm, column))
    return keyed


def _per_patient_tables(doc: MappingDocument, samples: list[TableSample],
                        profiles: dict[str, tuple[list[str], FileProfile]]) -> None:
    for name, (kind, parent) in per_patient_tables(_keyed(doc, samples)).items():
        header, profile = profiles[name]
        fm = propose_file(name, header, profile, kind=kind)
        fm.reasons = [f"its ids are all patients of {parent}, and it holds nothing of a "
                      f"patient but the name beside {kind} fields: one {kind} row per patient"]
        doc.files[name] = fm


def _related_people(doc: MappingDocument, samples: list[TableSample],
                    profiles: dict[str, tuple[list[str], FileProfile]]) -> None:
    for name, patients in related_people(_keyed(doc, samples)).items():
        header, profile = profiles[name]
        fm = referrers(doc.files[name], propose_file(name, header, profile, kind="referral"))
        family_route(fm, profile)
        fm.reasons = [f"each row points at a patient of {patients} and is not one of them: "
                      "the patients' related people (a referring doctor), one referral each"]
        doc.files[name] = fm


def _ids_from_found_references(doc: MappingDocument,
                               profiles: dict[str, tuple[list[str], FileProfile]]) -> None:
    """A child table with no id of its own whose parent reference was found only across the
    files (a client named by email or by name): its ids come from that reference, as when its
    header had said so."""
    for name, (_, profile) in profiles.items():
        fm = doc.files[name]
        if fm.derived_id is None and not fm.twin_of and not fm.skipped:
            propose_derived_id(fm, profile)


def _prefix_colliding_ids(doc: MappingDocument, samples: list[TableSample]) -> None:
    keyed = [(table, fm.kind, column) for table, fm, column in _keyed(doc, samples)]
    for name, (prefix, other) in colliding_tables(keyed).items():
        fm = doc.files[name]
        fm.id_prefix = prefix
        fm.reasons.append(f"its ids are also ids of {other} ({fm.kind} records both): "
                          f"prefixed '{prefix}' so that neither is lost as a duplicate")


PHONE_FIELDS = frozenset({"phone", "phone_mobile", "phone_home", "phone_work"})


def _tabular_evidence(doc: MappingDocument, first_rows_of: dict[str, list[dict[str, Any]]],
                      found: RegionEvidence) -> None:
    """The mapped phone, country, postcode and state columns' first values (and each file's
    date order, where its dates prove one)."""
    for name, rows in first_rows_of.items():
        fm = doc.files.get(name)
        if fm is None:
            continue
        dates: list[str] = []
        found.headers.extend(fm.columns)
        for header, column in fm.columns.items():
            field = (column.target or "").rpartition(".")[2]
            into = _EVIDENCE_OF.get("phone" if field in PHONE_FIELDS else field)
            if into is not None and column.parts == "phones":  # typed numbers in one cell
                found.phones.extend(n for r in rows if r.get(header)
                                    for n in read_phones(str(r[header])).values())
            elif into is not None:
                getattr(found, into).extend(str(r[header]) for r in rows if r.get(header))
            if field.endswith(("date_of_birth", "_at", "_date", "_from", "_to")):
                dates += [str(r[header]) for r in rows if r.get(header)]
        proven = proven_date_order(dates)
        if proven and fm.date_order and proven != fm.date_order:
            # a vendor profile's default order, disproved by the file's own dates
            fm.reasons.append(f"dates {proven}: the file's dates prove it (the profile says "
                              f"{fm.date_order})")
            fm.date_order = proven  # type: ignore[assignment]


_EVIDENCE_OF = {"phone": "phones", "country": "countries", "postal_code": "postcodes",
                "state": "states"}
FHIR_ROWS_PER_FILE = 500  # the people and organisations come first in a bundle
FHIR_CONTACTS_WANTED = 50  # resources with an address or a phone: enough to tell


def _fhir_evidence(app: MigrationLog, files: list[UUID], found: RegionEvidence) -> None:
    """The addresses and phone numbers of the FHIR files' patients, practitioners,
    organisations (and the like), read from each file's first rows until enough are seen."""
    seen = 0
    for fid in files:
        for count, row in enumerate(app.iter_rows(fid), start=1):
            value = row["v"]
            if isinstance(value, dict) and fhir_evidence(value.get("resource"), found):
                seen += 1
            if count >= FHIR_ROWS_PER_FILE or seen >= FHIR_CONTACTS_WANTED or found.enough:
                break
        if seen >= FHIR_CONTACTS_WANTED or found.enough:
            return


def _propose_country(doc: MappingDocument, found: RegionEvidence) -> None:
    proposal = found.propose()
    if proposal is None:
        return
    doc.settings.country = proposal.country
    doc.settings.currency = proposal.currency
    doc.settings.date_order = proposal.date_order  # type: ignore[assignment]
    doc.settings.country_reasons = proposal.reasons


def _is_text(fingerprint: SourceFingerprint) -> bool:
    return fingerprint.format.casefold().startswith(TEXT_FORMATS)


def _data_rows(app: MigrationLog, fid: UUID) -> Iterator[dict[str, Any]]:
    """A file's rows as profiled (a report's furniture left out), page by page."""
    for row in app.iter_rows(fid):
        if not str(row.get("p") or "").startswith(NOT_DATA):
            yield row["v"]


def _profile(app: MigrationLog, fid: UUID, header: list[str]
             ) -> tuple[FileProfile, list[dict[str, Any]], ValueSets]:
    profiler = ColumnProfiler(header)
    sets = ValueSets()
    first: list[dict[str, Any]] = []
    count = 0
    for row in app.iter_rows(fid):
        if str(row.get("p") or "").startswith(NOT_DATA):
            continue  # a report's title line, total line...: no record, nothing to profile
        count += 1
        profiler.add(row["v"])
        sets.add(row["v"])
        if count <= SAMPLE_ROWS:
            first.append(row["v"])
        if count >= PROFILE_ROWS:
            break
    return profiler.profile(), first, sets


def flagged_count(doc: MappingDocument) -> int:
    return sum(1 for f in doc.files.values()
               for c in [*f.columns.values(), *f.key_values.values()] if c.flagged)


def summary(doc: MappingDocument) -> dict[str, Any]:
    return {"files": len(doc.files), "flagged": flagged_count(doc), "hash": doc.content_hash()}


def set_target(path: Path, file: str, column: str, target: str | None,
               by: str) -> tuple[str, str]:
    """The operator's edit of one column's target in HOME/mapping.yaml (what editing the file
    by hand does): `target` is "kind.field" of the canonical model, or None to leave it out.
    Returns the mapping's hash before and after; the confirmation binds the new one."""
    doc = load_mapping(path)
    before = doc.content_hash()
    fm = doc.files.get(file)
    column_mapping = None if fm is None else (fm.columns.get(column) or fm.key_values.get(column))
    if fm is None or column_mapping is None:
        raise PreconditionFailed("no such file or column in the mapping")
    if target is not None and target not in all_qualified_fields():
        raise PreconditionFailed(f"{target!r} is not a field of the canonical model")
    column_mapping.target = target
    column_mapping.custom_field = None
    column_mapping.custom_field_type = None
    column_mapping.confidence = 1.0
    column_mapping.flagged = False
    column_mapping.reasons = [f"set by {by}"]
    save_mapping(doc, path)
    return before, doc.content_hash()
