"""What of an event may appear in the audit log: ids, names of fields, hashes; never values.

Values of canonical fields, payloads sent to Nutshell and values overwritten are replaced by a
short hash (and, for mappings, their keys), so an auditor can prove two values equal without
the log showing either. The full values stay in the (encrypted) event store.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from projections.events import FORGOTTEN

SAFE = frozenset({
    "file", "field", "reason", "mapping_hash", "content_hash", "op_key", "action", "mode",
    "entity", "nutshell_id", "status", "transient", "change_id", "origin", "ts_ms", "paths",
    "take", "by", "comp_key", "ok", "matched", "differing", "missing", "scope", "force", "undo",
    "sha256", "format", "problems", "file_id", "files", "flagged", "counts", "failed",
    "diff_hash", "keep_sample", "topic", "closes_at", "type", "reused", "unmatched",
    "fallback_owner", "records", "coverage", "balance", "orphans", "merge_candidates",
    "created", "rederived", "unchanged", "changed", "warnings", "results", "links_added",
    "answer", "deleted", "kind", "source_id", "run", "summary", "rows",
    "subject", "patient_ref", "items", "decision", "role", "bulk", "list_hash", FORGOTTEN,
    # the console's signatures: how, hashes, never values
    "via", "page_hash", "hashes",
})
HASHED = frozenset({"fields", "extra", "raw_kept", "steps", "written", "overwritten",
                    "previous", "detail", "mapping", "ops"})
NAMES_ARE_SAFE = frozenset({"name"})  # run, file and custom-field names are not PHI


def value_hash(value: Any) -> str:
    data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return "h:" + hashlib.sha256(data).hexdigest()[:16]


def redact(event_name: str, state: dict[str, Any]) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    for key, value in state.items():
        if key in {"timestamp", "originator_topic"}:
            continue
        if event_name in ("RowsRead", "RowsResealed") and key == "rows":
            detail["rows"] = len(value)
            detail["first_row"] = value[0]["n"] if value else None
        elif event_name == "RowsResealed" and key in ("page", "erased"):
            detail[key] = value  # an event version and a count
        elif event_name == "Registered" and key == "fingerprint":
            detail["fingerprint"] = {k: value.get(k) for k in
                                     ("name", "sha256", "size_bytes", "format", "encoding",
                                      "delimiter", "sheet", "resource_type", "fhir_version")}
            detail["columns"] = len(value.get("header") or [])
        elif key in SAFE or key in NAMES_ARE_SAFE:
            detail[key] = value
        elif key in HASHED or isinstance(value, dict | list):
            detail[key] = ({"keys": sorted(str(k) for k in value), "hash": value_hash(value)}
                           if isinstance(value, dict) else {"hash": value_hash(value)})
        else:
            detail[key] = value_hash(value)
    return detail
