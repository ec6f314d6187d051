"""Who takes a decision, as the console knows them: the signed-in person, their role, and the
hash of exactly what their page showed. The CLI's scripted path passes none and records the
free-text `--by` on the decision alone, as it always has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.run.aggregate import MigrationRun


@dataclass(frozen=True)
class Signer:
    by: str
    role: str
    page_hash: str
    via: str = "console"

    def sign(self, run: MigrationRun, action: str, **hashes: Any) -> None:
        """Records the signature on the run; the caller saves it with the decision itself."""
        run.sign(by=self.by, role=self.role, via=self.via, action=action,
                 page_hash=self.page_hash, hashes={k: v for k, v in hashes.items()})
