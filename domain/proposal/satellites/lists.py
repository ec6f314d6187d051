"""Lists beside lists: a row carrying one list of a kind's records (`Allergies`) may carry
others of the same kind under other headers (`Medical conditions`)."""

from __future__ import annotations

from domain.mapping import FileMapping
from domain.proposal.match import HeaderMatch, header_matches
from domain.records.canonical import KINDS


def more_lists(fm: FileMapping, split_kinds: frozenset[str], floor: float) -> None:
    """`Medical conditions` beside `Allergies`: every column naming a listed kind's field that
    another column already takes is a list of its own (each value a record, whichever column)."""
    held = {c.target for c in fm.columns.values() if c.target
            and c.target.split(".", 1)[0] in split_kinds and c.target.split(".", 1)[0] != fm.kind}
    for header, column in fm.columns.items():
        if column.target is not None:
            continue
        for target in sorted(held):
            kind, _, name = target.partition(".")
            best = header_matches(kind, header)[:1]
            own = header_matches(fm.kind, header)[:1]
            if best and best[0].field == name and best[0].score >= floor and (
                    not own or own[0].score < best[0].score) and not _named_better(header, best[0], kind):
                column.target, column.custom_field, column.custom_field_type = target, None, None
                column.reasons = [r for r in column.reasons if "custom field" not in r]
                column.confidence, column.flagged = round(best[0].score * 0.9, 3), False
                column.reasons.append(f"names {target} too, beside another column of them: "
                                      "its own list")
                break


def _named_better(header: str, match: HeaderMatch, kind: str) -> bool:
    """A header another kind's field names more precisely (`description`: a document's, only
    loosely an allergy's) is no list of `kind`."""
    for other in KINDS:
        found = header_matches(other, header)[:1] if other != kind else ()
        if found and found[0].score >= match.score and found[0].specificity > match.specificity:
            return True
    return False
