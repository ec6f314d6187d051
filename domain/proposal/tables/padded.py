"""A reference written otherwise than the ids it points at: `12` for the patient `000012`,
`P-00012` or `pt12` for `12`. Prefixes of letters and separators and leading zeros aside,
nearly every value is one id of the file of the kind the reference names: a value map turns
each as written into that id, so the reference resolves (ids are no PHI: kept as written)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from domain.mapping import FileMapping
from domain.records.canonical import REFERENCES

_BARE = re.compile(r"^[A-Za-z]{0,4}[\s#_\-./:]*0*(\d+)$")  # `P-00012`, `pt12`, `#012`, `000012`
SHARE = 0.98  # of a column's values that must be one id each, once bare
EXACT = 0.9  # of them already ids as written: then nothing needs reading otherwise


def bare(text: str) -> str | None:
    found = _BARE.fullmatch(text.strip())
    return found[1] if found else None


def _bare_index(ids: Iterable[str]) -> dict[str, str] | None:
    """bare form -> id; None when two ids share a bare form (`P12` and `C12`)."""
    out: dict[str, str] = {}
    for ident in ids:
        key = bare(ident)
        if key is None:
            return None
        if out.setdefault(key, ident) != ident:
            return None
    return out


def padded_references(live: Mapping[str, FileMapping], sets: Mapping[str, Any],
                      keys: Mapping[str, tuple[str, frozenset[str]]],
                      decided: set[tuple[str, str]]) -> None:
    """Reference columns (said by their header, not yet resolved) whose values are the ids
    of a file of the kind they name once prefixes and leading zeros are set aside."""
    for name, fm in live.items():
        for header, column in fm.columns.items():
            kind = REFERENCES.get(tuple((column.target or "").split(".", 1)))  # type: ignore[arg-type]
            seen = {v.strip() for v in sets[name].values.get(header) or () if v.strip()}
            if kind is None or column.values or not seen or (name, header) in decided:
                continue
            for other, (_, ids) in keys.items():
                if other == name or live[other].kind != kind or len(seen & ids) >= EXACT * len(
                        seen):
                    continue
                index = _bare_index(ids)
                found = {v: index[b] for v in seen if index and (b := bare(v)) in index}
                if len(found) < SHARE * len(seen):
                    continue
                column.values = dict(sorted(found.items()))
                column.reasons.append(
                    f"its values are ids of {other} written otherwise (a prefix or leading "
                    f"zeros aside: '{next(iter(column.values))}' is "
                    f"'{next(iter(column.values.values()))}'): each read as that id")
                decided.add((name, header))
                break
