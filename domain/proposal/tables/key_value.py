"""A key/value table (record id, field name, value: Open Dental's patfield) told from its
headers and its values: the field names repeat, every record has the same few."""

from __future__ import annotations

from collections.abc import Sequence

from domain.mapping import KeyValueLayout
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import similarity
from domain.proposal.vocabulary import ENTITY_ID_SYNONYMS

NAME_COLUMN_PHRASES = ("field name", "FieldName", "key", "attribute", "field", "property",
                       "question", "label", "item", "name", "campo", "champ", "feld")
VALUE_COLUMN_PHRASES = ("value", "FieldValue", "answer", "data", "content", "valor",
                        "valeur", "wert", "response", "text")


def _best(headers: Sequence[str], phrases: Sequence[str], exclude: set[str]) -> tuple[str, float]:
    best, score = "", 0.0
    for h in headers:
        if h in exclude:
            continue
        s = max(similarity(h, p) for p in phrases)
        if s > score:
            best, score = h, s
    return best, score


def detect_key_value(headers: Sequence[str], profile: FileProfile
                     ) -> tuple[KeyValueLayout, str] | None:
    """A key/value table (record id, field name, value) and the kind of its records."""
    if not 3 <= len(headers) <= 4:
        return None
    name_col, name_score = _best(headers, NAME_COLUMN_PHRASES, set())
    groups = profile.by_value.get(name_col, {})
    names = profile.columns.get(name_col, ColumnProfile())
    # field names repeat: every record has the same few
    if name_score < 0.75 or len(groups) < 2 or names.non_empty < 2 * len(groups):
        return None
    value_col, value_score = _best(headers, VALUE_COLUMN_PHRASES, {name_col})
    if value_score < 0.75:
        return None
    best_kind, record_col, record_score = "", "", 0.0
    for kind, phrases in ENTITY_ID_SYNONYMS.items():
        col, score = _best(headers, phrases, {name_col, value_col})
        if score > record_score + 0.01 or (kind == "patient" and score >= record_score > 0):
            best_kind, record_col, record_score = kind, col, score
    if record_score < 0.75:
        return None
    layout = KeyValueLayout(record_column=record_col, name_column=name_col,
                            value_column=value_col)
    return layout, best_kind
