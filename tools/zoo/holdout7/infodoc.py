"""Infodoc Plenario (Norway, GP and physiotherapy centre in Bergen, Norwegian bokmål): one Excel
workbook with a sheet per list: patients, the appointment book, referrals, allergies and
critical information (CAVE), and staff. The fødselsnummer with valid check digits beside the
patient number; the name in one column, surname first (`Hansen, Kari`); dates as date cells, the
appointment's start as one datetime cell; eight-digit phones, mobiles with `+47`; four-digit
postcodes. The appointment book keeps a row for every reserved slot: blocked time (`Reservert`)
is no appointment. Referrals in Norwegian with the referrer's HPR number. CAVE rows without an
id of their own. Dirty: a patient registered twice, an appointment with no patient number, a
referral with its date as text that is no date."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout7.common import (
    NO_FEMALE,
    NO_FIRST,
    NO_LAST,
    NO_PLACES,
    NO_STREETS,
    fodselsnummer,
    no_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Table

BOOK = "Plenario uttrekk.xlsx"
STATUS = {"completed": ("Utført",), "arrived": ("Ankommet",), "booked": ("Bestilt",),
          "cancelled": ("Avbestilt",), "no_show": ("Ikke møtt",)}
KINDS = ("Konsultasjon", "Kontroll", "Fysioterapi", "Telefonkonsultasjon", "Legeerklæring")
CAVE = (("Penicillin", "Allergi"), ("Nøtter", "Allergi"), ("Latex", "Allergi"),
        ("Marevan (warfarin)", "Kritisk legemiddel"), ("Diabetes type 1", "Kritisk tilstand"),
        ("Pacemaker", "Kritisk tilstand"))
REFERRERS = (("Lege Kari Dahl", "9123456"), ("Haukeland universitetssjukehus", ""),
             ("Lege Per Haugen", "8765432"), ("Kiropraktor Nils Berg", "6543210"))


def infodoc_no() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/infodoc-no", "de", patients=120, providers=4, staff=1,
                   visits=240)
    rename(w, NO_FIRST, NO_LAST, NO_PLACES, NO_STREETS, no_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in NO_FEMALE else "male"
    nums = [str(30100 + 3 * i) for i in range(len(w.patients))]
    cols = {"Pasientnr": "patient.source_id",
            "Navn": "patient.last_name (Etternavn, Fornavn in one column)",
            "Fødselsnummer": "custom",
            "Fødselsdato": "patient.date_of_birth (a date cell)",
            "Kjønn": "patient.sex (K / M)", "Mobil": "patient.phone_mobile",
            "Telefon privat": "patient.phone_home", "E-post": "patient.email",
            "Adresse": "patient.address_line1", "Postnr": "patient.postal_code",
            "Poststed": "patient.city", "Fastlege": "patient.primary_provider_source_id "
                                                    "(by name)",
            "Reservasjon SMS": "patient.contact_preference (Ja: no SMS)",
            "Status": "patient.status (Aktiv / Passiv / Død / Utflyttet)",
            "Registrert": "patient.created_at (a datetime cell)"}
    names = [f"{p.last}, {p.first}" for p in w.providers]
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        rows.append([nums[i], f"{p.last}, {p.first}",
                     fodselsnummer(rng, p.dob, p.sex == "female"), p.dob,
                     "K" if p.sex == "female" else "M", p.mobile, p.home, p.email, p.line1,
                     p.postcode, p.city, rng.choice(names[:2]),
                     "Ja" if rng.random() < .1 else "Nei",
                     rng.choices(("Aktiv", "Passiv", "Død", "Utflyttet"), (85, 8, 2, 5))[0],
                     p.created.replace(second=0, microsecond=0)])
    twice = duplicate(rows, 33, 97, {0: "39999", 6: "", 14: datetime(2024, 11, 4, 13, 5)},
                      "the same patient registered again (same fødselsnummer and name; a new "
                      "patient number)")
    patients = Table(f"{BOOK}#Pasienter", "patient", cols, rows, {"patient": len(w.patients)},
                     duplicate_rows=[twice],
                     notes=["surname first with a comma in one Navn column"])
    ap_cols = {"Timenr": "appointment.source_id",
               "Tidspunkt": "appointment.starts_at (a datetime cell)",
               "Varighet (min)": "appointment.ends_at (minutes after the start)",
               "Pasientnr": "appointment.patient_source_id", "Pasient": "drop",
               "Behandler": "appointment.provider_source_id (by name, Etternavn, Fornavn)",
               "Timetype": "appointment.appointment_type (Reservert: blocked time, no "
                           "appointment)",
               "Status": "appointment.status", "Rom": "appointment.location",
               "Kommentar": "appointment.notes"}
    ap_rows: list[list[Any]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(700000 + k), v.start, v.minutes, nums[v.patient],
                        f"{p.last}, {p.first}", names[v.provider], rng.choice(KINDS),
                        rng.choice(STATUS[v.status]), rng.choice(("Kontor 1", "Kontor 2",
                                                                  "Treningssal")),
                        rng.choice(("", "", "", "Tolk (arabisk)", "Ønsker SMS", "Egenandel"))])
    for at in (20, 66, 130, 181):
        ap_rows.insert(at, [str(799000 + at), datetime(2024, 3, 1, 12) + timedelta(days=at),
                            60, "", "", names[at % 4], "Reservert", "", "Kontor 1",
                            "Lunsj / møte"])
    ap_rows.insert(150, [str(799999), datetime(2024, 8, 19, 9, 30), 20, "", "Slettet pasient",
                         names[1], "Konsultasjon", "Utført", "Kontor 2", ""])
    blocked_rows = [{"row": n + 1, "reason": "Reservert: blocked time in the book, no patient"}
                    for n, r in enumerate(ap_rows) if r[6] == "Reservert"]
    book = Table(f"{BOOK}#Timebok", "appointment", ap_cols, ap_rows,
                 {"appointment": len(w.visits)},
                 bad_rows=[*blocked_rows, {"row": 151, "reason": "an appointment of a deleted "
                                           "patient: no patient number"}],
                 notes=["Utført: completed; Avbestilt: cancelled; Ikke møtt: no-show"])
    rf_cols = {"Henvisningsnr": "referral.source_id",
               "Pasientnr": "referral.patient_source_id",
               "Mottatt": "referral.referred_at (a date cell)",
               "Henvisende": "referral.referrer_name", "HPR-nr": "custom",
               "Type": "referral.referral_type", "Problemstilling": "referral.notes"}
    rf_rows: list[list[Any]] = []
    for i in range(len(w.patients)):
        if rng.random() < .55:
            continue
        who, hpr = rng.choice(REFERRERS)
        rf_rows.append([f"H{5000 + len(rf_rows)}", nums[i],
                        date(2024, 1, 2) + timedelta(days=rng.randrange(400)), who, hpr,
                        rng.choice(("Fysioterapi", "Spesialist", "Røntgen", "Ergoterapi")),
                        rng.choice(("Langvarige nakkesmerter", "Kneskade etter fall",
                                    "Utredning av svimmelhet", "Skulder, nedsatt funksjon"))])
    rf_rows[12][2] = "uke 14"
    referrals = Table(f"{BOOK}#Henvisninger", "referral", rf_cols, rf_rows,
                      {"referral": len(rf_rows) - 1},
                      bad_rows=[{"row": 13, "reason": "the date received typed as a week "
                                 "(`uke 14`), no date"}],
                      notes=["HPR-nr: the Norwegian health personnel register number"])
    cv_cols = {"Pasientnr": "allergy_condition.patient_source_id",
               "CAVE": "allergy_condition.name",
               "Kategori": "allergy_condition.kind (Allergi / Kritisk legemiddel / Kritisk "
                           "tilstand)",
               "Registrert dato": "allergy_condition.recorded_at (a date cell)"}
    cv_rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        for name, cat in rng.sample(CAVE, rng.choice((0, 0, 0, 1, 1, 2))):
            cv_rows.append([nums[i], name, cat, p.created.date() + timedelta(
                days=rng.randrange(0, 300))])
    cave = Table(f"{BOOK}#CAVE", "allergy_condition", cv_cols, cv_rows,
                 {"allergy_condition": len(cv_rows)},
                 notes=["allergies and critical information without an id of their own"])
    st_cols = {"Etternavn": "provider.last_name", "Fornavn": "provider.first_name",
               "Stilling": "provider.role", "HPR-nummer": "provider.license_number",
               "E-post": "provider.email", "Mobil": "provider.phone",
               "Aktiv": "provider.active (Ja / Nei)"}
    jobs = ("Fastlege", "Fastlege", "Fysioterapeut", "Fysioterapeut", "Helsesekretær")
    st_rows = [[p.last, p.first, jobs[k], str(rng.randrange(1000000, 9999999)) if k < 4 else "",
                p.email, p.mobile, "Nei" if k == 3 else "Ja"]
               for k, p in enumerate(w.providers + w.staff)]
    staff = Table(f"{BOOK}#Ansatte", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  notes=["a medical secretary beside the clinicians"])
    meta = {"export": "infodoc-no", "vendor": "Infodoc Plenario", "country": "NO",
            "currency": "NOK", "date_order": "DMY", "language": "nb", "half": "holdout7"}
    return meta, [patients, book, referrals, cave, staff]
