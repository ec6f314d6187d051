"""Bundled sample data for `c2n demo` and the tests (package data; see PROVENANCE.md).

Vendor-style export sets built by tools/build_vendor_exports.py from public FHIR samples:
`cliniko/`, `opendental/` (tab-delimited .txt, incl. the patfield key/value table),
`frontdesk/` (UTF-8 with BOM, CRLF, US dates) and `frontdesk-xlsx/` (the same as XLSX).
`fhir/` holds the FHIR R4 samples.
"""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent
VENDOR_SETS = ("cliniko", "opendental", "frontdesk", "frontdesk-xlsx")


def sample_path(name: str) -> Path:
    """The folder of one sample set, e.g. sample_path("cliniko")."""
    path = SAMPLES / name
    if not path.is_dir():
        raise FileNotFoundError(f"no bundled sample set {name!r}")
    return path
