"""Hold-out exports, part B: Cliniko (NZ, API-shaped export), Dentrix (US, reporting module)
and Halaxy (NZ, reports with prefixed ids, appointments split per year)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.world import ALLERGIES, CONDITIONS, NOTE_LINES, make_world, money
from tools.zoo.writers import Layout, Table

NZ_OFFSET = timedelta(hours=12)  # local New Zealand time -> UTC, near enough for synthetic data


def _z(local: datetime) -> str:
    return (local - NZ_OFFSET).strftime("%Y-%m-%dT%H:%M:%SZ")


def _nz_phone(rng, kind: str) -> str:  # type: ignore[no-untyped-def]
    if kind == "Mobile":
        return f"02{rng.choice('17')} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
    return f"0{rng.choice('3479')}-{rng.randrange(200, 999)} {rng.randrange(1000, 9999)}"


def cliniko_nz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/cliniko-nz", "au", patients=80, providers=3, visits=190)
    rng = w.rng
    pid = [str(1_210_000_000_000_000_000 + rng.randrange(10**15)) for _ in w.patients]
    prid = [str(1_190_000 + i) for i in range(3)]
    cols = {
        "id": "patient.source_id", "title": "custom", "first_name": "patient.first_name",
        "last_name": "patient.last_name", "preferred_first_name": "patient.preferred_name",
        "date_of_birth": "patient.date_of_birth", "sex": "patient.sex",
        "gender_identity": "custom", "email": "patient.email",
        "patient_phone_numbers": "patient.phone_mobile (several typed numbers in one cell)",
        "address_1": "patient.address_line1", "address_2": "patient.address_line2",
        "address_3": "drop", "city": "patient.city", "state": "patient.state",
        "post_code": "patient.postal_code", "country": "patient.country",
        "reminder_type": "patient.contact_preference",
        "referral_source": "referral.referral_type",
        "time_zone": "drop", "archived_at": "patient.status (inactive when set)",
        "created_at": "patient.created_at", "updated_at": "patient.updated_at",
    }
    rows = []
    for i, p in enumerate(w.patients):
        numbers = [f"Mobile: {_nz_phone(rng, 'Mobile')}"]
        if rng.random() < .5:
            numbers.append(f"Home: {_nz_phone(rng, 'Home')}")
        rows.append([
            pid[i], rng.choice(("Mr", "Ms", "Mrs", "")), p.first, p.last, p.preferred,
            fmt.iso(p.dob), p.sex.capitalize() if p.sex != "unknown" else "", "",
            p.email, "; ".join(numbers), p.line1,
            rng.choice(("", "", "", "Flat 2", "Unit 5B")), "", *rng.choice((
                ("Auckland", "Auckland"), ("Wellington", "Wellington"),
                ("Christchurch", "Canterbury"), ("Ōtautahi", "Waitaha"), ("Dunedin", "Otago"))),
            f"{rng.randrange(1000, 9999)}", "New Zealand",
            rng.choice(("SMS", "Email", "SMS & Email", "None")),
            rng.choice(("", "GP", "Google", "ACC")), "Pacific/Auckland",
            _z(p.created + timedelta(days=800)) if rng.random() < .08 else "",
            _z(p.created), _z(p.created + timedelta(days=40))])
    rows[17][9] = "Mobile: 0800 PHYSIO; Work: 04-499 2000 ext 12"  # letters and an extension
    patients = Table("patients.csv", "patient", cols, rows,
                     {"patient": len(rows), "referral": sum(1 for r in rows if r[18])},
                     layout=Layout(newline="\n"),
                     notes=["times are UTC with Z; phones as `Type: number; Type: number`",
                            "row 18: a number in letters and an extension (dirty values; "
                            "the patient lands)"])
    pr_cols = {"id": "provider.source_id", "title": "custom", "first_name":
               "provider.first_name", "last_name": "provider.last_name",
               "designation": "provider.credentials", "email": "provider.email",
               "active": "provider.active", "show_in_online_bookings": "drop"}
    pr_rows = [[prid[i], "", p.first, p.last, rng.choice(("Physiotherapist", "Osteopath")),
                f"{p.first.lower()}@kiwiphysio.example.co.nz", "true", "true"]
               for i, p in enumerate(w.providers)]
    practitioners = Table("practitioners.csv", "provider", pr_cols, pr_rows, {"provider": 3},
                          layout=Layout(newline="\n"))
    ap_cols = {"id": "appointment.source_id", "patient_id": "appointment.patient_source_id",
               "practitioner_id": "appointment.provider_source_id",
               "appointment_type_name": "appointment.appointment_type",
               "starts_at": "appointment.starts_at", "ends_at": "appointment.ends_at",
               "did_not_arrive": "appointment.status (with patient_arrived, cancelled_at)",
               "patient_arrived": "appointment.status (with did_not_arrive, cancelled_at)",
               "cancelled_at": "appointment.status (cancelled when set)",
               "cancellation_note": "custom", "notes": "appointment.notes",
               "created_at": "appointment.created_at"}
    ap_rows = []
    for k, v in enumerate(w.visits):
        ap_rows.append([str(1_300_000_000 + k), pid[v.patient], prid[v.provider], v.kind,
                        _z(v.start), _z(v.start + timedelta(minutes=v.minutes)),
                        "true" if v.status == "no_show" else "false",
                        "true" if v.status in ("arrived", "completed") else "false",
                        _z(v.start - timedelta(days=1)) if v.status == "cancelled" else "",
                        "Sick" if v.status == "cancelled" else "", v.note,
                        _z(v.start - timedelta(days=12))])
    appointments = Table("individual_appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)}, layout=Layout(newline="\n"))
    tn_cols = {"id": "clinical_note.source_id", "patient_id": "clinical_note.patient_source_id",
               "practitioner_id": "clinical_note.author_source_id",
               "title": "clinical_note.title", "content": "clinical_note.body",
               "draft": "drop", "created_at": "clinical_note.created_at"}
    tn_rows = [[str(1_400_000 + k), pid[v.patient], prid[v.provider],
                rng.choice(("Standard Treatment Note", "Initial Consultation")),
                "<p>" + "</p><p>".join(rng.sample(NOTE_LINES, 2)) + "</p><p>Plan: review in "
                "2&nbsp;weeks &ndash; HEP &amp; ice</p>", "false", _z(v.start)]
               for k, v in enumerate(w.visits[:120])]
    notes = Table("treatment_notes.csv", "clinical_note", tn_cols, tn_rows,
                  {"clinical_note": len(tn_rows)}, layout=Layout(newline="\n"),
                  notes=["note bodies are HTML with entities"])
    ma_cols = {"id": "allergy_condition.source_id",
               "patient_id": "allergy_condition.patient_source_id",
               "name": "allergy_condition.name", "created_at": "allergy_condition.recorded_at"}
    ma_rows = [[str(1_500_000 + k), pid[i], rng.choice(ALLERGIES + CONDITIONS),
                _z(w.patients[i].created)] for k, i in enumerate(range(0, len(w.patients), 4))]
    alerts = Table("medical_alerts.csv", "allergy_condition", ma_cols, ma_rows,
                   {"allergy_condition": len(ma_rows)}, layout=Layout(newline="\n"))
    inv_cols = {"id": "billing.source_id", "patient_id": "billing.patient_source_id",
                "number": "custom", "issue_date": "custom", "total_amount": "custom",
                "net_amount": "drop", "tax_amount": "drop",
                "outstanding_amount": "billing.outstanding_balance",
                "status_description": "billing.billing_status", "closed_at": "drop"}
    inv_rows = []
    for k, v in enumerate(w.visits[::3]):
        total = money(rng, 150)
        owing = total if rng.random() < .25 else total * 0
        inv_rows.append([str(1_600_000 + k), pid[v.patient], str(1000 + k),
                         fmt.iso(v.start.date()), f"{total:.2f}", f"{total / Decimal('1.15'):.2f}",
                         f"{total - total / Decimal('1.15'):.2f}", f"{owing:.2f}",
                         "Open" if owing else "Closed", "" if owing else _z(v.start)])
    invoices = Table("invoices.csv", "billing", inv_cols, inv_rows, {"billing": len(inv_rows)},
                     layout=Layout(newline="\n"), notes=["one billing record per invoice"])
    meta = {"export": "cliniko-nz", "vendor": "Cliniko", "country": "NZ", "currency": "NZD",
            "date_order": "YMD", "half": "holdout"}
    return meta, [patients, practitioners, appointments, notes, alerts, invoices]


DENTRIX_STATUS = {"completed": "Complete", "arrived": "Here", "booked": "Confirmed",
                  "cancelled": "Broken", "no_show": "Broken"}


def dentrix_reports() -> tuple[dict, list[Table]]:
    w = make_world("zoo/dentrix-reports", "us", patients=120, providers=4, visits=210)
    rng = w.rng
    chart = [f"{p.last[:2].upper()}{i + 1:04d}" for i, p in enumerate(w.patients)]
    prov = ["DDS1", "DDS2", "HYG1", "HYG2"]
    statuses = rng.choices(("Patient", "Non-patient", "Inactive", "Archived"), (80, 6, 10, 4),
                           k=len(w.patients))
    cols = {"Patient Name": "patient.last_name (LAST, FIRST M in one cell)",
            "Chart #": "patient.source_id", "Birth Date": "patient.date_of_birth",
            "Gender": "patient.sex", "Status": "patient.status",
            "Prim Prov": "patient.primary_provider_source_id",
            "Home Phone": "patient.phone_home", "Work Phone": "patient.phone_work",
            "Mobile Phone": "patient.phone_mobile", "Email": "patient.email",
            "Street": "patient.address_line1",
            "City, State Zip": "patient.city (with state and ZIP in one cell)",
            "Patient Last Visit Date": "custom", "Recall Due Date": "custom"}
    rows = []
    for i, p in enumerate(w.patients):
        mid = f" {p.middle[0]}" if p.middle else ""
        rows.append([f"{p.last.upper()}, {p.first.upper()}{mid}", chart[i], fmt.mdy(p.dob),
                     {"female": "F", "male": "M"}.get(p.sex, ""), statuses[i],
                     rng.choice(prov), p.home, p.work + (f" x{rng.randrange(10, 99)}"
                                                          if p.work else ""), p.mobile,
                     p.email if rng.random() < .85 else "", p.line1,
                     f"{p.city}, {p.state} {p.postcode}",
                     fmt.mdy(p.created.date() + timedelta(days=500)),
                     fmt.mdy(p.created.date() + timedelta(days=680))])
    dup = list(rows[30])
    dup[1] = f"{w.patients[30].last[:2].upper()}{len(rows) + 1:04d}"
    rows.append(dup)
    patients = Table("Recall list June.csv", "patient", cols, rows, {"patient": len(w.patients)},
                     duplicate_rows=[{"row": len(rows), "of_row": 31, "reason": "the same "
                                      "patient under a second chart number (name, birth date, "
                                      "phones equal)"}],
                     notes=["a List Manager export of all patients, named after the recall "
                            "run it was made for"])
    bal_cols = {"Patient Name": "drop", "Chart #": "billing.patient_source_id",
                "Balance": "billing.outstanding_balance", "Family Balance": "custom",
                "Billing Type": "custom"}
    bal_rows = []
    total = Decimal(0)
    for i in range(0, len(w.patients), 2):
        p = w.patients[i]
        bal = money(rng, 900) * (-1 if rng.random() < .08 else 1)
        total += bal
        bal_rows.append([f"{p.last.upper()}, {p.first.upper()}", chart[i], fmt.money(bal),
                         fmt.money(bal + money(rng, 200)),
                         rng.choice(("Standard", "Insurance", "Finance Charge"))])
    layout = Layout(encoding="utf-16", delimiter="\t",
                    title=[["Patient Balance Report"], ["Bright Smiles Dental"],
                           ["Report Date: 06/11/2025"], []],
                    footer=[[], ["Total", "", fmt.money(total), "", ""]],
                    repeat_header_every=25)
    balances = Table("PATIENT BALANCE.TXT", "billing", bal_cols, bal_rows,
                     {"billing": len(bal_rows)}, layout=layout,
                     notes=["reporting module printed to text: UTF-16 tab-separated, title "
                            "lines, the header again after every page of 25, a Total line",
                            "no id column: a balance per chart number"])
    pv_cols = {"Provider ID": "provider.source_id", "Last Name": "provider.last_name",
               "First Name": "provider.first_name", "Title": "provider.credentials",
               "Specialty": "provider.specialty", "NPI": "provider.npi",
               "State ID": "provider.license_number", "Phone": "provider.phone"}
    pv_rows = [[prov[i], p.last, p.first, "DDS" if i < 2 else "RDH",
                "General Dentist" if i < 2 else "Hygienist", f"1{rng.randrange(10**8, 10**9)}",
                f"TX{rng.randrange(10000, 99999)}", p.work or p.mobile]
               for i, p in enumerate(w.providers)]
    providers = Table("Provider List.csv", "provider", pv_cols, pv_rows, {"provider": 4})
    ap_cols = {"Appt Date": "appointment.starts_at (date part)",
               "Appt Time": "appointment.starts_at (time part)",
               "Length": "appointment.ends_at (start plus length)",
               "Chart #": "appointment.patient_source_id", "Patient": "drop",
               "Provider": "appointment.provider_source_id", "Operatory": "appointment.location",
               "Reason": "appointment.appointment_type", "Status": "appointment.status",
               "Amount": "custom"}
    ap_rows = [[fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True), f"{v.minutes} min",
                chart[v.patient], f"{w.patients[v.patient].last.upper()}, "
                f"{w.patients[v.patient].first.upper()}", prov[v.provider],
                rng.choice(("OP-1", "OP-2", "HYG-1")),
                rng.choice(("PerEx,Pro,4BW", "Crn-PFM", "Comp Ex", "Fill-2S")),
                DENTRIX_STATUS[v.status], fmt.money(money(rng, 600))]
               for v in w.visits]
    appointments = Table("Appointment List View.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)},
                         notes=["no appointment id: one comes from the chart number, date and "
                                "time", "Broken covers cancelled and missed visits"])
    meta = {"export": "dentrix-reports", "vendor": "Dentrix", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "holdout"}
    return meta, [patients, balances, providers, appointments]


HALAXY_STATUS = {"completed": "Attended", "arrived": "Attended", "booked": "Booked",
                 "cancelled": "Cancelled", "no_show": "Did not attend"}


def halaxy_nz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/halaxy-nz", "au", patients=75, providers=3, visits=180)
    rng = w.rng
    pid = [f"PT-{10_400_000 + 37 * i}" for i in range(len(w.patients))]
    prid = [f"PR-{2_204_400 + 9 * i}" for i in range(3)]
    clinics = [("CL-40211", "Ōtautahi Physio", "22 Colombo St", "Christchurch", "03-365 1200"),
               ("CL-40212", "Kiwi Allied Health", "5 Queen St", "Auckland", "09-300 4500")]
    statuses = rng.choices(("Current", "Claimant", "Contact", "Archived", "Deceased",
                            "Waiting list"), (70, 8, 6, 10, 2, 4), k=len(w.patients))
    cols = {"Patient ID": "patient.source_id", "Title": "custom",
            "First Name": "patient.first_name", "Preferred Name": "patient.preferred_name",
            "Last Name": "patient.last_name", "Date of Birth": "patient.date_of_birth",
            "Gender": "patient.sex", "Mobile": "patient.phone_mobile",
            "Phone": "patient.phone_home", "Email": "patient.email",
            "Address": "patient.address_line1", "Suburb": "patient.address_line2",
            "City": "patient.city", "Postcode": "patient.postal_code",
            "Status": "patient.status", "Review Date": "custom", "Review Note": "custom",
            "Practitioner": "patient.primary_provider_source_id", "Created": "patient.created_at"}
    rows = []
    for i, p in enumerate(w.patients):
        city = rng.choice(clinics)[3]
        rows.append([pid[i], rng.choice(("Mr", "Ms", "Mrs", "Miss", "")), p.first, p.preferred,
                     p.last, fmt.dmy(p.dob), {"female": "Female", "male": "Male",
                                              "other": "Another gender", "unknown": ""}[p.sex],
                     _nz_phone(rng, "Mobile"), _nz_phone(rng, "Home") if rng.random() < .4
                     else "", p.email, p.line1, rng.choice(("Riccarton", "Ponsonby", "Sumner",
                                                            "Te Atatū")), city,
                     f"{rng.randrange(600, 8999):04d}", statuses[i],
                     fmt.dmy(p.created.date() + timedelta(days=700)) if rng.random() < .2
                     else "", "Recheck knee" if rng.random() < .1 else "",
                     rng.choice(prid), p.created.strftime("%d/%m/%Y %H:%M")])
    patients = Table("Patients report 2025-06-11.csv", "patient", cols, rows,
                     {"patient": len(rows)},
                     notes=["prefixed ids (PT-, PR-, CL-)", "Contact and Claimant are active "
                            "Halaxy statuses (people on the patient list)"])
    pr_cols = {"Practitioner ID": "provider.source_id",
               "Name": "provider.last_name (title, first and last name in one cell)",
               "Profession": "provider.specialty",
               "Registration Number": "provider.license_number", "Email": "provider.email",
               "Phone": "provider.phone"}
    pr_rows = [[prid[i], f"{'Dr ' if i == 0 else ''}{p.first} {p.last}",
                rng.choice(("Physiotherapist", "Osteopath", "Acupuncturist")),
                f"{rng.randrange(10000, 99999)}", f"{p.first.lower()}@halaxy-clinic.example.nz",
                _nz_phone(rng, "Mobile")] for i, p in enumerate(w.providers)]
    practitioners = Table("Practitioners.csv", "provider", pr_cols, pr_rows, {"provider": 3})
    cl_cols = {"Clinic ID": "company.source_id", "Clinic Name": "company.name",
               "Address": "company.address_line1", "City": "company.city",
               "Phone": "company.phone"}
    clinic = Table("Clinics.csv", "company", cl_cols, [list(c) for c in clinics], {"company": 2})
    ap_cols = {"Appointment ID": "appointment.source_id", "Start": "appointment.starts_at",
               "End": "appointment.ends_at", "Patient ID": "appointment.patient_source_id",
               "Patient Name": "drop", "Practitioner ID": "appointment.provider_source_id",
               "Clinic": "appointment.company_source_id",
               "Appointment Type": "appointment.appointment_type",
               "Status": "appointment.status", "Invoice Status": "custom"}
    years: dict[int, list[list[str]]] = {2024: [], 2025: []}
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        years[v.start.year].append([
            f"AP-{88_000_000 + 13 * k}", v.start.strftime("%d/%m/%Y %H:%M"),
            (v.start + timedelta(minutes=v.minutes)).strftime("%d/%m/%Y %H:%M"), pid[v.patient],
            f"{p.first} {p.last}", prid[v.provider], rng.choice(clinics)[0], v.kind,
            HALAXY_STATUS[v.status], rng.choice(("Paid", "Unpaid", ""))])
    orphan = list(years[2025][5])
    orphan[0], orphan[3], orphan[4] = "AP-99999999", "PT-99999999", "Unknown Patient"
    years[2025].append(orphan)
    appts = [Table(f"Appointments {y}.csv", "appointment", ap_cols, r,
                   {"appointment": len(r) - (y == 2025)},
                   bad_rows=[{"row": len(r), "reason": "orphan: patient PT-99999999 is not in "
                              "the export"}] if y == 2025 else [],
                   notes=["one table split over two files, one per year"])
             for y, r in years.items()]
    rf_cols = {"Referral ID": "referral.source_id", "Patient ID": "referral.patient_source_id",
               "Referral Type": "referral.referral_type", "Referrer": "referral.referrer_name",
               "Referral Date": "referral.referred_at", "Expiry Date": "custom",
               "Sessions": "custom"}
    rf_rows = [[f"RF-{5_500_000 + k}", pid[i], rng.choice(("GP", "Self", "Specialist", "ACC")),
                rng.choice(("Dr M. Walker", "Dr S. Tran", "")), fmt.dmy(w.patients[i].created
                                                                      .date()),
                fmt.dmy(w.patients[i].created.date() + timedelta(days=365)),
                str(rng.choice((6, 10, 12)))]
               for k, i in enumerate(range(0, len(w.patients), 3))]
    referrals = Table("Referrals.csv", "referral", rf_cols, rf_rows, {"referral": len(rf_rows)})
    meta = {"export": "halaxy-nz", "vendor": "Halaxy", "country": "NZ", "currency": "NZD",
            "date_order": "DMY", "half": "holdout"}
    return meta, [patients, practitioners, clinic, *appts, referrals]
