"""How deeply a JSON document nests, measured before any parser builds it.

ijson names every parse event by its full path, so a document of a few hundred kilobytes of
`[[[[...` costs time quadratic in its depth (minutes for a 100,000-deep file), and the event
store's encoder refuses values nested past 255 levels. Real FHIR nests a few tens of levels;
anything past MAX_DEPTH is refused before a parser sees it. The scan runs at C speed: escapes
are removed, quotes split strings off, and only the brackets outside strings are counted.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from itertools import accumulate
from typing import Any, BinaryIO

MAX_DEPTH = 100
_CHUNK = 1 << 20
_ESCAPE = re.compile(rb"\\.", re.S)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 / -1 as signed bytes


def too_deep(stream: BinaryIO, limit: int = MAX_DEPTH) -> bool:
    """True when the JSON bytes nest arrays/objects more than `limit` levels anywhere."""
    depth = 0
    in_string = False
    carry = b""
    while chunk := stream.read(_CHUNK):
        data, carry = carry + chunk, b""
        run = len(data) - len(data.rstrip(b"\\"))
        if run % 2:  # a lone trailing backslash escapes the next chunk's first byte
            data, carry = data[:-1], b"\\"
        parts = _ESCAPE.sub(b"", data).split(b'"')
        outside = parts[1::2] if in_string else parts[0::2]
        if len(parts) % 2 == 0:
            in_string = not in_string
        steps = array("b", b"".join(outside).translate(_STEP, _NOT_BRACKET))
        levels = list(accumulate(steps, initial=depth))
        if max(levels) > limit:
            return True
        depth = levels[-1]
    return False


def nesting_depth(value: Any) -> int:
    """Depth of an already-built JSON value (iterative: deep values never recurse)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level + 1)
        stack.extend((child, level + 1) for child in children)
    return deepest
