"""THEORG (Germany, physiotherapy practice, German): lists printed to file from the practice's
own install, `;`-separated Windows-1252, the staff list as Excel's `Unicode Text` (UTF-16, tab).
Patient numbers; Anrede (Herr/Frau) as the only sex; dates as `05.03.1961`; the address as
`Hauptstraße 12`; the Kostenträger with its IK number, the insurance number and status
(1 Mitglied, 3 Familienversicherter, 5 Rentner), where `Selbstzahler` and `Privat` without a
number mean no statutory insurer; `inaktiv` as an X; prescriptions (Verordnungen) from doctors
with ICD-10 codes and the remedy (KG, MT, MLD 45); the appointment plan as one table over two
files (one per year) with a title and a total line, the patient `Name, Vorname`, durations in
minutes, `nicht erschienen`, team meetings with no patient; open items with money as `1.234,56
€` and the dunning level; therapists with a running number beside reception staff."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from tools.zoo import fmt
from tools.zoo.holdout4.common import eur_de
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

DE = Layout(encoding="cp1252", delimiter=";")
KASSEN = (("AOK Bayern", "108310400"), ("Techniker Krankenkasse", "101575519"),
          ("Barmer", "104940005"), ("DAK-Gesundheit", "105830016"), ("IKK classic", "107202793"),
          ("Privat", ""), ("Selbstzahler", ""))
STATUS = {"completed": "erschienen", "arrived": "anwesend", "booked": "geplant",
          "cancelled": "abgesagt", "no_show": "nicht erschienen"}
LEISTUNG = ("KG", "KG", "MT", "MLD 45", "KG-ZNS", "Wärmetherapie", "KG-Gerät")
ICD = (("M54.5", "Kreuzschmerz", "WS2"), ("M75.1", "Läsionen der Rotatorenmanschette", "EX2"),
       ("S83.5", "Verstauchung des Kniegelenkes", "EX1"), ("I89.0", "Lymphödem", "LY2"),
       ("M47.82", "Spondylose, Zervikalbereich", "WS1"))
DOCS = ("Dr. med. Klaus Weber", "Dr. med. Sabine Hartmann", "Dr. med. Ahmet Kaya",
        "Praxis Dr. Lorenz & Kollegen")
PRAXIS = "Physiotherapie am Viktualienmarkt"


def theorg_de() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout4/theorg-de", "de", patients=102, providers=4, staff=2,
                   visits=235)
    rng = w.rng
    for person in [*w.providers, *w.staff, *w.patients]:  # Windows-1252 has no dotless i
        person.last = person.last.replace("ı", "i")
        person.email = person.email.replace("ı", "i")
    nums = [str(1000 + 3 * i) for i in range(len(w.patients))]
    ther = [f"{p.last}, {p.first}" for p in w.providers]
    cols = {
        "Pat.-Nr.": "patient.source_id", "Anrede": "patient.sex (Herr / Frau)",
        "Titel": "custom", "Name": "patient.last_name", "Vorname": "patient.first_name",
        "Geb.-Datum": "patient.date_of_birth (TT.MM.JJJJ)",
        "Straße": "patient.address_line1 (street, then number)", "PLZ": "patient.postal_code",
        "Ort": "patient.city", "Telefon privat": "patient.phone_home",
        "Telefon dienstl.": "patient.phone_work", "Mobil": "patient.phone_mobile",
        "E-Mail": "patient.email",
        "Kostenträger": "insurance.carrier_name ('Selbstzahler', and 'Privat' without a "
                        "number, mean no insurer)",
        "IK-Nr.": "custom", "Versicherten-Nr.": "insurance.member_id",
        "Status": "insurance.plan_type (1 Mitglied, 3 Familienversicherter, 5 Rentner)",
        "Zuzahlungsbefreit": "custom", "inaktiv": "patient.status (X: inactive)",
        "Angelegt am": "patient.created_at (TT.MM.JJJJ)",
    }
    rows: list[list[Any]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        kasse, ik = rng.choice(KASSEN)
        statutory = bool(ik)
        vnr = f"{rng.choice('ABKMSTW')}{rng.randrange(10**8, 10**9)}" if statutory else ""
        insured += statutory
        frau = p.sex == "female" or p.sex != "male" and rng.random() < .5
        rows.append([
            nums[i], "Frau" if frau else "Herr", "Dr." if rng.random() < .06 else "", p.last,
            p.first, fmt.dmy(p.dob, "."), p.line1, p.postcode, p.city, p.home, p.work,
            p.mobile, p.email, kasse, ik, vnr,
            rng.choice(("1", "1", "3", "5")) if statutory else "",
            "ja" if statutory and rng.random() < .1 else "nein",
            "X" if rng.random() < .12 else "", fmt.dmy(p.created.date(), ".")])
    rows.insert(44, ["9999", "Herr", "", "Test", "Patient", "01.01.1950", "Musterstraße 1",
                     "80331", "München", "", "", "", "", "Selbstzahler", "", "", "", "nein", "",
                     "01.01.2016"])
    patients = Table("Patientenkartei.csv", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     bad_rows=[{"row": 45, "reason": "test patient (Test Patient, "
                                "Musterstraße 1)"}], layout=DE,
                     notes=["one row, up to two records: the patient and the statutory "
                            "health insurer (Krankenkasse)"])
    rz_cols = {"Rezept-Nr.": "referral.source_id", "Pat.-Nr.": "referral.patient_source_id",
               "Verordnender Arzt": "referral.referrer_name", "LANR": "custom",
               "Ausstellungsdatum": "referral.referred_at (TT.MM.JJJJ)",
               "ICD-10": "custom", "Diagnose": "referral.notes",
               "Diagnosegruppe": "custom", "Heilmittel": "custom", "Anzahl": "custom",
               "Hausbesuch": "custom"}
    rz_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        for _ in range(rng.choice((0, 1, 1, 2))):
            code, diag, group = rng.choice(ICD)
            day = (p.created + timedelta(days=rng.randrange(0, 700))).date()
            rz_rows.append([f"R{24000 + 5 * len(rz_rows)}", nums[i], rng.choice(DOCS),
                            str(rng.randrange(100000000, 999999999)), fmt.dmy(day, "."), code,
                            diag, group, rng.choice(LEISTUNG[:4]), str(rng.choice((6, 6, 10))),
                            rng.choice(("nein", "nein", "ja"))])
    rezepte = Table("Rezepte.csv", "referral", rz_cols, rz_rows, {"referral": len(rz_rows)},
                    layout=DE, notes=["every prescription a referral from a physician",
                                      "Diagnosegruppe: the remedy catalogue's group"])
    tp_cols = {"Datum": "appointment.starts_at (date part, TT.MM.JJJJ)",
               "Uhrzeit": "appointment.starts_at (time part, 24-hour)",
               "Dauer (Min.)": "appointment.ends_at (start plus minutes)",
               "Pat.-Nr.": "appointment.patient_source_id",
               "Patient": "drop", "Therapeut": "appointment.provider_source_id (by name, "
                                               "Name, Vorname)",
               "Leistung": "appointment.appointment_type", "Raum": "appointment.location",
               "Status": "appointment.status", "Bemerkung": "appointment.notes"}
    years: dict[int, list[list[str]]] = {2024: [], 2025: []}
    meets: dict[int, list[dict[str, Any]]] = {2024: [], 2025: []}
    for k, v in enumerate(w.visits):
        y = v.start.year
        p = w.patients[v.patient]
        years[y].append([fmt.dmy(v.start.date(), "."), fmt.time24(v.start),
                         str(rng.choice((20, 20, 25, 30, 45, 60))), nums[v.patient],
                         f"{p.last}, {p.first}", ther[v.provider], rng.choice(LEISTUNG),
                         f"Behandlungsraum {v.provider % 3 + 1}", STATUS[v.status],
                         rng.choice(("", "", "", "bitte Handtuch mitbringen",
                                     "Rezept fehlt noch"))])
        if k % 45 == 8:
            years[y].append([fmt.dmy(v.start.date(), "."), "13:00", "60", "", "",
                             ther[v.provider], "Teambesprechung", "Büro", "", ""])
            meets[y].append({"row": len(years[y]), "reason": "team meeting in the plan: no "
                             "patient"})
    plans = []
    for y, data in years.items():
        n = len(data) - len(meets[y])
        plans.append(Table(
            f"Terminplan {y}.csv", "appointment", dict(tp_cols), data, {"appointment": n},
            bad_rows=meets[y],
            layout=Layout(encoding="cp1252", delimiter=";",
                          title=[[f"Terminplan 01.01.{y} - 31.12.{y}"], [PRAXIS], []],
                          footer=[[f"Anzahl Termine: {n}"]]),
            notes=["one table over two files, one per year", "no appointment id"]))
    op_cols = {"Beleg-Nr.": "billing.source_id", "Pat.-Nr.": "billing.patient_source_id",
               "Patient": "drop", "Belegdatum": "custom", "Betrag": "drop",
               "Offen": "billing.outstanding_balance (1.234,56 €)",
               "Letzte Zahlung": "billing.last_payment_date",
               "Mahnstufe": "billing.billing_status (0: current, 1-2: overdue, 3: "
                            "collections)"}
    op_rows: list[list[str]] = []
    total = Decimal(0)
    for i, p in enumerate(w.patients):
        if rng.random() < .6:
            continue
        betrag = money(rng, 600) + 10
        offen = betrag if rng.random() < .7 else (betrag / 2).quantize(Decimal("0.01"))
        total += offen
        op_rows.append([f"{2024}-{len(op_rows) + 1:04d}", nums[i], f"{p.last}, {p.first}",
                        fmt.dmy((p.created + timedelta(days=rng.randrange(10, 600))).date(),
                                "."), eur_de(betrag), eur_de(offen),
                        "" if offen == betrag else
                        fmt.dmy((p.created + timedelta(days=rng.randrange(610, 700))).date(),
                                "."), str(rng.choice((0, 0, 1, 2, 3)))])
    posten = Table("Offene Posten.csv", "billing", op_cols, op_rows, {"billing": len(op_rows)},
                   layout=Layout(encoding="cp1252", delimiter=";",
                                 footer=[["Summe", "", "", "", "", eur_de(total), "", ""]]),
                   notes=["money as 1.234,56 €; a sum line"])
    ma_cols = {"Nr.": "provider.source_id", "Name": "provider.last_name",
               "Vorname": "provider.first_name", "Qualifikation": "provider.role",
               "Fortbildungen": "custom", "Telefon": "provider.phone",
               "E-Mail": "provider.email", "Eintritt": "custom"}
    quals = ("Physiotherapeutin", "Physiotherapeut", "Masseur und med. Bademeister",
             "Physiotherapeutin", "Rezeption", "Praxismanagerin")
    extra = ("MT, MLD", "KG-ZNS (Bobath)", "MLD", "Sektoraler HP", "", "")
    ma_rows = [[str(i + 1), p.last, p.first, quals[i], extra[i], p.mobile,
                f"{p.first[0].lower()}.{p.last.lower()}@physio-viktualienmarkt.example.de"
                .replace("ü", "ue").replace("ö", "oe").replace("ı", "i"),
                fmt.dmy(p.created.date(), ".")] for i, p in enumerate(w.providers + w.staff)]
    team = Table("Mitarbeiter.txt", "provider", ma_cols, ma_rows, {"provider": len(ma_rows)},
                 layout=Layout(encoding="utf-16", delimiter="\t"),
                 notes=["Excel's Unicode Text: UTF-16 with BOM, tab-separated",
                        "reception and a practice manager beside therapists"])
    meta = {"export": "theorg-de", "vendor": "THEORG (SOVDWAER)", "country": "DE",
            "currency": "EUR", "date_order": "DMY", "language": "de", "half": "holdout4"}
    return meta, [patients, rezepte, *plans, posten, team]
