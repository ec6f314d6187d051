"""Tipulog (טיפולוג, by Cliniclicks; Israel, psychotherapy and physiotherapy clinic in Tel Aviv,
Hebrew): the patients, the meetings, the receipts and the meeting records exported to CSV in
Windows-1255, the code page of Hebrew Windows and Excel. First and family name apart; the ID
number (תעודת זהות, nine digits, its check over weights 1 and 2); dates `08/01/2024`, times
`09:30`; phones `050-1234567`, Tel Aviv `03-6123456`; seven-digit postcodes; the funding body
(גורם מממן: a health fund such as כללית, מכבי, מאוחדת, לאומית, or an insurer; `פרטי` when
the patient pays); sex as `ז`/`נ`; headers with Hebrew abbreviations holding a gershayim
(`דוא"ל`, `ת.ז.`, `מס' מטופל`); shekels `₪1,250.00`; payment by cash, card, bank transfer,
cheque or Bit. Dirty: a patient entered twice, a team meeting in the diary (no patient), a
cancelled receipt (קבלה מבוטלת)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import rename_native, teudat_zehut
from tools.zoo.holdout9.places import IL_FIRST, IL_LAST, IL_PLACES, IL_STREETS, il_phone
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

WIN = Layout(encoding="cp1255")
STATUS = {"completed": ("התקיימה",), "arrived": ("הגיע",), "booked": ("נקבעה", "אושרה"),
          "cancelled": ("בוטלה",), "no_show": ("לא הגיע",)}
KINDS = (("טיפול פסיכולוגי", 450), ("פיזיותרפיה", 320), ("פגישת היכרות", 250),
         ("טיפול זוגי", 550), ("הדרכת הורים", 450))
FUNDS = ("כללית", "כללית", "מכבי", "מכבי", "מאוחדת", "לאומית", "הראל", "מגדל", "פרטי",
         "פרטי")
SUMMARIES = ("המטופל מדווח על שיפור בשינה.\nהמשך עבודה על טכניקות הרפיה.",
             "כאבי גב תחתון, הגבלה בכיפוף.\nתרגילי ייצוב, חום מקומי.",
             "שיחה על קשיים בעבודה ובמשפחה.\nנקבע יעד לשבוע הבא.",
             "שיפור בטווחי התנועה בכתף.\nהמשך תוכנית תרגול ביתית.")


def _nis(amount: Decimal) -> str:
    return fmt.money(amount, "₪")


def tipulog_il() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/tipulog-il", "de", patients=112, providers=4, staff=1,
                   visits=224)
    rename_native(w, IL_FIRST, IL_LAST, IL_PLACES,
                  lambda rng: f"{rng.choice(IL_STREETS)} {rng.randrange(1, 200)}", il_phone,
                  ("example.co.il", "example.com", "example.org"))
    rng = w.rng
    nums = [str(501 + i) for i in range(len(w.patients))]
    therapists = [f"{p.first} {p.last}" for p in w.providers]
    cols = {"מס' מטופל": "patient.source_id", "שם פרטי": "patient.first_name",
            "שם משפחה": "patient.last_name", "ת.ז.": "custom",
            "תאריך לידה": "patient.date_of_birth (DD/MM/YYYY)", "מין": "patient.sex (ז / נ)",
            "טלפון נייד": "patient.phone_mobile", "טלפון נוסף": "patient.phone_home",
            'דוא"ל': "patient.email", "כתובת": "patient.address_line1", "עיר": "patient.city",
            "מיקוד": "patient.postal_code",
            "גורם מממן": "insurance.carrier_name (the health fund or insurer; פרטי: the "
                         "patient pays, none)",
            "מטפל/ת": "patient.primary_provider_source_id (by name)",
            "תאריך הצטרפות": "patient.created_at (DD/MM/YYYY)",
            "סטטוס": "patient.status (פעיל: active / לא פעיל: inactive)"}
    rows: list[list[str]] = []
    funded = 0
    for i, p in enumerate(w.patients):
        fund = rng.choice(FUNDS)
        funded += fund != "פרטי"
        rows.append([nums[i], p.first, p.last, teudat_zehut(rng), fmt.dmy(p.dob),
                     "נ" if p.sex == "female" else "ז", p.mobile, p.home,
                     p.email if rng.random() < .7 else "", p.line1, p.city, p.postcode, fund,
                     rng.choice(therapists), fmt.dmy(p.created.date()),
                     "לא פעיל" if rng.random() < .15 else "פעיל"])
    twice = duplicate(rows, 8, 59, {0: "999", 7: "", 14: "21/07/2024"},
                      "the same patient entered again (same ID number, name and mobile; a new "
                      "patient number)")
    patients = Table("מטופלים.csv", "patient", cols, rows,
                    {"patient": len(w.patients), "insurance": funded},
                    duplicate_rows=[twice], layout=WIN,
                    notes=["ת.ז.: the Israeli ID number, kept as custom"])
    mt_cols = {"תאריך": "appointment.starts_at (date part, DD/MM/YYYY)",
               "שעה": "appointment.starts_at (time part, HH:MM)",
               "משך (דק')": "appointment.ends_at (minutes after the start)",
               "מס' מטופל": "appointment.patient_source_id", "שם מטופל": "drop",
               "מטפל/ת": "appointment.provider_source_id (by name)",
               "סוג פגישה": "appointment.appointment_type", "סטטוס": "appointment.status",
               "חדר": "appointment.location", "הערות": "appointment.notes"}
    mt_rows: list[list[str]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        mt_rows.append([fmt.dmy(v.start.date()), fmt.time24(v.start), str(v.minutes),
                        nums[v.patient], f"{p.first} {p.last}", therapists[v.provider],
                        rng.choice(KINDS)[0], rng.choice(STATUS[v.status]),
                        rng.choice(("חדר 1", "חדר 2", "זום")),
                        rng.choice(("", "", "", "פגישה ראשונה", "בזום", "לשלוח תזכורת"))])
    mt_rows.insert(95, ["12/05/2024", "13:00", "60", "", "", therapists[0], "ישיבת צוות",
                        "נקבעה", "חדר 1", "ישיבת צוות חודשית"])
    meetings = Table("פגישות.csv", "appointment", mt_cols, mt_rows,
                     {"appointment": len(w.visits)},
                     bad_rows=[{"row": 96, "reason": "a team meeting in the diary, no patient"}],
                     layout=WIN, notes=["no id of their own"])
    rc_cols = {"מס' קבלה": "billing.source_id", "תאריך": "billing.last_payment_date "
                                                         "(DD/MM/YYYY)",
               "מס' מטופל": "billing.patient_source_id", "שם מטופל": "drop",
               "סכום": "billing.last_payment_amount (₪1,250.00)",
               "אמצעי תשלום": "custom", "יתרה לתשלום": "billing.outstanding_balance "
                                                      "(₪1,250.00)",
               "סטטוס": "billing.billing_status (שולם / חוב פתוח; מבוטלת: not a record)"}
    rc_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .4:
            continue
        price = Decimal(rng.choice(KINDS)[1] * rng.choice((1, 2, 4)))
        owed = Decimal(0) if rng.random() < .8 else Decimal(rng.choice((250, 450)))
        rc_rows.append([str(10200 + len(rc_rows)),
                        fmt.dmy(p.created.date() + timedelta(days=rng.randrange(7, 600))),
                        nums[i], f"{p.first} {p.last}", _nis(price),
                        rng.choice(("כרטיס אשראי", "כרטיס אשראי", "מזומן", "העברה בנקאית",
                                    "צ'ק", "ביט")), _nis(owed),
                        "שולם" if not owed else "חוב פתוח"])
    void = list(rc_rows[11])
    void[0], void[7] = "10199", "מבוטלת"
    rc_rows.insert(12, void)
    receipts = Table("קבלות.csv", "billing", rc_cols, rc_rows, {"billing": len(rc_rows) - 1},
                     bad_rows=[{"row": 13, "reason": "a cancelled receipt (מבוטלת) of a "
                                "payment receipted again"}], layout=WIN)
    sm_cols = {"מס' מטופל": "clinical_note.patient_source_id",
               "תאריך הטיפול": "clinical_note.created_at (DD/MM/YYYY)",
               "מטפל/ת": "clinical_note.author_source_id (by name)",
               "סיכום טיפול": "clinical_note.body"}
    sm_rows: list[list[str]] = []
    for v in w.visits:
        if v.status != "completed" or rng.random() < .4:
            continue
        sm_rows.append([nums[v.patient], fmt.dmy(v.start.date()), therapists[v.provider],
                        rng.choice(SUMMARIES)])
    summaries = Table("תיעוד מפגשים.csv", "clinical_note", sm_cols, sm_rows,
                      {"clinical_note": len(sm_rows)}, layout=WIN,
                      notes=["no id or title of their own; line breaks inside the summary"])
    meta = {"export": "tipulog-il", "vendor": "Tipulog (Cliniclicks)", "country": "IL",
            "language": "he",
            "currency": "ILS", "date_order": "DMY", "half": "holdout9"}
    return meta, [patients, meetings, receipts, summaries]
