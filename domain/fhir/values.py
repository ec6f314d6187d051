"""Reading FHIR datatypes (Reference, CodeableConcept, HumanName, ContactPoint, Address)
tolerantly, and the record helpers the FHIR derivation modules share.

Every helper accepts any JSON value and answers None (or an empty result) for a shape it does
not expect: source data is untrusted, and a wrong shape in one element must not cost the rest of
the resource. R4 and STU3 share these datatypes.
"""

from __future__ import annotations

from typing import Any

IGNORED = "__ignored__"  # the kind of a resource not migrated by design
PARTIAL = "_partial"  # marks fields that merge into a record derived from another resource

Record = dict[str, Any]
Derived = list[tuple[str, Record]]

URN_UUID = "urn:uuid:"
URN_OID = "urn:oid:"

# HumanName / ContactPoint / Address entries marked like this are not current.
_STALE_USES = frozenset({"old", "maiden"})


def obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[dict[str, Any]]:
    """A repeating element's objects; a single object (a 0..1 element, or a sloppy export)
    counts as a list of one."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """A primitive as trimmed text; numbers are kept as their JSON spelling."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        stripped = value.strip()
        return stripped or None
    return None


def first(*values: Any) -> str | None:
    for value in values:
        found = text(value)
        if found is not None:
            return found
    return None


# --- references -----------------------------------------------------------------------------

def reference_id(reference: Any) -> str | None:
    """`Patient/123` -> "123", `urn:uuid:abc` -> "abc", `http://x/fhir/Patient/1/_history/2`
    -> "1". Contained (`#x`) and empty references name nothing migratable: None."""
    ref = text(reference)
    if ref is None or ref.startswith("#"):
        return None
    for prefix in (URN_UUID, URN_OID):
        if ref.startswith(prefix):
            return ref[len(prefix):] or None
    parts = [p for p in ref.split("?")[0].split("/") if p]
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    return parts[-1] if parts else None


def reference_type(reference: Any, declared: Any = None) -> str | None:
    """The resource type a reference points at, when it says so (urn:uuid references do not)."""
    declared_type = text(declared)
    if declared_type:
        return declared_type
    ref = text(reference)
    if ref is None or ref.startswith(("#", URN_UUID, URN_OID)):
        return None
    parts = [p for p in ref.split("?")[0].split("/") if p]
    if len(parts) >= 4 and parts[-2] == "_history":
        parts = parts[:-2]
    if len(parts) >= 2 and parts[-2][:1].isupper():
        return parts[-2]
    return None


def ref(value: Any, *accepted: str) -> str | None:
    """The id of a Reference whose type is one of `accepted`, or whose type cannot be told
    (a urn:uuid inside a transaction bundle) when the element allows only those types."""
    reference = obj(value)
    target = reference.get("reference")
    kind = reference_type(target, reference.get("type"))
    if kind is not None and accepted and kind not in accepted:
        return None
    return reference_id(target)


def typed_refs(values: Any) -> list[tuple[str | None, str, dict[str, Any]]]:
    """(type or None, id, the Reference) of every resolvable Reference in a list."""
    found = []
    for reference in items(values):
        rid = reference_id(reference.get("reference"))
        if rid is not None:
            found.append((reference_type(reference.get("reference"), reference.get("type")),
                          rid, reference))
    return found


# --- codes ----------------------------------------------------------------------------------

def codings(concept: Any) -> list[dict[str, Any]]:
    return items(obj(concept).get("coding"))


def concept_text(concept: Any) -> str | None:
    """What a person reads: CodeableConcept.text, else a coding's display, else its code."""
    if isinstance(concept, str):  # STU3 keeps some of these as plain codes
        return text(concept)
    found = text(obj(concept).get("text"))
    if found:
        return found
    for coding in codings(concept):
        found = first(coding.get("display"), coding.get("code"))
        if found:
            return found
    return None


def concept_code(concept: Any) -> str | None:
    """The code of a plain `code` (STU3) or of a CodeableConcept's first coding (R4)."""
    if isinstance(concept, str):
        return text(concept)
    for coding in codings(concept):
        found = text(coding.get("code"))
        if found:
            return found
    return None


def concept_words(*concepts: Any) -> str:
    """Every text, display and code of the concepts, lowercased: for keyword classification."""
    words: list[str | None] = []
    for concept in concepts:
        if isinstance(concept, str):  # an STU3 plain code
            words.append(concept)
            continue
        for each in items(concept):
            words.append(text(each.get("text")))
            words.extend(text(c.get(k)) for c in codings(each) for k in ("display", "code"))
    return " ".join(w for w in words if w).lower()


def has_code(concepts: Any, *codes: str) -> bool:
    wanted = set(codes)
    return any(text(c.get("code")) in wanted for concept in items(concepts)
               for c in codings(concept))


def identifier(identifiers: Any, type_code: str) -> str | None:
    """The value of the Identifier whose type carries `type_code` (MR, MB, LN...)."""
    for each in items(identifiers):
        if has_code(each.get("type"), type_code):
            return text(each.get("value"))
    return None


# National identity numbers stay in the clinic's system: a CRM has no use for them.
_NOT_COPIED = ("SS", "SB", "NI", "NNUS")


def all_identifiers(identifiers: Any) -> str | None:
    """Every identifier but national identity numbers, "type-or-system: value; ...": an MRN,
    a business identifier or a chart number is kept with the record, never dropped."""
    kept = []
    for each in items(identifiers):
        value = text(each.get("value"))
        if not value or has_code(each.get("type"), *_NOT_COPIED):
            continue
        label = concept_code(each.get("type")) or text(each.get("system")) or "id"
        kept.append(f"{label}: {value}")
    return "; ".join(kept) or None


def identifier_by_system(identifiers: Any, suffix: str) -> str | None:
    for each in items(identifiers):
        if (text(each.get("system")) or "").endswith(suffix):
            return text(each.get("value"))
    return None


# --- people and places ----------------------------------------------------------------------

def human_name(names: Any) -> dict[str, str | None]:
    """first/middle/last/preferred from the official (else usual, else first current) name."""
    candidates = [n for n in items(names) if text(n.get("use")) not in _STALE_USES]
    chosen = None
    for use in ("official", "usual", None):
        chosen = next((n for n in candidates if text(n.get("use")) == use), None)
        if chosen is not None:
            break
    chosen = chosen or (candidates[0] if candidates else {})
    given = [g for g in (text(v) for v in _list(chosen.get("given"))) if g]
    family = text(chosen.get("family"))
    if isinstance(chosen.get("family"), list):  # DSTU2 spelled family as a list
        family = " ".join(f for f in (text(v) for v in chosen["family"]) if f) or None
    first_name = given[0] if given else None
    if first_name is None and family is None:
        whole = text(chosen.get("text"))
        if whole:
            head, _, tail = whole.rpartition(" ")
            first_name, family = (head or None), tail
    nickname = next((n for n in candidates if text(n.get("use")) == "nickname"), None)
    preferred = None
    if nickname is not None:
        nick_given = nickname.get("given")
        preferred = first(*(nick_given if isinstance(nick_given, list) else []),
                          nickname.get("text"))
    return {
        "first_name": first_name,
        "middle_name": " ".join(given[1:]) or None,
        "last_name": family,
        "preferred_name": preferred,
        "suffix": " ".join(s for s in (text(v) for v in _list(chosen.get("suffix"))) if s)
        or None,
    }


def contact_points(telecom: Any) -> list[tuple[str, str | None, str]]:
    """(system, use, value) of the current ContactPoints, best-ranked first."""
    current = [t for t in items(telecom) if text(t.get("use")) not in _STALE_USES
               and text(t.get("value"))]

    def rank(point: dict[str, Any]) -> int:
        value = point.get("rank")
        return value if isinstance(value, int) and not isinstance(value, bool) else 1 << 30

    current.sort(key=rank)
    return [(text(t.get("system")) or "", text(t.get("use")), text(t.get("value")) or "")
            for t in current]


def email(telecom: Any) -> str | None:
    return next((v for s, _, v in contact_points(telecom) if s == "email"), None)


def phone(telecom: Any, *prefer: str) -> str | None:
    """A phone number, preferring the given uses in order, then any."""
    phones = [(u, v) for s, u, v in contact_points(telecom) if s in ("phone", "sms")]
    for use in prefer:
        found = next((v for u, v in phones if u == use), None)
        if found:
            return found
    return phones[0][1] if phones else None


def website(telecom: Any) -> str | None:
    return next((v for s, _, v in contact_points(telecom) if s == "url"), None)


def address(addresses: Any) -> dict[str, str | None]:
    """The home (else work, else first current) Address as canonical address fields."""
    current = [a for a in items(addresses) if text(a.get("use")) not in _STALE_USES]
    chosen = next((a for use in ("home", "work") for a in current
                   if text(a.get("use")) == use), current[0] if current else {})
    lines = [line for line in (text(v) for v in _list(chosen.get("line"))) if line]
    return {
        "address_line1": lines[0] if lines else None,
        "address_line2": ", ".join(lines[1:]) or None,
        "city": text(chosen.get("city")),
        "state": text(chosen.get("state")),
        "postal_code": text(chosen.get("postalCode")),
        "country": text(chosen.get("country")),
    }


def money(value: Any) -> tuple[str | None, str | None]:
    """(amount as text, currency) of a Money."""
    amount = obj(value)
    number = amount.get("value")
    if isinstance(number, bool) or not isinstance(number, int | float | str):
        return None, text(amount.get("currency"))
    return text(number), text(amount.get("currency"))


# --- records ------------------------------------------------------------------------------

def ignored(resource_type: str, reason: str) -> Derived:
    return [(IGNORED, {"resource_type": resource_type, "reason": reason})]


def record(**fields: Any) -> Record:
    """Drops absent values (and an empty extra) so records say only what the source said."""
    kept = {k: v for k, v in fields.items() if v is not None and v != ""}
    extra = {k: v for k, v in obj(kept.get("extra")).items() if v is not None and v != ""}
    if extra:
        kept["extra"] = extra
    else:
        kept.pop("extra", None)
    return kept
