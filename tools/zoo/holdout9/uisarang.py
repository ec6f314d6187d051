"""의사랑 (UBcare; South Korea, internal medicine and family clinic in Seoul, Korean): the
patient list, the reservation status and the receipts saved to Excel from the program's lists,
one workbook each, and the patients' diagnoses (상병) as CSV in CP949, the code page of Korean
Windows. The name in one cell, family name first without a space (`김민준`); the resident
registration number masked after the seventh digit (`850108-1******`: the birth date and the
digit of century and sex) and sex with age in one cell (`남/39`); dates `2024-01-08`, the
first visit as a date cell; phones `010-1234-5678`, Seoul landlines `02-123-4567`; five-digit
postcodes; the insurance class (건강보험, 의료급여1종, ...); won without decimals, the fee
split into the insurer's share (공단부담금), the patient's (본인부담금) and uninsured items
(비급여); diagnoses in KCD codes. Dirty: a patient registered twice (same masked number and
phone), a reservation under a name with no chart (a phone booking), a receipt cancelled
(수납취소) and issued again."""

from __future__ import annotations

from datetime import date, timedelta

from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import grouped, rename_native
from tools.zoo.holdout9.places import KR_FIRST, KR_LAST, KR_PLACES, KR_STREETS, kr_phone
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

STATUS = {"completed": ("진료완료", "수납완료"), "arrived": ("접수",), "booked": ("예약",),
          "cancelled": ("취소",), "no_show": ("미내원",)}
CLASSES = ("건강보험", "건강보험", "건강보험", "건강보험", "의료급여1종", "의료급여2종",
           "산재", "일반")
DISEASES = (("I10", "본태성(원발성) 고혈압"), ("E11.9", "합병증을 동반하지 않은 2형 당뇨병"),
            ("J00", "급성 비인두염[감기]"), ("K21.9", "식도염을 동반하지 않은 위-식도역류병"),
            ("E78.5", "상세불명의 고지질혈증"), ("M54.5", "요통"), ("J30.4", "상세불명의 알레르기비염"))


def _rrn(dob: date, female: bool) -> str:
    """`850108-1******`: 1/2 for men/women born in the 1900s, 3/4 from 2000."""
    digit = (3 if dob.year >= 2000 else 1) + (1 if female else 0)
    return f"{dob:%y%m%d}-{digit}******"


def uisarang_kr() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/uisarang-kr", "de", patients=126, providers=3, staff=1,
                   visits=232)
    rename_native(w, KR_FIRST, KR_LAST, KR_PLACES,
                  lambda rng: f"{rng.choice(KR_STREETS)} {rng.randrange(1, 600)}"
                              f"{'' if rng.random() < .5 else f', {rng.randrange(101, 1503)}호'}",
                  kr_phone, ("example.co.kr", "example.com", "example.net"))
    rng = w.rng
    charts = [str(100 + i * 3) for i in range(len(w.patients))]
    cols = {"차트번호": "patient.source_id",
            "수진자명": "patient.last_name (family name first, no space: 김민준)",
            "주민등록번호": "patient.date_of_birth (masked resident number YYMMDD-S******; "
                         "S: 1/2 born 1900s, 3/4 from 2000)",
            "성별/나이": "patient.sex (남/39: sex and age in one cell)",
            "휴대전화": "patient.phone_mobile", "자택전화": "patient.phone_home",
            "우편번호": "patient.postal_code",
            "주소": "patient.address_line1 (city, district and street in one cell)",
            "이메일": "patient.email", "보험유형": "insurance.plan_type (일반: uninsured, no insurance record)",
            "최초내원일": "patient.created_at (a date cell)", "최종내원일": "custom",
            "문자수신": "patient.contact_preference (동의: sms)", "특이사항": "custom"}
    rows: list[list[object]] = []
    insured = 0
    for i, p in enumerate(w.patients):
        female = p.sex == "female"
        age = 2024 - p.dob.year
        klass = rng.choice(CLASSES)
        insured += klass != "일반"
        rows.append([charts[i], f"{p.last}{p.first}", _rrn(p.dob, female),
                     f"{'여' if female else '남'}/{age}", p.mobile, p.home, p.postcode,
                     f"{p.state} {p.city} {p.line1}", p.email if rng.random() < .4 else "",
                     klass, p.created.replace(hour=0, minute=0),
                     min(p.created.date() + timedelta(days=rng.randrange(0, 2000)),
                         date(2024, 11, 14)).isoformat() if rng.random() < .9 else "",
                     rng.choice(("동의", "동의", "미동의")),
                     rng.choice(("", "", "", "", "아스피린 알레르기", "보호자 동반", "청각장애"))])
    twice = duplicate(rows, 19, 88, {0: "9001", 8: "", 10: w.patients[19].created.replace(
        year=2024, month=9, day=3, hour=0, minute=0)},
        "the same patient registered again (same masked resident number, name and mobile; a "
        "new chart)")
    patients = Table("환자명단.xlsx#환자명단", "patient", cols, rows,
                     {"patient": len(w.patients), "insurance": insured},
                     duplicate_rows=[twice],
                     notes=["the insurance class is the only insurance fact in the list (the insurer "
                            "follows from it: NHIS, medical aid, workers' compensation)",
                            "the date of birth is read from the masked resident number"])
    doctors = [f"{p.last}{p.first}" for p in w.providers]
    ap_cols = {"예약일자": "appointment.starts_at (date part, YYYY-MM-DD)",
               "예약시간": "appointment.starts_at (time part, HH:MM)",
               "차트번호": "appointment.patient_source_id", "수진자명": "drop",
               "연락처": "drop", "진료실": "appointment.location",
               "담당의": "appointment.provider_source_id (by name)",
               "예약구분": "appointment.appointment_type", "상태": "appointment.status",
               "메모": "appointment.notes"}
    ap_rows: list[list[object]] = []
    for v in w.visits:
        p = w.patients[v.patient]
        ap_rows.append([v.start.date().isoformat(), f"{v.start:%H:%M}", charts[v.patient],
                        f"{p.last}{p.first}", p.mobile, f"진료실{v.provider + 1}",
                        doctors[v.provider], rng.choice(("초진", "재진", "재진", "검진",
                                                         "예방접종", "내시경")),
                        rng.choice(STATUS[v.status]),
                        rng.choice(("", "", "", "공복", "결과상담", "독감접종 문의"))])
    ap_rows.insert(66, ["2024-04-15", "11:00", "", "박지성", "010-5555-0101", "진료실1",
                        doctors[0], "초진", "예약", "전화예약 - 차트 미생성"])
    book = Table("예약현황.xlsx#예약현황", "appointment", ap_cols, ap_rows,
                 {"appointment": len(w.visits)},
                 bad_rows=[{"row": 67, "reason": "a phone booking with no chart (no chart "
                            "number)"}],
                 notes=["no id of their own, no end time"])
    rc_cols = {"수납일자": "billing.last_payment_date (YYYY-MM-DD)",
               "차트번호": "billing.patient_source_id", "수진자명": "drop",
               "총진료비": "custom", "공단부담금": "custom", "본인부담금": "custom",
               "비급여": "custom", "수납액": "billing.last_payment_amount (won, 15,000)",
               "미수금": "billing.outstanding_balance (won, 15,000)",
               "결제수단": "custom", "비고": "billing.billing_status (수납취소: cancelled, "
                                            "not a record)"}
    rc_rows: list[list[object]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .5:
            continue
        total = rng.choice((16800, 21300, 34500, 52700, 88000))
        insurer = int(total * .7) // 10 * 10
        uninsured = rng.choice((0, 0, 0, 20000, 35000))
        own = total - insurer
        paid = own + uninsured if rng.random() < .9 else 0
        rc_rows.append([(p.created.date() + timedelta(days=rng.randrange(0, 700))).isoformat(),
                        charts[i], f"{p.last}{p.first}", grouped(total + uninsured),
                        grouped(insurer), grouped(own), grouped(uninsured), grouped(paid),
                        grouped(own + uninsured - paid),
                        rng.choice(("카드", "카드", "현금", "현금영수증", "계좌이체")), ""])
    void = list(rc_rows[5])
    void[7], void[8], void[10] = "-" + str(void[7]), "0", "수납취소"
    rc_rows.insert(6, void)
    receipts = Table("수납내역.xlsx#수납내역", "billing", rc_cols, rc_rows,
                     {"billing": len(rc_rows) - 1},
                     bad_rows=[{"row": 7, "reason": "a cancelled receipt (수납취소, a negative "
                                "amount) of a receipt issued again"}],
                     notes=["amounts as grouped text, won have no decimals"])
    dx_cols = {"차트번호": "allergy_condition.patient_source_id",
               "진단일자": "allergy_condition.recorded_at (YYYY-MM-DD)",
               "상병코드": "allergy_condition.code (KCD)", "상병명": "allergy_condition.name",
               "주/부": "custom", "진료의": "drop"}
    dx_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        for n in range(rng.choice((0, 1, 1, 2))):
            code, name = rng.choice(DISEASES)
            dx_rows.append([charts[i], (p.created.date() + timedelta(
                days=rng.randrange(0, 900))).isoformat(), code, name, "주" if n == 0 else "부",
                rng.choice(doctors)])
    dx_rows.insert(40, ["77777", "2024-02-02", "J00", "급성 비인두염[감기]", "주", doctors[1]])
    diagnoses = Table("상병내역.csv", "allergy_condition", dx_cols, dx_rows,
                      {"allergy_condition": len(dx_rows) - 1},
                      bad_rows=[{"row": 41, "reason": "a diagnosis of a chart not in the "
                                 "patient list"}],
                      layout=Layout(encoding="cp949"),
                      notes=["every row is a condition (diagnosis), no kind column",
                             "주/부: main or secondary diagnosis"])
    meta = {"export": "uisarang-kr", "vendor": "의사랑 (UBcare)", "country": "KR",
            "language": "ko", "currency": "KRW", "date_order": "YMD", "half": "holdout9"}
    return meta, [patients, book, receipts, diagnoses]
