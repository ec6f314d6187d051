"""Where the sandbox keeps file bytes: `<data_dir>/files/<id>` beside its database (each
written to a temporary name, synced, then renamed), or memory without a data folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path


class Blobs:
    """Where file bytes are kept: a folder beside the sandbox's database, or memory."""

    def __init__(self, data_dir: Path | None) -> None:
        self.folder = data_dir / "files" if data_dir is not None else None
        self._memory: dict[int, bytes] = {}
        self._lock = threading.Lock()
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def put(self, fid: int, data: bytes) -> None:
        if self.folder is None:
            with self._lock:
                self._memory[fid] = data
            return
        tmp = self.folder / f".{fid}.part"
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.folder / str(fid))

    def get(self, fid: int) -> bytes | None:
        if self.folder is None:
            with self._lock:
                return self._memory.get(fid)
        path = self.folder / str(fid)
        return path.read_bytes() if path.exists() else None

    def drop(self, fid: int) -> None:
        if self.folder is None:
            with self._lock:
                self._memory.pop(fid, None)
            return
        (self.folder / str(fid)).unlink(missing_ok=True)

    def wipe(self) -> None:
        with self._lock:
            self._memory.clear()
        if self.folder is not None:
            for path in self.folder.iterdir():
                path.unlink(missing_ok=True)
