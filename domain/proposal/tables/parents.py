"""A column taken for a row's own id that is its parent's: a child file's `Codice paziente`
read as the file's own id by a likeness of its name to `codice`, while its values are the
patients' ids. Words that name each kind, in every language the vocabulary has, tell a
column naming the parent from one that merely says "code"."""

from __future__ import annotations

from domain.proposal.match import SELF_WORDS
from domain.proposal.text import phrase
from domain.proposal.vocabulary import ENTITY_ID_SYNONYMS

ID_WORDS = frozenset({"id", "number", "key", "ref", "referral", "code", "num", "no"})
CONTAINED = 0.98  # share of the column's values that must be ids of the parent's file


def _kind_words() -> dict[str, frozenset[str]]:
    """Per kind, the words that name it and no other kind in the phrases of its ids and
    references (`paziente`, `cliente`, `patientennummer`)."""
    words = {kind: {t for p in phrases for t in phrase(p.partition("|")[0]).tokens}
             for kind, phrases in ENTITY_ID_SYNONYMS.items()}
    return {kind: frozenset(w - ID_WORDS - set().union(*(o for k, o in words.items()
                                                          if k != kind)))
            for kind, w in words.items()}


KIND_WORDS = _kind_words()


def names_kind(reading: str, kind: str) -> bool:
    """The header says `kind` (`Codice paziente`, `Client code`)."""
    return bool(set(phrase(reading).tokens) & (KIND_WORDS.get(kind, frozenset())
                                               | SELF_WORDS.get(kind, frozenset())))


def parent_not_own(reading: str, to_kind: str, contained: float, current: str,
                   keyed: bool) -> bool:
    """A column taken for the row's own id (`current`) whose values are (`contained`) ids of
    a file of `to_kind` the row refers to: the parent's id when its values repeat (`keyed`
    false: no id of the row's own) or its name (`reading`) names the parent's kind (one row
    per parent: a balance per patient)."""
    kind = current.split(".", 1)[0]
    if not current.endswith(".source_id") or contained < CONTAINED or kind == to_kind:
        return False  # a branch's id among its parent company's: ids that merely overlap
    return not keyed or (names_kind(reading, to_kind) and not names_kind(reading, kind))
