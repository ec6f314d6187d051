"""HeaderSimilarity from WordLlama's static word embeddings (the `embedding` extra).

The `wordllama` wheel carries its 256-dimension weights and its tokenizer, and they are read
straight from the installed package: nothing is fetched, ever (a missing file is a
FileNotFoundError, not a request). `WordLlama.load(disable_download=True)` is not used: 0.4.0
looks for the tokenizer in `wordllama/tokenizer/` while the wheel ships it in
`wordllama/tokenizers/`, so it refuses to load offline. A score is the cosine of the two texts' mean-pooled
embeddings, negatives read as 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from domain.ports import HeaderSimilarity


def available() -> bool:
    """Whether the optional extra is installed."""
    try:
        import wordllama  # noqa: F401
    except ImportError:
        return False
    return True


class WordLlamaSimilarity(HeaderSimilarity):
    name = "WordLlama embedding similarity"

    def __init__(self, config: str = "l2_supercat", dim: int = 256) -> None:
        from importlib.resources import as_file, files

        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference

        package = files("wordllama")
        weights = package / "weights" / f"{config}_{dim}.safetensors"
        tokenizer = package / "tokenizers" / f"{config}_tokenizer_config.json"
        with as_file(weights) as weights_path, as_file(tokenizer) as tokenizer_path:
            with safe_open(str(weights_path), framework="np", device="cpu") as f:
                embedding = f.get_tensor("embedding.weight")
            self._model: Any = WordLlamaInference(embedding, Tokenizer.from_file(str(tokenizer_path)))
        self._vectors: dict[str, Any] = {}

    def _embed(self, texts: Sequence[str]) -> list[Any]:
        """Unit vectors, cached per text; None for a blank text (no token: no direction)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors and t.strip()]
        if missing:
            for text, vector in zip(missing, self._model.embed(missing, norm=True), strict=True):
                self._vectors[text] = vector
        return [self._vectors.get(t) for t in texts]

    def scores(self, header: str, phrases: Sequence[str]) -> list[float]:
        if not phrases:
            return []
        query, *others = self._embed([header, *phrases])
        out = []
        for vector in others:
            cosine = float(query @ vector) if query is not None and vector is not None else 0.0
            out.append(0.0 if math.isnan(cosine) else max(0.0, min(1.0, cosine)))
        return out
