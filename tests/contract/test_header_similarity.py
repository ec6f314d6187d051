"""The HeaderSimilarity port's contract (domain.ports), run against every implementation: a
word-overlap fake written here, and WordLlama's embeddings (adapters.signals.wordllama, the
`embedding` extra, also in `dev`, so CI runs it)."""

from __future__ import annotations

import socket
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path

import pytest

from adapters.signals.wordllama import WordLlamaSimilarity, available
from domain.ports import HeaderSimilarity


class WordOverlap(HeaderSimilarity):
    """The share of words two texts have in common (Jaccard); `aliases` first rewrites a header,
    so a test can make the signal sure of a header the vocabulary does not know."""

    name = "word overlap"

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.aliases = aliases or {}

    def scores(self, header: str, phrases: Sequence[str]) -> list[float]:
        words = set(self.aliases.get(header, header).lower().split())
        out = []
        for p in phrases:
            other = set(p.lower().split())
            out.append(len(words & other) / len(words | other) if words and other else 0.0)
        return out


class HeaderSimilarityContract(ABC):
    @abstractmethod
    def make(self) -> HeaderSimilarity: ...

    def test_one_score_per_phrase_in_order_between_0_and_1(self) -> None:
        phrases = ["date of birth", "mobile phone", "email", "last name"]
        scores = self.make().scores("mobile phone", phrases)
        assert len(scores) == len(phrases)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert scores.index(max(scores)) == 1

    def test_a_phrase_scores_highest_against_itself(self) -> None:
        signal = self.make()
        for text in ("date of birth", "postal code", "insurance member id"):
            scores = signal.scores(text, ["city", text, "first name"])
            assert scores[1] >= max(scores[0], scores[2])
            assert scores[1] > 0.9

    def test_no_phrases_no_scores_and_blank_texts_score_nothing(self) -> None:
        signal = self.make()
        assert signal.scores("email", []) == []
        assert signal.scores("", ["email", ""]) == [0.0, 0.0]
        assert signal.scores("email", [""]) == [0.0]

    def test_the_same_question_gets_the_same_answer(self) -> None:
        signal = self.make()
        first = signal.scores("cell phone", ["mobile phone", "home phone", "fax"])
        again = signal.scores("cell phone", ["fax", "mobile phone", "home phone"])
        assert first == [again[1], again[2], again[0]]

    def test_it_has_a_name_for_the_reasons(self) -> None:
        assert self.make().name


class TestWordOverlap(HeaderSimilarityContract):
    def make(self) -> HeaderSimilarity:
        return WordOverlap()


@pytest.mark.skipif(not available(), reason="the `embedding` extra (wordllama) is not installed: "
                                            "pip install -e '.[embedding]'")
class TestWordLlama(HeaderSimilarityContract):
    def make(self) -> HeaderSimilarity:
        return WordLlamaSimilarity()

    def test_it_loads_its_weights_with_no_network_and_no_cache(
            self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        def refuse(*args: object, **kwargs: object) -> None:
            raise AssertionError("the embedding signal tried to reach the network")

        monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.cache/wordllama to fall back on
        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)
        signal = WordLlamaSimilarity()
        assert signal.scores("cell phone", ["mobile phone", "date of birth"])[0] > 0.5
        assert not any(tmp_path.iterdir())  # nothing cached, nothing downloaded
