"""Streaming FHIR JSON: Bundle entries one at a time (ijson events), NDJSON one line at a time.

Neither reader ever holds more than one entry in memory. Every entry comes out as a SourceRow;
a broken one carries `problem` (naming the file and the entry, never a value) instead of being
dropped. JSON that breaks in the middle of a Bundle ends the readable part: a problem row
after the last whole entry says so. Parser messages are not passed on: they quote the
offending text, which may be PHI.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import ijson

from adapters.sources.fhir.depth import MAX_DEPTH, nesting_depth
from domain.errors import SourceError
from domain.ports import SourceRow

BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 16
_HEADER_PREFIXES = frozenset({"resourceType", "type", "total", "meta.profile.item", "link.item",
                              "link.item.relation", "link.item.url"})


class HashingReader:
    """A binary file seen through its sha256 and byte count; drops a leading UTF-8 BOM from
    what it hands on (the hash still covers it)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._sha = hashlib.sha256()
        self.size = 0
        head = self._take(raw.read(len(BOM)))
        self._pending = head[len(BOM):] if head.startswith(BOM) else head

    def _take(self, data: bytes) -> bytes:
        self._sha.update(data)
        self.size += len(data)
        return data

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes the file with read(0) to learn bytes from text
            return b""
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        return self._take(self._raw.read(size if size and size > 0 else -1))

    def readline(self) -> bytes:
        if b"\n" in self._pending:
            line, _, self._pending = self._pending.partition(b"\n")
            return line + b"\n"
        line, self._pending = self._pending + self._take(self._raw.readline()), b""
        return line

    def close(self) -> None:
        self._raw.close()

    def hexdigest(self) -> str:
        """The whole file's sha256: reads what is left first."""
        while self._take(self._raw.read(_CHUNK)):
            pass
        return self._sha.hexdigest()


@dataclass
class BundleHeader:
    """Bundle-level facts, known once the scan has passed them (they may follow the entries)."""

    resource_type: str | None = None
    bundle_type: str | None = None
    total: int | None = None
    profiles: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    started: bool = False
    entry_not_array: bool = False
    broken_near: int | None = None  # byte offset where the JSON stops parsing

    def next_page(self) -> str | None:
        """The `next` link of a paged searchset: another file of the same export, or a URL."""
        return next((link.get("url") for link in self.links
                     if link.get("relation") == "next"), None)

    def note(self, prefix: str, event: str, value: Any) -> None:
        if prefix == "resourceType" and event == "string":
            self.resource_type = value
        elif prefix == "type" and event == "string":
            self.bundle_type = value
        elif prefix == "total" and event == "number" and isinstance(value, int):
            self.total = value
        elif prefix == "meta.profile.item" and event == "string":
            self.profiles.append(value)
        elif prefix == "link.item" and event == "start_map":
            self.links.append({})
        elif prefix in ("link.item.relation", "link.item.url") and event == "string":
            if self.links:
                self.links[-1][prefix.rsplit(".", 1)[1]] = value


def entry_row(file: str, number: int, entry: Any, what: str = "entry") -> SourceRow:
    """An entry as a row: values are the entry as read (`fullUrl` always present)."""
    where = f"{file}, {what} {number}"
    if not isinstance(entry, dict):
        return SourceRow(number, {"fullUrl": None, "resource": None, "raw": entry},
                         f"{where}: not a JSON object")
    full_url = entry.get("fullUrl")
    if nesting_depth(entry) > MAX_DEPTH:  # the event store could not even encode it
        return SourceRow(number, {"fullUrl": full_url if isinstance(full_url, str) else None,
                                  "resource": None},
                         f"{where}: nested more than {MAX_DEPTH} levels deep", "resource")
    values = dict(entry)
    values.setdefault("fullUrl", None)
    resource = entry.get("resource")
    problem = problem_field = None
    if resource is None:
        method = entry.get("request", {}).get("method") if isinstance(
            entry.get("request"), dict) else None
        problem = f"{where}: no resource" + (" (a DELETE request)" if method == "DELETE" else "")
        problem_field = "resource"
    elif not isinstance(resource, dict):
        problem, problem_field = f"{where}: resource is not a JSON object", "resource"
    elif not isinstance(resource.get("resourceType"), str) or not resource["resourceType"]:
        problem, problem_field = f"{where}: resource has no resourceType", "resourceType"
    elif values["fullUrl"] is not None and not isinstance(values["fullUrl"], str):
        problem, problem_field = f"{where}: fullUrl is not a string", "fullUrl"
    return SourceRow(number, values, problem, problem_field)


# yajl (the C backend) refuses integers beyond 64 bits, which JSON allows; the pure-Python
# backend reads them. A file the fast pass cannot read is read again with it before anything
# is called broken.
_FAST = ijson
_EXACT = ijson.get_backend("python")


def scan_bundle_header(open_reader: Callable[[], HashingReader], file: str) -> BundleHeader:
    """Bundle-level facts from one pass over the parse events (entries are skipped, not
    built). Raises SourceError when the file is not a JSON object at all."""
    header = _header_pass(open_reader, file, _FAST)
    if header.broken_near is not None:
        header = _header_pass(open_reader, file, _EXACT)
    return header


def _header_pass(open_reader: Callable[[], HashingReader], file: str,
                 backend: Any) -> BundleHeader:
    header = BundleHeader()
    reader = open_reader()
    try:
        for prefix, event, value in backend.parse(reader, use_float=True):
            if not header.started:
                if event != "start_map":
                    raise SourceError("not a FHIR JSON object (the top level is not an "
                                      "object)", file=file)
                header.started = True
            elif prefix in _HEADER_PREFIXES:
                header.note(prefix, event, value)
            elif prefix == "entry" and event not in ("start_array", "end_array", "end_map"):
                header.entry_not_array = True
    except (ijson.JSONError, ValueError):
        if not header.started:
            raise SourceError(f"not valid JSON (breaks near byte {reader.size})",
                              file=file) from None
        header.broken_near = reader.size
    finally:
        reader.close()
    return header


def scan_bundle(open_reader: Callable[[], HashingReader], file: str,
                header: BundleHeader) -> Iterator[SourceRow]:
    """Rows of `Bundle.entry`, in order, numbered from 1. Entries are built by the C backend;
    where it gives up, the exact backend reads on from the same entry."""
    if header.entry_not_array:
        yield SourceRow(1, {"fullUrl": None, "resource": None},
                        f"{file}: Bundle.entry is not an array", "entry")
        return
    done = 0
    for backend in (_FAST, _EXACT):
        reader = open_reader()
        index = 0
        try:
            for entry in backend.items(reader, "entry.item", use_float=True):
                index += 1
                if index > done:
                    done = index
                    yield entry_row(file, index, entry)
            return
        except (ijson.JSONError, ValueError):
            broken_near = reader.size
        finally:
            reader.close()
    yield SourceRow(done + 1, {"fullUrl": None, "resource": None},
                    f"{file}, entry {done + 1}: the JSON breaks after entry {done} (near "
                    f"byte {broken_near}); nothing after it can be read", "entry")


def reject_constant(name: str) -> Any:
    """NaN and Infinity are not JSON: such a line is broken, not a number."""
    raise ValueError(f"{name} is not JSON")


def finite_float(text: str) -> float:
    """A JSON number too large for a float (1e400) cannot be kept as read: broken, not inf."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def scan_ndjson(reader: HashingReader, file: str) -> Iterator[SourceRow]:
    """One row per non-blank line, numbered by line (blank lines are skipped, not counted)."""
    number = 0
    for line in iter(reader.readline, b""):
        number += 1
        if not line.strip():
            continue
        try:
            value = json.loads(line, parse_constant=reject_constant, parse_float=finite_float)
        except (ValueError, RecursionError):
            yield SourceRow(number, {"fullUrl": None, "resource": None,
                                     "raw": line.decode("utf-8", "replace")},
                            f"{file}, line {number}: not valid JSON", "line")
            continue
        yield entry_row(file, number, {"fullUrl": None, "resource": value}
                        if isinstance(value, dict) else value, "line")
