"""Several records of one kind side by side on a row with no ordinal to tell them apart
(`Medicare Card Number` beside `Health Fund` and `Health Fund Number`):

- two columns whose headers both name the field that identifies another kind's record (a
  member number) hold two records: records 1 and 2 (`record: N`), in the file's order;
- that kind's other columns join the record whose identifying header shares their words
  (`Health Fund` goes with `Health Fund Number`);
- an insurance record with no column naming its carrier takes the carrier its member number's
  header names (`fixed`: `Medicare Card Number` is Medicare's);
- but a claim number with no column naming who pays it is a claim, not a cover: a custom field
  (`ACC claim number` alone on a customer list), where beside a funder column it is that
  funder's member number.

Ordinals (`Secondary Member ID`) are domain.proposal.cells' and are left as they are.
"""

from __future__ import annotations

import re

from domain.mapping import ColumnMapping, FileMapping
from domain.proposal.cells import ORDINALS
from domain.proposal.custom_fields import custom_field_type
from domain.proposal.match import SELF_WORDS, header_matches
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import custom_field_name, phrase

# The field that tells one record of a kind from another on the same row.
IDENTIFYING = {"insurance": "member_id", "referral": "referrer_name"}
# The field a record's header may name outright (`Medicare`), where no column gives it.
NAMED_BY_HEADER = {"insurance": "carrier_name"}
FLOOR = 0.85  # a header names a field of another kind (domain.proposal.propose's satellites)
MAX_RECORDS = 3
SAME_VALUES = 0.5  # of the smaller column's values also in the other: one record said twice
# Words of a member number's header that say "a number of a membership", in the languages the
# vocabulary knows: what remains of the header is the insurer's name (`Medicare`, `DVA`).
NUMBER_WORDS = frozenset({
    "number", "num", "nr", "no", "id", "identifier", "card", "member", "membership",
    "subscriber", "insured", "insuree", "policy", "certificate", "ref", "reference", "code",
    "patient", "client", "holder", "cardholder", "account", "numero", "nummer", "assure",
    "assuree", "adherent", "afiliado", "poliza", "asegurado", "beneficiario", "socio",
    "carteirinha", "mitglied", "mitgliedsnummer", "versichertennummer", "tessera",
    "assicurato", "polisnummer", "verzekerdennummer", "verzekerde", "name", "st", "nd", "rd",
    "th", "polis", "nomer", "mbo", "lbo", "broj", "osiguranika", "cislo", "poistenca",
    "stevilka", "zavarovanja", "kartice"})
# Words of a header that say it holds a number (`No`, `#` and `N°` read as `number`).
NUMBER_SAID = frozenset({"number", "num", "nr", "id", "identifier", "card", "numero", "nummer",
                         "mitgliedsnummer", "versichertennummer", "polisnummer",
                         "verzekerdennummer", "carteirinha"})
_WORD = re.compile(r"[^\W_]+")
# Words of a member number's header that say it numbers a claim (one injury or one bill), not a
# membership: with no payer named beside it, no insurer's cover is on the row.
CLAIM_WORDS = frozenset({"claim", "claims"})


def _field_named(kind: str, header: str) -> str | None:
    """The field of `kind` the header names, when it names one well enough."""
    best = max(header_matches(kind, header), key=lambda m: m.score, default=None)
    return best.field if best is not None and best.score >= FLOOR else None


def _names_best(home: str, kind: str, field: str, header: str, column: ColumnMapping) -> bool:
    """Whether the column, not taken for a field of another record, names `kind`'s `field`
    better than any field of the row's own kind (it lost the field to another column, and is
    a custom field or a weaker reading: `Medicare Number` as a medical record number)."""
    if column.split or column.parts or column.record or (
            column.target and not column.target.startswith(f"{home}.")):
        return False
    best = max(header_matches(kind, header), key=lambda m: m.score, default=None)
    if best is None or best.field != field or best.score < FLOOR:
        return False
    if not _says_number(field, header):
        return False
    return all(m.score < best.score for m in header_matches(home, header))


def _section(header: str) -> str:
    """The section a header is written under (`Insurance coverage: Member number`): a column
    outside the section of the kind's columns is none of its records (`Medicare` beside it)."""
    return header.rpartition(":")[0].strip().casefold()


def _says_number(field: str, header: str) -> bool:
    """`Medicare` alone names a scheme (its number, or whether one has it): no record apart."""
    return field != "member_id" or bool(set(phrase(header).tokens) & NUMBER_SAID)


def _values(profile: FileProfile, header: str) -> set[str]:
    col = profile.columns.get(header, ColumnProfile())
    return {v.strip().casefold() for v in col.distinct if v.strip()}


def _another_record(profile: FileProfile, first: str, header: str) -> bool:
    """Whether the column holds values of its own, not the first one's again."""
    mine, theirs = _values(profile, header), _values(profile, first)
    if not mine:
        return False
    shared = len(mine & theirs) / min(len(mine), len(theirs) or 1)
    return shared < SAME_VALUES


def _words(header: str) -> set[str]:
    return set(phrase(header).tokens) - NUMBER_WORDS - set(ORDINALS)


def _take(column: ColumnMapping, target: str, record: int, why: str) -> None:
    column.target = target
    column.record = record if record > 1 else None
    column.custom_field = None
    column.custom_field_type = None
    column.flagged = False
    column.confidence = max(column.confidence, 0.75)
    # what was said of the column as a custom field, or as the field's loser, no longer holds
    column.reasons = [r for r in column.reasons
                      if "custom field" not in r and "also fits, but" not in r
                      and not r.startswith("closest canonical field")] + [why]


def propose_unnumbered(fm: FileMapping, profile: FileProfile) -> None:
    for kind, field in IDENTIFYING.items():
        target = f"{kind}.{field}"
        mine = [h for h, c in fm.columns.items() if (c.target or "").startswith(f"{kind}.")]
        first = next((h for h in mine if fm.columns[h].target == target), None)
        if kind == fm.kind or first is None or any(fm.columns[h].record for h in mine):
            continue  # none carried, or ordinals already number the records
        if not _says_number(field, first):
            _named_by_header(fm, kind, [first])
            continue
        anchors = [first] + [
            h for h, c in fm.columns.items()
            if h != first and _section(h) == _section(first)
            and _names_best(fm.kind, kind, field, h, c)
            and _another_record(profile, first, h)][:MAX_RECORDS - 1]
        for number, header in enumerate(anchors[1:], start=2):
            _take(fm.columns[header], target, number,
                  f"'{header}' and '{first}' both name {target}: record {number} of "
                  f"{kind} on the row, beside record 1")
        if len(anchors) > 1:
            _group(fm, profile, kind, anchors)
        _claims_with_a_payer(fm, profile, kind, anchors)
        _named_by_header(fm, kind, anchors)


def _claims_with_a_payer(fm: FileMapping, profile: FileProfile, kind: str,
                         anchors: list[str]) -> None:
    """Each claim number whose record has no column naming its payer becomes a custom field of
    the row's own record (the claim stays readable; no cover is made of it)."""
    field = NAMED_BY_HEADER.get(kind)
    if field is None:
        return
    paid = {c.record or 1 for c in fm.columns.values() if c.target == f"{kind}.{field}"}
    for number, header in enumerate(anchors, start=1):
        if number in paid or not set(phrase(header).tokens) & CLAIM_WORDS:
            continue
        column = fm.columns[header]
        column.target, column.record, column.fixed = None, None, {}
        column.custom_field = custom_field_name(header)
        column.custom_field_type = custom_field_type(
            profile.columns.get(header, ColumnProfile()))[0]
        column.reasons.append(f"a claim's number with no column naming who pays it: a claim, "
                              f"not {kind} cover; a custom field")


def _group(fm: FileMapping, profile: FileProfile, kind: str, anchors: list[str]) -> None:
    """Each other column of the kind (or one that lost its field to another record's column)
    goes to the record whose identifying header shares its words."""
    taken = {(c.target, c.record or 1) for c in fm.columns.values() if c.target}
    words = [_words(a) for a in anchors]
    for header, column in fm.columns.items():
        if header in anchors or column.split or column.parts:
            continue
        if column.target is None:
            field = _field_named(kind, header)
            if field is None or not _values(profile, header):
                continue
            target = f"{kind}.{field}"
        elif column.target.startswith(f"{kind}.") and not column.record:
            target = column.target
        else:
            continue
        shared = [len(_words(header) & w) for w in words]
        best = max(shared)
        if not best or shared.count(best) > 1:
            continue
        number = shared.index(best) + 1
        if (column.target, column.record or 1) == (target, number) or (target, number) in taken:
            continue
        taken.discard((column.target, column.record or 1))
        taken.add((target, number))
        _take(column, target, number,
              f"'{header}' shares its words with '{anchors[number - 1]}': {target} of "
              f"record {number} of {kind} on the row")


def _named_by_header(fm: FileMapping, kind: str, anchors: list[str]) -> None:
    field = NAMED_BY_HEADER.get(kind)
    if field is None:
        return
    target = f"{kind}.{field}"
    named = {fm.columns[h].record or 1 for h, c in fm.columns.items() if c.target == target}
    for number, header in enumerate(anchors, start=1):
        column = fm.columns[header]
        if number in named or field in column.fixed or column.target is None:
            continue
        own = _words(header) - SELF_WORDS.get(kind, frozenset())
        said = " ".join(w for w in _WORD.findall(header)
                        if (ts := phrase(w).tokens) and set(ts) <= own)
        if not said or _field_named(kind, said) == field:
            continue  # `Health Fund Number` names no fund in particular
        column.fixed = {**column.fixed, field: said}
        column.reasons.append(f"'{header}' names its record's {field.replace('_', ' ')}: "
                              f"{said}")
