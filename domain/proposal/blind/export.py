"""The files of an export whose headers name nothing (a language the vocabulary lacks), read
from their values across the export, before the files are linked (domain.proposal.tables.keys):

1. a file whose name says its kind is proposed as that kind, its essential fields from the
   values (blind.essentials); a name saying records never migrated (a procedure log) is none;
2. each file's own id and references by value containment (blind.graph);
3. a file whose name says nothing takes the kind its values and links say (blind.kinds);
4. the ids and references found become the columns' fields, where no column holds them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain.mapping import NOT_MIGRATED, FileMapping, MappingDocument
from domain.proposal.blind.essentials import fill_by_values
from domain.proposal.blind.graph import Edge, Values, edges, own_ids
from domain.proposal.blind.kinds import kinds_by_values
from domain.proposal.match import NAMED_SHARE, header_coverage, name_score
from domain.proposal.people.references import retarget
from domain.proposal.profile import FileProfile
from domain.proposal.propose import propose_file
from domain.proposal.tables.content import NOT_MIGRATED_WORDS
from domain.proposal.text import readings
from domain.records.canonical import KIND_FIELDS, KINDS, REFERENCES

Profiles = Mapping[str, tuple[Sequence[str], FileProfile]]
NAMED_WORD = 6  # letters: a shorter word of a record never migrated (`drug`) is in other words


def blind_files(doc: MappingDocument, profiles: Profiles) -> list[str]:
    """The files proposed alone whose headers name (nearly) nothing (found nothing to migrate
    in, too: what the headers could not say)."""
    out = []
    for name, (headers, _) in profiles.items():
        fm = doc.files.get(name)
        if fm is None or fm.twin_of or fm.key_value is not None or fm.kind == "fhir":
            continue
        if header_coverage([readings(list(headers))[h] for h in headers]) < NAMED_SHARE:
            out.append(name)
    return out


def _named_kind(name: str) -> str | None:
    stem = name.rsplit(".", 1)[0].casefold()
    if any(len(w) >= NAMED_WORD and w in stem for w in NOT_MIGRATED_WORDS):
        return NOT_MIGRATED
    best = max(KINDS, key=lambda k: name_score(name, k)[0])
    return best if name_score(name, best)[0] else None


def _propose(doc: MappingDocument, name: str, kind: str, why: str, profiles: Profiles) -> None:
    headers, profile = profiles[name]
    fm = doc.files[name]
    if fm.kind != kind:
        fm = propose_file(name, headers, profile, kind=kind)
        fm.reasons = [r for r in fm.reasons if not r.startswith("the kind ")]
        fm.reasons.insert(0, f"its headers name nothing: {kind}, {why}")
        fm.confidence = 0.6  # to check: the values say it, no word does
        doc.files[name] = fm
    fill_by_values(fm, kind, profile)


def _linked(fm: FileMapping, header: str) -> bool:
    """The column is already an id or a reference (a field of values, say a postcode read in
    a run of numbers, is not: ids are what the values prove)."""
    kind, _, field = (fm.columns[header].target or "").partition(".")
    return field == "source_id" or (kind, field) in REFERENCES


def _own_id(fm: FileMapping, header: str) -> None:
    target = f"{fm.kind}.source_id"
    if fm.kind in KIND_FIELDS and fm.column_of(target) is None and not _linked(fm, header):
        retarget(fm.columns[header], target, 0.7, "its values are distinct identifiers on "
                 f"every row, the first such column: the {fm.kind}'s own id")


def _reference(fm: FileMapping, edge: Edge, to_kind: str) -> None:
    field = next((f for f in KIND_FIELDS.get(fm.kind, ())
                  if REFERENCES.get((fm.kind, f)) == to_kind), None)
    target = f"{fm.kind}.{field}"
    if field is None or fm.column_of(target) is not None or _linked(fm, edge.column):
        return
    retarget(fm.columns[edge.column], target, 0.7,
             f"{round(edge.contained * 100)}% of its values are ids of {edge.to_file} "
             f"({to_kind}), {round(edge.used * 100)}% of which it uses: a reference")


def _by_names(doc: MappingDocument, blind: list[str], profiles: Profiles) -> list[str]:
    """Step 1; returns the files whose names say no kind."""
    undecided = []
    for name in blind:
        said = _named_kind(name)
        if said == NOT_MIGRATED:
            fm = doc.files[name]
            fm.kind, fm.confidence = NOT_MIGRATED, 0.6
            fm.reasons.append(f"its headers name nothing and its name names records never "
                              f"migrated: nothing to migrate (kind: {NOT_MIGRATED})")
        elif said is not None:
            _propose(doc, name, said, "as its name says", profiles)
        else:
            undecided.append(name)
    return undecided


def _known_ids(doc: MappingDocument, sets: Mapping[str, Values], blind: list[str]
               ) -> dict[str, tuple[str, frozenset[str]]]:
    """The own ids of the files whose headers named them: (column, its values)."""
    known = {}
    for name, fm in doc.files.items():
        own = fm.column_of(f"{fm.kind}.source_id")
        if name not in blind and name in sets and own and (held := sets[name].key(own, True)):
            known[name] = (own, held)
    return known


def read_blind(doc: MappingDocument, profiles: Profiles, sets: Mapping[str, Values]) -> None:
    """See the module's doc; `sets`: each file's values (ValueSets)."""
    blind = [n for n in blind_files(doc, profiles) if n in sets]
    if not blind:
        return
    undecided = _by_names(doc, blind, profiles)
    blind = [n for n in blind if doc.files[n].kind != NOT_MIGRATED or n in undecided]
    known = _known_ids(doc, sets, blind)
    # every column: what the values made a field of a kind guessed by chance may be an id
    columns = {n: list(profiles[n][0]) for n in blind}
    firsts = own_ids(columns, sets, {n: held for n, (_, held) in known.items()})
    ids = {**known, **{n: (h, sets[n].key(h) or frozenset()) for n, h in firsts.items()}}
    links = edges(columns, sets, ids)
    kinds = {n: fm.kind for n, fm in doc.files.items() if n not in undecided and not fm.twin_of}
    found = kinds_by_values(undecided, kinds, {n: p for n, (_, p) in profiles.items()}, links)
    for name, (kind, why) in found.items():
        _propose(doc, name, kind, why, profiles)
    for name in blind:
        if name in firsts:
            _own_id(doc.files[name], firsts[name])
    for edge in links:
        _reference(doc.files[edge.file], edge, doc.files[edge.to_file].kind)
