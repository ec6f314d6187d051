"""The operator's override of a kind's target object (`nutshell.<kind>.entity` in the mapping
file): a record built for one Nutshell object, rewritten for another.

Supported: an activity (appointment, communication) as a task on the patient, or as a note on
the patient's Person; a task as a logged activity. Anything else is refused with a reason, so
the record is reported as not sent rather than quietly written somewhere unexpected.
"""

from __future__ import annotations

from domain.nutshell.types import Blocked, Built
from domain.ports import JSON


def _contact_of(record: dict[str, JSON]) -> str | None:
    links = record.get("links") or {}
    ids = links.get("participants") if isinstance(links, dict) else None
    for value in ids if isinstance(ids, list) else []:
        if isinstance(value, str) and value.endswith("-contacts"):
            return value
    related = links.get("relatedEntity") if isinstance(links, dict) else None
    return related if isinstance(related, str) else None


def retarget(built: Built, entity: str) -> Built | Blocked:
    if entity == built.entity:
        return built
    record, contact = built.record, _contact_of(built.record)
    if built.entity == "activities" and entity == "tasks":
        task: dict[str, JSON] = {"title": record.get("name"), "description": record.get("description"),
                                 "dueTime": str(record.get("startTime")),
                                 "links": {"relatedEntity": contact, "assignee": built.acting_user}}
        return Built("tasks", task, None, built.acting_user)
    if built.entity == "activities" and entity == "notes" and contact:
        body = "\n".join(str(part) for part in (record.get("name"), record.get("description"))
                         if part)
        return Built("notes", {"body": body, "links": {"parent": contact}})
    if built.entity == "tasks" and entity == "activities":
        due = int(str(record.get("dueTime") or 0))
        links = record.get("links") or {}
        assignee = links.get("assignee") if isinstance(links, dict) else None
        activity: dict[str, JSON] = {
            "name": record.get("title"), "description": record.get("description"),
            "startTime": due, "endTime": due, "isLogged": False,
            "links": {"participants": [p for p in (contact, assignee) if p]}}
        return Built("activities", activity, None, built.acting_user)
    return Blocked(f"the mapping sends {built.entity} to {entity}: not a supported target")
