"""Hold-out export, part C: appointmed (Austria) — German headers, semicolons, UTF-8 with BOM,
dd.mm.yyyy dates, `1.234,50 €`, names as `Nachname Vorname` in the appointment list."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.world import CONDITIONS, make_world, money
from tools.zoo.writers import Layout, Table

STATUS = {"completed": "wahrgenommen", "arrived": "anwesend", "booked": "bestätigt",
          "cancelled": "abgesagt", "no_show": "nicht wahrgenommen"}
KASSEN = ("ÖGK", "BVAEB", "SVS", "KFA Wien", "Uniqa (privat)")
DIAGNOSEN = ("Lumbalgie", "Zervikalsyndrom", "Gonarthrose", "Tennisellenbogen")


def _eur(amount: Decimal) -> str:
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def appointmed_at() -> tuple[dict, list[Table]]:
    w = make_world("zoo/appointmed-at", "de", patients=85, providers=3, visits=200)
    rng = w.rng
    at = Layout(encoding="utf-8-sig", delimiter=";")
    nr = [f"P-{1001 + i}" for i in range(len(w.patients))]
    cols = {
        "Patienten-Nr.": "patient.source_id", "Titel": "custom", "Vorname": "patient.first_name",
        "Nachname": "patient.last_name", "Titel (nachgestellt)": "custom",
        "Geschlecht": "patient.sex", "Geburtsdatum": "patient.date_of_birth",
        "E-Mail": "patient.email", "Mobil": "patient.phone_mobile",
        "Festnetz": "patient.phone_home", "Adresse": "patient.address_line1",
        "PLZ": "patient.postal_code", "Ort": "patient.city", "Land": "patient.country",
        "Beruf": "custom", "Arbeitgeber": "custom", "Versicherung": "insurance.carrier_name",
        "Versicherungsnummer": "insurance.member_id", "Mitversichert bei": "custom",
        "Diagnose": "allergy_condition.name (a condition)", "Angelegt am": "patient.created_at",
    }
    rows, insured, diagnosed = [], 0, 0
    for i, p in enumerate(w.patients):
        kasse = rng.random() < .8
        dx = rng.random() < .3
        insured += kasse
        diagnosed += dx
        city = rng.choice((("Wien", "1070"), ("Graz", "8010"), ("Linz", "4020"),
                           ("Salzburg", "5020"), ("Innsbruck", "6020")))
        rows.append([
            nr[i], rng.choice(("", "", "Dr.", "Mag.", "DI")), p.first, p.last,
            rng.choice(("", "", "", "MSc", "BEd")),
            {"female": "weiblich", "male": "männlich", "other": "divers", "unknown": ""}[p.sex],
            p.dob.strftime("%d.%m.%Y"), p.email,
            f"+43 6{rng.choice(('50', '60', '64', '76'))} {rng.randrange(1000000, 9999999)}",
            f"01 {rng.randrange(100, 999)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
            if rng.random() < .3 else "", p.line1.replace("straße", "gasse"), city[1], city[0],
            "Österreich", rng.choice(("Lehrerin", "Angestellter", "Pensionist", "")),
            rng.choice(("", "", "Magistrat Wien", "voestalpine")),
            rng.choice(KASSEN) if kasse else "",
            f"{rng.randrange(1000, 9999)} {p.dob.strftime('%d%m%y')}" if kasse else "",
            "" if rng.random() < .9 else "Ehepartner/in",
            rng.choice(DIAGNOSEN + CONDITIONS[:2]) if dx else "",
            p.created.strftime("%d.%m.%Y %H:%M")])
    rows[9][6] = "00.00.0000"  # no birth date, as some practice software writes it
    patients = Table("Patienten & Kontakte.csv", "patient", cols, rows,
                     {"patient": len(rows), "insurance": insured,
                      "allergy_condition": diagnosed}, layout=at,
                     notes=["semicolon-separated UTF-8 with BOM", "Versicherungsnummer is the "
                            "Austrian SVNR: 4 digits and the birth date",
                            "row 10: birth date 00.00.0000 (none; the patient lands)"])
    ap_cols = {"Termin-ID": "appointment.source_id", "Datum": "appointment.starts_at (date part)",
               "Beginn": "appointment.starts_at (time part)",
               "Ende": "appointment.ends_at (time part, date from Datum)",
               "Patient": "drop", "Patienten-Nr.": "appointment.patient_source_id",
               "Behandlung": "appointment.appointment_type",
               "Mitarbeiter": "appointment.provider_source_id (by name)",
               "Raum": "appointment.location", "Status": "appointment.status",
               "Notiz": "appointment.notes"}
    ap_rows = []
    for k, v in enumerate(w.visits):
        p, pr = w.patients[v.patient], w.providers[v.provider]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([f"T{20_000 + k}", v.start.strftime("%d.%m.%Y"), fmt.time24(v.start),
                        fmt.time24(end), f"{p.last} {p.first}", nr[v.patient],
                        rng.choice(("Erstbefundung", "Physiotherapie 45 min", "Massage",
                                    "Kontrolle")), f"{pr.first} {pr.last}",
                        rng.choice(("Raum 1", "Raum 2", "Turnsaal")), STATUS[v.status],
                        rng.choice(("", "", "kommt mit Überweisung", "Parkplatz hinten"))])
    termine = Table("Termine.csv", "appointment", ap_cols, ap_rows,
                    {"appointment": len(ap_rows)}, layout=at,
                    notes=["nicht wahrgenommen = no show; abgesagt = cancelled"])
    re_cols = {"Rechnungsnummer": "billing.source_id",
               "Patienten-Nr.": "billing.patient_source_id", "Rechnungsdatum": "custom",
               "Betrag": "custom", "Offen": "billing.outstanding_balance",
               "Zahlungsstatus": "billing.billing_status", "Zahlungsart": "custom"}
    re_rows = []
    for k, v in enumerate(w.visits[::2]):
        total = money(rng, 1500)
        offen = total if rng.random() < .2 else Decimal(0)
        re_rows.append([f"RE-{v.start.year}-{k + 1:04d}", nr[v.patient],
                        v.start.strftime("%d.%m.%Y"), _eur(total), _eur(offen),
                        "offen" if offen else "bezahlt",
                        rng.choice(("Bar", "Bankomat", "Überweisung"))])
    rechnungen = Table("Rechnungen.csv", "billing", re_cols, re_rows, {"billing": len(re_rows)},
                       layout=at, notes=["one billing record per invoice"])
    meta = {"export": "appointmed-at", "vendor": "appointmed", "country": "AT",
            "currency": "EUR", "date_order": "DMY", "half": "holdout"}
    return meta, [patients, termine, rechnungen]
