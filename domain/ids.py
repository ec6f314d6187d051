"""Deterministic ids: uuid5 of natural keys, so re-runs find instead of duplicating."""

from __future__ import annotations

import hashlib
from uuid import UUID, uuid5

NAMESPACE = UUID("8a3c2b7e-6f0d-5d1e-9c47-2f1b0e6a4c11")
_NS_BYTES = NAMESPACE.bytes


def run_id(run_name: str) -> UUID:
    return uuid5(NAMESPACE, f"run/{run_name}")


def source_file_id(run: str, sha256: str, sheet: str | None = None) -> UUID:
    """A source file's stream: its content, and the sheet for a workbook (every sheet of one
    workbook has the workbook's digest; without the sheet they were one stream, and all but the
    first sheet were lost)."""
    key = sha256 if not sheet else f"{sha256}#{sheet}"
    return uuid5(NAMESPACE, f"{run}/file/{key}")


def record_id(run: str, kind: str, source_id: str) -> UUID:
    # uuid5 spelled out: the same value as uuid.uuid5, at a third of its cost on the hot path.
    digest = hashlib.sha1(_NS_BYTES + f"{run}/{kind}/{source_id}".encode(), usedforsecurity=False).digest()
    return UUID(bytes=digest[:16], version=5)


def operation_key(record: UUID, action: str, content_hash: str) -> str:
    """Idempotency key of one Nutshell operation on one record version."""
    return str(uuid5(NAMESPACE, f"{record}/{action}/{content_hash}"))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def phi_hash(value: object) -> str:
    """A short stable hash shown instead of a PHI value (audit, logs, errors)."""
    return "h:" + hashlib.sha256(str(value).encode("utf-8")).hexdigest()[:12]


def sealed(value: str) -> str:
    """The key a value map keeps for a person's name or email instead of the value itself
    (mapping.yaml is not encrypted like the log): the same for any spacing and case."""
    return "h:" + hashlib.sha256(value.strip().casefold().encode("utf-8")).hexdigest()[:20]
