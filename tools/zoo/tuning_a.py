"""Tuning exports, part A: Cliniko (AU, data exports + reports) and Open Dental (MySQL tables)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.world import ALLERGIES, CONDITIONS, FUNDS, make_world, money
from tools.zoo.writers import Layout, Table

CLINIKO_NOTE = ("Cliniko data exports: one CSV per object, UTF-8, CRLF, dates day-first as the "
                "AU account is set.")


def cliniko_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/cliniko-au", "au", patients=90, providers=4, visits=220)
    rng = w.rng
    pid = [str(1_032_584_000_000_000_000 + rng.randrange(10**15)) for _ in w.patients]
    prid = [str(88_000 + 17 * i) for i in range(len(w.providers))]
    funds = [rng.choice(FUNDS["au"]) if rng.random() < .6 else "" for _ in w.patients]
    columns = {
        "ID": "patient.source_id", "Title": "custom", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Preferred First Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth", "Sex": "patient.sex", "Email": "patient.email",
        "Mobile Phone": "patient.phone_mobile", "Home Phone": "patient.phone_home",
        "Work Phone": "patient.phone_work", "Address 1": "patient.address_line1",
        "Address 2": "patient.address_line2", "City": "patient.city", "State": "patient.state",
        "Post Code": "patient.postal_code", "Country": "patient.country",
        "Medicare": "custom", "Medicare Reference Number": "custom", "Occupation": "custom",
        "Emergency Contact": "custom", "Reminder Type": "patient.contact_preference",
        "Notes": "custom", "Created At": "patient.created_at",
        "Archived At": "patient.status (inactive when a date is set)",
        "Unapplied Account Credit": "custom",
        "Insurance coverage: Fund name": "insurance.carrier_name",
        "Insurance coverage: Member number": "insurance.member_id",
        "Insurance coverage: Expiry": "insurance.effective_to",
    }
    rows = []
    for i, p in enumerate(w.patients):
        archived = fmt.dmy(p.created.date() + timedelta(days=900)) if rng.random() < .1 else ""
        rows.append([
            pid[i], rng.choice(("Mr", "Ms", "Mrs", "Dr", "", "Mx")), p.first, p.last,
            p.preferred, fmt.dmy(p.dob), {"female": "Female", "male": "Male", "other": "Other",
                                          "unknown": ""}[p.sex],
            p.email, p.mobile, p.home, p.work, p.line1, rng.choice(("", "", "Unit 4")), p.city,
            p.state, p.postcode, "Australia",
            f"{rng.randrange(2000, 6999)} {rng.randrange(10000, 99999)} {rng.randrange(1, 9)}",
            str(rng.randrange(1, 6)), rng.choice(("Teacher", "Nurse", "Retired", "", "Student")),
            "", rng.choice(("SMS", "Email", "SMS & Email", "None")),
            rng.choice(("", "", "Prefers afternoon appointments", "Hard of hearing")),
            p.created.strftime("%d/%m/%Y %I:%M %p"), archived,
            fmt.money(money(rng, 80)) if rng.random() < .15 else "",
            funds[i], f"{rng.randrange(10**7, 10**8)}" if funds[i] else "",
            fmt.dmy(p.created.date() + timedelta(days=1400)) if funds[i] else "",
        ])
    rows[11][7] = rows[11][7].replace("@", "@@")  # a typo'd email: the patient still lands
    dup = list(rows[4])
    dup[0] = str(int(pid[4]) + 7)
    dup[8] = ""  # re-entered at the front desk without the mobile
    rows.append(dup)
    n = len(w.patients)
    patients = Table("Patients-Cliniko-20250611.csv", "patient", columns, rows,
                     {"patient": n, "insurance": sum(1 for f in funds if f)},
                     duplicate_rows=[{"row": n + 1, "of_row": 5,
                                      "reason": "same person entered twice (name, birth date, "
                                                "email equal), new ID"}],
                     notes=["row 12: email with a doubled @ (a dirty value; the patient lands)"])

    prac_cols = {"ID": "provider.source_id", "Title": "custom", "First Name": "provider.first_name",
                 "Last Name": "provider.last_name", "Designation": "provider.credentials",
                 "Email": "provider.email", "Phone": "provider.phone",
                 "AHPRA Registration": "provider.license_number",
                 "Provider Number": "custom", "Active": "provider.active",
                 "Show in Online Bookings": "drop"}
    prac_rows = [[prid[i], "Dr" if i == 0 else "", p.first, p.last,
                  rng.choice(("Physiotherapist", "Osteopath", "Exercise Physiologist")),
                  f"{p.first.lower()}@sunrisephysio.example.com.au", p.mobile,
                  f"PHY000{rng.randrange(1000000, 9999999)}",
                  f"{rng.randrange(200000, 299999)}{rng.choice('ABCDEFGH')}"
                  f"{rng.choice('JKLTWXY')}",
                  "Yes" if i < 3 else "No", "Yes"] for i, p in enumerate(w.providers)]
    practitioners = Table("Practitioners-Cliniko-20250611.csv", "provider", prac_cols, prac_rows,
                          {"provider": len(prac_rows)})

    appt_cols = {
        "Appointment Date": "appointment.starts_at (date part)",
        "Start Time": "appointment.starts_at (time part)",
        "End Time": "appointment.ends_at (time part, date from Appointment Date)",
        "Patient ID": "appointment.patient_source_id", "Patient": "drop",
        "Practitioner": "appointment.provider_source_id (by name)",
        "Appointment Type": "appointment.appointment_type",
        "Did Not Arrive": "appointment.status (with Patient Arrived, Cancelled At)",
        "Patient Arrived": "appointment.status (with Did Not Arrive, Cancelled At)",
        "Cancelled At": "appointment.status (cancelled when set)",
        "Cancellation Reason": "custom", "Notes": "appointment.notes",
        "Appointment ID": "appointment.source_id",
    }
    appt_rows = []
    for k, v in enumerate(w.visits):
        p, pr = w.patients[v.patient], w.providers[v.provider]
        end = v.start + timedelta(minutes=v.minutes)
        cancelled = v.status == "cancelled"
        appt_rows.append([
            fmt.dmy(v.start.date()), fmt.time12(v.start), fmt.time12(end), pid[v.patient],
            f"{p.first} {p.last}", f"{pr.first} {pr.last}", v.kind,
            "Yes" if v.status == "no_show" else "No",
            "Yes" if v.status in ("arrived", "completed") else "No",
            fmt.dmy(v.start.date() - timedelta(days=1)) if cancelled else "",
            rng.choice(("Feeling better", "Unwell", "Work")) if cancelled else "", v.note,
            str(400_000_000 + 31 * k)])
    orphan = list(appt_rows[40])
    orphan[3], orphan[4], orphan[12] = "1032584999999999999", "Deleted Patient", "499999999"
    appt_rows.append(orphan)
    appointments = Table(
        "Appointments report 08-01-2024 to 30-06-2025.csv", "appointment", appt_cols, appt_rows,
        {"appointment": len(w.visits)},
        bad_rows=[{"row": len(appt_rows), "reason": "orphan: patient ID not in the export "
                                                    "(patient deleted in Cliniko)"}])

    comm_cols = {"ID": "communication.source_id", "Patient ID": "communication.patient_source_id",
                 "Practitioner ID": "communication.staff_source_id",
                 "Type": "communication.channel", "Direction": "communication.direction",
                 "Date": "communication.occurred_at (date only)",
                 "Subject": "communication.subject", "Content": "communication.body"}
    comm_rows = []
    for k in range(120):
        v = w.visits[k]
        kind = rng.choice(("SMS", "Email", "Letter", "Phone call"))
        comm_rows.append([str(7_700_000 + k), pid[v.patient], prid[v.provider], kind,
                          rng.choice(("Outgoing", "Outgoing", "Incoming")),
                          fmt.dmy(v.start.date() - timedelta(days=2)),
                          "Appointment reminder" if kind != "Letter" else "Referral letter",
                          f"Hi {w.patients[v.patient].first}, a reminder of your appointment on "
                          f"{fmt.dmy(v.start.date())} at {fmt.time12(v.start)}."])
    communications = Table("Communications-Cliniko-20250611.csv", "communication", comm_cols,
                           comm_rows, {"communication": len(comm_rows)})

    alert_cols = {"Patient ID": "allergy_condition.patient_source_id", "Patient Name": "drop",
                  "Alert": "allergy_condition.name",
                  "Created": "allergy_condition.recorded_at"}
    alert_rows = []
    for i in range(0, len(w.patients), 3):
        p = w.patients[i]
        for _ in range(rng.choice((1, 1, 2))):
            text = rng.choice([f"Allergic to {a.lower()}" for a in ALLERGIES] + list(CONDITIONS))
            alert_rows.append([pid[i], f"{p.first} {p.last}", text,
                               fmt.dmy(p.created.date() + timedelta(days=30))])
    alerts = Table("Medical alerts.csv", "allergy_condition", alert_cols, alert_rows,
                   {"allergy_condition": len(alert_rows)},
                   notes=["no id column: a record's id comes from the patient and the row"])

    bal_cols = {"Patient ID": "billing.patient_source_id", "Patient": "drop",
                "Total Invoiced": "custom", "Total Paid": "custom",
                "Balance Owing": "billing.outstanding_balance",
                "Last Payment": "billing.last_payment_date"}
    bal_rows = []
    total = Decimal(0)
    for i in range(0, len(w.patients), 2):
        p = w.patients[i]
        invoiced = money(rng, 2000)
        owing = min(invoiced, money(rng, 300)) if rng.random() < .5 else Decimal(0)
        if rng.random() < .08:
            owing = -money(rng, 60)  # a credit shows as a negative balance
        total += owing
        bal_rows.append([pid[i], f"{p.last}, {p.first}", fmt.money(invoiced),
                         fmt.money(invoiced - owing), fmt.money(owing),
                         fmt.dmy(p.created.date() + timedelta(days=rng.randrange(30, 600)))])
    layout = Layout(title=[["Account balances"], ["Sunrise Physiotherapy Pty Ltd"],
                           ["Generated 11/06/2025 2:14 pm by Front Desk"], []],
                    footer=[["Total", "", "", "", fmt.money(total), ""]])
    balances = Table("Sunrise Physio - report 2025-06.csv", "billing", bal_cols, bal_rows,
                     {"billing": len(bal_rows)}, layout=layout,
                     notes=["reporting module: four title lines above the header and a "
                            "Total line below the data (not records)",
                            "file named after the practice, not the table",
                            "no id column: a balance per patient"])
    meta = {"export": "cliniko-au", "vendor": "Cliniko", "country": "AU", "currency": "AUD",
            "date_order": "DMY", "half": "tuning"}
    return meta, [patients, practitioners, appointments, communications, alerts, balances]


OD_PATSTATUS = {"0": "Patient", "1": "NonPatient", "2": "Inactive", "3": "Archived",
                "4": "Deceased", "6": "Prospective"}


def opendental_mysql() -> tuple[dict, list[Table]]:
    w = make_world("zoo/opendental-mysql", "us", patients=110, providers=4, staff=3, visits=260)
    rng = w.rng
    zero_dt = "0001-01-01 00:00:00"
    pat_cols = {
        "PatNum": "patient.source_id", "LName": "patient.last_name",
        "FName": "patient.first_name", "MiddleI": "patient.middle_name",
        "Preferred": "patient.preferred_name", "PatStatus": "patient.status (6 routes to lead)",
        "Gender": "patient.sex", "Position": "custom", "Birthdate": "patient.date_of_birth",
        "SSN": "drop", "Address": "patient.address_line1", "Address2": "patient.address_line2",
        "City": "patient.city", "State": "patient.state", "Zip": "patient.postal_code",
        "HmPhone": "patient.phone_home", "WkPhone": "patient.phone_work",
        "WirelessPhone": "patient.phone_mobile", "Guarantor": "custom", "Email": "patient.email",
        "ChartNumber": "patient.chart_number", "PriProv": "patient.primary_provider_source_id",
        "ClinicNum": "patient.company_source_id", "DateFirstVisit": "custom",
        "PreferContactMethod": "patient.contact_preference", "SecDateEntry": "patient.created_at",
        "DateTStamp": "patient.updated_at",
    }
    statuses = rng.choices(list(OD_PATSTATUS), (70, 5, 8, 4, 3, 10), k=len(w.patients))
    pat_rows = []
    for i, p in enumerate(w.patients):
        num = str(i + 1)
        pat_rows.append([
            num, p.last, p.first, p.middle[:1], p.preferred, statuses[i],
            {"male": "0", "female": "1"}.get(p.sex, "2"), str(rng.randrange(0, 4)),
            fmt.iso(p.dob) if rng.random() > .03 else "0001-01-01",
            f"{rng.randrange(100, 899)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
            p.line1, rng.choice(("", "", "Apt 2B")), p.city, p.state, p.postcode,
            p.home, p.work, p.mobile, num if rng.random() < .8 else str(max(1, i - 1)),
            p.email if rng.random() < .9 else "", f"C{i + 1:05d}", str(rng.randrange(1, 5)),
            str(rng.randrange(1, 3)), fmt.iso(p.created.date()) if statuses[i] != "6"
            else "0001-01-01", rng.choice(("0", "2", "4", "5", "8")),
            fmt.iso_dt(p.created), fmt.iso_dt(p.created + timedelta(days=200))])
    leads = sum(1 for s in statuses if s == "6")
    patient = Table("patient.csv", "patient", pat_cols, pat_rows,
                    {"patient": len(pat_rows) - leads, "lead": leads},
                    routed={"column": "PatStatus", "values": {"6": "lead"},
                            "why": "PatStatus 6 is Prospective in Open Dental: a lead"},
                    notes=["Birthdate 0001-01-01 means none", "Gender 0 male, 1 female, "
                           "2 unknown", "PatStatus 0 Patient, 1 NonPatient, 2 Inactive, "
                           "3 Archived, 4 Deceased, 6 Prospective"])

    apt_cols = {
        "AptNum": "appointment.source_id", "PatNum": "appointment.patient_source_id",
        "AptStatus": "appointment.status",
        "Pattern": "appointment.ends_at (duration: 5 minutes per character)",
        "Confirmed": "custom", "Op": "appointment.location", "Note": "appointment.notes",
        "ProvNum": "appointment.provider_source_id", "ProvHyg": "custom",
        "AptDateTime": "appointment.starts_at", "IsNewPatient": "custom",
        "ProcDescript": "appointment.appointment_type",
        "ClinicNum": "appointment.company_source_id", "DateTimeArrived": "drop",
        "SecDateTEntry": "appointment.created_at",
    }
    code = {"completed": "2", "booked": "1", "cancelled": "5", "no_show": "5", "arrived": "1"}
    apt_rows = []
    patient_rows = [i for i, s in enumerate(statuses) if s != "6"]
    for k, v in enumerate(w.visits):
        pat = v.patient if statuses[v.patient] != "6" else rng.choice(patient_rows)
        apt_rows.append([
            str(k + 1), str(pat + 1), code[v.status], "/" + "X" * (v.minutes // 5 - 2) + "/",
            str(rng.choice((19, 20, 21))), str(rng.randrange(1, 5)), v.note, str(v.provider + 1),
            str(rng.choice((0, 0, 3))), fmt.iso_dt(v.start), rng.choice(("0", "0", "1")),
            rng.choice(("PerEx, 4BW", "Pro, Flo", "Comp Ex", "Seal, Seal", "RCT-Molar")),
            str(rng.randrange(1, 3)), fmt.iso_dt(v.start) if v.status == "completed"
            else zero_dt, fmt.iso_dt(v.start - timedelta(days=20))])
    planned = []
    for k in range(3):
        apt_rows.append([str(len(w.visits) + k + 1), str(patient_rows[k] + 1), "6", "//XX//",
                         "19", "0", "Planned: crown prep", "1", "0", zero_dt, "0", "Crn", "1",
                         zero_dt, fmt.iso_dt(w.visits[0].start)])
        planned.append({"row": len(apt_rows), "reason": "AptStatus 6 (Planned): a treatment "
                        "plan item with no date (AptDateTime 0001-01-01), not a visit"})
    appointment = Table("appointment.csv", "appointment", apt_cols, apt_rows,
                        {"appointment": len(w.visits)}, bad_rows=planned,
                        notes=["AptStatus 1 Scheduled, 2 Complete, 3 UnschedList, 5 Broken, "
                               "6 Planned"])

    prov_cols = {"ProvNum": "provider.source_id", "Abbr": "custom", "LName": "provider.last_name",
                 "FName": "provider.first_name", "MI": "drop", "Suffix": "provider.credentials",
                 "Specialty": "provider.specialty", "StateLicense": "provider.license_number",
                 "NationalProvID": "provider.npi", "IsHidden": "provider.active (inverted)",
                 "IsSecondary": "custom"}
    prov_rows = [[str(i + 1), f"{p.first[0]}{p.last[:3]}".upper(), p.last, p.first, p.middle[:1],
                  rng.choice(("DDS", "DMD", "RDH")), rng.choice(("0", "1", "4", "7")),
                  f"DN{rng.randrange(10000, 99999)}", f"1{rng.randrange(10**8, 10**9)}",
                  "0" if i < 3 else "1", "1" if i == 3 else "0"]
                 for i, p in enumerate(w.providers)]
    provider = Table("provider.csv", "provider", prov_cols, prov_rows, {"provider": 4})
    emp_cols = {"EmployeeNum": "provider.source_id", "LName": "provider.last_name",
                "FName": "provider.first_name", "MiddleI": "drop",
                "IsHidden": "provider.active (inverted)", "ClockStatus": "drop",
                "PhoneExt": "provider.phone"}
    emp_rows = [[str(i + 1), p.last, p.first, p.middle[:1], "0",
                 rng.choice(("Home", "Working", "Lunch")), str(200 + i)]
                for i, p in enumerate(w.staff)]
    employee = Table("employee.csv", "provider", emp_cols, emp_rows, {"provider": 3},
                     notes=["front-desk employees: role front_desk; EmployeeNum 1-3 collides "
                            "with ProvNum 1-3 of provider.csv (ids restart per table)"])

    comm_cols = {"CommlogNum": "communication.source_id",
                 "PatNum": "communication.patient_source_id",
                 "CommDateTime": "communication.occurred_at", "CommType": "custom",
                 "Note": "communication.body", "Mode_": "communication.channel",
                 "SentOrReceived": "communication.direction",
                 "UserNum": "communication.staff_source_id (userod, not exported)",
                 "DateTStamp": "drop"}
    comm_rows = []
    for k in range(140):
        v = w.visits[(k * 7) % len(w.visits)]
        pat = v.patient if statuses[v.patient] != "6" else patient_rows[0]
        when = v.start - timedelta(days=2, hours=3)
        comm_rows.append([str(k + 1), str(pat + 1), fmt.iso_dt(when), str(rng.choice((224, 225, 226))),
                          rng.choice(("Left message to confirm appt.", "Pt called to reschedule",
                                      "Emailed treatment plan", "Insurance question, see ledger")),
                          rng.choice(("0", "1", "3", "3", "5")), rng.choice(("1", "1", "2", "0")),
                          str(rng.randrange(1, 6)), fmt.iso_dt(when)])
    commlog = Table("commlog.csv", "communication", comm_cols, comm_rows,
                    {"communication": len(comm_rows)},
                    notes=["Mode_ 0 None, 1 Email, 2 Mail, 3 Phone, 4 InPerson, 5 Text; "
                           "SentOrReceived 0 Neither, 1 Sent, 2 Received"])

    proc_cols = {c: "drop" for c in ("ProcNum", "PatNum", "AptNum", "ProcDate", "ProcFee",
                                     "ProcStatus", "ProvNum", "CodeNum", "ToothNum", "Surf",
                                     "ClinicNum", "DateEntryC")}
    proc_rows = [[str(k + 1), str(w.visits[k].patient + 1), str(k + 1),
                  fmt.iso(w.visits[k].start.date()), f"{money(rng, 400):.2f}",
                  rng.choice(("1", "2", "2", "6")), str(w.visits[k].provider + 1),
                  str(rng.randrange(1, 800)), rng.choice(("", "3", "14", "30")),
                  rng.choice(("", "MOD", "O")), "1", fmt.iso(w.visits[k].start.date())]
                 for k in range(150)]
    procedurelog = Table("procedurelog.csv", "none", proc_cols, proc_rows, {},
                         notes=["the procedure ledger (fees per tooth and code): no canonical "
                                "kind, nothing of it should land"])
    clinic_cols = {"ClinicNum": "company.source_id", "Description": "company.name",
                   "Address": "company.address_line1", "Address2": "company.address_line2",
                   "City": "company.city", "State": "company.state", "Zip": "company.postal_code",
                   "Phone": "company.phone", "Abbr": "drop"}
    clinic_rows = [["1", "Riverside Family Dental", "12 Main St", "Suite 200", "Austin", "TX",
                    "78701", "5125550100", "RFD"],
                   ["2", "Riverside Dental North", "88 Oak Ave", "", "Austin", "TX", "78758",
                    "5125550142", "RDN"]]
    clinic = Table("clinic.csv", "company", clinic_cols, clinic_rows, {"company": 2})
    meta = {"export": "opendental-mysql", "vendor": "Open Dental", "country": "US",
            "currency": "USD", "date_order": "YMD", "half": "tuning"}
    return meta, [patient, appointment, provider, employee, commlog, procedurelog, clinic]
