"""Values as a role may see them: whole for roles that decide on PHI, otherwise their shape
(letters x/X, digits 9, punctuation kept), enough to tell a phone from a date, no more."""

from __future__ import annotations

from typing import Any

import orjson

SHAPE_LIMIT = 24


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()


def shape(value: Any) -> str:
    text = _text(value)
    out = []
    for ch in text[:SHAPE_LIMIT]:
        if ch.isdigit():
            out.append("9")
        elif ch.isalpha():
            out.append("X" if ch.isupper() else "x")
        else:
            out.append(ch)
    return "".join(out) + ("…" if len(text) > SHAPE_LIMIT else "")


def shown(value: Any, phi: bool) -> str:
    return _text(value) if phi else shape(value)
