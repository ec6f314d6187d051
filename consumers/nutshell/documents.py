"""Documents' bytes: read from inside the export, held when over the per-file limit, uploaded
through the Nutshell port, and read back for verification.

A document whose file is missing, outside the export or over the limit is held (reported
with the reason, the limit included) and stays pending for a later run: never truncated,
never sent half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from adapters.sources.export_files import ExportFiles, FileNotInExport
from consumers.bootstrap import Engine
from domain.errors import FileTooLarge, SourceError
from domain.nutshell.activities import upload_metas
from domain.ports import JSON, NutshellAPI
from domain.records.note_content import parse_note

Fields = Callable[[str, str], Mapping[str, Any] | None]


class Documents:
    def __init__(self, engine: Engine, api: NutshellAPI, fields_of: Fields | None = None) -> None:
        run = engine.run()
        self.export = ExportFiles(getattr(run, "export_folders", []) or [])
        self.limit = engine.settings.max_file_bytes
        self.api = api
        self.run_name = engine.settings.run_name
        self.fields_of = fields_of or self._record_fields
        self.engine = engine

    def _record_fields(self, kind: str, source_id: str) -> Mapping[str, Any] | None:
        record = self.engine.app.record(self.run_name, kind, source_id)
        return record.fields if record is not None else None

    def hold_reason(self, kind: str, source_id: str, fields: Mapping[str, Any]) -> str | None:
        """Why a record's files cannot be uploaded now (no values), or None."""
        for meta in upload_metas(kind, source_id, fields):
            if meta.get("inline") is not None:
                size = int(meta.get("size") or 0)
            else:
                try:
                    size = self.export.locate(str(meta["path"])).size
                except FileNotInExport as exc:
                    if kind == "document":
                        continue  # it lands as a note without its file (see fileless)
                    return str(exc)
                except SourceError as exc:
                    return str(exc)
            if size > self.limit:
                return (f"file of {size} bytes is over the per-file limit of {self.limit} "
                        "bytes: held, not truncated")
        return None

    def fileless(self, kind: str, source_id: str, fields: Mapping[str, Any]) -> bool:
        """A document whose path names no file in the export: it lands as a note saying what
        the export says of it (a path outside the export stays held)."""
        if kind != "document":
            return False
        for meta in upload_metas(kind, source_id, fields):
            try:
                self.export.locate(str(meta["path"]))
            except FileNotInExport:
                return True
            except SourceError:
                return False
        return False

    def _bytes(self, meta: Mapping[str, JSON]) -> tuple[int, Iterable[bytes]]:
        inline = meta.get("inline")
        if isinstance(inline, list):
            kind, source_id, index = str(inline[0]), str(inline[1]), int(inline[2])
            fields = self.fields_of(kind, source_id) or {}
            _, images = parse_note(str(fields.get("body") or ""))
            data = images[index - 1].data if 0 < index <= len(images) else None
            if data is None:
                raise SourceError(f"embedded image {index} of {kind} {source_id} is gone")
            return len(data), [data]
        found = self.export.locate(str(meta["path"]))
        return found.size, found.chunks()

    def upload(self, entity: str, target: str, meta: Mapping[str, JSON]) -> dict[str, JSON]:
        size, chunks = self._bytes(meta)
        if size > self.limit:
            raise FileTooLarge(f"file of {size} bytes is over the per-file limit of "
                               f"{self.limit} bytes", size=size, limit=self.limit)
        attached = self.api.attach_file(entity, target, name=str(meta["name"]),
                                        mime=str(meta.get("mime") or "application/octet-stream"),
                                        size=size, chunks=chunks)
        return {"file": str(attached.get("id")), "uri": attached.get("uri"),
                "size": attached.get("size")}

    def source_sha256(self, meta: Mapping[str, JSON]) -> str:
        """The reference a download is compared with: the export's own sha256 column (or the
        embedded image's), else the file as it lies in the export."""
        given = str(meta.get("sha256") or "").lower()
        if given:
            return given
        _, chunks = self._bytes(meta)
        digest = hashlib.sha256()
        for block in chunks:
            digest.update(block)
        return digest.hexdigest()

    def remote_sha256(self, uri: str) -> str:
        digest = hashlib.sha256()
        for block in self.api.read_file(uri):
            digest.update(block)
        return digest.hexdigest()
