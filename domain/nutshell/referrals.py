"""Referrals as Nutshell models them.

- A referral type (physician, self, patient, marketing, insurer, other) is a Nutshell Source,
  created once (`POST /sources`, found again by name) and linked from leads
  (`links.sources`). The channel is set only where the type says it: a referral by a
  physician or a patient is Nutshell's channel 6 ("referrer"); the others carry none.
- The referring physician or organisation is a Person (a provider of the export) or a Company
  already in Nutshell; one named only by free text is found or created as a Person or Company
  at `plan --apply` (the end of this module). The API has no relationship between two
  People, nor a parent between Companies, so the patient's "Referred By" field (and a
  branch's "Parent Company") holds the linked record's name and Nutshell id,
  `Name [12-contacts]`, which verify reads back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from nameparser import HumanName

from domain.nutshell.types import PushContext
from domain.nutshell.values import iso_date, person_name, phone_value_object, present, text

SOURCE_NAMES = {"physician": "Physician referral", "self": "Self-referral",
                "patient": "Patient referral", "marketing": "Marketing",
                "insurer": "Insurer referral", "other": "Other referral"}
REFERRER_CHANNEL = 6  # the OpenAPI document's channel enum: 6 = referrer
CHANNELS = {"physician": REFERRER_CHANNEL, "patient": REFERRER_CHANNEL}


def source_spec(referral_type: Any) -> tuple[str, int | None] | None:
    """(Source name, channel or None) for a referral type; None for an empty one. An unknown
    type keeps its own spelling as the Source's name."""
    value = text(referral_type).strip()
    if not value:
        return None
    key = value.lower()
    return SOURCE_NAMES.get(key, value), CHANNELS.get(key)


def linked(name: str, nutshell_id: str) -> str:
    """What a custom field holds for a linked Nutshell record: its name and id."""
    return f"{name} [{nutshell_id}]" if name else f"[{nutshell_id}]"


def first_referral(referrals: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """How the patient arrived: the earliest referral (undated last, then by source id)."""
    if not referrals:
        return None
    return min(referrals, key=lambda r: (iso_date(r.get("referred_at")) or "~",
                                         text(r.get("source_id"))))


def referrer_link(referral: Mapping[str, Any], ctx: PushContext) -> str | None:
    """`Name [id]` of the referring provider's Person or company's Company, when it is in
    Nutshell; None when the referral names no such record (its free-text name stays)."""
    for field, kind in (("referrer_provider_source_id", "provider"),
                        ("referrer_company_source_id", "company")):
        sid = text(referral.get(field))
        nutshell_id = ctx.nutshell_id(kind, sid) if sid else None
        if not nutshell_id:
            continue
        rec = ctx.record(kind, sid) or {}
        name = text(rec.get("name")) if kind == "company" else person_name(dict(rec), "")
        # the export's own spelling of the referrer first: the record's name otherwise
        return linked(text(referral.get("referrer_name")) or name, nutshell_id)
    named = referrers_of(referral)  # free text only: the Person or Company ensured for it
    found = ctx.referrer(named[-1].key) if named else None
    return linked(*found) if found else None


def parent_link(parent_sid: str, ctx: PushContext) -> str | None:
    """`Name [id]` of a branch's parent Company once it is in Nutshell."""
    nutshell_id = ctx.nutshell_id("company", parent_sid) if present(parent_sid) else None
    if not nutshell_id:
        return None
    rec = ctx.record("company", parent_sid) or {}
    return linked(text(rec.get("name")), nutshell_id)


# --- referrers named only by free text -----------------------------------------------
# Referrers named only by free text: the referring physician or organisation of a referral
# that points at no provider or company of the export ("Referred by: Dr Jane Smith, Harbour
# Medical", or a name with an email and phone).
#
# Such a referrer becomes a Nutshell Person (a physician) or Company (an organisation), found
# again first by email, then by exact name, and created only when not found (consumers/nutshell/
# referrers.py, at `plan --apply`). Telling one from the other:
# - a part of the text with a word organisations use (Clinic, Medical, Centre, Hospital,
#   Practice, ...) or an ampersand is an organisation;
# - the rest is a person's name, read by nameparser (titles such as Dr are its own);
# - "Dr Jane Smith, Harbour Medical" is both: the Person, linked to the Company.
# The same referrer written twice ("Dr. Jane Smith", "dr jane  smith") is one: its key is the
# normalised name (a person's first, middle and last names; an organisation's words).

ORGANISATION_WORDS = frozenset({
    "clinic", "clinics", "medical", "medicine", "centre", "center", "centres", "centers",
    "hospital", "hospitals", "practice", "practices", "health", "healthcare", "surgery",
    "group", "associates", "partners", "partnership", "pharmacy", "laboratory", "laboratories",
    "lab", "labs", "imaging", "radiology", "physiotherapy", "physio", "dental", "institute",
    "university", "foundation", "trust", "services", "ltd", "llc", "inc", "pty", "plc",
    "gmbh", "corp", "corporation", "company", "pllc", "department", "dept", "network", "nhs",
    "council", "school", "insurance", "insurer", "agency", "hospice", "infirmary", "rehab",
    "rehabilitation", "specialists", "diagnostics", "wellness", "chiropractic", "optometry",
})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PARTS = re.compile(r"\s*[,;/|]\s*|\s+-\s+|\s+at\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Referrer:
    """One Nutshell record to find or create for a free-text referrer."""

    key: str  # "person:jane smith" or "company:harbour medical"
    entity: str  # contacts | accounts
    name: str  # as the export first spells it
    email: str = ""
    phone: str = ""
    company_key: str = ""  # a person's organisation, ensured first and linked from it


def _words(value: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(value)]


def is_organisation(value: str) -> bool:
    return "&" in value or any(w in ORGANISATION_WORDS for w in _words(value))


def _person_key(value: str) -> str | None:
    name = HumanName(value)
    words = _words(" ".join(p for p in (name.first, name.middle, name.last) if p))
    return "person:" + " ".join(words) if words else None


def _collapse(value: str) -> str:
    return " ".join(value.split())


def split_referrer(value: str) -> tuple[str, str]:
    """(person's name, organisation's name) named by one free-text value; either may be ""."""
    value = _collapse(value)
    if not value:
        return "", ""
    parts = [p for p in _PARTS.split(value) if p and p.strip()]
    orgs = [p for p in parts if is_organisation(p) and not HumanName(p).title]
    if not orgs:
        return value, ""  # "Smith, Jane" and "Dr Jane Smith" alike: nameparser reads it
    person = " ".join(p for p in parts if p not in orgs)
    name = HumanName(person)
    if not (name.title or (name.first and name.last)):  # "Harbour Medical, Auckland"
        return "", value
    return person, ", ".join(orgs)


def person_display(value: str) -> str:
    """A person's name as Nutshell shows it: title, first, middle, last, suffix ("Smith,
    Jane" reads "Jane Smith")."""
    name = HumanName(value)
    shown = " ".join(p for p in (name.title, name.first, name.middle, name.last, name.suffix)
                     if p)
    return _collapse(shown) or _collapse(value)


def referrer_key(entity: str, name: str) -> str | None:
    """The normalised key of a referrer's name (None when it names nobody)."""
    if entity == "accounts":
        words = _words(name.replace("&", " and "))
        return "company:" + " ".join(words) if words else None
    return _person_key(name)


# Referral types whose named referrer is no physician or organisation: the patient themself,
# another patient (PHI of its own, not a record to create), a campaign.
NOT_A_REFERRER = frozenset({"self", "patient", "marketing"})


def named_only_by_text(referral: Mapping[str, Any]) -> bool:
    """A referral by a physician or organisation that is no provider or company record of the
    export."""
    if text(referral.get("referral_type")).strip().lower() in NOT_A_REFERRER:
        return False
    return not (present(referral.get("referrer_provider_source_id"))
                or present(referral.get("referrer_company_source_id")))


def referrers_of(referral: Mapping[str, Any]) -> list[Referrer]:
    """The records a referral's free-text referrer needs, the organisation before the person
    who works there; the last one is what the patient links. Empty when the referral names a
    record of the export, or nobody."""
    if not named_only_by_text(referral):
        return []
    email = text(referral.get("referrer_email")).strip().lower()
    phone = text(referral.get("referrer_phone")).strip()
    person, organisation = split_referrer(text(referral.get("referrer_name")))
    out: list[Referrer] = []
    company_key = referrer_key("accounts", organisation) if organisation else None
    if company_key:
        out.append(Referrer(company_key, "accounts", organisation,
                            "" if person else email, "" if person else phone))
    person_key = referrer_key("contacts", person) if person else None
    if person_key:
        out.append(Referrer(person_key, "contacts", person_display(person), email, phone,
                            company_key or ""))
    elif not out and email:  # an address alone: a Person known by it
        out.append(Referrer("email:" + email, "contacts", email, email, phone))
    return out


def referrer_record(ref: Referrer, company_id: str | None) -> dict[str, Any]:
    """The create body's inner record for a referrer (contacts' phones carry an object,
    accounts' a string, as the live API answers)."""
    record: dict[str, Any] = {"name": ref.name}
    if ref.email:
        record["emails"] = [{"name": "email", "isPrimary": True, "value": ref.email}]
    if ref.phone:
        value: Any = phone_value_object(ref.phone) if ref.entity == "contacts" else ref.phone
        record["phones"] = [{"name": "work", "isPrimary": True, "value": value}]
    if company_id and ref.entity == "contacts":
        record["links"] = {"accounts": [company_id]}
    return record


def name_of(record: Mapping[str, Any]) -> str:
    """A Nutshell record's name (a string, or an object with displayName)."""
    name = record.get("name")
    if isinstance(name, Mapping):
        return text(name.get("displayName") or name.get("givenName"))
    return text(name)


def same_name(ref: Referrer, record: Mapping[str, Any]) -> bool:
    """Whether a Nutshell record is this referrer by exact name (case and spacing aside)."""
    return _collapse(name_of(record)).casefold() == ref.name.casefold()
