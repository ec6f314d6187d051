"""The birth date a national identity number writes, whichever country's number it is: each
country's reader proves its number by its check digit or the header naming it; this module only
decides the order they are tried in, where two numbers share a shape."""

from __future__ import annotations

import datetime as dt
import re

from domain.records.national_ids import baltic as ids
from domain.records.national_ids.balkans import bulgarian_birth, greek_birth, romanian_birth
from domain.records.national_ids.common import date_of, luhn, two_digit_year
from domain.records.national_ids.east_asia import chinese_birth, korean_birth
from domain.records.national_ids.europe import (
    _PESEL_CENTURY,
    _SE,
    _czech_birth,
    _danish_birth,
    _finnish_birth,
    _jmbg_birth,
    _ukrainian_birth,
    names_birth_number,
    names_jmbg,
    names_personal_number,
    names_rnokpp,
)
from domain.records.values.digits import ascii_digits


def birth_date_in(text: str, today: dt.date | None = None, header: str = "") -> str | None:
    """The birth date (ISO) a national identity number writes, else None. A CPR number is
    read only where `header` names a personal number (see `names_personal_number`), a Czech
    birth number without its slash only where it names one (`names_birth_number`); a Baltic
    or Icelandic number (baltic.py) under a header naming one is read as that."""
    today = today or dt.date.today()
    compact = "".join(ascii_digits(text).split())
    if header and re.search(r"\bcpr\b", header, re.IGNORECASE):
        return _danish_birth(compact, today)
    if header and names_rnokpp(header):
        return _ukrainian_birth(compact, today)
    if header and ids.names_baltic_or_icelandic_number(header):
        return (ids.latvian_birth(compact, today) or ids.icelandic_birth(compact, today)
                or ids.baltic_birth(compact, today))
    if re.fullmatch(r"\d{6}-\d{5}", compact):  # the Latvian shape: its check proves it
        return ids.latvian_birth(compact, today)
    if header and (greek := greek_birth(compact, today, header)):
        return greek
    finnish = _finnish_birth(compact, today)
    if finnish:
        return finnish
    if east := chinese_birth(compact, today) or korean_birth(compact, today, header):
        return east
    if "/" in compact or (header and names_birth_number(header)):
        return _czech_birth(compact, today, named=bool(header) and names_birth_number(header))
    se = _SE.fullmatch(compact)
    if se and luhn(se[2] + se[4]):
        yy, month, day = int(se[2][:2]), int(se[2][2:4]), int(se[2][4:])
        year = (int(se[1] + se[2][:2]) if se[1]
                else two_digit_year(yy, today, older=se[3] == "+"))
        born = date_of(year, month, day - 60 if day > 60 else day)
        if born and born <= today:
            return born.isoformat()
    if bulgarian := bulgarian_birth(compact, today):
        return bulgarian
    if re.fullmatch(r"\d{11}", compact) and (10 - sum(
            int(d) * w for d, w in zip(compact[:10], (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=True)
    ) % 10) % 10 == int(compact[10]):
        month = int(compact[2:4])
        born = date_of(_PESEL_CENTURY.get(month // 20 * 20, 0) + int(compact[:2]), month % 20,
                     int(compact[4:6]))
        if born and 1800 <= born.year and born <= today:
            return born.isoformat()
    if header and names_jmbg(header):
        return _jmbg_birth(compact, today)
    if romanian := romanian_birth(compact, today, header):
        return romanian
    if re.fullmatch(r"\d{13}", compact) and not luhn(compact):
        return _jmbg_birth(compact, today)
    # after the Polish number, whose reading stands where both checks hold (one in eleven)
    if baltic := ids.baltic_birth(compact, today):
        return baltic
    # after the Swedish number, and never under a header naming a Nordic personal number
    if not (header and names_personal_number(header)) and (
            iceland := ids.icelandic_birth(compact, today)):
        return iceland
    if re.fullmatch(r"\d{13}", compact) and luhn(compact):
        born = date_of(two_digit_year(int(compact[:2]), today), int(compact[2:4]),
                     int(compact[4:6]))
        if born:
            return born.isoformat()
    if header and names_personal_number(header):
        return _danish_birth(compact, today)
    return None
