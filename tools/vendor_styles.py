"""Vendor styles of the bundled samples: column names from the profiles, ids, delimiters and
encodings per vendor, and the deliberately bad rows each set gets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from adapters.profiles import Profile
from tools.vendor_dataset import REF_FIELDS, Dataset, Record, Ref


class Style:
    name = ""
    delimiter = ","
    encoding = "utf-8"
    extension = ".csv"
    line_end = "\n"
    missing_date = ""
    words: dict[str, str] = {}

    def source_id(self, kind: str, index: int) -> str:
        raise NotImplementedError

    def ref(self, target: Ref) -> str:
        return self.source_id(*target)

    def date(self, value: dt.date) -> str:
        return value.isoformat()

    def moment(self, value: dt.datetime) -> str:
        return value.isoformat()

    def money(self, value: Decimal) -> str:
        return f"{value:.2f}"

    def boolean(self, value: bool) -> str:
        return "Yes" if value else "No"

    def word(self, field: str, value: str) -> str:
        spelled = self.words.get(f"{field}:{value}") or self.words.get(value)
        return spelled or value.replace("_", " ").title()

    def phone(self, value: str) -> str:
        digits = "".join(ch for ch in value if ch.isdigit())[-10:]
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else value

    def cell(self, field: str, value: Any) -> str:
        if value is None:
            return self.missing_date if field in DATE_LIKE else ""
        if isinstance(value, bool):
            return self.boolean(value)
        if isinstance(value, dt.datetime):
            return self.moment(value)
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, Decimal):
            return self.money(value)
        if field.startswith("phone"):
            return self.phone(str(value))
        if field in ENUM_FIELDS:
            return self.word(field, str(value))
        return str(value)


DATE_LIKE = {"date_of_birth", "effective_from", "effective_to", "last_payment_date",
             "referred_at", "ends_at"}
ENUM_FIELDS = {"sex", "contact_preference", "status", "kind", "clinical_status", "role",
               "billing_status", "referral_type", "channel", "direction", "category",
               "phi_review"}


class Cliniko(Style):
    name = "cliniko"
    words = {"no_show": "Did Not Arrive"}

    def source_id(self, kind: str, index: int) -> str:
        return str(1_000_000 + 1000 * KINDS.index(kind) + index)

    def phone(self, value: str) -> str:
        return value


class OpenDental(Style):
    name = "opendental"
    delimiter = "\t"
    extension = ".txt"
    missing_date = "0001-01-01"
    words = {"booked": "Scheduled", "completed": "Complete", "no_show": "Broken",
             "cancelled": "UnschedList", "status:active": "Patient", "call": "Phone",
             "sms": "Text", "channel:letter": "Mail", "meeting": "InPerson",
             "inbound": "Received", "outbound": "Sent", "condition": "Problem"}

    def source_id(self, kind: str, index: int) -> str:
        return str(index + 1)

    def moment(self, value: dt.datetime) -> str:
        # Naive local times in the export; written in UTC so the default settings read them right.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")

    def boolean(self, value: bool) -> str:
        return "Primary" if value else "Secondary"

    def money(self, value: Decimal) -> str:
        return str(value.normalize()) if value == value.to_integral() else f"{value:.2f}"


class FrontDesk(Style):
    name = "frontdesk"
    encoding = "utf-8-sig"  # Excel's "CSV UTF-8"
    line_end = "\r\n"
    words = {"female": "F", "male": "M", "arrived": "Checked In", "completed": "Attended",
             "cancelled": "Canceled", "no_show": "No Show", "booked": "Scheduled"}

    def source_id(self, kind: str, index: int) -> str:
        return f"{kind[:2].upper()}-{index + 1:04d}"

    def ref(self, target: Ref) -> str:
        # No insurance file here: policies ride on the client rows, whose records take
        # "<client id>:insurance" as their id (domain.records.derive).
        if target[0] == "insurance":
            return f"{self.source_id('patient', INSURED[target[1]])}:insurance"
        return self.source_id(*target)

    def date(self, value: dt.date) -> str:
        return value.strftime("%m/%d/%Y")

    def moment(self, value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).strftime("%m/%d/%Y %I:%M %p")

    def money(self, value: Decimal) -> str:
        return f"${value:,.2f}"


KINDS = ("patient", "insurance", "insurance_verification", "appointment", "clinical_note",
         "allergy_condition", "provider", "billing", "company", "referral", "lead",
         "communication", "document")


def canonical_row(style: Style, kind: str, index: int, record: Record) -> dict[str, Any]:
    row: dict[str, Any] = {"source_id": style.source_id(kind, index)}
    for key, value in record.items():
        if key == "extra":
            row.update({f"extra:{k}": v for k, v in value.items()})
        elif key in REF_FIELDS:
            row[REF_FIELDS[key]] = style.ref(value) if value else None
        else:
            row[key] = value
    return row


def headers_for(spec: Any, kind: str) -> list[tuple[str, str]]:
    """(header, canonical field or 'extra:<name>') in profile order, one header per field."""
    chosen: list[tuple[str, str]] = []
    taken: set[str] = set()
    for header, col in spec.columns.items():
        if col.target:
            col_kind, _, field = col.target.partition(".")
            key = field if col_kind == kind else f"{col_kind}.{field}"
        else:
            key = f"extra:{col.custom_field or header}"
        if key not in taken:
            taken.add(key)
            chosen.append((header, key))
    return chosen


INSURED: dict[int, int] = {}  # insurance index -> patient index


def vendor_tables(style: Style, profile: Profile, ds: Dataset) -> dict[str, list[list[str]]]:
    tables: dict[str, list[list[str]]] = {}
    insurance_of = {rec["patient"][1]: i for i, rec in enumerate(ds.records["insurance"])}
    INSURED.update({i: p for p, i in insurance_of.items()})
    for label, spec in profile.files.items():
        if spec.key_value is not None:
            tables[label] = patfield_table(style, spec, ds)
            continue
        columns = headers_for(spec, spec.kind)
        rows = [[h for h, _ in columns]]
        for index, record in enumerate(ds.records.get(spec.kind, [])):
            values = canonical_row(style, spec.kind, index, record)
            if spec.kind == "patient" and index in insurance_of:
                insurance = ds.records["insurance"][insurance_of[index]]
                values.update({f"insurance.{k}": v for k, v in insurance.items()
                               if k not in REF_FIELDS})
            rows.append([style.cell(key.rpartition(".")[2].removeprefix("extra:"),
                                    values.get(key)) for _, key in columns])
        tables[label] = rows
    return tables


def patfield_table(style: Style, spec: Any, ds: Dataset) -> list[list[str]]:
    layout = spec.key_value
    rows = [["PatFieldNum", layout.record_column, layout.name_column, layout.value_column]]
    number = 0
    for index, patient in enumerate(ds.records["patient"]):
        for name in spec.key_values:
            value = patient.get("extra", {}).get(name)
            if value:
                number += 1
                rows.append([str(number), style.source_id("patient", index), name, str(value)])
    return rows


def add_bad_rows(style: Style, tables: dict[str, list[list[str]]], profile: Profile) -> None:
    """A bad email, an impossible date, a missing id, a duplicate patient, an orphan."""
    patients = next(label for label, s in profile.files.items()
                    if s.kind == "patient" and s.key_value is None)
    appointments = next(label for label, s in profile.files.items() if s.kind == "appointment")
    header = tables[patients][0]
    rows = tables[patients]
    template = rows[1]
    first = dict(zip(header, template, strict=True))
    fields = {key: h for h, key in headers_for(profile.files[patients], "patient")}

    def variant(**changes: str) -> list[str]:
        row = dict(first)
        for field, value in changes.items():
            row[fields[field]] = value
        return [row[h] for h in header]

    impossible = {"cliniko": "1984-02-30", "opendental": "1984-02-30",
                  "frontdesk": "02/30/1984"}[style.name]
    count = len(rows) - 1
    rows.append(variant(source_id=style.source_id("patient", count), email="not-an-email@"))
    rows.append(variant(source_id=style.source_id("patient", count + 1),
                        date_of_birth=impossible))
    rows.append(variant(source_id=""))
    rows.append(variant(source_id=style.source_id("patient", count + 2)))  # merge candidate
    a_header = tables[appointments][0]
    a_fields = {key: h for h, key in headers_for(profile.files[appointments], "appointment")}
    orphan = dict(zip(a_header, tables[appointments][1], strict=True))
    orphan[a_fields["source_id"]] = style.source_id("appointment", len(tables[appointments]))
    orphan[a_fields["patient_source_id"]] = style.source_id("patient", 9999)
    tables[appointments].append([orphan[h] for h in a_header])
