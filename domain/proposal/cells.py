"""Proposals about how a row's cells hold records and fields, from headers and values:

- several records of one kind side by side on a row (a secondary insurance's columns beside
  the primary's: `Secondary Member ID` beside `Member ID`): the same target, `record: 2`;
- one cell holding several fields (`parts`), from what the values look like: whole names
  (`LAST, FIRST M`, `Jane Roe, LCSW`) where no columns give the first and last name apart;
  places (`City, ST ZIP`) where no column gives the postal code; typed phone numbers
  (`Mobile: 021 555 1234; Home: 09 555 6789`);
- a person's only phone column, named no more than `Phone`, is their mobile.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.mapping import DerivedId, FileMapping
from domain.proposal.match import header_matches
from domain.proposal.people.columns import PERSON_LISTS
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.tables.keys import propose_own_id
from domain.proposal.text import custom_field_name, phrase
from domain.records.canonical import KIND_FIELDS, REFERENCES
from domain.records.parts import read_name, read_phones, read_place

# Words of a header that number a record side by side with others of its kind.
ORDINALS: dict[str, int] = {
    "primary": 1, "first": 1, "1st": 1, "1": 1, "main": 1,
    "secondary": 2, "second": 2, "2nd": 2, "2": 2, "other": 2, "additional": 2,
    "tertiary": 3, "third": 3, "3rd": 3, "3": 3,
    # a basic cover and its supplement (Swiss LAMal and LCA, a German Zusatzversicherung)
    "base": 1, "basic": 1, "primaire": 1, "primario": 1, "primaria": 1,
    "supplementary": 2, "supplemental": 2, "complementaire": 2, "complementare": 2,
    "complementario": 2, "complementar": 2, "secondaire": 2, "secundario": 2, "secondario": 2,
    "zusatz": 2, "aanvullend": 2,
}
_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _numbered(header: str) -> tuple[tuple[str, ...], int]:
    """(the header's words without its ordinal, the ordinal: 1 when there is none)."""
    tokens = [t for t in phrase(header).tokens if t not in _SUFFIXES]
    found = [ORDINALS[t] for t in tokens if t in ORDINALS]
    if len(found) != 1:
        return tuple(tokens), 1
    return tuple(t for t in tokens if t not in ORDINALS), found[0]


def without_ordinal(header: str) -> str | None:
    """The header's words without its one ordinal (`Primary Policy #`: `policy number`), None
    when it has none: the ordinal says which record, not which field."""
    tokens = [t for t in phrase(header).tokens if t not in _SUFFIXES]
    ordinals = [t for t in tokens if t in ORDINALS]
    if len(ordinals) != 1 or len(tokens) < 2:
        return None
    return " ".join(t for t in tokens if t not in ORDINALS)


def without_scheme(header: str) -> str | None:
    """The header's words after a leading acronym in capitals (`ACC claim number`, `WSIB
    claim no`: the accident scheme or insurer paying, then the field), None when it has none:
    the scheme says whose number it is; its claim number is the member number there."""
    first, _, rest = header.strip().partition(" ")
    if not re.fullmatch(r"[A-Z]{2,5}", first) or len(rest.split()) < 2:
        return None
    return rest


def propose_side_by_side(fm: FileMapping) -> None:
    """A column whose header is another's with an ordinal (`Secondary Insurance Payer`,
    `Insurance 2 Carrier`) aimed at a field of another kind than the row's: the same field of
    that kind's record number `n` on the row, when the other column is the first record's."""
    first: dict[tuple[str, ...], str] = {}
    for header, column in fm.columns.items():
        words, number = _numbered(header)
        if (number == 1 and column.target and not column.record
                and not column.target.startswith(f"{fm.kind}.")):
            first.setdefault(words, header)
    if not first:
        return
    for header, column in fm.columns.items():
        words, number = _numbered(header)
        model = first.get(words)
        if number < 2 or model is None or model == header:
            continue
        target = fm.columns[model].target
        if column.target == target and column.record == number:
            continue
        column.target = target
        column.record = number
        column.custom_field = None
        column.custom_field_type = None
        column.flagged = False
        column.reasons.append(f"'{header}' is '{model}' of record {number} on the row: "
                              f"{target} of another {str(target).partition('.')[0]} record")


SHARE = 0.8  # of a column's distinct values that must show the evidence
PHONES = ("phone_mobile", "phone_home", "phone_work", "phone")
# Header words of a column that may hold a person's whole name.
PERSON_WORDS = frozenset({"name", "clinician", "practitioner", "provider", "staff", "therapist",
                          "doctor", "dentist", "patient", "client", "member", "person",
                          # the same in the other languages the vocabulary reads
                          "nom", "naam", "nome", "nombre", "nominativo", "medewerker",
                          "behandelaar", "profissional", "profesional", "professionnel",
                          "praticien", "mitarbeiter", "behandler", "paciente", "paziente",
                          "cliente", "medico", "arzt", "medecin", "navn", "namn", "nev", "neve",
                          "orvos", "paciens",
                          # Slavic: `ФИО`/`ПІБ` (family, given and father's names), patient, doctor
                          "fio", "pib", "patsient", "patsiient", "patsijent", "pacijent",
                          "pacient", "vrach", "likar", "lekar", "lijecnik", "zdravnik", "familiya",
                          "prizvishche", "prezime", "priimek", "priezvisko",
                          # `氏名`, `名前`, `姓名`, `성명`, `이름`, Vietnamese `Họ (và) tên`
                          "shiming", "mingqian", "xingming", "seongmyeong", "ileum", "ten",
                          # Greek, Turkish, Romanian doctors
                          "iatros", "giatros", "doktor", "hekim", "medic"})
# Those of them that name the row's own person, not a member of staff named on it; in Greek,
# Turkish, Romanian and Bulgarian as their Latin letters spell them (`Ονοματεπώνυμο`,
# `Adı Soyadı`, `Nume și prenume`, `Трите имена`: text.phrase).
_OWN_NAME_ELSEWHERE = frozenset({"onomateponymo", "onoma", "astheni", "asthenis", "asthenoys", "ad", "adi",
                                 "soyad", "soyadi", "isim", "hasta", "nume", "numele", "pacientului",
                                 "ime", "imena", "patsienta"})
OWN_NAME_WORDS = frozenset({"name", "patient", "client", "member", "person", "nom", "naam",
                            "nome", "nombre", "nominativo", "paciente", "paziente", "cliente",
                            "navn", "namn", "nev", "paciens", "fio", "pib", "patsient",
                            "patsiient", "patsijent", "pacijent", "pacient", "familiya",
                            "prizvishche", "prezime", "priimek", "priezvisko", "shiming",
                            "mingqian", "xingming", "seongmyeong", "ileum", "ten"}) | _OWN_NAME_ELSEWHERE
PLAIN_PHONE_WORDS = frozenset({"phone", "telephone", "tel", "number", "no", "contact",
                               "primary", "patient", "client", "main",
                               # `Teléfono`, `Telefone`, `Telefon`, `Telefoon`
                               "telefono", "telefone", "telefon", "telefoon"})


def _values(profile: FileProfile, header: str) -> list[str]:
    col = profile.columns.get(header, ColumnProfile())
    return [v for v in col.distinct if v.strip()]


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for v in values if test(v)) / len(values) if values else 0.0


# Words of organisations' and places' names, never of a person's.
ORGANISATION_WORDS = frozenset({
    "clinic", "clinics", "centre", "center", "hospital", "practice", "health", "healthcare",
    "medical", "dental", "physio", "physiotherapy", "surgery", "street", "st", "road", "rd",
    "ltd", "inc", "llc", "pty", "group", "care", "services", "pharmacy", "lab", "laboratory",
    "insurance", "mutual", "fund", "office", "branch", "main", "north", "south", "east", "west",
    "wellness", "therapy", "rehab", "associates", "partners", "company", "co", "corp"})


# Two to five Chinese characters, kana or Hangul (a person's whole name in those letters)
UNSPACED_NAME = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{2,5}")


def _whole_name(value: str, unspaced: bool = False) -> bool:
    """`unspaced`: the header named a name, not a first or last name alone, so a name in such
    letters with no space (`山田太郎`) is taken whole."""
    if any(c.isdigit() for c in value) or "@" in value:
        return False
    if unspaced and UNSPACED_NAME.fullmatch(value.strip()):
        return True  # `山田太郎`, `王小明`: a name in such letters has no space to cut it at
    found = read_name(value)  # a credential read apart is no organisation word (`RD`)
    said = f"{found.get('first_name') or ''} {found.get('last_name') or ''}"
    return bool(found.get("first_name") and found.get("last_name")) and not set(
        phrase(said).tokens) & ORGANISATION_WORDS


def _whole_name_or_unspaced(value: str) -> bool:
    return _whole_name(value, unspaced=True)


def whole_name_columns(fm: FileMapping, profile: FileProfile) -> list[str]:
    """Columns holding the row's own person's whole name (`Name`, `Client Name`: `Ann Lee`),
    whatever they are aimed at so far: a file with one holds people, though no column is its
    first or last name yet. A staff member named on the row (`Practitioner`) is not the row."""
    out = []
    for header in fm.columns:
        values = _values(profile, header)
        if (set(phrase(header).tokens) & OWN_NAME_WORDS and len(values) >= 2
                and _share(values, _whole_name_or_unspaced) >= SHARE):
            out.append(header)
    return out


def _several_fields(value: str) -> bool:
    """A phone cell that says more than one number: typed, or several."""
    found = read_phones(value)
    return len(found) > 1 or (len(found) == 1 and any(c.isalpha() for c in value))


def _take(fm: FileMapping, header: str, target: str, parts: str, why: str) -> None:
    column = fm.columns[header]
    column.target = target
    column.parts = parts  # type: ignore[assignment]
    column.custom_field = None
    column.custom_field_type = None
    column.flagged = False
    column.reasons.append(why)


def propose_parts(fm: FileMapping, profile: FileProfile) -> None:
    fields = KIND_FIELDS.get(fm.kind, ())
    own = {h: (c.target or "").removeprefix(f"{fm.kind}.") for h, c in fm.columns.items()
           if (c.target or "").startswith(f"{fm.kind}.")}
    if "last_name" in fields:
        _gappy_staff_id(fm, profile, own)
        _names(fm, profile, own)
        _staff_id(fm, own)
    if "postal_code" in fields and "postal_code" not in own.values():
        for header in fm.columns:
            values = _values(profile, header)
            if own.get(header, "city") in ("city", "address_line2") and len(values) >= 3 and (
                    _share(values, lambda v: bool(read_place(v))) >= SHARE):
                _take(fm, header, f"{fm.kind}.city", "place",
                      f"'{header}' holds city, state and postal code in one cell: read apart")
                break
    phone_fields = [f for f in PHONES if f in fields]
    for header in fm.columns:
        values = _values(profile, header)
        if phone_fields and len(values) >= 3 and _share(values, _several_fields) >= SHARE:
            mine = own.get(header)
            target = mine if mine in phone_fields else phone_fields[0]
            _take(fm, header, f"{fm.kind}.{target}", "phones",
                  f"'{header}' holds typed phone numbers in one cell: each to its field")
    _numbered_phones(fm, profile, own, phone_fields)
    _typed_phones(fm, own, phone_fields)
    _only_phone(fm, own, phone_fields)


# The fields a person's further numbers take, in this order: a number with no name of its
# own beside the first (`phone2`, `Phone 2`, `Telefono 2`) is the daytime one more often than
# the mobile, which exports name (`Cell`, `Mobile`).
NEXT_PHONES = ("phone_home", "phone_work", "phone_mobile")


# Words of a kind of number (`Mobile`, `Secondary Mobile`): the second of them is another number
# of the person all the same, not a second mobile field.
TYPED = frozenset({"mobile", "cell", "cellular", "handphone", "home", "work", "office",
                   "landline", "movil", "celular", "portable", "handy", "mobiel", "cellulare"})


def _numbered_phones(fm: FileMapping, profile: FileProfile, own: dict[str, str],
                     phone_fields: list[str]) -> None:
    """`phone2` beside `phone` (both named no more than a phone, the second with a number):
    another phone of the person, the next field free, not a custom field."""
    first = {_numbered(h)[0]: h for h, f in own.items() if f in phone_fields
             and _numbered(h)[1] == 1 and set(_numbered(h)[0]) <= PLAIN_PHONE_WORDS | TYPED}
    for header, column in fm.columns.items():
        words, number = _numbered(header)
        model = first.get(words)
        col = profile.columns.get(header, ColumnProfile())
        free = [f for f in NEXT_PHONES if f in phone_fields and f not in own.values()]
        if (model is None or number < 2 or column.target or not free or not col.non_empty
                or col.share("phone") < SHARE):
            continue
        column.target = f"{fm.kind}.{free[0]}"
        column.custom_field = None
        column.custom_field_type = None
        column.confidence, column.flagged = max(column.confidence, 0.75), False
        own[header] = free[0]
        column.reasons.append(f"'{header}' is '{model}' numbered {number}: another phone of "
                              f"the {fm.kind}, {column.target}")


def _names(fm: FileMapping, profile: FileProfile, own: dict[str, str]) -> None:
    for header in fm.columns:
        mine = own.get(header)
        others = {f for h, f in own.items() if h != header}
        if {"first_name", "last_name"} <= others or mine not in (
                None, "first_name", "last_name", "source_id"):
            continue
        # an initialism written with dots (`Ф.И.О.`) is its letters run together
        words = set(phrase(header).tokens) | {phrase(header).compact}
        values = _values(profile, header)
        test = _whole_name_or_unspaced if mine is None else _whole_name
        if (mine is None and not words & (PERSON_WORDS | OWN_NAME_WORDS)) or len(values) < 2 or _share(
                values, test) < SHARE:
            continue
        col = profile.columns.get(header, ColumnProfile())
        named_id = mine == "source_id" or (
            fm.kind == "provider" and fm.derived_id is None and "source_id" not in
            own.values() and not col.empty and col.unique_ratio >= 0.999)
        _take(fm, header, f"{fm.kind}.last_name", "name",
              f"'{header}' holds whole names (first, last, a title or credential): read apart")
        if mine == "source_id":
            propose_own_id(fm, {}, profile)  # a column of codes beside the names (`Code`)
        if named_id and not any(c.target == f"{fm.kind}.source_id"
                                for c in fm.columns.values()):
            fm.derived_id = DerivedId(
                columns=[header], content=False, digest=fm.kind in PERSON_LISTS,
                reasons=[f"no column holds the {fm.kind}'s own id: its name '{header}' is "
                         "(other files name it so)"])
        return


def _gappy_staff_id(fm: FileMapping, profile: FileProfile, own: dict[str, str]) -> None:
    """A staff list's `Provider Number` taken for its id, empty for the receptionist: a
    registration number only some staff have, not the id (each staff member without one
    would be held as missing an id). It takes the next field its name says (the licence),
    and the staff's names become the id, as the other files name them."""
    holder = next((h for h, f in own.items() if f == "source_id"), None)
    if fm.kind != "provider" or holder is None or not profile.columns.get(
            holder, ColumnProfile()).empty:
        return
    column = fm.columns[holder]
    taken = {f"{fm.kind}.{f}" for h, f in own.items() if h != holder}
    field = next((f"{fm.kind}.{m.field}" for m in header_matches(fm.kind, holder)[1:]
                  if m.score >= 0.8 and f"{fm.kind}.{m.field}" not in taken
                  and (fm.kind, m.field) not in REFERENCES), None)
    column.target, column.flagged = field, field is None
    column.custom_field = None if field else custom_field_name(holder)
    column.custom_field_type = None if field else "Text"
    column.reasons.append(f"empty on some rows: not the {fm.kind}'s own id" + (
        f", {field} as its name also says" if field else ""))
    if field:
        own[holder] = field.split(".", 1)[1]
    else:
        del own[holder]


def _staff_id(fm: FileMapping, own: dict[str, str]) -> None:
    """A staff list with no id column (a clinic's few therapists, `Nom`, `Prénom`): their
    names are the id, as the appointments name them."""
    parts = [h for f in ("last_name", "first_name") for h, g in own.items() if g == f]
    if (fm.kind != "provider" or fm.derived_id is not None or "source_id" in own.values()
            or len(parts) != 2):
        return
    fm.derived_id = DerivedId(columns=parts, content=False, reasons=[
        f"no column holds the {fm.kind}'s own id: the names in '{parts[0]}' and "
        f"'{parts[1]}' are (other files name them so)"])


def _typed_phones(fm: FileMapping, own: dict[str, str], phone_fields: list[str]) -> None:
    """A kind with one untyped phone beside typed ones (a lead): a file's one number is its
    phone, but of several numbers (`Mobile`, `Home Phone`, `Phone`) each named one takes the
    typed field its name says and a plain-named one the untyped phone, so none is lost or
    filed under another number's name."""
    phones = [h for h, f in own.items() if f in PHONES]
    if "phone" not in phone_fields or "phone_mobile" not in phone_fields or len(phones) < 2:
        return
    for header in phones:
        if own[header] != "phone" or fm.columns[header].parts:
            continue
        typed = next((m.field for m in header_matches(fm.kind, header)
                      if m.field in PHONES[:3] and m.score >= 0.8), None)
        holder = next((h for h, f in own.items() if f == typed), None)
        if typed is None or (holder is not None and not _plain(holder)):
            continue
        if holder is not None:  # a plain `Phone` the typed name was given to
            _retype(fm, own, holder, "phone", f"'{holder}' names no kind of number: the "
                                              f"{fm.kind}'s phone")
        _retype(fm, own, header, typed, f"'{header}' names a {typed.split('_')[1]} number "
                                        f"beside the {fm.kind}'s other numbers")
    for header in phones:
        if ("phone" not in own.values() and own[header] != "phone"
                and not fm.columns[header].parts
                and _plain(header)):
            _retype(fm, own, header, "phone", f"'{header}' names no kind of number: the "
                                              f"{fm.kind}'s phone")


def _plain(header: str) -> bool:
    return set(phrase(header).tokens) <= PLAIN_PHONE_WORDS


def _retype(fm: FileMapping, own: dict[str, str], header: str, field: str, why: str) -> None:
    fm.columns[header].target = f"{fm.kind}.{field}"
    fm.columns[header].reasons.append(why)
    own[header] = field


def _only_phone(fm: FileMapping, own: dict[str, str], phone_fields: list[str]) -> None:
    phones = [h for h, f in own.items() if f in PHONES]
    # a kind with an untyped phone (a lead) keeps a lone plain number there
    if "phone_mobile" not in phone_fields or "phone" in phone_fields or len(phones) != 1:
        return
    header = phones[0]
    column = fm.columns[header]
    if column.parts or own[header] == "phone_mobile" or not set(
            phrase(header).tokens) <= PLAIN_PHONE_WORDS:
        return
    column.target = f"{fm.kind}.phone_mobile"
    column.reasons.append(f"'{header}' is the only phone number: the person's mobile")
