"""Clinic exports built by the tests: realistic headers, realistic values, then mutated.

Each table below lists, per canonical target, headers seen in real clinic software (several
spellings and languages) and a value generator. `build_export` picks one header per column
(`rename`), and may `reorder` the columns, `abbreviate` words, `misspell` a word, or change
the header `style` (snake_case, camelCase, UPPER). Columns with no canonical home are mixed in
(target None): the proposal must not force them onto a field.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

Gen = Callable[[random.Random, int], str]

FIRST = ("Maria", "James", "Aroha", "Chen", "Fatima", "Liam", "Sofia", "Noah", "Amara", "Lucas")
LAST = ("Garcia", "Smith", "Ngata", "Wang", "Khan", "Murphy", "Rossi", "Brown", "Okafor", "Silva")
CITIES = ("Springfield", "Riverton", "Lakeside", "Fairview", "Greenville", "Kingston")
STATES = ("CA", "NY", "TX", "MA", "WA", "FL")
CARRIERS = ("Aetna", "Cigna", "Humana", "Anthem", "Kaiser Permanente", "UnitedHealthcare")


def _pick(options: tuple[str, ...]) -> Gen:
    return lambda rng, i: rng.choice(options)


def _day(rng: random.Random, start: int = 1940, span_years: int = 70) -> date:
    return date(start, 1, 1) + timedelta(days=rng.randrange(365 * span_years))


def _dmy(rng: random.Random, i: int) -> str:
    d = _day(rng)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _iso(rng: random.Random, i: int) -> str:
    return _day(rng).isoformat()


def _stamp(rng: random.Random, i: int) -> str:
    return f"{_day(rng, 2018, 6).isoformat()}T{rng.randrange(8, 18):02d}:{rng.choice((0, 30)):02d}:00Z"


def _phone(rng: random.Random, i: int) -> str:
    return f"({rng.randrange(201, 989)}) {rng.randrange(200, 999)}-{rng.randrange(1000, 9999)}"


def _email(rng: random.Random, i: int) -> str:
    return f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}{i}@example.org"


def _money(rng: random.Random, i: int) -> str:
    return f"${rng.randrange(0, 2500)}.{rng.randrange(0, 100):02d}"


def _npi(rng: random.Random, i: int) -> str:
    body = f"1{rng.randrange(10**8, 10**9 - 1):08d}"[:9]
    for check in range(10):
        digits = "80840" + body + str(check)
        total = 0
        for n, ch in enumerate(reversed(digits)):
            d = int(ch) * (2 if n % 2 else 1)
            total += d - 9 if d > 9 else d
        if total % 10 == 0:
            return body + str(check)
    raise AssertionError("unreachable: one check digit always fits")


def _seq(prefix: str) -> Gen:
    return lambda rng, i: f"{prefix}{i + 1}"


def _ref(prefix: str, n: int = 30) -> Gen:
    return lambda rng, i: f"{prefix}{rng.randrange(1, n)}"


@dataclass(frozen=True)
class Column:
    target: str | None
    headers: tuple[str, ...]  # realistic spellings, any of which a vendor might use
    gen: Gen


PATIENT = (
    Column("patient.source_id", ("Patient ID", "PatientID", "Client Number", "Pt No"), _seq("")),
    Column("patient.first_name", ("First Name", "Given Name", "Forename", "Nombre", "Vorname"),
           _pick(FIRST)),
    Column("patient.last_name", ("Last Name", "Surname", "Family Name", "Apellido", "Nachname"),
           _pick(LAST)),
    Column("patient.date_of_birth", ("Date of Birth", "DOB", "Birth Date", "Fecha de nacimiento",
                                     "Date de naissance", "Geburtsdatum"), _dmy),
    Column("patient.sex", ("Sex", "Gender", "Sexo", "Geschlecht"), _pick(("F", "M", "F", "U"))),
    Column("patient.email", ("Email", "E-mail Address", "Correo electrónico", "Courriel"), _email),
    Column("patient.phone_mobile", ("Mobile", "Cell Phone", "Mobile Number", "Handy", "Celular"),
           _phone),
    Column("patient.phone_home", ("Home Phone", "Home Tel", "Home Number", "Telefone residencial"),
           _phone),
    Column("patient.address_line1", ("Address", "Street Address", "Address Line 1", "Dirección"),
           lambda rng, i: f"{rng.randrange(1, 999)} {rng.choice(LAST)} Street"),
    Column("patient.city", ("City", "Town", "Suburb", "Ciudad", "Ville"), _pick(CITIES)),
    Column("patient.state", ("State", "Province", "State/Province", "Estado"), _pick(STATES)),
    Column("patient.postal_code", ("Zip", "Zip Code", "Postal Code", "Postcode", "Código postal"),
           lambda rng, i: f"{rng.randrange(10000, 99999)}"),
    Column("patient.contact_preference", ("Preferred Contact Method", "Contact Preference",
                                          "Reminder Type"), _pick(("Email", "SMS", "Phone"))),
    Column("patient.created_at", ("Created", "Date Created", "Date Added", "Created On"), _stamp),
    Column(None, ("Emergency Contact Name", "Next of Kin"),
           lambda rng, i: f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
    Column(None, ("Occupation", "Employer"), _pick(("Teacher", "Nurse", "Engineer", "Chef"))),
    Column(None, ("Marital Status",), _pick(("Single", "Married", "Divorced"))),
)

APPOINTMENT = (
    Column("appointment.source_id", ("Appointment ID", "Appt ID", "Booking ID"), _seq("A")),
    Column("appointment.patient_source_id", ("Patient ID", "Client ID", "Pt Number"), _ref("")),
    Column("appointment.provider_source_id", ("Practitioner ID", "Provider ID", "Clinician"),
           _ref("P", 6)),
    Column("appointment.starts_at", ("Start Time", "Appointment Date", "Starts At", "Start"),
           _stamp),
    Column("appointment.ends_at", ("End Time", "Ends At", "Finish Time"), _stamp),
    Column("appointment.appointment_type", ("Appointment Type", "Visit Type", "Service"),
           _pick(("Initial Consult", "Follow-up", "Cleaning", "Review"))),
    Column("appointment.status", ("Status", "Appointment Status", "Attendance"),
           _pick(("Booked", "Completed", "Cancelled", "No Show", "Arrived"))),
    Column("appointment.location", ("Room", "Location", "Operatory"),
           _pick(("Room 1", "Room 2", "Room 3"))),
    Column("appointment.notes", ("Notes", "Comments", "Appointment Notes"),
           _pick(("Running late", "", "Bring x-rays", ""))),
    Column(None, ("Invoice Number", "Billing Code"), _seq("INV-")),
)

PROVIDER = (
    Column("provider.source_id", ("Practitioner ID", "Provider ID", "Staff ID"), _seq("P")),
    Column("provider.first_name", ("First Name", "Given Name"), _pick(FIRST)),
    Column("provider.last_name", ("Last Name", "Surname"), _pick(LAST)),
    Column("provider.email", ("Email", "Work Email"), _email),
    Column("provider.npi", ("NPI", "NPI Number", "National Provider ID"), _npi),
    Column("provider.specialty", ("Specialty", "Speciality", "Profession"),
           _pick(("Physiotherapy", "Dentistry", "Chiropractic"))),
    Column("provider.license_number", ("License Number", "Licence No", "Registration Number"),
           lambda rng, i: f"LIC{rng.randrange(10000, 99999)}"),
    Column(None, ("Signature Image", "Calendar Colour"), _pick(("#ff0000", "#00ff00"))),
)

INSURANCE = (
    Column("insurance.source_id", ("Policy ID", "Coverage ID", "Insurance ID"), _seq("C")),
    Column("insurance.patient_source_id", ("Patient ID", "Client ID", "PatNum"), _ref("")),
    Column("insurance.carrier_name", ("Carrier", "Insurance Company", "Payer", "Aseguradora"),
           _pick(CARRIERS)),
    Column("insurance.member_id", ("Member ID", "Subscriber ID", "Policy Number"),
           lambda rng, i: f"XK{rng.randrange(10**7, 10**8)}"),
    Column("insurance.group_number", ("Group Number", "Group No", "Group ID"),
           lambda rng, i: f"G{rng.randrange(100, 999)}"),
    Column("insurance.copay", ("Copay", "Co-payment", "Copay Amount"), _money),
    Column("insurance.effective_from", ("Effective Date", "Start Date", "Valid From"), _iso),
    Column("insurance.effective_to", ("Termination Date", "End Date", "Valid To"), _iso),
)

BILLING = (
    Column("billing.source_id", ("Account ID", "Account Number"), _seq("AC")),
    Column("billing.patient_source_id", ("Patient ID", "Client ID"), _ref("")),
    Column("billing.outstanding_balance", ("Balance", "Amount Due", "Outstanding Balance"),
           _money),
    Column("billing.last_payment_date", ("Last Payment Date", "Date Last Paid"), _iso),
    Column("billing.last_payment_amount", ("Last Payment Amount", "Amount Last Paid"), _money),
    Column("billing.billing_status", ("Billing Status", "Account Status"),
           _pick(("Current", "Overdue", "Collections", "Paid"))),
)

TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "patients": ("patient", PATIENT),
    "appointments": ("appointment", APPOINTMENT),
    "practitioners": ("provider", PROVIDER),
    "insurance_policies": ("insurance", INSURANCE),
    "account_balances": ("billing", BILLING),
}

ABBREVIATE = {"patient": "Pt", "appointment": "Appt", "number": "No", "address": "Addr",
              "phone": "Ph", "date": "Dt", "insurance": "Ins", "provider": "Prov",
              "group": "Grp", "amount": "Amt", "balance": "Bal", "payment": "Pmt",
              "description": "Desc", "mobile": "Mob", "effective": "Eff"}


def abbreviate(header: str) -> str:
    return " ".join(ABBREVIATE.get(w.lower(), w) for w in header.split())


def misspell(header: str, rng: random.Random) -> str:
    """One typo in the longest word: two inner letters swapped, or one letter dropped."""
    words = header.split()
    i = max(range(len(words)), key=lambda n: len(words[n]))
    word = words[i]
    if len(word) < 5:
        return header
    j = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2:]
    else:
        word = word[:j] + word[j + 1:]
    words[i] = word
    return " ".join(words)


def restyle(header: str, style: str) -> str:
    words = [w for w in header.replace("/", " ").replace("-", " ").split() if w]
    if style == "snake":
        return "_".join(w.lower() for w in words)
    if style == "camel":
        return "".join(w[:1].upper() + w[1:].lower() for w in words)
    if style == "upper":
        return " ".join(w.upper() for w in words)
    return header


@dataclass
class Export:
    file_name: str
    kind: str
    headers: list[str]
    truth: dict[str, str | None]  # header -> canonical target (None: no home)
    rows: list[dict[str, str]]


def build_export(table: str, seed: int, *, rows: int = 60, mutation: str = "rename",
                 file_name: str | None = None) -> Export:
    """One file of `table`, headers chosen and mutated by `mutation`:
    rename | reorder | abbreviate | misspell | snake | camel | upper."""
    rng = random.Random(f"{table}/{seed}/{mutation}")
    kind, columns = TABLES[table]
    chosen: list[tuple[str, Column]] = []
    for col in columns:
        header = rng.choice(col.headers)
        if mutation == "abbreviate":
            header = abbreviate(header)
        elif mutation == "misspell":
            header = misspell(header, rng)
        elif mutation in ("snake", "camel", "upper"):
            header = restyle(header, mutation)
        chosen.append((header, col))
    if mutation in ("reorder", "misspell", "abbreviate"):
        rng.shuffle(chosen)
    unique: list[tuple[str, Column]] = []
    for header, col in chosen:  # two spellings may collide after a mutation: keep the first
        if header not in {h for h, _ in unique}:
            unique.append((header, col))
    data = [{h: c.gen(rng, i) for h, c in unique} for i in range(rows)]
    return Export(file_name or f"{table}.csv", kind, [h for h, _ in unique],
                  {h: c.target for h, c in unique}, data)
