"""CGM XDENT (Italy, dental, Italian): lists printed to CSV from the practice's own install,
`;`-separated, Windows-1252. Surname and name apart; codice fiscale; the address as `Via Roma,
12`; the dental plan (convenzione) and card number on the patient's row, where `Privato`
means paying privately; how the patient came to the studio; the anamnesis with no id, where
`Nessuna` means none; the agenda as a report (title, period, total line) naming patients
`COGNOME Nome` and dentists `Dott.`/`Dott.ssa`, with times as `9.30` and durations as
`00:45`; the clinical diary with tooth numbers; the patients' account situation with money as
`1.234,50 €`; the SMS log (reminders, recalls); hygienists, assistants and a secretary
beside dentists; a test patient."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.tuning2.common import IT_FIRST, IT_LAST, IT_PLACES, IT_STREETS, eur_after, it_phone
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

IT = Layout(encoding="cp1252", delimiter=";")
STUDIO = "Studio Dentistico Associato Bianchi & Colombo"
STATO = {"completed": "Eseguito", "arrived": "In sala d'attesa", "booked": "Confermato",
         "cancelled": "Disdetto", "no_show": "Non presentato"}
PREST = ("Visita di controllo", "Igiene orale professionale", "Otturazione", "Devitalizzazione",
         "Estrazione", "Impronte per corona", "Sbiancamento")
CONV = ("Privato", "Privato", "Privato", "UniSalute", "Previmedical", "FASI", "Metasalute")
ALLERGIE = ("Penicillina", "Lattice", "Anestetici locali", "FANS", "Nichel")
PATOLOGIE = ("Ipertensione", "Diabete tipo 2", "Cardiopatia", "Terapia anticoagulante",
             "Osteoporosi (bifosfonati)")
NOTE = ("Carie distale, otturazione in composito.", "Sondaggio parodontale: tasche 4 mm.",
        "Controllo post-estrazione, guarigione regolare.", "Rx endorale eseguita.")


def _ora(t: Any) -> str:
    return f"{t.hour}.{t.minute:02d}"


def xdent_it() -> tuple[dict, list[Table]]:
    w = make_world("zoo/tuning2/xdent-it", "es", patients=98, providers=4, staff=3,
                   visits=225)
    rename(w, IT_FIRST, IT_LAST, IT_PLACES, IT_STREETS, it_phone)
    rng = w.rng
    codes = [f"{i + 1:05d}" for i in range(len(w.patients))]
    ops = [f"{'Dott.ssa' if p.first[-1] == 'a' else 'Dott.'} {p.first} {p.last}"
           for p in w.providers[:2]] + [f"{p.first} {p.last}" for p in w.providers[2:]]
    cols = {
        "Codice": "patient.source_id", "Cognome": "patient.last_name",
        "Nome": "patient.first_name", "Sesso": "patient.sex",
        "Data di nascita": "patient.date_of_birth", "Luogo di nascita": "custom",
        "Codice fiscale": "custom", "Indirizzo": "patient.address_line1 (street, then number)",
        "CAP": "patient.postal_code", "Città": "patient.city", "Prov.": "patient.state",
        "Telefono": "patient.phone_home", "Cellulare": "patient.phone_mobile",
        "E-mail": "patient.email", "Medico curante": "custom",
        "Convenzione": "insurance.carrier_name ('Privato' means self-pay: no insurer)",
        "N. tessera": "insurance.member_id", "Provenienza": "referral.referral_type",
        "Stato": "patient.status (Archiviato: inactive)",
        "Data inserimento": "patient.created_at",
    }
    rows: list[list[Any]] = []
    insured = came = 0
    for i, p in enumerate(w.patients):
        conv = rng.choice(CONV)
        src = rng.choice(("", "", "Passaparola", "Internet", "Medico curante", "Convenzione"))
        insured += conv != "Privato"
        came += bool(src)
        rows.append([
            codes[i], p.last.upper(), p.first, {"female": "F", "male": "M"}.get(p.sex, ""),
            fmt.dmy(p.dob), rng.choice(("Milano", "Bergamo", "Napoli", "Palermo")),
            f"{p.last[:3].upper()}{p.first[:3].upper()}{p.dob.year % 100:02d}A01F205"
            f"{rng.choice('XYZ')}".replace("'", "X"),
            ", ".join(p.line1.rsplit(" ", 1)), p.postcode, p.city, p.state, p.home, p.mobile,
            p.email.replace("ò", "o"), f"Dr. {rng.choice(IT_LAST)}", conv,
            f"{rng.randrange(10**7, 10**8)}" if conv != "Privato" else "", src,
            "Archiviato" if rng.random() < .1 else "Attivo",
            fmt.dmy(p.created.date())])
    rows.insert(33, ["99999", "PROVA", "Paziente", "", "01/01/1980", "", "", "Via Prova, 1",
                     "20100", "Milano", "MI", "", "", "", "", "Privato", "", "", "Attivo",
                     "10/01/2016"])
    patients = Table("Anagrafica pazienti.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured, "referral": came},
                     bad_rows=[{"row": 34, "reason": "test patient (PROVA Paziente) made to "
                                "try the software"}], layout=IT,
                     notes=["surnames in capitals", "one row, up to three records: the "
                            "patient, the dental plan (unless Privato), how they came"])
    an_cols = {"Codice paziente": "allergy_condition.patient_source_id",
               "Tipo": "allergy_condition.kind (Allergia / Patologia)",
               "Descrizione": "allergy_condition.name ('Nessuna' means none)",
               "Data rilevazione": "allergy_condition.recorded_at"}
    an_rows, none = [], []
    for i, p in enumerate(w.patients):
        when = fmt.dmy((p.created + timedelta(days=1)).date())
        if rng.random() < .25:
            an_rows.append([codes[i], "Allergia", rng.choice(("Nessuna", "Nessuna allergia "
                                                               "nota")), when])
            none.append({"row": len(an_rows), "reason": "no known allergies: not an allergy"})
            continue
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            t = rng.choice(("Allergia", "Patologia"))
            an_rows.append([codes[i], t, rng.choice(ALLERGIE if t == "Allergia"
                                                    else PATOLOGIE), when])
    anamnesi = Table("Anamnesi.csv", "allergy_condition", an_cols, an_rows,
                     {"allergy_condition": len(an_rows) - len(none)}, bad_rows=none,
                     layout=IT, notes=["no id column"])
    ag_cols = {"Data": "appointment.starts_at (date part)",
               "Ora": "appointment.starts_at (time part, 9.30)",
               "Durata": "appointment.ends_at (start plus duration, hh:mm)",
               "Paziente": "appointment.patient_source_id (by name, COGNOME Nome)",
               "Operatore": "appointment.provider_source_id (by name, with Dott./Dott.ssa)",
               "Poltrona": "appointment.location", "Prestazione": "appointment.appointment_type",
               "Stato": "appointment.status", "Note": "appointment.notes"}
    ag_rows, bad = [], []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        ag_rows.append([fmt.dmy(v.start.date()), _ora(v.start),
                        f"{v.minutes // 60:02d}:{v.minutes % 60:02d}",
                        f"{p.last.upper()} {p.first}", ops[v.provider],
                        f"Poltrona {v.provider % 3 + 1}", rng.choice(PREST), STATO[v.status],
                        v.note.replace("Running late", "Arriva in ritardo").replace(
                            "Bring scans", "Portare OPT").replace("Parking at rear",
                                                                  "Parcheggio nel cortile")])
        if k % 40 == 12:
            ag_rows.append([fmt.dmy(v.start.date()), "13.00", "01:00", "", ops[v.provider],
                            f"Poltrona {v.provider % 3 + 1}", "PAUSA PRANZO", "", ""])
            bad.append({"row": len(ag_rows), "reason": "lunch break (PAUSA PRANZO): no "
                        "patient, not an appointment"})
    agenda = Table("Agenda appuntamenti.csv", "appointment", ag_cols, ag_rows,
                   {"appointment": len(ag_rows) - len(bad)}, bad_rows=bad,
                   layout=Layout(encoding="cp1252", delimiter=";",
                                 title=[["Agenda appuntamenti dal 08/01/2024 al 30/06/2025"],
                                        [STUDIO], []],
                                 footer=[[], ["Totale appuntamenti", str(len(ag_rows) -
                                                                         len(bad))]]),
                   notes=["no appointment id; the patient by name", "Disdetto: cancelled; "
                          "Non presentato: no-show; In sala d'attesa: arrived"])
    dc_cols = {"Data": "clinical_note.created_at", "Codice paziente":
               "clinical_note.patient_source_id",
               "Operatore": "clinical_note.author_source_id (by name)",
               "Dente": "custom", "Prestazione": "clinical_note.title",
               "Annotazioni": "clinical_note.body"}
    dc_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or len(dc_rows) >= 120:
            continue
        dc_rows.append([fmt.dmy(v.start.date()), codes[v.patient], ops[v.provider],
                        str(rng.choice((11, 16, 21, 26, 36, 46, 47))), rng.choice(PREST),
                        " ".join(rng.sample(NOTE, 2))])
    diario = Table("Diario clinico.csv", "clinical_note", dc_cols, dc_rows,
                   {"clinical_note": len(dc_rows)}, layout=IT, notes=["no note id",
                                                                      "FDI tooth numbers"])
    sp_cols = {"Codice paziente": "billing.patient_source_id", "Paziente": "drop",
               "Totale preventivi": "drop", "Totale fatturato": "drop",
               "Totale incassato": "drop", "Saldo": "billing.outstanding_balance",
               "Ultimo incasso": "billing.last_payment_date",
               "Importo ultimo incasso": "billing.last_payment_amount"}
    sp_rows = []
    tot = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .4:
            continue
        fatt = money(rng, 3000) + 60
        saldo = money(rng, 900) if rng.random() < .4 else Decimal(0)
        saldo = min(saldo, fatt)
        if rng.random() < .06:
            saldo = -money(rng, 80)
        tot += saldo
        sp_rows.append([codes[i], f"{p.last.upper()} {p.first}", eur_after(fatt + 400),
                        eur_after(fatt), eur_after(fatt - saldo), eur_after(saldo),
                        fmt.dmy((p.created + timedelta(days=rng.randrange(30, 900))).date()),
                        eur_after(money(rng, 500) + 50)])
    situazione = Table("Situazione pazienti.csv", "billing", sp_cols, sp_rows,
                       {"billing": len(sp_rows)},
                       layout=Layout(encoding="cp1252", delimiter=";",
                                     footer=[["Totale", "", "", "", "", eur_after(tot)]]),
                       notes=["money as 1.234,50 €; credits -45,00 €", "a total line"])
    sms_cols = {"Data invio": "communication.occurred_at (dd/mm/yyyy hh:mm)",
                "Paziente": "communication.patient_source_id (by name, COGNOME Nome)",
                "Numero": "drop", "Tipo messaggio": "communication.subject",
                "Testo": "communication.body", "Esito": "custom"}
    sms_rows = []
    for v in w.visits:
        if v.status == "cancelled" or rng.random() < .35:
            continue
        p = w.patients[v.patient]
        sent = v.start - timedelta(days=1, hours=rng.randrange(1, 5))
        sms_rows.append([f"{fmt.dmy(sent.date())} {fmt.time24(sent)}",
                         f"{p.last.upper()} {p.first}", p.mobile,
                         "Promemoria appuntamento",
                         f"Gentile {p.first}, le ricordiamo l'appuntamento del "
                         f"{fmt.dmy(v.start.date())} alle ore {_ora(v.start)}. {STUDIO}",
                         rng.choice(("Consegnato", "Consegnato", "Non consegnato"))])
    sms = Table("SMS inviati.csv", "communication", sms_cols, sms_rows,
                {"communication": len(sms_rows)}, layout=IT,
                notes=["every message an outbound SMS (no channel column)"])
    op_cols = {"Codice": "provider.source_id", "Cognome": "provider.last_name",
               "Nome": "provider.first_name", "Qualifica": "provider.role",
               "N. iscrizione albo": "provider.license_number", "E-mail": "provider.email",
               "Cellulare": "provider.phone"}
    quals = ("Odontoiatra", "Odontoiatra", "Igienista dentale", "Igienista dentale",
             "ASO (assistente)", "ASO (assistente)", "Segreteria")
    people = w.providers + w.staff
    op_rows = [[f"OP{i + 1:02d}", p.last, p.first, quals[i],
                f"MI-{rng.randrange(1000, 9999)}" if i < 2 else "",
                f"{p.first.lower()}.{p.last.lower()}@studiobianchicolombo.example.it"
                .replace("'", "").replace(" ", "").replace("ò", "o"), p.mobile]
               for i, p in enumerate(people)]
    operatori = Table("Operatori.csv", "provider", op_cols, op_rows, {"provider": len(op_rows)},
                      layout=IT, notes=["assistants and a secretary beside dentists"])
    meta = {"export": "xdent-it", "vendor": "CGM XDENT", "country": "IT", "currency": "EUR",
            "date_order": "DMY", "language": "it", "half": "tuning2"}
    return meta, [patients, anamnesi, agenda, diario, situazione, sms, operatori]
