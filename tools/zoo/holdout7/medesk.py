"""Medesk (United Kingdom, private GP and dermatology clinic in Manchester, English): reports
saved as CSV in Windows-1252 with the pound sign. Patients with the title and full name in one
column (`Mrs Sarah Jones`), the NHS number with a valid check digit, dates `DD/MM/YYYY`, UK
mobiles `07700 900123` and Manchester landlines `0161 496 0123`, postcodes `M20 2LN`. Visits
with the date and time in one cell (`08/01/2024 09:30`) and the status in words. Invoices in
pounds (`£1,234.50`) with the paid and due amounts. The communications log: SMS and e-mail
reminders and replies, in and out. Referrals from GPs and insurers. Dirty: a patient created
twice, a visit dated `00/00/0000`, a communication without a patient, a blank line."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

WIN = Layout(encoding="cp1252")
STATUS = {"completed": ("Completed",), "arrived": ("Patient arrived",), "booked": ("Planned",
                                                                                  "Confirmed"),
          "cancelled": ("Cancelled by patient", "Cancelled by clinic"),
          "no_show": ("Did not attend",)}
SERVICES = ("GP consultation 15 min", "GP consultation 30 min", "Dermatology new patient",
            "Dermatology follow-up", "Mole check", "Blood test")


def nhs_number(rng: random.Random) -> str:
    """Ten digits `485 777 3456`: the tenth is the modulus-11 check over the first nine."""
    while True:
        body = f"{rng.randrange(400, 499)}{rng.randrange(0, 999999):06d}"
        check = 11 - sum(int(c) * (10 - k) for k, c in enumerate(body)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            num = body + str(check)
            return f"{num[:3]} {num[3:6]} {num[6:]}"


def medesk_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/medesk-uk", "uk", patients=126, providers=4, staff=2,
                   visits=230)
    rng = w.rng
    for p in [*w.patients, *w.providers, *w.staff]:
        p.city, p.state = rng.choice((("Manchester", "Greater Manchester"),
                                      ("Stockport", "Greater Manchester"),
                                      ("Salford", "Greater Manchester")))
        p.postcode = f"M{rng.randrange(1, 34)} {rng.randrange(1, 9)}" \
                     f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        p.mobile = f"07{rng.randrange(100, 999)} {rng.randrange(100000, 999999)}"
        if p.home:
            p.home = f"0161 {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"
    ids = [str(rng.randrange(10**6, 10**7)) for _ in w.patients]
    titles = {"female": ("Mrs", "Ms", "Miss", "Dr"), "male": ("Mr", "Mr", "Dr")}
    cols = {"Patient ID": "patient.source_id",
            "Patient": "patient.last_name (Title First Last in one column)",
            "NHS number": "custom", "Date of birth": "patient.date_of_birth (DD/MM/YYYY)",
            "Gender": "patient.sex (Female / Male / Not specified)",
            "Mobile phone": "patient.phone_mobile", "Home phone": "patient.phone_home",
            "Email": "patient.email", "Address": "patient.address_line1",
            "Town": "patient.city", "Postcode": "patient.postal_code",
            "Insurance company": "insurance.carrier_name",
            "Policy number": "insurance.member_id",
            "Consent to SMS": "patient.contact_preference (Yes: sms)",
            "Archived": "patient.status (Yes: archived; No: active)",
            "Registration date": "patient.created_at (DD/MM/YYYY HH:MM)"}
    rows: list[list[str]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        ins = rng.random() < .4
        insured += ins
        title = rng.choice(titles.get(p.sex, ("Mx",)))
        rows.append([ids[i], f"{title} {p.first} {p.last}", nhs_number(rng), fmt.dmy(p.dob),
                     {"female": "Female", "male": "Male"}.get(p.sex, "Not specified"),
                     p.mobile, p.home, p.email, p.line1, p.city, p.postcode,
                     rng.choice(("Bupa", "AXA Health", "Vitality", "Aviva")) if ins else "",
                     f"{rng.randrange(10**7, 10**8)}" if ins else "",
                     rng.choice(("Yes", "Yes", "No")), "Yes" if rng.random() < .07 else "No",
                     f"{fmt.dmy(p.created.date())} {p.created:%H:%M}"])
    twice = duplicate(rows, 9, 64, {0: "9999999", 5: "", 15: "12/11/2024 16:40"},
                      "the same patient created again by reception (same name, date of birth "
                      "and NHS number; a new patient id)")
    rows.insert(110, [])
    patients = Table("patients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": 111, "reason": "a blank line"}], duplicate_rows=[twice],
                     layout=WIN, notes=["the title stays in the name cell"])
    names = [f"Dr {p.first} {p.last}" for p in w.providers]
    vi_cols = {"Visit ID": "appointment.source_id",
               "Date and time": "appointment.starts_at (DD/MM/YYYY HH:MM in one cell)",
               "Duration, min": "appointment.ends_at (minutes after the start)",
               "Patient ID": "appointment.patient_source_id", "Patient": "drop",
               "Doctor": "appointment.provider_source_id (by name)",
               "Service": "appointment.appointment_type", "Status": "appointment.status",
               "Room": "appointment.location", "Price": "custom",
               "Comment": "appointment.notes"}
    vi_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        vi_rows.append([str(610000 + k), f"{fmt.dmy(v.start.date())} {v.start:%H:%M}",
                        str(v.minutes), ids[v.patient], f"{p.first} {p.last}",
                        names[v.provider], rng.choice(SERVICES), rng.choice(STATUS[v.status]),
                        rng.choice(("Consulting room 1", "Consulting room 2", "Treatment room")),
                        fmt.money(Decimal(rng.choice((95, 150, 195, 250))), "£"),
                        rng.choice(("", "", "", "Self-pay", "Bupa pre-auth", "Video call"))])
    vi_rows[132][1] = "00/00/0000 00:00"
    visits = Table("visits.csv", "appointment", vi_cols, vi_rows,
                   {"appointment": len(w.visits) - 1},
                   bad_rows=[{"row": 133, "reason": "a visit dated 00/00/0000"}], layout=WIN)
    in_cols = {"Invoice number": "billing.source_id", "Date": "custom",
               "Patient ID": "billing.patient_source_id", "Payer": "custom",
               "Amount": "drop", "Paid": "billing.last_payment_amount (£1,234.50)",
               "Due": "billing.outstanding_balance (£1,234.50)",
               "Status": "billing.billing_status (Paid / Partially paid / Not paid)"}
    in_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        tot = Decimal(rng.choice((95, 150, 245, 390, 1250)))
        paid = tot if rng.random() < .7 else Decimal(rng.choice((0, 0, 50)))
        in_rows.append([f"MD-{24000 + len(in_rows)}",
                        fmt.dmy((p.created + timedelta(days=rng.randrange(3, 600))).date()),
                        ids[i], rng.choice(("Patient", "Patient", "Bupa", "AXA Health")),
                        fmt.money(tot, "£"), fmt.money(paid, "£"), fmt.money(tot - paid, "£"),
                        "Paid" if paid == tot else "Partially paid" if paid else "Not paid"])
    invoices = Table("invoices.csv", "billing", in_cols, in_rows, {"billing": len(in_rows)},
                     layout=WIN, notes=["pounds in Windows-1252 (the £ is one byte)"])
    co_cols = {"Date": "communication.occurred_at (DD/MM/YYYY HH:MM)",
               "Patient ID": "communication.patient_source_id",
               "Channel": "communication.channel (SMS / Email)",
               "Direction": "communication.direction (Outgoing / Incoming)",
               "Subject": "communication.subject", "Message": "communication.body",
               "Sent by": "communication.staff_source_id (by name; System for automatic)"}
    co_rows: list[list[str]] = []
    staff_names = [f"{p.first} {p.last}" for p in w.staff]
    for v in w.visits:
        if rng.random() < .45:
            continue
        at = v.start - timedelta(days=1, hours=rng.randrange(0, 6))
        chan = rng.choice(("SMS", "SMS", "Email"))
        co_rows.append([f"{fmt.dmy(at.date())} {at:%H:%M}", ids[v.patient], chan, "Outgoing",
                        "Appointment reminder" if chan == "Email" else "",
                        f"Reminder: your appointment is on {fmt.dmy(v.start.date())} at "
                        f"{v.start:%H:%M}. Reply C to confirm.", "System"])
        if rng.random() < .3:
            back = at + timedelta(minutes=rng.randrange(5, 300))
            co_rows.append([f"{fmt.dmy(back.date())} {back:%H:%M}", ids[v.patient], chan,
                            "Incoming", "", rng.choice(("C", "Confirmed thanks",
                                                        "Can I move this to later?")),
                            rng.choice(staff_names)])
    co_rows.insert(75, ["14/05/2024 10:02", "", "SMS", "Incoming", "", "STOP", "System"])
    comms = Table("communications.csv", "communication", co_cols, co_rows,
                  {"communication": len(co_rows) - 1},
                  bad_rows=[{"row": 76, "reason": "a reply from a number matching no patient"}],
                  layout=WIN, notes=["no id of their own"])
    rf_cols = {"Referral date": "referral.referred_at (DD/MM/YYYY)",
               "Patient ID": "referral.patient_source_id",
               "Referred by": "referral.referrer_name",
               "Referrer email": "referral.referrer_email",
               "Source": "referral.referral_type (GP / Insurer / Self / Consultant)",
               "Reason": "referral.notes"}
    rf_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .6:
            continue
        src = rng.choice(("GP", "GP", "Insurer", "Self", "Consultant"))
        who = {"GP": "Dr A. Khan, Didsbury Medical Practice", "Insurer": "Bupa",
               "Self": "", "Consultant": "Mr R. Shah, The Alexandra Hospital"}[src]
        rf_rows.append([fmt.dmy(p.created.date() + timedelta(days=rng.randrange(0, 90))), ids[i],
                        who, "referrals@didsburymp.example.nhs.uk" if src == "GP" else "", src,
                        rng.choice(("Changing mole", "Eczema flare", "Acne", "Annual check"))])
    referrals = Table("referrals.csv", "referral", rf_cols, rf_rows, {"referral": len(rf_rows)},
                      layout=WIN)
    meta = {"export": "medesk-uk", "vendor": "Medesk", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "holdout7"}
    return meta, [patients, visits, invoices, comms, referrals]
