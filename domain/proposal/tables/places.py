"""A reference that is a place: `Prov.` (the Italian and Spanish province) read as the
provider by its abbreviation, holding `MI`, `BG`: codes that are neither ids nor names of any
staff member, beside the patient's city and postcode with no state column. The column is the
state (province, county) the address is in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from domain.mapping import ColumnMapping, FileMapping
from domain.records.canonical import KIND_FIELDS, REFERENCES

_CODE = re.compile(r"[A-Z]{2,3}")  # a province or state code as addresses write it
PLACE_FIELDS = ("city", "postal_code", "address_line1")
SHARE = 0.9  # of a column's values that must be such codes


def places_not_references(live: Mapping[str, FileMapping], sets: Mapping[str, Any]) -> None:
    """After references were resolved by id and by name (domain.proposal.tables.keys): a
    reference none of whose values resolved, holding region codes beside an address with no
    state, becomes the state."""
    for name, fm in live.items():
        state = f"{fm.kind}.state"
        if "state" not in KIND_FIELDS.get(fm.kind, ()) or fm.column_of(state) is not None or \
                not any(fm.column_of(f"{fm.kind}.{f}") for f in PLACE_FIELDS):
            continue
        for header, column in fm.columns.items():
            kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
            seen = [v for v in sets[name].values.get(header) or () if v.strip()]
            if kind is None or column.values or not seen or sets[name].refs(header) or sum(
                    1 for v in seen if _CODE.fullmatch(v.strip())) < SHARE * len(seen) or \
                    _ids_of(live, sets, kind) & set(seen):
                continue  # staff initials (`AG`) are the staff file's ids, no place
            column.reasons.append(
                f"its values are codes of places, ids and names of no {kind}, beside the "
                f"address: not {column.target}, the {fm.kind}'s state or province")
            column.target, column.custom_field, column.custom_field_type = state, None, None
            column.confidence, column.flagged = 0.7, False
            break
    sites_not_references(live, sets)


def _ids_of(live: Mapping[str, FileMapping], sets: Mapping[str, Any], kind: str) -> set[str]:
    """The values of the own id columns of the files of `kind`."""
    out: set[str] = set()
    for other, fm in live.items():
        own = fm.column_of(f"{kind}.source_id") if fm.kind == kind else None
        out |= set(sets[other].values.get(own) or ()) if own else set()
    return out


def site_as_location(fm: FileMapping, column: ColumnMapping) -> bool:
    """A visit's clinic or site id (`clinic_id`) where the export lists no sites: the place
    the visit is at, its location, unless a column says it already (a room)."""
    location = f"{fm.kind}.location"
    if "location" not in KIND_FIELDS.get(fm.kind, ()) or fm.column_of(location) is not None or \
            not (column.target or "").endswith(".company_source_id"):
        return False
    column.reasons.append(f"its values are ids and the export lists no sites: not "
                          f"{column.target}, the site the {fm.kind} is at")
    column.target, column.custom_field, column.custom_field_type = location, None, None
    column.confidence, column.flagged = 0.7, False
    return True


def sites_not_references(live: Mapping[str, FileMapping], sets: Mapping[str, Any]) -> None:
    """A visit's `Branch` (`Clinic`, `Site`, `Facility`) taken for its company by name, none
    of whose values is an id or a name of the export's companies (a list of the corporate
    clients it bills), or in an export with no list of companies at all (a company exists only
    in a file of its own: the name would point at nothing): the site the visit is at, its
    location."""
    companies = [(n, fm) for n, fm in live.items() if fm.kind == "company"]
    known = {v.strip().casefold() for n, fm in companies for field in ("source_id", "name")
             if (held := fm.column_of(f"company.{field}"))
             for v in sets[n].values.get(held) or ()}
    for name, fm in live.items():
        where = f"{fm.kind}.location"
        header = fm.column_of(f"{fm.kind}.company_source_id")
        seen = [v for v in sets[name].values.get(header or "") or () if v.strip()]
        if (header is None or "location" not in KIND_FIELDS.get(fm.kind, ())
                or fm.column_of(where) is not None or not seen
                or any(v.strip().casefold() in known for v in seen)):
            continue
        column = fm.columns[header]
        column.reasons.append(("none of its values is an id or a name of the export's "
                               "companies" if companies else "the export lists no companies")
                              + f": not {column.target}, the place of the {fm.kind}")
        column.target, column.custom_field, column.custom_field_type = where, None, None
        column.confidence, column.flagged = 0.7, False
