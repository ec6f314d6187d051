"""Owl Practice (Canada, counselling and psychotherapy): files from its reports, not a data
export. Title lines with the practice and who ran the report, the header again after every
page, totals at the end; no ids anywhere: the client list names clients `Last, First`, the
session report `First Last`, the balances report again by name; month-first dates with
12-hour times and durations in minutes; prospects and waitlisted people in the client list
(leads, not clients); primary and secondary insurance side by side with the referral source;
phones with extensions; the balances report as Excel "Unicode Text" (UTF-16, tab-separated)
with credits in parentheses; the client log of calls, e-mails and letters; admin blocks and
a lunch hour in the session report."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

PRACTICE = "Maplewood Counselling Group"
RUN = ["Generated Jun 3, 2025 1:47 PM by Office Admin"]
ATTEND = {"completed": "Attended", "arrived": "Attended", "booked": "",
          "cancelled": "Cancelled", "no_show": "No Show"}
SERVICES = ("Individual Psychotherapy (50 min)", "Individual Psychotherapy (50 min)",
            "Couples Therapy (80 min)", "Intake Assessment", "Child & Youth Session")
INSURERS = ("Sun Life", "Manulife", "Canada Life", "Green Shield Canada", "Blue Cross",
            "Desjardins Insurance")
SOURCES = ("Psychology Today", "Family physician - Dr. Anita Rao", "EAP (TELUS Health)",
           "Word of mouth", "Google", "Self-referred")


def _when(t: datetime) -> str:
    return f"{fmt.mdy(t.date())} {fmt.time12(t, upper=True)}"


def _cad(amount: Decimal) -> str:
    return fmt.money(amount, "$", negative="()")


def owl_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/owl-ca", "ca", patients=104, providers=5, staff=1,
                   visits=250)
    rng = w.rng
    creds = ("C.Psych.", "RP", "RSW", "RP (Qualifying)", "MACP, CCC")
    therapists = [f"{p.first} {p.last}, {creds[i]}" for i, p in enumerate(w.providers)]
    status = rng.choices(("Active", "Inactive", "Discharged", "Prospect", "Waitlist"),
                         (68, 10, 10, 7, 5), k=len(w.patients))
    clients = [i for i, s in enumerate(status) if s not in ("Prospect", "Waitlist")]
    cols = {
        "Client": "patient.last_name (Last, First in one column)",
        "Preferred Name": "patient.preferred_name", "Date of Birth": "patient.date_of_birth",
        "Gender": "patient.sex", "Status": "patient.status (Prospect and Waitlist route to "
                                           "lead)",
        "Primary Therapist": "patient.primary_provider_source_id (by name with credentials)",
        "Phone": "patient.phone_mobile", "Work Phone": "patient.phone_work",
        "Email": "patient.email",
        "Address": "patient.address_line1 (street, city, province and postal code in one "
                   "cell)",
        "Primary Insurance": "insurance.carrier_name (primary)",
        "Primary Policy #": "insurance.member_id (primary)",
        "Secondary Insurance": "insurance.carrier_name (secondary)",
        "Secondary Policy #": "insurance.member_id (secondary)",
        "Referral Source": "referral.referrer_name", "Balance Owing": "drop",
        "Client Since": "patient.created_at",
    }
    rows: list[list[Any]] = []
    ins = refs = 0
    for i, p in enumerate(w.patients):
        lead = status[i] in ("Prospect", "Waitlist")
        first = not lead and rng.random() < .55
        second = first and rng.random() < .25
        src = rng.choice(SOURCES) if not lead and rng.random() < .6 else ""
        ins += first + second
        refs += bool(src)
        work = f"{p.work} x{rng.randrange(100, 999)}" if p.work and rng.random() < .6 \
            else p.work
        rows.append([
            f"{p.last}, {p.first}", p.preferred,
            fmt.mdy(p.dob) if not lead else "",
            {"female": "Female", "male": "Male", "other": "Non-binary"}.get(p.sex, ""),
            status[i], therapists[i % 5] if not lead else "", p.mobile, work if not lead
            else "", p.email,
            f"{p.line1}, {p.city}, {p.state} {p.postcode}" if not lead else "",
            rng.choice(INSURERS) if first else "",
            f"{rng.randrange(10**6, 10**7)}-{rng.randrange(10, 99)}" if first else "",
            rng.choice(INSURERS) if second else "",
            f"{rng.randrange(10**6, 10**7)}" if second else "", src,
            _cad(money(rng, 300)) if not lead and rng.random() < .3 else "$0.00",
            p.created.strftime("%b %d, %Y")])
    leads = len(w.patients) - len(clients)
    routed = {"column": "Status", "values": {"Prospect": "lead", "Waitlist": "lead"},
              "why": "prospects and waitlisted people have not started as clients"}
    client_list = Table(
        "Client List.csv", "patient", cols, rows,
        {"patient": len(clients), "lead": leads, "insurance": ins, "referral": refs},
        routed=routed,
        layout=Layout(title=[["Client List"], [PRACTICE], RUN, []],
                      footer=[[], [f"Total clients: {len(rows)}"]], repeat_header_every=40),
        notes=["report: title lines, the header again every 40 rows, a total line",
               "no client id: other reports name the client",
               "one row, up to four records: the client, two insurance policies and the "
               "referral source", "Discharged: treatment ended (inactive)"])
    se_cols = {"Date": "appointment.starts_at (date part, MM/DD/YYYY)",
               "Time": "appointment.starts_at (time part, 12-hour)",
               "Duration": "appointment.ends_at (start plus duration)",
               "Client": "appointment.patient_source_id (by name, First Last)",
               "Therapist": "appointment.provider_source_id (by name with credentials)",
               "Service": "appointment.appointment_type", "Location": "appointment.location",
               "Attendance": "appointment.status (blank: booked)", "Fee": "custom",
               "Paid": "custom"}
    se_rows, bad = [], []
    fees = Decimal(0)
    for k, v in enumerate(w.visits):
        p = w.patients[clients[v.patient % len(clients)]]
        fee = Decimal(rng.choice((150, 165, 190, 210)))
        fees += fee
        service = rng.choice(SERVICES)
        minutes = 80 if "Couples" in service else 60 if "Intake" in service else 50
        se_rows.append([fmt.mdy(v.start.date()), fmt.time12(v.start, upper=True),
                        f"{minutes} min", f"{p.first} {p.last}", therapists[v.provider], service,
                        rng.choice(("Office 2", "Office 3", "Video Session")),
                        ATTEND[v.status] if v.status != "cancelled" else
                        rng.choice(("Cancelled", "Late Cancel")), _cad(fee),
                        "Yes" if v.status == "completed" and rng.random() < .8 else "No"])
        if k % 60 == 44:
            block = rng.choice(("Lunch", "Admin Time"))
            se_rows.append([fmt.mdy(v.start.date()), "12:00 PM", "60 min", "",
                            therapists[v.provider], block, "", "", "$0.00", ""])
            bad.append({"row": len(se_rows), "reason": f"{block.lower()} blocked in the "
                        "calendar: no client, not a session"})
    sessions = Table("Session Report.csv", "appointment", se_cols, se_rows,
                     {"appointment": len(se_rows) - len(bad)}, bad_rows=bad,
                     layout=Layout(title=[["Session Report"], [PRACTICE],
                                          ["Jan 1, 2024 - Jun 30, 2025"], RUN, []],
                                   footer=[[], ["Total sessions", str(len(se_rows) - len(bad))],
                                           ["Total fees", _cad(fees)]],
                                   repeat_header_every=50),
                     notes=["no session id", "Late Cancel: cancelled", "blank attendance: "
                            "still to come (booked)"])
    ba_cols = {"Client": "billing.patient_source_id (by name, Last, First)",
               "Total Invoiced": "drop", "Total Paid": "drop",
               "Balance Owing": "billing.outstanding_balance",
               "Last Payment Date": "billing.last_payment_date",
               "Last Payment Amount": "billing.last_payment_amount",
               "Oldest Unpaid Invoice": "custom"}
    ba_rows = []
    for i in clients[::2]:
        p = w.patients[i]
        billed = money(rng, 2400) + 150
        owing = money(rng, 400) if rng.random() < .5 else Decimal(0)
        if rng.random() < .1:
            owing = -Decimal(rng.choice((45, 75, 150)))
        paid_on = p.created + timedelta(days=rng.randrange(30, 500))
        ba_rows.append([f"{p.last}, {p.first}", _cad(billed), _cad(billed - owing),
                        _cad(owing), fmt.mdy(paid_on.date()), _cad(money(rng, 200) + 20),
                        fmt.mdy((paid_on + timedelta(days=14)).date()) if owing > 0 else ""])
    balances = Table("Client Balances.txt", "billing", ba_cols, ba_rows,
                     {"billing": len(ba_rows)},
                     layout=Layout(encoding="utf-16", delimiter="\t"),
                     notes=["Excel Unicode Text: UTF-16 with BOM, tab-separated",
                            "credits in parentheses: ($45.00)", "no id: the client by name"])
    th_cols = {"Name": "provider.last_name (full name in one column)",
               "Credentials": "provider.credentials", "User Type": "provider.role",
               "Email": "provider.email", "Phone": "provider.phone",
               "Registration #": "provider.license_number", "Supervisor": "custom"}
    people = w.providers + w.staff
    regs = ("CPO #6021", "CRPO #012345", "OCSWSSW #834512", "CRPO #015582 (Q)",
            "CCPA #10234")
    th_rows = [[f"{p.first} {p.last}", creds[i] if i < 5 else "",
                "Practice Owner" if i == 0 else "Therapist" if i < 5 else "Office Admin",
                f"{p.first.lower()}@maplewoodcounselling.example.ca".replace("é", "e")
                .replace("ë", "e").replace("è", "e"),
                f"{p.work or p.mobile} x{200 + i}", regs[i] if i < 5 else "",
                f"{w.providers[0].first} {w.providers[0].last}" if i == 3 else ""]
               for i, p in enumerate(people)]
    team = Table("Therapists.csv", "provider", th_cols, th_rows, {"provider": len(th_rows)},
                 notes=["a supervisee (Qualifying) names the supervisor",
                        "sessions name the therapist with credentials"])
    lg_cols = {"Date": "communication.occurred_at (MM/DD/YYYY h:mm AM)",
               "Client": "communication.patient_source_id (by name, First Last)",
               "Log Type": "communication.channel", "Subject": "communication.subject",
               "Details": "communication.body", "Entered By": "communication.staff_source_id "
                                                             "(by name)",
               "Duration (min)": "communication.duration_minutes"}
    lg_rows = []
    for _ in range(140):
        p = w.patients[clients[rng.randrange(len(clients))]]
        when = datetime(2024, 1, 9, 9) + timedelta(days=rng.randrange(0, 500),
                                                  minutes=rng.randrange(0, 540))
        kind = rng.choice(("Phone Call", "Phone Call", "Email", "Letter", "Text Message"))
        by = rng.choice(people)
        lg_rows.append([_when(when), f"{p.first} {p.last}", kind,
                        rng.choice(("Rescheduling", "Insurance receipt request",
                                    "Check-in after missed session", "Referral letter to GP",
                                    "Intake questions")),
                        rng.choice(("Left voicemail, will call back.",
                                    "Client asked for receipts for 2024 for their insurer.",
                                    "Confirmed next session; client doing well.",
                                    "Letter sent with client consent.")),
                        f"{by.first} {by.last}",
                        str(rng.choice((5, 10, 15))) if kind == "Phone Call" else ""])
    logs = Table("Client Logs.csv", "communication", lg_cols, lg_rows,
                 {"communication": len(lg_rows)},
                 notes=["no direction column", "the client by name"])
    meta = {"export": "owl-ca", "vendor": "Owl Practice", "country": "CA", "currency": "CAD",
            "date_order": "MDY", "half": "holdout3"}
    return meta, [client_list, sessions, balances, team, logs]
