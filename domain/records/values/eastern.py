"""Dates as East and South-East Asian software writes them, as the plain numeric date the date
readers know: full-width digits (`１９８５/０３/０５`), the year, month and day marked with
characters (`1985年3月5日`, Korean `1985년 3월 5일`), a Japanese era's year (`昭和60年3月5日`,
`S60.3.5`, `平成元年`), a year of the Republic of China (`民國74年`) and a Buddhist-era year
(Thai `05/03/2528`, 2528 being 1985). A time of day after the date stays where it is.
"""

from __future__ import annotations

import re
import unicodedata

# An era's first year, less one: its year N is N plus this. The letters are those of the era's
# name in Latin (`S60.3.5`), as Japanese forms and insurance cards abbreviate them.
ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
        "M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018, "民國": 1911, "民国": 1911}
_ERA = "|".join(ERAS)
_MARKED = re.compile(r"^(?:(?P<era>" + _ERA + r")\s*(?P<eyear>\d{1,2}|元)|(?P<year>\d{4}))"
                     r"\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일]?")
# `S60.3.5`, `H01/01/08`: an era's letter or name, then numbers with the usual separators
_ERA_NUMERIC = re.compile(r"^(?P<era>" + _ERA + r")\s?(?P<eyear>\d{1,2}|元)[./-](?P<month>\d{1,2})"
                          r"[./-](?P<day>\d{1,2})(?![\d./-])")
# A Buddhist-era year: 2400 BE is 1857, 2699 is 2156; no Gregorian date a clinic keeps is there
BUDDHIST_FROM, BUDDHIST_TO, BUDDHIST_OFFSET = 2400, 2699, 543
_BE_LAST = re.compile(r"^(\d{1,2}[./-]\d{1,2}[./-])(2[4-6]\d\d)(?!\d)")
# year first only with slashes or dots: `2590-04-06` is an ISO date, read as written
_BE_FIRST = re.compile(r"^(2[4-6]\d\d)(?=[./]\d{1,2}[./]\d{1,2}(?!\d))")
_WIDE = re.compile(r"[\uff01-\uff5e\u3000]")
# The weekday a Japanese, Korean or Chinese date writes after it (`2025/04/01(火)`, `(화)`,
# `(周二)`, `(星期二)`), set aside as the English one is (values/worddates.py)
_WEEKDAY = re.compile(r"\s*[(（](?:[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?"
                      r"|(?:周|星期)[一二三四五六日天])[)）]")
# A time of day in words: `10時30分`, `10시 30분`, `10点30分`, `14時`; morning and afternoon
# before it (`午後2:30`, `오후 2:30`, `下午2:30`)
_CLOCK_WORDS = re.compile(r"(\d{1,2})\s*[時시点點]\s*(?:(\d{1,2})\s*[分분])?")
_HALF_DAY = re.compile(r"(午前|오전|上午|午後|오후|下午)\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_AFTERNOON = ("午後", "오후", "下午")


def _year(era: str, year: str) -> int:
    return ERAS[era] + (1 if year == "元" else int(year))


def _clock(text: str) -> str:
    text = _CLOCK_WORDS.sub(lambda m: f"{int(m[1])}:{int(m[2] or 0):02d}", text)
    return _HALF_DAY.sub(lambda m: f"{m[2]} {'PM' if m[1] in _AFTERNOON else 'AM'}", text)


def western_date(text: str) -> str:
    """`text` with such a date at its start written `YYYY-MM-DD` (or, a Buddhist year, with the
    Gregorian year in its place), else as it was."""
    if _WIDE.search(text):
        text = _WIDE.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    if not text.isascii():
        text = _clock(_WEEKDAY.sub("", text))
    if text[:1].isdigit():
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            return text  # ISO, most dates of most exports: read as written
        found = _MARKED.match(text) if ("年" in text[:6] or "년" in text[:6]) else None
    elif text[:2] in ERAS or text[:1] in ERAS:
        found = _MARKED.match(text) or _ERA_NUMERIC.match(text)
    else:
        return text
    if found:
        year = _year(found["era"], found["eyear"]) if found["era"] else int(found["year"])
        rest = text[found.end():]
        return f"{year:04d}-{int(found['month']):02d}-{int(found['day']):02d}{rest}"
    if last := _BE_LAST.match(text):
        return f"{last[1]}{int(last[2]) - BUDDHIST_OFFSET}{text[last.end():]}"
    if first := _BE_FIRST.match(text):
        return f"{int(first[1]) - BUDDHIST_OFFSET}{text[first.end():]}"
    return text
