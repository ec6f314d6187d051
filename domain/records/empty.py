"""Records with nothing in them: an insurance slot with no carrier and no member number, a
referral naming no referrer, an allergy with no substance; and records whose one content value
says there is none: a coverage row whose carrier is `Self Pay` (the patient has no insurer), an
allergy row reading `NKDA` or `No known allergies` (the patient has none).

Exports keep such slots (OpenEMR writes a primary, a secondary and a tertiary insurance row
for every patient, filled or not; a patient export has a Secondary Insurance column group
that is mostly blank but for a copay of 0.00). They are no record of anything: the row is
dropped on purpose with this reason, counted as dropped, never pushed to Nutshell and never
quarantined as if something were wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.records.values.bare import bare, bare_set

# The fields that make a record of a kind something to migrate: with all of them empty, what
# is left (an order of precedence, a copay of 0, an effective date) describes an empty slot.
CONTENT: dict[str, tuple[str, ...]] = {
    "insurance": ("carrier_name", "member_id", "group_number", "plan_type"),
    "referral": ("referrer_name", "referrer_provider_source_id", "referrer_company_source_id",
                 "referrer_email", "referrer_phone", "referral_type", "notes"),
    "allergy_condition": ("name", "code"),
}
# What a database writes for "no value" in a slot it keeps anyway (`provider` 0 for no insurer).
NO_VALUE = frozenset({"", "0", "-1", "-", "--", "n/a", "na", "null", "none"})
# A carrier that names no insurer: the patient pays for themselves. (German `Privat` is private
# insurance, but without a member number it names no insurer either; with one it is kept, as
# every self-pay word is.) Compared whole, casefolded, hyphens and dots read as spaces.
NO_INSURER = frozenset({
    "self pay", "selfpay", "self", "self paying", "self payer", "self funded", "self funding",
    "private", "private pay", "private patient", "privately funded", "cash", "cash pay",
    "uninsured", "not insured", "no insurance", "no insurer", "no cover", "no coverage",
    "privato", "privata", "solvente", "particular", "privado", "sin seguro", "sin aseguradora",
    "sem convenio", "sem convênio", "sem plano", "selbstzahler", "privat", "sans mutuelle", "non assuré",
    "zelfbetaler", "geen", "ninguno", "ninguna", "nessuna", "nessuno",
    # Hebrew: an Israeli patient outside the health funds pays privately (`פרטי`, private)
    "פרטי", "ללא ביטוח",
    # Korean: `일반` (general), the insurance class of a patient outside the national insurance
    "일반"})
# Words that, first in a short answer, say "none": "None known", "No known allergies", "NKDA",
# "Nil known", "Keine bekannt", "Nega alergias" (denies allergies), "Nessuna".
NONE_WORDS = frozenset({
    "none", "nil", "n/a", "na", "-", "nkda", "nka", "nkfa", "nkma", "no", "non", "nope",
    "denies", "ninguna", "ninguno", "ningún", "nada", "niega", "aucune", "aucun", "keine",
    "kein", "nenhuma", "nenhum", "nega", "nessuna", "nessuno", "niente", "geen", "ingen",
    "pas", "sin", "sem", "senza", "ohne", "nessun", "nulla"})
# Whole answers saying no condition was recorded ("Diagnosis deferred", DSM's R69/799.9).
NONE_PHRASES = frozenset({"no known allergies", "diagnosis deferred", "deferred diagnosis",
                          "deferred", "no diagnosis", "nothing known", "not known"})
# A person record the office made to try the software: every word of the name one of these,
# one at least a word for a test ("TEST, PATIENT", "Paciente Teste", "PROVA Paziente").
TEST_WORDS = frozenset({"test", "teste", "testing", "prova", "prueba", "probe", "essai",
                        "demo", "dummy", "zztest", "testpatient", "testowy", "testowa",
                        # Hungarian; `Teszt Elek` is its placeholder person (`tesztelek`, "I test")
                        "teszt", "testi",
                        # Greek, Turkish, Bulgarian (`Δοκιμαστικός Ασθενής`, `Deneme Hasta`)
                        "τεστ", "δοκιμή", "δοκιμαστικός", "δοκιμαστική", "deneme", "тест", "тестов",
                        "тестова", "пробен"})
# A record standing for whoever comes in without one ("Walk-in", "Walk In Patient", "Unknown
# Patient"): a visitor the desk did not register, no one's record either.
STAND_IN_WORDS = frozenset({"walkin", "walk", "in", "unknown", "anonymous", "unregistered",
                            "desconocido", "desconocida", "anonyme", "anonimo", "anonima",
                            "unbekannt", "onbekend", "tuntematon"})
PERSON_WORDS = frozenset({"patient", "paciente", "paziente", "patiente", "patientin", "client",
                          "cliente", "klient", "pacjent", "pacjentka", "asiakas", "potilas", "person",
                          "user", "account", "record", "one", "two", "1", "2", "a", "b", "páciens",
                          "elek", "ασθενής", "hasta", "pacient", "pacienta", "пациент", "пациентка"
                          }) | TEST_WORDS
# compared with case and accents set aside (`ΔΟΚΙΜΑΣΤΙΚΟΣ ΑΣΘΕΝΗΣ`, `TEST HASTA`)
_BARE_TEST, _BARE_PERSON = bare_set(TEST_WORDS), bare_set(PERSON_WORDS)
SAYS_NONE: dict[str, tuple[str, tuple[str, ...], str]] = {
    # kind: (the field that may say none, the fields that must then be empty, the reason)
    "insurance": ("carrier_name", ("member_id", "group_number"),
                  "no insurer: carrier_name says the patient pays for themselves"),
    "allergy_condition": ("name", (),
                          "no allergy or condition: name says there is none known"),
    "appointment": ("status", (), "a booking request the clinic declined: never an appointment"),
}
# An appointment status saying the request was never booked (an online booking declined).
DECLINED = frozenset({"declined", "request declined", "booking declined", "declined request",
                      "rejected", "request rejected", "abgelehnt", "rechazada", "rechazado",
                      "rifiutato", "rifiutata", "recusado", "recusada", "refusé", "refusée",
                      "geweigerd", "afgewezen"})


def _empty(value: object) -> bool:
    return value is None or str(value).strip().casefold() in NO_VALUE


def _words(value: object) -> str:
    return " ".join(re.sub(r"[-_.]+", " ", str(value or "")).casefold().split())


def means_none(value: object) -> bool:
    """"None", "NKDA", "No known allergies", "Keine bekannt", "Diagnosis deferred": an answer
    saying there is nothing, not a substance or a condition (at most four words, so that
    "Non-steroidal anti-inflammatory drugs" and "No latex gloves on the left hand" are not)."""
    text = str(value or "").strip().casefold()
    words = text.split()
    return bool(words) and (text in NONE_WORDS or _words(text) in NONE_PHRASES
                            or (words[0] in NONE_WORDS and len(words) <= 4))


def names_no_insurer(value: object) -> bool:
    return _words(value) in NO_INSURER


def declined(value: object) -> bool:
    return _words(value) in DECLINED


def test_person(kind: str, raw: Mapping[str, object]) -> str | None:
    """Why a patient or lead is the office's test record (None when it is someone)."""
    words = _words(f"{raw.get('first_name') or ''} {raw.get('last_name') or ''}").replace(
        ",", " ").split()
    bare_words = {bare(w) for w in words}
    if words and bare_words <= _BARE_PERSON and bare_words & _BARE_TEST:
        return f"a test {kind} the office made to try the software: no one's record"
    if words and set(words) <= PERSON_WORDS | STAND_IN_WORDS and set(words) & (
            STAND_IN_WORDS - {"in"}):
        return f"a {kind} standing for unregistered visitors (a walk-in): no one's record"
    return None


def empty_slot(kind: str, raw: Mapping[str, object]) -> str | None:
    """Why a record of `kind` with these raw fields is an empty slot, or says there is none
    (None when it is neither): the reason names the fields, never a value. A carrier saying
    self-pay beside a member number is kept: the number is something to migrate."""
    if kind in ("patient", "lead"):
        return test_person(kind, raw)
    fields = CONTENT.get(kind)
    if fields is not None and all(_empty(raw.get(f)) for f in fields):
        return f"an empty {kind.replace('_', ' ')} slot: no {', no '.join(fields)}"
    said = SAYS_NONE.get(kind)
    if said is None:
        return None
    name, others, why = said
    says = {"insurance": names_no_insurer, "appointment": declined}.get(kind, means_none)
    if says(raw.get(name)) and all(_empty(raw.get(f)) for f in others):
        return why
    # a list that writes only the insurance class (Korean `보험유형`: `일반`, uninsured) says it
    # there, with no carrier beside it
    if (kind == "insurance" and _empty(raw.get(name)) and names_no_insurer(raw.get("plan_type"))
            and all(_empty(raw.get(f)) for f in others)):
        return "no insurer: plan_type says the patient pays for themselves"
    return None


@dataclass(frozen=True)
class Dropped:
    """A record left out on purpose, with the reason (an empty insurance slot): no record and
    no quarantine; the row counts as dropped when it is the row's own record."""

    file: str
    row: int
    kind: str
    reason: str  # field names only, never values
    source_id: str | None = None


# The fields naming whom an appointment is with.
PARTIES = (("appointment", "patient_source_id"), ("appointment", "company_source_id"))
BLOCK = "no patient: a block in the calendar (a meeting, a lunch, time off), not an appointment"


def calendar_block(kind: str, raw: Mapping[str, object],
                   targets: Mapping[str, tuple[str, str] | None] | None) -> str | None:
    """Why an appointment row is a block in the calendar (a staff meeting, a lunch): the
    mapping reads its patient from a column (`targets`: column -> (kind, field)), and this
    row's is blank. A mapping that reads no patient at all is no row's fault: not said here."""
    if kind != "appointment" or not targets or not set(PARTIES) & set(targets.values()):
        return None
    # blank only: `0` may be a database's first id (a `0` meaning "no patient" is the
    # vendor's code, read by the mapping's value map or route)
    return None if any(str(raw.get(name) or "").strip() for _, name in PARTIES) else BLOCK


def dropped(file: str, row: int, kind: str, raw: Mapping[str, object],
            targets: Mapping[str, tuple[str, str] | None] | None = None) -> Dropped | None:
    """The Dropped result of a record of `kind` with these raw fields when it is an empty
    slot, says there is none, or is a block in the calendar; else None."""
    why = empty_slot(kind, raw) or calendar_block(kind, raw, targets)
    ident = str(raw.get("source_id") or "").strip() or None
    return None if why is None else Dropped(file, row, kind, why, ident)


def said_dropped(results: list[Any], gone: Dropped | None) -> bool:
    """Whether the record is dropped: its Dropped result then joins the row's results."""
    if gone is not None:
        results.append(gone)
    return gone is not None
