"""splose (Australia, allied health and NDIS): the web app's CSV exports. 19-digit ids;
ISO dates of birth; NDIS participants with their NDIS number, funding type and plan dates on the
client's row (the scheme, not a column, names the funder) beside the referral (a support
coordinator); the contacts list mixing organisations (plan managers, support coordination
providers, GP clinics) with a client's personal contacts; appointments split over two files
(one per year), with date, start and end in separate columns and 12-hour times, the case and
NDIS line item in the service name, support activities (report writing, no client present)
among appointments; invoices with `$1,234.50` amounts; a client archived rather than deleted
and appointments of a client removed from the list; timestamps in UTC with `Z`; LF line ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

LF = Layout(newline="\n")
SYDNEY_UTC = timedelta(hours=10)  # AEST; near enough for synthetic data
STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled", "no_show": "Did not arrive"}
SERVICES = ("Occupational Therapy - 15_056_0128_1_3", "Speech Pathology - 15_622_0128_1_3",
            "Physiotherapy - 15_055_0128_1_3", "Initial Assessment - OT",
            "Private Physiotherapy Consult")
ACTIVITIES = ("Report writing - 15_056_0128_1_3", "NDIS progress report",
              "Provider travel - non-labour costs")
FUNDING = ("NDIA managed", "Plan managed", "Plan managed", "Self managed")
ORGS = (("Plan manager", "Plan Partners"), ("Plan manager", "My Plan Manager"),
        ("Plan manager", "Leap in!"), ("Plan manager", "Moira Plan Management"),
        ("Support coordination", "Connect Support Coordination"),
        ("Support coordination", "Life Without Barriers"),
        ("Support coordination", "Ability Links Coordinators"),
        ("GP clinic", "Bondi Road Medical Centre"), ("GP clinic", "Newtown Family Practice"),
        ("School", "Randwick Public School"), ("Local Area Coordinator", "Uniting LAC"))


def _big(rng: Any) -> str:
    return str(rng.randrange(10**18, 9 * 10**18))


def _utc(t: datetime) -> str:
    return (t - SYDNEY_UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def splose_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/splose-au", "au", patients=94, providers=5, staff=2,
                   visits=245, start=date(2024, 3, 4))
    rng = w.rng
    ids = [_big(rng) for _ in w.patients]
    org_ids = [_big(rng) for _ in ORGS]
    coords = [f"{first} {last}" for first, last in (("Jess", "Morgan"), ("Tom", "Nguyen"), ("Priya", "Das"),
                                      ("Kate", "Fraser"))]
    prac = [f"{p.first} {p.last}" for p in w.providers]
    cols = {
        "Client ID": "patient.source_id", "First name": "patient.first_name",
        "Middle name": "patient.middle_name", "Last name": "patient.last_name",
        "Preferred name": "patient.preferred_name", "Date of birth": "patient.date_of_birth",
        "Gender": "patient.sex", "Pronouns": "custom", "Email": "patient.email",
        "Mobile": "patient.phone_mobile", "Phone": "patient.phone_home",
        "Street address": "patient.address_line1", "Suburb": "patient.city",
        "State": "patient.state", "Postcode": "patient.postal_code",
        "NDIS number": "insurance.member_id (NDIS participant number; the NDIS is the funder)",
        "Funding type": "insurance.plan_type",
        "Plan start": "insurance.effective_from", "Plan end": "insurance.effective_to",
        "Plan manager": "custom", "Referral source": "referral.referral_type",
        "Referred by": "referral.referrer_name", "Referral date": "referral.referred_at",
        "Client alert": "custom", "Archived": "patient.status (true: inactive)",
        "Created at": "patient.created_at",
    }
    rows: list[list[Any]] = []
    ndis = refs = 0
    cases: list[str] = []
    for i, p in enumerate(w.patients):
        on_ndis = rng.random() < .7
        cases.append("NDIS 2024-25" if on_ndis else "Private")
        ndis += on_ndis
        ref = rng.random() < .55
        refs += ref
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 365))
        funding = rng.choice(FUNDING) if on_ndis else ""
        rows.append([
            ids[i], p.first, p.middle, p.last, p.preferred, fmt.iso(p.dob),
            {"female": "Female", "male": "Male", "other": "Non-binary",
             "unknown": "Prefer not to say"}[p.sex],
            rng.choice(("she/her", "he/him", "they/them", "")), p.email, p.mobile, p.home,
            p.line1, p.city, p.state, p.postcode,
            f"43{rng.randrange(10**6, 10**7)}" if on_ndis else "", funding,
            fmt.iso(start) if on_ndis else "",
            fmt.iso(start + timedelta(days=365)) if on_ndis else "",
            rng.choice(ORGS[:4])[1] if funding == "Plan managed" else "",
            rng.choice(("Support coordinator", "GP", "Self", "Family")) if ref else "",
            rng.choice(coords) if ref else "",
            fmt.iso(p.created.date() - timedelta(days=rng.randrange(3, 40))) if ref else "",
            rng.choice(("", "", "", "Dog on premises", "Needs wheelchair access")),
            "true" if rng.random() < .08 else "false", _utc(p.created)])
    clients = Table("clients-export.csv", "patient", cols, rows,
                    {"patient": len(rows), "insurance": ndis, "referral": refs}, layout=LF,
                    notes=["19-digit client ids",
                           "one row, up to three records: the client, their NDIS plan and "
                           "the referral", "Archived clients stay (inactive)"])
    ct_cols = {"Contact ID": "company.source_id", "Contact type": "company.industry "
                                                                   "(Personal routes to drop)",
               "Organisation": "company.name", "First name": "drop", "Last name": "drop",
               "Relationship": "drop", "Email": "company.email", "Phone": "company.phone",
               "Address": "company.address_line1 (street, suburb, state and postcode in one "
                          "cell)", "ABN": "custom", "Website": "company.website"}
    ct_rows, personal = [], []
    for k, (kind, name) in enumerate(ORGS):
        slug = name.lower().replace(" ", "").replace("!", "")
        ct_rows.append([org_ids[k], kind, name, "", "", "", f"admin@{slug}.example.com.au",
                        f"1300 {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
                        f"{rng.randrange(1, 300)} {rng.choice(('George St', 'Oxford St'))}, "
                        f"Sydney NSW 2000", f"{rng.randrange(10, 99)} {rng.randrange(100, 999)}"
                        f" {rng.randrange(100, 999)} {rng.randrange(100, 999)}",
                        f"https://www.{slug}.example.com.au"])
        if k % 3 == 1:
            p = w.patients[rng.randrange(len(w.patients))]
            ct_rows.append([_big(rng), "Personal", "", rng.choice(("Sarah", "Mark", "Leanne")),
                            p.last, rng.choice(("Mother", "Father", "Guardian")),
                            f"parent.{p.last.lower().replace(' ', '')}@example.net".replace(
                                "'", ""), p.mobile, "", "", ""])
            personal.append({"row": len(ct_rows), "reason": "a client's personal contact "
                             "(parent or guardian): not an organisation (routed to drop)"})
    contacts = Table("contacts-export.csv", "company", ct_cols, ct_rows,
                     {"company": len(ORGS)}, bad_rows=personal, layout=LF,
                     routed={"column": "Contact type", "values": {"Personal": "drop"},
                             "why": "personal contacts are people around a client"},
                     notes=["plan managers, support coordination providers, GP clinics"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Client ID": "appointment.patient_source_id", "Client": "drop",
               "Practitioner": "appointment.provider_source_id (by name)",
               "Type": "drop",
               "Service": "appointment.appointment_type", "Case": "custom",
               "Location": "appointment.location",
               "Date": "appointment.starts_at (date part, dd/mm/yyyy)",
               "Start time": "appointment.starts_at (time part, 12-hour)",
               "End time": "appointment.ends_at (time part, on Date)",
               "Status": "appointment.status", "Notes": "appointment.notes",
               "Created at": "appointment.created_at"}
    per_year: dict[int, list[list[str]]] = {2024: [], 2025: []}
    bad: dict[int, list[dict]] = {2024: [], 2025: []}
    for k, v in enumerate(w.visits):
        year = v.start.year
        table = per_year[year]
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        table.append([_big(rng), ids[v.patient], f"{p.first} {p.last}", prac[v.provider],
                      "Appointment", rng.choice(SERVICES) if cases[v.patient] != "Private"
                      else SERVICES[4], cases[v.patient] if rng.random() < .9 else "",
                      rng.choice(("Bondi Junction", "Home visit", "Telehealth")),
                      fmt.dmy(v.start.date()), fmt.time12(v.start), fmt.time12(end),
                      STATUS[v.status], v.note, _utc(v.start - timedelta(days=10))])
        if k % 30 == 13:
            t = v.start.replace(hour=16, minute=0)
            table.append([_big(rng), ids[v.patient], f"{p.first} {p.last}",
                          prac[v.provider], "Support activity", rng.choice(ACTIVITIES),
                          cases[v.patient], "", fmt.dmy(t.date()), fmt.time12(t),
                          fmt.time12(t + timedelta(minutes=45)), "Completed", "",
                          _utc(t)])
            bad[year].append({"row": len(table), "reason": "support activity (report "
                              "writing, travel): billable work with no client present, not "
                              "an appointment (routed to drop)"})
        if k in (60, 190):
            table.append([_big(rng), _big(rng), "Removed Client", prac[v.provider],
                          "Appointment", SERVICES[0], "", "Bondi Junction",
                          fmt.dmy(v.start.date()), "5:00 pm", "5:45 pm", "Completed", "",
                          _utc(v.start)])
            bad[year].append({"row": len(table), "reason": "orphan: the client id is not in "
                              "clients-export.csv (client deleted)"})
    appointments = [Table(f"appointments-{y}.csv", "appointment", ap_cols, per_year[y],
                          {"appointment": len(per_year[y]) - len(bad[y])}, bad_rows=bad[y],
                          layout=LF, routed={"column": "Type",
                                             "values": {"Support activity": "drop"},
                                             "why": "support activities are not "
                                                    "appointments"},
                          notes=["one table over two files, one per calendar year",
                                 "Did not arrive: no-show"])
                    for y in (2024, 2025)]
    in_cols = {"Invoice number": "billing.source_id", "Client ID": "billing.patient_source_id",
               "Client": "drop", "Bill to": "custom", "Issue date": "drop",
               "Due date": "drop", "Total": "drop", "Amount paid": "billing.last_payment_amount",
               "Amount outstanding": "billing.outstanding_balance",
               "Status": "billing.billing_status", "Last payment date":
               "billing.last_payment_date"}
    in_rows: list[list[str]] = []
    for i in range(0, len(w.patients)):
        if rng.random() < .3:
            continue
        p = w.patients[i]
        issued = date(2024, 3, 10) + timedelta(days=rng.randrange(0, 420))
        total = money(rng, 1900) + 90
        state = rng.choice(("Paid", "Paid", "Paid", "Unpaid", "Overdue", "Partially paid"))
        paid = total if state == "Paid" else (total / 2).quantize(Decimal("0.01")) \
            if state == "Partially paid" else Decimal(0)
        in_rows.append([f"INV-{len(in_rows) + 1207:06d}", ids[i], f"{p.first} {p.last}",
                        rng.choice(("Client", "NDIA", "Plan Partners", "My Plan Manager")),
                        fmt.dmy(issued), fmt.dmy(issued + timedelta(days=14)), fmt.money(total),
                        fmt.money(paid), fmt.money(total - paid), state,
                        fmt.dmy(issued + timedelta(days=5)) if paid else ""])
    invoices = Table("invoices-export.csv", "billing", in_cols, in_rows,
                     {"billing": len(in_rows)}, layout=LF)
    us_cols = {"User ID": "provider.source_id", "First name": "provider.first_name",
               "Last name": "provider.last_name", "Email": "provider.email",
               "Role": "provider.role", "Profession": "provider.specialty",
               "AHPRA number": "provider.license_number",
               "NDIS worker screening number": "custom", "Archived": "provider.active "
                                                                     "(true: inactive)"}
    profs = ("Occupational Therapist", "Occupational Therapist", "Speech Pathologist",
             "Physiotherapist", "Physiotherapist")
    ahpra = ("OCC", "OCC", "", "PHY", "PHY")
    people = w.providers + w.staff
    us_rows = [[_big(rng), p.first, p.last, f"{p.first.lower()}@thrivetherapy.example.com.au",
                "Owner" if i == 0 else "Practitioner" if i < 5 else "Admin",
                profs[i] if i < 5 else "", f"{ahpra[i]}000{rng.randrange(1000000, 9999999)}"
                if i < 5 and ahpra[i] else "", str(rng.randrange(10**7, 10**8)) if i < 5
                else "", "true" if i == 4 else "false"] for i, p in enumerate(people)]
    users = Table("users-export.csv", "provider", us_cols, us_rows, {"provider": len(us_rows)},
                  layout=LF, notes=["speech pathologists are not AHPRA-registered (blank)"])
    meta = {"export": "splose-au", "vendor": "splose", "country": "AU", "currency": "AUD",
            "date_order": "DMY", "half": "holdout3"}
    return meta, [clients, contacts, *appointments, invoices, users]
