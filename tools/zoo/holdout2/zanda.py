"""Zanda (formerly Power Diary), Ireland: the data export as one workbook with a sheet per
table; ids that restart at 1 on every sheet (and so collide); dates as real Excel cells, some
typed in as text; three Y/N flags that together make an appointment's status; a personal
calendar entry with no client; Eircodes and Irish health insurers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout2.common import IE_PLACES, full, ie_phone, relocate
from tools.zoo.world import NOTE_LINES, make_world
from tools.zoo.writers import Table

BOOK = "Zanda Data Export 2025-05-30.xlsx"
FUNDS = ("VHI Healthcare", "Laya Healthcare", "Irish Life Health", "Level Health")
GPS = ("Dr Seán Murphy", "Dr Orla Byrne", "Dr Cian Walsh", "Dr Máire Kennedy")


def _flags(status: str) -> list[str]:
    """Arrived / Did Not Arrive / Cancelled, as the calendar sets them."""
    return {"completed": ["Y", "N", "N"], "arrived": ["Y", "N", "N"], "booked": ["N", "N", "N"],
            "cancelled": ["N", "N", "Y"], "no_show": ["N", "Y", "N"]}[status]


def zanda_ie() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/zanda-ie", "uk", patients=76, providers=3, staff=1,
                   visits=185)
    relocate(w, IE_PLACES, ie_phone)
    rng = w.rng
    cols = {
        "ID": "patient.source_id", "Title": "custom", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Preferred Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth", "Gender": "patient.sex",
        "Email": "patient.email", "Mobile": "patient.phone_mobile",
        "Phone": "patient.phone_home", "Address Line 1": "patient.address_line1",
        "City/Town": "patient.city", "County": "patient.state", "Eircode": "patient.postal_code",
        "Country": "patient.country", "Health Insurance": "insurance.carrier_name",
        "Membership Number": "insurance.member_id", "Archived": "patient.status (archived "
                                                                "when Y)",
        "Client Since": "patient.created_at", "Marketing Opt-in": "custom",
    }
    rows: list[list[Any]] = []
    insured = 0
    for p in w.patients:
        fund = rng.random() < .62
        insured += fund
        dob = p.dob.strftime("%d/%m/%Y") if rng.random() < .12 else \
            datetime(p.dob.year, p.dob.month, p.dob.day)
        rows.append([
            len(rows) + 1, rng.choice(("Ms", "Mr", "Mrs", "", "Dr")), p.first, p.last,
            p.preferred, dob, {"female": "Female", "male": "Male", "other": "Other",
                               "unknown": ""}[p.sex], p.email, p.mobile, p.home,
            p.line1.replace("High Street", "Main Street"), p.city, p.state, p.postcode,
            "Ireland", rng.choice(FUNDS) if fund else "",
            f"{rng.randrange(10**7, 10**8)}" if fund else "", rng.choice(("N", "N", "N", "Y")),
            p.created, rng.choice(("Y", "N"))])
    clients = Table(f"{BOOK}#Clients", "patient", cols, rows,
                    {"patient": len(rows), "insurance": insured},
                    notes=["dates of birth are date cells, a few typed in as dd/mm/yyyy text",
                           "one row, two records: the client and their health insurance"])
    pr_cols = {"ID": "provider.source_id", "Calendar Name": "drop",
               "First Name": "provider.first_name", "Last Name": "provider.last_name",
               "Email": "provider.email", "Profession": "provider.specialty",
               "CORU Registration": "provider.license_number", "Mobile": "provider.phone"}
    cal = [f"{p.first} - {rng.choice(('Physio', 'OT', 'SLT'))}" for p in w.providers]
    pr_rows = [[i + 1, cal[i], p.first, p.last, f"{p.first.lower()}@clinic.example.ie",
                cal[i].split(" - ")[1].replace("Physio", "Physiotherapist"),
                f"PH{rng.randrange(100000, 999999)}", p.mobile]
               for i, p in enumerate(w.providers)]
    providers = Table(f"{BOOK}#Practitioners", "provider", pr_cols, pr_rows,
                      {"provider": len(pr_rows)}, notes=["ids restart at 1 on this sheet"])
    ap_cols = {"ID": "appointment.source_id", "Client ID": "appointment.patient_source_id",
               "Client": "drop", "Calendar": "appointment.provider_source_id (by calendar "
                                             "name)",
               "Date": "appointment.starts_at (date part)",
               "Start Time": "appointment.starts_at (time part)",
               "End Time": "appointment.ends_at (time part, date from Date)",
               "Service": "appointment.appointment_type", "Location": "appointment.location",
               "Arrived": "appointment.status (with Did Not Arrive and Cancelled)",
               "Did Not Arrive": "appointment.status (with Arrived and Cancelled)",
               "Cancelled": "appointment.status (with Arrived and Did Not Arrive)",
               "Appointment Notes": "appointment.notes"}
    ap_rows: list[list[Any]] = []
    bad: list[dict[str, Any]] = []
    for k, v in enumerate(w.visits):
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([len(ap_rows) + 1, v.patient + 1, full(w.patients[v.patient]),
                        cal[v.provider], datetime(v.start.year, v.start.month, v.start.day),
                        fmt.time24(v.start), fmt.time24(end),
                        rng.choice(("Initial Assessment", "Treatment", "Review")),
                        rng.choice(("Dublin 2", "Online")), *_flags(v.status), v.note])
        if k % 45 == 20:
            ap_rows.append([len(ap_rows) + 1, None, None, cal[v.provider],
                            datetime(v.start.year, v.start.month, v.start.day), "13:00",
                            "14:00", "Personal - Lunch", "Dublin 2", "N", "N", "N", ""])
            bad.append({"row": len(ap_rows), "reason": "personal calendar entry: no client, "
                        "not an appointment"})
    appointments = Table(f"{BOOK}#Appointments", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["ids restart at 1 on this sheet: appointment 3 is not client 3",
                                "status from three Y/N flags: Arrived, Did Not Arrive, "
                                "Cancelled (all N: booked)"])
    rf_cols = {"ID": "referral.source_id", "Client ID": "referral.patient_source_id",
               "Referrer": "referral.referrer_name", "Referral Type": "referral.referral_type",
               "Referral Date": "referral.referred_at", "Notes": "referral.notes"}
    rf_rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .4:
            kind = rng.choice(("GP", "GP", "Consultant", "Self-referral"))
            rf_rows.append([len(rf_rows) + 1, i + 1, rng.choice(GPS) if kind != "Self-referral"
                            else "", kind, p.created - timedelta(days=rng.randrange(2, 20)),
                            rng.choice(("", "Letter scanned to file", "Urgent"))])
    referrals = Table(f"{BOOK}#Referrers", "referral", rf_cols, rf_rows,
                      {"referral": len(rf_rows)}, notes=["GPs referred to by name"])
    nt_cols = {"ID": "clinical_note.source_id", "Client ID": "clinical_note.patient_source_id",
               "Author": "clinical_note.author_source_id (by name)",
               "Created": "clinical_note.created_at", "Template": "clinical_note.title",
               "Note": "clinical_note.body"}
    nt_rows: list[list[Any]] = []
    nt_bad: list[dict[str, Any]] = []
    for v in w.visits[:90]:
        if v.status != "completed":
            continue
        pr = w.providers[v.provider]
        nt_rows.append([len(nt_rows) + 1, v.patient + 1, full(pr),
                        v.start + timedelta(minutes=v.minutes),
                        rng.choice(("SOAP Note", "Initial Assessment")),
                        "\n".join(rng.sample(NOTE_LINES, 2))])
    nt_rows.insert(7, [len(nt_rows) + 1, len(w.patients) + 9, full(w.providers[0]),
                       datetime(2024, 3, 4, 11, 0), "SOAP Note", NOTE_LINES[0]])
    nt_bad.append({"row": 8, "reason": "orphan: the client was deleted (Client ID not on the "
                   "Clients sheet)"})
    notes = Table(f"{BOOK}#Client Notes", "clinical_note", nt_cols, nt_rows,
                  {"clinical_note": len(nt_rows) - 1}, bad_rows=nt_bad,
                  notes=["note text with line breaks inside the cell"])
    meta = {"export": "zanda-ie", "vendor": "Zanda (Power Diary)", "country": "IE",
            "currency": "EUR", "date_order": "DMY", "half": "holdout2"}
    return meta, [clients, providers, appointments, referrals, notes]
