"""WriteUpp (United Kingdom): CSV downloads from its reports. Prefixed patient ids; the diary
as one table over two files (one per site), with an appointment moved between sites listed in
both; medical alerts as several values in one cell separated by `|`; a date of death making the
status; clinicians named with their title and post-nominals; notes with HTML and line breaks;
LF line ends, UTF-8 without BOM."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tools.zoo.holdout2.common import full
from tools.zoo.world import ALLERGIES, CONDITIONS, NOTE_LINES, make_world
from tools.zoo.writers import Layout, Table

LF = Layout(newline="\n")
STATUS = {"completed": "Attended", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled by Patient", "no_show": "DNA"}
SITES = ("Leeds", "York")


def _dt(t: datetime) -> str:
    return t.strftime("%d/%m/%Y %H:%M")


def writeupp_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/writeupp-uk", "uk", patients=80, providers=3, staff=1,
                   visits=210)
    rng = w.rng
    ids = [f"WU{20417 + 3 * i}" for i in range(len(w.patients))]
    clin = [f"{rng.choice(('Dr', 'Mr', 'Ms'))} {p.first} {p.last} {rng.choice(('MCSP', 'HCPC'))}"
            for p in w.providers]
    cols = {
        "Patient ID": "patient.source_id", "Title": "custom", "First Name": "patient.first_name",
        "Surname": "patient.last_name", "Known As": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth", "Gender": "patient.sex",
        "Address 1": "patient.address_line1", "Address 2": "patient.address_line2",
        "Town": "patient.city", "County": "patient.state", "Postcode": "patient.postal_code",
        "Mobile": "patient.phone_mobile", "Home Tel": "patient.phone_home",
        "Work Tel": "patient.phone_work", "Email": "patient.email", "NHS Number": "custom",
        "Medical Alerts": "allergy_condition.name (several in one cell, '|'-separated; "
                          "'None known' means none)",
        "Episode Status": "custom", "Date of Death": "patient.status (deceased when set)",
        "Registered": "patient.created_at", "Contact Preference": "patient.contact_preference",
    }
    rows: list[list[Any]] = []
    alerts = 0
    for p in w.patients:
        picked = rng.sample(ALLERGIES[:4] + CONDITIONS[:4], rng.choice((0, 0, 1, 1, 2)))
        alerts += len(picked)
        dead = rng.random() < .03
        rows.append([
            ids[len(rows)], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Mx", "")), p.first, p.last,
            p.preferred, p.dob.strftime("%d/%m/%Y"), {"female": "Female", "male": "Male",
                                                       "other": "Non-binary"}.get(p.sex, ""),
            p.line1, rng.choice(("", "", "Flat 2", "Headingley")), p.city,
            rng.choice(("West Yorkshire", "North Yorkshire", "")), p.postcode, p.mobile, p.home,
            p.work, p.email, f"{rng.randrange(400, 499)} {rng.randrange(100, 999)} "
            f"{rng.randrange(1000, 9999)}" if rng.random() < .7 else "",
            " | ".join(picked) if picked else rng.choice(("None known", "")),
            rng.choice(("Open Episode", "Closed Episode", "No Episodes")),
            "14/02/2025" if dead else "", _dt(p.created),
            rng.choice(("SMS", "Email", "SMS, Email", ""))])
    patients = Table("Patients.csv", "patient", cols, rows,
                     {"patient": len(rows), "allergy_condition": alerts}, layout=LF,
                     notes=["Medical Alerts: one allergy/condition record per value"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Patient ID": "appointment.patient_source_id", "Patient": "drop",
               "Clinician": "appointment.provider_source_id (by name with title and "
                            "post-nominals)",
               "Start": "appointment.starts_at", "End": "appointment.ends_at",
               "Appointment Type": "appointment.appointment_type",
               "Location": "appointment.location", "Status": "appointment.status",
               "Invoice Status": "custom", "Comments": "appointment.notes"}
    per_site: dict[str, list[list[str]]] = {s: [] for s in SITES}
    bad: dict[str, list[dict]] = {s: [] for s in SITES}
    dup: dict[str, list[dict]] = {s: [] for s in SITES}
    moved = None
    for k, v in enumerate(w.visits):
        site = SITES[0] if v.provider != 2 else SITES[1]
        p = w.patients[v.patient]
        row = [str(600120 + k), ids[v.patient], f"{p.last}, {p.first}", clin[v.provider],
               _dt(v.start), _dt(v.start + timedelta(minutes=v.minutes)),
               rng.choice(("Initial Assessment", "Follow Up", "Sports Massage")),
               f"{site} Clinic", STATUS[v.status],
               "Paid" if v.status == "completed" else "Not Invoiced", v.note]
        per_site[site].append(row)
        if moved is None and k >= 57 and site == SITES[0]:
            moved = (len(per_site[site]), row)
        if k % 70 == 33:
            per_site[site].append([str(700000 + k), "WU99001", "Deleted, Patient",
                                   clin[v.provider], _dt(v.start + timedelta(hours=1)),
                                   _dt(v.start + timedelta(hours=1, minutes=30)), "Follow Up",
                                   f"{site} Clinic", "Attended", "Paid", ""])
            bad[site].append({"row": len(per_site[site]), "reason": "orphan: patient not in "
                              "Patients.csv (deleted)"})
    if moved is None:
        raise RuntimeError("the moved appointment was not drawn")
    york = per_site[SITES[1]]
    copy = list(moved[1])
    copy[7] = "York Clinic"
    york.insert(10, copy)
    for entry in bad[SITES[1]]:
        entry["row"] += 1 if entry["row"] > 10 else 0
    dup[SITES[1]].append({"row": 11, "of_row": moved[0], "reason": "the same Appointment ID as "
                          f"row {moved[0]} of the Leeds file: moved between sites, listed in "
                          "both"})
    diaries = [Table(f"Diary export - {s}.csv", "appointment", ap_cols, per_site[s],
                     {"appointment": len(per_site[s]) - len(bad[s]) - len(dup[s])},
                     bad_rows=bad[s], duplicate_rows=dup[s], layout=LF,
                     notes=["one table over two files: the diary per site"])
               for s in SITES]
    nt_cols = {"Note ID": "clinical_note.source_id", "Patient ID":
               "clinical_note.patient_source_id",
               "Appointment ID": "clinical_note.appointment_source_id",
               "Author": "clinical_note.author_source_id (by name)",
               "Note Date": "clinical_note.created_at", "Note Type": "clinical_note.title",
               "Note": "clinical_note.body (HTML with entities, line breaks in the cell)"}
    nt_rows = []
    for k, v in enumerate(w.visits[:120]):
        if v.status != "completed":
            continue
        a, b = rng.sample(NOTE_LINES, 2)
        body = f"<p><strong>S:</strong> {a}</p>\n<p><strong>O/A/P:</strong> {b} " \
               f"&amp; review in 2/52</p>" if k % 3 else f"S: {a}\r\nP: {b}"
        nt_rows.append([str(9100 + k), ids[v.patient], str(600120 + k), full(w.providers[
            v.provider]), _dt(v.start + timedelta(minutes=v.minutes)),
            rng.choice(("SOAP Note", "Treatment Note")), body])
    notes = Table("Clinical Notes.csv", "clinical_note", nt_cols, nt_rows,
                  {"clinical_note": len(nt_rows)}, layout=LF)
    us_cols = {"User": "provider.last_name (full name in one column)", "Email": "provider.email",
               "Role": "provider.role", "Profession": "provider.specialty",
               "HCPC Registration": "provider.license_number"}
    people = w.providers + w.staff
    us_rows = [[full(p), f"{p.first.lower()}@physio.example.co.uk",
                "Clinician" if i < 3 else "Administrator",
                "Physiotherapist" if i < 3 else "", f"PH{rng.randrange(10000, 99999)}"
                if i < 3 else ""] for i, p in enumerate(people)]
    users = Table("Users.csv", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  layout=LF, notes=["the diary names clinicians with title and post-nominals"])
    meta = {"export": "writeupp-uk", "vendor": "WriteUpp", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "holdout2"}
    return meta, [patients, *diaries, notes, users]
