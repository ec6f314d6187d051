"""Header mutations: synonyms, translations, abbreviations, case styles, vendor prefixes, the
columns' order and optional columns left out. The key's truth follows each header."""

from __future__ import annotations

import random
import re

from tools.zoo.mutate import Variant, words
from tools.zoo.mutate.cols import field_of, remove, rename, reorder, truth
from tools.zoo.writers import Table

_REF_KINDS = {"patient": "patient", "provider": "provider", "author": "provider",
              "staff": "provider", "primary_provider": "provider", "company": "company",
              "appointment": "appointment"}
FULL_NAME = {"en": ["Name", "Full Name", "{K} Name"], "de": ["Name", "{K}"],
             "fr": ["Nom complet", "Nom"], "es": ["Nombre completo", "{K}"],
             "nl": ["Naam", "Volledige naam"], "pt": ["Nome completo", "Nome"],
             "it": ["Nome completo", "Nominativo"]}
# flags that make a status together, a value map, or a combination: their words are the meaning
_KEEP_NOTES = ("with ", "set", "inverted", "routes")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _kind_word(kind: str, lang: str, rng: random.Random) -> str:
    return rng.choice(words.KIND_WORDS.get(kind, {}).get(lang) or [kind.replace("_", " ")])


def candidates(kind: str, value: str, lang: str, rng: random.Random) -> list[str]:
    """Headers a clinic working in `lang` could give a column of this truth (none: keep it)."""
    target, note = truth(value)
    if target is None or any(k in (note or "") for k in _KEEP_NOTES):
        return []
    tkind, field = target.split(".", 1)
    note = note or ""
    if field == "source_id" or (field.endswith("_source_id") and "by " not in note):
        ref = tkind if field == "source_id" else _REF_KINDS.get(field[: -len("_source_id")])
        if ref is None:
            return []
        word = _kind_word(ref, lang, rng)
        return [p.format(K=_cap(word), k=word) for p in words.ID_PATTERNS[lang]]
    if field.endswith("_source_id"):  # a reference by name or email
        ref = _REF_KINDS.get(field[: -len("_source_id")])
        if ref is None:
            return []
        word = _cap(_kind_word(ref, lang, rng))
        if "email" in note:
            return [f"{word} E-mail", f"{word} Email"] if lang == "en" else [f"{word} E-Mail"]
        return [word, f"{word} Name"] if lang == "en" else [word]
    if "full name" in note:
        word = _cap(_kind_word(tkind, lang, rng))
        return [p.format(K=word) for p in FULL_NAME[lang]]
    if "date part" in note:
        return words.DATE_PART[lang]
    if "time part" in note:
        return (words.TIME_PART if field == "starts_at" else words.END_PART)[lang]
    if "duration" in note:
        return words.DURATION[lang]
    if field in ("starts_at", "occurred_at"):
        return words.MOMENT[lang]
    if field == "name" and tkind in ("allergy_condition", "company"):
        return [_cap(w) for w in words.KIND_WORDS[tkind][lang]]
    return list(words.FIELDS.get(field, {}).get(lang, []))


def _retitle(variant: Variant, table: Table, lang: str, share: float,
             rng: random.Random) -> list[str]:
    done = []
    for header in list(table.columns):
        if rng.random() > share:
            continue
        options = [c for c in candidates(table.kind, table.columns[header], lang, rng)
                   if c != header]
        rng.shuffle(options)
        for option in options:
            if rename(variant.family(table), header, option):
                done.append(f"{header!r}->{option!r}")
                break
    return done


def synonyms(variant: Variant, rng: random.Random) -> str | None:
    """About half the columns of every file renamed to another English name for the field."""
    done = [f"{t.name}: " + ", ".join(d) for t in variant.originals()
            if (d := _retitle(variant, t, "en", 0.5, rng))]
    return "; ".join(done) or None


def translate(variant: Variant, rng: random.Random) -> str | None:
    """Every column the language has words for renamed in one language (the clinic's)."""
    lang = rng.choice(words.LANGS)
    done = [f"{t.name}: " + ", ".join(d) for t in variant.originals()
            if (d := _retitle(variant, t, lang, 1.0, rng))]
    return f"[{lang}] " + "; ".join(done) if done else None


_SYLLABLES = ("ka", "lo", "mi", "tu", "ve", "zo", "ru", "pe", "shi", "dan", "gor", "bel", "yum",
              "tok", "ris", "wan", "qel", "fu", "nys", "xar")


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def made_up(rng: random.Random, taken: set[str]) -> str:
    """A capitalised made-up word not in `taken` (which it joins)."""
    new = _cap(_pseudo_word(rng))
    while new in taken:
        new = f"{new}{_pseudo_word(rng)}"
    taken.add(new)
    return new


def opaque(variant: Variant, rng: random.Random) -> str | None:
    """Every header in words of a language no vocabulary holds (made-up words, one or two a
    header): what the values alone tell, the case of a clinic in a language never seen."""
    done = 0
    for t in variant.originals():
        taken: set[str] = set()
        for header in list(t.columns):
            new = _cap(_pseudo_word(rng))
            while new in taken or new in t.columns:
                new = f"{new} {_pseudo_word(rng)}"
            taken.add(new)
            done += rename(variant.family(t), header, new)
    return f"{done} headers" if done else None


def _abbreviated(header: str, rng: random.Random) -> str:
    if header.casefold() in words.SHORT_FORMS:
        return rng.choice(words.SHORT_FORMS[header.casefold()])
    parts = re.split(r"(\W+)", header)
    out = [words.ABBREVIATIONS.get(p.casefold(), p) if rng.random() < 0.8 else p for p in parts]
    return "".join(out)


def abbreviate(variant: Variant, rng: random.Random) -> str | None:
    done = []
    for t in variant.originals():
        for header in list(t.columns):
            short = _abbreviated(header, rng)
            if rename(variant.family(t), header, short):
                done.append(f"{header!r}->{short!r}")
    return ", ".join(done) or None


def _styled(header: str, style: str) -> str:
    parts = [p for p in re.split(r"[^\wÀ-ÿ#]+", header.replace("#", " No ")) if p]
    if not parts:
        return header
    if style == "upper":
        return header.upper()
    if style == "lower":
        return header.lower()
    if style == "snake":
        return "_".join(p.lower() for p in parts)
    if style == "camel":
        return parts[0].lower() + "".join(_cap(p.lower()) for p in parts[1:])
    return "".join(_cap(p.lower()) for p in parts)  # Pascal


def recase(variant: Variant, rng: random.Random) -> str | None:
    """Every header of a file in one case style (a database export, a report writer)."""
    done = []
    for t in variant.originals():
        style = rng.choice(("upper", "lower", "snake", "camel", "pascal"))
        changed = sum(rename(variant.family(t), h, _styled(h, style)) for h in list(t.columns))
        if changed:
            done.append(f"{t.name}: {style}")
    return ", ".join(done) or None


def prefix(variant: Variant, rng: random.Random) -> str | None:
    """A report writer's entity prefix on every header of some files (`Patient: First Name`)."""
    done = []
    for t in variant.originals():
        if t.kind not in words.KIND_WORDS or rng.random() < 0.4:
            continue
        word = rng.choice(words.KIND_WORDS[t.kind]["en"])
        style = rng.choice(("{P}: {h}", "{P}.{h}", "{P} - {h}", "{p}_{h}"))
        for header in list(t.columns):
            if header.casefold().startswith(word.casefold()):
                continue
            rename(variant.family(t), header, style.format(P=word, p=word.lower(), h=header))
        done.append(f"{t.name}: {style.format(P=word, p=word.lower(), h='...')}")
    return ", ".join(done) or None


def shuffle(variant: Variant, rng: random.Random) -> str | None:
    """Columns in another order (a report's layout edited, a newer version)."""
    done = []
    for t in variant.originals():
        order = list(t.columns)
        rng.shuffle(order)
        reorder(variant.family(t), order)
        done.append(t.name)
    return "every file" if done else None


# fields whose loss costs no record: never ids, references, names, what identifies a duplicate
# (email, birth date), nor what a record is (a policy's insurer, a note's text, a moment)
OPTIONAL = frozenset({
    "phone_work", "phone_home", "address_line2", "preferred_name", "middle_name", "country",
    "notes", "updated_at", "location", "title", "subject", "credentials", "specialty",
    "group_number", "plan_type", "license_number", "npi", "chart_number", "state", "sex",
    "appointment_type", "created_at", "effective_to", "effective_from", "last_payment_date",
    "last_payment_amount", "billing_status", "direction", "channel"})


def drop_optional(variant: Variant, rng: random.Random) -> str | None:
    """Up to three optional columns of each file left out (another clinic's report settings)."""
    done = []
    for t in variant.originals():
        droppable = [h for h, v in t.columns.items()
                     if (v in ("custom", "drop") or field_of(v) in OPTIONAL)
                     and not any(k in (truth(v)[1] or "") for k in ("with ", "part", "routes"))
                     and not (t.routed and t.routed.get("column") == h)]
        if len(t.columns) - len(droppable) < 2:
            continue
        for header in rng.sample(droppable, k=min(len(droppable), rng.randint(1, 3))):
            remove(variant.family(t), header)
            done.append(f"{t.name}: {header!r}")
    return ", ".join(done) or None
