"""Amounts of money in the clinic's locale: the kept parser (babel) against the hand-written one.

    python bench/money.py

The house rule is "kept libraries over hand-written parsers; before hand-writing a parser,
measure the kept one". Each case is an amount as a clinic export writes it, the clinic's
locale, and the amount it means. Three readers are measured on every case:
- `hand (before)`: the hand-written parser the engine had (it takes no locale), kept here;
- `babel alone`: babel.numbers.parse_decimal(text, locale) as it is, no pre-normalisation;
- `babel+ (engine)`: domain.records.values.money.parse_money, the engine's reader now: babel's
  parse_decimal(strict=True) in the locale of the clinic's country, after the pre-normalisations
  babel needs (the currency's mark beside the number taken off when babel's currency data
  knows it: ISO codes, currency signs, the country's symbols and currency words and their short
  forms; `(x)`, `x CR` and `x-` as negatives; spaces and Swiss apostrophes between digit groups
  removed), then the machine spelling (`1234.50`), the point with comma groups, and the decimal
  comma, each strict.
Besides, a few values that are not amounts (`12 kg`): each reader should refuse them.
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
    # the currency's own sign or word, before or after, spaces as group marks
    ("R 1 234,50", "en_ZA", "1234.50"),
    (f"R{NBSP}2{NBSP}248,08", "en_ZA", "2248.08"),
    ("R2,248.08", "en_ZA", "2248.08"),
    ("-R 12,50", "en_ZA", "-12.50"),
    ("₹1,23,456.00", "hi_IN", "123456.00"),
    ("₹999.99", "hi_IN", "999.99"),
    ("Rs. 1,234.00", "hi_IN", "1234.00"),
    ("1 234,50 kr", "sv_SE", "1234.50"),
    (f"1{NNBSP}234,50 kronor", "sv_SE", "1234.50"),
    ("150,00 zł", "pl_PL", "150.00"),
    ("1 234 Kč", "cs_CZ", "1234"),
    ("1.234,56 lei", "ro_RO", "1234.56"),
    ("S$1,234.50", "en_SG", "1234.50"),
    ("R$ 1.234,56", "pt_BR", "1234.56"),
]
# Not amounts: a reader that returns a number for these lands a wrong value.
REFUSED: list[tuple[str, str]] = [("12 kg", "en_US"), ("30 min", "sv_SE"), ("Rs 12 per visit", "hi_IN")]


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
    pre-normalisations babel needs (domain.records.values.money.parse_money)."""
    from domain.records.values.money import parse_money

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
    print()
    print_table("Not amounts: read as one (should be refused)", ["written", "locale", *READERS],
                [[repr(text), locale, *("refused" if outcome(r, text, locale, "0").startswith("refused")
                                        else "read" for r in READERS)]
                 for text, locale in REFUSED])
    return 0


if __name__ == "__main__":
    sys.exit(main())
