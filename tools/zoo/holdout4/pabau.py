"""Pabau (United Kingdom, aesthetics clinic): the client and lead lists as one workbook with a
sheet each (real date cells), the other reports as CSV. Clients with a salutation, the four
marketing opt-ins as Yes/No, the insurer name where `Private` means self-paying, labels, the
source that brought them and `Active` for archived clients; a test client; leads with their
source, status and the treatment they asked about, some converted; appointments with `DNA`,
treatments such as anti-wrinkle injections and fillers, times as `14:30`; the medical history
form with allergies and conditions several to a cell and `None` for none; the `Clients with
Balance` report in pounds; therapists and practitioners beside receptionists."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

BOOK = "Pabau Clients and Leads.xlsx"
STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled", "no_show": "DNA"}
TREATMENTS = ("Anti-wrinkle injections (3 areas)", "Dermal filler - lips 1ml",
              "HydraFacial", "Skin consultation", "Chemical peel", "Laser hair removal - legs",
              "Profhilo")
SOURCES = ("Instagram", "Google", "Facebook Ads", "Recommendation", "Walk-in", "Website")
ALLERGY = ("Lidocaine", "Hyaluronidase", "Latex", "Penicillin", "Eggs", "Nuts")
CONDITION = ("Pregnancy", "Breastfeeding", "Autoimmune disease", "Cold sores",
             "Blood thinners")


def _cell(items: list[str]) -> str:
    return "; ".join(items) if items else "None"


def pabau_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/pabau-uk", "uk", patients=96, providers=4, staff=2,
                   leads=24, visits=205)
    rng = w.rng
    ids = [str(5000312 + 11 * i) for i in range(len(w.patients))]
    staff = [f"{p.first} {p.last}" for p in w.providers]
    cols = {
        "Client ID": "patient.source_id", "Salutation": "custom",
        "First Name": "patient.first_name", "Last Name": "patient.last_name",
        "Gender": "patient.sex", "Date of Birth": "patient.date_of_birth (a date cell)",
        "Email": "patient.email", "Phone": "patient.phone_home",
        "Client Mobile": "patient.phone_mobile", "Street": "patient.address_line1",
        "City": "patient.city", "County": "patient.state", "Postcode": "patient.postal_code",
        "Country": "patient.country",
        "Insurer Name": "insurance.carrier_name ('Private' means self-paying: no insurer)",
        "Membership Number": "insurance.member_id", "Client Source": "referral.referral_type",
        "Labels": "custom", "SMS Opt In": "custom", "Email Opt In": "custom",
        "Newsletter Opt In": "custom", "Letters Opt In": "custom",
        "Active": "patient.status (No: archived, inactive)",
        "Client Created Date": "patient.created_at (a date-time cell)",
    }
    rows: list[list[Any]] = []
    insured = sourced = 0
    for i, p in enumerate(w.patients):
        ins = rng.choice(("Private",) * 6 + ("Bupa", "AXA Health", "Vitality"))
        src = rng.choice(SOURCES + ("",))
        insured += ins != "Private"
        sourced += bool(src)
        rows.append([
            ids[i], rng.choice(("Mrs", "Ms", "Miss", "Mr", "Dr")), p.first, p.last,
            {"female": "Female", "male": "Male"}.get(p.sex, "Not specified"), p.dob, p.email,
            p.home, p.mobile, p.line1, p.city, rng.choice(("", "West Yorkshire",
                                                           "Greater London")),
            p.postcode, "United Kingdom", ins,
            str(rng.randrange(10**7, 10**8)) if ins != "Private" else "", src,
            rng.choice(("", "", "VIP", "Botox regular", "VIP, Filler")),
            *[rng.choice(("Yes", "No")) for _ in range(4)],
            "No" if rng.random() < .1 else "Yes", p.created])
    rows.insert(12, ["5000001", "", "Test", "Client", "Not specified", None,
                     "test@pabau.example.com", "", "07000 000000", "", "", "", "", "United Kingdom",
                     "Private", "", "", "", "No", "No", "No", "No", "Yes", w.patients[0].created])
    clients = Table(f"{BOOK}#Clients", "patient", cols, rows,
                    {"patient": len(w.patients), "insurance": insured, "referral": sourced},
                    bad_rows=[{"row": 13, "reason": "a test client (Test Client) made when the "
                               "clinic was set up"}],
                    notes=["one row, up to three records: the client, the insurer (unless "
                           "Private) and the source"])
    ld_cols = {"Lead ID": "lead.source_id", "First Name": "lead.first_name",
               "Last Name": "lead.last_name", "Email": "lead.email",
               "Mobile": "lead.phone", "Lead Source": "lead.referral_type",
               "Interested In": "lead.interest",
               "Lead Status": "lead.status (Open / Contacted / Converted / Lost)",
               "Owner": "custom", "Created Date": "lead.created_at (a date-time cell)"}
    ld_rows = [[f"L{880 + 3 * k}", p.first, p.last, p.email, p.mobile, rng.choice(SOURCES),
                rng.choice(TREATMENTS[:3] + ("Skin consultation",)),
                rng.choice(("Open", "Open", "Contacted", "Converted", "Lost")),
                rng.choice(w.staff).first, p.created] for k, p in enumerate(w.leads)]
    leads = Table(f"{BOOK}#Leads", "lead", ld_cols, ld_rows, {"lead": len(ld_rows)})
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Client ID": "appointment.patient_source_id", "Client Name": "drop",
               "Date": "appointment.starts_at (date part, DD/MM/YYYY)",
               "Start": "appointment.starts_at (time part, 24-hour)",
               "End": "appointment.ends_at (time part, on Date)",
               "Service": "appointment.appointment_type",
               "Employee": "appointment.provider_source_id (by name)",
               "Location": "appointment.location", "Status": "appointment.status",
               "Price": "custom", "Booked Online": "custom"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(2200100 + 4 * k), ids[v.patient], f"{p.first} {p.last}",
                        fmt.dmy(v.start.date()), fmt.time24(v.start),
                        fmt.time24(v.start + timedelta(minutes=v.minutes)),
                        rng.choice(TREATMENTS), staff[v.provider],
                        rng.choice(("Leeds Clinic", "Harrogate Clinic")), STATUS[v.status],
                        fmt.money(money(rng, 400) + 50, "£"), rng.choice(("Yes", "No"))])
        if k % 60 == 44:
            ap_rows.append([str(2200100 + 4 * k + 1), "", "", fmt.dmy(v.start.date()), "09:00",
                            "17:00", "Training day", staff[v.provider], "Leeds Clinic", "",
                            "£0.00", "No"])
            bad.append({"row": len(ap_rows), "reason": "a training day blocked out: no "
                        "client, not an appointment"})
    appointments = Table("Appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["DNA: did not attend (no-show)"])
    mh_cols = {"Form ID": "clinical_note.source_id",
               "Client ID": "clinical_note.patient_source_id",
               "Form": "clinical_note.title",
               "Completed": "clinical_note.created_at (DD/MM/YYYY HH:MM)",
               "Allergies": "allergy_condition.name (allergies; several, ';'-separated; "
                            "'None' means none)",
               "Medical Conditions": "allergy_condition.name (conditions; several, "
                                     "';'-separated; 'None' means none)",
               "Medications": "custom", "Practitioner Notes": "clinical_note.body"}
    mh_rows: list[list[str]] = []
    items = 0
    for i, p in enumerate(w.patients):
        if rng.random() < .35:
            continue
        al = rng.sample(ALLERGY, rng.choice((0, 0, 0, 1, 2)))
        co = rng.sample(CONDITION, rng.choice((0, 0, 1)))
        items += len(al) + len(co)
        when = p.created + timedelta(days=rng.randrange(1, 30))
        mh_rows.append([f"F{70100 + 13 * len(mh_rows)}", ids[i], "Medical History (Aesthetics)",
                        f"{fmt.dmy(when.date())} {fmt.time24(when)}", _cell(al), _cell(co),
                        rng.choice(("None", "None", "Roaccutane", "Warfarin")),
                        rng.choice(("Consent discussed, photos taken.", "Suitable for "
                                    "treatment; review in 2 weeks.", ""))])
    history = Table("Medical History Forms.csv", "clinical_note", mh_cols, mh_rows,
                    {"clinical_note": len(mh_rows), "allergy_condition": items},
                    layout=Layout(encoding="utf-8-sig"),
                    notes=["one row a completed form (a note); each allergy or condition in "
                           "it a record, None meaning none"])
    bl_cols = {"Client ID": "billing.patient_source_id", "Client": "drop",
               "Balance": "billing.outstanding_balance (£, credits as -£)",
               "Last Payment": "billing.last_payment_date", "Last Visit": "custom"}
    bl_rows = []
    for i, p in enumerate(w.patients):
        if rng.random() < .7:
            continue
        owed = money(rng, 700) + 15 if rng.random() < .9 else -money(rng, 90)
        bl_rows.append([ids[i], f"{p.first} {p.last}", fmt.money(owed, "£"),
                        fmt.dmy((p.created + timedelta(days=rng.randrange(10, 500))).date()),
                        fmt.dmy((p.created + timedelta(days=rng.randrange(10, 500))).date())])
    balances = Table("Clients with Balance.csv", "billing", bl_cols, bl_rows,
                     {"billing": len(bl_rows)})
    st_cols = {"Staff Name": "provider.last_name (full name in one column)",
               "Job Title": "provider.role", "Email": "provider.email",
               "Mobile": "provider.phone", "Registration": "provider.license_number",
               "Online Bookings": "custom"}
    jobs = ("Aesthetic Practitioner (Nurse Prescriber)", "Aesthetic Doctor", "Skin Therapist",
            "Laser Therapist", "Receptionist", "Clinic Manager")
    st_rows = [[f"{p.first} {p.last}", jobs[i],
                f"{p.first.lower()}.{p.last.lower()}@glowclinic.example.co.uk".replace("'", ""), p.mobile,
                ("NMC 12A3456E", f"GMC {rng.randrange(1000000, 9999999)}")[i] if i < 2 else "",
                "Yes" if i < 4 else "No"] for i, p in enumerate(w.providers + w.staff)]
    staff_t = Table("Staff.csv", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                    notes=["a receptionist and a clinic manager beside practitioners"])
    meta = {"export": "pabau-uk", "vendor": "Pabau", "country": "UK", "currency": "GBP",
            "date_order": "DMY", "half": "holdout4"}
    return meta, [clients, leads, appointments, history, balances, staff_t]
