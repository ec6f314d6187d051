"""What the clinic tests check of a proposal: each column's target, read alone or combined."""

from __future__ import annotations

from domain.mapping import FileMapping, MappingDocument


def target_of(fm: FileMapping, header: str) -> str | None:
    """The column's target, or that of the combination it is read in."""
    return fm.columns[header].target or next(
        (c.target for c in fm.combine if header in c.columns), None)


def wrong_targets(doc: MappingDocument, want: dict[str, dict[str, str]]) -> list[tuple[str, ...]]:
    """(file, header, target found, target wanted) for each column read otherwise than wanted;
    a wanted target without a kind is the file's own kind's field."""
    wrong = []
    for name, columns in want.items():
        fm = doc.files[name]
        for header, field in columns.items():
            wanted = field if "." in field else f"{fm.kind}.{field}"
            found = target_of(fm, header)
            if found != wanted:
                wrong.append((name, header, str(found), wanted))
    return wrong
