"""Nutshell records built from canonical records: one builder per kind (People, Companies and
Leads here; activities and notes in nutshell_activities).

Each builder returns the inner record of a create body (the client wraps it in
`{"contacts": [record]}`, or `{"data": record}` for notes), or a Blocked/Skipped verdict.
Shapes follow Nutshell's OpenAPI document and its live wire samples:
- contacts `phones[].value` is an object (E164/number), accounts `phones[].value` a string;
- addresses carry their parts under `value` (as the live API echoes them);
- custom fields by name: `customFields: {"Date of Birth": "1984-02-29"}`;
- activities: Unix seconds, `isLogged`, `links.participants` (Person and user ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from domain.mapping import MappingDocument
from domain.nutshell.activities import (
    build_appointment,
    build_clinical_note,
    build_communication,
    build_document,
)
from domain.nutshell.fields import (
    CARRIED_BY_PATIENT,
    ENTITY_OF,
    cf_name,
    cf_value,
    column_custom_fields,
    external_key_name,
    kind_enabled,
)
from domain.nutshell.referrals import (
    first_referral,
    parent_link,
    referrer_link,
    source_spec,
)
from domain.nutshell.retarget import retarget
from domain.nutshell.rollup import patient_rollup
from domain.nutshell.types import (
    PLACEHOLDER,
    Blocked,
    Built,
    PushContext,
    Skipped,
    placeholder,
)
from domain.nutshell.values import (
    drop_empty,
    iso_date,
    person_name,
    phone_value_object,
    present,
    text,
)
from domain.ports import JSON
from domain.records.canonical import CLINICAL_KINDS
from domain.records.validation import Invalid, parse_date, parse_money


def _custom_fields(doc: MappingDocument, kind: str, fields: Mapping[str, Any],
                   cf_fields: Sequence[str]) -> dict[str, JSON]:
    out: dict[str, JSON] = {}
    for f in cf_fields:
        raw = fields.get(f)
        value = (iso_date(raw) or "") if f == "date_of_birth" else text(raw)
        if value:
            out[cf_name(doc, kind, f)] = cf_value(doc, kind, f, value)
    extra = fields.get("extra") or {}
    if isinstance(extra, Mapping):
        for col, name, cf_type in column_custom_fields(doc, kind):
            if present(extra.get(col)):
                # the OpenAPI types every custom-field value as a string
                out[name] = typed_value(cf_type, text(extra[col]), doc.settings.date_order,
                                        doc.settings.country)
    return out


def typed_value(cf_type: str, raw: str, date_order: str, country: str = "US") -> str:
    """A column's text as its custom field's type takes it: a plain decimal for Currency and
    Number (`$1,234.50`, `(45.00)`, `1.234,50 €`), YYYY-MM-DD for Date. A value that does not
    read is sent as it is: Nutshell refuses it naming the field, rather than the migration
    dropping it quietly."""
    try:
        if cf_type in ("Currency", "Number"):
            return parse_money(raw, country)
        if cf_type == "Date":
            return _custom_date(raw.strip(), date_order, country)
    except Invalid:
        return raw
    return raw


def _custom_date(text: str, date_order: str, country: str) -> str:
    """A date, or the date of a moment; a month's name in the clinic's language too."""
    try:
        return parse_date(text, date_order, country=country)[0].isoformat()
    except Invalid:
        day = text.partition("T")[0].partition(" ")[0]
        return parse_date(day, date_order, country=country)[0].isoformat()


def _emails(value: Any) -> list[dict[str, JSON]]:
    return [{"name": "email", "isPrimary": True, "value": text(value).lower()}] \
        if present(value) else []


def _contact_phones(pairs: Sequence[tuple[str, Any]]) -> list[dict[str, JSON]]:
    out: list[dict[str, JSON]] = []
    for label, value in pairs:
        if present(value):
            out.append({"name": label, "isPrimary": not out,
                        "value": phone_value_object(text(value))})
    return out


def _address(fields: Mapping[str, Any]) -> list[dict[str, JSON]]:
    parts = {"address_1": "address_line1", "address_2": "address_line2", "city": "city",
             "state": "state", "postalCode": "postal_code", "country": "country"}
    value = {k: text(fields.get(f)) for k, f in parts.items() if present(fields.get(f))}
    return [{"name": "address", "isPrimary": True, "value": value}] if value else []


def _company_link(ctx: PushContext, company_sid: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """([account id] or [], [missing parent]) for a record's clinic Company."""
    sid = text(company_sid)
    if not sid:
        return [], []
    nid = ctx.nutshell_id("company", sid)
    if nid:
        return [nid], []
    # A Company the run knows but has not pushed yet blocks; one it never saw is left out.
    return [], ([("company", sid)] if ctx.record("company", sid) is not None else [])


def build_company(sid: str, f: Mapping[str, Any], ctx: PushContext,
                  doc: MappingDocument) -> list[Built] | Blocked:
    parent = text(f.get("parent_source_id"))
    if parent and not ctx.nutshell_id("company", parent) and ctx.record("company", parent):
        return Blocked("parent company has no Nutshell id yet", [("company", parent)])
    rec = drop_empty({
        "name": text(f.get("name")) or f"Company {sid}",
        "emails": _emails(f.get("email")),
        # accounts: the OpenAPI create body declares phones[].value as a string
        "phones": [{"name": "work", "isPrimary": True, "value": text(f.get("phone"))}]
        if present(f.get("phone")) else [],
        "urls": [{"name": "website", "isPrimary": True, "value": text(f.get("website"))}]
        if present(f.get("website")) else [],
        "addresses": _address(f),
        "customFields": _custom_fields(doc, "company", {**f, "source_id": sid,
                                                        "parent_source_id": None},
                                       ("source_id", "industry")),
    })
    parent_of = parent_link(parent, ctx) if parent else None
    if parent_of:  # the API has no parent Company: its name and Nutshell id
        cfs = rec.setdefault("customFields", {})
        assert isinstance(cfs, dict)
        cfs[cf_name(doc, "company", "parent_source_id")] = parent_of
    return [Built("accounts", rec, (external_key_name(doc, "company"), sid))]


def build_provider(sid: str, f: Mapping[str, Any], ctx: PushContext,
                   doc: MappingDocument) -> list[Built] | Blocked:
    accounts, missing = _company_link(ctx, f.get("company_source_id"))
    if missing:
        return Blocked("clinic company has no Nutshell id yet", missing)
    rec = drop_empty({
        "name": person_name(dict(f), f"Staff {sid}"),
        "emails": _emails(f.get("email")),
        "phones": _contact_phones([("work", f.get("phone"))]),
        "customFields": _custom_fields(
            doc, "provider", {**f, "source_id": sid},
            ("source_id", "role", "specialty", "credentials", "license_number", "npi")),
        "links": {"accounts": accounts} if accounts else {},
    })
    return [Built("contacts", rec, (external_key_name(doc, "provider"), sid))]


def build_patient(sid: str, f: Mapping[str, Any], ctx: PushContext,
                  doc: MappingDocument) -> list[Built] | Blocked:
    accounts, missing = _company_link(ctx, f.get("company_source_id"))
    if missing:
        return Blocked("clinic company has no Nutshell id yet", missing)
    cfs = _custom_fields(doc, "patient", {**f, "source_id": sid}, (
        "source_id", "preferred_name", "middle_name", "date_of_birth", "sex", "chart_number",
        "contact_preference", "status", "created_at"))
    children = ctx.children(sid)
    cfs.update(patient_rollup(f, children, doc))
    first = first_referral(children.get("referral", ())) if kind_enabled(doc, "referral") \
        else None
    link = referrer_link(first, ctx) if first else None
    if link:  # the referring Person or Company in Nutshell, by name and id
        cfs[cf_name(doc, "referral", "referrer_name")] = link
    links: dict[str, JSON] = {}
    if accounts:
        links["accounts"] = accounts
    owner = ctx.owner_for(text(f.get("primary_provider_source_id")) or None)
    if owner:
        links["owner"] = owner
    rec = drop_empty({
        "name": person_name(dict(f), f"Patient {sid}"),
        "emails": _emails(f.get("email")),
        "phones": _contact_phones([("mobile", f.get("phone_mobile")),
                                   ("home", f.get("phone_home")),
                                   ("work", f.get("phone_work"))]),
        "addresses": _address(f),
        "customFields": cfs,
        "links": links,
    })
    return [Built("contacts", rec, (external_key_name(doc, "patient"), sid))]


# Canonical lead status -> Nutshell lead status; scheduled/no_show stay open with a CF.
LEAD_STATUS: dict[str, str] = {"inquiry": "open", "scheduled": "open", "no_show": "open",
                               "converted": "won", "lost": "lost"}


def _lead_phones(f: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The prospect's numbers: a lead file's untyped `phone` under its own name, the typed
    ones (a routed patient row's) under the names a patient's carry."""
    return [("phone", f.get("phone")), ("mobile", f.get("phone_mobile")),
            ("home", f.get("phone_home")), ("work", f.get("phone_work"))]


def build_lead(sid: str, f: Mapping[str, Any], ctx: PushContext,
               doc: MappingDocument) -> list[Built] | Blocked:
    accounts, missing = _company_link(ctx, f.get("company_source_id"))
    if missing:
        return Blocked("clinic company has no Nutshell id yet", missing)
    key = external_key_name(doc, "lead")
    name = person_name(dict(f), f"Lead {sid}")
    prospect = drop_empty({
        "name": name,
        "emails": _emails(f.get("email")),
        "phones": _contact_phones(_lead_phones(f)),
        "customFields": {cf_name(doc, "lead", "_prospect_key"): sid},
        "links": {"accounts": accounts} if accounts else {},
    })
    status = text(f.get("status")).lower()
    cfs = _custom_fields(doc, "lead", {**f, "source_id": sid},
                         ("source_id", "referral_type", "created_at"))
    if status in {"scheduled", "no_show"}:
        cfs[cf_name(doc, "lead", "status")] = cf_value(doc, "lead", "status", status)
    links: dict[str, JSON] = {"contacts": [placeholder(0)]}
    if accounts:
        links["accounts"] = accounts
    owner = ctx.owner_for(None)
    if owner:
        links["owner"] = owner
    spec = source_spec(f.get("referral_type"))
    source = ctx.source_id(text(f.get("referral_type"))) if spec else None
    if source:  # how the lead arrived, as a Nutshell Source
        links["sources"] = [source]
    interest = text(f.get("interest"))
    lead = drop_empty({
        "description": f"{name}: {interest}" if interest else name,
        "customFields": cfs,
        "links": links,
    })
    return [Built("contacts", prospect, (key, sid)), Built("leads", lead, (key, sid))]


BUILDERS = {
    "company": build_company, "provider": build_provider, "patient": build_patient,
    "lead": build_lead, "appointment": build_appointment,
    "communication": build_communication, "clinical_note": build_clinical_note,
    "document": build_document,
}


CARRIED = "carried by the patient's Person (custom fields)"


def build(kind: str, source_id: str, fields: Mapping[str, Any], ctx: PushContext,
          doc: MappingDocument) -> list[Built] | Blocked | Skipped:
    """The records one canonical record becomes, before any id is known."""
    if not kind_enabled(doc, kind):
        if doc.nutshell.get(kind) is not None and not doc.nutshell[kind].enabled:
            return Skipped("kind disabled in the mapping")
        return Skipped("clinical content not opted in")
    if kind in CARRIED_BY_PATIENT:
        return Skipped(CARRIED)
    if kind not in BUILDERS:
        return Skipped(f"kind {kind!r} has no Nutshell target")
    if kind in CLINICAL_KINDS:
        held = ctx.review_hold(kind, source_id)
        if held:  # not skipped: it moves on a later run once the review lets it
            return Blocked(held)
    built = BUILDERS[kind](source_id, fields, ctx, doc)
    override = doc.nutshell.get(kind)
    if isinstance(built, list) and built and override is not None and override.entity:
        main = retarget(built[-1], override.entity)
        if isinstance(main, Blocked):
            return main
        built = [*built[:-1], main]
    return built


def with_extra(fields: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """A record's fields as the builders read them: its vendor columns with no canonical
    field under `extra` (those the mapping sends as custom fields become their values)."""
    return {**fields, "extra": dict(extra)} if extra else dict(fields)


def carrier_of(kind: str, fields: Mapping[str, Any]) -> tuple[str, str] | None:
    """(kind, source_id) of the record whose write carries this one (a changed insurance
    re-plans its patient), or None."""
    if kind in CARRIED_BY_PATIENT and present(fields.get("patient_source_id")):
        return ("patient", text(fields.get("patient_source_id")))
    return None


def main_entity(kind: str) -> str:
    return ENTITY_OF[kind]


__all__ = ["PLACEHOLDER", "Blocked", "Built", "PushContext", "Skipped", "build", "carrier_of",
           "main_entity", "placeholder", "with_extra"]
