"""EasyPractice (Denmark, physiotherapy clinic in Aarhus, Danish): clients, bookings, invoices
and journal notes saved as semicolon CSV in Windows-1252, the way Danish Excel opens it.
Fornavn and Efternavn apart; the CPR number (`DDMMYY-NNNN`) beside the client number; dates
`DD-MM-YYYY`, the booking day written out in Danish (`8. januar 2024`) with the time apart;
eight-digit phones in pairs; kroner with point thousands and a decimal comma (`1.234,50 kr.`).
Booking statuses in Danish (`Gennemført`, `Aflyst`, `Udeblevet`). Journal notes without an id
of their own. Dirty: a client created twice, a booking whose day is unreadable, a blank line,
an invoice without a client number."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout7.common import (
    DK_FEMALE,
    DK_FIRST,
    DK_LAST,
    DK_PLACES,
    DK_STREETS,
    cpr,
    da_date,
    dk_phone,
    kroner_dk,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

SEMI = Layout(encoding="cp1252", delimiter=";")
STATUS = {"completed": ("Gennemført",), "arrived": ("Ankommet",), "booked": ("Booket",
                                                                              "Bekræftet"),
          "cancelled": ("Aflyst", "Aflyst af klinikken"), "no_show": ("Udeblevet",)}
SERVICES = ("Første konsultation", "Opfølgende behandling", "Genoptræning", "Akupunktur",
            "Massage 45 min", "Forundersøgelse")
NOTES = ("Smerter i lænden, udstråling til venstre ben.\nØvelser gennemgået.",
         "Nedsat bevægelighed i skulderen.\nMobilisering og hjemmeøvelser.",
         "Klient oplever bedring, smerte 3/10.", "Knæ efter operation, styrketræning øget.",
         "Hovedpine og nakkespændinger. Bløddelsbehandling.")


def easypractice_dk() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout7/easypractice-dk", "de", patients=112, providers=4, staff=1,
                   visits=230)
    rename(w, DK_FIRST, DK_LAST, DK_PLACES, DK_STREETS, dk_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in DK_FEMALE else "male"
    nums = [str(1001 + i) for i in range(len(w.patients))]
    cols = {"Klientnr.": "patient.source_id", "Fornavn": "patient.first_name",
            "Efternavn": "patient.last_name",
            "CPR-nr.": "patient.date_of_birth (DDMMYY-NNNN: the first six digits)",
            "Køn": "patient.sex (Kvinde / Mand)", "Mobil": "patient.phone_mobile",
            "Telefon": "patient.phone_home", "E-mail": "patient.email",
            "Adresse": "patient.address_line1", "Postnr.": "patient.postal_code",
            "By": "patient.city", "Sygeforsikring danmark": "custom",
            "Henvist af": "custom", "Oprettet": "patient.created_at (DD-MM-YYYY)",
            "Arkiveret": "patient.status (Ja: archived, inactive; Nej: active)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        rows.append([nums[i], p.first, p.last, cpr(rng, p.dob, p.sex == "female"),
                     "Kvinde" if p.sex == "female" else "Mand", p.mobile, p.home, p.email,
                     p.line1, p.postcode, p.city,
                     rng.choice(("Gruppe 1", "Gruppe 2", "Gruppe 5", "", "")),
                     rng.choice(("", "", "Egen læge", "Ortopædkirurg", "Hjemmeside")),
                     fmt.dmy(p.created.date(), "-"), "Ja" if rng.random() < .1 else "Nej"])
    twice = duplicate(rows, 14, 60, {0: "1999", 5: "", 13: "03-09-2024"},
                      "the same client created again (same CPR, name and e-mail; a new "
                      "client number)")
    rows.insert(90, [])
    clients = Table("Klienter.csv", "patient", cols, rows, {"patient": len(w.patients)},
                    bad_rows=[{"row": 91, "reason": "a blank line"}], duplicate_rows=[twice],
                    layout=SEMI,
                    notes=["the date of birth is the first six digits of the CPR number",
                           "Sygeforsikring danmark: the client's private insurance group"])
    names = [f"{p.first} {p.last}" for p in w.providers]
    bk_cols = {"Booking-id": "appointment.source_id",
               "Dato": "appointment.starts_at (date part, `8. januar 2024`)",
               "Start": "appointment.starts_at (time part, HH.MM)",
               "Slut": "appointment.ends_at (time part, HH.MM)",
               "Klientnr.": "appointment.patient_source_id", "Klient": "drop",
               "Behandler": "appointment.provider_source_id (by name)",
               "Ydelse": "appointment.appointment_type", "Status": "appointment.status",
               "Pris": "custom", "Bemærkning": "appointment.notes"}
    bk_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        bk_rows.append([str(40000 + k), da_date(v.start.date()), f"{v.start:%H.%M}",
                        f"{end:%H.%M}", nums[v.patient], f"{p.first} {p.last}",
                        names[v.provider], rng.choice(SERVICES), rng.choice(STATUS[v.status]),
                        kroner_dk(Decimal(rng.choice((450, 550, 650, 795)))),
                        rng.choice(("", "", "", "Ring før", "Ny klient", "Betaler kontant"))])
    bk_rows[77][1] = "31. juni 2024"
    bookings = Table("Bookinger.csv", "appointment", bk_cols, bk_rows,
                     {"appointment": len(w.visits) - 1},
                     bad_rows=[{"row": 78, "reason": "31 June does not exist"}], layout=SEMI,
                     notes=["Gennemført: completed; Aflyst: cancelled; Udeblevet: no-show"])
    fa_cols = {"Fakturanr.": "billing.source_id", "Fakturadato": "custom",
               "Klientnr.": "billing.patient_source_id", "Beløb": "drop",
               "Betalt": "billing.last_payment_amount (1.234,50 kr.)",
               "Restbeløb": "billing.outstanding_balance (1.234,50 kr.)",
               "Status": "billing.billing_status (Betalt / Delvist betalt / Ubetalt / Rykket)"}
    fa_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .4:
            continue
        total = Decimal(rng.choice((450, 1100, 1650, 2385, 3180)))
        paid = total if rng.random() < .65 else Decimal(rng.choice((0, 0, 450, 550)))
        status = "Betalt" if paid == total else "Delvist betalt" if paid else \
            rng.choice(("Ubetalt", "Rykket"))
        day = (p.created + timedelta(days=rng.randrange(5, 500))).date()
        fa_rows.append([str(2024000 + len(fa_rows)), fmt.dmy(day, "-"), nums[i],
                        kroner_dk(total), kroner_dk(paid), kroner_dk(total - paid), status])
    fa_rows.insert(30, ["2024999", "14-05-2024", "", kroner_dk(Decimal(550)),
                        kroner_dk(Decimal(550)), kroner_dk(Decimal(0)), "Betalt"])
    invoices = Table("Fakturaer.csv", "billing", fa_cols, fa_rows, {"billing": len(fa_rows) - 1},
                     bad_rows=[{"row": 31, "reason": "an invoice with no client number "
                                "(a walk-in sale)"}], layout=SEMI,
                     notes=["kroner with point thousands and a decimal comma"])
    jn_cols = {"Klientnr.": "clinical_note.patient_source_id",
               "Dato": "clinical_note.created_at (DD-MM-YYYY HH:MM in one cell)",
               "Behandler": "clinical_note.author_source_id (by name)",
               "Notat": "clinical_note.body"}
    jn_rows = []
    for v in w.visits:
        if v.status == "completed" and rng.random() < .6:
            at = v.start + timedelta(minutes=v.minutes + rng.randrange(1, 30))
            jn_rows.append([nums[v.patient], f"{fmt.dmy(at.date(), '-')} {at:%H:%M}",
                            names[v.provider], rng.choice(NOTES)])
    journal = Table("Journalnotater.csv", "clinical_note", jn_cols, jn_rows,
                    {"clinical_note": len(jn_rows)}, layout=SEMI,
                    notes=["no id of their own", "several lines inside one quoted cell"])
    meta = {"export": "easypractice-dk", "vendor": "EasyPractice", "country": "DK",
            "currency": "DKK", "date_order": "DMY", "language": "da", "half": "holdout7"}
    return meta, [clients, bookings, invoices, journal]
