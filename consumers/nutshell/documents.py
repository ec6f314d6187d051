"""Documents' bytes: read from inside the export, held when over the per-file limit, uploaded
through the Nutshell port, and read back for verification.

A document whose file is missing, outside the export or over the limit is held (reported
with the reason, the limit included) and stays pending for a later run: never truncated,
never sent half.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from adapters.sources.export_files import ExportFiles
from consumers.bootstrap import Engine
from domain.errors import FileTooLarge, SourceError
from domain.nutshell.activities import document_file
from domain.ports import JSON, NutshellAPI


class Documents:
    def __init__(self, engine: Engine, api: NutshellAPI) -> None:
        run = engine.run()
        self.export = ExportFiles(getattr(run, "export_folders", []) or [])
        self.limit = engine.settings.max_file_bytes
        self.api = api

    def hold_reason(self, kind: str, source_id: str, fields: Mapping[str, Any]) -> str | None:
        """Why a document cannot be uploaded now (no values), or None."""
        if kind != "document":
            return None
        meta = document_file(source_id, fields)
        if not meta["path"]:
            return None  # planning reports it as skipped
        try:
            found = self.export.locate(str(meta["path"]))
        except SourceError as exc:
            return str(exc)
        if found.size > self.limit:
            return (f"file of {found.size} bytes is over the per-file limit of {self.limit} "
                    "bytes: held, not truncated")
        return None

    def upload(self, entity: str, target: str, meta: Mapping[str, JSON]) -> dict[str, JSON]:
        found = self.export.locate(str(meta["path"]))
        if found.size > self.limit:
            raise FileTooLarge(f"file of {found.size} bytes is over the per-file limit of "
                               f"{self.limit} bytes", size=found.size, limit=self.limit)
        attached = self.api.attach_file(entity, target, name=str(meta["name"]),
                                        mime=str(meta.get("mime") or "application/octet-stream"),
                                        size=found.size, chunks=found.chunks())
        return {"file": str(attached.get("id")), "uri": attached.get("uri"),
                "size": attached.get("size")}

    def source_sha256(self, meta: Mapping[str, JSON]) -> str:
        """The reference a download is compared with: the export's own sha256 column, else
        the file as it lies in the export."""
        given = str(meta.get("sha256") or "").lower()
        return given or self.export.locate(str(meta["path"])).sha256()

    def remote_sha256(self, uri: str) -> str:
        digest = hashlib.sha256()
        for block in self.api.read_file(uri):
            digest.update(block)
        return digest.hexdigest()
