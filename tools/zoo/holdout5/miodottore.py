"""MioDottore, Docplanner's Italian platform (Italy, poliambulatorio, Italian): the practice's
patient list and visit list downloaded from the agenda as `;`-separated CSV in UTF-8. Nome and
Cognome apart; the codice fiscale; DD/MM/YYYY; `M`/`F`; Italian mobiles written `+39`; CAP,
città and the two-letter provincia; free-text Note; `Sì`/`No` consents and SMS reminders; a
patient who booked online and was entered again at the desk; a phone booking with no name
taken. Visits with date, hour and duration apart, the doctor as `Dott.`/`Dott.ssa`, status
phrases (`Completata`, `Cancellata dal paziente`, `Non presentato`, `In attesa di conferma`),
prices as `€ 80,00` and holidays blocked in the agenda. Doctors beside the secretary."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import (
    IT_FEMALE,
    IT_FIRST,
    IT_LAST,
    IT_PLACES,
    IT_STREETS,
    codice_fiscale,
    duplicate,
    it_phone,
)
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

IT = Layout(delimiter=";")
STATO = {"completed": ("Completata",), "arrived": ("In corso",),
         "booked": ("Confermata", "In attesa di conferma"),
         "cancelled": ("Cancellata dal paziente", "Cancellata dal medico"),
         "no_show": ("Non presentato",)}
PRESTAZIONI = (("Visita cardiologica", 120), ("Elettrocardiogramma", 60),
               ("Visita dermatologica", 100), ("Controllo nei", 90),
               ("Visita di controllo", 70), ("Ecografia addome completo", 110))
NOTE = ("", "", "", "", "Allergia al lattice", "Preferisce appuntamenti pomeridiani",
        "Portare esami del sangue", "Paziente in terapia anticoagulante")


def _euro(n: int) -> str:
    return f"€ {n},00"


def miodottore_it() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout5/miodottore-it", "es", patients=108, providers=3, staff=1,
                   visits=235)
    rename(w, IT_FIRST, IT_LAST, IT_PLACES, IT_STREETS, it_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in IT_FEMALE else "male"
    ids = [str(rng.randrange(10**6, 10**7)) for _ in w.patients]
    medici = [f"{'Dott.ssa' if p.sex == 'female' else 'Dott.'} {p.first} {p.last}"
              for p in w.providers]
    cols = {
        "ID": "patient.source_id", "Nome": "patient.first_name", "Cognome": "patient.last_name",
        "Codice fiscale": "custom", "Data di nascita": "patient.date_of_birth (GG/MM/AAAA)",
        "Sesso": "patient.sex (M / F)", "Telefono": "patient.phone_mobile",
        "Email": "patient.email", "Indirizzo": "patient.address_line1 (street, then number)",
        "CAP": "patient.postal_code", "Città": "patient.city", "Provincia": "patient.state",
        "Note": "custom", "Consenso privacy": "custom",
        "Promemoria SMS": "patient.contact_preference (Sì: sms, No: none)",
        "Fonte": "custom", "Data registrazione": "patient.created_at (GG/MM/AAAA HH:MM)",
    }
    rows: list[list[Any]] = []
    for i, p in enumerate(w.patients):
        female = p.sex == "female"
        email = p.email if i % 14 else p.email.capitalize()
        rows.append([
            ids[i], f"{p.first}  " if i % 23 == 3 else p.first, p.last,
            codice_fiscale(rng, p.first, p.last, p.dob, female) if rng.random() < .85 else "",
            fmt.dmy(p.dob), "F" if female else "M", p.mobile, email, p.line1, p.postcode,
            p.city, p.state, rng.choice(NOTE), "Sì", rng.choice(("Sì", "Sì", "No")),
            rng.choice(("MioDottore", "MioDottore", "Studio", "Telefono")),
            f"{fmt.dmy(p.created.date())} {fmt.time24(p.created)}"])
    rows[77][4] = "31/02/1978"
    twice = duplicate(rows, 44, 97, {0: str(rng.randrange(10**6, 10**7)), 3: "",
                                     7: rows[44][7].upper(), 12: "", 15: "Studio",
                                     16: "03/02/2025 09:12"},
                      "the same patient entered again at the desk after booking on MioDottore "
                      "(same name, date of birth and phone; a new ID, no codice fiscale)")
    rows.insert(12, [str(rng.randrange(10**6, 10**7)), "", "", "", "", "", it_phone(rng, "mobile"),
                     "", "", "", "", "", "Prenotazione telefonica - richiamare per i dati",
                     "No", "No", "Telefono", "11/03/2024 17:40"])
    twice["row"] += 1
    twice["of_row"] += 1
    patients = Table("pazienti.csv", "patient", cols, rows, {"patient": len(w.patients)},
                     bad_rows=[{"row": 13, "reason": "a phone booking saved with only a number: "
                                "no name, no person to migrate"}],
                     duplicate_rows=[twice], layout=IT,
                     notes=["codice fiscale kept as a custom field",
                            "31/02/1978 on one row is not a date",
                            "trailing blanks after some first names"])
    vi_cols = {"Data": "appointment.starts_at (date part, GG/MM/AAAA)",
               "Ora": "appointment.starts_at (time part, HH:MM)",
               "Durata (min)": "appointment.ends_at (start plus minutes)",
               "ID paziente": "appointment.patient_source_id",
               "Paziente": "drop",
               "Medico": "appointment.provider_source_id (by name, with Dott./Dott.ssa)",
               "Prestazione": "appointment.appointment_type",
               "Indirizzo studio": "appointment.location", "Stato": "appointment.status",
               "Prenotato online": "custom", "Prezzo": "custom", "Note": "appointment.notes"}
    vi_rows: list[list[Any]] = []
    ferie = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        name, price = rng.choice(PRESTAZIONI)
        vi_rows.append([fmt.dmy(v.start.date()), fmt.time24(v.start), str(v.minutes),
                        ids[v.patient], f"{p.last} {p.first}", medici[v.provider], name,
                        rng.choice(("Via Torino 12, Milano", "Viale Monza 140, Milano")),
                        rng.choice(STATO[v.status]), rng.choice(("Sì", "No")), _euro(price),
                        rng.choice(("", "", "", "Prima visita", "Portare referti"))])
        if k % 52 == 33:
            day = v.start.date() + timedelta(days=1)
            vi_rows.append([fmt.dmy(day), "08:00", "600", "", "", medici[v.provider],
                            "Ferie", "", "", "No", "", "Agenda bloccata"])
            ferie.append({"row": len(vi_rows), "reason": "holidays (Ferie) blocked in the "
                          "agenda: no patient"})
    visite = Table("visite.csv", "appointment", vi_cols, vi_rows,
                   {"appointment": len(w.visits)}, bad_rows=ferie, layout=IT,
                   notes=["Completata: completed; In corso: arrived; Confermata, In attesa di "
                          "conferma: booked; Cancellata dal paziente/dal medico: cancelled; "
                          "Non presentato: no-show", "prices as `€ 80,00`: custom"])
    me_cols = {"Titolo": "drop", "Nome": "provider.first_name", "Cognome": "provider.last_name",
               "Ruolo": "provider.role (Medico / Segreteria)",
               "Specializzazione": "provider.specialty",
               "N. iscrizione Albo": "provider.license_number", "Email": "provider.email",
               "Telefono": "provider.phone", "Attivo": "provider.active (Sì / No)"}
    specs = ("Cardiologia", "Dermatologia", "Medicina interna", "")
    me_rows = [[(medici[i].split()[0] if i < 3 else ""), p.first, p.last,
                "Medico" if i < 3 else "Segreteria", specs[i],
                f"MI-{rng.randrange(10000, 49999)}" if i < 3 else "",
                f"{p.first.lower()}.{p.last.lower()}@poliambulatoriobrera.example.it"
                .replace("'", "").replace(" ", "").replace("ò", "o"), p.mobile,
                "Sì"] for i, p in enumerate(w.providers + w.staff)]
    medici_t = Table("medici.csv", "provider", me_cols, me_rows, {"provider": len(me_rows)},
                     layout=IT, notes=["the secretary beside the doctors"])
    meta = {"export": "miodottore-it", "vendor": "MioDottore (Docplanner)", "country": "IT",
            "currency": "EUR", "date_order": "DMY", "language": "it", "half": "holdout5"}
    return meta, [patients, visite, medici_t]
