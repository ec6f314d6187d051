"""Hold-out exports, part A: OpenEMR (EHI export CSVs), SimplePractice (US) and Cliniko (NZ,
API-shaped export). Built before the proposer changes were measured on them; measured once."""

from __future__ import annotations

from datetime import timedelta

from tools.zoo import fmt
from tools.zoo.world import ALLERGIES, CONDITIONS, FUNDS, NOTE_LINES, make_world, money
from tools.zoo.writers import Layout, Table

ICD10 = {"Asthma": "J45.909", "Type 2 diabetes": "E11.9", "Hypertension": "I10",
         "Pacemaker fitted": "Z95.0", "Epilepsy": "G40.909", "Osteoporosis": "M81.0",
         "Pregnancy": "Z33.1", "Anticoagulant therapy": "Z79.01"}
OEMR_STATUS = {"completed": ">", "arrived": "@", "booked": "-", "cancelled": "x", "no_show": "?"}


def openemr_ehi() -> tuple[dict, list[Table]]:
    w = make_world("zoo/openemr-ehi", "us", patients=100, providers=4, staff=2, visits=240)
    rng = w.rng
    pid = [str(i + 1) for i in range(len(w.patients))]
    cols = {
        "id": "drop", "pid": "patient.source_id", "pubpid": "patient.chart_number",
        "title": "custom", "fname": "patient.first_name", "mname": "patient.middle_name",
        "lname": "patient.last_name", "DOB": "patient.date_of_birth", "sex": "patient.sex",
        "ss": "drop", "street": "patient.address_line1", "city": "patient.city",
        "state": "patient.state", "postal_code": "patient.postal_code",
        "country_code": "patient.country", "phone_home": "patient.phone_home",
        "phone_biz": "patient.phone_work", "phone_cell": "patient.phone_mobile",
        "email": "patient.email", "providerID": "patient.primary_provider_source_id",
        "status": "custom", "hipaa_allowsms": "patient.contact_preference (with hipaa_allowemail)",
        "hipaa_allowemail": "patient.contact_preference (with hipaa_allowsms)",
        "deceased_date": "patient.status (deceased when set)", "regdate": "patient.created_at",
        "date": "patient.updated_at", "language": "custom", "race": "custom",
        "ethnicity": "custom",
    }
    rows = []
    for i, p in enumerate(w.patients):
        rows.append([
            str(500 + i * 3), pid[i], f"MRN{i + 1:06d}", rng.choice(("Mr.", "Mrs.", "Ms.", "")),
            p.first, p.middle, p.last, fmt.iso(p.dob),
            {"female": "Female", "male": "Male"}.get(p.sex, "UNK"),
            f"{rng.randrange(100, 899)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
            p.line1, p.city, p.state, p.postcode, "USA", p.home, p.work, p.mobile, p.email,
            str(rng.randrange(1, 5)), rng.choice(("married", "single", "divorced", "")),
            rng.choice(("YES", "NO", "")), rng.choice(("YES", "NO", "")),
            "2024-11-02" if rng.random() < .03 else "", fmt.iso_dt(p.created),
            fmt.iso_dt(p.created + timedelta(days=300)),
            rng.choice(("English", "Spanish", "english")), rng.choice(("white", "black", "asian",
                                                                        "declne_to_specfy")),
            rng.choice(("not_hisp_or_latin", "hisp_or_latin", ""))])
    patients = Table("patient_data.csv", "patient", cols, rows, {"patient": len(rows)},
                     notes=["pid is the patient id other tables use; id is the row's own key",
                            "status is the marital status, not a record status"])
    users_cols = {"id": "provider.source_id", "username": "custom", "fname":
                  "provider.first_name", "mname": "drop", "lname": "provider.last_name",
                  "npi": "provider.npi", "specialty": "provider.specialty",
                  "authorized": "provider.role (1: clinician)", "active": "provider.active",
                  "facility_id": "provider.company_source_id", "email": "provider.email",
                  "phonew1": "provider.phone", "info": "drop"}
    people = w.providers + w.staff
    users_rows = [[str(i + 1), f"{p.first[0]}{p.last}".lower().replace("'", "").replace(" ", ""),
                   p.first, p.middle, p.last, f"1{rng.randrange(10**8, 10**9)}" if i < 4 else "",
                   rng.choice(("Family Medicine", "Internal Medicine", "Pediatrics"))
                   if i < 4 else "", "1" if i < 4 else "0", "1",
                   str(rng.randrange(3, 5)), f"{p.first.lower()}@clinic.example.org", p.work or
                   p.mobile, ""] for i, p in enumerate(people)]
    users = Table("users.csv", "provider", users_cols, users_rows, {"provider": len(people)},
                  notes=["clinicians (authorized 1) beside front-desk users (authorized 0)"])
    usernames = [r[1] for r in users_rows]
    ev_cols = {
        "pc_eid": "appointment.source_id", "pc_catid": "custom",
        "pc_aid": "appointment.provider_source_id", "pc_pid": "appointment.patient_source_id",
        "pc_title": "appointment.appointment_type", "pc_time": "appointment.created_at",
        "pc_hometext": "appointment.notes", "pc_informant": "drop",
        "pc_eventDate": "appointment.starts_at (date part)", "pc_endDate": "drop",
        "pc_duration": "drop", "pc_recurrtype": "drop",
        "pc_startTime": "appointment.starts_at (time part)",
        "pc_endTime": "appointment.ends_at (time part, date from pc_eventDate)",
        "pc_apptstatus": "appointment.status", "pc_facility": "appointment.company_source_id",
        "pc_room": "appointment.location"}
    ev_rows, bad = [], []
    for k, v in enumerate(w.visits):
        end = v.start + timedelta(minutes=v.minutes)
        ev_rows.append([str(k + 1), rng.choice(("5", "9", "10")), str(v.provider + 1),
                        pid[v.patient], v.kind, fmt.iso_dt(v.start - timedelta(days=9)),
                        v.note, "1", fmt.iso(v.start.date()), "0000-00-00",
                        str(v.minutes * 60), "0", v.start.strftime("%H:%M:00"),
                        end.strftime("%H:%M:00"), OEMR_STATUS[v.status],
                        str(rng.randrange(3, 5)), rng.choice(("", "Exam 1", "Exam 2"))])
        if k % 40 == 7:  # the provider's own calendar: no patient, not a visit
            ev_rows.append([str(9000 + k), "8", str(v.provider + 1), "0", "Lunch",
                            fmt.iso_dt(v.start), "", "1", fmt.iso(v.start.date()),
                            "0000-00-00", "3600", "0", "12:00:00", "13:00:00", "", "3", ""])
            bad.append({"row": len(ev_rows), "reason": "provider calendar event (Lunch, "
                        "pc_pid 0): no patient, not an appointment"})
    events = Table("openemr_postcalendar_events.csv", "appointment", ev_cols, ev_rows,
                   {"appointment": len(w.visits)}, bad_rows=bad,
                   notes=["pc_apptstatus codes: - none, @ arrived, > checked out, x canceled, "
                          "? no show", "pc_duration in seconds"])
    lists_cols = {"id": "allergy_condition.source_id", "date": "allergy_condition.recorded_at",
                  "type": "allergy_condition.kind (medication and surgery rows route to drop)",
                  "title": "allergy_condition.name", "begdate": "custom", "enddate": "custom",
                  "diagnosis": "allergy_condition.code (with its code system as a prefix)",
                  "activity": "allergy_condition.clinical_status",
                  "pid": "allergy_condition.patient_source_id", "user": "drop",
                  "reaction": "custom"}
    lists_rows, dropped = [], []
    for i in range(0, len(w.patients), 2):
        p = w.patients[i]
        for _ in range(rng.choice((1, 2))):
            kind = rng.choice(("allergy", "medical_problem", "medical_problem", "medication",
                               "surgery"))
            name = {"allergy": rng.choice(ALLERGIES), "medical_problem": rng.choice(CONDITIONS),
                    "medication": rng.choice(("Metformin 500mg", "Lisinopril 10mg")),
                    "surgery": "Appendectomy"}[kind]
            code = {"allergy": "", "medical_problem": f"ICD10:{ICD10.get(name, '')}",
                    "medication": "RXCUI:860975", "surgery": ""}[kind]
            lists_rows.append([str(len(lists_rows) + 1), fmt.iso_dt(p.created), kind, name,
                               fmt.iso(p.created.date()), "", code,
                               rng.choice(("1", "1", "0")), pid[i], usernames[0],
                               rng.choice(("", "hives", "rash")) if kind == "allergy" else ""])
            if kind in ("medication", "surgery"):
                dropped.append({"row": len(lists_rows), "reason": f"{kind} list entry: not an "
                                "allergy or condition (routed to drop)"})
    lists = Table("lists.csv", "allergy_condition", lists_cols, lists_rows,
                  {"allergy_condition": len(lists_rows) - len(dropped)}, bad_rows=dropped,
                  routed={"column": "type", "values": {"medication": "drop", "surgery": "drop"},
                          "why": "lists holds allergies, problems, medications and surgeries"})
    pn_cols = {"id": "clinical_note.source_id", "date": "clinical_note.created_at",
               "body": "clinical_note.body", "pid": "clinical_note.patient_source_id",
               "user": "clinical_note.author_source_id (by username)", "groupname": "drop",
               "activity": "drop", "title": "clinical_note.title", "message_status": "custom"}
    pn_rows = [[str(k + 1), fmt.iso_dt(v.start + timedelta(minutes=v.minutes)),
                " ".join(rng.sample(NOTE_LINES, 2)), pid[v.patient], usernames[v.provider],
                "Default", "1", rng.choice(("Unassigned", "Lab Results", "Phone Call")),
                rng.choice(("Done", "New"))] for k, v in enumerate(w.visits[:110])]
    pnotes = Table("pnotes.csv", "clinical_note", pn_cols, pn_rows, {"clinical_note": 110})
    fac_cols = {"id": "company.source_id", "name": "company.name", "phone": "company.phone",
                "fax": "custom", "street": "company.address_line1", "city": "company.city",
                "state": "company.state", "postal_code": "company.postal_code",
                "country_code": "company.country", "email": "company.email",
                "facility_npi": "custom"}
    fac_rows = [["3", "Lakeside Family Practice", "(512) 555-0110", "(512) 555-0111",
                 "400 Lake Shore Dr", "Austin", "TX", "78703", "US", "front@lakeside.example.org",
                 "1234567893"],
                ["4", "Lakeside Pediatrics", "(512) 555-0120", "", "12 Elm St", "Austin", "TX",
                 "78704", "US", "", "1234567901"]]
    facility = Table("facility.csv", "company", fac_cols, fac_rows, {"company": 2})
    ic_cols = {"id": "company.source_id", "name": "company.name", "attn": "drop",
               "cms_id": "custom", "ins_type_code": "company.industry (payer type code)"}
    ic_rows = [[str(i + 1), name, "Claims Dept", f"{60054 + i * 7}", rng.choice(("1", "2", "8"))]
               for i, name in enumerate(FUNDS["us"])]
    companies = Table("insurance_companies.csv", "company", ic_cols, ic_rows,
                      {"company": len(ic_rows)}, notes=["payers: companies of the payer type"])
    ins_cols = {"id": "insurance.source_id", "type": "insurance.is_primary",
                "provider": "insurance.carrier_name (by id, from insurance_companies)",
                "plan_name": "insurance.plan_type", "policy_number": "insurance.member_id",
                "group_number": "insurance.group_number", "subscriber_lname": "custom",
                "subscriber_fname": "custom", "subscriber_relationship": "custom",
                "date": "insurance.effective_from", "pid": "insurance.patient_source_id",
                "copay": "insurance.copay"}
    ins_rows, empty = [], []
    for i, p in enumerate(w.patients):
        for rank in ("primary", "secondary"):
            filled = rank == "primary" and rng.random() < .75 or rank == "secondary" and \
                rng.random() < .15
            ins_rows.append([str(len(ins_rows) + 1), rank,
                             str(rng.randrange(1, 7)) if filled else "0",
                             rng.choice(("PPO", "HMO", "Medicare Advantage")) if filled else "",
                             f"W{rng.randrange(10**8, 10**9)}" if filled else "",
                             f"{rng.randrange(10000, 99999)}" if filled else "",
                             p.last if filled else "", p.first if filled else "",
                             "self" if filled else "", fmt.iso(p.created.date()) if filled
                             else "0000-00-00", pid[i], f"{money(rng, 40):.2f}" if filled
                             else "0.00"])
            if not filled:
                empty.append({"row": len(ins_rows), "reason": "empty coverage slot (OpenEMR "
                              "keeps a primary and a secondary row per patient)"})
    insurance = Table("insurance_data.csv", "insurance", ins_cols, ins_rows,
                      {"insurance": len(ins_rows) - len(empty)}, bad_rows=empty)
    meta = {"export": "openemr-ehi", "vendor": "OpenEMR", "country": "US", "currency": "USD",
            "date_order": "YMD", "half": "holdout"}
    return meta, [patients, users, events, lists, pnotes, facility, companies, insurance]


def simplepractice_us() -> tuple[dict, list[Table]]:
    w = make_world("zoo/simplepractice-us", "us", patients=90, providers=3, staff=1,
                   visits=200)
    rng = w.rng
    cid = [str(3_184_000 + 11 * i) for i in range(len(w.patients))]
    status = rng.choices(("Active", "Inactive", "Prospective"), (80, 12, 8), k=len(w.patients))
    creds = [rng.choice(("LCSW", "PsyD", "LMFT")) for _ in w.providers]
    cols = {
        "Client ID": "patient.source_id", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Preferred Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth", "Sex": "patient.sex",
        "Email": "patient.email", "Phone": "patient.phone_mobile",
        "Address": "patient.address_line1", "City": "patient.city", "State": "patient.state",
        "Zip": "patient.postal_code", "Client Status": "patient.status (Prospective routes "
                                                       "to lead)",
        "Primary Clinician": "patient.primary_provider_source_id (by name)",
        "Insurance Payer": "insurance.carrier_name (primary)",
        "Member ID": "insurance.member_id (primary)",
        "Group ID": "insurance.group_number (primary)",
        "Secondary Insurance Payer": "insurance.carrier_name (secondary)",
        "Secondary Member ID": "insurance.member_id (secondary)",
        "Secondary Group ID": "insurance.group_number (secondary)",
        "Emergency Contact": "custom", "Client Since": "patient.created_at",
    }
    rows, ins = [], 0
    for i, p in enumerate(w.patients):
        has1 = status[i] != "Prospective" and rng.random() < .7
        has2 = has1 and rng.random() < .2
        ins += has1 + has2
        dob = fmt.mdy(p.dob) if rng.random() > .1 else p.dob.strftime("%-m/%-d/%y")
        phone = p.mobile + (f" x{rng.randrange(100, 400)}" if rng.random() < .08 else "")
        rows.append([
            cid[i], p.first, p.last, p.preferred, dob, {"female": "Female", "male": "Male",
                                                         "other": "Nonbinary",
                                                         "unknown": ""}[p.sex],
            p.email, phone, p.line1, p.city, p.state, p.postcode, status[i],
            f"{w.providers[i % 3].first} {w.providers[i % 3].last}, {creds[i % 3]}",
            rng.choice(FUNDS["us"]) if has1 else "", f"U{rng.randrange(10**8, 10**9)}" if has1
            else "", f"{rng.randrange(100000, 999999)}" if has1 else "",
            rng.choice(FUNDS["us"]) if has2 else "", f"S{rng.randrange(10**7, 10**8)}" if has2
            else "", f"{rng.randrange(1000, 9999)}" if has2 else "", "",
            fmt.mdy(p.created.date())])
    leads = status.count("Prospective")
    clients = Table("client_list.csv", "patient", cols, rows,
                    {"patient": len(rows) - leads, "lead": leads, "insurance": ins},
                    routed={"column": "Client Status", "values": {"Prospective": "lead"},
                            "why": "SimplePractice's Prospective status: not yet a client"},
                    notes=["one row, up to three records: the client and primary and secondary "
                           "insurance side by side", "some birth dates with a two-digit year "
                           "(m/d/yy): never in the future"])
    cl_cols = {"Clinician": "provider.last_name (full name with credential in one column)",
               "Email": "provider.email", "NPI": "provider.npi", "License": "provider.license_number",
               "Role": "provider.role"}
    people = w.providers + w.staff
    cl_rows = [[f"{p.first} {p.last}" + (f", {creds[i]}" if i < 3 else ""),
                f"{p.first.lower()}@practice.example.com", f"1{rng.randrange(10**8, 10**9)}"
                if i < 3 else "", f"LIC-{rng.randrange(10000, 99999)}" if i < 3 else "",
                "Clinician" if i < 3 else "Biller"] for i, p in enumerate(people)]
    clinicians = Table("team_members.csv", "provider", cl_cols, cl_rows, {"provider": 4},
                       notes=["no id column: staff are named, and appointments name them"])
    ap_cols = {"ID": "appointment.source_id", "Date of Service": "appointment.starts_at "
               "(date part)", "Time": "appointment.starts_at (time part)",
               "Duration": "appointment.ends_at (start plus duration in minutes)",
               "Client": "drop", "Client ID": "appointment.patient_source_id",
               "Clinician": "appointment.provider_source_id (by name)",
               "Service Code": "appointment.appointment_type", "Location": "appointment.location",
               "Status": "appointment.status", "Fee": "custom"}
    word = {"completed": "Show", "arrived": "Show", "booked": "Scheduled",
            "cancelled": rng.choice(("Canceled", "Late Cancel")), "no_show": "No Show"}
    ap_rows = []
    for k, v in enumerate(w.visits):
        pr, p = w.providers[v.provider], w.patients[v.patient]
        ap_rows.append([str(k + 1), fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True),
                        str(v.minutes + 5 if v.minutes >= 45 else v.minutes),
                        f"{p.last.upper()}, {p.first}", cid[v.patient],
                        f"{pr.first} {pr.last}, {creds[v.provider]}",
                        rng.choice(("90834", "90837", "90791")),
                        rng.choice(("Telehealth", "Main Office")), word[v.status],
                        fmt.money(money(rng, 200))])
    appointments = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows)})
    bal_cols = {"Client ID": "billing.patient_source_id", "Client": "drop",
                "Client Balance": "billing.outstanding_balance",
                "Last Payment Date": "billing.last_payment_date",
                "Last Payment Amount": "billing.last_payment_amount"}
    bal_rows = []
    for i in range(0, len(w.patients), 2):
        if status[i] == "Prospective":
            continue
        p = w.patients[i]
        amount = money(rng, 300) * (-1 if rng.random() < .1 else 1)
        bal_rows.append([cid[i], f"{p.last.upper()}, {p.first}",
                         fmt.money(amount, negative="()"), fmt.mdy(p.created.date()),
                         fmt.money(money(rng, 150))])
    balances = Table("Client balances.txt", "billing", bal_cols, bal_rows,
                     {"billing": len(bal_rows)},
                     layout=Layout(encoding="utf-16", delimiter="\t"),
                     notes=["Excel \"Unicode Text\": UTF-16 with BOM, tab-separated, .txt",
                            "credits as ($45.00)", "no id column: one balance per client"])
    meta = {"export": "simplepractice-us", "vendor": "SimplePractice", "country": "US",
            "currency": "USD", "date_order": "MDY", "half": "holdout"}
    return meta, [clients, clinicians, appointments, balances]
