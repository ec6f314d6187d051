"""CLINICS (Medley; Japan, internal medicine clinic in Tokyo, Japanese): the patient list, the
health-insurance cards, the reservations and the accounting saved as CSV in Shift_JIS (cp932),
the code page Japanese Excel opens. The name in kanji with a full-width space between the family
and the given name (`佐藤　翔太`) and its katakana reading in the next column; the date of birth
in the Japanese era (`昭和60年1月8日`) with the age beside it; other dates `2024/01/08`;
postcodes `150-0001`, the address from the prefecture down (`東京都渋谷区神宮前1-2-3`); phones
`090-1234-5678`, `03-1234-5678`; the insurance card as insurer number (保険者番号, eight digits
for employees' insurance, six for national insurance), symbol and number, the copayment ratio;
yen without decimals (`1,500`); sex as `男`/`女`. Dirty: a patient registered twice (the same
reading and birthday), the vendor's test patient, a reservation of no patient (an online
booking not yet matched), a blank line at the end of the accounting."""

from __future__ import annotations

from datetime import timedelta

from tools.zoo import fmt
from tools.zoo.holdout5.common import duplicate
from tools.zoo.holdout9.common import grouped, rename_native, wareki
from tools.zoo.holdout9.places import JP_FIRST, JP_LAST, JP_PLACES, JP_TOWNS, jp_phone
from tools.zoo.world import make_world
from tools.zoo.writers import Layout, Table

SJIS = Layout(encoding="cp932")
STATUS = {"completed": ("会計済", "診察済"), "arrived": ("受付済",), "booked": ("予約済",),
          "cancelled": ("キャンセル",), "no_show": ("無断キャンセル",)}
KINDS = ("初診", "再診", "再診", "オンライン診療", "健康診断", "予防接種")
PLANS = (("社保", 8), ("社保", 8), ("国保", 6), ("後期高齢", 8))


def _ymd(d: object) -> str:
    return f"{d:%Y/%m/%d}"


def clinics_jp() -> tuple[dict, list[Table]]:
    w = make_world("zoo/holdout9/clinics-jp", "de", patients=122, providers=3, staff=1,
                   visits=228)
    read = rename_native(w, JP_FIRST, JP_LAST, JP_PLACES,
                         lambda rng: f"{rng.randrange(1, 6)}-{rng.randrange(1, 30)}-"
                                     f"{rng.randrange(1, 20)}",
                         jp_phone, ("example.jp", "example.ne.jp", "example.com"))
    rng = w.rng
    for p in [*w.providers, *w.staff, *w.patients]:
        p.line1 = f"{rng.choice(JP_TOWNS[p.city])}{p.line1}"  # the town comes before the block
    nums = [f"{i + 1:06d}" for i in range(len(w.patients))]
    cols = {"患者番号": "patient.source_id",
            "患者氏名": "patient.last_name (姓　名: family name first, a full-width space "
                        "before the given name)",
            "患者氏名（カナ）": "custom", "性別": "patient.sex (男 / 女)",
            "生年月日": "patient.date_of_birth (Japanese era: 昭和60年1月8日)", "年齢": "drop",
            "郵便番号": "patient.postal_code",
            "住所": "patient.address_line1 (prefecture, ward, town and block in one cell)",
            "電話番号1": "patient.phone_mobile", "電話番号2": "patient.phone_home",
            "メールアドレス": "patient.email", "初診日": "patient.created_at (YYYY/MM/DD)",
            "最終来院日": "custom", "備考": "custom"}
    rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        r = read[id(p)]
        last_seen = p.created.date() + timedelta(days=rng.randrange(0, 1500))
        rows.append([nums[i], f"{p.last}\u3000{p.first}", f"{r.last_kana}\u3000{r.first_kana}",
                     "女" if p.sex == "female" else "男", wareki(p.dob),
                     str(2024 - p.dob.year - ((p.dob.month, p.dob.day) > (11, 14))),
                     p.postcode, f"{p.state}{p.city}{p.line1}", p.mobile, p.home,
                     p.email if rng.random() < .5 else "", _ymd(p.created.date()),
                     _ymd(min(last_seen, p.created.date().replace(year=2024, month=11, day=14))),
                     rng.choice(("", "", "", "", "ペニシリンアレルギー", "車椅子", "聴覚障害あり",
                                 "紹介状あり"))])
    twice = duplicate(rows, 9, 64, {0: "900001", 8: "", 11: "2024/08/19"},
                      "the same patient registered again at reception (same name, reading "
                      "and birthday; a new number)")
    rows.insert(112, ["999999", "テスト\u3000患者", "テスト\u3000カンジャ", "男",
                      "昭和1年1月1日", "98", "100-0001", "東京都千代田区千代田1-1", "", "", "",
                      "2016/01/01", "2016/01/01", "テスト用・削除不可"])
    patients = Table("患者一覧.csv", "patient", cols, rows, {"patient": len(w.patients)},
                     bad_rows=[{"row": 113, "reason": "the vendor's test patient (テスト 患者)"}],
                     duplicate_rows=[twice], layout=SJIS,
                     notes=["the katakana reading of the name kept as custom",
                            "dates of birth in the Japanese era (令和, 平成, 昭和)"])
    in_cols = {"患者番号": "insurance.patient_source_id",
               "保険種別": "insurance.plan_type (社保: employees', 国保: national, 後期高齢: "
                           "late-stage elderly)",
               "保険者番号": "insurance.carrier_name (the insurer's number)",
               "記号": "insurance.group_number", "番号": "insurance.member_id",
               "本人家族": "custom", "負担割合": "custom",
               "資格取得日": "insurance.effective_from (YYYY/MM/DD)",
               "有効期限": "insurance.effective_to (YYYY/MM/DD)"}
    in_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .04:
            continue  # self-paying (自費) patients have no card
        plan, digits = rng.choice(PLANS)
        if 2024 - p.dob.year >= 75:
            plan, digits = "後期高齢", 8
        insurer = f"{'39' if plan == '後期高齢' else '06' if digits == 8 else '13'}" \
                  f"{rng.randrange(10 ** (digits - 3), 10 ** (digits - 2))}"[:digits]
        start = p.created.date() - timedelta(days=rng.randrange(30, 3000))
        in_rows.append([nums[i], plan, insurer,
                        "" if plan == "後期高齢" else str(rng.randrange(100, 9999)),
                        str(rng.randrange(1, 99999)),
                        "本人" if rng.random() < .7 else "家族",
                        "1割" if plan == "後期高齢" else "3割", _ymd(start),
                        _ymd(start.replace(year=start.year + 5)) if rng.random() < .3 else ""])
    cards = Table("保険情報.csv", "insurance", in_cols, in_rows, {"insurance": len(in_rows)},
                  layout=SJIS, notes=["no id of their own; one card per patient",
                                      "負担割合: the share the patient pays (3割, 1割)"])
    doctors = [f"{p.last}\u3000{p.first}" for p in w.providers]
    ap_cols = {"予約ID": "appointment.source_id",
               "予約日": "appointment.starts_at (date part, YYYY/MM/DD)",
               "開始時刻": "appointment.starts_at (time part, HH:MM)",
               "終了時刻": "appointment.ends_at (time part, HH:MM)",
               "患者番号": "appointment.patient_source_id", "患者氏名": "drop",
               "担当医": "appointment.provider_source_id (by name, 姓　名)",
               "診療科": "appointment.location", "予約区分": "appointment.appointment_type",
               "ステータス": "appointment.status", "予約経路": "custom",
               "メモ": "appointment.notes"}
    ap_rows: list[list[str]] = []
    for k, v in enumerate(w.visits):
        p = w.patients[v.patient]
        end = v.start + timedelta(minutes=v.minutes)
        ap_rows.append([f"R{240000 + k * 7}", _ymd(v.start.date()), fmt.time24(v.start),
                        fmt.time24(end), nums[v.patient], f"{p.last}\u3000{p.first}",
                        doctors[v.provider], rng.choice(("内科", "内科", "小児科")),
                        rng.choice(KINDS), rng.choice(STATUS[v.status]),
                        rng.choice(("Web", "Web", "電話", "窓口")),
                        rng.choice(("", "", "", "発熱あり", "問診票記入済", "駐車場利用"))])
    ap_rows.insert(150, ["R249999", "2024/07/02", "10:30", "10:45", "", "ヤマダ　タロウ",
                         doctors[0], "内科", "初診", "予約済", "Web", "Web予約・未登録"])
    book = Table("予約一覧.csv", "appointment", ap_cols, ap_rows,
                 {"appointment": len(w.visits)},
                 bad_rows=[{"row": 151, "reason": "an online booking not yet matched to a "
                            "patient (no patient number)"}], layout=SJIS)
    ac_cols = {"会計日": "billing.last_payment_date (YYYY/MM/DD)",
               "患者番号": "billing.patient_source_id", "患者氏名": "drop",
               "保険点数": "custom", "請求額": "custom",
               "入金額": "billing.last_payment_amount (yen, 1,500)",
               "未収金": "billing.outstanding_balance (yen, 1,500)", "支払方法": "custom"}
    ac_rows: list[list[str]] = []
    for i, p in enumerate(w.patients):
        if rng.random() < .45:
            continue
        day = p.created.date() + timedelta(days=rng.randrange(0, 700))
        points = rng.choice((288, 361, 520, 745, 1210))
        bill = round(points * 10 * .3, -1)
        paid = bill if rng.random() < .9 else 0
        ac_rows.append([_ymd(day), nums[i], f"{p.last}\u3000{p.first}",
                        grouped(points), grouped(int(bill)), grouped(int(paid)),
                        grouped(int(bill - paid)),
                        rng.choice(("現金", "現金", "クレジットカード", "電子マネー", "QR決済"))])
    ac_rows.append([])
    accounts = Table("会計一覧.csv", "billing", ac_cols, ac_rows,
                     {"billing": len(ac_rows) - 1},
                     bad_rows=[{"row": len(ac_rows), "reason": "a blank line at the end"}],
                     layout=SJIS,
                     notes=["no id of their own; the last visit's account of each patient",
                            "保険点数: the fee in insurance points (10 yen each)"])
    meta = {"export": "clinics-jp", "vendor": "CLINICS (Medley)", "country": "JP",
            "language": "ja", "currency": "JPY", "date_order": "YMD", "half": "holdout9"}
    return meta, [patients, cards, book, accounts]
