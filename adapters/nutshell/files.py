"""Files, the way Nutshell's JSON-RPC API takes them ("Working with files").

Upload is two steps: `editActivity`/`editLead` with the file's metadata (the entity's current
`rev` quoted), whose answer carries a file object with a `uri`; then the bytes are POSTed to
that `uri`. Logged activities hold their files in `logNote.files`, leads in `file`. A file is
read back by GETting its `uri` with the same Basic credentials (HTTP Range honoured).

An upload interrupted after the edit leaves a file with no bytes; attaching again finds it by
name and sends the bytes to it rather than adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import httpx
import orjson

from adapters.nutshell.transport import Transport
from adapters.nutshell.wire import REQUEST_ID, api_number
from domain.errors import FileTooLarge, NotFound, TerminalError, TransientError
from domain.ports import JSON

# REST collection -> (RPC entity, id parameter, edit payload key)
RPC_ENTITY = {"activities": ("Activity", "activityId", "activity"),
              "leads": ("Lead", "leadId", "lead")}


def files_in(entity: str, rpc_record: Any) -> list[dict[str, JSON]]:
    """The file objects of an RPC entity: `logNote.files` (activities) or `file` (leads)."""
    if not isinstance(rpc_record, dict):
        return []
    if entity == "activities":
        note = rpc_record.get("logNote")
        found = note.get("files") if isinstance(note, dict) else None
    else:
        found = rpc_record.get("file")
    return [f for f in found or [] if isinstance(f, dict)]


def _file_list(entity: str, files: list[dict[str, JSON]]) -> dict[str, JSON]:
    return {"logNote": {"files": files}} if entity == "activities" else {"file": files}


class FileCalls(Transport):
    def _rpc_entity(self, entity: str) -> tuple[str, str, str]:
        if entity not in RPC_ENTITY:
            raise TerminalError(f"Nutshell takes files on leads and logged activities only, "
                                f"not {entity}")
        return RPC_ENTITY[entity]

    def _rpc_get(self, entity: str, api_id: str) -> dict[str, Any]:
        name, id_param, _ = self._rpc_entity(entity)
        found = self._rpc(f"get{name}", {id_param: api_number(api_id)})
        if not isinstance(found, dict):
            raise NotFound(f"Nutshell RPC get{name}: no such record")
        return found

    def _rpc_edit_files(self, entity: str, api_id: str, rev: str,
                        files: list[dict[str, JSON]]) -> dict[str, Any]:
        name, id_param, payload = self._rpc_entity(entity)
        answer = self._rpc(f"edit{name}", {id_param: api_number(api_id), "rev": rev,
                                          payload: _file_list(entity, files)})
        if not isinstance(answer, dict):
            raise TerminalError(f"Nutshell RPC edit{name}: no entity in the answer")
        return answer

    def files_of(self, entity: str, api_id: str) -> list[dict[str, JSON]]:
        return files_in(entity, self._rpc_get(entity, api_id))

    def attach_file(self, entity: str, api_id: str, *, name: str, mime: str, size: int,
                    chunks: Iterable[bytes]) -> dict[str, JSON]:
        current = self._rpc_get(entity, api_id)
        before = files_in(entity, current)
        same = [f for f in before if f.get("name") == name]
        done = [f for f in same if f.get("size") == size and f.get("rev")]
        if done:
            return done[0]  # attached by an earlier, interrupted attempt
        target = next((f for f in same if not f.get("rev")), None)
        if target is None:
            kept: list[dict[str, JSON]] = [{"id": f["id"]} for f in before if "id" in f]
            edited = self._rpc_edit_files(entity, api_id, str(current.get("rev") or ""),
                                          [*kept, {"name": name, "mime": mime, "size": size}])
            known = {f.get("id") for f in before}
            target = next((f for f in files_in(entity, edited)
                           if f.get("id") not in known and f.get("name") == name), None)
            if target is None or not isinstance(target.get("uri"), str):
                raise TerminalError("Nutshell answered the file edit without an upload URI")
        return self._post_bytes(str(target["uri"]), mime, size, chunks)

    def _post_bytes(self, uri: str, mime: str, size: int,
                    chunks: Iterable[bytes]) -> dict[str, JSON]:
        with self._gate:
            self._throttle.acquire()
            self._meter.mark()
            try:
                response = self._http.post(uri, content=iter(chunks), headers={
                    "content-type": mime or "application/octet-stream",
                    "content-length": str(size)})
            except httpx.TransportError as exc:
                raise TransientError(f"Nutshell file upload: {type(exc).__name__}") from exc
        rid = response.headers.get(REQUEST_ID)
        if response.status_code == 413:
            limit = _limit_of(response)
            raise FileTooLarge(f"Nutshell refused a file of {size} bytes: over the per-file "
                               f"limit{f' of {limit} bytes' if limit else ''} (request {rid})",
                               size=size, limit=limit, status=413)
        if response.status_code == 404:
            raise NotFound(f"Nutshell file upload: no such file (request {rid})", status=404)
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"Nutshell file upload: HTTP {response.status_code} "
                                 f"(request {rid})", status=response.status_code)
        if response.status_code >= 300:
            raise TerminalError(f"Nutshell file upload: HTTP {response.status_code} "
                                f"(request {rid})", status=response.status_code)
        body = orjson.loads(response.content) if response.content else {}
        return body if isinstance(body, dict) else {}

    def read_file(self, uri: str, *, start: int = 0,
                  end: int | None = None) -> Iterator[bytes]:
        headers = {}
        if start or end is not None:
            headers["range"] = f"bytes={start}-{'' if end is None else end}"
        with self._gate:
            self._throttle.acquire()
            self._meter.mark()
            with self._http.stream("GET", uri, headers=headers) as response:
                rid = response.headers.get(REQUEST_ID)
                if response.status_code == 404:
                    raise NotFound(f"Nutshell file: not found (request {rid})", status=404)
                if response.status_code not in (200, 206):
                    raise TerminalError(f"Nutshell file download: HTTP {response.status_code} "
                                        f"(request {rid})", status=response.status_code)
                yield from response.iter_bytes()

    def remove_file(self, entity: str, api_id: str, file_id: str) -> bool:
        current = self._rpc_get(entity, api_id)
        before = files_in(entity, current)
        kept: list[dict[str, JSON]] = [{"id": f["id"]} for f in before
                                       if "id" in f and str(f["id"]) != str(file_id)]
        if len(kept) == len([f for f in before if "id" in f]):
            return False  # not attached (any more)
        self._rpc_edit_files(entity, api_id, str(current.get("rev") or ""), kept)
        return True

    def remove_files(self, entity: str, api_id: str) -> list[str]:
        current = self._rpc_get(entity, api_id)
        before = files_in(entity, current)
        if not before:
            return []
        self._rpc_edit_files(entity, api_id, str(current.get("rev") or ""), [])
        return [str(f.get("id")) for f in before]


def _limit_of(response: httpx.Response) -> int | None:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return None
    limit = body.get("limit") if isinstance(body, dict) else None
    return int(limit) if isinstance(limit, int) else None
