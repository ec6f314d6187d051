"""Muntra (Sweden, dental clinic in Uppsala, Swedish): the patient register, bookings, journal
entries, invoices and staff saved as tab-separated text (`.txt`, UTF-8 with a byte-order mark).
A patient number beside the personnummer (`YYYYMMDD-NNNC`, valid check digit); Förnamn and
Efternamn apart; ISO dates; mobiles `070-123 45 67`; Swedish postcodes `753 20`; the recall
interval in months. No status column: two flags, `Aktiv` and `Avregistrerad` (`Ja`/`Nej`),
together say whether the patient is current, inactive or has left the clinic. Bookings with
the date, start and end apart; `Genomförd`, `Avbokad`, `Uteblev`. Journal entries with the
time in the same cell as the date and text over several lines in one cell. Invoices in kronor
with a no-break space between thousands and a decimal comma (`1 234,50 kr`). Dirty: a patient
entered twice, a booking for a deleted patient (no patient number), a blank line."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout3.common import rename
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout6.common import (
    SE_FEMALE,
    SE_FIRST,
    SE_LAST,
    SE_PLACES,
    SE_STREETS,
    kronor,
    personnummer,
    se_phone,
)
from tools.zoo.world import make_world, money
from tools.zoo.writers import Layout, Table

TAB = Layout(encoding="utf-8-sig", delimiter="\t")
STATUS = {"completed": ("Genomförd",), "arrived": ("Ankommen",), "booked": ("Bokad",),
          "cancelled": ("Avbokad", "Avbokad av kliniken"), "no_show": ("Uteblev",)}
TREAT = ("Undersökning", "Tandhygienistbesök", "Fyllning", "Akutbesök", "Rotbehandling",
         "Tandblekning")
JOURNAL = ("Anamnes: inga förändringar i allmäntillståndet.\nStatus: karies 36 distalt.\n"
           "Åtgärd: komposit 36 DO, lokalbedövning 1 carp.",
           "Depuration av supragingival tandsten.\nInstruktion i approximal rengöring.",
           "Pat. söker för värk 47 sedan tre dagar.\nRtg: periapikal uppklarning.\n"
           "Trepanation, rensning, kalciumhydroxid.",
           "Revisionsundersökning. Inga nya kariesangrepp.\nNästa revision om 18 mån.",
           "Blekningsskenor utlämnade.\nPat. informerad om ilningar.")


def muntra_se() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout6/muntra-se", "de", patients=106, providers=4, staff=1,
                   visits=220)
    rename(w, SE_FIRST, SE_LAST, SE_PLACES, SE_STREETS, se_phone)
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.sex = "female" if p.first in SE_FEMALE else "male"
    nums = [str(2001 + i) for i in range(len(w.patients))]
    cols = {"Patientnr": "patient.source_id",
            "Personnummer": "patient.date_of_birth (YYYYMMDD-NNNC: the first eight digits)",
            "Förnamn": "patient.first_name", "Efternamn": "patient.last_name",
            "Kön": "patient.sex (Kvinna / Man)", "Mobiltelefon": "patient.phone_mobile",
            "Telefon hem": "patient.phone_home", "E-post": "patient.email",
            "Utdelningsadress": "patient.address_line1", "Postnummer": "patient.postal_code",
            "Postort": "patient.city",
            "Aktiv": "patient.status (Ja/Nej; with Avregistrerad: Ja+Nej active, Nej+Nej "
                     "inactive, any+Ja left the clinic)",
            "Avregistrerad": "patient.status (Ja: left the clinic)",
            "Revisionsintervall (mån)": "custom", "Nästa revision": "custom",
            "Ordinarie behandlare": "patient.primary_provider_source_id (by name)",
            "SMS-påminnelse": "patient.contact_preference (Ja: sms)",
            "Registrerad": "patient.created_at (YYYY-MM-DD)"}
    names = [f"{p.first} {p.last}" for p in w.providers]
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        left = rng.random() < .08
        active = not left and rng.random() < .85
        interval = rng.choice((12, 18, 24))
        rows.append([nums[i], personnummer(rng, p.dob, p.sex == "female"), p.first, p.last,
                     "Kvinna" if p.sex == "female" else "Man", p.mobile, p.home, p.email,
                     p.line1, p.postcode, p.city, "Ja" if active else "Nej",
                     "Ja" if left else "Nej", str(interval),
                     fmt.iso(p.created.date() + timedelta(days=rng.randrange(200, 900)))
                     if active else "", rng.choice(names[:2]), rng.choice(("Ja", "Ja", "Nej")),
                     fmt.iso(p.created.date())])
    rows[37][7] = ""
    twice = duplicate(rows, 20, 70, {0: "2990", 6: "", 17: "2024-10-14"},
                      "the same patient registered again (same personnummer, name and mobile; "
                      "a new patient number)")
    rows.insert(55, [])
    bad = [{"row": 56, "reason": "a blank line"}]
    patients = Table("Patienter.txt", "patient", cols, rows, {"patient": len(w.patients)},
                     bad_rows=bad, duplicate_rows=[twice], layout=TAB,
                     notes=["no status column: Aktiv and Avregistrerad together make it",
                            "the date of birth is the first eight digits of the personnummer"])
    bk_cols = {"Bokningsnr": "appointment.source_id",
               "Datum": "appointment.starts_at (date part, YYYY-MM-DD)",
               "Starttid": "appointment.starts_at (time part, HH:MM)",
               "Sluttid": "appointment.ends_at (time part, HH:MM)",
               "Patientnr": "appointment.patient_source_id", "Patient": "drop",
               "Behandlare": "appointment.provider_source_id (by name)",
               "Behandling": "appointment.appointment_type", "Status": "appointment.status",
               "Behandlingsrum": "appointment.location", "Kommentar": "appointment.notes"}
    bk_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        bk_rows.append([str(80000 + k), fmt.iso(v.start.date()), fmt.time24(v.start),
                        fmt.time24(end), nums[v.patient], f"{p.first} {p.last}",
                        names[v.provider], rng.choice(TREAT), rng.choice(STATUS[v.status]),
                        rng.choice(("Rum 1", "Rum 2", "Hygienistrum")),
                        rng.choice(("", "", "", "Tandvårdsrädd", "Vill ha tid efter 15",
                                    "Remiss från käkkirurg"))])
    bk_rows.insert(140, [str(89999), "2024-09-12", "10:00", "10:45", "", "Raderad patient",
                         names[0], "Undersökning", "Genomförd", "Rum 1", ""])
    bookings = Table("Bokningar.txt", "appointment", bk_cols, bk_rows,
                     {"appointment": len(w.visits)},
                     bad_rows=[{"row": 141, "reason": "a booking of a patient since deleted: "
                                "no patient number"}], layout=TAB,
                     notes=["Genomförd: completed; Avbokad: cancelled; Uteblev: no-show"])
    jn_cols = {"Datum och tid": "clinical_note.created_at (YYYY-MM-DD HH:MM in one cell)",
               "Patientnr": "clinical_note.patient_source_id",
               "Signerad av": "clinical_note.author_source_id (by name)",
               "Rubrik": "clinical_note.title", "Anteckning": "clinical_note.body",
               "Signerad": "custom"}
    jn_rows = []
    for v in w.visits:
        if v.status != "completed" or rng.random() < .3:
            continue
        at = v.start + timedelta(minutes=v.minutes + rng.randrange(2, 40))
        jn_rows.append([fmt.iso_dt(at, seconds=False), nums[v.patient], names[v.provider],
                        rng.choice(("Journalanteckning", "Behandling", "Undersökning")),
                        rng.choice(JOURNAL), rng.choice(("Ja", "Ja", "Nej"))])
    journal = Table("Journalanteckningar.txt", "clinical_note", jn_cols, jn_rows,
                    {"clinical_note": len(jn_rows)}, layout=TAB,
                    notes=["entries over several lines inside one quoted cell"])
    fa_cols = {"Fakturanr": "billing.source_id", "Fakturadatum": "custom",
               "Förfallodatum": "custom", "Patientnr": "billing.patient_source_id",
               "Belopp": "drop", "Försäkringskassan": "custom",
               "Betalt": "billing.last_payment_amount (1 234,50 kr)",
               "Kvar att betala": "billing.outstanding_balance (1 234,50 kr)",
               "Status": "billing.billing_status (Betald / Delbetald / Obetald / Påminnelse)"}
    fa_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            continue
        total = Decimal(rng.choice((850, 1250, 2400, 4900, 11800)))
        subsidy = min(total, Decimal(rng.choice((0, 0, 300, 600))))
        due = total - subsidy
        paid = due if rng.random() < .65 else min(due, money(rng, 900))
        day = (p.created + timedelta(days=rng.randrange(10, 700))).date()
        status = "Betald" if paid == due else "Delbetald" if paid else \
            rng.choice(("Obetald", "Påminnelse"))
        fa_rows.append([str(510000 + len(fa_rows)), fmt.iso(day), fmt.iso(day + timedelta(30)),
                        nums[i], kronor(total), kronor(subsidy), kronor(paid), kronor(due - paid),
                        status])
    invoices = Table("Fakturor.txt", "billing", fa_cols, fa_rows, {"billing": len(fa_rows)},
                     layout=TAB, notes=["kronor with a no-break space between thousands",
                                        "Försäkringskassan: the state dental subsidy"])
    st_cols = {"Förnamn": "provider.first_name", "Efternamn": "provider.last_name",
               "Yrke": "provider.role", "Legitimationsnr": "provider.license_number",
               "E-post": "provider.email", "Mobil": "provider.phone",
               "Aktiv": "provider.active (Ja / Nej)"}
    jobs = ("Tandläkare", "Tandläkare", "Tandhygienist", "Tandsköterska", "Receptionist")
    st_rows = [[p.first, p.last, jobs[k], str(rng.randrange(100000, 999999)) if k < 3 else "",
                f"{fmt_mail(p.first)}@folktandlakaren.example.se", p.mobile,
                "Nej" if k == 1 else "Ja"] for k, p in enumerate(w.providers + w.staff)]
    staff = Table("Personal.txt", "provider", st_cols, st_rows, {"provider": len(st_rows)},
                  layout=TAB, notes=["a dental nurse and a receptionist beside clinicians"])
    meta = {"export": "muntra-se", "vendor": "Muntra", "country": "SE", "currency": "SEK",
            "date_order": "YMD", "language": "sv", "half": "holdout6"}
    return meta, [patients, bookings, journal, invoices, staff]


def fmt_mail(first: str) -> str:
    return first.lower().translate(str.maketrans("åäöé", "aaoe"))


