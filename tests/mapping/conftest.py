"""Fixtures of the mapping tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("C2N_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("C2N_DATABASE_URL", raising=False)
    monkeypatch.delenv("C2N_CIPHER_KEY", raising=False)
    return tmp_path / "home"
