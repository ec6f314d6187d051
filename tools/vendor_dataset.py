"""The bundled samples' source: public FHIR sample data read into canonical records per kind."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

Record = dict[str, Any]
Ref = tuple[str, int]  # (kind, index in the dataset): vendor ids are assigned per vendor


# --- reading the FHIR samples ---------------------------------------------------------------

def _bundle_resources(path: Path) -> list[tuple[str, dict[str, Any]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(e.get("fullUrl", ""), e["resource"]) for e in data.get("entry", [])]


def _ndjson(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _ext(resource: dict[str, Any], suffix: str) -> Any:
    for ext in resource.get("extension", []):
        if ext.get("url", "").endswith(suffix):
            if "extension" in ext:
                texts = [e.get("valueString") for e in ext["extension"] if e.get("url") == "text"]
                return texts[0] if texts else None
            return ext.get("valueString") or ext.get("valueAddress", {}).get("city")
    return None


def _telecom(resource: dict[str, Any], system: str, use: str | None = None) -> str | None:
    for t in resource.get("telecom", []):
        if t.get("system") == system and (use is None or t.get("use") == use):
            return str(t.get("value"))
    return None


def _address(resource: dict[str, Any]) -> dict[str, Any]:
    found = resource.get("address") or {}
    address = found[0] if isinstance(found, list) and found else found
    if not address:
        return {}
    lines = address.get("line", [])
    return {"address_line1": lines[0] if lines else None,
            "address_line2": lines[1] if len(lines) > 1 else None,
            "city": address.get("city"), "state": address.get("state"),
            "postal_code": address.get("postalCode"), "country": address.get("country")}


def _text(concept: Any) -> str | None:
    if not isinstance(concept, dict):
        return None
    codings = concept.get("coding") or [{}]
    return concept.get("text") or codings[0].get("display")


def _code(concept: Any) -> tuple[str | None, str | None]:
    codings = (concept or {}).get("coding") or [{}]
    system = codings[0].get("system") or ""
    label = {"http://snomed.info/sct": "SNOMED CT", "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
             "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm"}.get(system, system or None)
    return codings[0].get("code"), label


def _moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class Dataset:
    """Canonical records per kind, references as (kind, index)."""

    def __init__(self) -> None:
        self.records: dict[str, list[Record]] = {}
        self.fhir_ids: dict[tuple[str, str], int] = {}

    def add(self, kind: str, record: Record, fhir_id: str | None = None) -> int:
        items = self.records.setdefault(kind, [])
        items.append(record)
        if fhir_id:
            self.fhir_ids[(kind, fhir_id)] = len(items) - 1
        return len(items) - 1

    def ref(self, kind: str, reference: Any) -> Ref | None:
        if not isinstance(reference, dict):
            return None
        target = str(reference.get("reference", "")).rsplit("/", 1)[-1].removeprefix("urn:uuid:")
        index = self.fhir_ids.get((kind, target))
        return (kind, index) if index is not None else None


def _email(first: str, family: str) -> str:
    """Synthea's own pattern for practitioners (Given.Family@example.com), ASCII-folded."""
    folded = unicodedata.normalize("NFKD", f"{first}.{family}").encode("ascii", "ignore")
    local = re.sub(r"[^a-z0-9.]", "", folded.decode().lower())
    return f"{local}@example.com"


def _patient(resource: dict[str, Any]) -> Record:
    names = resource.get("name") or [{}]
    name = next((n for n in names if n.get("use") == "official"), names[0])
    given = name.get("given") or [""]
    first, family = given[0], name.get("family", "")
    deceased = "deceasedDateTime" in resource or resource.get("deceasedBoolean") is True
    return {
        "first_name": first, "middle_name": given[1] if len(given) > 1 else None,
        "last_name": family, "date_of_birth": dt.date.fromisoformat(resource["birthDate"]),
        "sex": resource.get("gender"),
        "email": _telecom(resource, "email") or _email(first, family),
        "phone_home": _telecom(resource, "phone", "home") or _telecom(resource, "phone"),
        "phone_mobile": _telecom(resource, "phone", "mobile"),
        **_address(resource),
        "status": "deceased" if deceased else "active",
        "extra": {"Birthplace": _ext(resource, "birthPlace"), "Race": _ext(resource, "race"),
                  "Ethnicity": _ext(resource, "ethnicity"),
                  "Marital Status": _text(resource.get("maritalStatus")),
                  "Mother's Maiden Name": _ext(resource, "mothersMaidenName")},
    }


def read_dataset(data: Path) -> Dataset:  # noqa: PLR0912, PLR0915 - one pass over the sources
    ds = Dataset()
    synthea, uscore = data / "synthea-fhir", data / "us-core-examples"
    bundles = [r for f in ("afhir.json", "cfhir.json") for r in _bundle_resources(synthea / f)]
    uscore_files = {p.stem: json.loads(p.read_text(encoding="utf-8"))
                    for p in sorted(uscore.glob("*.json"))}

    # companies: bundle organizations, US Core provider organizations, a branch (Location)
    for _, r in bundles:
        if r["resourceType"] == "Organization" and (r["id"], "x") not in ds.fhir_ids:
            ds.add("company", {"name": r["name"], "phone": _telecom(r, "phone"),
                               "industry": _text((r.get("type") or [None])[0]),
                               **_address(r)}, r["id"])
    for stem in ("organization-holy-healthcare", "organization-acme-lab", "saint-luke-w-endpoint"):
        r = uscore_files[stem]
        ds.add("company", {"name": r["name"], "phone": _telecom(r, "phone"),
                           "email": _telecom(r, "email"), "website": _telecom(r, "url"),
                           "industry": _text((r.get("type") or [None])[0]), **_address(r)},
               r["id"])
    hospital = uscore_files["location-hospital"]
    ds.add("company", {"name": hospital["name"], "phone": _telecom(hospital, "phone"),
                       "industry": _text((hospital.get("type") or [None])[0]),
                       "parent": ds.ref("company", hospital["managingOrganization"]),
                       **_address(hospital)}, hospital["id"])

    # providers: bundle practitioners (with the organization sharing their address)
    org_by_line = {c.get("address_line1"): i for i, c in enumerate(ds.records["company"])}
    for _, r in bundles:
        if r["resourceType"] == "Practitioner":
            name = r["name"][0]
            address = _address(r)
            ds.add("provider", {
                "first_name": name["given"][0], "last_name": name["family"],
                "email": _telecom(r, "email"), "role": "provider", "specialty": "General practice",
                "credentials": (name.get("prefix") or [None])[0],
                "npi": r["identifier"][0]["value"], "active": r.get("active", True),
                "company": ("company", org_by_line.get(address.get("address_line1"), 0)),
            }, r["id"])
    for stem in ("practitioner-1", "practitioner-2", "practitioner-3", "practitioner-pharmacist"):
        r = uscore_files[stem]
        name = r["name"][0]
        npi = next((i["value"] for i in r.get("identifier", []) if "npi" in i.get("system", "")),
                   None)
        ds.add("provider", {
            "first_name": (name.get("given") or [""])[0], "last_name": name.get("family"),
            "email": _telecom(r, "email"), "phone": _telecom(r, "phone"),
            "role": "other" if "pharmacist" in stem else "provider",
            "specialty": "Pharmacy" if "pharmacist" in stem else "Internal medicine",
            "npi": npi, "active": True, "company": ("company", len(ds.records["company"]) - 4),
        }, r["id"])

    # patients: bundle patients, NDJSON patients (the last four become leads), US Core patients
    for _, r in bundles:
        if r["resourceType"] == "Patient":
            ds.add("patient", _patient(r), r["id"])
    ndjson_patients = _ndjson(synthea / "Patient.ndjson")
    for r in ndjson_patients[:-4]:
        ds.add("patient", _patient(r), r["id"])
    for stem in ("patient-example", "patient-child-example", "patient-infant-example",
                 "patient-deceased-example"):
        ds.add("patient", _patient(uscore_files[stem]), uscore_files[stem]["id"])
    n_providers = len(ds.records["provider"])
    for i, p in enumerate(ds.records["patient"]):
        p["primary_provider"] = ("provider", i % n_providers)
        p["company"] = ("company", 0)
        p["contact_preference"] = ("sms", "email", "phone", "mail")[i % 4]

    # leads: the NDJSON patients held back, with interests from the conditions of the bundles
    conditions = [r for _, r in bundles if r["resourceType"] == "Condition"]
    for i, r in enumerate(ndjson_patients[-4:]):
        person = _patient(r)
        ds.add("lead", {"first_name": person["first_name"], "last_name": person["last_name"],
                        "email": person["email"], "phone": person["phone_home"],
                        "referral_type": ("marketing", "patient", "physician", "self")[i],
                        "interest": _text(conditions[i]["code"]),
                        "status": ("inquiry", "scheduled", "lost", "converted")[i],
                        "company": ("company", 0),
                        "created_at": dt.datetime(2024, 5, 2 + i, 9, 30, tzinfo=dt.UTC)})

    # appointments: bundle encounters; statuses and rooms assigned by rule
    statuses = ("completed", "completed", "completed", "cancelled", "completed", "no_show",
                "arrived", "booked")
    for i, (_, r) in enumerate(e for e in bundles if e[1]["resourceType"] == "Encounter"):
        if i >= 40:
            break
        period = r.get("period", {})
        ds.add("appointment", {
            "patient": ds.ref("patient", r["subject"]),
            "provider": ds.ref("provider", (r.get("participant") or [{}])[0].get("individual")),
            "company": ds.ref("company", r.get("serviceProvider")),
            "starts_at": _moment(period.get("start")), "ends_at": _moment(period.get("end")),
            "appointment_type": _text((r.get("type") or [None])[0]),
            "location": f"Room {1 + i % 4}", "status": statuses[i % len(statuses)],
            "notes": _text((r.get("reasonCode") or [None])[0]),
            "created_at": _moment(period.get("start")),
        }, r["id"])

    # clinical notes: bundle procedures (linked to their encounters) and NDJSON procedures
    procedures = [r for _, r in bundles if r["resourceType"] == "Procedure"]
    procedures += [r for r in _ndjson(synthea / "Procedure.ndjson")
                   if ds.ref("patient", r["subject"])][:30]
    for i, r in enumerate(procedures):
        reason = (r.get("reasonReference") or [{}])[0].get("display")
        start = (r.get("performedPeriod") or {}).get("start") or r.get("performedDateTime")
        title = _text(r["code"])
        ds.add("clinical_note", {
            "patient": ds.ref("patient", r["subject"]),
            "author": ("provider", i % n_providers),
            "appointment": ds.ref("appointment", r.get("encounter") or r.get("context")),
            "title": title,
            "body": f"Procedure: {title}\nStatus: {r.get('status')}"
                    + (f"\nReason: {reason}" if reason else ""),
            "created_at": _moment(start),
        })

    # allergies (NDJSON, STU3) and conditions (bundles)
    for r in _ndjson(synthea / "AllergyIntolerance.ndjson"):
        patient = ds.ref("patient", r["patient"])
        if patient is None:
            continue
        code, system = _code(r["code"])
        ds.add("allergy_condition", {
            "patient": patient, "kind": "allergy", "name": _text(r["code"]), "code": code,
            "code_system": system, "clinical_status": r.get("clinicalStatus"),
            "recorded_at": _moment(r.get("assertedDate"))})
    for r in conditions:
        code, system = _code(r["code"])
        ds.add("allergy_condition", {
            "patient": ds.ref("patient", r["subject"]), "kind": "condition",
            "name": _text(r["code"]), "code": code, "code_system": system,
            "clinical_status": _code(r.get("clinicalStatus"))[0],
            "recorded_at": _moment(r.get("recordedDate") or r.get("onsetDateTime"))})

    # insurance: payers named on the claims, the US Core coverage; billing from claim totals
    claims = [r for _, r in bundles if r["resourceType"] == "Claim"]
    payers = sorted({c["insurance"][0]["coverage"]["display"] for c in claims} - {"NO_INSURANCE"})
    totals = [(c["total"]["value"], c["created"]) for c in claims if "total" in c]
    coverage = uscore_files["coverage-example"]
    for i, _p in enumerate(ds.records["patient"]):
        if i % 3 == 2:
            continue
        carrier = payers[i % len(payers)]
        ds.add("insurance", {
            "patient": ("patient", i), "carrier_name": carrier,
            "plan_type": _text(coverage["type"]) if i % 2 else "HMO",
            "member_id": f"{coverage['subscriberId'][:5]}{i:04d}",
            "group_number": coverage["class"][0]["value"].upper(),
            "copay": Decimal(str(totals[i % len(totals)][0])).quantize(Decimal("1")) / 10,
            "is_primary": True, "effective_from": dt.date(2020, 1, 1),
            "effective_to": None if i % 4 else dt.date(2025, 12, 31)})
    for i, _ins in enumerate(ds.records["insurance"][:10]):
        ds.add("insurance_verification", {
            "patient": ds.records["insurance"][i]["patient"], "insurance": ("insurance", i),
            "status": ("verified", "pending", "denied", "expired")[i % 4],
            "verified_at": dt.datetime(2024, 6, 3 + i, 14, 0, tzinfo=dt.UTC),
            "payer_response": ("Active coverage", "Awaiting payer", "Member not found",
                               "Coverage ended")[i % 4]})
    for i, _p in enumerate(ds.records["patient"][:20]):
        amount, created = totals[(i * 3) % len(totals)]
        paid, _ = totals[(i * 3 + 1) % len(totals)]
        ds.add("billing", {
            "patient": ("patient", i), "outstanding_balance": Decimal(str(amount)),
            "last_payment_date": _moment(created).date() if created else None,  # type: ignore[union-attr]
            "last_payment_amount": Decimal(str(paid)),
            "payment_plan": "Monthly" if i % 5 == 0 else None,
            "billing_status": ("current", "overdue", "paid", "collections")[i % 4]})

    # referrals: the US Core referral service requests, then practitioner referrals
    for i, stem in enumerate(("servicerequest-rehab", "servicerequest-foodpantry-referral")):
        r = uscore_files[stem]
        ds.add("referral", {"patient": ds.ref("patient", r["subject"]),
                            "referral_type": ("physician", "other")[i],
                            "referrer_name": "Ronald Bone" if i == 0 else None,
                            "referrer_provider": ds.ref("provider", r.get("requester")),
                            "referred_at": dt.date.fromisoformat(r["authoredOn"][:10]),
                            "notes": _text(r["code"])})
    for i in range(6):
        doctor = ds.records["provider"][i % n_providers]
        ds.add("referral", {"patient": ("patient", i * 2), "referral_type": "physician",
                            "referrer_name": f"{doctor['first_name']} {doctor['last_name']}",
                            "referrer_provider": ("provider", i % n_providers),
                            "referrer_company": doctor["company"],
                            "referred_at": dt.date(2023, 3 + i, 10), "notes": None})

    # communications: reminders and follow-ups around the appointments
    for i, appt in enumerate(ds.records["appointment"][:20]):
        channel = ("call", "sms", "email", "letter", "meeting")[i % 5]
        ds.add("communication", {
            "patient": appt["patient"], "staff": appt["provider"], "channel": channel,
            "direction": "inbound" if i % 3 == 0 else "outbound",
            "occurred_at": appt["starts_at"] - dt.timedelta(days=1),
            "duration_minutes": 5 + i % 10 if channel in ("call", "meeting") else None,
            "subject": f"Reminder: {appt['appointment_type']}",
            "body": f"Appointment reminder for {appt['appointment_type']}."})

    # documents: US Core document references (metadata only), plus intake scans
    for stem in ("documentreference-discharge-summary", "DocumentReference-adi-dnr",
                 "DocumentReference-living-will"):
        r = uscore_files[stem]
        attachment = r["content"][0]["attachment"]
        raw = attachment.get("data", "")
        import base64

        content = base64.b64decode(raw) if raw else b""
        ext = {"application/pdf": "pdf", "text/plain": "txt"}.get(attachment.get("contentType"),
                                                                    "bin")
        ds.add("document", {
            "patient": ds.ref("patient", r["subject"]),
            "filename": f"{r['id']}.{ext}", "content_type": attachment.get("contentType"),
            "size_bytes": len(content) or attachment.get("size"),
            "sha256": hashlib.sha256(content).hexdigest() if content else None,
            "description": _text(r.get("type")), "category": "letter" if ext == "txt" else "consent",
            "path": f"documents/{r['id']}.{ext}",
            "created_at": _moment(r.get("date") or attachment.get("creation")),
            "phi_review": "required"})
    for i in range(5):
        ds.add("document", {
            "patient": ("patient", i), "filename": f"intake-{i + 1}.pdf",
            "content_type": "application/pdf", "size_bytes": 48_000 + 1_000 * i,
            "description": "Scanned intake form", "category": ("id_scan", "consent")[i % 2],
            "path": f"scans/intake-{i + 1}.pdf",
            "created_at": dt.datetime(2024, 1, 8 + i, 10, 0, tzinfo=dt.UTC),
            "phi_review": "cleared" if i % 2 else "required"})
    return ds


# --- vendor styles ----------------------------------------------------------------------------

REF_FIELDS = {
    "patient": "patient_source_id", "provider": "provider_source_id",
    "company": "company_source_id", "primary_provider": "primary_provider_source_id",
    "author": "author_source_id", "appointment": "appointment_source_id",
    "insurance": "insurance_source_id", "staff": "staff_source_id",
    "referrer_provider": "referrer_provider_source_id",
    "referrer_company": "referrer_company_source_id", "parent": "parent_source_id",
}
