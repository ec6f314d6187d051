"""Normalisers of source text into canonical values: dates and datetimes (with the clinic's day/month
order and timezone), money, booleans, integers, emails, phones (E.164 in the clinic's region) and
enumeration words. Each raises `Invalid` with a reason that never quotes the value.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from domain.mapping import Settings
from domain.records.canonical import ENUMS, visit_outcome
from domain.records.values import money, worddates, yes_no
from domain.records.values.bare import bare, bare_set
from domain.records.values.daynumbers import day_fraction, day_number
from domain.records.values.digits import ascii_digits
from domain.records.values.dotted import close_dots
from domain.records.values.hijri import is_hijri_year
from domain.records.values.joined import set_joint_aside


class Invalid(ValueError):
    """A value that cannot be normalised; the message is the reason (no value in it)."""


SENTINEL_DATES = ("0001-01-01", "0000-00-00", "00/00/0000", "1800-01-01")
# `2024.01.08.`: a Hungarian date closes its day with a point too
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?(?:[T ].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
# `14 h 30`, `14h30`; `9.30` (a time of day with a point, the column said time: a date's
# time part here, never an amount)
_H_CLOCK = re.compile(r"^(\d{1,2})(?:\s?[hH]\s?|\.)(\d{2})$")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%I %p")


def clean_text(value: str) -> str:
    return value.strip()


# The postal mark written before a Japanese postal code (`〒150-0041`), with its circled form
_POSTAL_MARK = re.compile(r"^\s*[〒〶]\s*")


def clean_postal_code(value: str) -> str:
    """A postal code without the postal mark before it, in plain digits (`〒１５０-００４１`)."""
    return unicodedata.normalize("NFKC", _POSTAL_MARK.sub("", value)).strip()


def clean_name(value: str) -> str:
    # str.split() splits on the same whitespace as \s and drops the ends: trim and collapse.
    return " ".join(value.split())


def is_sentinel_date(value: str) -> bool:
    return value.strip().startswith(SENTINEL_DATES)


def _make_date(year: int, month: int, day: int, hijri_too: bool = False) -> dt.date:
    """`hijri_too`: the date is written as the Hijri calendar's are (`1445/09/12`,
    `12/09/1445`), where a year 1300-1499 is the Hijri one (values/hijri.py)."""
    try:
        made = dt.date(year, month, day)
    except ValueError as exc:
        raise Invalid("not a calendar date") from exc
    if hijri_too and is_hijri_year(year):
        raise Invalid("a Hijri date, not read as a Gregorian one")
    return made


# A two-digit year ("3/4/62") is read within this many years ahead of today at most; a past
# date (a birth date) is never ahead of today.
AHEAD_YEARS = 20


def full_year(short: int, month: int, day: int, past: bool, today: dt.date | None = None) -> int:
    """The four-digit year of a two-digit one: this century's, unless that is too far ahead
    (a past date: ahead of today at all, so `3/4/62` is 1962 and `3/4/05` 2005)."""
    today = today or dt.date.today()
    year = today.year // 100 * 100 + short
    if past:
        if (year, month, day) > (today.year, today.month, today.day):
            year -= 100
    elif year > today.year + AHEAD_YEARS:
        year -= 100
    return year


def parse_date(value: str, order: str, past: bool = False,
               country: str = "US") -> tuple[dt.date, str | None]:
    """(date, note): note says when the data proved the configured day/month order wrong.
    `past`: the date cannot be in the future (a birth date), which decides a two-digit year's
    century. `country`: the clinic's, whose languages name the months (values/worddates.py)."""
    text = close_dots(ascii_digits(value.strip()))
    if len(text) == 10 and text[4] == text[7] == "-":
        # YYYY-MM-DD, most dates of most exports: the C parser reads it at a fraction of the
        # cost; anything it refuses takes the general path below, which says why.
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            pass
    if m := _ISO_DATE.match(text) or _COMPACT_DATE.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), hijri_too=text[4:5] != "-"), None
    if (serial := day_number(text)) is not None:
        return serial.date(), None
    if m := _NUMERIC_DATE.match(text.split(" ")[0].split("T")[0]):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        day, month = (first, second) if order == "DMY" else (second, first)
        note = None
        if month > 12 and day <= 12:
            # A month over 12 proves the order: 13/02/1990 can only be day-first.
            day, month, note = month, day, "day/month order differs from the setting"
        if len(m[3]) == 2:
            year = full_year(year, month, day, past)
        return _make_date(year, month, day, hijri_too=True), note
    if word := worddates.match_word_date(text, country):
        written, month, day = word
        year = full_year(int(written), month, day, past) if len(written) == 2 else int(written)
        return _make_date(year, month, day), None
    raise Invalid("not a recognised date")


def detect_date_order(values: Iterable[str]) -> str | None:
    """"DMY" or "MDY" when some value proves it (a first or second part over 12), else None."""
    for value in values:
        m = _NUMERIC_DATE.match(close_dots(value.strip()).split(" ")[0])
        if not m:
            if _ISO_DATE.match(value.strip()):
                return "YMD"
            continue
        first, second = int(m[1]), int(m[2])
        if first > 12 >= second:
            return "DMY"
        if second > 12 >= first:
            return "MDY"
    return None


def _zone(settings: Settings) -> dt.tzinfo:
    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


# ISO 8601 exactly as datetime.isoformat() writes it (seconds, a numeric offset): such a value
# is its own normal form once the parser has accepted it, so it is not written out again.
_CANONICAL_MOMENT = re.compile(
    r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-](?:[01]\d|2[0-3]):[0-5]\d")


def _clock(text: str) -> dt.time:
    for fmt in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text.upper(), fmt).time()  # noqa: DTZ007
        except ValueError:
            continue
    raise Invalid("not a recognised time of day")


def parse_datetime(value: str, order: str, settings: Settings) -> tuple[str, str | None]:
    text = set_joint_aside(close_dots(ascii_digits(value.strip())))
    if _CANONICAL_MOMENT.fullmatch(text) and not text.endswith("-00:00"):  # -00:00 reads +00:00
        try:
            dt.datetime.fromisoformat(text)
        except ValueError:
            pass  # out of range: the general path below says why
        else:
            return text, None
    note = None
    try:
        moment = day_number(text) or dt.datetime.fromisoformat(
            text.replace(" ", "T", 1) if " " in text else text)
    except ValueError:
        date_part, _, time_part = text.partition(" ")
        if "T" in date_part and not time_part:
            date_part, _, time_part = date_part.partition("T")
        elif word := worddates.split_word_moment(text):  # `07 Jan 2024 10:30 AM`
            date_part, time_part = word
        elif worddates.match_word_date(text, settings.country):  # `12 stycznia 2024`, no time
            date_part, time_part = text, ""
        day, note = parse_date(date_part, order, country=settings.country)
        clock = dt.time(0)
        if time_part.strip():
            clock_text = _H_CLOCK.sub(r"\1:\2", time_part.strip())
            clock = day_fraction(clock_text) or _clock(clock_text)
        moment = dt.datetime.combine(day, clock)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(settings))
    return moment.isoformat(), note


def parse_money(value: str, country: str = "US") -> str:
    """The amount as a decimal string (babel in the clinic's locale: values/money.py says how)."""
    try:
        return money.parse_money(ascii_digits(value), country)
    except money.NotMoney as exc:
        raise Invalid(str(exc)) from exc


# besides yes and no in the languages (values/yes_no.json), what a flag's cell holds in exports
_TRUE = yes_no.YES | {"1", "-1", "on", "checked", "active", "primary"}
_FALSE = yes_no.NO | {"0", "off", "", "inactive", "secondary", "hidden", "archived"}
_BARE_TRUE, _BARE_FALSE = bare_set(_TRUE), bare_set(_FALSE)  # `ΟΧΙ`, `HAYIR` (values/bare.py)


def parse_bool(value: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    if bare(word) in _BARE_TRUE:
        return True
    if bare(word) in _BARE_FALSE:
        return False
    raise Invalid("not a yes/no value")


def parse_int(value: str) -> int:
    text = ascii_digits(value.strip()).replace(",", "")
    text = re.sub(r"\s*(min(ute)?s?|bytes?|b)$", "", text, flags=re.IGNORECASE)
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise Invalid("not a whole number") from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise Invalid("not a whole number")
    return int(number)


# Plain ASCII addresses (nearly all of them) are checked by this strict subset of the
# syntax; anything else goes through email_validator, which also knows internationalised
# addresses. Both refuse the special-use domains (.test, .local, ...).
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_EMAIL = re.compile(rf"({_LOCAL})@((?:{_LABEL}\.)+[A-Za-z]{{2,63}})")
_SPECIAL = frozenset(SPECIAL_USE_DOMAIN_NAMES)


@functools.lru_cache(maxsize=4096)
def parse_email(value: str) -> str:
    text = value.strip()
    plain = _PLAIN_EMAIL.fullmatch(text)
    if (plain and len(plain[1]) <= 64 and len(text) <= 254
            and plain[2].rsplit(".", 1)[-1].lower() not in _SPECIAL):
        return text.lower()
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise Invalid("not a valid email address") from exc
    return result.normalized.lower()


# North American numbers in their usual spellings ("555-677-3119", "(555) 677-3119") read in a
# NANP region: for these phonenumbers always answers +1 and the ten digits (an area code never
# starts with 0 or 1, so there is no prefix to strip), and its general parser is the costliest
# step of a patient row. Everything else goes through phonenumbers.
_NANP_REGIONS = frozenset({"US", "CA"})
_NANP_PLAIN = re.compile(r"\(?([2-9]\d{2})\)?[-. ]?(\d{3})[-. ]?(\d{4})")


@functools.lru_cache(maxsize=4096)
def parse_phone(value: str, region: str) -> str:
    value = ascii_digits(value)
    if region.upper() in _NANP_REGIONS and (plain := _NANP_PLAIN.fullmatch(value)):
        return f"+1{plain[1]}{plain[2]}{plain[3]}"
    try:
        number = phonenumbers.parse(value, region.upper())
    except phonenumbers.NumberParseException as exc:
        raise Invalid("not a phone number") from exc
    if not phonenumbers.is_possible_number(number):
        raise Invalid("not a possible phone number for the region")
    if not phonenumbers.is_valid_number(number) and not _nanp_shaped(number) \
            and not _plan_shaped(number):
        # e.g. "(03) 5555 6473" read as a US number would become +10355556473, which is no
        # one's number: kept as written (raw) and reported, never rewritten into another
        # country's form. The clinic's country is `settings.country` in the mapping.
        raise Invalid(f"not a valid phone number in {region.upper()} (the clinic's country); "
                      "kept as written")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # E.164 has no room for an extension (`x204`, `ext. 12`): kept after it in RFC 3966's
    # spelling, so a work number still reaches the person and not the switchboard.
    return f"{e164}{EXTENSION}{number.extension}" if number.extension else e164


EXTENSION = ";ext="


def _plan_shaped(number: phonenumbers.PhoneNumber) -> bool:
    """A number of the plan's own shape (its length and leading digits) in a range the
    library's metadata holds unassigned: an Australian mobile `0471 487 858`, a Leeds
    `0113 613 2839`. The clinic wrote it for this plan; a foreign number read in the wrong
    plan (`(03) 5555 6473` in the US or the UK) does not fit the shape and stays as written."""
    region = phonenumbers.region_code_for_country_code(number.country_code or 0)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    general = metadata.general_desc if metadata else None
    pattern = general.national_number_pattern if general else None
    national = phonenumbers.national_significant_number(number)
    return isinstance(pattern, str) and re.fullmatch(pattern, national) is not None


def _nanp_shaped(number: phonenumbers.PhoneNumber) -> bool:
    """+1 and ten digits whose area code and exchange start 2-9: valid in form, even when the
    plan has not assigned them (test data's 555 numbers)."""
    national = phonenumbers.national_significant_number(number)
    return (number.country_code == 1 and len(national) == 10 and national[0] not in "01"
            and national[3] not in "01")


# Vendor spellings of the canonical enumeration words (after folding: lowercase, _ for spaces).
SYNONYMS: dict[str, dict[str, str]] = {
    "sex": {"f": "female", "m": "male", "u": "unknown", "o": "other", "woman": "female",
            "man": "male", "unspecified": "unknown", "not_specified": "unknown",
            "non_binary": "other", "nonbinary": "other", "x": "other"},
    "status": {"scheduled": "booked", "confirmed": "booked", "pending_confirmation": "booked",
               "unconfirmed": "booked", "attended": "completed", "complete": "completed",
               "finished": "completed", "fulfilled": "completed", "checked_in": "arrived",
               "arrived": "arrived", "here": "arrived", "canceled": "cancelled",
               "cancelled": "cancelled", "unschedlist": "cancelled", "did_not_arrive": "no_show",
               "dna": "no_show", "no_show": "no_show", "noshow": "no_show", "missed": "no_show",
               "broken": "no_show", "patient": "active", "archived": "inactive",
               "nonpatient": "inactive", "dead": "deceased", "enquiry": "inquiry",
               "new": "inquiry", "booked": "scheduled", "won": "converted", "closed_lost": "lost",
               "approved": "verified", "active_coverage": "verified", "rejected": "denied",
               "remission": "inactive", "late_cancel": "cancelled", "late_canceled": "cancelled",
               "late_cancelled": "cancelled", "late_cancellation": "cancelled",
               "show": "completed", "showed": "completed"},
    "contact_preference": {"e_mail": "email", "text": "sms", "text_message": "sms",
                           "call": "phone", "phone_call": "phone", "telephone": "phone",
                           "post": "mail", "letter": "mail", "do_not_contact": "none",
                           "no_contact": "none"},
    "role": {"practitioner": "provider", "doctor": "provider", "dentist": "provider",
             "physician": "provider", "therapist": "provider", "hygienist": "provider",
             "receptionist": "front_desk", "reception": "front_desk", "frontdesk": "front_desk",
             "rn": "nurse", "manager": "admin", "administrator": "admin",
             "clinician": "provider", "counselor": "provider", "counsellor": "provider",
             "biller": "billing"},
    "billing_status": {"ok": "current", "up_to_date": "current", "past_due": "overdue",
                       "in_collections": "collections", "settled": "paid", "paid_in_full": "paid",
                       # an invoice's own status: open (still owed) or closed (settled)
                       "open": "current", "closed": "paid",
                       # a debtor's standing in an age analysis (South African practice software)
                       "normal": "current", "slow_payer": "overdue", "in_arrears": "overdue",
                       "handed_over": "collections"},
    "referral_type": {"doctor": "physician", "gp": "physician", "professional": "physician",
                      "self_referred": "self", "walk_in": "self", "friend": "patient",
                      "family": "patient", "existing_patient": "patient",
                      "word_of_mouth": "patient", "online": "marketing", "google": "marketing",
                      "advertising": "marketing", "insurance": "insurer"},
    "channel": {"phone": "call", "phone_call": "call", "telephone": "call", "e_mail": "email",
                "text": "sms", "text_message": "sms", "mail": "letter", "post": "letter",
                "in_person": "meeting", "inperson": "meeting", "visit": "meeting"},
    "direction": {"in": "inbound", "received": "inbound", "incoming": "inbound",
                  "out": "outbound", "sent": "outbound", "outgoing": "outbound"},
    "kind": {"allergies": "allergy", "intolerance": "allergy", "problem": "condition",
             "diagnosis": "condition", "disease": "condition"},
    "clinical_status": {"recurrence": "active", "relapse": "active", "current": "active"},
    "category": {"id": "id_scan", "identification": "id_scan", "laboratory": "lab",
                 "x_ray": "imaging", "xray": "imaging", "radiograph": "imaging",
                 "correspondence": "letter", "consent_form": "consent"},
    "phi_review": {"yes": "required", "no": "cleared", "pending": "required"},
}


_ENUM_SEPARATORS = re.compile(r"[\s\-/]+")


@functools.lru_cache(maxsize=4096)  # an enumeration's spellings are few, and repeat every row
def fold_enum(kind: str, name: str, value: str) -> str | None:
    word = _ENUM_SEPARATORS.sub("_", value.strip().lower())
    allowed = ENUMS[(kind, name)]
    if word in allowed:
        return word
    synonym = SYNONYMS.get(name, {}).get(word)
    if synonym in allowed:
        return synonym
    return visit_outcome(value) if (kind, name) == ("appointment", "status") else None

