"""A Turkish clinic's export read in its own words, with no hand edit: file names (`hastalar`,
`randevular`, `muayene_notlari`, `alerjiler`, `faturalar`), headers (`Hasta No`,
`TC Kimlik No`, `Adı`, `Soyadı`, `Doğum Tarihi`, `Cinsiyet`, `Sosyal Güvence`, `Cep Telefonu`,
`Ev Telefonu`, `E-posta`, `Adres`, `Şehir`, `Posta Kodu`, `Kayıt Tarihi`, `Durum`,
`Randevu Tarihi`, `Süre (dk)`, `Doktor`, `İşlem`, `Açıklama`, `Tanı`, `Tanı Kodu`), value
words (`Kadın`/`Erkek`, `K`/`E`, `Aktif`/`Pasif`, `Tamamlandı`, `İptal`, `Gelmedi`, `Geldi`,
`Bekliyor`, `Alerji`/`Hastalık`, `Evet`/`Hayır`), and the same words in capitals, which
Turkish lowers by its own rule (`İPTAL` is `iptal`, `HAYIR` is `hayır`); dates `dd.mm.yyyy` and
with the month's name (`15 Mart 2024`); `+90` numbers; a Windows-1254 file read as Turkish."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.text_detect import read_sample, scan_file
from domain.mapping import MappingDocument, Settings
from domain.proposal.match import header_matches
from domain.proposal.region import propose_region
from domain.records import empty
from domain.records.national_ids.birth import birth_date_in
from domain.records.normalise import parse_bool, parse_datetime, parse_money
from tests.mapping.test_failure_classes import _derive, _propose

FIRST = ("Ayşe", "Mehmet", "Elif", "Mustafa", "Gülşen", "Oğuz")
LAST = ("Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Öztürk")
TOWNS = ("İstanbul", "İzmir", "Ankara")


def _tc_kimlik(i: int) -> str:
    """An eleven-digit T.C. kimlik number with its two check digits (no birth date in it)."""
    d = [1 + i % 9, *(int(c) for c in f"{(37 * i + 12345678) % 100000000:08d}")]
    tenth = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return "".join(map(str, d)) + str(tenth) + str((sum(d) + tenth) % 10)


PATIENT_HEADERS = ["Hasta No", "TC Kimlik No", "Adı", "Soyadı", "Doğum Tarihi", "Cinsiyet",
                   "Sosyal Güvence", "Cep Telefonu", "Ev Telefonu", "E-posta", "Adres", "Şehir",
                   "Posta Kodu", "Kayıt Tarihi", "Durum"]
PATIENTS = [[str(3400 + i), _tc_kimlik(i), FIRST[i % 6], LAST[i % 6],
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i}", ("Kadın", "Erkek", "KADIN", "ERKEK")[i % 4],
             ("SGK", "Özel Sigorta", "Yeşil Kart")[i % 3], f"+90 53{i % 10} {200 + i} {10 + i} {40 + i}",
             f"0216 {300 + i} {10 + i} {20 + i}" if i % 3 else "", f"hasta{i}@example.com.tr",
             f"Bağdat Cad. No:{10 + i} D:{1 + i % 9}", TOWNS[i % 3], f"34{700 + i}",
             f"{1 + i % 28:02d}.{1 + i % 12:02d}.20{10 + i % 12}",
             "Pasif" if i % 7 == 0 else "Aktif"] for i in range(30)]
VISIT_HEADERS = ["Randevu No", "Randevu Tarihi", "Süre (dk)", "Hasta No", "Doktor", "İşlem",
                 "Durum", "Açıklama"]
STATUSES = ("Bekliyor", "Tamamlandı", "İptal", "Gelmedi", "Geldi", "İPTAL", "GELMEDİ")
VISITS = [[str(77000 + i), f"{1 + i % 27:02d}.{1 + i % 12:02d}.2025 {8 + i % 9:02d}:{15 * (i % 4):02d}",
           str((1 + i % 3) * 15), str(3400 + i % 30), "Dr. Zeynep Arslan",
           ("Muayene", "Kontrol", "Diş Taşı Temizliği")[i % 3], STATUSES[i % 7],
           "aç gelecek" if i % 2 else ""] for i in range(42)]
NOTE_HEADERS = ["Muayene No", "Hasta No", "Tarih", "Hekim", "Muayene Notu"]
NOTES = [[str(9100 + i), str(3400 + i % 30), f"{1 + i % 27:02d}.{1 + i % 12:02d}.2024 {7 + i % 10:02d}:05",
          "Dr. Zeynep Arslan", f"Tansiyon {120 + i}/80.\nŞikayeti yok."] for i in range(25)]
ALLERGY_HEADERS = ["Hasta No", "Tür", "Tanı Kodu", "Tanı", "Aktif", "Kayıt Tarihi"]
ALLERGIES = [[str(3400 + i % 30), "Alerji" if i % 3 == 0 else "Hastalık", ("Z88.0", "E11.9", "I10")[i % 3],
              ("Penisilin", "Tip 2 diyabet", "Hipertansiyon")[i % 3], ("Evet", "Hayır", "HAYIR", "EVET")[i % 4],
              f"{1 + i % 28:02d}.{1 + i % 12:02d}.2020"] for i in range(20)]

INVOICE_HEADERS = ["Fatura No", "Hasta No", "Fatura Tarihi", "Ödenen", "Kalan", "Durum"]
INVOICE_STATUSES = ("Ödendi", "Ödenmedi", "Vadesi Geçmiş", "İcrada")
INVOICES = [[f"F2024-{100 + i}", str(3400 + i), f"{1 + i % 28:02d}.03.2024",
             f"1.{250 + i},00 TL" if i % 4 == 0 else "0,00 TL",
             "0,00 TL" if i % 4 == 0 else f"{300 + i},50 ₺", INVOICE_STATUSES[i % 4]] for i in range(24)]


def _doc() -> MappingDocument:
    return _propose({"hastalar.csv": (PATIENT_HEADERS, PATIENTS),
                     "randevular_2025.csv": (VISIT_HEADERS, VISITS),
                     "muayene_notlari.csv": (NOTE_HEADERS, NOTES),
                     "alerjiler.csv": (ALLERGY_HEADERS, ALLERGIES),
                     "faturalar.csv": (INVOICE_HEADERS, INVOICES)}, date_order="DMY", country="TR")


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Soyadı", "last_name"), ("patient", "SOYADI", "last_name"),
    ("patient", "Adı", "first_name"), ("patient", "ADI", "first_name"),
    ("patient", "Doğum Tarihi", "date_of_birth"), ("patient", "DOĞUM TARİHİ", "date_of_birth"),
    ("patient", "Cinsiyet", "sex"), ("patient", "Cep Tel", "phone_mobile"),
    ("patient", "E-Posta", "email"), ("patient", "Açık Adres", "address_line1"),
    ("patient", "Posta Kodu", "postal_code"), ("patient", "Kayıt Tarihi", "created_at"),
    ("insurance", "Sigorta Şirketi", "carrier_name"), ("insurance", "Poliçe No", "member_id"),
    ("appointment", "Randevu No", "source_id"), ("appointment", "Açıklama", "notes"),
    ("clinical_note", "Hekim", "author_source_id"), ("allergy_condition", "Tanı", "name"),
    ("allergy_condition", "Tanı Kodu", "code"),
])
def test_turkish_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_a_turkish_clinics_files_and_columns_are_read_in_turkish() -> None:
    doc = _doc()
    kinds = {name: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"hastalar.csv": "patient", "randevular_2025.csv": "appointment",
                     "muayene_notlari.csv": "clinical_note", "alerjiler.csv": "allergy_condition",
                     "faturalar.csv": "billing"}
    want = {
        "hastalar.csv": {"Hasta No": "patient.source_id", "Adı": "patient.first_name",
                         "Soyadı": "patient.last_name", "Doğum Tarihi": "patient.date_of_birth",
                         "Cinsiyet": "patient.sex", "Sosyal Güvence": "insurance.carrier_name",
                         "Cep Telefonu": "patient.phone_mobile", "Ev Telefonu": "patient.phone_home",
                         "E-posta": "patient.email", "Adres": "patient.address_line1",
                         "Şehir": "patient.city", "Posta Kodu": "patient.postal_code",
                         "Kayıt Tarihi": "patient.created_at", "Durum": "patient.status"},
        "randevular_2025.csv": {"Randevu No": "appointment.source_id",
                                "Hasta No": "appointment.patient_source_id",
                                "Doktor": "appointment.provider_source_id",
                                "İşlem": "appointment.appointment_type",
                                "Durum": "appointment.status", "Açıklama": "appointment.notes"},
        "muayene_notlari.csv": {"Muayene No": "clinical_note.source_id",
                                "Hasta No": "clinical_note.patient_source_id",
                                "Tarih": "clinical_note.created_at",
                                "Hekim": "clinical_note.author_source_id",
                                "Muayene Notu": "clinical_note.body"},
        "alerjiler.csv": {"Hasta No": "allergy_condition.patient_source_id",
                          "Tür": "allergy_condition.kind", "Tanı Kodu": "allergy_condition.code",
                          "Tanı": "allergy_condition.name", "Aktif": "allergy_condition.clinical_status",
                          "Kayıt Tarihi": "allergy_condition.recorded_at"},
        "faturalar.csv": {"Fatura No": "billing.source_id", "Hasta No": "billing.patient_source_id",
                          "Ödenen": "billing.last_payment_amount", "Kalan": "billing.outstanding_balance",
                          "Durum": "billing.billing_status"},
    }
    for name, columns in want.items():
        fm = doc.files[name]
        for header, target in columns.items():
            column = fm.columns[header]
            assert column.target == target, (name, header, column.target, column.reasons)
    patients = doc.files["hastalar.csv"]
    assert patients.columns["Cinsiyet"].values == {"Kadın": "female", "Erkek": "male",
                                                   "KADIN": "female", "ERKEK": "male"}
    assert patients.columns["Durum"].values == {"Aktif": "active", "Pasif": "inactive"}
    assert patients.columns["TC Kimlik No"].target is None
    visits = doc.files["randevular_2025.csv"]
    assert visits.columns["Durum"].values == {
        "Bekliyor": "booked", "Tamamlandı": "completed", "İptal": "cancelled", "İPTAL": "cancelled",
        "Gelmedi": "no_show", "GELMEDİ": "no_show", "Geldi": "arrived"}
    [end] = [c for c in visits.combine if c.target == "appointment.ends_at"]
    assert end.plus_duration and end.columns[-1] == "Süre (dk)"
    allergies = doc.files["alerjiler.csv"]
    assert allergies.columns["Tür"].values == {"Alerji": "allergy", "Hastalık": "condition"}
    assert allergies.columns["Aktif"].values == {"Evet": "active", "EVET": "active",
                                                "Hayır": "inactive", "HAYIR": "inactive"}


def test_the_turkish_rows_all_derive_with_their_dates() -> None:
    doc = _doc()
    kinds, quarantined, records = _derive(doc, "hastalar.csv", PATIENT_HEADERS, PATIENTS)
    assert kinds["patient"] == 30 and not quarantined, quarantined[:2]
    patients = [r for r in records if r.kind == "patient"]
    assert patients[1].fields["date_of_birth"] == "1951-02-02"
    assert [p.fields["sex"] for p in patients[:4]] == ["female", "male", "female", "male"]
    assert (patients[4].fields["first_name"], patients[4].fields["last_name"]) == ("Gülşen", "Şahin")
    assert patients[0].fields["phone_mobile"] == "+905302001040"
    kinds, quarantined, records = _derive(doc, "randevular_2025.csv", VISIT_HEADERS, VISITS)
    assert kinds["appointment"] == 42 and not quarantined, quarantined[:2]
    assert records[1].fields["starts_at"].startswith("2025-02-02T09:15")
    assert records[1].fields["ends_at"].startswith("2025-02-02T09:45")
    assert [r.fields["status"] for r in records[:7]] == [
        "booked", "completed", "cancelled", "no_show", "arrived", "cancelled", "no_show"]
    kinds, quarantined, records = _derive(doc, "faturalar.csv", INVOICE_HEADERS, INVOICES)
    assert kinds["billing"] == 24 and not quarantined, quarantined[:2]
    assert [r.fields.get("billing_status") for r in records[:4]] == [
        "paid", "current", "overdue", "collections"]
    assert records[0].fields["last_payment_amount"] == "1250.00"
    assert records[1].fields["outstanding_balance"] == "301.50"
    kinds, quarantined, records = _derive(doc, "alerjiler.csv", ALLERGY_HEADERS, ALLERGIES)
    assert kinds["allergy_condition"] == 20 and not quarantined, quarantined[:2]
    assert [r.fields.get("clinical_status") for r in records[:4]] == [
        "active", "inactive", "inactive", "active"]


def test_a_tc_kimlik_number_writes_no_birth_date() -> None:
    assert all(birth_date_in(_tc_kimlik(i), header="TC Kimlik No") is None for i in range(5))


@pytest.mark.parametrize(("text", "moment"), [
    ("15 Mart 2024", "2024-03-15T00:00"), ("3 Oca 2025 10:30", "2025-01-03T10:30"),
    ("28 KASIM 2023", "2023-11-28T00:00"), ("1 Ağustos 2022", "2022-08-01T00:00"),
    ("02.03.2024 14:20", "2024-03-02T14:20"),
])
def test_turkish_dates(text: str, moment: str) -> None:
    assert parse_datetime(text, "DMY", Settings(country="TR"))[0].startswith(moment)


def test_the_offices_turkish_test_patient_is_no_one() -> None:
    assert empty.test_person("patient", {"first_name": "Hasta", "last_name": "Deneme"})
    assert empty.test_person("patient", {"first_name": "HASTA", "last_name": "TEST"})
    assert empty.test_person("patient", {"first_name": "Ayşe", "last_name": "Yılmaz"}) is None


def test_turkish_yes_and_no_in_any_case() -> None:
    for word in ("Evet", "EVET", "evet"):
        assert parse_bool(word) is True, word
    for word in ("Hayır", "HAYIR", "hayır"):
        assert parse_bool(word) is False, word


def test_turkish_numbers_and_names_say_turkey_and_lira() -> None:
    proposal = propose_region(["+90 532 412 77 88", "0216 334 55 66", "0 505 987 65 43"],
                              ["Türkiye"], ["34710", "06520"], [])
    assert proposal is not None and (proposal.country, proposal.currency) == ("TR", "TRY")
    assert parse_money("1.250,50 TL", "TR") == parse_money("₺1.250,50", "TR") == "1250.50"


def test_a_windows_1254_export_reads_as_turkish(tmp_path: Path) -> None:
    text = "".join(";".join(row) + "\r\n" for row in [PATIENT_HEADERS, *PATIENTS[:8]])
    path = tmp_path / "hastalar.csv"
    path.write_bytes(text.encode("cp1254"))
    facts = scan_file(path)
    assert facts.encoding == "windows-1254"
    assert read_sample(path, facts.encoding).startswith("Hasta No;TC Kimlik No;Adı;Soyadı;Doğum")


def test_a_whole_name_column_in_turkish_is_the_patients_name() -> None:
    headers = ["ID", "Adı Soyadı", "Email"]
    rows = [[str(i), FIRST[i % 6] + " " + LAST[i % 5], f"p{i}@example.com"] for i in range(30)]
    doc = _propose({"patients.csv": (headers, rows)})
    column = doc.files["patients.csv"].columns["Adı Soyadı"]
    assert (column.target, column.parts) == ("patient.last_name", "name"), column.reasons
    fields = _derive(doc, "patients.csv", headers, rows)[2][0].fields
    assert (fields["first_name"], fields["last_name"]) == ("Ayşe", "Yılmaz")
