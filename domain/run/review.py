"""PHI review: which clinical records wait for a named reviewer's decision, and whether the
compliance officer's sign-off covers the list as it stands.

Pure rules; the decisions themselves are events of the run (`MigrationRun.ReviewDecided`,
`MigrationRun.ReviewSignedOff`). An item is one canonical record (`document:1012000`). A
decision is bound to the record version it was taken on (its content hash): a record that
changes afterwards is pending again. The list's hash covers every item, its version and its
decision, so any later change to the list (a new item, a changed record, another decision)
leaves the sign-off behind and clinical content waits for a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from domain.records.canonical import CLINICAL_KINDS
from domain.records.note_content import parse_note

PENDING, CLEARED, HELD = "pending", "cleared", "held"
DECISIONS = (CLEARED, HELD)
REVIEWED_KINDS = ("document", "clinical_note")

# Markers of content embedded in a note (an image as a data: URI, an <img> tag, an RTF
# picture): such a note carries files beside its text and is reviewed like a document.
_INLINE_MARKERS = ("data:image/", "<img", "{\\pict")


def item_key(kind: str, source_id: str) -> str:
    return f"{kind}:{source_id}"


def split_item(item: str) -> tuple[str, str]:
    kind, _, source_id = item.partition(":")
    return kind, source_id


def review_reason(kind: str, fields: Mapping[str, Any]) -> str | None:
    """Why a record needs a reviewer before it moves (no values), or None."""
    if kind == "document" and str(fields.get("phi_review") or "").strip().lower() == "required":
        return "marked for PHI review in the export"
    if kind == "clinical_note":
        body = str(fields.get("body") or "")
        lowered = body[:1_000_000].lower()
        if any(marker in lowered for marker in _INLINE_MARKERS):
            remote = sum(1 for image in parse_note(body)[1] if image.remote)
            if remote:
                return (f"note names {remote} image(s) by a web address: not fetched (the "
                        "engine has no network, and an address in PHI is not followed); "
                        "the note names them, the images do not move")
            return "note with embedded images"
    return None


@dataclass(frozen=True)
class ReviewItem:
    item: str
    kind: str
    source_id: str
    reason: str
    content_hash: str  # the record version the decision (if any) applies to
    decision: str = PENDING
    by: str | None = None
    role: str | None = None
    note: str | None = None  # the reviewer's stated reason
    at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "kind": self.kind, "source_id": self.source_id,
                "reason": self.reason, "content_hash": self.content_hash,
                "decision": self.decision, "by": self.by, "role": self.role,
                "note": self.note, "at": self.at}


def build_items(candidates: Iterable[tuple[str, str, str, str]],
                decisions: Mapping[str, Mapping[str, Any]]) -> list[ReviewItem]:
    """Items from (kind, source_id, reason, content_hash) with the run's latest decisions;
    a decision taken on another version of the record does not apply."""
    out = []
    for kind, source_id, reason, content_hash in candidates:
        key = item_key(kind, source_id)
        d = decisions.get(key)
        if d and d.get("content_hash") == content_hash:
            out.append(ReviewItem(key, kind, source_id, reason, content_hash,
                                  str(d["decision"]), d.get("by"), d.get("role"),
                                  d.get("reason"), d.get("at")))
        else:
            out.append(ReviewItem(key, kind, source_id, reason, content_hash))
    return sorted(out, key=lambda i: (i.kind, i.source_id))


def list_hash(items: Iterable[ReviewItem]) -> str:
    """What a sign-off is bound to: every item, the version reviewed and its decision."""
    rows = sorted((i.item, i.content_hash, i.decision) for i in items)
    return hashlib.sha256(orjson.dumps(rows)).hexdigest()


@dataclass(frozen=True)
class Gate:
    """What the PHI review lets move: asked by planning for every clinical record."""

    items: dict[str, ReviewItem]
    current_hash: str
    signed_hash: str | None

    @property
    def signed_off(self) -> bool:
        return not self.items or self.signed_hash == self.current_hash

    def hold_reason(self, kind: str, source_id: str) -> str | None:
        """None when the record may move; otherwise why it is held (no values)."""
        if kind not in CLINICAL_KINDS:
            return None
        item = self.items.get(item_key(kind, source_id))
        if item is not None and item.decision != CLEARED:
            return f"held for PHI review ({item.decision})"
        if not self.signed_off:
            return "held for PHI review: the review list has no current sign-off"
        return None


def gate(items: Iterable[ReviewItem], signed_hash: str | None) -> Gate:
    items = list(items)
    return Gate({i.item: i for i in items}, list_hash(items), signed_hash)
