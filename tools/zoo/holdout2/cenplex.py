"""Cenplex (Switzerland, French): lists exported from its « Évaluation » view. French headers,
Windows-1252 with `;`, day-first dates with dots and two-digit birth years, `14 h 30` times,
durations as `45 min`, CHF amounts with an apostrophe for thousands, Oui/Non, base and
supplementary insurance side by side on the patient's row, the prescribing doctor by name,
patient numbers as `année/numéro`, a patient entered twice, blocked slots in the agenda."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout2.common import CH_PLACES, CH_STREETS, ch_phone, relocate
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

CH = Layout(encoding="cp1252", delimiter=";")
BASE = ("CSS", "Helsana", "SWICA", "Groupe Mutuel", "Visana", "Sanitas", "Assura")
STATUT = {"completed": "effectué", "arrived": "présent", "booked": "planifié",
          "cancelled": "excusé", "no_show": "non excusé"}
MEDECINS = ("Dr méd. Anne Rochat", "Dr méd. Pierre Favre", "Dre Laure Berset",
            "Dr méd. Jean-Marc Python")


def _chf(amount: Decimal, symbol: bool = False) -> str:
    return fmt.money(amount, "CHF " if symbol else "", thousands="'")


def _heure(t: datetime) -> str:
    return f"{t.hour} h {t.minute:02d}"


def cenplex_ch() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout2/cenplex-ch", "ca", patients=84, providers=3, staff=1,
                   visits=190)
    relocate(w, CH_PLACES, ch_phone, CH_STREETS)
    rng = w.rng
    nums = [f"{p.created.year}/{i + 1:04d}" for i, p in enumerate(w.patients)]
    therap = [f"{p.last} {p.first}" for p in w.providers]
    cols = {
        "N° patient": "patient.source_id", "Civilité": "custom", "Nom": "patient.last_name",
        "Prénom": "patient.first_name", "Date de naissance": "patient.date_of_birth",
        "Sexe": "patient.sex", "Rue": "patient.address_line1", "NPA": "patient.postal_code",
        "Localité": "patient.city", "Canton": "patient.state",
        "Tél. portable": "patient.phone_mobile", "Tél. privé": "patient.phone_home",
        "E-mail": "patient.email",
        "Assurance de base": "insurance.carrier_name (base, LAMal)",
        "N° d'assuré": "insurance.member_id (base, LAMal)",
        "Assurance complémentaire": "insurance.carrier_name (supplementary)",
        "N° d'assuré compl.": "insurance.member_id (supplementary)",
        "Médecin prescripteur": "referral.referrer_name",
        "Actif": "patient.status (Non: inactive)", "Créé le": "patient.created_at",
        "Remarques": "custom",
    }
    rows, base, comp, ref = [], 0, 0, 0
    for i, p in enumerate(w.patients):
        has_base, has_comp = rng.random() < .62, rng.random() < .28
        med = rng.random() < .55
        base += has_base
        comp += has_comp
        ref += med
        rows.append([
            nums[i], {"female": "Madame", "male": "Monsieur"}.get(p.sex, ""), p.last, p.first,
            p.dob.strftime("%d.%m.%y"), {"female": "F", "male": "M", "other": "X"}.get(p.sex, ""),
            p.line1, p.postcode, p.city, p.state, p.mobile, p.home, p.email,
            rng.choice(BASE) if has_base else "", f"756.{rng.randrange(1000, 9999)}."
            f"{rng.randrange(1000, 9999)}.{rng.randrange(10, 99)}" if has_base else "",
            rng.choice(BASE) if has_comp else "",
            f"C-{rng.randrange(100000, 999999)}" if has_comp else "",
            rng.choice(MEDECINS) if med else "", rng.choice(("Oui", "Oui", "Oui", "Non")),
            p.created.strftime("%d.%m.%Y %H:%M"),
            rng.choice(("", "", "Préfère les RDV le matin", "Parking: place 4"))])
    again = list(rows[40])
    again[0] = f"{int(again[0][:4]) + 1}/{len(rows) + 1:04d}"
    again[19] = again[19][:11] + "09:12"
    rows.insert(61, again)
    rows_ = rows
    dup = [{"row": 62, "of_row": 41, "reason": "the same patient entered again under a new "
            "number (same name, birth date, phone and e-mail)"}]
    patients = Table("Patients.csv", "patient", cols, rows_,
                     {"patient": len(rows_) - 1, "insurance": base + comp, "referral": ref},
                     duplicate_rows=dup, layout=CH,
                     notes=["one row, up to four records: the patient, the base (LAMal) and "
                            "supplementary insurance side by side, the prescribing doctor",
                            "dates of birth dd.mm.yy: never in the future",
                            "the duplicate's insurance and referral are not counted twice"])
    ap_cols = {"ID": "appointment.source_id", "Date": "appointment.starts_at (date part)",
               "Heure": "appointment.starts_at (time part)",
               "Durée": "appointment.ends_at (start plus duration)",
               "N° patient": "appointment.patient_source_id", "Patient": "drop",
               "Thérapeute": "appointment.provider_source_id (by name, Nom Prénom)",
               "Prestation": "appointment.appointment_type", "Salle": "appointment.location",
               "Statut": "appointment.status", "Remarque": "appointment.notes"}
    ap_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ap_rows.append([str(31000 + k), v.start.strftime("%d.%m.%Y"), _heure(v.start),
                        f"{v.minutes} min", nums[v.patient], f"{p.last} {p.first}",
                        therap[v.provider], rng.choice(("Physiothérapie générale",
                                                        "Drainage lymphatique",
                                                        "Rééducation périnéale",
                                                        "Physiothérapie à domicile")),
                        rng.choice(("Salle 1", "Salle 2", "Piscine")), STATUT[v.status],
                        v.note.replace("Running late", "En retard").replace(
                            "Bring scans", "Apporter l'IRM").replace(
                            "Parking at rear", "Parking derrière")])
        if k % 38 == 5:
            ap_rows.append([str(39000 + k), v.start.strftime("%d.%m.%Y"), "12 h 00", "60 min",
                            "", "", therap[v.provider], "Bloqué", "Salle 1", "", "Colloque"])
            bad.append({"row": len(ap_rows), "reason": "blocked slot (Bloqué): no patient, not "
                        "an appointment"})
    appointments = Table("Rendez-vous.csv", "appointment", ap_cols, ap_rows,
                         {"appointment": len(ap_rows) - len(bad)}, bad_rows=bad, layout=CH,
                         notes=["excusé: cancelled; non excusé: no-show"])
    fa_cols = {"N° facture": "billing.source_id", "N° patient": "billing.patient_source_id",
               "Date facture": "drop", "Montant": "drop",
               "Solde": "billing.outstanding_balance", "Statut": "billing.billing_status",
               "Dernier paiement": "billing.last_payment_date",
               "Montant payé": "billing.last_payment_amount", "Garant": "custom"}
    fa_rows: list[list[Any]] = []
    for i in range(0, len(w.patients), 2):
        p = w.patients[i]
        total = money(rng, 2400)
        paid = total if rng.random() < .6 else Decimal(0)
        day = p.created.date() + timedelta(days=45)
        fa_rows.append([f"F-{day.year}-{len(fa_rows) + 1:05d}", nums[i], day.strftime("%d.%m.%Y"),
                        _chf(total, True), _chf(total - paid),
                        "payée" if paid else rng.choice(("ouverte", "1er rappel", "2e rappel")),
                        (day + timedelta(days=20)).strftime("%d.%m.%Y") if paid else "",
                        _chf(paid) if paid else "", rng.choice(("Tiers payant",
                                                                "Tiers garant"))])
    invoices = Table("Factures.csv", "billing", fa_cols, fa_rows, {"billing": len(fa_rows)},
                     layout=CH, notes=["CHF 1'234.50: apostrophe for thousands"])
    th_cols = {"Nom": "provider.last_name", "Prénom": "provider.first_name",
               "Profession": "provider.specialty", "N° RCC": "provider.license_number",
               "GLN": "custom", "E-mail": "provider.email", "Actif": "provider.active"}
    th_rows = [[p.last, p.first, rng.choice(("Physiothérapeute", "Ergothérapeute")),
                f"{rng.choice('ABCDEFGHKLMNPRSTWZ')}{rng.randrange(100000, 999999)}",
                f"7601{rng.randrange(10**8, 10**9)}", f"{p.first.lower()}@physio.example.ch"
                .replace("é", "e").replace("ë", "e").replace("è", "e"), "Oui"]
               for p in w.providers]
    therapists = Table("Thérapeutes.csv", "provider", th_cols, th_rows, {"provider": 3},
                       layout=CH, notes=["appointments name the therapist as Nom Prénom"])
    meta = {"export": "cenplex-ch", "vendor": "Cenplex", "country": "CH", "currency": "CHF",
            "date_order": "DMY", "language": "fr", "half": "holdout2"}
    return meta, [patients, appointments, invoices, therapists]
