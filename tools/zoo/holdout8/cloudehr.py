"""Cloudehr Orvosi Szoftver (Hungary, private dermatology and internal medicine clinic in
Budapest, Hungarian): one XLSX workbook with a sheet per table (patients, doctors, appointments,
documents). The name in one column family name first (`Kovács Anna`, doctors `Dr. Kiss Péter`);
the TAJ number (`123 456 789`, check digit over weights 3 and 7); dates year first with points
(`1985.03.12.`), the appointment's start in one text cell (`2024.01.08. 09:30`), the patient's
registration as a real date cell; phones `+36 30 123 4567`; four-digit postcodes before the
town; prices in forints without decimals (`25 000 Ft`); yes/no as `Igen`/`Nem`. Documents:
findings, consents, discharge letters, ID scans by file name. Dirty: a patient registered
twice (same TAJ), the vendor's test patient, an appointment and a document of a deleted
patient."""

from __future__ import annotations

from datetime import datetime, timedelta

from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout8.common import (
    HU_FEMALE,
    HU_FIRST,
    HU_LAST,
    HU_PLACES,
    HU_STREETS,
    forint,
    hu_date,
    hu_dt,
    hu_phone,
    taj,
)
from tools.zoo.world import _ascii, make_world
from tools.zoo.writers import Table

BOOK = "Cloudehr_export.xlsx"
STATUS = {"completed": ("Lezárt",), "arrived": ("Megérkezett",), "booked": ("Foglalt",
                                                                           "Visszaigazolt"),
          "cancelled": ("Lemondva",), "no_show": ("Nem jelent meg",)}
SERVICES = (("Bőrgyógyászati vizsgálat", 25000), ("Anyajegyszűrés", 32000),
            ("Belgyógyászati vizsgálat", 28000), ("Kontroll vizsgálat", 15000),
            ("Krioterápia", 18000), ("Laborvizsgálat", 12000))
DOCS = (("Lelet", "lab", "lelet", "pdf"), ("Beleegyező nyilatkozat", "consent", "beleegyezes",
                                           "pdf"),
        ("Zárójelentés", "letter", "zarojelentes", "pdf"),
        ("Fénykép", "imaging", "dermatoszkop", "jpg"),
        ("Személyi igazolvány", "id_scan", "szemelyi", "jpg"))
SPECIALTIES = ("Bőrgyógyászat", "Belgyógyászat", "Bőrgyógyászat", "Kozmetológia")


def cloudehr_hu() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout8/cloudehr-hu", "de", patients=120, providers=4, staff=1,
                   visits=220)
    rename(w, HU_FIRST, HU_LAST, HU_PLACES, HU_STREETS, hu_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in HU_FEMALE else "male"
        p.line1 = f"{p.line1}."  # Hungarian house numbers take a point: `Fő utca 12.`
    ids = [f"P{rng.randrange(10, 99)}{i:04d}" for i in range(len(w.patients))]
    cols = {"Azonosító": "patient.source_id",
            "Név": "patient.last_name (Family First in one column)",
            "TAJ szám": "custom", "Születési dátum": "patient.date_of_birth (YYYY.MM.DD.)",
            "Nem": "patient.sex (Nő / Férfi)", "Mobiltelefon": "patient.phone_mobile",
            "Vezetékes telefon": "patient.phone_home", "E-mail cím": "patient.email",
            "Irányítószám": "patient.postal_code", "Település": "patient.city",
            "Utca, házszám": "patient.address_line1",
            "Hírlevél": "patient.contact_preference (Igen: email)",
            "Regisztráció dátuma": "patient.created_at (a date cell)"}
    rows: list[list[object]] = []
    for i, p in enumerate(w.patients):
        rows.append([ids[i], f"{p.last} {p.first}", taj(rng), hu_date(p.dob),
                     "Nő" if p.sex == "female" else "Férfi", p.mobile, p.home, p.email,
                     p.postcode, p.city, p.line1, rng.choice(("Igen", "Nem", "Nem")),
                     p.created.replace(second=0)])
    twice = duplicate(rows, 6, 48, {0: "P990001", 5: "", 12: datetime(2024, 10, 2, 11, 20)},
                      "the same patient registered again at the front desk (same TAJ, name "
                      "and date of birth; a new id)")
    rows.insert(110, ["P000000", "Teszt Elek", "", "1900.01.01.", "Férfi", "", "",
                      "teszt@example.com", "1051", "Budapest", "", "Nem",
                      datetime(2016, 1, 1, 8, 0)])
    patients = Table(f"{BOOK}#Páciensek", "patient", cols, rows,
                     {"patient": len(w.patients)},
                     bad_rows=[{"row": 111, "reason": "the vendor's test patient (Teszt Elek)"}],
                     duplicate_rows=[twice],
                     notes=["the family name comes first in the name cell"])
    doc_ids = [f"O{101 + k}" for k in range(len(w.providers))]
    dr_cols = {"Orvos azonosító": "provider.source_id",
               "Név": "provider.last_name (Dr. Family First in one column)",
               "Szakterület": "provider.specialty", "Pecsétszám": "provider.license_number",
               "E-mail": "provider.email", "Telefon": "provider.phone",
               "Aktív": "provider.active (Igen / Nem)"}
    dr_rows: list[list[object]] = [
        [doc_ids[k], f"Dr. {p.last} {p.first}", SPECIALTIES[k], str(rng.randrange(10000, 99999)),
         p.email, p.mobile, "Igen" if k < 3 else "Nem"] for k, p in enumerate(w.providers)]
    doctors = Table(f"{BOOK}#Orvosok", "provider", dr_cols, dr_rows,
                    {"provider": len(w.providers)},
                    notes=["Pecsétszám: the doctor's stamp number from the medical register"])
    ap_cols = {"Időpont azonosító": "appointment.source_id",
               "Kezdés": "appointment.starts_at (YYYY.MM.DD. HH:MM in one cell)",
               "Időtartam (perc)": "appointment.ends_at (minutes after the start)",
               "Páciens azonosító": "appointment.patient_source_id",
               "Páciens neve": "drop", "Orvos azonosító": "appointment.provider_source_id",
               "Szolgáltatás": "appointment.appointment_type", "Állapot": "appointment.status",
               "Rendelő": "appointment.location", "Ár": "custom",
               "Megjegyzés": "appointment.notes"}
    ap_rows: list[list[object]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        service, price = rng.choice(SERVICES)
        ap_rows.append([f"I{55000 + k}", hu_dt(v.start), v.minutes, ids[v.patient],
                        f"{p.last} {p.first}", doc_ids[v.provider], service,
                        rng.choice(STATUS[v.status]),
                        rng.choice(("1. rendelő", "2. rendelő", "Kezelő")), forint(price),
                        rng.choice(("", "", "", "Online foglalás", "Beutalóval",
                                    "Kontroll 3 hónap múlva"))])
    ap_rows.insert(140, ["I59999", "2024.06.12. 10:00", 30, "P550999", "Tóth Benedek",
                         doc_ids[0], "Kontroll vizsgálat", "Foglalt", "1. rendelő",
                         forint(15000), ""])
    appts = Table(f"{BOOK}#Időpontok", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 141, "reason": "an appointment of a deleted patient (no "
                             "such id)"}],
                  notes=["durations as whole minutes in number cells"])
    dc_cols = {"Dokumentum azonosító": "document.source_id",
               "Páciens azonosító": "document.patient_source_id",
               "Fájlnév": "document.filename",
               "Típus": "document.category (Lelet: lab, Beleegyező nyilatkozat: consent, "
                        "Zárójelentés: letter, Fénykép: imaging, Személyi igazolvány: id_scan)",
               "Feltöltve": "document.created_at (YYYY.MM.DD. HH:MM)",
               "Méret (KB)": "document.size_bytes (kilobytes)",
               "Leírás": "document.description"}
    dc_rows: list[list[object]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            label, _cat, stem, ext = rng.choice(DOCS)
            at = p.created + timedelta(days=rng.randrange(0, 800), minutes=rng.randrange(600))
            dc_rows.append([f"D{80000 + len(dc_rows)}", ids[i],
                            f"{stem}_{_ascii(p.last)}_{at:%Y%m%d}.{ext}", label, hu_dt(at),
                            rng.randrange(40, 4800),
                            rng.choice(("", "", "Szkennelt", "Laborból érkezett",
                                        "Aláírt példány"))])
    dc_rows.insert(25, ["D89999", "P550999", "lelet_toth_20240612.pdf", "Lelet",
                        "2024.06.12. 10:40", 310, ""])
    documents = Table(f"{BOOK}#Dokumentumok", "document", dc_cols, dc_rows,
                      {"document": len(dc_rows) - 1},
                      bad_rows=[{"row": 26, "reason": "a document of a deleted patient (no "
                                 "such id)"}],
                      notes=["the files themselves are not part of the export"])
    meta = {"export": "cloudehr-hu", "vendor": "Cloudehr Orvosi Szoftver", "country": "HU",
            "language": "hu", "currency": "HUF", "date_order": "YMD", "half": "holdout8"}
    return meta, [patients, doctors, appts, documents]
