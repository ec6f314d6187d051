"""Doctolib (France, medical centre, French): the practice's exports as `;`-separated CSV with a
byte-order mark. Civilité (`M.`, `Mme`) the only sex; usage and birth surnames; numéro de
sécurité sociale; the mutuelle and its member number on the patient's row; `Archivé` as
Oui/Non; a patient booked online twice; appointments naming the patient `NOM Prénom`, times as
`14h30`, durations as `30 min`, `Venu`, `Excusé`, `Non excusé`, leave blocked with no patient;
medical history one line per allergy or antecedent with `Aucune allergie connue`; invoices with
money as `1 234,50 €` (no-break space); documents with accented file names, sizes in `Ko` and
Windows paths; practitioners with their RPPS number beside a secretary."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout4.common import FR_FIRST, FR_LAST, FR_PLACES, FR_STREETS, eur_fr, fr_phone
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

FR = Layout(encoding="utf-8-sig", delimiter=";")
STATUT = {"completed": "Venu", "arrived": "En salle d'attente", "booked": "Confirmé",
          "cancelled": "Excusé", "no_show": "Non excusé"}
MOTIFS = ("Consultation de suivi", "Première consultation", "Renouvellement d'ordonnance",
          "Certificat de sport", "Vaccination", "Téléconsultation")
MUTUELLES = ("", "", "Harmonie Mutuelle", "MGEN", "Malakoff Humanis", "AG2R La Mondiale",
             "MAAF Santé")
ANTECEDENTS = (("Allergie", ("Pénicilline", "Aspirine", "Pollens", "Arachide", "Latex")),
               ("Antécédent médical", ("Asthme", "Hypertension artérielle", "Diabète de type 2",
                                       "Hypothyroïdie")),
               ("Antécédent chirurgical", ("Appendicectomie", "Cholécystectomie")))
DOCS = (("Ordonnance", "Ordonnance {d}.pdf"), ("Courrier", "Lettre adressée au Dr Lévêque.pdf"),
        ("Résultats d'analyses", "Bilan sanguin {d}.pdf"),
        ("Imagerie", "Compte-rendu échographie {d}.pdf"), ("Consentement", "Consentement.pdf"))


def _heure(t: Any) -> str:
    return f"{t.hour}h{t.minute:02d}"


def doctolib_fr() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/doctolib-fr", "es", patients=100, providers=3, staff=2,
                   visits=220)
    rename(w, FR_FIRST, FR_LAST, FR_PLACES, FR_STREETS, fr_phone)
    rng = w.rng
    ids = [f"{rng.randrange(10**7, 10**8)}" for _ in w.patients]
    docs = [f"Dr {p.first} {p.last}" for p in w.providers]
    cols = {
        "ID patient": "patient.source_id", "Civilité": "patient.sex (M. / Mme)",
        "Nom d'usage": "patient.last_name", "Nom de naissance": "custom",
        "Prénom": "patient.first_name", "Date de naissance": "patient.date_of_birth",
        "Téléphone portable": "patient.phone_mobile", "Téléphone fixe": "patient.phone_home",
        "E-mail": "patient.email", "Adresse": "patient.address_line1 (number, then street)",
        "Code postal": "patient.postal_code", "Ville": "patient.city",
        "N° de sécurité sociale": "custom",
        "Mutuelle": "insurance.carrier_name", "N° adhérent": "insurance.member_id",
        "Médecin traitant": "custom",
        "Rappels SMS": "patient.contact_preference (Oui: sms, Non: none)",
        "Archivé": "patient.status (Oui: inactive)",
        "Date de création": "patient.created_at (JJ/MM/AAAA HH:MM)",
    }
    rows: list[list[Any]] = []
    mutuelle = 0
    for i, p in enumerate(w.patients):
        mut = rng.choice(MUTUELLES)
        mutuelle += bool(mut)
        madame = p.sex == "female" or p.sex != "male" and rng.random() < .5
        rows.append([
            ids[i], "Mme" if madame else "M.", p.last.upper(),
            rng.choice(FR_LAST).upper() if madame and rng.random() < .3 else "", p.first,
            fmt.dmy(p.dob), p.mobile, p.home, p.email, " ".join(p.line1.rsplit(" ", 1)[::-1]),
            p.postcode, p.city,
            f"{1 if not madame else 2} {p.dob.year % 100:02d} {p.dob.month:02d} 69 "
            f"{rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(10, 97)}",
            mut, str(rng.randrange(10**8, 10**9)) if mut else "",
            rng.choice(("", "Dr Lévêque", "Dr Rousseau")), rng.choice(("Oui", "Oui", "Non")),
            "Oui" if rng.random() < .08 else "Non",
            f"{fmt.dmy(p.created.date())} {fmt.time24(p.created)}"])
    again = list(rows[58])
    again[0], again[8] = str(rng.randrange(10**7, 10**8)), again[8].upper()
    again[13] = again[14] = ""
    again[18] = "14/02/2025 21:47"
    rows.insert(75, again)
    patients = Table("export_patients.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": mutuelle},
                     duplicate_rows=[{"row": 76, "of_row": 59, "reason": "the same patient "
                                      "created again by an online booking (same name, date of "
                                      "birth and mobile; e-mail in capitals; new ID)"}],
                     layout=FR, notes=["one row, up to two records: the patient and the "
                                       "mutuelle (complementary insurance)"])
    rv_cols = {"Date": "appointment.starts_at (date part, JJ/MM/AAAA)",
               "Heure": "appointment.starts_at (time part, 14h30)",
               "Durée": "appointment.ends_at (start plus duration, '30 min')",
               "Patient": "appointment.patient_source_id (by name, NOM Prénom)",
               "Date de naissance": "drop",
               "Praticien": "appointment.provider_source_id (by name, with Dr)",
               "Motif": "appointment.appointment_type", "Lieu": "appointment.location",
               "Statut": "appointment.status", "Pris en ligne": "custom"}
    rv_rows, conges = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        rv_rows.append([fmt.dmy(v.start.date()), _heure(v.start), f"{v.minutes} min",
                        f"{p.last.upper()} {p.first}", fmt.dmy(p.dob), docs[v.provider],
                        rng.choice(MOTIFS), rng.choice(("Cabinet", "Cabinet", "Vidéo")),
                        STATUT[v.status], rng.choice(("Oui", "Non"))])
        if k % 50 == 27:
            rv_rows.append([fmt.dmy(v.start.date()), "8h00", "600 min", "", "",
                            docs[v.provider], "Absence : congés", "Cabinet", "", "Non"])
            conges.append({"row": len(rv_rows), "reason": "leave blocked in the agenda "
                           "(congés): no patient"})
    rdv = Table("export_rendez-vous.csv", "appointment", rv_cols, rv_rows,
                {"appointment": len(rv_rows) - len(conges)}, bad_rows=conges, layout=FR,
                notes=["no appointment id; the patient by name",
                       "Venu: completed; Excusé: cancelled; Non excusé: no-show"])
    at_cols = {"ID patient": "allergy_condition.patient_source_id",
               "Catégorie": "allergy_condition.kind (Allergie / Antécédent ...)",
               "Libellé": "allergy_condition.name ('Aucune allergie connue' is none)",
               "Date de saisie": "allergy_condition.recorded_at"}
    at_rows, aucune = [], []
    for i, p in enumerate(w.patients):
        when = fmt.dmy((p.created + timedelta(days=rng.randrange(0, 60))).date())
        if rng.random() < .2:
            at_rows.append([ids[i], "Allergie", "Aucune allergie connue", when])
            aucune.append({"row": len(at_rows), "reason": "no known allergy: not an "
                           "allergy"})
            continue
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            cat, names = rng.choice(ANTECEDENTS)
            at_rows.append([ids[i], cat, rng.choice(names), when])
    antecedents = Table("antecedents.csv", "allergy_condition", at_cols, at_rows,
                        {"allergy_condition": len(at_rows) - len(aucune)}, bad_rows=aucune,
                        layout=FR, notes=["no id column"])
    fa_cols = {"N° facture": "billing.source_id", "Date": "custom",
               "ID patient": "billing.patient_source_id", "Patient": "drop",
               "Montant": "drop", "Réglé": "billing.last_payment_amount",
               "Reste à payer": "billing.outstanding_balance (1 234,50 €)",
               "Mode de règlement": "custom",
               "Statut": "billing.billing_status (Payée / Partiellement payée / Impayée)"}
    fa_rows: list[list[str]] = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            continue
        due = Decimal(rng.choice((25, 30, 50, 60))) + money(rng, 1500) * (rng.random() < .1)
        paid = due if rng.random() < .6 else min(due, money(rng, 40))
        total += due - paid
        day = (p.created + timedelta(days=rng.randrange(10, 400))).date()
        fa_rows.append([f"F-{day.year}-{len(fa_rows) + 1:05d}", fmt.dmy(day),
                        ids[i], f"{p.last.upper()} {p.first}", eur_fr(due), eur_fr(paid),
                        eur_fr(due - paid), rng.choice(("Carte bancaire", "Chèque", "Espèces",
                                                        "Tiers payant")),
                        "Payée" if paid == due else "Partiellement payée" if paid else
                        "Impayée"])
    factures = Table("factures.csv", "billing", fa_cols, fa_rows, {"billing": len(fa_rows)},
                     layout=Layout(encoding="utf-8-sig", delimiter=";",
                                   footer=[["Total", "", "", "", "", "", eur_fr(total), "", ""]]),
                     notes=["money as 1 234,50 € with a no-break space", "a total line"])
    dc_cols = {"ID document": "document.source_id", "ID patient": "document.patient_source_id",
               "Nom du fichier": "document.filename",
               "Catégorie": "document.category (Ordonnance, Courrier, Imagerie, ...)",
               "Taille": "document.size_bytes (in Ko)", "Ajouté le": "document.created_at",
               "Chemin": "document.path (Windows separators)"}
    dc_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 1, 2))):
            cat, name = rng.choice(DOCS)
            day = (p.created + timedelta(days=rng.randrange(1, 500))).date()
            fname = name.format(d=fmt.dmy(day, "-"))
            dc_rows.append([f"D{300000 + 17 * len(dc_rows)}", ids[i], fname, cat,
                            f"{rng.randrange(40, 4000)} Ko", fmt.dmy(day),
                            f"Documents\\{ids[i]}\\{fname}"])
    documents = Table("documents.csv", "document", dc_cols, dc_rows,
                      {"document": len(dc_rows)}, layout=FR,
                      notes=["the files themselves are not in the export"])
    pr_cols = {"Nom": "provider.last_name", "Prénom": "provider.first_name",
               "Profession": "provider.role", "Spécialité": "provider.specialty",
               "N° RPPS": "provider.license_number", "E-mail": "provider.email",
               "Téléphone": "provider.phone"}
    jobs = (("Médecin", "Médecine générale"), ("Médecin", "Médecine générale"),
            ("Médecin", "Pédiatrie"), ("Secrétaire médicale", ""), ("Assistante", ""))
    pr_rows = [[p.last, p.first, jobs[i][0], jobs[i][1],
                str(10000000000 + rng.randrange(10**9)) if i < 3 else "",
                f"{p.first[0].lower()}.{p.last.lower()}@centre-bellecour.example.fr"
                .replace("è", "e"), p.mobile] for i, p in enumerate(w.providers + w.staff)]
    praticiens = Table("praticiens.csv", "provider", pr_cols, pr_rows,
                       {"provider": len(pr_rows)}, layout=FR,
                       notes=["a medical secretary and an assistant beside doctors"])
    meta = {"export": "doctolib-fr", "vendor": "Doctolib", "country": "FR", "currency": "EUR",
            "date_order": "DMY", "language": "fr", "half": "holdout4"}
    return meta, [patients, rdv, antecedents, factures, documents, praticiens]
