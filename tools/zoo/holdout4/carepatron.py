"""Carepatron (New Zealand, allied health): the workspace's CSV exports. UUID ids; clients with
a lead status on the same list (leads are not clients yet) and archived clients; NHI numbers;
ACC (accident compensation) claims as the funder with a claim number, where `Private` means
self-funded; date-times in UTC with `Z` (New Zealand is +12/+13); contacts holding referrers
beside family and emergency contacts (people related to a client, not referrals); appointments
with custom statuses, admin time with no client; notes as HTML with entities; invoices in NZ$
with a voided one; team members with roles."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout4.common import NZ_FIRST, NZ_LAST, NZ_PLACES, NZ_STREETS, nz_phone, zulu
from tools.zoo.world import NOTE_LINES, make_world, money
from tools.zoo.writers import Table

STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Confirmed",
          "cancelled": "Cancelled", "no_show": "No-show"}
SERVICES = ("Initial Physiotherapy Assessment", "Physiotherapy Follow-up",
            "ACC Physiotherapy Treatment", "Telehealth Review", "Pilates 1:1")


def _uuid(rng: Any) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _nzd(amount: Any) -> str:
    return fmt.money(amount, "NZ$")


def carepatron_nz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/carepatron-nz", "au", patients=108, providers=4, staff=2,
                   visits=215)
    rename(w, NZ_FIRST, NZ_LAST, NZ_PLACES, NZ_STREETS, nz_phone)
    rng = w.rng
    for person in w.patients:  # New Zealand writes the number first: `92 Ponsonby Road`
        person.line1 = " ".join(person.line1.rsplit(" ", 1)[::-1])
    ids = [_uuid(rng) for _ in w.patients]
    team = [f"{p.first} {p.last}" for p in w.providers]
    status = rng.choices(("Active", "Archived", "Lead"), (80, 10, 10), k=len(w.patients))
    clients = [i for i, s in enumerate(status) if s != "Lead"]
    cols = {
        "Id": "patient.source_id", "First name": "patient.first_name",
        "Last name": "patient.last_name", "Preferred name": "patient.preferred_name",
        "Email": "patient.email", "Phone number": "patient.phone_mobile",
        "Birth date": "patient.date_of_birth (YYYY-MM-DD)", "Sex": "patient.sex",
        "Gender identity": "custom", "Ethnicity": "custom", "NHI number": "custom",
        "Street address": "patient.address_line1", "City": "patient.city",
        "Region": "patient.state", "Postcode": "patient.postal_code",
        "Country": "patient.country",
        "Funder": "insurance.carrier_name ('Private' means self-funded: no insurer)",
        "ACC claim number": "insurance.member_id",
        "Status": "patient.status (Archived: inactive; Lead routes to lead)",
        "Tags": "custom", "Assigned staff": "patient.primary_provider_source_id (by name)",
        "Created": "patient.created_at (UTC, Z)",
    }
    rows: list[list[Any]] = []
    acc = 0
    for i, p in enumerate(w.patients):
        lead = status[i] == "Lead"
        funder = "Private" if lead or rng.random() < .5 else rng.choice(
            ("ACC", "ACC", "Southern Cross", "nib NZ"))
        acc += funder != "Private"
        rows.append([
            ids[i], p.first, p.last, "" if lead else rng.choice(("", "", "", "Bex", "Sam")),
            p.email, p.mobile, "" if lead else p.dob.isoformat(),
            "" if lead else {"female": "Female", "male": "Male"}.get(p.sex, "Other"),
            "" if lead else rng.choice(("", "", "Woman", "Man", "Non-binary")),
            "" if lead else rng.choice(("NZ European", "Māori", "Samoan", "Tongan", "Indian",
                                        "Chinese")),
            "" if lead else f"{''.join(rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in 'abc')}"
            f"{rng.randrange(1000, 9999)}", "" if lead else p.line1, p.city,
            p.state, "" if lead else p.postcode, "New Zealand", funder,
            f"{rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}{rng.randrange(10**5, 10**6)}"
            if funder == "ACC" else (str(rng.randrange(10**7, 10**8)) if funder != "Private"
                                     else ""), status[i],
            rng.choice(("", "", "ACC", "Pilates", "Sports")),
            "" if lead else team[i % 4], zulu(p.created)])
    patients = Table("clients.csv", "patient", cols, rows,
                     {"patient": len(clients), "lead": len(w.patients) - len(clients),
                      "insurance": acc},
                     routed={"column": "Status", "values": {"Lead": "lead"},
                             "why": "a lead has enquired but is not a client yet"},
                     notes=["one row, up to two records: the client and the funder (ACC or a "
                            "health insurer)", "Lead: a lead (name and contact details)"])
    ct_cols = {"Id": "referral.source_id", "Full name": "referral.referrer_name",
               "Relationship": "drop", "Related client": "referral.patient_source_id",
               "Email": "referral.referrer_email", "Phone": "referral.referrer_phone",
               "Organisation": "custom"}
    ct_rows, family = [], []
    for i in clients:
        if rng.random() < .45:
            continue
        rel = rng.choice(("Referrer", "Referrer", "GP", "Emergency contact", "Parent",
                          "Spouse"))
        other = rng.choice(NZ_FIRST) + " " + rng.choice(NZ_LAST)
        who = f"Dr {other}" if rel in ("Referrer", "GP") else other
        ct_rows.append([_uuid(rng), who, rel, ids[i],
                        f"{other.split()[0].lower()}@example.co.nz", nz_phone(rng, "work"),
                        rng.choice(("Ponsonby Medical Centre", "Takapuna Family Doctors", ""))
                        if rel in ("Referrer", "GP") else ""])
        if rel not in ("Referrer", "GP"):
            family.append({"row": len(ct_rows), "reason": f"{rel.lower()}: a person related "
                           "to the client, not a referral (routed to drop)"})
    contacts = Table("contacts.csv", "referral", ct_cols, ct_rows,
                     {"referral": len(ct_rows) - len(family)}, bad_rows=family,
                     routed={"column": "Relationship",
                             "values": {"Emergency contact": "drop", "Parent": "drop",
                                        "Spouse": "drop"},
                             "why": "family and emergency contacts are not referrers"},
                     notes=["referrers and GPs: the referral of the related client"])
    ap_cols = {"Id": "appointment.source_id", "Client id": "appointment.patient_source_id",
               "Client": "drop", "Staff": "appointment.provider_source_id (by name)",
               "Service": "appointment.appointment_type",
               "Start": "appointment.starts_at (UTC, Z)", "End": "appointment.ends_at (UTC, Z)",
               "Location": "appointment.location", "Status": "appointment.status",
               "Notes": "appointment.notes"}
    ap_rows, admin = [], []
    for k, v in enumerate(w.visits):
        i = clients[v.patient % len(clients)]
        p = w.patients[i]
        ap_rows.append([_uuid(rng), ids[i], f"{p.first} {p.last}", team[v.provider],
                        rng.choice(SERVICES), zulu(v.start),
                        zulu(v.start + timedelta(minutes=v.minutes)),
                        rng.choice(("Ponsonby Clinic", "Ponsonby Clinic", "Video call",
                                    "Client's home")), STATUS[v.status], v.note])
        if k % 40 == 33:
            ap_rows.append([_uuid(rng), "", "", team[v.provider], "Admin time",
                            zulu(v.start.replace(hour=16, minute=0)),
                            zulu(v.start.replace(hour=17, minute=0)), "Ponsonby Clinic",
                            "", "Notes and ACC forms"])
            admin.append({"row": len(ap_rows), "reason": "admin time blocked in the "
                          "calendar: no client"})
    appointments = Table("appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(admin)}, bad_rows=admin,
                         notes=["times in UTC: the clinic is in New Zealand"])
    nt_cols = {"Id": "clinical_note.source_id", "Client id": "clinical_note.patient_source_id",
               "Title": "clinical_note.title",
               "Content": "clinical_note.body (HTML with entities)",
               "Created by": "clinical_note.author_source_id (by name)",
               "Created at": "clinical_note.created_at (UTC, Z)"}
    nt_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(nt_rows) >= 110:
            continue
        a, b = rng.sample(NOTE_LINES, 2)
        i = clients[v.patient % len(clients)]
        nt_rows.append([_uuid(rng), ids[i], rng.choice(("SOAP note", "ACC treatment note",
                                                        "Progress note")),
                        f"<h3>Subjective</h3><p>{a.replace(';', ' &amp;')}</p><h3>Plan"
                        f"</h3><p>{b}</p><p>Pain &lt; 4/10 &ndash; review in 2/52</p>",
                        team[v.provider], zulu(v.start + timedelta(minutes=v.minutes))])
    notes = Table("notes.csv", "clinical_note", nt_cols, nt_rows,
                  {"clinical_note": len(nt_rows)})
    iv_cols = {"Invoice number": "billing.source_id", "Client id": "billing.patient_source_id",
               "Client": "drop", "Issue date": "custom", "Due date": "custom",
               "Total": "drop", "Amount paid": "billing.last_payment_amount",
               "Balance due": "billing.outstanding_balance (NZ$)",
               "Status": "billing.billing_status (Paid / Unpaid / Overdue; Void is none)"}
    iv_rows: list[list[str]] = []
    void: list[dict[str, Any]] = []
    for i in clients:
        if rng.random() < .55:
            continue
        p = w.patients[i]
        total = money(rng, 300) + 45
        paid = total if rng.random() < .5 else Decimal(0)
        issued = (p.created + timedelta(days=rng.randrange(5, 600))).date()
        st = "Paid" if paid == total else rng.choice(("Unpaid", "Overdue"))
        if len(iv_rows) % 17 == 9:
            st, paid = "Void", Decimal(0)
        iv_rows.append([f"INV-{len(iv_rows) + 1:04d}", ids[i], f"{p.first} {p.last}",
                        issued.isoformat(), (issued + timedelta(days=14)).isoformat(),
                        _nzd(total), _nzd(paid), _nzd(total - paid if st != "Void" else
                                                      Decimal(0)), st])
        if st == "Void":
            void.append({"row": len(iv_rows), "reason": "a voided invoice: nothing owed, "
                         "not a billing record"})
    invoices = Table("invoices.csv", "billing", iv_cols, iv_rows,
                     {"billing": len(iv_rows) - len(void)}, bad_rows=void,
                     notes=["one row an invoice", "NZ$115.00"])
    tm_cols = {"Id": "provider.source_id", "Name": "provider.last_name (full name)",
               "Email": "provider.email", "Role": "provider.role",
               "Profession": "provider.specialty",
               "Registration number": "provider.license_number",
               "Status": "provider.active (Active / Deactivated)"}
    roles = ("Owner", "Staff", "Staff", "Staff", "Admin", "Staff")
    jobs = ("Physiotherapist", "Physiotherapist", "Pilates Instructor", "Physiotherapist",
            "Practice Manager", "Receptionist")
    tm_rows = [[_uuid(rng), f"{p.first} {p.last}",
                f"{p.first.lower()}@ponsonbyphysio.example.co.nz", roles[i], jobs[i],
                f"{rng.randrange(70000, 79999)}" if jobs[i] == "Physiotherapist" else "",
                "Deactivated" if i == 5 else "Active"]
               for i, p in enumerate(w.providers + w.staff)]
    members = Table("team-members.csv", "provider", tm_cols, tm_rows,
                    {"provider": len(tm_rows)},
                    notes=["a practice manager and a receptionist beside clinicians"])
    meta = {"export": "carepatron-nz", "vendor": "Carepatron", "country": "NZ",
            "currency": "NZD", "date_order": "YMD", "half": "holdout4"}
    return meta, [patients, contacts, appointments, notes, invoices, members]
