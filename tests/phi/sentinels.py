"""Sentinel PHI: unmistakable values written into a copy of a bundled export, then hunted for.

Two patients are added, each with a note and an appointment: one the tests forget
(crypto-shredding) and one they keep, so a forget is shown to remove one patient's values, raw
export rows included, without touching another's. Values are matched
lower-cased, since derivation may re-case names; the phone is matched as typed and as digits,
since derivation normalises it.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from adapters.samples import sample_path

FORGET_ID, KEEP_ID = "1999001", "1999002"
FORGET = ("zqxforgetfirst", "zqxforgetlast", "zqxforget.mail", "zqxforgetnote",
          "zqxforget street", "555-017-3921", "5550173921", "zqxforgetvisit")
KEEP = ("zqxkeepfirst", "zqxkeeplast", "zqxkeep.mail", "zqxkeepnote", "zqxkeepvisit")
ALL = FORGET + KEEP


def _append(path: Path, values: list[dict[str, str]]) -> None:
    with path.open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with path.open("a", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        for row in values:
            writer.writerow({k: row.get(k, "") for k in header})


def sentinel_export(dest: Path) -> Path:
    """A copy of the bundled Cliniko export with the two sentinel patients, a note and an
    appointment each."""
    shutil.copytree(sample_path("cliniko"), dest)
    _append(dest / "patients.csv", [
        {"ID": FORGET_ID, "First Name": "Zqxforgetfirst", "Last Name": "Zqxforgetlast",
         "Date of Birth": "1971-02-03", "Sex": "Female",
         "Email": "zqxforget.mail@example.com", "Mobile": "555-017-3921",
         "Address 1": "12 Zqxforget Street", "City": "Boston", "State": "Massachusetts",
         "Country": "US", "Status": "Active", "Business ID": "1008000",
         "Practitioner ID": "1006000"},
        {"ID": KEEP_ID, "First Name": "Zqxkeepfirst", "Last Name": "Zqxkeeplast",
         "Date of Birth": "1972-04-05", "Sex": "Male", "Email": "zqxkeep.mail@example.com",
         "Country": "US", "Status": "Active", "Business ID": "1008000",
         "Practitioner ID": "1006000"},
    ])
    _append(dest / "treatment_notes.csv", [
        {"ID": "1004901", "Patient ID": FORGET_ID, "Practitioner ID": "1006000",
         "Title": "Consult", "Content": "Zqxforgetnote reports knee pain",
         "Created At": "2020-01-02T10:00:00-05:00"},
        {"ID": "1004902", "Patient ID": KEEP_ID, "Practitioner ID": "1006000",
         "Title": "Consult", "Content": "Zqxkeepnote reports back pain",
         "Created At": "2020-01-03T10:00:00-05:00"},
    ])
    _append(dest / "appointments.csv", [
        {"ID": "1003901", "Patient ID": FORGET_ID, "Practitioner ID": "1006000",
         "Business ID": "1008000", "Starts At": "2020-01-02T09:00:00-05:00",
         "Ends At": "2020-01-02T09:30:00-05:00", "Appointment Type": "Consult",
         "Status": "Completed", "Notes": "Zqxforgetvisit asked for a ground floor room",
         "Created At": "2019-12-20T10:00:00-05:00"},
        {"ID": "1003902", "Patient ID": KEEP_ID, "Practitioner ID": "1006000",
         "Business ID": "1008000", "Starts At": "2020-01-03T09:00:00-05:00",
         "Ends At": "2020-01-03T09:30:00-05:00", "Appointment Type": "Consult",
         "Status": "Completed", "Notes": "Zqxkeepvisit follow-up",
         "Created At": "2019-12-21T10:00:00-05:00"},
    ])
    return dest


def found_in(data: bytes, sentinels: tuple[str, ...] = ALL) -> set[str]:
    low = data.lower()
    return {s for s in sentinels if s.encode() in low}


def is_value_report(path: Path, home: Path) -> bool:
    """Reports meant to show values to the operator, excluded from the scan: the human ones
    (HTML, Markdown) and the JSON twins that declare `"contains_phi": true` at the top. Whether
    they carry their PHI marker is a test of its own."""
    rel = path.relative_to(home)
    if rel.parts[:1] != ("reports",) or len(rel.parts) != 2:
        return False
    if path.suffix in {".html", ".md"}:
        return True
    return path.suffix == ".json" and _declares_phi(path)


def _declares_phi(path: Path) -> bool:
    try:
        document = json.loads(path.read_bytes())
    except ValueError:
        return False
    return isinstance(document, dict) and document.get("contains_phi") is True


def has_phi_marker(path: Path) -> bool:
    if path.suffix == ".json":
        return _declares_phi(path)
    return b"Contains PHI" in path.read_bytes()


def scan_home(home: Path, sentinels: tuple[str, ...] = ALL) -> dict[str, set[str]]:
    """Every file under HOME but the value reports: {relative path: sentinels found}."""
    hits: dict[str, set[str]] = {}
    for path in sorted(home.rglob("*")):
        if path.is_file() and not is_value_report(path, home):
            found = found_in(path.read_bytes(), sentinels)
            if found:
                hits[str(path.relative_to(home))] = found
    return hits
