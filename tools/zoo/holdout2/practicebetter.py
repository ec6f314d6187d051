"""Practice Better (Canada): web-app exports. The client list as a CSV (UTF-8 with BOM) and
again as its XLSX twin; Prospective clients beside clients; sessions in UTC with `Z` and a
duration in minutes; a session's client named by email; invoices with prefixed numbers."""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.zoo import fmt
from tools.zoo.holdout2.common import full, object_id
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

TORONTO_UTC = timedelta(hours=5)  # EST; near enough for synthetic data
STATUS = {"completed": "Completed", "arrived": "Completed", "booked": "Upcoming",
          "cancelled": "Cancelled", "no_show": "No-Show"}
TAGS = ("gut health", "IBS", "prenatal", "weight management", "thyroid", "sports nutrition",
        "referral: Dr. Lee", "newsletter")


def _utc(t: datetime) -> str:
    return (t + TORONTO_UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def practicebetter_ca() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/practicebetter-ca", "ca", patients=78, providers=3, staff=1,
                   visits=180)
    rng = w.rng
    ids = [object_id(rng) for _ in w.patients]
    status = rng.choices(("Active", "Deactivated", "Prospective"), (78, 12, 10), k=len(ids))
    creds = ("RHN", "ND", "RD")
    names = [f"{p.first} {p.last}, {creds[i]}" for i, p in enumerate(w.providers)]
    cols = {
        "Client ID": "patient.source_id", "First Name": "patient.first_name",
        "Last Name": "patient.last_name", "Email": "patient.email",
        "Mobile Phone": "patient.phone_mobile", "Date of Birth": "patient.date_of_birth",
        "Gender": "patient.sex",
        "Address": "patient.address_line1 (street, city, province and postal code in one cell)",
        "Time Zone": "drop",
        "Status": "patient.status (Prospective routes to lead)",
        "Tags": "custom", "Primary Practitioner": "patient.primary_provider_source_id (by name)",
        "Date Added": "patient.created_at", "Last Session": "drop",
    }
    rows = []
    for i, p in enumerate(w.patients):
        tags = ", ".join(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))))
        dob = p.dob.strftime("%b %d, %Y") if status[i] != "Prospective" or rng.random() < .5 \
            else ""
        rows.append([
            ids[i], p.first, p.last, p.email, p.mobile, dob,
            {"female": "Female", "male": "Male", "other": "Non-binary", "unknown": ""}[p.sex],
            f"{p.line1}, {p.city}, {p.state} {p.postcode}" if status[i] != "Prospective" else "",
            "America/Toronto" if p.state in ("ON", "QC") else "America/Vancouver",
            status[i], tags, names[i % 3] if status[i] != "Prospective" else "",
            _utc(p.created), ""])
    leads = status.count("Prospective")
    routed = {"column": "Status", "values": {"Prospective": "lead"},
              "why": "Prospective clients requested a booking or filled a form; not yet clients"}
    clients = Table("client-list-export.csv", "patient", cols, rows,
                    {"patient": len(rows) - leads, "lead": leads}, routed=routed,
                    layout=Layout(encoding="utf-8-sig"),
                    notes=["Client ID is a 24-hex document id", "Tags: several values in one "
                           "cell, comma-separated", "Deactivated: portal access removed, the "
                           "record kept (still a patient)"])
    twin = Table("client-list-export.xlsx#Clients", "patient", dict(cols), [list(r) for r in rows],
                 {"patient": len(rows) - leads, "lead": leads}, routed=routed,
                 twin_of="client-list-export.csv",
                 notes=["the same client list downloaded again as Excel: read once"])
    clients_only = [i for i, s in enumerate(status) if s != "Prospective"]
    s_cols = {"Session ID": "appointment.source_id", "Client": "drop",
              "Client Email": "appointment.patient_source_id (by email)",
              "Practitioner": "appointment.provider_source_id (by name)",
              "Service": "appointment.appointment_type",
              "Start Time (UTC)": "appointment.starts_at",
              "Duration": "appointment.ends_at (start plus duration)",
              "Location": "appointment.location", "Status": "appointment.status",
              "Session Notes": "appointment.notes", "Booked On": "appointment.created_at"}
    s_rows, bad = [], []
    gone = [("Hélène", "Dubois"), ("Marc", "Ouellet")]
    for k, v in enumerate(w.visits):
        pi = clients_only[v.patient % len(clients_only)]
        p = w.patients[pi]
        s_rows.append([object_id(rng), full(p), p.email, names[v.provider],
                       rng.choice(("Initial Consultation (90 min)", "Follow-up Session",
                                   "Meal Plan Review")), _utc(v.start), f"{v.minutes} min",
                       rng.choice(("In Person - Toronto", "Virtual (Telehealth)")),
                       STATUS[v.status], v.note, _utc(v.start - timedelta(days=12))])
        if k % 60 == 30:
            first, last = gone[k // 60 % 2]
            s_rows.append([object_id(rng), f"{first} {last}",
                           f"{first.lower().replace('é', 'e')}.{last.lower()}@example.net",
                           names[0], "Follow-up Session", _utc(v.start + timedelta(hours=2)),
                           "45 min", "Virtual (Telehealth)", "Completed", "", _utc(v.start)])
            bad.append({"row": len(s_rows), "reason": "orphan: the client was deleted "
                        "(email not in the client list)"})
    sessions = Table("sessions-export.csv", "appointment", s_cols, s_rows,
                     {"appointment": len(s_rows) - len(bad)}, bad_rows=bad,
                     notes=["times in UTC with Z; the clinic is in Toronto",
                            "the client is named by email, not by id"])
    pr_cols = {"Name": "provider.last_name (full name with credential in one column)",
               "Email": "provider.email", "Role": "provider.role",
               "Credentials": "provider.credentials", "Practitioner": "provider.active "
               "(Yes: a practitioner seat)"}
    people = w.providers + w.staff
    pr_rows = [[names[i] if i < 3 else full(p), f"{p.first.lower()}@nourish.example.ca",
                "Owner" if i == 0 else "Practitioner" if i < 3 else "Assistant",
                creds[i] if i < 3 else "", "Yes" if i < 3 else "No"]
               for i, p in enumerate(people)]
    team = Table("team-members.csv", "provider", pr_cols, pr_rows, {"provider": len(pr_rows)},
                 notes=["no id column: sessions and clients name the practitioner"])
    in_cols = {"Invoice #": "billing.source_id", "Client ID": "billing.patient_source_id",
               "Client Name": "drop", "Invoice Date": "drop", "Due Date": "drop",
               "Total": "drop", "Amount Paid": "billing.last_payment_amount",
               "Balance Due": "billing.outstanding_balance", "Status": "billing.billing_status",
               "Currency": "billing.currency", "Last Payment": "billing.last_payment_date"}
    in_rows = []
    for n, i in enumerate(clients_only[::2]):
        p, total = w.patients[i], money(rng, 400)
        paid = total if rng.random() < .7 else money(rng, int(total)) if total >= 1 else total
        day = p.created.date() + timedelta(days=30 + n)
        in_rows.append([f"INV-{1040 + n:05d}", ids[i], full(p), fmt.iso(day),
                        fmt.iso(day + timedelta(days=14)), fmt.money(total),
                        fmt.money(paid), fmt.money(total - paid),
                        "Paid" if paid == total else "Partially Paid" if paid else "Unpaid",
                        "CAD", fmt.iso(day + timedelta(days=3)) if paid else ""])
    invoices = Table("invoices-export.csv", "billing", in_cols, in_rows,
                     {"billing": len(in_rows)})
    meta = {"export": "practicebetter-ca", "vendor": "Practice Better", "country": "CA",
            "currency": "CAD", "date_order": "MDY", "half": "holdout2"}
    return meta, [clients, twin, sessions, team, invoices]
