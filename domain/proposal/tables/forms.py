"""A form's answers: one row a questionnaire a client submitted (an intake form), the form's
name in a column or the file's, the answers in columns named by their questions.

Such a row is a clinical note (canonical-model.md: a note on the patient's Person): the form's
name its title, the answers no field holds its body; answers that are fields of the patient's
other records (allergies, how they heard of the clinic, who referred them) become those
records, the note's patient theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.mapping import Combine, FileMapping
from domain.proposal.profile import ColumnProfile, FileProfile
from domain.proposal.text import phrase

NOTE = "clinical_note"
# Words for a form or a questionnaire, in the languages the vocabulary reads.
FORM_WORDS = frozenset({
    "form", "intake", "questionnaire", "survey", "formulaire", "formulario", "cuestionario",
    "encuesta", "fragebogen", "anamnesebogen", "formular", "modulo", "questionario",
    "vragenlijst", "formulier", "intakeformulier"})
# Words a header naming the form may add (`Form name`, `Nome modulo`, `Titel`).
LABEL_WORDS = frozenset({"name", "title", "type", "template", "nom", "nombre", "nome",
                         "naam", "titel", "titre", "titulo", "titolo", "tipo", "typ"})
# Fields of other records an answer may be (SATELLITES of the form's note).
CARRIED: dict[str, tuple[str, ...]] = {
    "allergy_condition": ("name",),
    "referral": ("referrer_name", "referral_type"),
}


def form_column(headers: Sequence[str]) -> str | None:
    """The column naming the form each row answers: a form word, maybe with a label word."""
    for header in headers:
        words = set(phrase(header).tokens)
        if words & FORM_WORDS and words <= FORM_WORDS | LABEL_WORDS:
            return header
    return None


def named_forms(file_name: str) -> bool:
    """The file's (or sheet's) name says forms (`Medical History Forms`)."""
    stem = file_name.partition("#")[2] or file_name.rsplit(".", 1)[0]
    return bool(set(phrase(stem).tokens) & FORM_WORDS)


def holds_forms(file_name: str, headers: Sequence[str]) -> bool:
    """Whether the file's rows are submitted forms, by a column or the file's name."""
    return form_column(headers) is not None or named_forms(file_name)


def _answer(header: str, col: ColumnProfile) -> bool:
    """A column of written answers: words, not ids, dates or numbers."""
    seen = [v for v in col.distinct if v.strip()]
    return bool(seen) and phrase(header).tokens[-1:] != ("id",) and col.share_any(
        "date", "datetime", "integer", "decimal", "money", "boolean") < 0.5 and sum(
        any(c.isalpha() for c in v) for v in seen) == len(seen)


WEAK_TITLE = 0.85  # a title taken by a generic word's weak synonym, below the form's name


def propose_form(fm: FileMapping, headers: Sequence[str], profile: FileProfile) -> None:
    """The form's name as the note's title; the answers no field holds as its body."""
    if fm.kind != NOTE:
        return
    named = form_column(headers)
    title = f"{NOTE}.title"
    if named is not None:
        for h, c in fm.columns.items():
            if h != named and c.target == title and c.confidence < WEAK_TITLE:
                # a generic word (`description`) gives way to the form's name: an answer
                c.target = None
                c.reasons.append(f"not the title: '{named}' names the form")
    if named is not None and not any(c.target == title for h, c in fm.columns.items()
                                     if h != named):
        column = fm.columns[named]
        column.target, column.custom_field, column.custom_field_type = title, None, None
        column.reasons = [r for r in column.reasons if "custom field" not in r]
        column.confidence, column.flagged = 0.8, False
        column.reasons.append(f"'{named}' names the form each row answers: the note's title")
    body = f"{NOTE}.body"
    if any(c.target == body for c in fm.columns.values()):
        return
    answers = [h for h, c in fm.columns.items() if c.target is None and h != named
               and _answer(h, profile.columns.get(h, ColumnProfile()))]
    if len(answers) == 1:
        column = fm.columns[answers[0]]
        column.target, column.custom_field, column.custom_field_type = body, None, None
        column.reasons = [r for r in column.reasons if "custom field" not in r]
        column.confidence, column.flagged = 0.75, False
        column.reasons.append("the one written answer no field holds: the note's body")
    elif answers:
        fm.combine.append(Combine(target=body, columns=answers, separator="\n", reasons=[
            "the written answers no field holds, one a line: the note's body"]))


# Header words of a part of a consultation's record (the complaint, what was found, the
# diagnosis, the plan, the notes), as singular tokens, in the languages the vocabulary reads.
PART_WORDS = frozenset({
    "complaint", "symptom", "observation", "finding", "examination", "exam", "diagnosis",
    "diagnose", "assessment", "impression", "plan", "advice", "recommendation", "note",
    "remark", "comment", "subjective", "objective", "history", "anamnesis", "investigation",
    "prescription", "instruction", "conclusion", "motivo", "sintoma", "exploracion",
    "diagnostico", "observacione", "observacao", "observacoe", "nota", "queixa", "conduta",
    "motif", "symptome", "examen", "diagnostic", "remarque", "beschwerden", "befund",
    "anamnese", "bemerkung", "bemerkungen", "notiz", "notizen", "therapie",
    "anamnesi", "esame", "diagnosi", "terapia", "klacht", "bevinding",
    "opmerking", "notitie", "behandelplan"})


def propose_note_parts(fm: FileMapping, headers: Sequence[str], profile: FileProfile) -> None:
    """A consultation written in several columns (`Complaints`, `Observations`, `Diagnoses`,
    `Notes`): together they are the note's body, one a line in the file's order; one of them
    alone would leave the others out of the note (or, a sentence read as an id, the note out)."""
    body = f"{NOTE}.body"
    if fm.kind != NOTE or any(c.target == body for c in fm.combine):
        return
    # a title taken by a weak likeness (`Notes` for a note's title) is a part as well
    free = {h for h, c in fm.columns.items() if c.target in (None, body) or (
        c.target == f"{NOTE}.title" and c.confidence < WEAK_TITLE)}
    parts = [h for h in headers if h in free and set(phrase(h).tokens) & PART_WORDS
             and _answer(h, profile.columns.get(h, ColumnProfile()))]
    if len(parts) < 2:
        return
    for header in parts:
        column = fm.columns[header]
        column.target, column.custom_field, column.custom_field_type = None, None, None
        column.confidence, column.flagged = max(column.confidence, 0.75), False
        # a rival's claim on a field this column no longer takes is no longer a doubt
        column.reasons = [r for r in column.reasons if "fits it better" not in r]
        column.reasons.append("a part of the consultation: read into the note's body")
    fm.combine.append(Combine(target=body, columns=parts, separator="\n", reasons=[
        "the consultation's parts (" + ", ".join(f"'{h}'" for h in parts)
        + "), one a line: the note's body"]))
