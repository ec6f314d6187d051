"""How vendors write dates, times and money (one function per habit seen in their exports)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


def dmy(d: date, sep: str = "/") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def mdy(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def iso(d: date) -> str:
    return date(d.year, d.month, d.day).isoformat()


def iso_dt(t: datetime, sep: str = " ", seconds: bool = True) -> str:
    return t.strftime(f"%Y-%m-%d{sep}%H:%M" + (":%S" if seconds else ""))


def time12(t: datetime, upper: bool = False) -> str:
    """`11:15 am` (Cliniko, Power Diary reports)."""
    hour = t.hour % 12 or 12
    text = f"{hour}:{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"
    return text.upper() if upper else text


def time24(t: datetime) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def money(amount: Decimal, symbol: str = "$", *, thousands: str = ",", decimal: str = ".",
          after: bool = False, negative: str = "-") -> str:
    """`$1,234.50`, `1.234,50 €`, `(45.00)`: the sign style is the vendor's."""
    sign = amount < 0
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    body = thousands.join([whole, *groups]) + decimal + cents
    body = f"{body} {symbol}" if after and symbol else f"{symbol}{body}"
    if not sign:
        return body
    return f"({body})" if negative == "()" else f"-{body}"


def yes_no(flag: bool, yes: str = "Yes", no: str = "No") -> str:
    return yes if flag else no
