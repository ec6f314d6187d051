"""Yes and no are one list: a flag column the proposal recognises by its words is read by the
records with the same words, so no language is known on one side and not the other."""

from __future__ import annotations

import pytest

from domain.proposal.vocabulary import BOOLEAN_TRUE, BOOLEAN_WORDS
from domain.records.normalise import Invalid, parse_bool


@pytest.mark.parametrize("word", sorted(BOOLEAN_WORDS))
def test_every_word_the_proposal_reads_as_a_flag_the_records_read(word: str) -> None:
    assert parse_bool(word.upper()) is (word in BOOLEAN_TRUE)


def test_a_word_of_neither_list_is_refused() -> None:
    with pytest.raises(Invalid):
        parse_bool("perhaps")
