"""One table delivered over several files (per year, per site, the download's row limit): the
parts share their columns and their id column, and their ids do not overlap. A reference to
that table holds ids of every part, so it is judged against the parts' ids together; judged
against one part alone it would look like a column of that part's ids held by chance, and a
small code that happens to fall inside one part (a user number 1..4) could take its place."""

from __future__ import annotations

from collections.abc import Mapping

from domain.mapping import FileMapping

OVERLAP = 0.02  # share of a part's ids another part may also hold (a row repeated at the cut)


def joined_parts(live: Mapping[str, FileMapping],
                 keys: Mapping[str, tuple[str, frozenset[str]]]
                 ) -> dict[str, tuple[str, frozenset[str]]]:
    """`keys` (file -> its id column and ids) with each part of one table given the ids of
    every part."""
    groups: dict[tuple[str, str, frozenset[str]], list[str]] = {}
    for name, (own, _) in keys.items():
        fm = live[name]
        groups.setdefault((fm.kind, own, frozenset(fm.columns)), []).append(name)
    out = dict(keys)
    for names in groups.values():
        if len(names) < 2:
            continue
        total = sum(len(keys[n][1]) for n in names)
        union = frozenset().union(*(keys[n][1] for n in names))
        if len(union) < (1 - OVERLAP) * total:
            continue  # the same ids again: twins or copies, not parts
        for n in names:
            out[n] = (keys[n][0], union)
    return out
