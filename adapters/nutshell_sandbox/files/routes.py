"""Files as Nutshell's "Working with files" page describes them, and nothing more.

- Only logged activities (`logNote.files`) and leads (`file`) take files. `editActivity` /
  `editLead` carry the whole list: an entry with an `id` keeps that file, one without (a
  `name`, optionally `mime`) adds a file with no bytes yet, and a file left out is deleted.
- The answer's file objects (`entityType: Files`, `id`, `uri`, `name`, `mime`, `size`, `rev`)
  name the `uri` to POST the bytes to (once; again is 409) and, after that, to GET them from
  with the same Basic credentials, HTTP Range honoured (206, or 416 for a range past the end).
- A file over the per-file limit (a sandbox setting: Nutshell publishes none) is refused with
  413 and a JSON body naming the limit; nothing of it is kept.
- A file of a deleted entity, or one deleted by an edit, answers 404.

Bytes live in `<data_dir>/files/<id>` (written to a temporary name, then renamed), or in
memory without a data folder. `rev` is the SHA-1 of the bytes, as the documented sample's
40-hex-digit rev suggests.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from ..context import Ctx
from ..envelope import Response, json_response, not_found
from .blobs import Blobs

COLLECTION = "files"
URI_PATH = "/file/api/"  # beside /rest and /api/v1/json, as in https://app01.nutshell.com/file/api/1234
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
OWNERS = {"activities": "logNote", "leads": "file"}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)\Z")


class FileRefused(Exception):
    """An edit the documentation does not allow (the RPC layer answers -32602)."""


def root_of(base_url: str) -> str:
    return base_url[: -len("/rest")] if base_url.endswith("/rest") else base_url


def file_object(base_url: str, rec: dict[str, Any]) -> dict[str, Any]:
    return {"entityType": "Files", "id": rec["id"],
            "uri": f"{root_of(base_url)}{URI_PATH}{rec['id']}", "name": rec["name"],
            "mime": rec["mime"], "size": rec["size"], "rev": rec["rev"]}


def files_of(ctx: Ctx, rec: dict[str, Any]) -> list[dict[str, Any]]:
    found = [ctx.store.get(COLLECTION, fid) for fid in rec.get("fileIds") or []]
    return [file_object(ctx.base_url, f) for f in found
            if f is not None and f.get("deletedTime") is None]


def decorate(ctx: Ctx, collection: str, rec: dict[str, Any], out: dict[str, Any]) -> None:
    """Adds the file list to an RPC rendering of a lead or an activity."""
    if collection == "leads":
        out["file"] = files_of(ctx, rec)
    elif collection == "activities":
        out["logNote"] = {"files": files_of(ctx, rec)} if rec.get("isLogged") else None


def edit(ctx: Ctx, collection: str, work: dict[str, Any], value: Any) -> dict[str, Any]:
    """Applies an edit's file list to `work` (a copy of the stored entity); the change."""
    if collection not in OWNERS:
        raise FileRefused("only leads and logged activities take files")
    if collection == "activities":
        if not work.get("isLogged"):
            raise FileRefused("files can be attached to logged activities only")
        value = value.get("files") if isinstance(value, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise FileRefused("a file list is a list of file objects")
    mine = {int(f) for f in work.get("fileIds") or []}
    kept: list[int] = []
    for entry in value:
        if "id" in entry:
            try:
                fid = int(str(entry["id"]).split("-", 1)[0])
            except ValueError:
                raise FileRefused("not a file id") from None
            if fid not in mine:
                raise FileRefused("a file of another entity cannot be listed here")
            kept.append(fid)
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip() or len(name) > 255:
            raise FileRefused("a new file needs a name")
        mime = entry.get("mime") if isinstance(entry.get("mime"), str) else \
            "application/octet-stream"
        fid = ctx.store.next_id(COLLECTION)
        ctx.store.put(COLLECTION, fid, {
            "id": fid, "name": name, "mime": mime, "size": 0, "rev": None,
            "owner": f"{work['id']}-{collection}" if isinstance(work["id"], int) else work["id"],
            "createdTime": ctx.now, "deletedTime": None})
        kept.append(fid)
    for fid in mine - set(kept):
        _delete(ctx, fid)
    before = list(work.get("fileIds") or [])
    work["fileIds"] = kept
    return {"attribute": "files", "oldValue": len(before), "newValue": len(kept)}


def _delete(ctx: Ctx, fid: int) -> None:
    rec = ctx.store.get(COLLECTION, fid)
    if rec is not None and rec.get("deletedTime") is None:
        ctx.store.put(COLLECTION, fid, {**rec, "deletedTime": ctx.now})
        blobs(ctx).drop(fid)


def blobs(ctx: Ctx) -> Blobs:
    return ctx.store.blobs


def _owner_alive(ctx: Ctx, rec: dict[str, Any]) -> bool:
    number, _, collection = str(rec.get("owner") or "").partition("-")
    owner = ctx.store.get(collection, int(number)) if number.isdigit() else None
    return owner is not None and owner.get("deletedTime") is None


def _live(ctx: Ctx, raw_id: str) -> dict[str, Any]:
    rec = ctx.store.get(COLLECTION, int(raw_id)) if raw_id.isdigit() else None
    if rec is None or rec.get("deletedTime") is not None or not _owner_alive(ctx, rec):
        raise not_found()
    return rec


def too_large(limit: int, size: int) -> Response:
    return json_response({"error": f"file exceeds the per-file limit of {limit} bytes",
                          "limit": limit, "size": size}, 413)


def upload(ctx: Ctx, raw_id: str, limit: int) -> Response:
    with ctx.store.transaction():
        rec = _live(ctx, raw_id)
        if rec.get("rev") is not None:
            return json_response({"error": "this file's bytes were uploaded already"}, 409)
        if len(ctx.body) > limit:
            return too_large(limit, len(ctx.body))
        blobs(ctx).put(rec["id"], ctx.body)
        done = {**rec, "size": len(ctx.body),
                "rev": hashlib.sha1(ctx.body, usedforsecurity=False).hexdigest()}
        ctx.store.put(COLLECTION, rec["id"], done)
    return json_response(file_object(ctx.base_url, done))


def download(ctx: Ctx, raw_id: str) -> Response:
    with ctx.store.lock:
        rec = _live(ctx, raw_id)
        data = blobs(ctx).get(rec["id"]) if rec.get("rev") is not None else None
    if data is None:
        raise not_found()
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{rec["rev"]}"'}
    wanted = ctx.headers.get("range")
    if not wanted:
        return Response(200, data, rec["mime"], headers)
    match = _RANGE.match(wanted.strip())
    size = len(data)
    if match is None or match.groups() == ("", ""):
        return Response(416, b"", None, {**headers, "Content-Range": f"bytes */{size}"})
    first, last = match.groups()
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return Response(416, b"", None, {**headers, "Content-Range": f"bytes */{size}"})
    return Response(206, data[start:end + 1], rec["mime"],
                    {**headers, "Content-Range": f"bytes {start}-{end}/{size}"})
