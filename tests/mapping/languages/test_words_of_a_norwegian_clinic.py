"""A Norwegian (bokmål) clinic's workbook read in its own words: sheet names (`Pasienter`,
`Timebok`, `Henvisninger`, `CAVE`, `Ansatte`) saying each sheet's kind, so the visits, referrals
and alerts are not read as more patients; headers (`Etternavn`, `Fødselsdato`, `Poststed`,
`Timenr`, `Tidspunkt`, `Varighet (min)`, `Henvisende`, `Problemstilling`); a one-word `Navn`
holding the patient's whole name; visit status words (`Bestilt`, `Utført`, `Avbestilt`,
`Ikke møtt`)."""

from __future__ import annotations

import pytest

from domain.proposal.match import header_matches
from tests.mapping.test_failure_classes import Rows, _derive, _propose

FIRST = ("Nora", "Ole", "Kari", "Lars", "Ingrid", "Håkon", "Sofie", "Jonas")
LAST = ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Berg",
        "Dahl")
BOOK = "Uttrekk.xlsx"
PATIENTS = (["Pasientnr", "Navn", "Fødselsdato", "Kjønn", "Mobil", "E-post", "Adresse",
             "Postnr", "Poststed", "Status"],
            [[str(30100 + i), f"{LAST[i % 9]}, {FIRST[i % 8]}", f"{1950 + i}-0{1 + i % 9}-1{i % 9}",
              "K" if i % 2 else "M", f"+47 9{i % 10}0 {10 + i} {100 + i}",
              f"p{i}@example.no", f"Storgata {i + 1}", f"50{10 + i}", "Bergen",
              "Aktiv" if i % 5 else "Passiv"] for i in range(24)])
STATUS = ("Bestilt", "Utført", "Avbestilt", "Ikke møtt", "Ankommet")
VISITS = (["Timenr", "Tidspunkt", "Varighet (min)", "Pasientnr", "Behandler", "Timetype",
           "Status", "Rom", "Kommentar"],
          [[str(700000 + i), f"2024-0{1 + i % 9}-{10 + i % 18} 0{8 + i % 2}:{15 * (i % 4):02d}",
            "30" if i % 2 else "60", str(30100 + i % 24), "Hagen, Ole",
            "Kontroll" if i % 3 else "Konsultasjon", STATUS[i % 5],
            f"Kontor {1 + i % 2}", "Ønsker SMS" if i % 4 == 0 else ""] for i in range(40)])
REFERRALS = (["Henvisningsnr", "Pasientnr", "Mottatt", "Henvisende", "Problemstilling"],
             [[f"H{5000 + i}", str(30100 + i % 24), f"2024-1{i % 3}-0{1 + i % 9}",
               f"Lege {FIRST[i % 8]} {LAST[i % 9]}", "Smerter i skulder" if i % 2
               else "Utredning av svimmelhet"] for i in range(12)])
ALERTS = (["Pasientnr", "CAVE", "Kategori", "Registrert dato"],
          [[str(30100 + i % 24), "Penicillin" if i % 2 else "Diabetes type 1",
            "Allergi" if i % 2 else "Kritisk tilstand", f"2020-0{1 + i % 9}-1{i % 9}"]
           for i in range(14)])
STAFF = (["Etternavn", "Fornavn", "Stilling", "E-post"],
         [["Hagen", "Ole", "Fastlege", "ole@example.no"],
          ["Dahl", "Kari", "Fysioterapeut", "kari@example.no"],
          ["Berg", "Nils", "Helsesekretær", "nils@example.no"]])
SHEETS = {"Pasienter": PATIENTS, "Timebok": VISITS, "Henvisninger": REFERRALS, "CAVE": ALERTS,
          "Ansatte": STAFF}


def _workbook() -> dict[str, tuple[list[str], Rows]]:
    return {f"{BOOK}#{sheet}": table for sheet, table in SHEETS.items()}


@pytest.mark.parametrize(("kind", "header", "field"), [
    ("patient", "Etternavn", "last_name"), ("patient", "Fornavn", "first_name"),
    ("patient", "Fødselsdato", "date_of_birth"), ("patient", "Poststed", "city"),
    ("patient", "Kjønn", "sex"), ("appointment", "Tidspunkt", "starts_at"),
    ("appointment", "Rom", "location"), ("appointment", "Kommentar", "notes"),
    ("referral", "Henvisende", "referrer_name"), ("referral", "Mottatt", "referred_at"),
    ("provider", "Stilling", "role"),
])
def test_norwegian_headers_name_their_fields(kind: str, header: str, field: str) -> None:
    matches = header_matches(kind, header)
    assert matches and matches[0].field == field and matches[0].score >= 0.85, matches[:3]


def test_each_sheet_of_a_norwegian_workbook_holds_its_own_kind() -> None:
    doc = _propose(_workbook(), date_order="YMD")
    kinds = {name.partition("#")[2]: fm.kind for name, fm in doc.files.items()}
    assert kinds == {"Pasienter": "patient", "Timebok": "appointment",
                     "Henvisninger": "referral", "CAVE": "allergy_condition",
                     "Ansatte": "provider"}


def test_a_norwegian_workbook_maps_its_columns() -> None:
    doc = _propose(_workbook(), date_order="YMD")

    def targets(sheet: str) -> dict[str, str | None]:
        return {h: c.target for h, c in doc.files[f"{BOOK}#{sheet}"].columns.items()}

    patients = targets("Pasienter")
    assert patients["Navn"] == "patient.last_name"
    assert patients["Fødselsdato"] == "patient.date_of_birth"
    assert patients["Poststed"] == "patient.city"
    visits = targets("Timebok")
    assert visits["Timenr"] == "appointment.source_id"
    assert visits["Tidspunkt"] == "appointment.starts_at"
    assert visits["Pasientnr"] == "appointment.patient_source_id"
    assert visits["Timetype"] == "appointment.appointment_type"
    assert visits["Status"] == "appointment.status"
    referrals = targets("Henvisninger")
    assert referrals["Henvisningsnr"] == "referral.source_id"
    assert referrals["Henvisende"] == "referral.referrer_name"
    assert referrals["Problemstilling"] == "referral.notes"
    alerts = targets("CAVE")
    assert alerts["CAVE"] == "allergy_condition.name"
    assert alerts["Kategori"] == "allergy_condition.kind"
    assert targets("Ansatte")["Stilling"] == "provider.role"


def test_norwegian_visit_status_words_are_read() -> None:
    doc = _propose(_workbook(), date_order="YMD")
    name = f"{BOOK}#Timebok"
    headers, rows = VISITS
    kinds, quarantined, records = _derive(doc, name, headers, rows)
    assert kinds["appointment"] == len(rows) and not quarantined
    statuses = {r.fields["status"] for r in records if r.kind == "appointment"}
    assert statuses == {"booked", "completed", "cancelled", "no_show", "arrived"}
