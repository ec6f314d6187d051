"""Values right: each patient's name, e-mail and phones as Nutshell holds them, against the
export's own cells.

`verify` says a record is in Nutshell; it does not say the record holds what the clinic wrote,
and its comparison passes through the engine's own normalisers. This score shares no code with
the engine: the export is read by tests/zoo/keys.py (csv and openpyxl), the columns are the
ones the answer key names, and Nutshell is the sandbox's store in the live API's shape. A row
is matched to a contact by e-mail, else by its name's words; then each value is checked:
- name: every word of the source's name cells is a word of the contact's name;
- e-mail: the source's address (an address with `@` and a dot) is one of the contact's e-mails;
- phone: each number in a source phone cell is one of the contact's: its last seven digits,
  under the country calling code of the key's country (or the code the number is written
  with), so a number sent under another country's code is wrong; a trunk `0` is not compared;
  an extension written after it (`x204`, `ext. 12`) is that number's `extension` in Nutshell's
  phone schema, not more digits of the number.
A row with no contact is not scored here (the landed count already misses it).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import phonenumbers

from tests.zoo.keys import read_table, truth

NAME_FIELDS = ("patient.first_name", "patient.last_name", "patient.full_name",
               "patient.middle_name")
EMAIL_FIELDS = ("patient.email",)
PHONE_PREFIX = "patient.phone"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_EXTENSION = re.compile(r"\s*(?:ext(?:ension)?\.?|x|#)\s*(\d+)\s*$", re.IGNORECASE)


def words(text: Any) -> frozenset[str]:
    """A name's words, accents and case set aside (`García-López, Ana` -> garcia, lopez, ana)."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return frozenset(w for w in re.split(r"[^a-z]+", plain.casefold()) if len(w) > 1)


def _numbers(cell: Any, calling_code: str) -> list[tuple[str, str, str]]:
    """(country calling code, last seven digits, extension) of each number in a cell (`Mobile:
    027 617 9721; Home: 09-903 6896` holds two). A number written with `+` or `00` keeps its
    own code (its first one to three digits: compared as a prefix); any other is the clinic's
    country's. The extension's digits are empty when none is written."""
    found = []
    for part in re.split(r"[;,/|\n]", str(cell or "")):
        extension = _EXTENSION.search(part)
        digits = re.sub(r"\D", "", part[:extension.start()] if extension else part)
        if len(digits) < 7:
            continue
        own = part.strip().startswith(("+", "00"))
        found.append((digits.removeprefix("00")[:1] if own else calling_code, digits[-7:],
                      extension[1] if extension else ""))
    return found


def _holds(phones: list[tuple[str, str]], number: tuple[str, str, str]) -> bool:
    code, tail, extension = number
    return any(p.startswith(code) and p.endswith(tail) and e == extension for p, e in phones)


def _contact_view(contact: dict[str, Any]) -> dict[str, Any]:
    name = contact.get("name")
    if isinstance(name, dict):
        name = name.get("displayName") or " ".join(str(v or "") for v in name.values())
    phones = []
    for p in contact.get("phones") or []:
        value = p.get("value") if isinstance(p, dict) else p
        extension = ""
        if isinstance(value, dict):
            extension = re.sub(r"\D", "", str(value.get("extension") or ""))
            value = value.get("E164") or value.get("number") or value.get("numberFormatted")
        phones.append((re.sub(r"\D", "", str(value or "")), extension))
    emails = {str((e.get("value") if isinstance(e, dict) else e) or "").strip().casefold()
              for e in contact.get("emails") or []}
    return {"words": words(name), "emails": emails, "phones": phones}


def patient_values(folder: Path, key: dict[str, Any],
                   snapshot: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Values right over every patient file of the key (twins are the same rows: skipped)."""
    contacts = [_contact_view(c) for c in snapshot.get("contacts", []) if not c.get("deletedTime")]
    by_email: dict[str, dict[str, Any]] = {}
    by_name: dict[frozenset[str], list[dict[str, Any]]] = {}
    for c in contacts:
        for e in c["emails"]:
            by_email.setdefault(e, c)
        by_name.setdefault(c["words"], []).append(c)
    country = {"UK": "GB"}.get(str(key.get("country", "")), str(key.get("country", "")))
    code = str(phonenumbers.country_code_for_region(country) or "") if country else ""
    right = total = unmatched = 0
    wrong: dict[str, int] = {}
    for name, spec in key["files"].items():
        if spec.get("kind") != "patient" or spec.get("twin_of"):
            continue
        targets = {col: truth(v)[0] for col, v in spec["columns"].items()}
        header, rows = read_table(folder, name, spec)
        skip = {r["row"] for r in spec.get("bad_rows", []) + spec.get("duplicate_rows", [])}
        index = {h: i for i, h in enumerate(header)}
        for n, row in enumerate(rows, start=1):
            if n in skip:
                continue
            cells = {t: row[index[c]] for c, t in targets.items()
                     if t and c in index and index[c] < len(row)
                     and row[index[c]] not in (None, "")}
            name_words = frozenset().union(*(words(v) for t, v in cells.items() if t in NAME_FIELDS))
            email = next((str(v).strip().casefold() for t, v in cells.items()
                          if t in EMAIL_FIELDS and _EMAIL.match(str(v).strip())), "")
            contact = by_email.get(email) if email else None
            if contact is None:
                found = [c for c in contacts if name_words and name_words <= c["words"]]
                contact = found[0] if len(found) == 1 else (by_name.get(name_words) or [None])[0]
            if contact is None:
                unmatched += 1
                continue
            checks = {"name": bool(name_words) and name_words <= contact["words"]}
            if email:
                checks["email"] = email in contact["emails"]
            for t, v in cells.items():
                if t.startswith(PHONE_PREFIX) and _numbers(v, code):
                    checks[t.removeprefix("patient.")] = all(
                        _holds(contact["phones"], n) for n in _numbers(v, code))
            for field, ok in checks.items():
                total += 1
                right += ok
                if not ok:
                    label = f"{name}: {field}"
                    wrong[label] = wrong.get(label, 0) + 1
    return {"right": right, "total": total, "ratio": right / total if total else 0.0,
            "unmatched_rows": unmatched,
            "wrong": [f"{k} x{v}" for k, v in sorted(wrong.items(), key=lambda i: -i[1])][:12]}
