"""Diarium (Finland, physiotherapy clinic in Tampere, Finnish): customers, bookings, invoices and
the text-message log saved as semicolon CSV in UTF-8 with a byte-order mark, the way Finnish
Excel opens it. Sukunimi and Etunimet apart; the henkilötunnus (`DDMMYY-NNNC`, check character
modulo 31) beside the customer number; dates `8.1.2024` without leading zeros, times `9.30`
with a point; the booking's day, start and end in three columns; phones `040 123 4567`; euros
with a no-break space and a decimal comma (`1 234,50 €`), an invoice total line. Statuses and
yes/no in Finnish (`Kyllä`/`Ei`, `Toteutunut`, `Peruttu`, `Ei saapunut`). Dirty: a customer
created twice, a test customer, a blocked lunch slot in the bookings, a text message to a number
of no customer."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout8.common import (
    FI_FEMALE,
    FI_FIRST,
    FI_LAST,
    FI_PLACES,
    FI_STREETS,
    euro_fi,
    fi_date,
    fi_phone,
    hetu,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

SEMI = Layout(encoding="utf-8-sig", delimiter=";")
STATUS = {"completed": ("Toteutunut",), "arrived": ("Saapunut",), "booked": ("Varattu",
                                                                             "Vahvistettu"),
          "cancelled": ("Peruttu", "Peruttu (asiakas)"), "no_show": ("Ei saapunut",)}
SERVICES = ("Fysioterapia 45 min", "Fysioterapia 60 min", "Ensikäynti", "Hieronta 30 min",
            "Akupunktio", "Kuntoutussuunnitelma")


def _hm(t: datetime) -> str:
    """`9.30`: the Finnish hour and minute with a point, no leading zero on the hour."""
    return f"{t.hour}.{t.minute:02d}"


def diarium_fi() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/diarium-fi", "de", patients=118, providers=4, staff=1,
                   visits=236)
    rename(w, FI_FIRST, FI_LAST, FI_PLACES, FI_STREETS, fi_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in FI_FEMALE else "male"
    nums = [str(20001 + i) for i in range(len(w.patients))]
    cols = {"Asiakasnumero": "patient.source_id", "Sukunimi": "patient.last_name",
            "Etunimet": "patient.first_name", "Henkilötunnus": "custom",
            "Syntymäaika": "patient.date_of_birth (D.M.YYYY)",
            "Sukupuoli": "patient.sex (Nainen / Mies)",
            "Matkapuhelin": "patient.phone_mobile", "Puhelin": "patient.phone_home",
            "Sähköposti": "patient.email", "Lähiosoite": "patient.address_line1",
            "Postinumero": "patient.postal_code", "Postitoimipaikka": "patient.city",
            "Tekstiviestimuistutus": "patient.contact_preference (Kyllä: sms)",
            "Lähettävä taho": "custom", "Luotu": "patient.created_at (D.M.YYYY H.MM)",
            "Tila": "patient.status (Aktiivinen / Passiivinen)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        rows.append([nums[i], p.last, p.first, hetu(rng, p.dob, p.sex == "female"),
                     fi_date(p.dob), "Nainen" if p.sex == "female" else "Mies", p.mobile,
                     p.home, p.email, p.line1, p.postcode, p.city,
                     rng.choice(("Kyllä", "Kyllä", "Ei")),
                     rng.choice(("", "", "Työterveys", "Oma lääkäri", "Vakuutusyhtiö")),
                     f"{fi_date(p.created.date())} {_hm(p.created)}",
                     "Passiivinen" if rng.random() < .08 else "Aktiivinen"])
    twice = duplicate(rows, 11, 57, {0: "29999", 6: "", 14: "3.6.2024 14.05"},
                      "the same customer created again from an online booking (same "
                      "henkilötunnus, name and e-mail; a new customer number)")
    rows.insert(100, ["20000", "Testi", "Asiakas", "", "", "", "", "", "testi@example.com", "",
                      "", "", "Ei", "", "1.1.2016 8.00", "Aktiivinen"])
    customers = Table("Asiakkaat.csv", "patient", cols, rows, {"patient": len(w.patients)},
                      bad_rows=[{"row": 101, "reason": "the vendor's test customer "
                                 "(Testi Asiakas), no person"}],
                      duplicate_rows=[twice], layout=SEMI,
                      notes=["Lähettävä taho: who sent the customer (occupational health, GP, "
                             "insurer)"])
    names = [f"{p.first} {p.last}" for p in w.providers]
    bk_cols = {"Varaustunnus": "appointment.source_id",
               "Päivämäärä": "appointment.starts_at (date part, D.M.YYYY)",
               "Alkaa": "appointment.starts_at (time part, H.MM)",
               "Päättyy": "appointment.ends_at (time part, H.MM)",
               "Asiakasnumero": "appointment.patient_source_id", "Asiakas": "drop",
               "Työntekijä": "appointment.provider_source_id (by name)",
               "Palvelu": "appointment.appointment_type", "Tila": "appointment.status",
               "Toimipiste": "appointment.location", "Lisätiedot": "appointment.notes",
               "Hinta": "custom"}
    bk_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        bk_rows.append([f"V{480000 + k}", fi_date(v.start.date()), _hm(v.start), _hm(end),
                        nums[v.patient], f"{p.last} {p.first}", names[v.provider],
                        rng.choice(SERVICES), rng.choice(STATUS[v.status]),
                        rng.choice(("Keskusta", "Keskusta", "Hervanta")),
                        rng.choice(("", "", "", "Kela-korvaus", "Maksusitoumus", "Etäkäynti")),
                        euro_fi(Decimal(rng.choice((49, 62, 75, 89))))])
    bk_rows.insert(88, ["V489999", "14.3.2024", "11.30", "12.00", "", "", names[1], "Lounas",
                        "Varattu", "Keskusta", "Lounastauko", ""])
    bookings = Table("Ajanvaraukset.csv", "appointment", bk_cols, bk_rows,
                     {"appointment": len(w.visits)},
                     bad_rows=[{"row": 89, "reason": "a blocked lunch slot (Lounas), no "
                                "customer"}], layout=SEMI)
    in_cols = {"Laskunumero": "billing.source_id", "Laskun päivä": "custom",
               "Eräpäivä": "custom", "Asiakasnumero": "billing.patient_source_id",
               "Viitenumero": "custom", "Summa": "drop",
               "Maksettu": "billing.last_payment_amount (1 234,50 €)",
               "Avoinna": "billing.outstanding_balance (1 234,50 €)",
               "Tila": "billing.billing_status (Maksettu: paid / Avoin: current / "
                       "Erääntynyt: overdue / Perinnässä: collections)"}
    in_rows: list[list[str]] = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            continue
        amount = Decimal(rng.choice((49, 62, 124, 178, 267)))
        paid = amount if rng.random() < .7 else Decimal(0)
        day = p.created.date() + timedelta(days=rng.randrange(10, 700))
        due = day + timedelta(days=14)
        state = "Maksettu" if paid else rng.choice(("Avoin", "Erääntynyt", "Perinnässä"))
        total += amount
        in_rows.append([str(5100 + len(in_rows)), fi_date(day), fi_date(due), nums[i],
                        f"{5100 + len(in_rows)}{rng.randrange(1, 9)}", euro_fi(amount),
                        euro_fi(paid), euro_fi(amount - paid), state])
    invoices = Table("Laskut.csv", "billing", in_cols, in_rows, {"billing": len(in_rows)},
                     layout=Layout(encoding="utf-8-sig", delimiter=";",
                                   footer=[["Yhteensä", "", "", "", "", euro_fi(total), "", "",
                                            ""]]),
                     notes=["a total line (Yhteensä) under the data"])
    sm_cols = {"Lähetetty": "communication.occurred_at (D.M.YYYY H.MM)",
               "Asiakasnumero": "communication.patient_source_id", "Vastaanottaja": "drop",
               "Viestityyppi": "communication.subject", "Viesti": "communication.body",
               "Toimitustila": "custom"}
    sm_rows: list[list[str]] = []
    for v in w.visits:
        if rng.random() < .5:
            continue
        at = v.start - timedelta(days=1, hours=rng.randrange(1, 5))
        p = w.patients[v.patient]
        sm_rows.append([f"{fi_date(at.date())} {_hm(at)}", nums[v.patient], p.mobile,
                        "Muistutus", f"Muistutus: aika {fi_date(v.start.date())} klo "
                        f"{_hm(v.start)}, Fysio Tampere. Peru viimeistään 24 h ennen.",
                        rng.choice(("Toimitettu", "Toimitettu", "Toimitettu", "Ei toimitettu"))])
    sm_rows.insert(40, ["2.4.2024 10.15", "", "040 555 0101", "Vahvistus",
                        "Aikasi on vahvistettu.", "Ei toimitettu"])
    texts = Table("Tekstiviestit.csv", "communication", sm_cols, sm_rows,
                  {"communication": len(sm_rows) - 1},
                  bad_rows=[{"row": 41, "reason": "a text to a number of no customer"}],
                  layout=SEMI, notes=["every row is an outgoing SMS (no channel or direction "
                                      "column)", "no id of their own"])
    meta = {"export": "diarium-fi", "vendor": "Diarium", "country": "FI", "language": "fi",
            "currency": "EUR", "date_order": "DMY", "half": "holdout8"}
    return meta, [customers, bookings, invoices, texts]
