"""How well a column's values fit a canonical field, with the sentence that says why.

`value_fit` answers (fit 0..1, reason) or (None, reason) when the field expects nothing in
particular; `value_only_fields` lists the fields whose values alone are evidence enough to
propose them (every value an email, an NPI, an ICD-10 code...) when the header says nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from domain.proposal.profile import ColumnProfile
from domain.proposal.vocabulary import BOOLEAN_WORDS, ENUM_VALUE_SYNONYMS
from domain.records.canonical import ENUMS
from domain.records.normalise import fold_enum
from domain.records.values.bare import bare, bare_index

DATE_FIELDS = frozenset({
    "date_of_birth", "effective_from", "effective_to", "last_payment_date", "referred_at",
    "recorded_at", "verified_at", "created_at", "updated_at",
})
DATETIME_FIELDS = frozenset({"starts_at", "ends_at", "occurred_at"})
MONEY_FIELDS = frozenset({"copay", "outstanding_balance", "last_payment_amount"})
NAME_FIELDS = frozenset({"first_name", "last_name", "middle_name", "preferred_name"})
TEXT_FIELDS = frozenset({"body", "notes", "payer_response"})
# Yes/no fields, and the words beyond yes/no that say the same.
BOOLEAN_FIELDS: dict[str, frozenset[str]] = {
    "is_primary": frozenset({"primary", "secondary", "tertiary", "1", "2", "3", "main"}),
    "active": frozenset({"active", "inactive", "enabled", "disabled", "hidden", "archived",
                         "current", "former"}),
}

# field -> (shapes any of which fits, the noun used in reasons)
SHAPE_FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "email": (("email",), "emails"),
    "phone": (("phone",), "phone numbers"),
    "phone_mobile": (("phone",), "phone numbers"),
    "phone_home": (("phone",), "phone numbers"),
    "phone_work": (("phone",), "phone numbers"),
    "postal_code": (("postal",), "postal codes"),
    "state": (("region",), "states or provinces"),
    "country": (("country",), "countries"),
    "npi": (("npi",), "NPIs (Luhn check with the 80840 prefix holds)"),
    "code": (("icd10", "snomed", "loinc", "coded"), "ICD-10, SNOMED CT or LOINC codes"),
    "currency": (("currency_code",), "ISO 4217 currency codes"),
    "duration_minutes": (("integer", "decimal"), "numbers"),
    "size_bytes": (("integer",), "integers"),
    "sha256": (("hex64",), "SHA-256 hex digests"),
    "content_type": (("mime",), "MIME types"),
    "filename": (("filename",), "file names"),
    "path": (("path", "url", "filename"), "paths or URLs"),
    "website": (("url",), "web addresses"),
    "city": (("name",), "place names"),
    "carrier_name": (("name", "text"), "names"),
    "referrer_name": (("name",), "names"),
}
# Kinds of a thing named in words, never by a bare number
NAMED_TYPES = frozenset({"appointment_type", "referral_type"})
# Identifiers printed on cards and charts: any short token will do, not sentences or dates.
CODE_FIELDS = frozenset({"member_id", "group_number", "license_number", "chart_number"})
OWN_CODES = frozenset({"member_id", "license_number", "chart_number"})  # one per record
MANY = 10  # values enough for their repetition to say something
SHAPE_FIELDS.update({f: (("money", "decimal", "integer"), "amounts of money")
                     for f in MONEY_FIELDS})
SHAPE_FIELDS.update({f: (("name",), "names") for f in NAME_FIELDS})
SHAPE_FIELDS.update({f: (("date", "datetime"), "dates") for f in DATE_FIELDS})
SHAPE_FIELDS.update({f: (("datetime", "date"), "dates or date-times") for f in DATETIME_FIELDS})
SHAPE_FIELDS.update({f: (("boolean",), "yes/no values") for f in BOOLEAN_FIELDS})

# Shapes that, when a column is made of them, rule out a field that does not expect them.
STRONG_SHAPES = ("email", "date", "datetime", "url", "hex64", "mime", "money", "coded")
# A fit below nothing: the values say the column means something else (marital status words
# under `status`), so a header match alone cannot carry it.
CONTRADICTED = -0.5
# Words of a marital status, which a column named `status` often holds.
OTHER_MEANINGS = frozenset({
    "single", "married", "divorced", "widowed", "separated", "partnered", "domestic partner",
    "soltero", "soltera", "casado", "casada", "divorciado", "divorciada", "viudo", "viuda",
    "ledig", "verheiratet", "geschieden", "verwitwet", "célibataire", "marié", "mariée",
    "divorcé", "divorcée", "veuf", "veuve"})
ORDINALS = frozenset({"primary", "secondary", "tertiary", "1st", "2nd", "3rd", "first",
                      "second", "third"})

# Fields the values alone may propose, and the share of values they need. Phones and dates
# are left out: a clinic export has many of them (emergency contact, last visit) with no home.
VALUE_ONLY = {
    "email": 0.9, "npi": 0.9, "code": 0.9, "sha256": 0.9, "content_type": 0.9,
    "website": 0.9, "currency": 0.95, "postal_code": 0.95, "state": 0.9, "country": 0.95,
    "filename": 0.9, "sex": 0.95,
}


def _enum_words(kind: str, field: str) -> dict[str, str] | None:
    allowed = ENUMS.get((kind, field))
    if allowed is None:
        return None
    words: dict[str, str] = {}
    for canonical in allowed:
        words[canonical.replace("_", " ")] = canonical
        words[canonical] = canonical
        for synonym in ENUM_VALUE_SYNONYMS.get(canonical, ()):
            words.setdefault(synonym, canonical)
    return words


@functools.lru_cache(maxsize=64)
def _bare_enum_words(kind: str, field: str) -> dict[str, str]:
    return bare_index(_enum_words(kind, field) or {})


def enum_word(kind: str, field: str, value: str) -> str | None:
    """The enumeration's value a source word names (`Inactivo`, `Alta`; in capitals that drop
    the word's accents or dots, `ΑΚΥΡΩΘΗΚΕ`, `İPTAL`), or None."""
    words = _enum_words(kind, field) or {}
    # half-width katakana and full-width letters (`ｷｬﾝｾﾙ`, `ＯＫ`) as the words are written
    plain = unicodedata.normalize("NFKC", value) if not value.isascii() else value
    key = plain.strip().lower().replace("-", " ").replace("_", " ")
    # a word cut short with a point (`Жін.`, `Muž.`, `Neaktiv.`) as the word's own short form
    found = words.get(key, words.get(key.rstrip(".")) if key.endswith(".") else None)
    return found or _bare_enum_words(kind, field).get(bare(key))


def enum_values(target: str, col: ColumnProfile) -> dict[str, str]:
    """The enumeration's value each source word names where the record's reader would not
    read it (`Kvinna`, `Mujer`, `Betald`): the mapping's value map, else the value is lost."""
    kind, _, field = target.partition(".")
    # a patient's status has its own (domain.proposal.rules.propose_codes), with its codes
    if (kind, field) not in ENUMS or target == "patient.status" or col.distinct_overflow:
        return {}
    return {v: w for v in sorted(col.distinct) if v.strip() and fold_enum(kind, field, v) is None
            and (w := enum_word(kind, field, v)) is not None}


def enum_match(kind: str, field: str, col: ColumnProfile) -> tuple[float, list[str]] | None:
    """Share of values (by count) that read as one of the enumeration's words; the unknowns."""
    words = _enum_words(kind, field)
    if words is None or not col.distinct:
        return None
    known = 0
    unknown: list[str] = []
    for value, count in col.distinct.items():
        key = value.strip().lower().replace("-", " ").replace("_", " ")
        if (key in words or value.strip().lower() in words or key.rstrip(".") in words
                or bare(key) in _bare_enum_words(kind, field)):
            known += count
        else:
            unknown.append(value)
    share = known / max(1, sum(col.distinct.values()))
    if col.distinct_overflow:
        share *= 0.5
    return share, unknown


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def value_fit(kind: str, field: str, col: ColumnProfile) -> tuple[float | None, str]:
    if not col.non_empty:
        if field == "credentials":
            # `Title` may be letters after a name or a title of address: only values tell
            return CONTRADICTED, "the column is empty: nothing tells credentials from titles"
        return None, "the column is empty"
    enum = enum_match(kind, field, col)
    if enum is not None:
        share, unknown = enum
        if (kind, field) == ("provider", "role") and (roles := role_share(col)) > share:
            share, unknown = roles, []  # `Normal Provider`: a role word with a qualifier
        # Values are named only when they are a pick-list: free text may identify a person.
        if col.is_enumeration:
            listed = f"distinct values: {', '.join(sorted(col.distinct)[:8])}"
        else:
            listed = f"{col.distinct_estimate} distinct values"
        reason = f"{_pct(share)} of values are {field} words ({listed})"
        if unknown and share < 1:
            reason += f"; {len(unknown)} unrecognised"
        other = [v for v in unknown if v.strip().casefold() in OTHER_MEANINGS]
        if share == 0 and col.is_enumeration and len(other) >= 0.5 * len(unknown):
            return CONTRADICTED, reason + ": words of another meaning (a marital status)"
        return share, reason
    if field == "specialty" and role_share(col) >= 0.8:
        # `Profession: Médecin / Secrétaire médicale`: who is a doctor and who keeps the
        # desk is a role; the specialty is the doctors' discipline, beside it
        return CONTRADICTED, "values are staff roles (a clinician beside a desk), not specialties"
    if field == "source_id" or field.endswith("_source_id"):
        return _id_fit(field, col)
    if field == "code_system" and col.share("integer") >= 0.8:
        # a code system is named (SNOMED, ICD-10, RxNorm, a URI): bare numbers are a
        # vendor's own type codes (OSCAR's allergy TYPECODE 0, 13, 14)
        return CONTRADICTED, f"but {_pct(col.share('integer'))} of values are bare numbers, " \
                             "no code system's name"
    if field in NAMED_TYPES and col.share("integer") >= 0.9 and col.max_length <= 3:
        # a type is named in words (`Follow-up`) or by a code of a code set (a CPT `90837`);
        # short bare numbers are the row ids of a vendor's own list of types (`pc_catid`: 9,
        # 10), whose names the export does not hold here
        return 0.2, f"but {_pct(col.share('integer'))} of values are bare numbers, no type's name"
    if field in CODE_FIELDS:
        if col.is_enumeration and _share_of(col, lambda v: any(c.isdigit() for c in v)) < 0.2:
            # a number printed on a card has digits: a few words (`VIP`, `Corporate`) are
            # the clinic's tags for its patients
            return CONTRADICTED, "values are words of a pick-list, not numbers"
        share = max(0.0, 1 - col.share_any("email", "date", "datetime", "text", "money"))
        if field in OWN_CODES and col.non_empty >= MANY and col.unique_ratio < 0.5:
            # a code of its own per record (a chart number, a member id) hardly repeats
            share *= col.unique_ratio
            return share, f"{_pct(col.unique_ratio)} distinct: codes that repeat are no {field}"
        return share, f"{_pct(share)} of values are short codes"
    if field == "credentials":
        if _honorifics(col):
            return CONTRADICTED, "values are titles of address (Dr, Ms), not credentials"
        letters = _share_of(col, _post_nominal)
        # a profession written where letters go (`Designation: Physiotherapist`) is weaker
        # evidence, and lets a column of letters after a name (`DDS`, `R.Kin`) win
        return letters + 0.3 * (1 - letters), (f"{_pct(letters)} of values are letters after "
                                              "a name (DDS, LCSW)")
    expected = SHAPE_FIELDS.get(field)
    if expected is None:
        return _contradiction(col)
    shapes, noun = expected
    share = col.share_any(*shapes) if len(shapes) > 1 else col.share(*shapes)
    if field in TEXT_FIELDS:
        share = max(share, min(1.0, col.mean_length / 30))
    if field == "referrer_name":  # `Dr. Emily Chen, MD`: a name with its title and letters
        share = max(share, _whole_names(col))
    if field in BOOLEAN_FIELDS and col.distinct:
        words = BOOLEAN_WORDS | BOOLEAN_FIELDS[field]
        known = sum(n for v, n in col.distinct.items() if v.strip().lower() in words)
        share = known / sum(col.distinct.values()) * (0.5 if col.distinct_overflow else 1.0)
    if field in DATETIME_FIELDS and col.share("datetime") < 0.5 <= col.share("date"):
        share *= 0.85  # a date alone for an instant: plausible, less so
    return share, f"{_pct(share)} of values are {noun}"


def _honorifics(col: ColumnProfile) -> bool:
    """Every value a title of address (`Dr`, `Mrs`, `Prof.`): a person's `Title`, not the
    credential after their name (`DDS`, `LCSW`); `Ms` is both, and mostly the title."""
    from nameparser.config import CONSTANTS  # noqa: PLC0415 - only for a credentials column

    seen = [v.strip().rstrip(".").casefold() for v in col.distinct if v.strip()]
    return bool(seen) and all(v in CONSTANTS.titles and (
        v == "ms" or v not in CONSTANTS.suffix_acronyms) for v in seen)


def _share_of(col: ColumnProfile, test: Callable[[str], bool]) -> float:
    """The share of non-empty values (by count) that pass `test`."""
    seen = {v: n for v, n in col.distinct.items() if v.strip()}
    return sum(n for v, n in seen.items() if test(v.strip())) / max(1, sum(seen.values()))


def _post_nominal(value: str) -> bool:
    """Letters after a name (`DDS`, `PhD`, `R.Kin`, `MD, FACS`): short tokens of capitals, or
    one nameparser knows as a suffix; a word (`Physiotherapist`) or a title (`Dr`) is not."""
    from nameparser.config import CONSTANTS  # noqa: PLC0415 - only for a credentials column

    tokens = [t for t in re.split(r"[\s,;/]+", value.replace(".", "")) if t]
    return bool(tokens) and all(
        len(t) <= 7 and (sum(c.isupper() for c in t) >= 2
                         or t.casefold() in CONSTANTS.suffix_acronyms) for t in tokens)


# Words ending a clinical profession or discipline (`Dermatologist`, `Dietitian`,
# `Physiotherapy`, `Odontoiatra`), beside the role words meaning a clinician.
PROFESSION_ENDINGS = ("ist", "ian", "logy", "therapy", "pathy", "iatra", "iatry", "surgeon",
                      "practor", "practic", "ologe", "logue", "logo", "loga")


def _profession(value: str) -> bool:
    words = [w for w in re.split(r"[\s,;/()]+", value.casefold()) if w]
    clinicians = {"provider", *ENUM_VALUE_SYNONYMS.get("provider", ())}
    return bool(words) and (value.casefold() in clinicians or words[-1] in clinicians
                            or words[-1].endswith(PROFESSION_ENDINGS))


def _roles_of(value: str) -> str | None:
    """The staff role a value names, by the whole value or one of its words (`Normal
    Provider`, `Secrétaire médicale`: a role with a qualifier beside it), else None."""
    words = _enum_words("provider", "role") or {}
    folded = value.strip().casefold()
    if folded in words:
        return words[folded]
    # a one-letter word is an initial (`Mary O Connor`), never a role (`o` is `other` to sex)
    found = {words[w] for w in re.split(r"[\s,;/()_-]+", folded) if len(w) > 1 and w in words}
    return found.pop() if len(found) == 1 else None


def role_share(col: ColumnProfile) -> float:
    """The share of values (by count) naming a staff role, when they name two roles or more
    (a doctor beside a desk): what a role column holds, whatever its header (`Type`,
    `Profession`). One role throughout says too little (a list of doctors' professions)."""
    if col.distinct_overflow or not col.non_empty or col.max_length > 40:
        return 0.0
    roles = {v: _roles_of(v) for v in col.distinct if v.strip()}
    if len({r for r in roles.values() if r}) < 2:
        return 0.0
    named = sum(n for v, n in col.distinct.items() if roles.get(v))
    return named / max(1, sum(n for v, n in col.distinct.items() if v.strip()))


def role_values(col: ColumnProfile) -> dict[str, str]:
    """The role each value names (`Normal Provider`, `Médecin` = provider), for the mapping's
    value map; a value that is the canonical word already needs none."""
    allowed = ENUMS[("provider", "role")]
    return {v: r for v in sorted(col.distinct)
            if re.sub(r"[\s-]+", "_", v.strip().casefold()) not in allowed
            and (r := _roles_of(v))}


def specialty_share(col: ColumnProfile) -> float:
    """The share of values naming a clinical profession or discipline, none of them a desk,
    a manager or a nurse: what a specialty holds (a role says which of those a person is)."""
    if col.distinct_overflow or not col.non_empty or col.max_length > 40:
        return 0.0  # a staff list is short: its professions may each be seen once
    others = {w for role in ("front_desk", "admin", "billing", "nurse")
              for w in (role.replace("_", " "), *ENUM_VALUE_SYNONYMS.get(role, ()))}
    if any(v.strip().casefold() in others for v in col.distinct):
        return 0.0
    return _share_of(col, _profession)


def _id_fit(field: str, col: ColumnProfile) -> tuple[float | None, str]:
    idlike = col.share_any("integer", "uuid", "code")
    if col.dialled:
        return 0.1, "values are phone numbers, not identifiers"
    if field == "source_id":
        if idlike < 0.2 and (col.share("text") >= 0.5 or _share_of(col, _words) >= 0.8):
            # a sentence (`Review after 2 weeks`) is what a row says, never which row it is
            return CONTRADICTED, "values are words and sentences, not identifiers"
        unique = col.unique_ratio
        # an id is one row's: values repeated many times are some other code (a category)
        fit = 0.5 * idlike + 0.5 * unique if unique >= 0.8 else 0.1
        return fit, f"{_pct(idlike)} of values look like identifiers, {_pct(unique)} distinct"
    if col.share_any("money", "decimal") >= 0.8 and col.share("integer") < 0.5:
        return CONTRADICTED, "values are amounts, not identifiers"  # `Pris` is no `praxis`
    if col.share("name") > 0.8 or _whole_names(col) > 0.8:
        # a name in place of an id (`Jane Roe, LCSW`): plausible for references
        return 0.5, "values are names rather than identifiers"
    return 0.3 + 0.7 * idlike, f"{_pct(idlike)} of values look like identifiers"


def _words(value: str) -> bool:
    """A phrase (`Review after 2 weeks`, `Prescribed topical retinoid`): a word in lower case
    after the first, longer than a name's particle (`van`, `de`), or five words or more; a
    name (`Jane van Dijk`, `Dr. Suresh (GP)`) is neither."""
    words = value.split()
    return len(words) >= 5 or any(len(w) >= 4 and w.isalpha() and w.islower()
                                  for w in words[1:])


def _whole_names(col: ColumnProfile) -> float:
    """The share of distinct values that are a person's whole name, with a title or a
    credential perhaps (`Dr Jane Roe`, `Roe, Jane`, `Jane Roe, LCSW`)."""
    from domain.records.parts import read_name  # noqa: PLC0415 - only for text-like columns

    seen = [v for v in col.distinct if v.strip()][:50]
    if not seen or col.distinct_overflow or any(c.isdigit() for v in seen for c in v):
        return 0.0
    whole = [v for v in seen if (n := read_name(v)).get("first_name") and n.get("last_name")]
    return len(whole) / len(seen)


def _contradiction(col: ColumnProfile) -> tuple[float | None, str]:
    for shape in STRONG_SHAPES:
        share = col.share(shape)
        if share >= 0.8:
            # codes written with their system (`ICD10:E11.9`) are nothing but codes
            return (CONTRADICTED if shape == "coded" else 0.1,
                    f"but {_pct(share)} of values are {shape} values")
    return None, ""


def value_only_fields(col: ColumnProfile) -> list[tuple[str, float]]:
    """(field, share) for fields the values prove on their own."""
    out: list[tuple[str, float]] = []
    if col.is_enumeration and all(v.strip().casefold() in ORDINALS for v in col.distinct):
        out.append(("is_primary", 1.0))  # `primary`, `secondary`: which coverage comes first
    specialty = specialty_share(col)
    if specialty >= 0.8:
        out.append(("specialty", specialty))  # `Job title: Physiotherapist`
    role = role_share(col)
    if role >= 0.8:
        out.append(("role", role))  # `Type: Normal Provider / Staff`
    for field, needed in VALUE_ONLY.items():
        if field == "sex":
            share = col.share("sex") if col.is_enumeration else 0.0
        else:
            shapes = SHAPE_FIELDS[field][0]
            share = col.share_any(*shapes) if len(shapes) > 1 else col.share(shapes[0])
        if share >= needed:
            out.append((field, share))
    return out
