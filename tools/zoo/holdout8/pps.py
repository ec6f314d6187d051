"""PPS, Private Practice Software by Rushcliff (United Kingdom, physiotherapy and sports injury
clinic in Nottingham, English): one XLSX workbook with a sheet per table, as a support team
hands it over from the PPS database: Clients (PPS calls patients clients), Diary (the
appointments), Third Parties (insurers, solicitors and employers billed for a client's care)
and Enquiries (callers not yet booked). Title, Forename and Surname apart; real date cells for
dates of birth and the diary day with the start and end as `HH:MM` text; the charge as a number
cell; the client's third party by its id; UK phones and postcodes (`NG7 2RD`); booleans as
`True`/`False`. Dirty: a client added twice, a `DO NOT USE` client, a diary row blocked for
staff training, an enquiry taken twice."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from tools.zoo.holdout5.common import duplicate
from tools.zoo.world import make_world
from tools.zoo.writers import Table

BOOK = "PPS Export.xlsx"
STATUS = {"completed": ("Attended",), "arrived": ("Arrived",), "booked": ("Booked",),
          "cancelled": ("Cancelled", "Late Cancellation"), "no_show": ("DNA",)}
TYPES = ("Initial Assessment", "Follow Up", "Sports Massage", "Acupuncture",
         "Shockwave Therapy", "Telephone Review")
THIRD = (("Bupa", "Insurer"), ("AXA Health", "Insurer"), ("Vitality", "Insurer"),
         ("Irwin Mitchell LLP", "Solicitor"), ("Slater and Gordon", "Solicitor"),
         ("Boots UK Ltd", "Employer"), ("Nottingham City Council OH", "Employer"),
         ("HCML", "Case Manager"), ("Proclaim Care", "Case Manager"))


def pps_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/pps-uk", "uk", patients=128, providers=4, staff=1, leads=36,
                   visits=240)
    rng = w.rng
    for p in [*w.patients, *w.providers, *w.staff, *w.leads]:
        p.city, p.state = rng.choice((("Nottingham", "Nottinghamshire"),
                                      ("Beeston", "Nottinghamshire"),
                                      ("West Bridgford", "Nottinghamshire"),
                                      ("Long Eaton", "Derbyshire")))
        p.postcode = f"NG{rng.randrange(1, 16)} {rng.randrange(1, 9)}" \
                     f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        if p.home:
            p.home = f"0115 {rng.randrange(900, 999)} {rng.randrange(1000, 9999)}"
    tp_ids = [str(3 + k) for k in range(len(THIRD))]
    tp_cols = {"TP ID": "company.source_id", "Name": "company.name",
               "Type": "company.industry", "Address 1": "company.address_line1",
               "Town": "company.city", "Postcode": "company.postal_code",
               "Telephone": "company.phone", "Email": "company.email",
               "Account Ref": "custom"}
    tp_rows: list[list[object]] = []
    for k, (name, kind) in enumerate(THIRD):
        slug = "".join(c for c in name.lower() if c.isalnum())[:12]
        tp_rows.append([tp_ids[k], name, kind, f"{rng.randrange(1, 200)} "
                        f"{rng.choice(('Castle Boulevard', 'Maid Marian Way', 'Park Row'))}",
                        "Nottingham" if kind != "Insurer" else rng.choice(("London", "Leeds")),
                        f"NG1 {rng.randrange(1, 9)}AB" if kind != "Insurer" else "EC2N 4AY",
                        f"0{rng.choice(('115', '20', '113'))} {rng.randrange(200, 999)} "
                        f"{rng.randrange(1000, 9999)}", f"accounts@{slug}.example.co.uk",
                        f"{kind[:2].upper()}{rng.randrange(100, 999)}"])
    third = Table(f"{BOOK}#Third Parties", "company", tp_cols, tp_rows,
                  {"company": len(tp_rows)},
                  notes=["third parties: insurers, solicitors, employers and case managers "
                         "billed for a client's treatment"])
    ids = [str(1200 + i) for i in range(len(w.patients))]
    cols = {"Client ID": "patient.source_id", "Title": "drop", "Forename": "patient.first_name",
            "Surname": "patient.last_name", "Known As": "patient.preferred_name",
            "Date of Birth": "patient.date_of_birth (a date cell)",
            "Gender": "patient.sex (Female / Male / Unknown)",
            "Address 1": "patient.address_line1", "Town": "patient.city",
            "County": "patient.state", "Postcode": "patient.postal_code",
            "Home Tel": "patient.phone_home", "Mobile": "patient.phone_mobile",
            "Work Tel": "patient.phone_work", "Email": "patient.email",
            "Third Party ID": "patient.company_source_id", "GP Name": "custom",
            "Date Added": "patient.created_at (a date cell)",
            "Inactive": "patient.status (True: inactive; False: active)"}
    rows: list[list[object]] = []
    tps = [rng.choice(tp_ids) if rng.random() < .35 else "" for _ in w.patients]
    for i, p in enumerate(w.patients):
        tp = tps[i]
        rows.append([ids[i], rng.choice({"female": ("Mrs", "Ms", "Miss"),
                                         "male": ("Mr",)}.get(p.sex, ("Mx", ""))),
                     p.first, p.last, p.preferred,
                     datetime(p.dob.year, p.dob.month, p.dob.day),
                     {"female": "Female", "male": "Male"}.get(p.sex, "Unknown"), p.line1,
                     p.city, p.state, p.postcode, p.home, p.mobile, p.work, p.email, tp,
                     rng.choice(("", "Dr Patel, Lenton Surgery", "Dr Hughes, Beeston Health "
                                 "Centre", "")),
                     p.created.replace(second=0), rng.random() < .08])
    twice = duplicate(rows, 4, 70, {0: "1999", 12: "", 17: datetime(2024, 8, 19, 9, 5)},
                      "the same client added again (same name, date of birth and e-mail; a new "
                      "client id)")
    rows.insert(118, ["1198", "", "", "DO NOT USE", "", None, "Unknown", "", "", "", "", "", "",
                      "", "", "", "", datetime(2016, 2, 1, 9, 0), True])
    clients = Table(f"{BOOK}#Clients", "patient", cols, rows, {"patient": len(w.patients)},
                    bad_rows=[{"row": 119, "reason": "a placeholder client (DO NOT USE)"}],
                    duplicate_rows=[twice])
    names = [f"{p.first} {p.last}" for p in w.providers]
    ap_cols = {"Appt ID": "appointment.source_id",
               "Date": "appointment.starts_at (date part, a date cell)",
               "Start": "appointment.starts_at (time part, HH:MM)",
               "End": "appointment.ends_at (time part, HH:MM)",
               "Client ID": "appointment.patient_source_id",
               "Practitioner": "appointment.provider_source_id (by name)",
               "Appointment Type": "appointment.appointment_type",
               "Location": "appointment.location", "Status": "appointment.status",
               "Charge": "custom", "Bill To TP": "appointment.company_source_id",
               "Notes": "appointment.notes"}
    ap_rows: list[list[object]] = []
    for k, v in enumerate(w.visits):
        end = v.start + timedelta(minutes=v.minutes)
        tp = tps[v.patient] if rng.random() < .8 else ""
        ap_rows.append([str(50200 + k), datetime(v.start.year, v.start.month, v.start.day),
                        f"{v.start:%H:%M}", f"{end:%H:%M}", ids[v.patient], names[v.provider],
                        rng.choice(TYPES), rng.choice(("Nottingham", "Beeston")),
                        rng.choice(STATUS[v.status]),
                        float(Decimal(rng.choice((45, 55, 65, 80)))), tp,
                        rng.choice(("", "", "", "Claim no. to follow", "Bring trainers",
                                    "Parking permit"))])
    ap_rows.insert(150, ["59999", datetime(2024, 7, 3), "13:00", "14:00", "", names[0],
                         "Staff Training", "Nottingham", "Booked", 0.0, "", "CPD - blocked"])
    diary = Table(f"{BOOK}#Diary", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 151, "reason": "a diary slot blocked for staff training, no "
                             "client"}],
                  notes=["the charge as a number cell (pounds)"])
    en_cols = {"Enquiry Date": "lead.created_at (a date cell)",
               "Name": "lead.last_name (First Last in one column)",
               "Telephone": "lead.phone", "Email": "lead.email",
               "How Heard": "lead.referral_type", "Enquiry About": "lead.interest",
               "Outcome": "lead.status (Booked: converted / Call Back: inquiry / Not "
                          "Interested: lost / No Answer: inquiry)",
               "Taken By": "custom"}
    en_rows: list[list[object]] = []
    for p in w.leads:
        en_rows.append([p.created.replace(second=0), f"{p.first} {p.last}", p.mobile, p.email,
                        rng.choice(("Google", "Website", "GP", "Friend/Family", "Facebook")),
                        rng.choice(("Back pain", "Running injury", "Neck pain", "Post-op knee",
                                    "Sports massage")),
                        rng.choice(("Booked", "Call Back", "Not Interested", "No Answer")),
                        w.staff[0].first])
    again = duplicate(en_rows, 3, 20, {0: w.leads[3].created.replace(second=0) + timedelta(days=2)},
                      "the same caller's enquiry taken again two days later")
    enquiries = Table(f"{BOOK}#Enquiries", "lead", en_cols, en_rows, {"lead": len(w.leads)},
                      duplicate_rows=[again], notes=["no id of their own"])
    meta = {"export": "pps-uk", "vendor": "PPS (Rushcliff)", "country": "UK",
            "currency": "GBP", "date_order": "DMY", "half": "holdout8"}
    return meta, [clients, diary, third, enquiries]
