"""Post-migration documents (Markdown text) for the clinic's staff and compliance officer.

Pure text builders: the CLI writes them under HOME/reports/. They hold names, counts, ids and
hashes only, never field values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from domain.mapping import MappingDocument
from domain.nutshell.fields import RUN_ORDER, cf_name, kind_enabled
from domain.ports import CustomFieldSpec

_ENTITY_UI = {"contacts": "People", "accounts": "Companies", "leads": "Leads"}


def _md_cell(s: object) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def custom_field_checklist(specs: Iterable[CustomFieldSpec]) -> str:
    """Every custom field the migration creates, for the administrator to review in
    Nutshell's setup (order, visibility, who may edit)."""
    specs = list(specs)
    lines = ["# Custom fields created by the migration", "",
             "Check each one in Nutshell (Setup > Fields): placement on the record page, "
             "required/optional, and who may edit it. Definitions cannot be deleted through "
             "the API, so remove unwanted ones by hand after the rollback window.", ""]
    for entity in ("contacts", "accounts", "leads"):
        mine = [s for s in specs if s.entity == entity]
        if not mine:
            continue
        lines += [f"## {_ENTITY_UI[entity]} ({entity})", "",
                  "| done | field | type | choices |", "|---|---|---|---|"]
        for s in mine:
            choices = ", ".join(s.choices) + (" (several allowed)" if s.is_multiple else "")
            lines.append(f"| [ ] | {_md_cell(s.name)} | {s.type} | {_md_cell(choices)} |")
        lines.append("")
    if not specs:
        lines += ["No custom fields are needed.", ""]
    lines += [
        "## Activities and notes: no custom fields", "",
        "Nutshell's API has custom fields on People, Companies and Leads only. What the clinic "
        "keeps on appointments and messages goes to the activity's own fields, and the "
        "verification checks each one there:", "",
        "- appointment type and channel (call, email, SMS, letter, meeting) -> the activity "
        "type (`GET /activitytypes`: a type of the same name, else the kind's default; the "
        "mapping's `nutshell.<kind>.activity_types` chooses another);",
        "- location -> the activity's location;",
        "- status -> cancelled and no-show appointments are `isCancelled` (not logged), with a "
        "`Status:` line in the agenda saying which;",
        "- provider or staff member -> the user who logged the activity (made as that user);",
        "- a note's original date-time and author -> its first line `[YYYY-MM-DD HH:MM, "
        "author]` in the clinic's time, the note written as the author's user where matched.",
        "",
        "A vendor column proposed as a custom field on a file of appointments or messages "
        "cannot be held: the column ledger reports it as unaccounted until the mapping drops "
        "it with a reason or sends it elsewhere.", ""]
    return "\n".join(lines)


# What the clinic software does that Nutshell's data import cannot carry.
_NOT_MOVED: dict[str, list[str]] = {
    "appointment": [
        "appointment reminders (SMS/email) sent by the clinic software: set up Nutshell "
        "sequences or keep the scheduling tool's reminders",
        "recurring appointment series: each past or booked visit moved as its own activity; "
        "recreate the recurrence in the calendar you keep",
        "online booking and waitlists",
    ],
    "insurance_verification": [
        "insurance verification sequences and eligibility checks (payer portals, 270/271): "
        "only the latest status moved, as 'Insurance Verification'",
    ],
    "insurance": ["claims, ERA/EOB history and payer contracts"],
    "billing": ["statements, payment schedules and collections workflows: balances moved as "
                "a snapshot ('Outstanding Balance' on the migration date)"],
    "communication": ["automated recall and birthday messages"],
    "clinical_note": ["charting templates, signatures and amendments"],
    "document": ["e-signature and consent-form workflows"],
    "lead": ["web-form and call-tracking automations that created inquiries"],
    "patient": ["patient portal accounts and logins",
                "family/guarantor links between patients (only the Company link moved)"],
    "provider": ["staff schedules, permissions and user accounts: Nutshell users are invited "
                 "by an administrator"],
}


def workflow_rebuild_inventory(doc: MappingDocument, counts: Mapping[str, int]) -> str:
    """What does not move with the data and has to be rebuilt in Nutshell."""
    lines = ["# Workflows to rebuild in Nutshell", "",
             "The migration moves records. These behaviours of the clinic software do not "
             "move and need an owner and a date.", "",
             "| area | records | to rebuild | owner | done |", "|---|---|---|---|---|"]
    for kind in RUN_ORDER:
        n = counts.get(kind, 0)
        if not n:
            continue
        for item in _NOT_MOVED.get(kind, []):
            lines.append(f"| {kind} | {n} | {_md_cell(item)} |  | [ ] |")
        if not kind_enabled(doc, kind):
            why = "clinical content not opted in" if doc.nutshell.get(kind) is None \
                or doc.nutshell[kind].enabled else "disabled in the mapping"
            lines.append(f"| {kind} | {n} | records not moved ({why}): keep the source "
                         "system's copy available |  | [ ] |")
    lines += ["", "Always: automations, email templates, pipelines and reports configured in "
                  "the clinic software; integrations (labs, imaging, payment processors).", ""]
    return "\n".join(lines)


def operations_guide(doc: MappingDocument) -> str:
    """For clinic staff: where things are in Nutshell after the move."""
    n = lambda kind, field: cf_name(doc, kind, field)  # noqa: E731 - a short local alias
    clinical = doc.settings.clinical_content
    lines = [
        "# Working in Nutshell after the migration", "",
        "## Finding a patient",
        f"- Patients are People. Search by name, email or phone, or filter People by "
        f"'{n('patient', 'source_id')}' (the clinic software's patient number) or "
        f"'{n('patient', 'chart_number')}'.",
        "- A patient's history is on their Person page: the Activity timeline holds past "
        "appointments and logged calls/emails/SMS at their original dates"
        + ("; clinical notes and document records are Notes on the same page." if clinical
           else "; clinical notes were not moved (clinical content not opted in)."),
        f"- The date a patient was first registered is '{n('patient', 'created_at')}' "
        "(Nutshell's own created date is the migration date).", "",
        "## Updating insurance",
        f"- Edit '{n('insurance', 'carrier_name')}', '{n('insurance', 'member_id')}', "
        f"'{n('insurance', 'group_number')}' and '{n('insurance', 'copay')}' on the Person. "
        f"Only the primary policy has its own fields; others are listed in "
        f"'{n('insurance', '_secondary')}'.",
        f"- After checking eligibility set '{n('insurance_verification', 'status')}' and "
        f"'{n('insurance_verification', 'verified_at')}'.", "",
        "## Logging appointments",
        "- Log a visit as an Activity on the patient's Person (type: the appointment type; "
        "participants: the patient and the provider). Cancelled and no-show visits keep their "
        "status in the activity title and description.",
        "- Upcoming visits " + ("were created as Tasks due at their start time."
                                if doc.settings.future_appointments_as_tasks
                                else "were created as scheduled (not yet logged) activities."),
        "", "## Leads",
        f"- Inquiries are Leads; '{n('lead', 'status')}' tells scheduled from no-show, and "
        f"'{n('lead', 'source_id')}' links back to the clinic software.", "",
        "## Billing",
        f"- '{n('billing', 'outstanding_balance')}' is a snapshot from the migration date; "
        "keep the billing system as the record of payments.", "",
    ]
    return "\n".join(lines)


def phi_review_list(records_summary: Iterable[Mapping[str, Any]]) -> str:
    """For the compliance officer: records held back or carrying clinical content.

    Each summary row: kind, source_id and optionally reason, file, row, hash (phi_hash of the
    record), status. Values are never shown."""
    rows = sorted(records_summary, key=lambda r: (str(r.get("kind", "")),
                                                  str(r.get("source_id", ""))))
    lines = ["# PHI review list", "",
             "Records that need a compliance decision before (or after) they move. Identified "
             "by kind, source id, source file/row and a hash; look the content up in the "
             "clinic system.", ""]
    if not rows:
        return "\n".join(lines + ["Nothing to review.", ""])
    lines += ["| kind | source id | reason | file | row | hash | status | decision |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        cells = [r.get(k, "") for k in ("kind", "source_id", "reason", "file", "row", "hash",
                                        "status")]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " | [ ] clear / [ ] hold |")
    return "\n".join(lines + [""])
