"""Gensolve Practice Manager (New Zealand): files from its Report Viewer rather than a data
export. Title lines with the practice and who ran it, the header again after each page, a
totals line; client names as `SURNAME, First`; two-digit birth years; date, time and length in
three columns; health alerts as several values in one cell (with words meaning "none"); ACC
claims as insurance, one claim printed twice across a page break."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tools.zoo.holdout2.common import NZ_PLACES, last_first, nz_phone, relocate
from tools.zoo.world import ALLERGIES, make_world
from tools.zoo.writers import Layout, Table

PRACTICE = "Harbourside Physiotherapy Ltd"
RUN = ["Printed 30/05/25 4:12 p.m. by reception"]
STATUS = {"completed": "Attended", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled", "no_show": "DNA"}
NONE_WORDS = ("Nil known", "NKA", "None")


def _ampm(t: datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


def gensolve_nz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/gensolve-nz", "au", patients=82, providers=3, staff=1,
                   visits=200)
    relocate(w, NZ_PLACES, nz_phone)
    rng = w.rng
    nums = [f"C{1000 + 7 * i:06d}" for i in range(len(w.patients))]
    provs = [f"{p.first} {p.last} ({rng.choice(('Physiotherapist', 'Hand Therapist'))})"
             for p in w.providers]
    cols = {
        "Client No.": "patient.source_id",
        "Client Name": "patient.last_name (SURNAME, First: last and first name in one column)",
        "DOB": "patient.date_of_birth", "Sex": "patient.sex", "NHI": "custom",
        "Mobile": "patient.phone_mobile", "Home Ph": "patient.phone_home",
        "Email": "patient.email", "Street": "patient.address_line1",
        "Suburb": "patient.address_line2", "City": "patient.city",
        "Postcode": "patient.postal_code",
        "Usual Provider": "patient.primary_provider_source_id (by name)",
        "Health Alerts": "allergy_condition.name (several in one cell, ';'-separated; "
                         "'Nil known', 'NKA', 'None' mean none)",
        "Created": "patient.created_at",
    }
    rows, alerts = [], 0
    for i, p in enumerate(w.patients):
        picked = rng.sample(ALLERGIES, rng.choice((0, 0, 0, 1, 1, 2)))
        alerts += len(picked)
        cell = "; ".join(picked) if picked else rng.choice(NONE_WORDS + ("",))
        rows.append([nums[i], last_first(p), p.dob.strftime("%d/%m/%y"),
                     {"female": "F", "male": "M"}.get(p.sex, "U"),
                     f"{''.join(rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(3))}"
                     f"{rng.randrange(1000, 9999)}", p.mobile, p.home, p.email, p.line1,
                     p.city, p.state, p.postcode, provs[i % 3], cell,
                     p.created.strftime("%d/%m/%Y")])
    layout = Layout(title=[["Client List"], [PRACTICE], RUN, []], footer=[
        [], [f"Total clients: {len(rows)}"]], repeat_header_every=30)
    clients = Table("Client List.csv", "patient", cols, rows,
                    {"patient": len(rows), "allergy_condition": alerts}, layout=layout,
                    notes=["Report Viewer export: title lines, the header again after each "
                           "page, a total line", "two-digit birth years (dd/mm/yy): a date of "
                           "birth is never in the future", "Health Alerts: one allergy "
                           "record per value"])
    ap_cols = {"Date": "appointment.starts_at (date part)",
               "Time": "appointment.starts_at (time part)",
               "Length": "appointment.ends_at (start plus duration, h:mm)",
               "Appt ID": "appointment.source_id",
               "Client No.": "appointment.patient_source_id", "Client": "drop",
               "Provider": "appointment.provider_source_id (by name)",
               "Type": "appointment.appointment_type", "Status": "appointment.status",
               "Location": "appointment.location", "Invoiced": "custom"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([v.start.strftime("%d/%m/%y"), _ampm(v.start),
                        f"{v.minutes // 60}:{v.minutes % 60:02d}", str(88000 + k),
                        nums[v.patient], last_first(p), provs[v.provider],
                        rng.choice(("ACC Initial", "ACC Follow Up", "Private Standard")),
                        STATUS[v.status], rng.choice(("Ponsonby", "Te Aro")),
                        "Y" if v.status == "completed" else "N"])
        if k % 50 == 11:
            ap_rows.append([v.start.strftime("%d/%m/%y"), "12:30pm", "0:45", str(99000 + k),
                             "", "", provs[v.provider], "Staff Meeting", "Booked", "Ponsonby",
                             "N"])
            bad.append({"row": len(ap_rows), "reason": "a block in the provider's book "
                        "(staff meeting): no client, not an appointment"})
    dna = sum(v.status == "no_show" for v in w.visits)
    ap_layout = Layout(encoding="cp1252", title=[
        ["Appointment Listing"], [PRACTICE], ["From 08/01/24 To 03/03/25"], RUN, []],
        footer=[[], [f"Appointments: {len(ap_rows)}", f"DNA: {dna}"]], repeat_header_every=40)
    appointments = Table("Appointment Listing.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         layout=ap_layout, notes=["Windows-1252", "date, time (9:30am) and "
                                                  "length (h:mm) in three columns",
                                                  "DNA: did not attend (no-show)"])
    cl_cols = {"Claim Ref": "insurance.source_id", "Client No.": "insurance.patient_source_id",
               "Funder": "insurance.carrier_name", "ACC Claim No.": "insurance.member_id",
               "Date of Injury": "insurance.effective_from",
               "Claim Status": "custom", "Approved Treatments": "custom",
               "Read Code": "custom"}
    cl_rows: list[list[str]] = []
    dup: list[dict[str, Any]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            injured = p.created.date() - timedelta(days=rng.randrange(3, 40))
            cl_rows.append([f"CL{5000 + i}", nums[i], "ACC",
                            f"{rng.choice('ABCDEFGHK')}{rng.choice('ABCDEFGHK')}"
                            f"{rng.randrange(10000, 99999)}", injured.strftime("%d/%m/%Y"),
                            rng.choice(("Accepted", "Accepted", "Pending", "Declined")),
                            str(rng.choice((6, 8, 12, 16))),
                            rng.choice(("S572.", "S53..", "S83..", "N143."))])
        if len(cl_rows) == 20 and not dup:
            cl_rows.append(list(cl_rows[-1]))
            dup.append({"row": 21, "of_row": 20, "reason": "the same claim printed again "
                        "after a page break"})
    claims = Table("ACC Claims.txt", "insurance", cl_cols, cl_rows,
                   {"insurance": len(cl_rows) - 1}, duplicate_rows=dup,
                   layout=Layout(delimiter="\t", title=[["ACC Claims Report"], [PRACTICE], []]),
                   notes=["tab-separated .txt", "ACC (New Zealand's accident insurer) as the "
                          "funder of each claim"])
    pv_cols = {"Provider": "provider.last_name (full name with profession in one column)",
               "Code": "provider.source_id", "HPI CPN": "provider.license_number",
               "Email": "provider.email", "Active": "provider.active"}
    pv_rows = [[provs[i], f"{p.first[0]}{p.last[:3]}".upper(), f"{rng.randrange(10, 99)}"
                f"{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}{rng.randrange(10, 99)}",
                f"{p.first.lower()}@harbourside.example.nz", "Yes"]
               for i, p in enumerate(w.providers)]
    providers = Table("Providers.csv", "provider", pv_cols, pv_rows, {"provider": 3},
                      notes=["appointments and clients name the provider, not the code"])
    meta = {"export": "gensolve-nz", "vendor": "Gensolve Practice Manager", "country": "NZ",
            "currency": "NZD", "date_order": "DMY", "half": "holdout2"}
    return meta, [clients, appointments, claims, providers]
