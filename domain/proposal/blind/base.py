"""The state one file's blind reading shares between its readers: the columns in file order,
those still unclaimed, the fields already held, and what each reader found."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.proposal.profile import ColumnProfile
from domain.records.canonical import KIND_FIELDS

Found = tuple[str, float, list[str]]  # (field, confidence, reasons)
# Below the proposal's flag threshold: a field read from values alone is for the operator to
# confirm; above its acceptance floor, so it is proposed.
CONFIDENCE = 0.62
SURE = 0.68  # values that leave little doubt (a start beside its end)


@dataclass
class Blind:
    kind: str
    columns: list[tuple[str, ColumnProfile]]
    unnamed: set[str]
    held: dict[str, str]
    found: dict[str, list[Found]] = field(default_factory=dict)

    @property
    def fields(self) -> tuple[str, ...]:
        return KIND_FIELDS.get(self.kind, ())

    def free(self, name: str) -> bool:
        return name in self.fields and name not in self.held

    def open_columns(self) -> list[tuple[int, str, ColumnProfile]]:
        """(position, header, profile) of the unnamed, filled columns no reader took yet."""
        claimed = set(self.held.values())
        return [(i, h, col) for i, (h, col) in enumerate(self.columns)
                if h in self.unnamed and h not in claimed and col.non_empty]

    def position(self, header: str) -> int:
        return next(i for i, (h, _) in enumerate(self.columns) if h == header)

    def take(self, header: str, name: str, reason: str, confidence: float = CONFIDENCE) -> bool:
        if not self.free(name) or header in self.held.values():
            return False
        self.found[header] = [(name, confidence, [
            f"header '{header}' names no canonical field", reason])]
        self.held[name] = header
        return True


def fill(col: ColumnProfile) -> float:
    """The share of rows with a value."""
    return col.non_empty / max(1, col.non_empty + col.empty)


def seen(col: ColumnProfile) -> list[str]:
    return [v.strip() for v in col.distinct if v.strip()]
