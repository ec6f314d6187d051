"""Files an export names (documents, note images), read only from inside the export.

A name is taken relative to one of the export's folders and refused when it is absolute,
climbs out (`..`), resolves through a symlink to somewhere outside that folder, or is not a
regular file (devices, FIFOs, sockets, folders). Bytes are streamed in chunks, never held
whole. Errors name the export-relative path's hash only: a file name can be PHI.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from domain.errors import SourceError
from domain.ids import phi_hash

CHUNK = 256 * 1024


@dataclass(frozen=True)
class ExportFile:
    path: Path  # resolved, inside one of the export's folders
    size: int

    def chunks(self, chunk: int = CHUNK) -> Iterator[bytes]:
        with open(self.path, "rb") as handle:
            while True:
                block = handle.read(chunk)
                if not block:
                    return
                yield block

    def sha256(self) -> str:
        digest = hashlib.sha256()
        for block in self.chunks():
            digest.update(block)
        return digest.hexdigest()


class ExportFiles:
    def __init__(self, folders: Sequence[str | Path]) -> None:
        self.folders = [Path(f).resolve() for f in folders]

    def locate(self, name: str) -> ExportFile:
        """The regular file `name` names inside the export, or SourceError."""
        where = phi_hash(name)
        relative = PurePosixPath(name.replace("\\", "/"))
        if not name or relative.is_absolute() or ".." in relative.parts or (
                relative.parts and ":" in relative.parts[0]):
            raise SourceError(f"document path {where} is not inside the export")
        for folder in self.folders:
            candidate = folder.joinpath(*relative.parts)
            if not os.path.lexists(candidate):
                continue
            resolved = candidate.resolve()
            if not resolved.is_relative_to(folder):
                raise SourceError(f"document path {where} leads outside the export "
                                  "(a symbolic link)")
            info = os.stat(resolved)
            if not stat.S_ISREG(info.st_mode):
                raise SourceError(f"document path {where} is not a regular file")
            return ExportFile(resolved, info.st_size)
        raise SourceError(f"document path {where} is not in the export")
