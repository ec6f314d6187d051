"""Amounts of money in the clinic's locale: the kept parser (babel) against the hand-written one.

    python bench/money.py

The house rule is "kept libraries over hand-written parsers; before hand-writing a parser,
measure the kept one". Each case is an amount as a clinic export writes it, the clinic's
locale, and the amount it means. Three readers are measured on every case:
- `hand (before)`: the hand-written parser the engine had (it takes no locale), kept here;
- `babel alone`: babel.numbers.parse_decimal(text, locale) as it is, no pre-normalisation;
- `babel+ (engine)`: domain.records.normalise.parse_money, the engine's reader now: babel's
  parse_decimal(strict=True) in the locale of the clinic's country, after the pre-normalisations
  babel needs (currency signs and codes stripped, `(x)`, `x CR` and `x-` as negatives, spaces
  and Swiss apostrophes between digit groups removed), then the machine spelling (`1234.50`)
  and the decimal comma, each strict.
A reader "handles" a case when it returns the expected amount; a wrong amount is worse than a
refusal (a refused amount is reported; a wrong one lands), so both are counted.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import print_table  # noqa: E402

NNBSP, NBSP = "\u202f", "\u00a0"

# (written, clinic locale, amount meant)
CASES: list[tuple[str, str, str]] = [
    ("CHF 1'234.50", "de_CH", "1234.50"),
    ("1’234.50", "de_CH", "1234.50"),
    ("1'234'567.05", "de_CH", "1234567.05"),
    ("CHF 1'234.50", "fr_CH", "1234.50"),
    (f"1{NNBSP}234,50", "fr_CH", "1234.50"),
    ("1.234,56 €", "de_DE", "1234.56"),
    ("1.234", "de_DE", "1234"),
    ("12.50-", "de_DE", "-12.50"),
    ("1234.50", "de_DE", "1234.50"),  # the machine spelling, in a German clinic's export
    (f"€ 1{NNBSP}234,56", "fr_FR", "1234.56"),
    (f"1{NBSP}234,56 €", "fr_FR", "1234.56"),
    ("$1,234.56", "en_US", "1234.56"),
    ("(12.50)", "en_US", "-12.50"),
    ("-$12.00", "en_US", "-12.00"),
    ("$-12.00", "en_US", "-12.00"),
    ("1,234.56 USD", "en_US", "1234.56"),
    ("1,234", "en_US", "1234"),
    ("12.50 CR", "en_AU", "-12.50"),
    ("A$1,234.56", "en_AU", "1234.56"),
    ("$1,234.56", "en_AU", "1234.56"),
    ("-12,50", "es_ES", "-12.50"),
    ("1.234.567,89 €", "es_ES", "1234567.89"),
    ("12.50", "es_ES", "12.50"),  # the machine spelling, in a Spanish clinic's export
    ("€ 1.234,56", "nl_NL", "1234.56"),
    ("€ -12,50", "nl_NL", "-12.50"),
    ("12,5", "nl_NL", "12.5"),
    ("£1,234.56", "en_GB", "1234.56"),
    ("NZ$1,234.56", "en_NZ", "1234.56"),
    ("0.50", "en_IE", "0.50"),
    ("+12.50", "en_US", "12.50"),
    ("1.234,50 €", "en_US", "1234.50"),  # the country not yet known: the default's locale
    (f"1{NNBSP}234,50 CHF", "fr_CH", "1234.50"),
]


# The hand-written parser the engine had before babel (domain/records/normalise.py at f3e0f3b),
# verbatim, so that the comparison can be run again.
_MONEY_NOISE = re.compile(r"[\s$€£¥]|(?<=\d)['’ʼ](?=\d{3})|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])"
                          r"|A\$|NZ\$|C\$")


def hand(text: str, locale: str) -> Decimal:
    text = text.strip()
    negative = text.startswith("(") and text.endswith(")")
    text = _MONEY_NOISE.sub("", text.strip("()"))
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):  # 1.234,50
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}.{tail}" if len(tail) in (1, 2) else text.replace(",", "")
    amount = Decimal(text)
    if not amount.is_finite():
        raise ValueError("not an amount of money")
    return -amount if negative else amount


def babel_plain(text: str, locale: str) -> Decimal:
    from babel.numbers import parse_decimal

    return parse_decimal(text, locale)


def engine(text: str, locale: str) -> Decimal:
    """The engine's reader now: babel in the locale of the clinic's country (a clinic knows its
    country, not its locale: fr_CH reads as CH, whose likeliest locale is de_CH), with the
    pre-normalisations babel needs (domain.records.normalise.parse_money)."""
    from domain.records.normalise import parse_money

    return Decimal(parse_money(text, locale.rpartition("_")[2]))


READERS = {"hand (before)": hand, "babel alone": babel_plain, "babel+ (engine)": engine}


def outcome(reader: str, text: str, locale: str, want: str) -> str:
    try:
        got = READERS[reader](text, locale)
    except Exception as exc:  # noqa: BLE001 - a refusal is an outcome to count
        return f"refused ({type(exc).__name__})"
    return "ok" if got == Decimal(want) else f"WRONG {got}"


def main() -> int:
    rows = []
    ok = dict.fromkeys(READERS, 0)
    wrong = dict.fromkeys(READERS, 0)
    for text, locale, want in CASES:
        results = {r: outcome(r, text, locale, want) for r in READERS}
        for r, res in results.items():
            ok[r] += res == "ok"
            wrong[r] += res.startswith("WRONG")
        rows.append([repr(text), locale, want, *results.values()])
    print_table("Amounts of money: which reader handles which case",
                ["written", "locale", "means", *READERS], rows)
    print()
    print_table("Totals", ["reader", "handled", "wrong amount", "refused"],
                [[r, f"{ok[r]}/{len(CASES)}", wrong[r], len(CASES) - ok[r] - wrong[r]]
                 for r in READERS])
    return 0


if __name__ == "__main__":
    sys.exit(main())
