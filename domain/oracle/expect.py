"""What each Nutshell record must hold, from the source records (source.py), the confirmed
mapping and the run's resolutions (staff -> Nutshell users, Nutshell ids of referenced records,
the instance's activity types). Nothing here asks the payload builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain.mapping import MappingDocument
from domain.oracle.source import CF_PREFIX, DUP_PREFIX, Cell, SourceRecord, Unreadable
from domain.oracle.spec import CARRIED, CF_HOLDERS, ENTITY, JOINED, kind_sent, on_lead, place_of
from domain.records.empty import empty_slot
from domain.records.note_content import parse_note

Key = tuple[str, str]

# Activity-type names Nutshell instances use, per channel or kind (first found wins).
TYPE_NAMES: dict[str, tuple[str, ...]] = {
    "appointment": ("appointment", "meeting"),
    "call": ("phone call", "call"), "email": ("email", "e-mail"),
    "sms": ("sms", "text message", "text"), "letter": ("letter", "mail", "email"),
    "meeting": ("meeting",),
}


@dataclass(frozen=True)
class Expectation:
    kind: str  # the record the value comes from
    source_id: str
    holder: Key  # the record whose Nutshell counterpart holds it (the patient for carried kinds)
    place: str
    how: str
    value: Any
    field: str  # canonical field, or cf:<Name> for a vendor column sent as a custom field
    cell: Cell | None


@dataclass
class Resolutions:
    """What the run resolved: staff -> user, referenced records -> Nutshell ids, types."""

    users: Mapping[str, str] = field(default_factory=dict)  # staff source id -> user id
    fallback_user: str | None = None
    ids: Mapping[Key, str] = field(default_factory=dict)
    activity_types: Sequence[Mapping[str, Any]] = ()  # GET /activitytypes
    type_overrides: Mapping[str, str] = field(default_factory=dict)  # type/channel -> name
    now: int = 0  # Unix seconds: appointments after it are not logged yet

    def user(self, staff: Any) -> str | None:
        return self.users.get(str(staff or "")) or self.fallback_user

    def type_name(self, channel_or_type: str, default: str) -> str | None:
        """The instance's activity type for an appointment type or a channel: the operator's
        choice, else a type of that very name, else the default for the kind."""
        names = {str(t.get("name") or "").casefold(): str(t.get("name")) for t in
                 self.activity_types}
        wanted = self.type_overrides.get(channel_or_type) or self.type_overrides.get(
            channel_or_type.casefold())
        if wanted:
            return wanted
        if channel_or_type.casefold() in names:
            return names[channel_or_type.casefold()]
        for candidate in TYPE_NAMES.get(default, (default,)):
            if candidate in names:
                return names[candidate]
        return None


def _zone(doc: MappingDocument) -> dt.tzinfo:
    try:
        return ZoneInfo(doc.settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def stamp(value: Any, doc: MappingDocument) -> str | None:
    """A moment as a note's header shows it: clinic-local `YYYY-MM-DD HH:MM`."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone(doc))
    return moment.astimezone(_zone(doc)).strftime("%Y-%m-%d %H:%M")


# How a vendor column's custom-field value is compared, by the field's type.
CF_HOW = {"Currency": "money", "Number": "money", "Date": "date"}


def _known(value: Any) -> Any:
    """A value the transformation could read, else None (it is reported on its own)."""
    return None if isinstance(value, Unreadable) else value


class Expector:
    def __init__(self, doc: MappingDocument, records: Mapping[Key, SourceRecord],
                 res: Resolutions, cf_types: Mapping[str, str] | None = None) -> None:
        self.doc = doc
        self.records = records
        self.res = res
        self.cf_types = dict(cf_types or {})

    def not_expected(self, rec: SourceRecord) -> str | None:
        """Why the mapping sends this record nowhere, or None when Nutshell must hold it."""
        if not kind_sent(self.doc, rec.kind):
            return "kind not sent by the confirmed mapping"
        v = rec.values
        empty = empty_slot(rec.kind, v)
        if empty is not None:
            return f"{empty} (dropped on purpose)"
        if rec.kind == "document" and str(v.get("phi_review") or "").lower() == "required":
            return "document held back for PHI review"
        lead = on_lead(rec.kind, v)
        if lead and ("lead", lead) not in self.records:
            return "its lead is not in the export (orphan reference)"
        if rec.kind in {"appointment", "communication", "clinical_note", "document"} \
                and not lead:
            patient = str(v.get("patient_source_id") or "")
            if ("patient", patient) not in self.records:
                return "its patient is not in the export (orphan reference)"
        moment = v.get("starts_at") if rec.kind == "appointment" else (
            v.get("occurred_at") if rec.kind == "communication" else None)
        seconds = _seconds(_known(moment)) if moment else None
        if seconds is not None and seconds < 0:
            return "dated before 1970: Nutshell activity times cannot hold it"
        if rec.kind in {"appointment", "communication"} and seconds is None:
            return "no date and time: a Nutshell activity needs one"
        return None

    def for_record(self, rec: SourceRecord) -> list[Expectation]:
        if not kind_sent(self.doc, rec.kind) or on_lead(rec.kind, rec.values):
            return []  # a lead's document is its file on the lead: verify's SHA-256 check
        holder: Key = (rec.kind, rec.source_id)
        if rec.kind in CARRIED:
            holder = ("patient", str(rec.values.get("patient_source_id") or ""))
        out: list[Expectation] = []

        def add(place: str, how: str, value: Any, fld: str) -> None:
            out.append(Expectation(rec.kind, rec.source_id, holder, place, how, value, fld,
                                   rec.cells.get(fld)))

        for fld, given in rec.values.items():
            value = given
            if fld.startswith(CF_PREFIX):
                name = fld[len(CF_PREFIX):]
                if ENTITY[rec.kind] in CF_HOLDERS:
                    how = "unreadable" if isinstance(value, Unreadable) else CF_HOW.get(
                        self.cf_types.get(name, ""), "text")
                    add("customFields." + name, how, str(value), fld)
                continue
            if rec.kind in CARRIED:
                continue  # carried values: see carried(), one patient at a time
            base = fld[len(DUP_PREFIX):].partition(":")[0] if fld.startswith(DUP_PREFIX) else fld
            spot = place_of(self.doc, rec.kind, base)
            if rec.kind == "clinical_note" and base == "body" and isinstance(value, str):
                # rich text (HTML, RTF) read as text: the declared transformation of a note
                value = parse_note(value)[0].strip()
            if spot is not None and isinstance(value, Unreadable):
                add(spot.place, "unreadable", value.raw, fld)
            elif spot is not None and spot.how.startswith("linked:"):
                target = spot.how.split(":", 1)[1]
                add(spot.place, "linked",
                    self.res.ids.get((target, str(value))) or f"{target}:{value}", fld)
            elif spot is not None and spot.how not in {"stamp", "stamp_date", "cancelled",
                                                        "duration", "activity_type", "line"}:
                add(spot.place, spot.how, value, fld)
        out += self._special(rec, add)
        out += self._joined(rec)
        return out

    def _special(self, rec: SourceRecord, add: Any) -> list[Expectation]:
        v = {k: _known(x) for k, x in rec.values.items()}
        if rec.kind == "appointment":
            status = str(v.get("status") or "").lower()
            add("isCancelled", "bool", status in {"cancelled", "no_show"}, "status")
            if status:
                add("description", "line", f"Status: {status.replace('_', '-')}", "status")
            name = self.res.type_name(str(v.get("appointment_type") or "appointment"),
                                      "appointment")
            add("activityType", "activity_type", name, "appointment_type")
            start = _seconds(v.get("starts_at"))
            if start is not None and status not in {"cancelled", "no_show"}:
                add("isLogged", "bool", start <= self.res.now, "starts_at")
        elif rec.kind == "communication":
            channel = str(v.get("channel") or "call").lower()
            add("activityType", "activity_type", self.res.type_name(channel, channel), "channel")
            add("isLogged", "bool", True, "occurred_at")
            if v.get("direction"):
                add("description", "line", f"Direction: {v['direction']}", "direction")
            start = _seconds(v.get("occurred_at"))
            minutes = v.get("duration_minutes")
            if start is not None and minutes not in (None, ""):
                add("endTime", "instant", start + int(minutes) * 60, "duration_minutes")
        elif rec.kind == "clinical_note" and v.get("created_at"):
            add("body", "contains", stamp(v["created_at"], self.doc), "created_at")
        elif rec.kind == "document" and v.get("created_at"):
            add("description", "contains", str(v["created_at"])[:10], "created_at")
        return []

    def _joined(self, rec: SourceRecord) -> list[Expectation]:
        out: list[Expectation] = []
        for fld, role in JOINED.get(rec.kind, {}).items():
            ref = rec.values.get(fld)
            if role in {"-", "carrier"}:
                continue
            cell = rec.cells.get(fld)
            key = (rec.kind, rec.source_id)
            if role == "owner":
                out.append(Expectation(rec.kind, rec.source_id, key, "owner", "id",
                                       self.res.user(ref), fld, cell))
            elif role == "author" and ref:
                author = self.records.get(("provider", str(ref)))
                name = " ".join(str(author.values.get(p) or "") for p in
                                ("first_name", "last_name")).strip() if author else ""
                if name:
                    out.append(Expectation(rec.kind, rec.source_id, key, "body", "contains",
                                           name, fld, cell))
            elif ref:
                target = {"accounts": "company", "participants": "patient",
                          "parent": "patient"}[role]
                if (role == "participants" and (target, str(ref)) not in self.records
                        and ("lead", str(ref)) in self.records):
                    target = "lead"  # a prospective client's booking: the lead's activity
                nid = self.res.ids.get((target, str(ref)))
                known = (target, str(ref)) in self.records
                out.append(Expectation(rec.kind, rec.source_id, key, role,
                                       "has_id" if nid or known else "unresolved",
                                       nid or f"{target}:{ref}", fld, cell))
        if rec.kind in {"patient", "provider", "lead", "appointment", "communication"} and \
                not any(e.place == "owner" for e in out):
            out.append(Expectation(rec.kind, rec.source_id, (rec.kind, rec.source_id), "owner",
                                   "id", self.res.fallback_user, "(fallback owner)", None))
        return out

    def carried(self, patient: str, children: Sequence[SourceRecord]) -> list[Expectation]:
        """Custom fields the patient's Person holds for its insurance, billing, ...: a kind
        with one record is checked value by value; with several, each custom field must hold
        one of their values."""
        out: list[Expectation] = []
        by_kind: dict[str, list[SourceRecord]] = {}
        for c in children:
            if kind_sent(self.doc, c.kind):
                by_kind.setdefault(c.kind, []).append(c)
        holder = ("patient", patient)
        for kind, all_recs in sorted(by_kind.items()):
            recs = all_recs
            if kind == "allergy_condition":
                for r in recs:
                    if str(r.values.get("clinical_status") or "active") != "active":
                        continue
                    label = "Allergies" if r.values.get("kind") == "allergy" else "Conditions"
                    if r.values.get("name"):
                        out.append(Expectation(kind, r.source_id, holder,
                                               f"customFields.{label}", "contains",
                                               r.values["name"], "name", r.cells.get("name")))
                continue
            if kind == "insurance":
                recs = [r for r in recs if r.values.get("is_primary") is True] or recs
                out += self._secondary(holder, all_recs, recs)
            linked_by_text = False
            if kind == "referral":
                link = self._referrer(holder, recs)
                linked_by_text = any(e.how == "referrer" for e in link)
                out += link
            for fld in sorted({f for r in recs for f in r.values}):
                if linked_by_text and fld == "referrer_name":
                    continue  # the link names the record found or created for the text
                spot = place_of(self.doc, kind, fld)
                if spot is None or not spot.place.startswith("customFields."):
                    continue
                values = tuple(r.values[fld] for r in recs if fld in r.values)
                first = next(r for r in recs if fld in r.values)
                value: Any = values[0] if len(recs) == 1 else values
                how = spot.how if len(recs) == 1 else f"one_of:{spot.how}"
                if any(isinstance(v, Unreadable) for v in values):
                    if len(recs) > 1:
                        continue  # which one Nutshell shows is the builder's choice
                    value, how = str(values[0]), "unreadable"
                out.append(Expectation(kind, first.source_id, holder, spot.place, how, value,
                                       fld, first.cells.get(fld)))
        return out


    def _secondary(self, holder: Key, policies: Sequence[SourceRecord],
                   primary: Sequence[SourceRecord]) -> list[Expectation]:
        """With one policy flagged primary, each other policy's carrier and member id are in
        "Secondary Insurance" (with none or several flagged, which one is primary is the
        builder's choice, not the source's: not checked)."""
        spot = place_of(self.doc, "insurance", "_secondary")
        if len(primary) != 1 or len(policies) < 2 or spot is None:
            return []
        out: list[Expectation] = []
        for r in policies:
            if r is primary[0]:
                continue
            for fld in ("carrier_name", "member_id"):
                value = r.values.get(fld)
                if isinstance(value, str) and value:
                    out.append(Expectation("insurance", r.source_id, holder, spot.place,
                                           "contains", value, fld, r.cells.get(fld)))
        return out

    def _referrer(self, holder: Key, recs: Sequence[SourceRecord]) -> list[Expectation]:
        """The referring provider's Person (or company's Company) named by its Nutshell id in
        "Referred By", for the referral the patient arrived by (the earliest)."""
        first = min(recs, key=lambda r: (str(r.values.get("referred_at") or "~")[:10],
                                         r.source_id))
        spot = place_of(self.doc, "referral", "referrer_name")
        for fld, target in (("referrer_provider_source_id", "provider"),
                            ("referrer_company_source_id", "company")):
            nid = self.res.ids.get((target, str(first.values.get(fld) or "")))
            if nid and spot is not None:
                return [Expectation("referral", first.source_id, holder, spot.place, "linked",
                                    nid, fld, first.cells.get(fld))]
        # named only by free text: a Person or Company in Nutshell that is that referrer
        named = str(first.values.get("referrer_name") or "").strip()
        email = str(first.values.get("referrer_email") or "").strip()
        kind_of_referral = str(first.values.get("referral_type") or "").strip().casefold()
        if spot is None or not (named or email) or kind_of_referral in {
                "self", "patient", "marketing"} or any(  # no physician or organisation
                first.values.get(f) for f in ("referrer_provider_source_id",
                                              "referrer_company_source_id")):
            return []
        return [Expectation("referral", first.source_id, holder, spot.place, "referrer",
                            (named, email), "referrer_name", first.cells.get("referrer_name"))]


def _seconds(value: Any) -> int | None:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())
