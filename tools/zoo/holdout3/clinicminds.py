"""Clinicminds (the Netherlands, Dutch): an aesthetic clinic's data as one workbook with a sheet
per table. Dutch headers; the surname's infix (tussenvoegsel) in its own column; the house number
apart from the street; real date cells beside lead dates as Excel serial numbers (number cells
with a time fraction); Ja/Nee; euro amounts as text with a decimal comma (`€ 1.234,50`); the
health insurer and policy number on the client's row with how the client found the clinic;
leads with Dutch statuses, one lead entered twice; appointments whose end is a time of day;
lunch breaks in the agenda; the communication log naming the client by e-mail, with offsets
that change with summer time; a test client."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import NL_FIRST, NL_LAST, NL_PLACES, NL_STREETS, cet_offset, nl_phone, nl_split, rename
from tools.zoo.world import make_world, money
from tools.zoo.writers import Table

BOOK = "Clinicminds export 2025-06-02.xlsx"
INSURERS = ("Zilveren Kruis", "VGZ", "CZ", "Menzis", "DSW", "ONVZ")
SOURCES = ("Instagram", "Google", "Via een vriend(in)", "Huisarts", "Website", "Facebook")
STATUS = {"completed": "Afgerond", "arrived": "Aangekomen", "booked": "Gepland",
          "cancelled": "Geannuleerd", "no_show": "No-show"}
TREATMENTS = ("Consult", "Botox voorhoofd", "Filler lippen", "Laserontharing", "Peeling",
              "Nabehandeling")
LEAD_STATUS = ("Nieuw", "Afspraak gepland", "Niet verschenen", "Klant geworden", "Verloren")


def _euro(amount: Decimal) -> str:
    return fmt.money(amount, "€ ", thousands=".", decimal=",")


def _serial(t: datetime) -> float:
    """An Excel serial date-time: days since 1899-12-30 with the time as a fraction."""
    delta = t - datetime(1899, 12, 30)
    return round(delta.days + delta.seconds / 86400, 6)


def clinicminds_nl() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout3/clinicminds-nl", "de", patients=92, providers=4, staff=2,
                   leads=40, visits=215)
    rename(w, NL_FIRST, NL_LAST, NL_PLACES, NL_STREETS, nl_phone)
    rng = w.rng
    staff_names = [f"{p.first} {p.last}" for p in w.providers + w.staff]
    nums = [2000 + i * 3 for i in range(len(w.patients))]
    cols = {
        "Cliëntnummer": "patient.source_id", "Aanhef": "custom",
        "Voornaam": "patient.first_name", "Tussenvoegsel": "patient.last_name (infix, "
                                                            "before Achternaam)",
        "Achternaam": "patient.last_name", "Geboortedatum": "patient.date_of_birth",
        "Geslacht": "patient.sex", "BSN": "custom",
        "Straat": "patient.address_line1", "Huisnummer": "patient.address_line1 (house "
                                                         "number, after Straat)",
        "Postcode": "patient.postal_code", "Woonplaats": "patient.city",
        "Telefoon": "patient.phone_home", "Mobiel": "patient.phone_mobile",
        "E-mail": "patient.email", "Zorgverzekeraar": "insurance.carrier_name",
        "Polisnummer": "insurance.member_id", "Huisarts": "custom",
        "Hoe bij ons gekomen": "referral.referral_type",
        "Actief": "patient.status (Nee: inactive)", "Aangemaakt op": "patient.created_at",
        "Tags": "custom",
    }
    rows: list[list[Any]] = []
    insured = referred = 0
    for i, p in enumerate(w.patients):
        infix, surname = nl_split(p.last)
        street, number = p.line1.rsplit(" ", 1)
        ins, src = rng.random() < .58, rng.random() < .6
        insured += ins
        referred += src
        rows.append([
            nums[i], {"female": "Mevr.", "male": "Dhr."}.get(p.sex, ""), p.first, infix,
            surname, datetime(p.dob.year, p.dob.month, p.dob.day),
            {"female": "V", "male": "M", "other": "X"}.get(p.sex, ""),
            f"{rng.randrange(100000000, 999999999)}" if rng.random() < .4 else "",
            street, number + rng.choice(("", "", "", "-2", "A", " hs")), p.postcode, p.city,
            p.home, p.mobile, p.email, rng.choice(INSURERS) if ins else "",
            f"{rng.randrange(10**8, 10**9)}" if ins else "",
            rng.choice(("Huisartsenpraktijk De Pijp", "Dr. M. Visser", "")),
            rng.choice(SOURCES) if src else "", rng.choice(("Ja", "Ja", "Ja", "Nee")),
            p.created, ", ".join(rng.sample(("VIP", "Nieuwsbrief", "Botox", "Filler", "Acne"),
                                            rng.choice((0, 1, 2))))])
    rows.insert(33, [9999, "", "Test", "", "Testpersoon", datetime(2000, 1, 1), "", "", "Teststraat",
                     "1", "1234 AB", "Amsterdam", "", "06-00000000", "test@clinicminds.example",
                     "", "", "", "", "Ja", datetime(2021, 3, 1, 9, 0), "Test"])
    clients = Table(f"{BOOK}#Cliënten", "patient", cols, rows,
                    {"patient": len(w.patients), "insurance": insured, "referral": referred},
                    bad_rows=[{"row": 34, "reason": "test client (Test Testpersoon) made when "
                               "the clinic set the software up"}],
                    notes=["one row, up to three records: the client, the health insurer "
                           "and how the client found the clinic",
                           "Tussenvoegsel: 'de', 'van den' belong before the surname",
                           "dates as real date cells"])
    ld_cols = {"Lead ID": "lead.source_id", "Naam": "lead.last_name (full name in one column)",
               "E-mail": "lead.email", "Telefoon": "lead.phone",
               "Interesse": "lead.interest", "Bron": "lead.referral_type",
               "Status": "lead.status", "Aangemaakt": "lead.created_at (Excel serial number)",
               "Toegewezen aan": "custom"}
    ld_rows: list[list[Any]] = []
    for k, p in enumerate(w.leads):
        made = datetime(2024, 2, 1, 9) + timedelta(days=rng.randrange(0, 480),
                                                  minutes=rng.randrange(0, 600))
        ld_rows.append([f"L{4100 + k}", f"{p.first} {p.last}", p.email, p.mobile,
                        rng.choice(TREATMENTS[1:5]), rng.choice(("Websiteformulier",
                                                                 "Instagram", "Facebook",
                                                                 "Telefonisch")),
                        rng.choice(LEAD_STATUS), _serial(made), rng.choice(staff_names[4:])])
    again = list(ld_rows[12])
    again[0] = f"L{4100 + len(w.leads)}"
    again[7] = round(float(again[7]) + 2.25, 6)
    ld_rows.insert(25, again)
    leads = Table(f"{BOOK}#Leads", "lead", ld_cols, ld_rows, {"lead": len(w.leads)},
                  duplicate_rows=[{"row": 26, "of_row": 13, "reason": "the same person "
                                   "filled in the website form twice (same name, e-mail and "
                                   "phone)"}],
                  notes=["Nieuw: inquiry; Afspraak gepland: scheduled; Niet verschenen: "
                         "no-show; Klant geworden: converted; Verloren: lost",
                         "Aangemaakt is a number cell: an Excel serial date-time"])
    ap_cols = {"Afspraak ID": "appointment.source_id",
               "Cliëntnummer": "appointment.patient_source_id", "Cliënt": "drop",
               "Behandelaar": "appointment.provider_source_id (by name)",
               "Datum": "appointment.starts_at (date part)",
               "Begintijd": "appointment.starts_at (time part)",
               "Eindtijd": "appointment.ends_at (time part, on Datum)",
               "Behandeling": "appointment.appointment_type", "Locatie": "appointment.location",
               "Status": "appointment.status", "Opmerking": "appointment.notes"}
    ap_rows: list[list[Any]] = []
    bad = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([30500 + k, nums[v.patient], f"{p.first} {p.last}",
                        staff_names[v.provider], datetime(v.start.year, v.start.month,
                                                          v.start.day),
                        fmt.time24(v.start), fmt.time24(end), rng.choice(TREATMENTS),
                        rng.choice(("Amsterdam Zuid", "Amsterdam Zuid", "Haarlem")),
                        STATUS[v.status], v.note.replace("Running late", "Komt later")
                        .replace("Bring scans", "Foto's meenemen")
                        .replace("Parking at rear", "Parkeren achter")])
        if k % 40 == 9:
            ap_rows.append([39000 + k, None, None, staff_names[v.provider],
                            datetime(v.start.year, v.start.month, v.start.day), "12:30",
                            "13:00", "Pauze", "Amsterdam Zuid", None, None])
            bad.append({"row": len(ap_rows), "reason": "lunch break (Pauze) in the agenda: "
                        "no client, not an appointment"})
    appointments = Table(f"{BOOK}#Afspraken", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad,
                         notes=["Datum a date cell, Begintijd and Eindtijd text (HH:MM)"])
    md_cols = {"Naam": "provider.last_name (full name in one column)",
               "Functie": "provider.specialty", "BIG-nummer": "provider.license_number",
               "E-mail": "provider.email", "Telefoon": "provider.phone",
               "Actief": "provider.active"}
    functions = ("Cosmetisch arts", "Cosmetisch arts", "Verpleegkundige", "Huidtherapeut",
                 "Receptioniste", "Praktijkmanager")
    md_rows = [[name, functions[i], str(rng.randrange(10**10, 10**11)) if i < 3 else "",
                f"{w.providers[i].first.lower() if i < 4 else w.staff[i - 4].first.lower()}"
                "@kliniek.example.nl", nl_phone(rng, "mobile"), "Ja" if i != 3 else "Nee"]
               for i, name in enumerate(staff_names)]
    staff = Table(f"{BOOK}#Medewerkers", "provider", md_cols, md_rows,
                  {"provider": len(md_rows)},
                  notes=["no id: appointments and the communication log name the staff "
                         "member"])
    cm_cols = {"Datum/tijd": "communication.occurred_at",
               "E-mail cliënt": "communication.patient_source_id (by e-mail)",
               "Kanaal": "communication.channel", "Richting": "communication.direction",
               "Onderwerp": "communication.subject", "Bericht": "communication.body",
               "Medewerker": "communication.staff_source_id (by name)"}
    cm_rows = []
    for _ in range(130):
        i = rng.randrange(len(w.patients))
        when = datetime(2024, 1, 15, 8) + timedelta(days=rng.randrange(0, 500),
                                                   minutes=rng.randrange(0, 600))
        inbound = rng.random() < .35
        kanaal = rng.choice(("E-mail", "SMS", "Telefoon", "WhatsApp"))
        subject = rng.choice(("Vraag over nabehandeling", "Afspraakbevestiging",
                              "Offerte filler", "Herinnering controle", "Klacht zwelling"))
        cm_rows.append([when.strftime("%Y-%m-%dT%H:%M:%S") + cet_offset(when),
                        w.patients[i].email, kanaal, "Inkomend" if inbound else "Uitgaand",
                        subject, f"{subject}: " + rng.choice((
                            "cliënt belt terug na 2 weken.", "bevestigd per SMS.",
                            "foto's ontvangen, geen bijzonderheden.",
                            "advies: koelen en niet sporten.")), rng.choice(staff_names)])
    comms = Table(f"{BOOK}#Communicatie", "communication", cm_cols, cm_rows,
                  {"communication": len(cm_rows)},
                  notes=["the client by e-mail address", "times with their offset: +01:00 "
                         "in winter, +02:00 in summer time"])
    fa_cols = {"Factuurnummer": "billing.source_id",
               "Cliëntnummer": "billing.patient_source_id", "Factuurdatum": "drop",
               "Bedrag": "drop", "Openstaand": "billing.outstanding_balance",
               "Status": "billing.billing_status",
               "Laatste betaling": "billing.last_payment_date",
               "Betaald bedrag": "billing.last_payment_amount", "Betaalwijze": "custom"}
    fa_rows: list[list[Any]] = []
    for i in range(len(w.patients)):
        if rng.random() < .25:
            continue
        day = date(2024, 1, 10) + timedelta(days=rng.randrange(0, 480))
        total = money(rng, 1600) + 50
        state = rng.choice(("Betaald", "Betaald", "Betaald", "Open", "Herinnering verstuurd",
                            "Incasso"))
        paid = total if state == "Betaald" else Decimal(0)
        fa_rows.append([f"{day.year}-{len(fa_rows) + 153:04d}", nums[i],
                        datetime(day.year, day.month, day.day), _euro(total),
                        _euro(total - paid), state,
                        datetime(day.year, day.month, day.day) + timedelta(days=6)
                        if paid else None, _euro(paid) if paid else None,
                        rng.choice(("PIN", "iDEAL", "Contant", "Overboeking"))])
    invoices = Table(f"{BOOK}#Facturen", "billing", fa_cols, fa_rows,
                     {"billing": len(fa_rows)},
                     notes=["amounts as text: € 1.234,50", "Incasso: sent to collections"])
    meta = {"export": "clinicminds-nl", "vendor": "Clinicminds", "country": "NL",
            "currency": "EUR", "date_order": "DMY", "language": "nl", "half": "holdout3"}
    return meta, [clients, leads, appointments, staff, comms, invoices]
