"""Expectations (expect.py) against Nutshell records (read by wire.py): one Difference per
expectation Nutshell does not meet, with a reason class and the source cell it came from.
Values are masked (a short hash) unless the operator reveals them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from domain.ids import phi_hash
from domain.oracle.expect import Expectation
from domain.oracle.wire import MISSING, read

MISSING_RECORD = "missing record"
NOT_SENT = "not sent"
MISSING_VALUE = "missing value"
WRONG_VALUE = "wrong value"
WRONG_TYPE = "wrong type"
WRONG_OWNER = "wrong owner"
WRONG_ACTIVITY_TYPE = "wrong activity type"
WRONG_LINK = "wrong link"
# The source value has no meaning the mapping can give it (an enumeration code without a
# value map, a phone that is no number): it never reaches Nutshell as it should.
UNREADABLE = "unreadable source value"
# A reference to a record the export does not have (or a column taken for a reference).
UNRESOLVED = "unresolved reference"
REASONS = (MISSING_RECORD, NOT_SENT, MISSING_VALUE, WRONG_VALUE, WRONG_TYPE, WRONG_OWNER,
           WRONG_ACTIVITY_TYPE, WRONG_LINK, UNREADABLE, UNRESOLVED)

LEAD_STATUS = {"inquiry": "open", "scheduled": "open", "no_show": "open", "converted": "won",
               "lost": "lost"}
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Difference:
    kind: str
    source_id: str
    reason: str
    place: str  # the Nutshell field (entity-relative), or "" for a whole record
    field: str  # the canonical field or cf:<Name>
    file: str | None
    row: int | None
    column: str | None
    expected: Any
    actual: Any

    def to_json(self, reveal: bool = False) -> dict[str, Any]:
        def shown(v: Any) -> Any:
            if v is None or v is MISSING or isinstance(v, bool):
                return None if v is MISSING else v
            return v if reveal else phi_hash(v)
        return {"record": f"{self.kind}:{self.source_id}", "reason": self.reason,
                "nutshell_field": self.place, "field": self.field, "file": self.file,
                "row": self.row, "column": self.column, "expected": shown(self.expected),
                "actual": shown(self.actual)}


def _text(value: Any) -> str:
    return _WS.sub(" ", str(value)).strip() if value is not None else ""


def _blank(value: Any) -> bool:
    return value is MISSING or value is None or value == [] or _text(value) == ""


def _fold(value: Any) -> str:
    return re.sub(r"[\s\-/]+", "_", _text(value).casefold())


def _seconds(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    text = _text(value)
    if text.isdigit():
        return int(text)
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


def _date(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.UTC).date().isoformat()
    text = _text(value)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return text
    seconds = _seconds(text)
    return text[:10] if seconds is not None and re.match(r"\d{4}-\d\d-\d\d", text) else None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[^\d.\-]", "", _text(value)))
    except InvalidOperation:
        return None


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", _text(value))


def _phone_in(expected: Any, actual: Any) -> bool:
    want = _digits(expected)
    for got in actual if isinstance(actual, list) else [actual]:
        have = _digits(got)
        if have and (have == want or (len(have) >= 7 and want.endswith(have))
                     or (len(want) >= 7 and have.endswith(want))):
            return True
    return False


def matches(how: str, expected: Any, actual: Any) -> tuple[bool, str]:
    """(met, reason when not) for one expectation."""
    if how.startswith("one_of:"):
        inner = how[len("one_of:"):]
        ok = any(matches(inner, e, actual)[0] for e in expected)
        return ok, WRONG_VALUE
    if how == "contains":
        return _text(expected).casefold() in _text(actual).casefold(), WRONG_VALUE
    if how == "contains_item":
        items = actual if isinstance(actual, list) else [actual]
        return any(_text(expected).casefold() in _text(i).casefold() for i in items), \
            WRONG_VALUE
    if how == "email":
        items = actual if isinstance(actual, list) else [actual]
        return _text(expected).casefold() in {_text(i).casefold() for i in items}, WRONG_VALUE
    if how == "phone":
        return _phone_in(expected, actual), WRONG_VALUE
    if how == "date":
        got = _date(actual)
        return (got == _date(expected), WRONG_VALUE) if got else (False, WRONG_TYPE)
    if how == "instant":
        moment = _seconds(actual)
        if moment is None:
            return False, WRONG_TYPE
        return moment == _seconds(expected), WRONG_VALUE
    if how == "money":
        amount, want = _decimal(actual), _decimal(expected)
        if amount is None:
            return False, WRONG_TYPE
        if want is None:
            return False, WRONG_VALUE
        # Nutshell keeps amounts to the cent
        cent = Decimal("0.01")
        return (amount.quantize(cent, ROUND_HALF_UP) == want.quantize(cent, ROUND_HALF_UP),
                WRONG_VALUE)
    if how == "enum":
        return _fold(expected) == _fold(actual), WRONG_VALUE
    if how == "bool":
        if not isinstance(actual, bool):
            return False, WRONG_TYPE
        return actual is bool(expected), WRONG_VALUE
    if how == "id":
        return _text(expected) == _text(actual), WRONG_OWNER
    if how == "has_id":
        items = actual if isinstance(actual, list) else [actual]
        return _text(expected) in {_text(i) for i in items}, WRONG_LINK
    if how == "linked":  # a custom field naming a Nutshell record: `Name [12-contacts]`
        return _text(actual).endswith(f"[{_text(expected)}]"), WRONG_LINK
    if how == "line":
        lines = {_text(line).casefold() for line in str(actual).splitlines()}
        return _text(expected).casefold() in lines, WRONG_VALUE
    if how == "lead_status":
        return LEAD_STATUS.get(_fold(expected), "open") == _fold(actual), WRONG_VALUE
    if how == "unreadable":
        return _text(expected) == _text(actual), UNREADABLE
    if how == "unresolved":
        return False, UNRESOLVED
    if how == "activity_type":
        return _text(expected).casefold() == _text(actual).casefold(), WRONG_ACTIVITY_TYPE
    return _text(expected) == _text(actual), WRONG_VALUE


def _expected_blank(e: Expectation) -> bool:
    return e.how not in {"bool"} and _blank(e.value)


def check_record(entity: str, record: Mapping[str, Any], expectations: Sequence[Expectation],
                 type_names: Mapping[str, str],
                 linked: Callable[[str, str], Mapping[str, Any] | None]) -> list[Difference]:
    """Differences between one Nutshell record and what it must hold. `type_names` maps
    activity-type ids to names; `linked(entity, id)` fetches a record a lead links to."""
    out: list[Difference] = []
    for e in expectations:
        if _expected_blank(e) and e.how not in {"id", "activity_type"}:
            continue
        source, place = record, e.place
        if place.startswith("contact."):
            contacts = read(entity, record, "contacts")
            found = linked("contacts", contacts[0]) if contacts else None
            source, place = (found or {}), place[len("contact."):]
            actual = read("contacts", source, place) if found else MISSING
        else:
            actual = read(entity, source, place)
        if e.how == "activity_type" and actual is not MISSING:
            actual = type_names.get(str(actual), actual)
        expected = e.value
        if e.how == "activity_type" and expected is None:
            expected = "(no activity type in Nutshell fits)"
        if e.how == "id" and _blank(expected):
            # no owner named (no staff, no fallback owner): Nutshell makes the API user the
            # owner, and any owner it chose is right
            continue
        if _blank(actual) and not (e.how == "bool" and actual is False):
            reason = {"id": WRONG_OWNER, "has_id": WRONG_LINK, "unreadable": UNREADABLE,
                      "unresolved": UNRESOLVED, "linked": WRONG_LINK, "referrer": WRONG_LINK,
                      "activity_type": WRONG_ACTIVITY_TYPE}.get(e.how, MISSING_VALUE)
            out.append(_diff(e, reason, expected, None if actual is MISSING else actual))
            continue
        if e.how == "referrer":
            if not referrer_linked(e.value, actual, linked):
                out.append(_diff(e, WRONG_LINK, e.value[0], actual))
            continue
        ok, reason = matches(e.how, expected, actual)
        if not ok:
            out.append(_diff(e, reason, expected, actual))
    return out


_LINK = re.compile(r"^(?P<name>.*?)\s*\[(?P<id>\d+-(?P<entity>contacts|accounts))\]$", re.S)
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(value: Any) -> set[str]:
    return {t.casefold() for t in _TOKEN.findall(_text(value))}


def referrer_linked(expected: tuple[str, str], actual: Any,
                    linked: Callable[[str, str], Mapping[str, Any] | None]) -> bool:
    """A free-text referrer's link (`Name [12-contacts]`): the record it names is live in
    Nutshell under that name, and is the source's referrer: every word of its name is a word
    of the source's text, or it holds the source's email address."""
    named, email = expected
    found = _LINK.match(_text(actual).strip())
    if found is None:
        return False
    record = linked(found["entity"], found["id"])
    if record is None:
        return False
    name = record.get("name")
    if isinstance(name, Mapping):
        name = name.get("displayName")
    if _fold(name) != _fold(found["name"]):
        return False
    words = _tokens(found["name"])
    emails = {_text(i.get("value") if isinstance(i, Mapping) else i).casefold()
              for i in record.get("emails") or []}
    return (bool(words) and words <= _tokens(named)) or (bool(email)
                                                         and email.casefold() in emails)


def _diff(e: Expectation, reason: str, expected: Any, actual: Any) -> Difference:
    cell = e.cell
    return Difference(e.kind, e.source_id, reason, e.place, e.field,
                      cell.file if cell else None, cell.row if cell else None,
                      cell.column if cell else None, expected, actual)


def record_difference(kind: str, source_id: str, reason: str, file: str | None,
                      row: int | None) -> Difference:
    return Difference(kind, source_id, reason, "", "", file, row, None, None, None)
