"""Key-by-key shape comparison of two JSON bodies: a key missing on either side, null where
the other side has a value, a different JSON type, a different nesting. Values themselves are
not compared (ids, times and names differ between the capture and a sandbox run)."""

from __future__ import annotations

from typing import Any


def kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def differences(live: Any, ours: Any, path: str = "") -> list[str]:
    """Each difference as `path: what` (`[]` in a path stands for every list item)."""
    a, b = kind(live), kind(ours)
    if a != b:
        return [f"{path or '.'}: live {a}, sandbox {b}"]
    out: list[str] = []
    if a == "object":
        for key in live.keys() - ours.keys():
            out.append(f"{path}.{key}: missing in the sandbox")
        for key in ours.keys() - live.keys():
            out.append(f"{path}.{key}: not in the live answer")
        for key in live.keys() & ours.keys():
            out += differences(live[key], ours[key], f"{path}.{key}")
    elif a == "array" and live and ours:
        out += differences(live[0], ours[0], f"{path}[]")
    elif a == "array" and bool(live) != bool(ours):
        out.append(f"{path}: live {'non-empty' if live else 'empty'}, sandbox "
                   f"{'non-empty' if ours else 'empty'}")
    return sorted(out)
