"""AMICUS (CompuGroup Medical Česká republika; Czech Republic, general practice in Brno, Czech):
the patient file (Kartotéka), the diagnoses and allergies, the progress notes (dekurzy) and the
ordering book saved as semicolon CSV in Windows-1250, the code page of Czech Windows. Příjmení
and Jméno apart with academic titles in their own column (`Ing.`, `Mgr.`); the rodné číslo
(`YYMMDD/XXXX`, women's month plus 50, divisible by 11) and the insurer as its three-digit code
(`111` VZP, `201`, `205`, `207`, `211`); dates `8. 1. 2024`; the note's date and time in one cell
(`8. 1. 2024 9:30`); phones `+420 603 123 456`, postcodes `602 00`; ICD-10 (MKN-10) codes;
yes/no as `A`/`N`. Dirty: a patient filed twice (the same rodné číslo under a new card), a
note for a card not in the file, a blank line."""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout8.common import (
    CZ_FEMALE,
    CZ_FIRST,
    CZ_LAST_F,
    CZ_LAST_M,
    CZ_PLACES,
    CZ_STREETS,
    cz_date,
    cz_phone,
    rodne_cislo,
)
from tools.zoo.world import _ascii, make_world
from tools.zoo.writers import Layout, Table

WIN = Layout(encoding="cp1250", delimiter=";")
INSURERS = ("111", "111", "111", "201", "205", "207", "211", "213")
DIAGNOSES = (("I10", "Esenciální (primární) hypertenze"),
             ("E11.9", "Diabetes mellitus 2. typu bez komplikací"),
             ("J45.9", "Astma, NS"), ("M54.5", "Bolest v kříži"),
             ("E78.0", "Čistá hypercholesterolemie"), ("K21.9", "Refluxní choroba jícnu"))
ALLERGENS = ("PNC (penicilin)", "Jód", "Pyly", "Roztoči", "Ibuprofen", "Latex")
NOTES = ("Kontrola TK, TK 135/85, bez potíží.\nTerapie beze změny.",
         "Kašel 5 dní, subfebrilie.\nPoslech čistý. Dop. klid, tekutiny.",
         "Preventivní prohlídka, lab. odběry.\nKontrola za 2 roky.",
         "Bolesti zad po zvedání břemene.\nIbalgin 400 mg, RHB.",
         "Kontrola DM, glykemie 7,2 mmol/l.\nMetformin pokračovat.")
BOOK_STATUS = {"completed": ("Ošetřen",), "arrived": ("V čekárně",), "booked": ("Objednán",),
               "cancelled": ("Zrušeno",), "no_show": ("Nedostavil se",)}


def amicus_cz() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/amicus-cz", "de", patients=124, providers=3, staff=1,
                   visits=210)
    rename(w, CZ_FIRST, CZ_LAST_M, CZ_PLACES, CZ_STREETS, cz_phone)
    rng = w.rng
    used: set[tuple[str, str]] = set()
    for p in [*w.providers, *w.staff, *w.patients]:
        # Czech surnames take the feminine form (-ová, -á): the name is drawn again with the
        # surname list that fits the first name, unique like every name in the zoo
        while True:
            first = rng.choice(CZ_FIRST)
            last = rng.choice(CZ_LAST_F if first in CZ_FEMALE else CZ_LAST_M)
            if (first, last) not in used:
                break
        used.add((first, last))
        p.first, p.last = first, last
        p.sex = "female" if first in CZ_FEMALE else "male"
        p.email = f"{_ascii(first)}.{_ascii(last)}@{p.email.split('@')[1]}"
    cards = [f"{rng.randrange(1000, 9999)}" for _ in w.patients]
    cards = [f"{c}{i:03d}" for i, c in enumerate(cards)]
    cols = {"Č. karty": "patient.source_id", "Příjmení": "patient.last_name",
            "Jméno": "patient.first_name", "Titul": "custom",
            "Rodné číslo": "patient.date_of_birth (YYMMDD/XXXX: the first six digits, women's "
                           "month plus 50)",
            "Pohlaví": "patient.sex (Ž / M)",
            "Pojišťovna": "insurance.carrier_name (the insurer's code: 111, 201, 205, ...)",
            "Číslo pojištěnce": "insurance.member_id", "Ulice": "patient.address_line1",
            "Obec": "patient.city", "PSČ": "patient.postal_code",
            "Telefon": "patient.phone_mobile", "E-mail": "patient.email",
            "Registrace od": "patient.created_at (D. M. YYYY)",
            "Archiv": "patient.status (A: archived, inactive; N: active)"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        rc = rodne_cislo(rng, p.dob, p.sex == "female")
        rows.append([cards[i], p.last, p.first,
                     rng.choice(("", "", "", "", "Ing.", "Mgr.", "Bc.", "MUDr.", "JUDr.")),
                     rc, "Ž" if p.sex == "female" else "M", rng.choice(INSURERS),
                     rc.replace("/", ""), p.line1, p.city, p.postcode, p.mobile,
                     p.email if rng.random() < .7 else "", cz_date(p.created.date()),
                     "A" if rng.random() < .07 else "N"])
    twice = duplicate(rows, 21, 77, {0: "9999001", 11: "", 13: "2. 9. 2024"},
                      "the same patient filed again under a new card (same rodné číslo, "
                      "name and address)")
    rows.insert(105, [])
    patients = Table("PACIENTI.CSV", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": len(w.patients)},
                     bad_rows=[{"row": 106, "reason": "a blank line"}], duplicate_rows=[twice],
                     layout=WIN,
                     notes=["the date of birth is the first six digits of the rodné číslo",
                            "the insurer is written as its code; the member id is the rodné "
                            "číslo without the slash",
                            "Titul: academic titles before the name"])
    dg_cols = {"Č. karty": "allergy_condition.patient_source_id",
               "Druh": "allergy_condition.kind (Diagnóza: condition / Alergie: allergy)",
               "MKN-10": "allergy_condition.code", "Název": "allergy_condition.name",
               "Trvalá": "allergy_condition.clinical_status (A: active / N: resolved)",
               "Zapsáno": "allergy_condition.recorded_at (D. M. YYYY)"}
    dg_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            when = cz_date(p.created.date() + timedelta(days=rng.randrange(0, 900)))
            if rng.random() < .35:
                dg_rows.append([cards[i], "Alergie", "", rng.choice(ALLERGENS), "A", when])
            else:
                code, name = rng.choice(DIAGNOSES)
                dg_rows.append([cards[i], "Diagnóza", code, name,
                                rng.choice(("A", "A", "N")), when])
    diagnoses = Table("DIAGNOZY.CSV", "allergy_condition", dg_cols, dg_rows,
                      {"allergy_condition": len(dg_rows)}, layout=WIN,
                      notes=["no id of their own"])
    doctors = [f"MUDr. {p.first} {p.last}" for p in w.providers]
    dk_cols = {"ID": "clinical_note.source_id", "Č. karty": "clinical_note.patient_source_id",
               "Datum a čas": "clinical_note.created_at (D. M. YYYY H:MM in one cell)",
               "Lékař": "clinical_note.author_source_id (by name, with MUDr.)",
               "Text": "clinical_note.body"}
    dk_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed":
            continue
        t = v.start + timedelta(minutes=5)
        dk_rows.append([str(700000 + len(dk_rows)), cards[v.patient],
                        f"{cz_date(t.date())} {t.hour}:{t.minute:02d}", doctors[v.provider],
                        rng.choice(NOTES)])
    dk_rows.insert(30, ["799999", "4417999", "5. 3. 2024 10:20", doctors[0],
                        "Telefonická konzultace, recept."])
    notes = Table("DEKURZ.CSV", "clinical_note", dk_cols, dk_rows,
                  {"clinical_note": len(dk_rows) - 1},
                  bad_rows=[{"row": 31, "reason": "a note for a card not in the patient file"}],
                  layout=WIN, notes=["line breaks inside the note text"])
    ob_cols = {"Datum": "appointment.starts_at (date part, D. M. YYYY)",
               "Čas": "appointment.starts_at (time part, H:MM)",
               "Délka (min)": "appointment.ends_at (minutes after the start)",
               "Č. karty": "appointment.patient_source_id", "Pacient": "drop",
               "Lékař": "appointment.provider_source_id (by name, with MUDr.)",
               "Důvod": "appointment.appointment_type", "Stav": "appointment.status",
               "Poznámka": "appointment.notes"}
    ob_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        start: datetime = v.start
        ob_rows.append([cz_date(start.date()), f"{start.hour}:{start.minute:02d}",
                        str(v.minutes), cards[v.patient], f"{p.last} {p.first}",
                        doctors[v.provider],
                        rng.choice(("Kontrola", "Akutní", "Preventivní prohlídka", "Odběry",
                                    "Očkování")), rng.choice(BOOK_STATUS[v.status]),
                        rng.choice(("", "", "", "nalačno", "přinést výsledky", "recept"))])
    book = Table("OBJEDNAVKY.CSV", "appointment", ob_cols, ob_rows,
                 {"appointment": len(w.visits)}, layout=WIN,
                 notes=["no id of their own; one row per ordered visit"])
    meta = {"export": "amicus-cz", "vendor": "AMICUS (CompuGroup Medical)", "country": "CZ",
            "language": "cs", "currency": "CZK", "date_order": "DMY", "half": "holdout8"}
    return meta, [patients, diagnoses, notes, book]
