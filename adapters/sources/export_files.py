"""Files an export names (documents, note images), read only from inside the export.

A name is taken relative to one of the export's folders and refused when it is absolute,
climbs out (`..`), resolves through a symlink to somewhere outside that folder, or is not a
regular file (devices, FIFOs, sockets, folders). Bytes are streamed in chunks, never held
whole. Errors name the export-relative path's hash only: a file name can be PHI.

A Windows export lists where the files lay on the clinic's PC (`C:\\Users\\...\\Documents\\x.pdf`,
`Documents\\patient\\x.pdf`) while the files arrive beside the list: such a path is looked up by
its trailing parts inside the export folder (the longest first), then by its file name when
exactly one file in the export bears it. Nothing outside the export folders is ever read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from domain.errors import SourceError
from domain.ids import phi_hash

CHUNK = 256 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:$")  # `C:`, a Windows path's drive


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


class FileNotInExport(SourceError):
    """The path names no file the export holds (the row came without its file), unlike a path
    that leads outside the export or a file over the limit: such a document still lands."""


class ExportFiles:
    def __init__(self, folders: Sequence[str | Path]) -> None:
        self.folders = [Path(f).resolve() for f in folders]
        self._names: dict[str, list[tuple[Path, Path]]] | None = None

    def locate(self, name: str) -> ExportFile:
        """The regular file `name` names inside the export, or SourceError."""
        where = phi_hash(name)
        relative = PurePosixPath(name.replace("\\", "/"))
        parts = [p for p in relative.parts if p.strip("/")]  # no root (`/`, UNC `//`)
        windows = "\\" in name or bool(parts and _DRIVE.match(parts[0]))
        if not parts or ".." in parts or (not windows and (
                relative.is_absolute() or ":" in parts[0])):
            raise SourceError(f"document path {where} is not inside the export")
        if _DRIVE.match(parts[0]):
            parts = parts[1:]  # where it lay on the clinic's PC, never a place here
        for start in range(len(parts)):
            for folder in self.folders:
                candidate = folder.joinpath(*parts[start:])
                if os.path.lexists(candidate):
                    return self._inside(candidate, folder, where)
            if not windows and not relative.is_absolute():
                break  # a plain relative path means what it says
        named = self._by_name().get(parts[-1].casefold(), []) if parts else []
        if len(named) == 1:
            return self._inside(*named[0], where)
        raise FileNotInExport(f"document path {where} is not in the export")

    def _inside(self, candidate: Path, folder: Path, where: str) -> ExportFile:
        resolved = candidate.resolve()
        if not resolved.is_relative_to(folder):
            raise SourceError(f"document path {where} leads outside the export "
                              "(a symbolic link)")
        info = os.stat(resolved)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"document path {where} is not a regular file")
        return ExportFile(resolved, info.st_size)

    def _by_name(self) -> dict[str, list[tuple[Path, Path]]]:
        """Every file under the export folders by its name (case set aside, as Windows does),
        walked once; links are not followed out of the folder."""
        if self._names is None:
            self._names = {}
            for folder in self.folders:
                for root, _, files in os.walk(folder):
                    for file in files:
                        self._names.setdefault(file.casefold(), []).append(
                            (Path(root) / file, folder))
        return self._names
