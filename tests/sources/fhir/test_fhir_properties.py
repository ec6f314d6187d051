"""Property tests: random bytes and random JSON shapes thrown at the FHIR readers.

No crash (only SourceError, naming the file), no lost entry (one row per entry or line),
every problem a message naming the file and the entry or line.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.sources.fhir import fhir_sources
from domain.errors import SourceError
from domain.ports import SourceRow

FAST = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def written(name: str, data: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def read_all(path: Path) -> list[SourceRow] | SourceError:
    """Every row of every source, or the SourceError that refused the file."""
    try:
        rows: list[SourceRow] = []
        for source in fhir_sources(path):
            source.fingerprint()
            rows.extend(source.rows())
        return rows
    except SourceError as exc:
        return exc


def assert_clear(result: list[SourceRow] | SourceError, name: str) -> list[SourceRow]:
    if isinstance(result, SourceError):
        assert str(result).startswith(name), str(result)
        return []
    for row in result:
        if row.problem is not None:
            assert row.problem.startswith(name), row.problem
            assert f" {row.number}" in row.problem or "not an array" in row.problem
    return result


_names = st.sampled_from(["data.json", "data.ndjson", "data"])


@FAST
@given(_names, st.binary(max_size=300))
def test_random_bytes_never_crash(name: str, data: bytes) -> None:
    with written(name, data) as path:
        assert_clear(read_all(path), name)


@FAST
@given(_names, st.binary(max_size=120))
def test_random_bytes_after_a_bundle_prefix(name: str, tail: bytes) -> None:
    data = b'{"resourceType": "Bundle", "type": "collection", "entry": [' + tail
    with written(name, data) as path:
        assert_clear(read_all(path), name)


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
                                                                  allow_infinity=False) \
    | st.text(max_size=6)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)
_resources = st.fixed_dictionaries(
    {"resourceType": st.sampled_from(["Patient", "Basic", "Practitioner", "Organization"])},
    optional={"id": st.text(max_size=5) | st.integers(), "name": _values,
              "telecom": _values, "extension": _values})
_entries = st.one_of(
    st.fixed_dictionaries({}, optional={"fullUrl": st.text(max_size=8) | _scalars,
                                        "resource": _resources | _values,
                                        "request": _values}),
    _values)


@FAST
@given(st.lists(_entries, max_size=8))
def test_random_bundle_entries_are_each_one_row(entries: list[Any]) -> None:
    data = json.dumps({"resourceType": "Bundle", "type": "batch", "entry": entries})
    with written("b.json", data.encode()) as path:
        rows = assert_clear(read_all(path), "b.json")
    assert [r.number for r in rows] == list(range(1, len(entries) + 1))
    for row, entry in zip(rows, entries, strict=True):
        if row.problem is None:
            assert dict(row.values) == {"fullUrl": None, **entry}
            assert isinstance(row.values["resource"], dict)


@FAST
@given(st.lists(_resources | _values, min_size=1, max_size=8))
def test_random_ndjson_lines_are_each_one_row(lines: list[Any]) -> None:
    data = "\n".join(json.dumps(line) for line in lines) + "\n"
    with written("r.ndjson", data.encode()) as path:
        rows = assert_clear(read_all(path), "r.ndjson")
    assert [r.number for r in rows] == list(range(1, len(lines) + 1))
    for row, line in zip(rows, lines, strict=True):
        if row.problem is None:
            assert row.values == {"fullUrl": None, "resource": line}


@FAST
@given(st.lists(_resources, min_size=1, max_size=6), st.data())
def test_a_bundle_cut_anywhere_keeps_every_whole_entry(resources: list[dict[str, Any]],
                                                       data: st.DataObject) -> None:
    text = json.dumps({"resourceType": "Bundle", "type": "collection",
                       "entry": [{"resource": r} for r in resources]}).encode()
    cut = data.draw(st.integers(min_value=1, max_value=len(text)))
    with written("cut.json", text[:cut]) as path:
        rows = assert_clear(read_all(path), "cut.json")
    good = [r for r in rows if r.problem is None]
    assert [r.values["resource"] for r in good] == resources[:len(good)]
    assert len(rows) <= len(resources) + 1
    if cut < len(text) and rows:
        assert rows[-1].problem is not None  # the break is reported, not silent
