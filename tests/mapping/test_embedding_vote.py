"""The embedding vote (domain.proposal.signals.vote): asked only about the columns the vocabulary
left as custom fields, placing one only when the injected signal is sure and the values agree."""

from __future__ import annotations

from domain.mapping import FileMapping
from domain.proposal.profile import FileProfile
from domain.proposal.propose import ColumnProfiler, propose_file
from domain.proposal.signals.vote import second_opinion
from tests.contract.test_header_similarity import WordOverlap


def _propose(headers: list[str], rows: list[list[str]]) -> tuple[FileMapping, FileProfile]:
    profiler = ColumnProfiler(headers)
    for row in rows:
        profiler.add(dict(zip(headers, row, strict=True)))
    profile = profiler.profile()
    return propose_file("patients.csv", headers, profile), profile


HEADERS = ["Patient ID", "First Name", "Last Name", "Zorbl", "Quux", "Blarg"]
NAMES = ["Annie", "Bex", "Cat", "Dee", "Evie", "Flo"]
ROWS = [[str(i), NAMES[i % 6], ["Lee", "Roe", "Ng"][i % 3], NAMES[(i + 1) % 6],
         ["red", "blue", "green"][i % 3], f"n{i}"] for i in range(1, 31)]


def test_a_custom_column_the_signal_is_sure_of_is_placed_and_flagged() -> None:
    fm, profile = _propose(HEADERS, ROWS)
    assert fm.kind == "patient" and fm.columns["Zorbl"].target is None  # the vocabulary: custom
    signal = WordOverlap({"zorbl": "preferred name"})
    assert second_opinion(fm, profile, signal) == ["Zorbl"]
    placed = fm.columns["Zorbl"]
    assert placed.target == "patient.preferred_name" and placed.flagged
    assert any("word overlap" in r and "preferred name" in r for r in placed.reasons)


def test_values_that_contradict_the_field_keep_the_column_custom() -> None:
    fm, profile = _propose(HEADERS, ROWS)
    # `Quux` holds colours: no date of birth, whatever the signal says
    assert second_opinion(fm, profile, WordOverlap({"quux": "date of birth"})) == []
    assert fm.columns["Quux"].target is None and fm.columns["Quux"].custom_field


def test_an_unsure_signal_and_a_column_the_vocabulary_placed_are_left_alone() -> None:
    fm, profile = _propose(HEADERS, ROWS)
    before = {h: c.target for h, c in fm.columns.items()}
    # half the words of `preferred name`: below the floor
    assert second_opinion(fm, profile, WordOverlap({"blarg": "preferred"})) == []
    # the signal would read `First Name` as a last name: it is never asked
    assert second_opinion(fm, profile, WordOverlap({"first name": "last name"})) == []
    assert {h: c.target for h, c in fm.columns.items()} == before


def test_a_field_another_column_holds_is_not_given_twice() -> None:
    fm, profile = _propose(HEADERS, ROWS)
    assert second_opinion(fm, profile, WordOverlap({"zorbl": "first name"})) == []
    assert fm.columns["First Name"].target == "patient.first_name"
