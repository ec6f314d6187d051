"""One more vote for a header's canonical field: its meaning, as an injected HeaderSimilarity
(domain.ports) scores it against each field's name and synonyms.

Asked only where the vocabulary and the values left a column without a canonical field (it
became a custom field): a header the vocabulary places is never second-guessed, so the signal can
add targets but not move one. A field is proposed only when its score clears a floor, beats the
next field by a margin, is not already another column's, and the column's values do not
contradict it. What it proposes is flagged: the operator looks at every such column.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.mapping import ColumnMapping, FileMapping
from domain.ports import HeaderSimilarity
from domain.proposal.match import field_phrases
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.propose import AGGREGATE_WORDS
from domain.proposal.text import phrase
from domain.proposal.values import value_fit
from domain.records.canonical import KIND_FIELDS, KINDS, qualified

# Tuned on the tuning half only: the lowest floor (of 0.6, 0.7, 0.75, 0.8, 0.85, 0.9) with no
# wrong vote there ('GP Name' read as the patient's provider scores 0.72). The hold-outs were
# then measured with these values unchanged (README, "Mapping proposal accuracy").
FLOOR = 0.75  # a header's best field scores at least this
MARGIN = 0.05  # ... and this much more than the next field
CONFIDENCE = 0.6  # below FLAG_BELOW: always flagged for the operator
NEVER = frozenset({"source_id"})  # a row's own id is the keys' business (tables.keys), not meaning


def _unsure(column: ColumnMapping) -> bool:
    return (column.target is None and column.custom_field is not None and column.split is None
            and column.parts is None)


def words(text: str) -> str:
    """The text as the vocabulary reads it (camelCase and separators split, abbreviations
    expanded, accents and stopwords gone): `PtDOB` and `date of birth` meet halfway."""
    return " ".join(phrase(text).tokens) or text.strip()


def field_scores(signal: HeaderSimilarity, kind: str, header: str,
                 fields: tuple[str, ...]) -> list[tuple[float, str, str]]:
    """(score, field, phrase) per field: its best-scoring phrase, best field first."""
    out: list[tuple[float, str, str]] = []
    for field in fields:
        phrases = [text for text, _, _ in field_phrases(kind, field)]
        scores = signal.scores(words(header), [words(p) for p in phrases])
        best = max(range(len(phrases)), key=lambda i: scores[i])
        out.append((scores[best], field, phrases[best]))
    out.sort(key=lambda t: -t[0])
    return out


def second_opinion(fm: FileMapping, profile: FileProfile, signal: HeaderSimilarity,
                   read_as: Mapping[str, str] | None = None) -> list[str]:
    """Proposes canonical fields for the file's custom-field columns the signal is sure of;
    returns the headers it placed."""
    if fm.kind not in KINDS or fm.key_value is not None or fm.twin_of is not None:
        return []
    read_as = read_as or {}
    taken = {c.target for c in fm.columns.values() if c.target}
    taken |= {item.target for item in fm.combine}
    combined = {c for item in fm.combine for c in item.columns}
    placed: list[str] = []
    for header, column in fm.columns.items():
        if not _unsure(column) or header in combined:
            continue
        free = tuple(f for f in KIND_FIELDS[fm.kind]
                     if qualified(fm.kind, f) not in taken and f not in NEVER)
        if not free:
            break
        ranked = field_scores(signal, fm.kind, read_as.get(header, header), free)
        score, field, said = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if score < FLOOR or score - runner_up < MARGIN:
            continue
        if field.startswith("last_") and set(phrase(header).tokens) & AGGREGATE_WORDS:
            continue  # `Total Paid` sums payments: no last payment, whatever it means
        fit, why = value_fit(fm.kind, field, profile.columns.get(header, ColumnProfile()))
        if fit is not None and fit < 0.5:
            continue  # the values say otherwise
        target = qualified(fm.kind, field)
        reasons = [f"header '{header}' names no canonical field in the vocabulary",
                   f"{signal.name}: its meaning is closest to '{said}', a phrase of {target} "
                   f"({round(score * 100)}%, next field {round(runner_up * 100)}%)"]
        if why:
            reasons.append(why)
        fm.columns[header] = ColumnMapping(target=target, confidence=CONFIDENCE, flagged=True,
                                           reasons=reasons)
        taken.add(target)
        placed.append(header)
    return placed
