"""Activities and notes built from canonical records: appointments, communications, clinical
notes and documents (all hang off the patient's Person and need it to have an id first).

Activities carry Unix seconds, `isLogged` and `links.participants` (the Person and the user
who owns it); notes are `{"body", "links": {"parent": "<id>-contacts"}}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.mapping import MappingDocument
from domain.nutshell.types import Blocked, Built, PushContext, Skipped
from domain.nutshell.values import (
    drop_empty,
    iso_date,
    local_stamp,
    person_name,
    present,
    text,
    unix_seconds,
)
from domain.ports import JSON
from domain.records.note_content import parse_note


def _participants(patient_id: str, owner: str) -> dict[str, JSON]:
    return {"participants": [patient_id, owner]}


def _patient_and_owner(f: Mapping[str, Any], staff_field: str,
                       ctx: PushContext) -> tuple[str, str] | Blocked:
    psid = text(f.get("patient_source_id"))
    # a patient row routed to a lead (a prospective client) keeps its bookings: they are the
    # lead's activities
    pid = (ctx.nutshell_id("patient", psid) or ctx.nutshell_id("lead", psid)) if psid else None
    if not pid:
        return Blocked("patient has no Nutshell id yet", [("patient", psid)])
    staff = text(f.get(staff_field)) or None
    owner = ctx.owner_for(staff)
    if not owner:
        return Blocked("no resolved owner for the activity",
                       [("provider", staff)] if staff else [])
    return pid, owner


def _name_of(ctx: PushContext, kind: str, sid: Any) -> str:
    s = text(sid)
    rec = ctx.record(kind, s) if s else None
    return person_name(dict(rec), "") if rec else ""


# Nutshell keeps activity times as Unix seconds and refuses negative ones: such an activity is
# reported as skipped (its record stays in the log, the report lists it), never sent to fail.
BEFORE_EPOCH = "dated before 1970-01-01: Nutshell activity times cannot hold it"


def _who_and_when(f: Mapping[str, Any], staff_field: str, time_field: str, no_time: str,
                  ctx: PushContext) -> tuple[str, str, int] | Blocked | Skipped:
    """An activity's patient, owner and start (Unix seconds), or why it cannot be sent."""
    got = _patient_and_owner(f, staff_field, ctx)
    if isinstance(got, Blocked):
        return got
    start = unix_seconds(f.get(time_field))
    if start is None:
        return Blocked(no_time)
    if start < 0:
        return Skipped(BEFORE_EPOCH)
    return got[0], got[1], start


def _activity_type(ctx: PushContext, doc: MappingDocument, kind: str, value: str,
                   default: str) -> str | None:
    """The instance's activity type (GET /activitytypes) for an appointment type or a channel:
    the operator's choice in the mapping, else a type of that name, else the kind's default."""
    target = doc.nutshell.get(kind)
    chosen = target.activity_types.get(value) if target is not None else None
    return (ctx.activity_type((chosen or value).casefold())
            or ctx.activity_type(default))


def build_appointment(sid: str, f: Mapping[str, Any], ctx: PushContext,
                      doc: MappingDocument) -> list[Built] | Blocked | Skipped:
    got = _who_and_when(f, "provider_source_id", "starts_at", "appointment has no start time", ctx)
    if isinstance(got, Blocked | Skipped):
        return got
    pid, owner, start = got
    end = unix_seconds(f.get("ends_at")) or start
    kind_label = text(f.get("appointment_type")) or "Appointment"
    patient = (_name_of(ctx, "patient", f.get("patient_source_id"))
               or _name_of(ctx, "lead", f.get("patient_source_id")))
    status = text(f.get("status")).lower()
    lines = [f"Appointment type: {kind_label}"]
    provider = _name_of(ctx, "provider", f.get("provider_source_id"))
    if provider:
        lines.append(f"Provider: {provider}")
    if present(f.get("location")):
        lines.append(f"Location: {text(f.get('location'))}")
    if status:
        lines.append(f"Status: {status.replace('_', '-')}")
    if doc.settings.clinical_content and present(f.get("notes")):
        lines.append(f"Notes: {text(f.get('notes'))}")
    lines.append(f"Clinic appointment ID: {sid}")
    title = f"{kind_label}: {patient}" if patient else kind_label
    if status in {"cancelled", "no_show"}:
        title += f" ({status.replace('_', '-')})"
    future = start > ctx.now()
    if future and doc.settings.future_appointments_as_tasks and status not in {"cancelled",
                                                                               "no_show"}:
        task = {"title": title, "description": "\n".join(lines), "dueTime": str(start),
                "links": {"relatedEntity": pid, "assignee": owner}}
        return [Built("tasks", task, None, owner)]
    rec: dict[str, JSON] = drop_empty({
        "name": title,
        "description": "\n".join(lines),
        "location": text(f.get("location")),
        "activityType": _activity_type(ctx, doc, "appointment", kind_label, "appointment"),
    })
    # Nutshell records a cancelled activity as isCancelled; a no-show did not take place
    # either: cancelled too, the status line says which.
    missed = status in {"cancelled", "no_show"}
    rec.update({"startTime": start, "endTime": max(end, start),
                "isLogged": not future and not missed, "isCancelled": missed,
                "links": _participants(pid, owner)})
    return [Built("activities", rec, None, owner)]


def build_communication(sid: str, f: Mapping[str, Any], ctx: PushContext,
                        doc: MappingDocument) -> list[Built] | Blocked | Skipped:
    got = _who_and_when(f, "staff_source_id", "occurred_at", "communication has no time", ctx)
    if isinstance(got, Blocked | Skipped):
        return got
    pid, owner, start = got
    channel = text(f.get("channel")).lower() or "call"
    direction = text(f.get("direction")).lower()
    minutes = f.get("duration_minutes")
    try:
        seconds = max(0, int(float(text(minutes)) * 60)) if present(minutes) else 0
    except ValueError:
        seconds = 0
    title = text(f.get("subject")) or f"{channel.capitalize()} ({direction or 'logged'})"
    lines = [f"Channel: {channel}"] + ([f"Direction: {direction}"] if direction else [])
    if doc.settings.clinical_content and present(f.get("body")):
        lines += ["", text(f.get("body"))]
    lines.append(f"Clinic communication ID: {sid}")
    rec: dict[str, JSON] = drop_empty({
        "name": title, "description": "\n".join(lines),
        "activityType": _activity_type(ctx, doc, "communication", channel, channel),
    })
    rec.update({"startTime": start, "endTime": start + seconds, "isLogged": True,
                "links": _participants(pid, owner)})
    return [Built("activities", rec, None, owner)]


def _note_parent(f: Mapping[str, Any], ctx: PushContext) -> str | Blocked:
    psid = text(f.get("patient_source_id"))
    pid = ctx.nutshell_id("patient", psid) if psid else None
    return pid or Blocked("patient has no Nutshell id yet", [("patient", psid)])


def build_clinical_note(sid: str, f: Mapping[str, Any], ctx: PushContext,
                        doc: MappingDocument) -> list[Built] | Blocked | Skipped:
    """A note on the patient's Person, its HTML or RTF as plain text; the images it embedded
    go as files on a logged activity beside it (notes take no files), named in the text."""
    parent = _note_parent(f, ctx)
    if isinstance(parent, Blocked):
        return parent
    author = _name_of(ctx, "provider", f.get("author_source_id")) or (
        f"staff {text(f.get('author_source_id'))}" if present(f.get("author_source_id"))
        else "unknown author")
    content, images = parse_note(str(f.get("body") or ""))
    moved = [i for i in images if not i.remote]
    header = f"[{local_stamp(f.get('created_at'), doc.settings.timezone) or 'undated'}, {author}]"
    parts = [header, text(f.get("title")), "", content.strip()]
    if moved:
        parts += ["", f"Images attached to the activity \"{_images_title(sid)}\": "
                  + ", ".join(i.name for i in moved)]
    body = "\n".join(p for i, p in enumerate(parts) if p or i == 2)
    # written as its author's Nutshell user where the staff member was matched to one
    author_user = ctx.owner_for(text(f.get("author_source_id")) or None)
    note = Built("notes", {"body": body.strip(), "links": {"parent": parent}}, None,
                 author_user)
    if not moved:
        return [note]
    got = _patient_and_owner(f, "author_source_id", ctx)
    if isinstance(got, Blocked):
        return got
    pid, owner = got
    start = unix_seconds(f.get("created_at"))
    activity: dict[str, JSON] = {
        "name": _images_title(sid), "description": f"Images embedded in clinical note {sid}",
        "isLogged": True, "links": _participants(pid, owner)}
    if start is not None and start >= 0:  # else logged when Nutshell receives it
        activity.update({"startTime": start, "endTime": start})
    return [Built("activities", activity, None, owner,
                  files=tuple(i.meta("clinical_note", sid) for i in moved)), note]


def _images_title(sid: str) -> str:
    return f"Images from clinical note {sid}"


def upload_metas(kind: str, sid: str, f: Mapping[str, Any]) -> list[dict[str, JSON]]:
    """The files a record's plan uploads (verify compares each with its source)."""
    if kind == "document":
        return [document_file(sid, f)] if text(f.get("path")) and not present(f.get(NO_FILE)) \
            else []
    if kind == "clinical_note":
        _, images = parse_note(str(f.get("body") or ""))
        return [i.meta(kind, sid) for i in images if not i.remote]
    return []


def document_file(sid: str, f: Mapping[str, Any]) -> dict[str, JSON]:
    """What the executor uploads for a document: where it is in the export and what the
    export says it holds (the sha256 verify compares against; empty when the export gives
    none, and then the file as read is the reference)."""
    name = text(f.get("filename")) or text(f.get("path")).rsplit("/", 1)[-1] or f"document-{sid}"
    size = f.get("size_bytes")
    try:
        size_n: int | None = int(float(text(size))) if present(size) else None
    except ValueError:
        size_n = None
    return {"path": text(f.get("path")), "name": name,
            "mime": text(f.get("content_type")) or "application/octet-stream",
            "size": size_n, "sha256": text(f.get("sha256")).lower()}


def build_document(sid: str, f: Mapping[str, Any], ctx: PushContext,
                   doc: MappingDocument) -> list[Built] | Blocked | Skipped:
    """A logged "Document" activity on the patient's timeline, the file attached to it (only
    logged activities and leads take files in Nutshell); a lead's document (one naming a
    lead and no patient) goes onto the lead itself."""
    if not text(f.get("patient_source_id")) and text(f.get("lead_source_id")):
        return _lead_document(sid, f, ctx)
    got = _patient_and_owner(f, "", ctx)
    if isinstance(got, Blocked):
        return got
    pid, owner = got
    start = unix_seconds(f.get("created_at"))
    if start is not None and start < 0:
        return Skipped(BEFORE_EPOCH)
    file = document_file(sid, f)
    if not file["path"] or present(f.get(NO_FILE)):
        return [_fileless_note(sid, f, file, pid, owner)]
    lines = [f"Document: {file['name']}"]
    for label, key in (("Category", "category"), ("Type", "content_type"),
                       ("Size (bytes)", "size_bytes"), ("SHA-256", "sha256"),
                       ("Kept at", "path"), ("Description", "description")):
        if present(f.get(key)):
            lines.append(f"{label}: {text(f.get(key))}")
    if present(f.get("created_at")):
        lines.append(f"Original date: {iso_date(f.get('created_at'))}")
    lines.append(f"Clinic document ID: {sid}")
    rec: dict[str, JSON] = drop_empty({
        "name": f"Document: {file['name']}", "description": "\n".join(lines),
        "activityType": ctx.activity_type("document"),
    })
    if start is not None:  # an undated one is logged when Nutshell receives it
        rec.update({"startTime": start, "endTime": start})
    rec.update({"isLogged": True, "links": _participants(pid, owner)})
    return [Built("activities", rec, None, owner, files=(file,))]


# Set by the push on a document whose path names no file in the export: its row still lands.
NO_FILE = "_file_not_in_export"
FILELESS = "its file is not in the export"


def _fileless_note(sid: str, f: Mapping[str, Any], file: Mapping[str, JSON], pid: str,
                   owner: str | None) -> Built:
    """A document the export lists without its file: a note on the patient's Person saying
    what the source says of it (the design's fallback), so the row is not lost; a SHA-256
    only as the export gives it (there are no bytes to hash)."""
    lines = [f"Document: {file['name']} ({FILELESS})"]
    for label, key in (("Category", "category"), ("Type", "content_type"),
                       ("Size (bytes)", "size_bytes"), ("SHA-256 (as listed)", "sha256"),
                       ("Listed at", "path"), ("Description", "description")):
        if present(f.get(key)):
            lines.append(f"{label}: {text(f.get(key))}")
    if present(f.get("created_at")):
        lines.append(f"Original date: {iso_date(f.get('created_at'))}")
    lines.append(f"Clinic document ID: {sid}")
    return Built("notes", {"body": "\n".join(lines), "links": {"parent": pid}}, None, owner)


def _lead_document(sid: str, f: Mapping[str, Any], ctx: PushContext) -> list[Built] | Blocked | Skipped:
    lead = text(f.get("lead_source_id"))
    if not ctx.nutshell_id("lead", lead):
        if ctx.record("lead", lead) is None:
            return Skipped("its lead is not in the export: no record to attach the file to")
        return Blocked("lead has no Nutshell id yet", [("lead", lead)])
    file = document_file(sid, f)
    if not file["path"]:
        return Skipped("document has no path in the export: no file to upload")
    return [Built("leads", {}, files=(file,), attach_to=("lead", lead))]
