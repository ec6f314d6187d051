"""The clinic's country, proposed from the data: phone numbers (which region's numbering plan
they are valid in, or the country code they carry), countries named (a country column, a FHIR
address's `country`), postcodes and state or province codes. Tabular files give their mapped
columns; FHIR files the addresses and phone numbers of the people and organisations in them
(`fhir_evidence`).

The country is the region phone numbers without a country code are read in, and it proposes
the currency. It is a setting of the mapping: shown by `map propose` and `map show` with its
reasons, confirmed with the mapping, changed by editing `settings.country`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers
from babel import Locale

from domain.proposal.text import script_countries
from domain.records.values.digits import ascii_digits
from domain.records.values.dotted import close_dots

CURRENCY: dict[str, str] = {"US": "USD", "CA": "CAD", "GB": "GBP", "AU": "AUD", "NZ": "NZD",
                            "IE": "EUR", "ZA": "ZAR", "IN": "INR", "DE": "EUR", "FR": "EUR",
                            "ES": "EUR", "NL": "EUR", "CH": "CHF", "LI": "CHF", "AT": "EUR",
                            "BE": "EUR", "LU": "EUR", "IT": "EUR", "PT": "EUR", "FI": "EUR",
                            "GR": "EUR", "SE": "SEK", "NO": "NOK", "DK": "DKK", "SG": "SGD",
                            "HK": "HKD", "MX": "MXN", "BR": "BRL", "AR": "ARS", "CL": "CLP",
                            "CO": "COP", "JP": "JPY", "PL": "PLN", "CZ": "CZK",
                            "HU": "HUF", "PH": "PHP", "SK": "EUR", "SI": "EUR", "HR": "EUR",
                            "RS": "RSD", "RU": "RUB", "UA": "UAH", "IS": "ISK", "EE": "EUR",
                            "LV": "EUR", "LT": "EUR", "AD": "EUR", "AE": "AED", "SA": "SAR",
                            "EG": "EGP", "IL": "ILS", "QA": "QAR", "KW": "KWD", "BH": "BHD",
                            "OM": "OMR", "JO": "JOD", "LB": "LBP",
                            "TR": "TRY", "RO": "RON", "BG": "EUR"}
# Regions tried first for numbers written without a country code (the clinic's own numbers);
# when most numbers are valid in none of them, every country whose currency the engine knows
# is tried (a clinic in Brazil was read as the nearest of these, New Zealand). Not all at once:
# a number is valid in many plans, and a dozen more plans thin the true one's share.
CANDIDATES: tuple[str, ...] = ("US", "CA", "GB", "AU", "NZ", "IE", "ZA", "IN", "DE", "FR",
                               "ES", "NL")
WIDER: tuple[str, ...] = tuple(CURRENCY)
# A date written day first is the custom outside North America (and a few others: the
# Philippines writes the month first, `08/14/1990`, `Aug 14, 1990`).
MONTH_FIRST = frozenset({"US", "CA", "PH"})
_COUNTRY_NAMES: dict[str, str] = {
    "us": "US", "usa": "US", "united states": "US", "united states of america": "US",
    "america": "US", "ca": "CA", "canada": "CA", "gb": "GB", "uk": "GB",
    "united kingdom": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "great britain": "GB", "au": "AU", "aus": "AU", "australia": "AU", "nz": "NZ",
    "new zealand": "NZ", "ie": "IE", "ireland": "IE", "za": "ZA", "south africa": "ZA",
    "in": "IN", "india": "IN", "de": "DE", "germany": "DE", "deutschland": "DE", "fr": "FR",
    "france": "FR", "es": "ES", "spain": "ES", "españa": "ES", "nl": "NL",
    "netherlands": "NL",
    # ISO 3166 alpha-3, as FHIR addresses often carry them
    "can": "CA", "gbr": "GB", "nzl": "NZ", "irl": "IE", "zaf": "ZA", "ind": "IN", "deu": "DE",
    "fra": "FR", "esp": "ES", "nld": "NL", "che": "CH", "lie": "LI",
    "aut": "AT", "bel": "BE", "lux": "LU", "ita": "IT", "prt": "PT", "fin": "FI", "grc": "GR",
    "swe": "SE", "nor": "NO", "dnk": "DK", "sgp": "SG", "hkg": "HK", "mex": "MX", "bra": "BR",
    "arg": "AR", "chl": "CL", "col": "CO", "jpn": "JP", "pol": "PL", "cze": "CZ",
    "hun": "HU", "svk": "SK", "svn": "SI", "hrv": "HR", "srb": "RS", "rus": "RU", "ukr": "UA",
    "tur": "TR", "rou": "RO", "bgr": "BG",
}
# Each country's name in the languages of the clinics the engine reads (CLDR, through babel),
# and its two-letter code.
_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "hu", "cs", "sk", "sl", "hr", "sr",
              "ru", "uk", "ca", "et", "lv", "lt", "is", "ar", "he", "el", "tr", "ro", "bg")
for _region in CURRENCY:
    _COUNTRY_NAMES.setdefault(_region.casefold(), _region)
    for _language in _LANGUAGES:
        _COUNTRY_NAMES.setdefault(Locale(_language).territories[_region].casefold(), _region)
# State, territory and province codes (and the names written out where they are few): a code
# two countries use (WA, NT) is a half vote for each.
_STATES: dict[str, tuple[str, ...]] = {
    **{code: ("US",) for code in (
        "al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv "
        "nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wv wi wy pr").split()},
    **{code: ("AU",) for code in ("nsw", "vic", "qld", "sa", "tas", "act", "new south wales",
                                  "victoria", "queensland", "south australia", "tasmania",
                                  "western australia", "northern territory",
                                  "australian capital territory")},
    **{code: ("CA",) for code in ("ab bc mb nb nl ns nu on pe qc sk yt".split() + [
        "alberta", "british columbia", "manitoba", "new brunswick", "nova scotia", "ontario",
        "quebec", "québec", "saskatchewan", "yukon"])},
    "wa": ("US", "AU"), "nt": ("AU", "CA"),
    # Poland's sixteen voivodeships, as an address names them
    **{name: ("PL",) for name in (
        "dolnośląskie kujawsko-pomorskie lubelskie lubuskie łódzkie małopolskie mazowieckie "
        "opolskie podkarpackie podlaskie pomorskie śląskie świętokrzyskie warmińsko-mazurskie "
        "wielkopolskie zachodniopomorskie").split()},
}
_POSTCODES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("GB", re.compile(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", re.I)),
    ("CA", re.compile(r"[A-Z]\d[A-Z] ?\d[A-Z]\d", re.I)),
    ("US", re.compile(r"\d{5}(-\d{4})?")),
    ("AU", re.compile(r"\d{4}")),
    ("PL", re.compile(r"\d{2}-\d{3}")),  # `30-001`
)
# The shapes each country's postcodes have (national postal formats, as addresses write them),
# to rule a country out: where most postcodes fit none of its shapes it is not the clinic's,
# however its phone plan happens to hold the numbers (Finnish `040` mobiles are valid Dutch
# numbers, Tampere's `03` landlines Christchurch's; Finland's 33100 is neither's shape).
_D4, _D5, _D6 = r"\d{4}", r"\d{5}", r"\d{6}"
_SHAPES: dict[str, str] = {
    "US": r"\d{5}(-\d{4})?", "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", "IE": r"[A-Z]\d[\dW] ?[A-Z\d]{4}",
    "AU": _D4, "NZ": _D4, "ZA": _D4, "CH": _D4, "LI": _D4, "AT": _D4, "BE": _D4, "NO": _D4,
    "DK": r"(DK-?)?\d{4}", "LU": r"(L-?)?\d{4}", "NL": r"\d{4} ?[A-Z]{2}", "IN": r"\d{3} ?\d{3}",
    "DE": _D5, "FR": _D5, "ES": _D5, "IT": _D5, "FI": r"(FI-?)?\d{5}", "MX": _D5,
    "SE": r"(SE-?)?\d{3} ?\d{2}", "GR": r"\d{3} ?\d{2}", "CZ": r"\d{3} ?\d{2}",
    "PT": r"\d{4}-\d{3}", "PL": r"\d{2}-\d{3}", "SG": _D6, "CO": _D6,
    "BR": r"\d{5}-?\d{3}", "JP": r"\d{3}-?\d{4}", "CL": r"\d{3}-?\d{4}",
    "SK": r"(SK-?)?\d{3} ?\d{2}", "SI": r"(SI-?)?\d{4}", "HR": r"(HR-?)?\d{5}", "RS": _D5,
    "RU": _D6, "UA": _D5, "TR": _D5, "RO": _D6, "BG": _D4,
}
_POSTCODE_SHAPES = {region: re.compile(shape, re.I) for region, shape in _SHAPES.items()}
RULED_OUT = 0.8  # of the postcodes seen that must fit none of a country's shapes
MIN_POSTCODES = 10  # postcodes (or phone numbers) enough to rule a country out (or in)
HELD = 0.9  # of the numbers a country's plan must hold to be read as the clinic's
SAMPLE = 500  # values looked at per kind of evidence
# 3-3-4 digits, the way North American numbers are written ("555-677-3119", "(555) 123-4567");
# other plans group differently (AU 04xx xxx xxx, UK 020 xxxx xxxx)
_NANP_WRITTEN = re.compile(r"(\+?1[-. ]?)?\(?[2-9]\d{2}\)?[-. ]?\d{3}[-. ]?\d{4}")


@dataclass
class RegionProposal:
    country: str
    currency: str
    date_order: str
    reasons: list[str] = field(default_factory=list)


_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")


def proven_date_order(values: Iterable[str]) -> str | None:
    """"DMY" or "MDY" when some value proves it (a first part over 12 can only be a day),
    None when every value reads either way or they disagree."""
    day_first = month_first = False
    for value in values:
        m = _NUMERIC_DATE.match(close_dots(value.strip()))
        if m:
            day_first |= int(m[1]) > 12 >= int(m[2])
            month_first |= int(m[2]) > 12 >= int(m[1])
    if day_first != month_first:
        return "DMY" if day_first else "MDY"
    return None


def _phone_votes(phones: Iterable[str], candidates: tuple[str, ...] = CANDIDATES,
                 ) -> tuple[dict[str, float], int, int]:
    """(votes, numbers seen, numbers written as one of the candidates writes them)."""
    votes: dict[str, float] = {}  # a number valid in k plans gives each 1/k
    seen = written = 0
    phones = list(phones)  # read twice
    coded = _written_with_code(phones)
    for raw in phones:
        text = raw.strip()
        if not text or seen >= SAMPLE:
            continue
        seen += 1
        if text.startswith(("+", "00")):
            try:
                number = phonenumbers.parse("+" + text.lstrip("+0") if text.startswith("00")
                                            else text, None)
            except phonenumbers.NumberParseException:
                continue
            region = phonenumbers.region_code_for_number(number)
            if region:
                votes[region] = votes.get(region, 0) + 1
            continue
        if _NANP_WRITTEN.fullmatch(text):
            # Canada writes them alike; its area codes are its own (604, 416), so a valid
            # number votes for the region of its area code, an unassigned one for the US
            region = _nanp_region(text)
            votes[region] = votes.get(region, 0) + 1
            continue
        # `8978 2007` beside `+65 8141 7706`: the numbers the clinic writes with its code
        # are its own, those it writes without one too when that plan holds them
        valid = [coded] if coded and _valid_in(text, coded) else [
            region for region in candidates if _valid_in(text, region)]
        # `06 12 34 56 78` is valid in France and South Africa, but written as France writes
        # it (South Africa writes `061 234 5678`): a plan whose own grouping the number has
        # outweighs those it is merely valid in
        grouped = [region for region in valid if _groups(text) == _national_groups(text, region)]
        valid = grouped or valid
        written += bool(grouped)
        for region in valid:  # a number valid in several plans is weak evidence for each
            votes[region] = votes.get(region, 0) + 1 / len(valid)
    return votes, seen, written


def _written_with_code(phones: Iterable[str]) -> str | None:
    """The region most numbers written with a country code (`+65 8141 7706`) are in, when a
    tenth of the numbers at least are written so: the plan the others are read in first."""
    regions: Counter[str] = Counter()
    seen = 0
    for raw in list(phones)[:SAMPLE]:
        text = raw.strip()
        seen += bool(text)
        if text.startswith("+"):
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(text, None))
            except phonenumbers.NumberParseException:
                continue
            regions[region or ""] += 1
    region, count = regions.most_common(1)[0] if regions else ("", 0)
    return region if region and region in CURRENCY and count >= 0.1 * seen else None


def _nanp_region(text: str) -> str:
    """The North American country whose area code the number has; the US when none is known
    (the fictional 555 exchanges, an unassigned area code)."""
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return "US"
    region = phonenumbers.region_code_for_number(number) if phonenumbers.is_valid_number(
        number) else None
    return region if region in CURRENCY else "US"


def _valid_in(text: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _groups(text: str) -> list[int]:
    return [len(g) for g in re.findall(r"\d+", text)]


def _national_groups(text: str, region: str) -> list[int]:
    """The digit groups of the number as its plan writes it nationally (`09 777 3014`)."""
    number = phonenumbers.parse(text, region)
    return _groups(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def _held(phones: list[str], regions: tuple[str, ...]) -> dict[str, float]:
    """The one region of `regions` whose plan holds nearly all the numbers written without a
    country code and more of them than any other, with their count; else nothing (too few
    numbers to tell, too few held, or two plans holding as many)."""
    national = [p.strip() for p in phones[:SAMPLE]
                if p.strip() and not p.strip().startswith(("+", "00"))]
    if len(national) < MIN_POSTCODES:
        return {}
    held = sorted(((sum(_valid_in(p, r) for p in national), r) for r in regions), reverse=True)
    (most, region), second = held[0], (held[1][0] if len(held) > 1 else -1)
    return {region: float(most)} if most >= HELD * len(national) and most > second else {}


def _ruled_out(postcodes: list[str]) -> frozenset[str]:
    """The countries most of the postcodes fit none of the shapes of."""
    seen = [p.strip() for p in postcodes[:SAMPLE] if p.strip()]
    if len(seen) < MIN_POSTCODES:
        return frozenset()
    return frozenset(region for region, shape in _POSTCODE_SHAPES.items()
                     if sum(not shape.fullmatch(p) for p in seen) >= RULED_OUT * len(seen))


def propose_region(phones: Iterable[str], countries: Iterable[str] = (),
                   postcodes: Iterable[str] = (), states: Iterable[str] = (),
                   first: tuple[str, ...] = CANDIDATES) -> RegionProposal | None:
    """The likeliest country, or None when the data says nothing (the defaults stand).
    `first`: the plans tried first (the headers' script's countries, else CANDIDATES)."""
    # read twice at most; Arabic-Indic digits as the digits they are
    phones = [ascii_digits(p) for p in phones]
    postcodes = [ascii_digits(p) for p in postcodes]
    ruled_out = _ruled_out(postcodes)
    phone_votes, phones_seen, written = _phone_votes(phones, first)
    if sum(phone_votes.values()) < phones_seen / 2:  # most numbers valid in none of the first
        phone_votes, phones_seen, _ = _phone_votes(phones, WIDER)
    elif phone_votes and first == CANDIDATES:  # (the script's countries are not second-guessed)
        wider, _, wider_written = _phone_votes(phones, WIDER)
        top = max(wider, key=lambda r: wider[r], default="")
        if written < phones_seen / 2 and wider_written >= phones_seen / 2:
            # valid in the first plans but grouped as none of them writes its numbers: most
            # written as another country writes its own (`070-123 45 67`, Sweden) say that
            # country
            phone_votes = wider
        elif top and top not in first and wider[top] > max(phone_votes.values()):
            # each number fits one first plan by chance (a Manila landline `(02) 8581 4760`
            # is a Sydney number's shape, a mobile `0919 814 3064` a British one's), but one
            # other plan holds more of them than any first plan does, though its votes are
            # shared among more plans: that country's numbers
            phone_votes = wider
    best = max(phone_votes, key=lambda r: phone_votes[r]) if phone_votes else None
    if best is not None and (best in ruled_out or (
            best not in MONTH_FIRST and not _held(phones, (best,)))):
        # the plan the numbers seemed to be in is a country the postcodes are not of, or holds
        # too few of them: how they are grouped misled, so the plan of the countries left that
        # holds nearly all of them says it (Finland's, formatted `040 7934204` where clinics
        # write `040 793 4204`; North America's are read by their area codes, apart)
        left = tuple(r for r in WIDER if r not in ruled_out)
        phone_votes = _held(phones, left) or (
            _phone_votes(phones, left)[0] if best in ruled_out else phone_votes)
    country_votes: Counter[str] = Counter()
    for value in list(countries)[:SAMPLE]:
        code = _COUNTRY_NAMES.get(value.strip().casefold())
        if code:
            country_votes[code] += 1
    post_votes: Counter[str] = Counter()
    for value in list(postcodes)[:SAMPLE]:
        for region, pattern in _POSTCODES:
            if pattern.fullmatch(value.strip()):
                post_votes[region] += 1
                break
    state_votes: dict[str, float] = {}
    for value in list(states)[:SAMPLE]:
        regions = _STATES.get(value.strip().rstrip(".").casefold(), ())
        for region in regions:
            state_votes[region] = state_votes.get(region, 0) + 1 / len(regions)
    score: dict[str, float] = {}
    for weight, votes in ((2.0, dict(country_votes)), (1.0, phone_votes),
                          (0.5, state_votes), (0.25, dict(post_votes))):
        for region, n in votes.items():
            if region not in ruled_out:
                score[region] = score.get(region, 0) + weight * n
    if not score:
        return None
    best = max(score, key=lambda r: (score[r], r == "US"))
    reasons = []
    if phones_seen:
        ranked = sorted(phone_votes.items(), key=lambda item: -item[1])[:3]
        others = ", ".join(f"{n:.3g} as {r}'s" for r, n in ranked if r != best)
        reasons.append(f"phones: {phone_votes.get(best, 0):.3g} of {phones_seen} read as {best}'s"
                       + (f" ({others})" if others else ""))
    if country_votes:
        reasons.append(f"countries named: {country_votes[best]} of "
                       f"{sum(country_votes.values())} are {best}")
    if post_votes:
        reasons.append(f"postcodes: {post_votes[best]} of {sum(post_votes.values())} "
                       f"shaped like {best}'s")
    if state_votes:
        reasons.append(f"states: {state_votes.get(best, 0):.3g} of "
                       f"{sum(state_votes.values()):.3g} are {best}'s")
    return RegionProposal(best, CURRENCY.get(best, "USD"),
                          "MDY" if best in MONTH_FIRST else "DMY", reasons)


@dataclass
class RegionEvidence:
    """What a region is proposed from, gathered from the data."""

    phones: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return min(len(self.phones), len(self.countries) + len(self.postcodes)) >= SAMPLE

    def propose(self) -> RegionProposal | None:
        return propose_region(self.phones, self.countries, self.postcodes, self.states,
                              script_countries(self.headers) or CANDIDATES)


# FHIR resources that carry the contact details of people and organisations of the clinic
FHIR_CONTACTS = frozenset({"Patient", "Practitioner", "PractitionerRole", "RelatedPerson",
                           "Organization", "Location"})


def _as_list(value: object) -> list[dict[str, object]]:
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def fhir_evidence(resource: object, into: RegionEvidence) -> bool:
    """Adds a FHIR resource's addresses (country, postalCode, state) and phone numbers
    (telecom with system phone or sms) to `into`; True when it had any. Organizations'
    contacts count too."""
    if not isinstance(resource, dict) or resource.get("resourceType") not in FHIR_CONTACTS:
        return False
    holders = [resource, *_as_list(resource.get("contact"))]
    found = False
    for holder in holders:
        for address in _as_list(holder.get("address")):
            for key, where in (("country", into.countries), ("postalCode", into.postcodes),
                               ("state", into.states)):
                value = address.get(key)
                if isinstance(value, str) and value.strip():
                    where.append(value)
                    found = True
        for point in _as_list(holder.get("telecom")):
            value = point.get("value")
            if point.get("system") in ("phone", "sms") and isinstance(value, str) and value:
                into.phones.append(value.removeprefix("tel:"))
                found = True
    return found
