"""coreplus (Australia): a client workbook where dates of birth and referral dates are Excel
serial numbers; Medicare and a private health fund side by side on the client's row with the
referring GP; appointments with local times and their UTC offset (summer time changes it);
the aged debtors report as CSV with title lines and a total line (one balance per client, no
id of its own, credits as `-$12.00`); a group class row with no client."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout2.common import full
from tools.zoo.world import FUNDS, make_world, money
from tools.zoo.writers import Layout, Table

STATUS = {"completed": "Completed", "arrived": "Arrived", "booked": "Booked",
          "cancelled": "Cancelled", "no_show": "Did not arrive"}
GPS = ("Dr Anh Tran", "Dr Michael O'Connor", "Dr Priya Singh", "Dr Sarah Walker")


def _serial(d: date) -> int:
    """An Excel date serial (days since 1899-12-30), as a number cell."""
    return (d - date(1899, 12, 30)).days


def _offset(t: datetime) -> str:
    """Sydney: +11:00 from the first Sunday of October to the first Sunday of April."""
    def first_sunday(year: int, month: int) -> date:
        d = date(year, month, 1)
        return d + timedelta(days=(6 - d.weekday()) % 7)
    day = t.date()
    summer = day >= first_sunday(day.year, 10) or day < first_sunday(day.year, 4)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ("+11:00" if summer else "+10:00")


def coreplus_au() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/coreplus-au", "au", patients=86, providers=4, staff=1,
                   visits=200)
    rng = w.rng
    cid = [240 + 2 * i for i in range(len(w.patients))]
    prac = [f"{p.first} {p.last}" for p in w.providers]
    cols = {
        "Client ID": "patient.source_id", "Title": "custom", "First Name": "patient.first_name",
        "Middle Name": "patient.middle_name", "Last Name": "patient.last_name",
        "Preferred Name": "patient.preferred_name",
        "Date of Birth": "patient.date_of_birth (Excel serial number)",
        "Gender": "patient.sex", "Pronouns": "custom", "Status": "patient.status",
        "Mobile": "patient.phone_mobile", "Home Phone": "patient.phone_home",
        "Work Phone": "patient.phone_work", "Email": "patient.email",
        "Street Address": "patient.address_line1", "Suburb": "patient.city",
        "State": "patient.state", "Postcode": "patient.postal_code",
        "Medicare Card Number": "insurance.member_id (Medicare)",
        "Medicare IRN": "custom",
        "Health Fund": "insurance.carrier_name (private health fund)",
        "Health Fund Number": "insurance.member_id (private health fund)",
        "Referring Practitioner": "referral.referrer_name",
        "Referral Date": "referral.referred_at (Excel serial number)",
        "Created": "patient.created_at",
    }
    rows, medicare, funds, refs = [], 0, 0, 0
    for i, p in enumerate(w.patients):
        has_mc, has_fund, has_ref = rng.random() < .55, rng.random() < .3, rng.random() < .5
        medicare += has_mc
        funds += has_fund
        refs += has_ref
        rows.append([
            cid[i], rng.choice(("Mr", "Mrs", "Ms", "Miss", "Dr", None)), p.first,
            p.middle or None, p.last, p.preferred or None, _serial(p.dob),
            {"female": "Female", "male": "Male", "other": "Other"}.get(p.sex),
            rng.choice(("she", "he", "they", None, None)),
            rng.choice(("Current", "Current", "Current", "Closed", "Deceased"))
            if i % 9 == 0 else "Current", p.mobile, p.home or None, p.work or None, p.email,
            p.line1, p.city, p.state, p.postcode,
            f"{rng.randrange(2000, 6999)} {rng.randrange(10000, 99999)} {rng.randrange(1, 9)}"
            if has_mc else None, str(rng.randrange(1, 5)) if has_mc else None,
            rng.choice(FUNDS["au"]) if has_fund else None,
            f"{rng.randrange(10**7, 10**8)}" if has_fund else None,
            rng.choice(GPS) if has_ref else None,
            _serial(p.created.date() - timedelta(days=rng.randrange(1, 30))) if has_ref
            else None, p.created])
    clients = Table("Client export.xlsx#Clients", "patient", cols, rows,
                    {"patient": len(rows), "insurance": medicare + funds, "referral": refs},
                    notes=["dates of birth and referral dates are Excel serial numbers "
                           "(number cells), the created time a real date cell",
                           "one row, up to four records: the client, Medicare, the private "
                           "health fund and the GP referral"])
    ap_cols = {"Appointment ID": "appointment.source_id",
               "Client ID": "appointment.patient_source_id", "Client Name": "drop",
               "Practitioner": "appointment.provider_source_id (by name)",
               "Start": "appointment.starts_at", "End": "appointment.ends_at",
               "Service": "appointment.appointment_type", "Site": "appointment.location",
               "Status": "appointment.status", "Invoice Number": "custom",
               "Booked": "appointment.created_at"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(51200 + k), str(cid[v.patient]), full(p), prac[v.provider],
                        _offset(v.start), _offset(v.start + timedelta(minutes=v.minutes)),
                        rng.choice(("Physiotherapy Initial", "Physiotherapy Standard",
                                    "Exercise Physiology 1:1")),
                        rng.choice(("Bondi Junction", "Surry Hills")), STATUS[v.status],
                        f"INV{8000 + k}" if v.status == "completed" else "",
                        _offset(v.start - timedelta(days=7, hours=3))])
        if k % 55 == 17:
            ap_rows.append([str(59000 + k), "", "", prac[v.provider],
                            _offset(v.start.replace(hour=18, minute=0)),
                            _offset(v.start.replace(hour=19, minute=0)), "Pilates Group Class",
                            "Bondi Junction", "Booked", "", _offset(v.start)])
            bad.append({"row": len(ap_rows), "reason": "group class: no client on the row "
                        "(attendees are listed elsewhere), not an appointment"})
    appointments = Table("Appointments.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["local times with their UTC offset: +11:00 in summer time, "
                                "+10:00 otherwise"])
    db_cols = {"Client": "drop", "Client ID": "billing.patient_source_id",
               "Current": "drop", "31-60 Days": "drop", "61-90 Days": "drop",
               "90+ Days": "drop", "Total Owing": "billing.outstanding_balance",
               "Last Payment": "billing.last_payment_date", "Payer": "custom"}
    db_rows, total = [], Decimal(0)
    for i in range(1, len(w.patients), 3):
        p = w.patients[i]
        buckets = [money(rng, 200) + 5, *(money(rng, 200) if rng.random() < .4 else Decimal(0)
                                          for _ in range(3))]
        if rng.random() < .1:  # a credit: paid in advance
            buckets = [-money(rng, 40), Decimal(0), Decimal(0), Decimal(0)]
        amount = sum(buckets, Decimal(0))
        total += amount
        db_rows.append([full(p), str(cid[i]), *(fmt.money(b) for b in buckets),
                        fmt.money(amount), p.created.strftime("%d/%m/%Y"),
                        rng.choice(("Client", "Client", "NDIS", "WorkCover NSW"))])
    debtors = Table("Debtors report.csv", "billing", db_cols, db_rows,
                    {"billing": len(db_rows)},
                    layout=Layout(title=[["Aged Debtors Report"],
                                         ["Bondi Junction Physio & Exercise Physiology"],
                                         ["As at 30/05/2025"], []],
                                  footer=[["Total", "", "", "", "", "", fmt.money(total), "",
                                           ""]]),
                    notes=["one balance per client and no id of its own",
                           "credits as -$12.00", "a Total line at the end"])
    pr_cols = {"Practitioner ID": "provider.source_id", "Name": "drop",
               "First Name": "provider.first_name", "Last Name": "provider.last_name",
               "Discipline": "provider.specialty",
               "Medicare Provider Number": "provider.license_number",
               "AHPRA Registration": "custom", "Email": "provider.email"}
    pr_rows = [[str(11 + i), f"{p.first} {p.last}", p.first, p.last,
                rng.choice(("Physiotherapy", "Exercise Physiology")),
                f"{rng.randrange(200000, 699999)}{rng.choice('ABCDFHJK')}",
                f"PHY000{rng.randrange(1000000, 9999999)}",
                f"{p.first.lower()}@bjphysio.example.com.au"] for i, p in enumerate(w.providers)]
    providers = Table("Practitioners.csv", "provider", pr_cols, pr_rows, {"provider": 4})
    meta = {"export": "coreplus-au", "vendor": "coreplus", "country": "AU", "currency": "AUD",
            "date_order": "DMY", "half": "holdout2"}
    return meta, [clients, appointments, debtors, providers]
