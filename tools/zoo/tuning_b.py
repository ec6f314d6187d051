"""Tuning exports, part B: Jane (CA, CSV + XLSX twin), Power Diary (UK, Windows-1252) and a
Nookal-style workbook (AU, one sheet per table, real Excel date and time cells)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tools.zoo import fmt
from tools.zoo.world import FUNDS, NOTE_LINES, make_world, money
from tools.zoo.writers import Layout, Table


def jane_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/jane-ca", "ca", patients=85, providers=4, visits=200)
    rng = w.rng
    pid = [str(1000 + 3 * i) for i in range(len(w.patients))]
    cols = {
        "Patient ID": "patient.source_id", "Prefix": "custom", "First Name": "patient.first_name",
        "Preferred Name": "patient.preferred_name", "Last Name": "patient.last_name",
        "Email": "patient.email", "Mobile Phone": "patient.phone_mobile",
        "Home Phone": "patient.phone_home", "Work Phone": "patient.phone_work",
        "Address": "patient.address_line1", "Address 2": "patient.address_line2",
        "City": "patient.city", "Province": "patient.state", "Postal Code": "patient.postal_code",
        "Country": "patient.country", "Birth Date": "patient.date_of_birth", "Sex": "patient.sex",
        "Personal Health Number": "custom", "Occupation": "custom", "Referred By": "referral.referrer_name",
        "Emergency Contact Name": "custom", "Emergency Contact Phone": "custom",
        "Email Reminders": "patient.contact_preference (with SMS Reminders)",
        "SMS Reminders": "patient.contact_preference (with Email Reminders)",
        "Discharged": "patient.status (with Deceased)",
        "Deceased": "patient.status (with Discharged)", "Created At": "patient.created_at",
    }
    rows = []
    for i, p in enumerate(w.patients):
        postal = p.postcode if rng.random() > .1 else p.postcode.replace(" ", "").lower()
        rows.append([
            pid[i], rng.choice(("", "Mr.", "Ms.", "Mme", "Dr.")), p.first, p.preferred, p.last,
            p.email, p.mobile, p.home, p.work, p.line1, rng.choice(("", "", "App. 3")), p.city,
            p.state, postal, "Canada", fmt.iso(p.dob), {"female": "Female", "male": "Male",
                                                       "other": "X", "unknown": ""}[p.sex],
            f"{rng.randrange(1000, 9999)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
            rng.choice(("", "Engineer", "Étudiante", "Nurse")),
            rng.choice(("", "Google", "Dr. Gagnon", "Friend")), "", "",
            rng.choice(("true", "true", "false")), rng.choice(("true", "false", "false")),
            "true" if rng.random() < .1 else "false", "true" if rng.random() < .02 else "false",
            p.created.strftime("%Y-%m-%d %H:%M:%S -0500")])
    dup = list(rows[7])
    dup[0] = str(1000 + 3 * len(w.patients) + 1)
    dup[6] = ""
    rows.append(dup)
    n = len(w.patients)
    dups = [{"row": n + 1, "of_row": 8, "reason": "the same patient created twice (name, "
             "birth date and email equal), new Patient ID"}]
    referrals = sum(1 for r in rows[:n] if r[19])
    patients = Table("patient_list_2025-06-11.csv", "patient", cols, rows,
                     {"patient": n, "referral": referrals},
                     duplicate_rows=dups, layout=Layout(encoding="utf-8-sig"),
                     notes=["UTF-8 with BOM; some postal codes lower case without the space",
                            "Referred By carries a referral (who referred the patient)"])
    twin_rows = [r[:15] + [datetime.fromisoformat(r[15])] + r[16:] for r in rows]
    twin = Table("patient_list_2025-06-11.xlsx", "patient", cols, twin_rows,
                 {"patient": n, "referral": referrals},
                 duplicate_rows=dups, twin_of="patient_list_2025-06-11.csv",
                 notes=["the same Patient List downloaded again as Excel: read once"])

    staff_cols = {"Staff ID": "provider.source_id", "First Name": "provider.first_name",
                  "Last Name": "provider.last_name", "Professional Title": "provider.credentials",
                  "Discipline": "provider.specialty", "Email": "provider.email",
                  "Phone": "provider.phone", "Registration #": "provider.license_number",
                  "Status": "provider.active"}
    titles = [rng.choice(("PT", "RMT", "DC", "R.Kin")) for _ in w.providers]
    staff_rows = [[str(i + 1), p.first, p.last, titles[i],
                   {"PT": "Physiotherapy", "RMT": "Massage Therapy", "DC": "Chiropractic",
                    "R.Kin": "Kinesiology"}[titles[i]], f"{p.first.lower()}@clinique.example.ca",
                   p.mobile, f"{rng.randrange(10000, 99999)}", "Active"]
                  for i, p in enumerate(w.providers)]
    staff = Table("staff_members.csv", "provider", staff_cols, staff_rows,
                  {"provider": len(staff_rows)})

    appt_cols = {"Appointment ID": "appointment.source_id", "Start": "appointment.starts_at",
                 "Duration": "appointment.ends_at (start plus duration)",
                 "Patient": "drop", "Patient ID": "appointment.patient_source_id",
                 "Staff Member": "appointment.provider_source_id (by name)",
                 "Treatment": "appointment.appointment_type", "Location": "appointment.location",
                 "State": "appointment.status", "Notes": "appointment.notes",
                 "Booked At": "appointment.created_at"}
    word = {"completed": "Arrived", "arrived": "Arrived", "booked": "Booked",
            "cancelled": "Cancelled", "no_show": "No Show"}
    appt_rows = []
    for k, v in enumerate(w.visits):
        p, pr = w.patients[v.patient], w.providers[v.provider]
        appt_rows.append([
            str(50_000 + k), fmt.iso_dt(v.start, seconds=False), f"{v.minutes} min",
            f"{p.first} {p.last}", pid[v.patient],
            f"{pr.first} {pr.last}, {titles[v.provider]}", v.kind,
            rng.choice(("Downtown", "Plateau")), word[v.status], v.note,
            fmt.iso_dt(v.start - timedelta(days=rng.randrange(1, 30)))])
    appointments = Table("appointments_report.csv", "appointment", appt_cols, appt_rows,
                         {"appointment": len(appt_rows)})

    ins_cols = {"Patient ID": "insurance.patient_source_id", "Insurer": "insurance.carrier_name",
                "Policy Holder": "custom", "Member ID": "insurance.member_id",
                "Group #": "insurance.group_number", "Plan": "insurance.plan_type",
                "Coverage Start": "insurance.effective_from",
                "Coverage End": "insurance.effective_to",
                "Priority": "insurance.is_primary"}
    ins_rows = []
    for i in range(0, n, 2):
        for rank in ("Primary", "Secondary")[: rng.choice((1, 1, 2))]:
            p = w.patients[i]
            ins_rows.append([pid[i], rng.choice(FUNDS["ca"]), f"{p.first} {p.last}",
                             f"{rng.randrange(10**8, 10**9)}", f"G-{rng.randrange(1000, 9999)}",
                             rng.choice(("Extended Health", "Paramedical", "Group Benefits")),
                             fmt.iso(p.created.date()), "", rank])
    insurance = Table("insurance_policies.csv", "insurance", ins_cols, ins_rows,
                      {"insurance": len(ins_rows)},
                      notes=["no id column: a policy's id comes from the patient and the row"])
    meta = {"export": "jane-ca", "vendor": "Jane App", "country": "CA", "currency": "CAD",
            "date_order": "YMD", "half": "tuning"}
    return meta, [patients, twin, staff, appointments, insurance]


def powerdiary_uk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/powerdiary-uk", "uk", patients=95, providers=3, visits=230)
    rng = w.rng
    cp = Layout(encoding="cp1252")
    cid = [str(2001 + i) for i in range(len(w.patients))]
    cols = {
        "Client ID": "patient.source_id", "Title": "custom", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Preferred Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth", "Gender": "patient.sex",
        "Email": "patient.email", "Mobile": "patient.phone_mobile",
        "Home Phone": "patient.phone_home", "Work Phone": "patient.phone_work",
        "Address 1": "patient.address_line1", "Address 2": "patient.address_line2",
        "Town": "patient.city", "County": "patient.state", "Postcode": "patient.postal_code",
        "Country": "patient.country", "Reminders Via": "patient.contact_preference",
        "Archived": "patient.status", "NHS Number": "custom", "GP Name": "custom",
        "Referrer": "referral.referrer_name", "Referral Date": "referral.referred_at",
        "Created": "patient.created_at",
    }
    rows, referrals = [], 0
    for i, p in enumerate(w.patients):
        ref = rng.random() < .4
        referrals += ref
        rows.append([
            cid[i], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr", "")), p.first, p.last,
            p.preferred, fmt.dmy(p.dob), {"female": "F", "male": "M", "other": "Other",
                                          "unknown": ""}[p.sex],
            p.email, p.mobile, p.home, p.work, p.line1, "", p.city,
            rng.choice(("West Yorkshire", "", "Avon", "")), p.postcode, "United Kingdom",
            rng.choice(("SMS", "Email", "Both", "None")), "Y" if rng.random() < .1 else "N",
            f"{rng.randrange(400, 499)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
            rng.choice(("Dr Hughes", "Dr Patel", "")),
            rng.choice(("Dr A Hughes (GP)", "Self", "Bupa", "Google")) if ref else "",
            fmt.dmy(p.created.date()) if ref else "", p.created.strftime("%d/%m/%Y %H:%M")])
    rows[20][5] = "31/06/1985"  # an impossible birth date typed at the desk: still a client
    clients = Table("Clients.csv", "patient", cols, rows,
                    {"patient": len(rows), "referral": referrals}, layout=cp,
                    notes=["Windows-1252 (the £ and accents are single bytes)",
                           "row 21: birth date 31/06/1985 does not exist (dirty value; the "
                           "client lands without it)",
                           "a client row carries the referral (Referrer, Referral Date)"])
    status = {"completed": "Attended", "arrived": "Arrived", "booked": "Booked",
              "cancelled": "Cancelled", "no_show": "DNA"}
    appt_cols = {"Appointment ID": "appointment.source_id", "Client ID":
                 "appointment.patient_source_id",
                 "Practitioner": "appointment.provider_source_id (by name)",
                 "Date": "appointment.starts_at (date part)",
                 "Start": "appointment.starts_at (time part)",
                 "End": "appointment.ends_at (time part, date from Date)",
                 "Service": "appointment.appointment_type", "Status": "appointment.status",
                 "Room": "appointment.location", "Fee": "custom", "Notes": "appointment.notes"}
    appt_rows = []
    for k, v in enumerate(w.visits):
        pr = w.providers[v.provider]
        appt_rows.append([f"A{k + 1:05d}", cid[v.patient], f"{pr.first} {pr.last}",
                          fmt.dmy(v.start.date()), fmt.time24(v.start),
                          fmt.time24(v.start + timedelta(minutes=v.minutes)), v.kind,
                          status[v.status], v.room, fmt.money(money(rng, 90), "£"), v.note])
    appointments = Table("Appointments.csv", "appointment", appt_cols, appt_rows,
                         {"appointment": len(appt_rows)}, layout=cp,
                         notes=["DNA = did not attend (no show)", "no practitioner table in a "
                                "Power Diary export: practitioners are named"])
    note_cols = {"Note ID": "clinical_note.source_id",
                 "Client ID": "clinical_note.patient_source_id",
                 "Practitioner": "clinical_note.author_source_id (by name)",
                 "Date": "clinical_note.created_at", "Template": "clinical_note.title",
                 "Note": "clinical_note.body"}
    note_rows = []
    for k, v in enumerate(w.visits[:150]):
        pr = w.providers[v.provider]
        body = "\r\n".join(rng.sample(NOTE_LINES, 3))
        if k % 10 == 0:
            body = "<p>S: " + body.replace("\r\n", "</p><p>") + " &amp; review</p>"
        note_rows.append([str(90_000 + k), cid[v.patient], f"{pr.first} {pr.last}",
                          v.start.strftime("%d/%m/%Y %H:%M"),
                          rng.choice(("SOAP Note", "Initial Assessment", "Treatment Note")),
                          body])
    notes = Table("Client Notes.csv", "clinical_note", note_cols, note_rows,
                  {"clinical_note": len(note_rows)}, layout=cp,
                  notes=["note bodies with line breaks inside quoted cells; some HTML"])
    inv_cols = {"Invoice No": "billing.source_id", "Client ID": "billing.patient_source_id",
                "Invoice Date": "custom", "Total": "custom", "Paid": "billing.last_payment_amount",
                "Outstanding": "billing.outstanding_balance", "Status": "billing.billing_status",
                "Third Party": "custom"}
    inv_rows = []
    for k, v in enumerate(w.visits[::2]):
        total = money(rng, 120)
        paid = total if rng.random() < .7 else total - total / 2
        inv_rows.append([f"INV-{k + 1:06d}", cid[v.patient], fmt.dmy(v.start.date()),
                         fmt.money(total, "£"), fmt.money(paid, "£"),
                         fmt.money(total - paid, "£"), "Paid" if paid == total else
                         rng.choice(("Unpaid", "Overdue")), rng.choice(("", "", "Bupa"))])
    invoices = Table("Invoices.csv", "billing", inv_cols, inv_rows, {"billing": len(inv_rows)},
                     layout=cp, notes=["one billing record per invoice"])
    meta = {"export": "powerdiary-uk", "vendor": "Power Diary (Zanda)", "country": "GB",
            "currency": "GBP", "date_order": "DMY", "half": "tuning"}
    return meta, [clients, appointments, notes, invoices]


def nookal_workbook() -> tuple[dict, list[Table]]:
    w = make_world("zoo/nookal-workbook", "au", patients=70, providers=3, visits=160)
    rng = w.rng
    book = "Nookal export 2025-06-11.xlsx"
    loc_cols = {"Location ID": "company.source_id", "Name": "company.name",
                "Address Line 1": "company.address_line1", "City / Suburb": "company.city",
                "State": "company.state", "Postcode": "company.postal_code",
                "Phone": "company.phone", "Email": "company.email"}
    loc_rows = [["1", "Harbour Health Allied", "4 Quay St", "Fremantle", "WA", "6160",
                 "(08) 9335 1000", "hello@harbourhealth.example.com.au"],
                ["2", "Harbour Health North", "77 Beach Rd", "Scarborough", "WA", "6019",
                 "(08) 9245 2000", ""]]
    locations = Table(f"{book}#Locations", "company", loc_cols, loc_rows, {"company": 2})
    staff_cols = {"Staff ID": "provider.source_id", "Title": "custom",
                  "First Name": "provider.first_name", "Last Name": "provider.last_name",
                  "Email": "provider.email", "Mobile": "provider.phone",
                  "Profession": "provider.specialty",
                  "Registration Number": "provider.license_number",
                  "Location ID": "provider.company_source_id"}
    staff_rows = [[i + 1, "", p.first, p.last, f"{p.first.lower()}@harbourhealth.example.com.au",
                   p.mobile, rng.choice(("Physiotherapist", "Podiatrist", "Dietitian")),
                   f"PHY{rng.randrange(10**9, 10**10)}", rng.choice((1, 2))]
                  for i, p in enumerate(w.providers)]
    staff = Table(f"{book}#Staff", "provider", staff_cols, staff_rows, {"provider": 3},
                  notes=["ids are numbers in the sheet; Staff 1-3 collide with Client and "
                         "Location ids"])
    cl_cols = {"Client ID": "patient.source_id", "Title": "custom",
               "First Name": "patient.first_name", "Middle Name": "patient.middle_name",
               "Last Name": "patient.last_name", "Gender": "patient.sex",
               "Date of Birth": "patient.date_of_birth", "Notes": "custom",
               "Date Registered": "patient.created_at",
               "Address Line 1": "patient.address_line1", "Address Line 2":
               "patient.address_line2", "City / Suburb": "patient.city", "State": "patient.state",
               "Country": "patient.country", "Postcode": "patient.postal_code",
               "Home Phone": "patient.phone_home", "Mobile Phone": "patient.phone_mobile",
               "Work Phone": "patient.phone_work", "Email Address": "patient.email",
               "Location ID": "patient.company_source_id"}
    cl_rows = []
    for i, p in enumerate(w.patients):
        cl_rows.append([i + 1, rng.choice(("Mr", "Ms", "Mrs", "")), p.first, p.middle, p.last,
                        {"female": "F", "male": "M", "other": "O", "unknown": ""}[p.sex],
                        datetime(p.dob.year, p.dob.month, p.dob.day),
                        rng.choice(("", "", "Prefers phone contact")), p.created.replace(
                            hour=0, minute=0), p.line1, "", p.city, p.state, "Australia",
                        int(p.postcode), p.home, p.mobile, p.work, p.email, rng.choice((1, 2))])
    clients = Table(f"{book}#Clients", "patient", cl_cols, cl_rows, {"patient": len(cl_rows)},
                    notes=["real Excel date cells; postcodes stored as numbers"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Client ID": "appointment.patient_source_id",
               "Staff ID": "appointment.provider_source_id",
               "Location ID": "appointment.company_source_id",
               "Date": "appointment.starts_at (date part)",
               "Start Time": "appointment.starts_at (time part)",
               "Duration": "appointment.ends_at (start plus duration in minutes)",
               "Service": "appointment.appointment_type", "Status": "appointment.status",
               "Notes": "appointment.notes"}
    word = {"completed": "Arrived", "arrived": "Arrived", "booked": "Pending",
            "cancelled": "Cancelled", "no_show": "Did Not Arrive"}
    ap_rows = [[k + 1, v.patient + 1, v.provider + 1, rng.choice((1, 2)),
                datetime(v.start.year, v.start.month, v.start.day),
                time(v.start.hour, v.start.minute), v.minutes, v.kind, word[v.status], v.note]
               for k, v in enumerate(w.visits)]
    appointments = Table(f"{book}#Appointments", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)},
                         notes=["date and start time in two columns, both real Excel cells"])
    cn_cols = {"Client ID": "clinical_note.patient_source_id",
               "Staff ID": "clinical_note.author_source_id",
               "Date": "clinical_note.created_at", "Note": "clinical_note.body"}
    cn_rows = [[v.patient + 1, v.provider + 1, datetime(v.start.year, v.start.month,
                                                        v.start.day),
                " ".join(rng.sample(NOTE_LINES, 2))] for v in w.visits[:90]]
    cn = Table(f"{book}#Clinical Notes", "clinical_note", cn_cols, cn_rows,
               {"clinical_note": len(cn_rows)},
               notes=["no id column: a note's id comes from the client, the date and the row"])
    meta = {"export": "nookal-workbook", "vendor": "Nookal", "country": "AU", "currency": "AUD",
            "date_order": "DMY", "half": "tuning"}
    return meta, [locations, staff, clients, appointments, cn]
