"""The mapping file can send a kind to another Nutshell object; unsupported targets are refused."""

from __future__ import annotations

from domain.nutshell.retarget import retarget
from domain.nutshell.types import Blocked, Built

ACTIVITY = Built("activities", {"name": "Check-up: Ada", "description": "Room 1",
                                "startTime": 1700000000, "endTime": 1700003600, "isLogged": True,
                                "links": {"participants": ["7-contacts", "3-users"]}},
                 None, "3-users")


def test_an_activity_as_a_task_on_the_patient() -> None:
    task = retarget(ACTIVITY, "tasks")
    assert isinstance(task, Built) and task.entity == "tasks"
    assert task.record["title"] == "Check-up: Ada"
    assert task.record["dueTime"] == "1700000000"
    assert task.record["links"] == {"relatedEntity": "7-contacts", "assignee": "3-users"}


def test_an_activity_as_a_note_on_the_patient() -> None:
    note = retarget(ACTIVITY, "notes")
    assert isinstance(note, Built) and note.entity == "notes"
    assert note.record == {"body": "Check-up: Ada\nRoom 1", "links": {"parent": "7-contacts"}}


def test_a_task_back_as_an_activity() -> None:
    task = retarget(ACTIVITY, "tasks")
    assert isinstance(task, Built)
    again = retarget(task, "activities")
    assert isinstance(again, Built) and again.record["startTime"] == 1700000000
    assert again.record["links"] == {"participants": ["7-contacts", "3-users"]}


def test_an_unsupported_target_is_refused_with_a_reason() -> None:
    refused = retarget(Built("notes", {"body": "x", "links": {"parent": "7-contacts"}}), "leads")
    assert isinstance(refused, Blocked) and "notes to leads" in refused.reason
    assert retarget(ACTIVITY, "activities") is ACTIVITY
