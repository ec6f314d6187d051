"""Writes the document files the bundled vendor exports name (documents/, scans/), so a demo
moves real bytes: `python tools/sample_documents.py` (idempotent, byte for byte).

- documents/discharge-summary.txt: the inline content of the US Core example
  DocumentReference `discharge-summary` (adapters/samples/fhir/us-core/, CC0), decoded.
- documents/adi-dnr.pdf, documents/living-will.pdf: the US Core examples carry no content for
  these; synthetic one-page PDFs of the sizes the examples declare stand in for them, and the
  export tables' SHA-256 column is set to theirs.
- scans/intake-N.pdf: synthetic PDFs of the sizes the tables give (no SHA-256 column value).
Every synthetic file says it is synthetic; none describes a person.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "adapters" / "samples"
SETS = ("cliniko", "opendental", "frontdesk", "frontdesk-xlsx")
TABLES = {"cliniko": "attachments.csv", "opendental": "document.txt", "frontdesk": "files.csv",
          "frontdesk-xlsx": "files.xlsx"}
OLD_SHA = {"documents/adi-dnr.pdf":
           "892ef2cb572db961b27d3c0a5e4a51e3996c587ad61a9308dc0d93d9c339043e",
           "documents/living-will.pdf":
           "1f41232fd4855338085aaf6ade45559f4f99d1f948e73d9237ea298f7c216f2c"}

PDFS = {"documents/adi-dnr.pdf": 45566, "documents/living-will.pdf": 138030,
        **{f"scans/intake-{i + 1}.pdf": 48_000 + 1_000 * i for i in range(5)}}


def synthetic_pdf(name: str, size: int) -> bytes:
    text = f"Synthetic sample document {name} (clinic2nutshell demo data)"
    body = (f"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            f"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            f"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>endobj\n"
            f"4 0 obj<</Length {len(text) + 24}>>stream\nBT /F1 12 Tf 72 720 Td ({text}) Tj ET"
            f"\nendstream endobj\n")
    head = b"%PDF-1.4\n" + body.encode()
    tail = b"trailer<</Root 1 0 R>>\n%%EOF\n"
    filler = size - len(head) - len(tail)
    if filler < 2:
        raise ValueError(f"{name}: {size} bytes is too small")
    # a PDF comment line pads to the declared size
    pad = b"%" + (b"0" * (filler - 2)) + b"\n"
    return head + pad + tail


def contents() -> dict[str, bytes]:
    ref = json.loads((SAMPLES / "fhir" / "us-core" / "documentreference-discharge-summary.json")
                     .read_text(encoding="utf-8"))
    out = {"documents/discharge-summary.txt":
           base64.b64decode(ref["content"][0]["attachment"]["data"])}
    out.update({name: synthetic_pdf(name, size) for name, size in PDFS.items()})
    return out


def main() -> None:
    files = contents()
    for name in SETS:
        for rel, data in files.items():
            target = SAMPLES / name / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    # the tables' SHA-256 of the stand-in PDFs (their sizes are unchanged)
    swaps = [(OLD_SHA[rel].encode(), hashlib.sha256(files[rel]).hexdigest().encode())
             for rel in OLD_SHA]
    for name, table in TABLES.items():
        path = SAMPLES / name / table
        if path.suffix == ".xlsx":
            path.write_bytes(_swap_in_zip(path.read_bytes(), swaps))
            continue
        raw = path.read_bytes()
        for old, new in swaps:
            raw = raw.replace(old, new)
        path.write_bytes(raw)


def _swap_in_zip(data: bytes, swaps: list[tuple[bytes, bytes]]) -> bytes:
    """The workbook with the strings replaced (same length), every entry's metadata kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            raw = src.read(info)
            for old, new in swaps:
                raw = raw.replace(old, new)
            dst.writestr(info, raw)
    return out.getvalue()

if __name__ == "__main__":
    main()
