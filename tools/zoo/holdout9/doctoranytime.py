"""Doctoranytime (Greece, paediatric and general practice in Athens, Greek): the patient list
exported to Excel from the doctor's calendar and patient file, the appointments and the visit
history as semicolon CSV in UTF-8 with a byte-order mark (the list separator of Greek Excel).
Surname, first name and the father's name (Πατρώνυμο) apart, surnames in the feminine form for
women (`Παπαδοπούλου`); the AMKA (eleven digits, the birth date first, Luhn-valid); dates
`08/01/2024`, times `09:30`; phones `6944 123456` and Athens landlines `210 1234567`;
five-digit postcodes written `115 21`; the insurer (ΕΟΠΥΥ or a private insurer, `Ανασφάλιστος`
for none); euros `45,00 €`; the appointments name the patient (Επώνυμο Όνομα) and the booking
source (doctoranytime, phone). Dirty: a patient entered twice, a slot closed for holidays, a
visit entry of a patient deleted from the list."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import amka, rename_native
from tools.zoo.holdout9.places import GR_FIRST, GR_LAST, GR_PLACES, GR_STREETS, gr_phone
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

SEMI = Layout(encoding="utf-8-sig", delimiter=";")
STATUS = {"completed": ("Ολοκληρώθηκε",), "arrived": ("Στην αναμονή",),
          "booked": ("Επιβεβαιωμένο", "Εκκρεμεί"), "cancelled": ("Ακυρώθηκε",),
          "no_show": ("Δεν προσήλθε",)}
SERVICES = (("Επίσκεψη", 50), ("Προληπτικός έλεγχος", 60), ("Εμβολιασμός", 30),
            ("Επανεξέταση", 30), ("Βεβαίωση υγείας", 25), ("Τηλεσυμβουλευτική", 40))
INSURERS = ("ΕΟΠΥΥ", "ΕΟΠΥΥ", "ΕΟΠΥΥ", "Interamerican", "Eurolife FFH", "NN Hellas",
            "Generali", "Ανασφάλιστος")
FATHERS = ("Γεώργιος", "Ιωάννης", "Κωνσταντίνος", "Δημήτριος", "Νικόλαος", "Παναγιώτης",
           "Βασίλειος", "Χρήστος")
NOTES = (("Πυρετός", "Οξεία ρινοφαρυγγίτιδα", "Πυρετός 38,5 από χθες, ρινική καταρροή.\n"
          "Αντιπυρετικά, άφθονα υγρά, επανεξέταση σε 3 ημέρες."),
         ("Προληπτικός έλεγχος", "Φυσιολογική ανάπτυξη", "Βάρος και ύψος στην 50ή "
          "εκατοστιαία θέση.\nΕμβόλιο MMR χορηγήθηκε."),
         ("Βήχας", "Οξεία βρογχίτιδα", "Βήχας 7 ημέρες, συρίττουσα αναπνοή.\nΕισπνοές "
          "σαλβουταμόλης, επανέλεγχος σε 1 εβδομάδα."),
         ("Ωταλγία", "Οξεία μέση ωτίτιδα", "Ερυθρό τύμπανο αριστερά.\nΑμοξικιλλίνη 10 ημέρες."))


def _eur(amount: Decimal) -> str:
    return fmt.money(amount, "€", thousands=".", decimal=",", after=True)


def doctoranytime_gr() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/doctoranytime-gr", "de", patients=118, providers=2, staff=1,
                   visits=214)
    rename_native(w, GR_FIRST, GR_LAST, GR_PLACES,
                  lambda rng: f"{rng.choice(GR_STREETS)} {rng.randrange(1, 250)}", gr_phone,
                  ("example.gr", "example.com", "example.org"))
    rng = w.rng
    ids = [str(31200 + i * 7) for i in range(len(w.patients))]
    cols = {"Κωδικός": "patient.source_id", "Επώνυμο": "patient.last_name",
            "Όνομα": "patient.first_name", "Πατρώνυμο": "custom",
            "Ημ/νία Γέννησης": "patient.date_of_birth (DD/MM/YYYY)",
            "Φύλο": "patient.sex (Άνδρας / Γυναίκα)", "ΑΜΚΑ": "custom",
            "Κινητό": "patient.phone_mobile", "Σταθερό": "patient.phone_home",
            "Email": "patient.email", "Διεύθυνση": "patient.address_line1",
            "Πόλη": "patient.city", "Τ.Κ.": "patient.postal_code",
            "Ασφαλιστικός Φορέας": "insurance.carrier_name (Ανασφάλιστος: none)",
            "Ημ/νία Εγγραφής": "patient.created_at (a date cell)"}
    rows: list[list[object]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        insurer = rng.choice(INSURERS)
        insured += insurer != "Ανασφάλιστος"
        rows.append([ids[i], p.last, p.first, rng.choice(FATHERS), fmt.dmy(p.dob),
                     "Γυναίκα" if p.sex == "female" else "Άνδρας",
                     amka(rng, p.dob) if rng.random() < .85 else "", p.mobile, p.home,
                     p.email if rng.random() < .65 else "", p.line1, p.city, p.postcode,
                     insurer, p.created.replace(second=0)])
    twice = duplicate(rows, 12, 73, {0: "39999", 8: "", 14: w.patients[12].created.replace(
        year=2024, month=10, day=7, second=0)},
        "the same patient entered again (same name, father's name, date of birth and AMKA; a "
        "new code)")
    patients = Table("Ασθενείς.xlsx#Ασθενείς", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     duplicate_rows=[twice],
                     notes=["Πατρώνυμο: the father's first name, kept as custom",
                            "the insurer only; no member number"])
    doctors = [f"Dr. {p.last} {p.first}" for p in w.providers]
    ap_cols = {"Ημερομηνία": "appointment.starts_at (date part, DD/MM/YYYY)",
               "Ώρα": "appointment.starts_at (time part, HH:MM)",
               "Διάρκεια (λεπτά)": "appointment.ends_at (minutes after the start)",
               "Ασθενής": "appointment.patient_source_id (by name, Επώνυμο Όνομα)",
               "Κινητό": "drop", "Ιατρός": "appointment.provider_source_id (by name)",
               "Υπηρεσία": "appointment.appointment_type", "Κατάσταση": "appointment.status",
               "Τιμή": "custom", "Κράτηση από": "custom", "Σημειώσεις": "appointment.notes"}
    ap_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        service, price = rng.choice(SERVICES)
        ap_rows.append([fmt.dmy(v.start.date()), fmt.time24(v.start), str(v.minutes),
                        f"{p.last} {p.first}", p.mobile, doctors[v.provider], service,
                        rng.choice(STATUS[v.status]), _eur(Decimal(price)),
                        rng.choice(("doctoranytime", "doctoranytime", "Τηλεφωνικά",
                                    "Ιατρείο")),
                        rng.choice(("", "", "", "Πρώτη επίσκεψη", "Φέρνει εξετάσεις",
                                    "Με τη μητέρα"))])
    ap_rows.insert(121, ["15/08/2024", "09:00", "480", "", "", doctors[0], "Κλειστό",
                         "Επιβεβαιωμένο", "", "Ιατρείο", "Δεκαπενταύγουστος - κλειστό"])
    appts = Table("Ραντεβού.csv", "appointment", ap_cols, ap_rows,
                  {"appointment": len(w.visits)},
                  bad_rows=[{"row": 122, "reason": "a day closed for the 15 August holiday "
                             "(Κλειστό), no patient"}],
                  layout=SEMI, notes=["no id of their own; the patient by name only"])
    nt_cols = {"Κωδικός ασθενούς": "clinical_note.patient_source_id",
               "Ημερομηνία": "clinical_note.created_at (DD/MM/YYYY HH:MM)",
               "Ιατρός": "clinical_note.author_source_id (by name)",
               "Αιτία προσέλευσης": "clinical_note.title", "Διάγνωση": "custom",
               "Σημειώσεις": "clinical_note.body"}
    nt_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or rng.random() < .25:
            continue
        title, diagnosis, body = rng.choice(NOTES)
        at = v.start + timedelta(minutes=rng.randrange(5, 25))
        nt_rows.append([ids[v.patient], f"{fmt.dmy(at.date())} {fmt.time24(at)}",
                        doctors[v.provider], title, diagnosis, body])
    nt_rows.insert(35, ["30001", "12/02/2024 11:20", doctors[1], "Πυρετός",
                        "Οξεία ρινοφαρυγγίτιδα", "Πυρετός 39.\nΑντιπυρετικά."])
    history = Table("Ιστορικό επισκέψεων.csv", "clinical_note", nt_cols, nt_rows,
                    {"clinical_note": len(nt_rows) - 1},
                    bad_rows=[{"row": 36, "reason": "a visit of a patient deleted from the "
                               "list (no such code)"}],
                    layout=SEMI, notes=["no id of their own; line breaks inside the notes"])
    meta = {"export": "doctoranytime-gr", "vendor": "Doctoranytime", "country": "GR",
            "language": "el", "currency": "EUR", "date_order": "DMY", "half": "holdout9"}
    return meta, [patients, appts, history]
