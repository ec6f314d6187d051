"""Amounts of money as a clinic writes them: the number in the locale of the clinic's country, its
currency's sign or word before or after it (`R 1 234,50`, `₹1,23,456.00`, `1 234,50 kr`,
`150,00 zł`, `Rs. 999`), and the negatives accounting writes.

Amounts are read by babel in the clinic's locale (from the settings' country): it alone knows
that `1.234` is a thousand in Germany and one and a bit in the US, and `1,23,456.00` a lakh
grouping in India. Measured against the hand-written parser it replaced on the amounts of
bench/money.py (46 of them): babel with these pre-normalisations reads 46, the hand parser 29
(`1.234` in a German clinic read as 1.234; `12.50-`, `12.50 CR`, `R 1 234,50`, `1 234,50 kr`
refused), babel alone 8 (it reads no currency sign, no Swiss ASCII apostrophe, no negative in
parentheses; `1234.50` is 123450 to it in Germany).
So babel is given the number only. What is written around it must be a currency's mark, known
from babel's currency data rather than a hand list: any ISO 4217 code; any currency sign
(Unicode's own class of them: `$ € £ ₹ ₪ ₩ ...`) with up to three letters beside it (`R$`,
`S$`, `HK$`, `$US`); the symbols the locales of the clinic's country write for its currency
(`R`, `kr`, `zł`, `Kč`, `Ft`); the words of its name there (`kronor`, `lei`, `rand`) and their
short forms (`Rs.` for rupees, `Kr.`). Anything else around the digits (`12 kg`) is refused, not
read as money. The negatives babel does not read ((x), x CR, x-) are taken off; the group marks
no decimal point can be (spaces of any width, Swiss apostrophes) removed. Strict parsing refuses
a grouping the locale does not write; then the machine spelling (`1234.50`, what most exports
write whatever the locale), the point with comma groups, then the decimal comma, are tried,
each strict, so a value is never read in a convention it breaks.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from babel.numbers import NumberFormatError, get_territory_currencies, list_currencies, parse_decimal


class NotMoney(ValueError):
    """Not an amount of money (the message never quotes the value)."""


_GROUP_MARKS = re.compile(r"(?<=\d)[\s'’ʼ](?=\d{3})")
_FALLBACK_LOCALES = ("en_US_POSIX", "en_US", "de_DE")  # decimal point (grouped), decimal comma
# the digits and what is between them; around them, the currency and the sign
_PARTS = re.compile(r"(?P<head>\D*?)(?P<number>\d(?:.*\d)?)(?P<tail>\D*)", re.DOTALL)
_CREDIT = re.compile(r"\s*CR$", re.IGNORECASE)
CURRENCY_SIGNS = "".join(
    chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Sc")
_SIGNED = re.compile(rf"[A-Za-z]{{0,3}}[{re.escape(CURRENCY_SIGNS)}][A-Za-z]{{0,2}}")
_ISO_CODES = frozenset(list_currencies())


@functools.lru_cache(maxsize=64)
def money_locale(country: str) -> str:
    """The locale a clinic in `country` writes amounts in (CLDR's likeliest: CH -> de_CH)."""
    try:
        return str(Locale.parse(f"und_{country.upper()}"))
    except (ValueError, UnknownLocaleError):
        return "en_US"


@functools.lru_cache(maxsize=64)
def clinic_locales(country: str) -> tuple[Locale, ...]:
    """The locales a clinic in `country` writes in, likeliest first: its own, English (which
    exports write whatever their country), then the country's other languages."""
    country = country.upper()
    first = money_locale(country)
    others = sorted(i for i in locale_identifiers() if i.endswith(f"_{country}") and i != first)
    found: list[Locale] = []
    for ident in (first, "en", *others):
        try:
            found.append(Locale.parse(ident))
        except (ValueError, UnknownLocaleError):
            continue
    return tuple(found)


_BIDI = str.maketrans("", "", "\u200e\u200f\u061c")


def _fold(word: str) -> str:
    """Case and spaces aside, and the direction marks right-to-left symbols carry (`د.إ.` and
    U+200F)."""
    return " ".join(word.translate(_BIDI).casefold().split()).rstrip(".")


# Initials between points or quotes (`ر.س` riyal saudi, `ج.م` Egyptian pound, `ש"ח` new shekel):
# how Arabic and Hebrew shorten a currency's two-word name
_INITIALS = re.compile(r"(\w)(?:[.\"'״׳]\s?(\w))+[.]?")


def _initials(token: str, marks: frozenset[str]) -> bool:
    if not _INITIALS.fullmatch(token):
        return False
    letters = "".join(re.findall(r"\w", token))
    return any(len(name.split()) == len(letters)
               and "".join(w[0] for w in name.split()) == letters for name in marks)


# Marks a country's amounts carry that CLDR does not list: the Turkish lira is `TL` at home
# (`1.250,50 TL`), its symbol `₺` and code `TRY` being what CLDR and ISO write.
_LOCAL_MARKS: dict[str, tuple[str, ...]] = {"TR": ("tl",)}


@functools.lru_cache(maxsize=64)
def currency_words(country: str) -> tuple[frozenset[str], frozenset[str]]:
    """(symbols and names, words of the names) of the country's currencies, as the locales of
    the country and English write them; folded (case and spaces)."""
    country = country.upper()
    try:
        codes = get_territory_currencies(country)
    except Exception:  # noqa: BLE001 - babel raises several kinds for an unknown territory
        codes = []
    marks: set[str] = set()
    words: set[str] = set()
    for locale in clinic_locales(country):
        plural = locale._data.get("currency_names_plural", {})  # noqa: SLF001 - no public accessor
        for code in codes:
            names = [locale.currencies.get(code, ""), *dict(plural.get(code, {})).values()]
            marks.update(_fold(n) for n in (locale.currency_symbols.get(code, ""), *names) if n)
            words.update(w for n in names for w in _fold(n).split() if len(w) > 2)
    marks.update(_LOCAL_MARKS.get(country, ()))
    return frozenset(marks), frozenset(words)


def _abbreviates(token: str, words: frozenset[str]) -> bool:
    """`rs` of rupees, `kr` of kronor: a word's first letter and some of its others, in order."""
    if not 1 < len(token) <= 3 or not token.isalpha():
        return False
    for word in words:
        if word[0] == token[0]:
            rest = iter(word[1:])
            if all(letter in rest for letter in token[1:]):
                return True
    return False


def is_currency_mark(text: str, country: str) -> bool:
    """Whether what is written beside an amount is a currency's mark (or nothing)."""
    token = " ".join(text.split())
    if not token or token in _ISO_CODES or _SIGNED.fullmatch(token.replace(" ", "")):
        return True
    marks, words = currency_words(country)
    folded = _fold(token)
    return (folded in marks or folded in words or _abbreviates(folded, words)
            or _initials(folded, marks))


@functools.lru_cache(maxsize=4096)
def parse_money(value: str, country: str = "US") -> str:
    parts = _PARTS.fullmatch(value.strip())
    if not parts:
        raise NotMoney("not an amount of money")
    head, text, tail = parts["head"], parts["number"], parts["tail"].strip()
    if head[-1:] in (".", ",") and not head[-2:-1].isalpha():  # `.50`; `Rs.50` is rupees
        head, text = head[:-1], head[-1] + text
    negative = False
    if head.lstrip().startswith("(") and tail.endswith(")"):  # accounting negative
        negative, head, tail = True, head.replace("(", "", 1), tail[:-1]
    elif _CREDIT.search(tail):  # a credit: `12.50 CR`
        negative, tail = True, _CREDIT.sub("", tail)
    elif tail.endswith("-"):  # a trailing minus: `12.50-`
        negative, tail = True, tail[:-1]
    if head.count("-") + head.count("+") > 1:
        raise NotMoney("not an amount of money")
    negative ^= "-" in head
    if not (is_currency_mark(head.replace("-", " ").replace("+", " "), country)
            and is_currency_mark(tail, country)):
        raise NotMoney("not an amount of money")
    text = re.sub(r"\s", "", _GROUP_MARKS.sub("", text))
    for locale in (money_locale(country), *_FALLBACK_LOCALES):
        try:
            amount = parse_decimal(text, locale, strict=True)
        except NumberFormatError:
            continue
        if amount.is_finite():
            return str(-amount if negative else amount)
    raise NotMoney("not an amount of money")

