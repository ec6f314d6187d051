"""Flags that together say one value: yes/no columns (`arrived`, `completed`, `broken`), or
dates set or not (`Cancelled At`), whose headers name a status, make the record's status
(`combine` with a value map), the first set one winning in the vocabulary's order.

A confirmation status beside such flags (`Confirmed`, `Left message`) says whether the patient
confirmed, not what became of the visit: it stays readable as a custom field.
"""

from __future__ import annotations

from itertools import product

from domain.mapping import DROP, ColumnMapping, Combine, FileMapping, Route
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import custom_field_name, phrase
from domain.proposal.vocabulary import BOOLEAN_TRUE, ENUM_VALUE_SYNONYMS
from domain.records.canonical import visit_outcome

SHARE = 0.8  # of a column's values that must be yes/no or dates
COMPOUND_HEAD = 8  # letters a flag word needs to be read as the head of a compound


def _words(value: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in ENUM_VALUE_SYNONYMS.get(value, ())
                     if len(w) > 2 and not w.isdigit() and w.casefold() not in ("false", "true"))


# Words of a status column that say it is the booking's confirmation, not the visit's outcome.
CONFIRMATION_WORDS = frozenset({"confirmation", "confirmed", "confirm", "reminder",
                                "confirmacion", "confirmacao", "bestatigung", "bevestiging"})

# Words of flag headers, per kind, by the status a set flag means (the first set one wins, in
# this order), and the status when none is set.
FLAG_WORDS: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "appointment.status": (
        ("cancelled", frozenset({"cancelled", "canceled", "cancellation", "cancel"})),
        # a broken appointment (US dental) is one the patient missed
        ("no_show", frozenset({"dna", "noshow", "no show", "did not arrive", "did not attend",
                               "not arrived", "missed", "failed to attend", "no_show",
                               "broken"})),
        ("completed", frozenset({"completed", "complete", "done", "finished"})),
        ("arrived", frozenset({"arrived", "attended", "checked in", "patient arrived", "showed",
                               "show", "present"})),
    ),
    "patient.status": (
        ("deceased", frozenset({"deceased", "died", "date of death", "death"})),
        ("inactive", frozenset({"archived", "deleted", "inactive", "deactivated", "discharged"})),
    ),
    # yes/no columns only (an address column is no flag): `Email Reminders`, `SMS Reminders`
    "patient.contact_preference": (
        ("sms", frozenset({"sms", "text", "texto", "mensaje", "tekstiviesti", "tekstari"})),
        # a newsletter (`Hírlevél`: Igen/Nem) goes out by e-mail
        ("email", frozenset({"email", "e mail", "correo", "newsletter", "hirlevel", "sahkoposti"})),
        ("phone", frozenset({"phone", "call", "telephone", "llamada", "puhelu", "puhelin"})),
        ("mail", frozenset({"post", "letter", "mail", "kirje"})),
    ),
}
# Words of a channel's flag saying the patient refused it (`Reservasjon SMS`: Ja, `SMS opt-out`,
# `Do not text`): set, that channel is not the preference; unset, it is open. English
# `reservation` is a booking, not a refusal, and stays out. Read as `phrase` spells headers
# (`opt` is expanded to `option`).
REFUSAL_WORDS = frozenset({"not", "never", "unsubscribed", "unsubscribe", "optout", "opted out",
                           "option out", "blocked", "refused", "refuses", "declined",
                           "reservasjon", "reservert", "sparr", "fravalgt", "frabedt",
                           "abgemeldet", "widerspruch"})
# A balance's flags (`Overdue`: Yes/No, `Scaduto`, `In collections`) in the words the
# vocabulary has for its values, in every language it knows them in; none set: current.
FLAG_WORDS["billing.billing_status"] = tuple(
    (value, frozenset({value.replace("_", " "), *(w.casefold() for w in ENUM_VALUE_SYNONYMS
                                                   .get(value, ()))}))
    for value in ("collections", "overdue", "paid"))
FLAG_DEFAULT = {"appointment.status": "booked", "patient.status": "active",
                "patient.contact_preference": "none", "billing.billing_status": "current"}
DATE_FLAGS = frozenset({"appointment.status", "patient.status"})
# A yes/no status column that says the record is active (`Aktiv`: Ja/Nej) beside flags saying
# otherwise (`Avregistrerad`): one more flag, the last to win; none set is then not active.
ACTIVE_FLAGS = {"patient.status": ("active", "inactive")}
# Beside such a flag, the words the vocabulary has for the other values in every language
# (`Avregistrerad`, `Archiviert`); single letters and digits are values, never a header's word.
BESIDE_ACTIVE = {"patient.status": (("deceased", _words("deceased")),
                                    ("inactive", _words("inactive")))}
ACTIVE_WORDS = frozenset({"active", "is active", "aktiv", "activo", "activa", "actif",
                          "ativo", "ativa", "attivo", "attiva", "actief"})
# Words of a header saying it holds why (`broken_reason`, `Cancellation Reason`, `Motivo
# disdetta`): beside a missed or cancelled status or flag, it says which of the two it was.
REASON_WORDS = frozenset({"reason", "reasons", "why", "motivo", "motivazione", "grund",
                          "raison", "motif", "reden", "causa"})
MISSED = ("no_show", "cancelled")  # the statuses a reason may tell apart
MISSED_WORDS = frozenset({"cancelled", "canceled", "cancellation", "cancel", "broken", "missed",
                          "dna", "noshow", "disdetta", "annullamento", "absage", "annulation",
                          "cancelacion", "cancelación", "cancelamento", "afzegging"})


def left_out(column: ColumnMapping, reason: str) -> None:
    column.target = None
    column.custom_field = None
    column.custom_field_type = None
    column.flagged = False
    column.reasons.append(reason)


def _confirmation_kept(fm: FileMapping, header: str, target: str) -> None:
    column = fm.columns[header]
    column.target, column.values = None, {}
    column.custom_field, column.custom_field_type = custom_field_name(header), "Text"
    column.reasons.append(f"the booking's confirmation, not {target}: the flags beside it say "
                          f"that; a Text custom field '{column.custom_field}'")


def _flag_meaning(target: str, header: str,
                  meanings: tuple[tuple[str, frozenset[str]], ...] = ()) -> str | None:
    text = " ".join(phrase(header).tokens)
    compact = text.replace(" ", "")
    for status, words in meanings or FLAG_WORDS[target]:
        if any(w in text.split() or (" " in w and w in text) or w.replace(" ", "") == compact
               or _compound_of(w, text) for w in words):
            return status
    return None


def _compound_of(word: str, text: str) -> bool:
    """A long flag word heading a compound of the header (`Tekstiviestimuistutus`, a text
    message reminder, Finnish and German write such words as one): short words are parts of
    too many others to be read so."""
    return len(word) >= COMPOUND_HEAD and " " not in word and any(
        token.startswith(word) for token in text.split())


def _flag_like(col: ColumnProfile, dates: bool) -> bool:
    """Yes/no values, or (`dates`) a date that is set or not (`Cancelled At`)."""
    if not col.non_empty:
        return False
    if dates and col.share_any("date", "datetime") >= SHARE and col.empty:
        return True
    return bool(col.distinct) and not col.distinct_overflow and len(col.distinct) <= 3 and (
        col.share("boolean") >= SHARE or all(v.casefold() in BOOLEAN_TRUE | {"0", "false", "no",
                                                                            "n", "f", ""}
                                             for v in col.distinct))


def _active_flag(target: str, header: str, profile: FileProfile) -> tuple[str, str] | None:
    """(what a set flag says, what none set says) when the status column is an `active` flag."""
    if target not in ACTIVE_FLAGS or not _flag_like(profile.columns.get(header, ColumnProfile()),
                                                    dates=False):
        return None
    return ACTIVE_FLAGS[target] if " ".join(phrase(header).tokens) in ACTIVE_WORDS else None


def _outcomes(col: ColumnProfile) -> bool:
    """A reason column of nothing but how a visit was missed (`Cancelled`, `Late Cancel`, `No
    Show`): a status, not a free reason."""
    seen = [v for v in col.distinct if v.strip()]
    return bool(seen) and not col.distinct_overflow and sum(
        visit_outcome(v) in MISSED for v in seen) >= SHARE * len(seen)


def _status_with_outcomes(fm: FileMapping, reason: str, profile: FileProfile) -> None:
    """The status (`Inactive`, a word for neither) and the reason's outcome together: the
    reason, where it says one, is the status."""
    target = "appointment.status"
    said = {v: o for v in profile.columns[reason].distinct if (o := visit_outcome(v)) in MISSED}
    status = fm.column_of(target)
    if status is None:
        column = fm.columns[reason]
        column.target, column.custom_field, column.custom_field_type = target, None, None
        column.values = said
        column.reasons.append(f"its values say how a visit was missed: {target}")
        return
    own = fm.columns[status].values
    values: dict[str, str] = {}
    for value in profile.columns.get(status, ColumnProfile()).distinct:
        if value in own:
            values[f"{value}|"] = own[value]
        values |= {f"{value}|{r}": o for r, o in said.items()}
    for h in (status, reason):
        left_out(fm.columns[h], f"read into {target} with '{reason}', whose words say how a "
                                "visit was missed")
    fm.combine.append(Combine(target=target, columns=[status, reason], separator="|",
                              values=values, reasons=[
        f"'{reason}' holds only how a visit was missed: where set, it is the status"]))


def propose_reason(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """A column saying why a visit was missed or cancelled (`broken_reason`) beside the
    status, or the flags, that say it was: the status reads it (`Combine.reason`). The
    column keeps its own target (a custom field): the reason is worth keeping as written."""
    target = "appointment.status"
    if fm.kind != "appointment":
        return
    reason = next((h for h in headers if (words := set(phrase(h).tokens)) & REASON_WORDS
                   and words & MISSED_WORDS), None)
    if reason is None:
        said = next((h for h in headers if set(phrase(h).tokens) & REASON_WORDS
                     and not any(h in c.columns for c in fm.combine)
                     and _outcomes(profile.columns.get(h, ColumnProfile()))), None)
        if said is not None and not any(c.target == target for c in fm.combine):
            _status_with_outcomes(fm, said, profile)
        return
    combined = next((c for c in fm.combine if c.target == target), None)
    status = fm.column_of(target)
    if combined is None and status is not None and status != reason:
        column = fm.columns[status]
        combined = Combine(target=target, columns=[status], values=dict(column.values))
        left_out(column, f"read into {target} with '{reason}'")
        fm.combine.append(combined)
    if combined is None or reason in combined.columns:
        return
    combined.reason = reason
    combined.reasons.append(f"'{reason}' says why a visit was missed or cancelled: its words "
                            "say which of the two")


def propose_flags(fm: FileMapping, headers: list[str], profile: FileProfile) -> None:
    """Flags that together say one value (`did_not_arrive` + `patient_arrived`, `Cancelled
    At` set, `Archived At` set, `Email Reminders` + `SMS Reminders`)."""
    taken: set[str] = set()
    for target, unset in FLAG_DEFAULT.items():
        default = unset
        if not target.startswith(f"{fm.kind}."):
            continue
        flags = [(h, m) for h in headers if h not in taken
                 and _flag_like(profile.columns.get(h, ColumnProfile()), target in DATE_FLAGS)
                 and (m := _flag_meaning(target, h)) is not None]
        status = fm.column_of(target)
        if flags and status is not None and set(phrase(status).tokens) & CONFIRMATION_WORDS:
            _confirmation_kept(fm, status, target)
            status = None
        if status is not None and status not in [h for h, _ in flags] and (
                (active := _active_flag(target, status, profile)) is not None):
            flags += [(h, m) for h in headers if h not in taken and h != status
                      and all(h != f for f, _ in flags)
                      and _flag_like(profile.columns.get(h, ColumnProfile()), dates=False)
                      and (m := _flag_meaning(target, h, BESIDE_ACTIVE[target])) is not None]
            if flags:
                flags.append((status, active[0]))
                default = active[1]
        if not flags or len(flags) > 4 or (status is not None
                                           and status not in [h for h, _ in flags]):
            continue  # no flags, or a column of its own says it better
        rank = [m for m, _ in FLAG_WORDS[target]] + [ACTIVE_FLAGS.get(target, ("",))[0]]
        refused = {h for h, _ in flags if target == "patient.contact_preference"
                   and _flag_meaning(target, h, (("refused", REFUSAL_WORDS),)) is not None}
        values: dict[str, str] = {}
        for combo in product("01", repeat=len(flags)):
            said = list(zip(flags, combo, strict=True))
            set_ = [m for (h, m), v in said if v == "1" and h not in refused]
            # no channel asked for: one the patient did not refuse, else none
            set_ = set_ or [m for (h, m), v in said if v == "0" and h in refused]
            values["|".join(combo)] = min(set_, key=rank.index) if set_ else default
        columns = [h for h, _ in flags]
        taken.update(columns)
        for h in columns:
            left_out(fm.columns[h], f"read into {target} with the other flags")
        fm.combine.append(Combine(target=target, columns=columns, separator="|", as_flags=True,
                                  values=values, reasons=[
            "set flags " + ", ".join(f"'{h}' ({'no ' if h in refused else ''}{m})"
                                     for h, m in flags) + " say it; "
            f"none set: {default}" + (", where not refused: the channel" if refused else "")]))
    propose_reason(fm, headers, profile)


# Words of an invoice that was never owed: voided or cancelled (raised twice, by mistake).
VOID_WORDS = frozenset({"void", "voided", "cancelled", "canceled", "annulled", "deleted",
                        "anulada", "anulado", "cancelada", "cancelado", "annulee", "annule",
                        "annullata", "annullato", "storniert", "storno", "geannuleerd",
                        "vervallen", "anulowana", "anulowany", "makulerad", "makulerat"})
VOID_SHARE = 0.5  # voided invoices are the exception: a status most rows say is no void


def propose_void(fm: FileMapping, profile: FileProfile) -> None:
    """Invoices whose status says void or cancelled owe nothing: they are left out on purpose
    (`route` to drop), not landed as balances of zero beside the real ones."""
    status = fm.column_of("billing.billing_status")
    if fm.kind != "billing" or fm.route is not None or status is None:
        return
    col = profile.columns.get(status, ColumnProfile())
    if col.distinct_overflow or not col.non_empty:
        return
    void = {v: DROP for v in col.distinct if " ".join(phrase(v).tokens) in VOID_WORDS
            or v.strip().casefold() in VOID_WORDS}
    if not void or sum(col.distinct[v] for v in void) >= VOID_SHARE * col.non_empty:
        return
    fm.route = Route(column=status, values=void, reasons=[
        f"'{status}' {', '.join(sorted(void))}: an invoice voided or cancelled owes nothing, "
        "left out"])
