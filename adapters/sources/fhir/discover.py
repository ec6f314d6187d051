"""Which FHIR sources a path holds: a Bundle, an NDJSON file, a single resource, a Bulk Data
manifest (its `output`, `error` and `deleted` files), or a folder of any of these.

How a file is told apart:
- first bytes `<`: XML FHIR, refused (export JSON);
- `.ndjson`/`.jsonl`, or a first line that is a whole JSON object followed by another line:
  NDJSON;
- otherwise one JSON document: `resourceType: Bundle` is a Bundle, another resourceType a single
  resource, no resourceType but an `output` array a Bulk Data manifest; anything else refused.

Manifest `url`s name files relative to the manifest's folder (an http(s) URL counts by its last
path segment, as when an export was downloaded beside its manifest). A url that leaves the
folder is refused. A folder holding a manifest is read through it, otherwise file by file.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import ijson

from adapters.sources.fhir.depth import MAX_DEPTH, too_deep
from adapters.sources.fhir.sources import (
    FhirBundleSource,
    FhirNdjsonSource,
    FhirResourceSource,
    _FhirFile,
)
from adapters.sources.fhir.stream import BOM, HashingReader, reject_constant
from domain.errors import SourceError
from domain.ports import ClinicSource

NDJSON_SUFFIXES = frozenset({".ndjson", ".jsonl"})
_FIRST_LINE_LIMIT = 1 << 20
_MANIFEST_LIMIT = 16 << 20
_MANIFEST_LISTS = ("output", "error", "deleted")


def fhir_sources(path: Path) -> list[ClinicSource]:
    """Every FHIR source `path` holds (see the module doc). Raises SourceError, naming the
    file, when a file cannot be FHIR JSON at all."""
    path = Path(path)
    if path.is_dir():
        return _folder_sources(path)
    kind = _sniff(path)
    if kind == "manifest":
        return list(_manifest_sources(path))
    return [_source(path, kind)]


def is_bulk_manifest(path: Path) -> bool:
    """True for a Bulk Data manifest (a small JSON object with an `output` array)."""
    try:
        return path.is_file() and path.stat().st_size <= _MANIFEST_LIMIT and isinstance(
            _manifest(path).get("output"), list)
    except SourceError:
        return False


def manifest_members(manifest: Path) -> list[Path]:
    """The files a manifest names (so a folder walk can skip them: they are read through it)."""
    return [member for member, _ in _manifest_files(manifest)]


def _source(path: Path, kind: str, *, resource_type: str | None = None) -> _FhirFile:
    if kind == "ndjson":
        return FhirNdjsonSource(path, resource_type=resource_type)
    if kind == "bundle":
        return FhirBundleSource(path)
    return FhirResourceSource(path)


def _read_head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(size)
    except OSError as exc:
        raise SourceError(f"cannot read file ({type(exc).__name__})", file=path.name) from None


def _sniff(path: Path) -> str:
    """"ndjson" | "bundle" | "resource" | "manifest"."""
    head = _read_head(path, _FIRST_LINE_LIMIT)
    body = head[len(BOM):] if head.startswith(BOM) else head
    stripped = body.lstrip()
    if stripped.startswith(b"<"):
        raise SourceError("XML FHIR is not supported; export FHIR JSON (a Bundle or Bulk Data "
                          "NDJSON)", file=path.name)
    if body.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in body[:4]:
        raise SourceError("not UTF-8 (FHIR JSON is UTF-8)", file=path.name)
    if path.suffix.lower() in NDJSON_SUFFIXES or _looks_like_ndjson(stripped):
        return "ndjson"
    if not stripped.startswith(b"{"):
        raise SourceError("not FHIR JSON (it does not start with a JSON object)",
                          file=path.name)
    try:
        with path.open("rb") as f:
            deep = too_deep(f)
    except OSError as exc:
        raise SourceError(f"cannot read file ({type(exc).__name__})", file=path.name) from None
    if deep:
        raise SourceError(f"JSON nested more than {MAX_DEPTH} levels deep: refused",
                          file=path.name)
    return _document_kind(path)


def _looks_like_ndjson(body: bytes) -> bool:
    first, newline, rest = body.partition(b"\n")
    if not newline or not rest.strip().startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first, parse_constant=reject_constant), dict)
    except (ValueError, RecursionError):
        return False


def _document_kind(path: Path) -> str:
    """Reads top-level keys only until `resourceType` is seen (usually the first key)."""
    top_keys: set[str] = set()
    try:
        with path.open("rb") as f:
            for prefix, event, value in ijson.parse(HashingReader(f)):
                if prefix == "" and event == "map_key":
                    top_keys.add(value)
                elif prefix == "resourceType" and event == "string":
                    return "bundle" if value == "Bundle" else "resource"
    except (ijson.JSONError, ValueError):
        if "resourceType" not in top_keys:
            raise SourceError("not valid JSON", file=path.name) from None
    except OSError as exc:
        raise SourceError(f"cannot read file ({type(exc).__name__})", file=path.name) from None
    if "output" in top_keys:
        return "manifest"
    raise SourceError("JSON without a resourceType: not a FHIR resource, Bundle or Bulk Data "
                      "manifest", file=path.name, field="resourceType")


def _manifest(path: Path) -> dict[str, Any]:
    data = _read_head(path, _MANIFEST_LIMIT + 1)
    if len(data) > _MANIFEST_LIMIT:
        raise SourceError("Bulk Data manifest over 16 MiB", file=path.name)
    try:
        manifest = json.loads(data, parse_constant=reject_constant)
    except (ValueError, RecursionError):
        raise SourceError("Bulk Data manifest is not valid JSON", file=path.name) from None
    if not isinstance(manifest, dict):
        raise SourceError("Bulk Data manifest is not a JSON object", file=path.name)
    return manifest


def _manifest_files(manifest_path: Path) -> list[tuple[Path, str | None]]:
    manifest = _manifest(manifest_path)
    if not isinstance(manifest.get("output"), list):
        raise SourceError("Bulk Data manifest has no output array", file=manifest_path.name,
                          field="output")
    folder = manifest_path.parent.resolve()
    files: list[tuple[Path, str | None]] = []
    for listing in _MANIFEST_LISTS:
        entries = manifest.get(listing) or []
        if not isinstance(entries, list):
            raise SourceError(f"{listing} is not an array", file=manifest_path.name,
                              field=listing)
        for number, item in enumerate(entries, start=1):
            where = f"{listing}[{number}]"
            url = item.get("url") if isinstance(item, dict) else None
            if not isinstance(url, str) or not url.strip():
                raise SourceError("has no url", file=manifest_path.name, field=where)
            declared = item.get("type") if isinstance(item.get("type"), str) else None
            files.append((_member_path(folder, url.strip(), manifest_path.name, where),
                          declared))
    return files


def _member_path(folder: Path, url: str, manifest_name: str, where: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "file"):
        relative = PurePosixPath(parts.path).name
    elif parts.scheme:
        raise SourceError(f"url scheme {parts.scheme} cannot name a local file",
                          file=manifest_name, field=where)
    else:
        relative = url
    member = (folder / relative).resolve()
    if not relative or not member.is_relative_to(folder):
        raise SourceError("url leaves the manifest's folder", file=manifest_name, field=where)
    if not member.is_file():
        raise SourceError(f"names a file that is not there ({member.name})",
                          file=manifest_name, field=where)
    return member


def _manifest_sources(manifest_path: Path) -> list[ClinicSource]:
    return [FhirNdjsonSource(member, resource_type=declared)
            for member, declared in _manifest_files(manifest_path)]


def _folder_sources(folder: Path) -> list[ClinicSource]:
    candidates = sorted(p for p in folder.iterdir() if p.is_file()
                        and p.suffix.lower() in {".json", *NDJSON_SUFFIXES}
                        and not p.name.startswith("."))
    manifests = [p for p in candidates if p.suffix.lower() == ".json" and is_bulk_manifest(p)]
    if len(manifests) > 1:
        raise SourceError("holds more than one Bulk Data manifest; name the one to read",
                          file=folder.name)
    if manifests:
        return _manifest_sources(manifests[0])
    return [_source(p, _sniff(p)) for p in candidates]
