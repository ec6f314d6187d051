"""The Nutshell writes a rollback's compensations are made of: deleting what an operation
created (its uploaded files first), putting back what it overwrote (a lead's status through
its status endpoint), and checking that a deleted file can no longer be read."""

from __future__ import annotations

from typing import Any

from domain.errors import NotFound
from domain.ports import NutshellAPI
from domain.records.aggregate import ClinicRecord


def restore(api: NutshellAPI, entity: str, nutshell_id: str,
            ops: list[dict[str, Any]]) -> None:
    """The values we overwrote put back (the port sends a lead's status through Nutshell's
    status endpoint: it is read-only to PATCH)."""
    api.patch(entity, nutshell_id, ops)


def delete_created(api: NutshellAPI, record: ClinicRecord, op_key: str, entity: str,
                   nutshell_id: str) -> None:
    """Every object the operation created, newest first (a lead, then its prospect Person);
    the files uploaded to one are deleted before it."""
    op = next(o for o in record.operations if o["op_key"] == op_key)
    created = [r for r in op.get("results") or [] if r.get("action") == "create"]
    uploaded = {(r["entity"], r["id"]) for r in op.get("results") or []
                if r.get("action") == "upload"}
    for res in reversed(created or [{"entity": entity, "id": nutshell_id}]):
        try:
            if (res["entity"], res["id"]) in uploaded:
                api.remove_files(res["entity"], res["id"])
            api.delete(res["entity"], res["id"])
        except NotFound:
            pass  # already gone: the compensation's goal holds


def detach_files(api: NutshellAPI, record: ClinicRecord, op_key: str) -> None:
    """The files the operation attached to a record it did not create, each detached (and so
    deleted); the record's other files stay."""
    op = next(o for o in record.operations if o["op_key"] == op_key)
    for res in op.get("results") or []:
        if res.get("action") == "upload":
            try:
                api.remove_file(str(res["entity"]), str(res["id"]), str(res["file"]))
            except NotFound:
                pass  # the record is gone, and its files with it


def file_readable(api: NutshellAPI, upload: dict[str, Any]) -> bool:
    if not upload.get("uri"):
        return False
    try:
        for _ in api.read_file(str(upload["uri"]), start=0, end=0):
            pass
    except NotFound:
        return False
    return True
