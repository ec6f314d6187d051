"""List endpoints: paging (`page[limit]`, 0-based `page[page]`), look-ups and filters.

Look-ups: `email=` (case-insensitive, any of the record's addresses), `q=` (name or email
contains, case-insensitive), `filter[email]`, `filter[name]`, `filter[owner]`,
`filter[createdTime]=A B` (also `A TO B`; ISO 8601 or Unix seconds, inclusive), and
`filter[<custom field name>]=<value>`. An unknown filter key is a 400 "Invalid filter".
The end of a list is an empty page; `meta.count` and `meta.total` are the number of matching
records.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from . import customfields as cf
from . import ops
from .context import Ctx
from .envelope import Response, envelope, error, list_meta
from .records import render

DEFAULT_LIMIT = 50
MAX_LIMIT = 10_000
_FILTER = re.compile(r"^filter\[([^\]]+)\](\[\])?$")


def page_args(ctx: Ctx, key: str) -> tuple[int, int]:
    raw_limit, raw_page = ctx.q("page[limit]"), ctx.q("page[page]")
    try:
        limit = DEFAULT_LIMIT if raw_limit in (None, "") else int(raw_limit)
    except ValueError:
        raise error(key, "Invalid filter", detail="Invalid page limit") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise error(key, "Invalid filter", detail=f"Invalid page limit: {limit}")
    try:
        page = 0 if raw_page in (None, "") else int(raw_page)
    except ValueError:
        raise error(key, "Invalid filter", detail="Invalid page number") from None
    if page < 0:
        raise error(key, "Invalid filter", detail=f"Invalid page number: {page}")
    return limit, page


def _emails(rec: dict[str, Any]) -> list[str]:
    return [str(e.get("value", "")).lower() for e in rec.get("emails") or []]


def _when(key: str, text: str) -> int:
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise error(key, "Invalid filter", detail="Invalid time in createdTime filter") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


def _time_range(key: str, text: str) -> tuple[int, int]:
    parts = [p for p in re.split(r"\s+TO\s+|\s+", text.strip()) if p]
    if len(parts) != 2:
        raise error(key, "Invalid filter", detail="A time filter needs a start and an end")
    return _when(key, parts[0]), _when(key, parts[1])


def matcher(ctx: Ctx, key: str, extra: dict[str, Any] | None = None,
            strict: bool = True) -> Any:
    """A predicate over stored records built from the query's look-ups and filters.
    `extra` maps further filter names to builders (values -> predicate); with `strict`
    off, unknown filter names are ignored (the lists whose filters are not modelled)."""
    tests: list[Any] = []
    email = ctx.q("email")
    if email is not None and key in ("contacts", "accounts"):
        address = email.strip().lower()
        tests.append(lambda r: address in _emails(r))
    text = ctx.q("q")
    if text:
        needle = text.strip().lower()
        tests.append(lambda r: needle in str(r.get("name") or r.get("title") or "").lower()
                     or any(needle in e for e in _emails(r)))
    defs = ops.definitions(ctx, key) if key in cf.ENTITIES else []
    for param, values in ctx.query.items():
        m = _FILTER.match(param)
        if param == "filter" or (param.startswith("filter[") and not m):
            raise error(key, "Invalid filter", detail="Malformed filter parameter")
        if not m:
            continue
        if extra and m.group(1) in extra:
            tests.append(extra[m.group(1)]([v for v in values if v != ""]))
        elif strict or m.group(1) in ("email", "name", "owner", "createdTime"):
            tests.append(_filter(ctx, key, m.group(1), values, defs))
    return lambda rec: all(t(rec) for t in tests)


def _filter(ctx: Ctx, key: str, name: str, values: list[str],
            defs: list[dict[str, Any]]) -> Any:
    wanted = [v for v in values if v != ""]
    if name == "email" and key in ("contacts", "accounts"):
        return lambda r: any(v.strip().lower() in _emails(r) for v in wanted)
    if name == "name":
        return lambda r: any(v.lower() in str(r.get("name") or "").lower() for v in wanted)
    if name == "owner":
        return lambda r: any(ops.link_target_id(v, ("users",)) == (r.get("links") or {}).get(
            "owner") for v in wanted)
    if name in ("createdTime", "modifiedTime"):
        ranges = [_time_range(key, v) for v in wanted]
        return lambda r: any(lo <= int(r.get(name) or 0) <= hi for lo, hi in ranges)
    definition = cf.find(defs, name)
    if definition is not None:
        return lambda r: any(cf.matches(definition, (r.get("customFields") or {}).get(
            definition["name"]), v) for v in wanted)
    raise error(key, "Invalid filter", detail=f"Unknown filter: {name}")


_SORTS: dict[str, Any] = {"name": lambda r: str(r.get("name") or "").lower(),
          "createdTime": lambda r: (r.get("createdTime") or 0, ops.number_of(r)),
          "id": ops.number_of}


def list_response(ctx: Ctx, key: str, *, paged: bool = True, facets: bool = False,
                  extra: dict[str, Any] | None = None, strict: bool = True) -> Response:
    limit, page = page_args(ctx, key) if paged else (MAX_LIMIT, 0)
    test = matcher(ctx, key, extra, strict)
    with ctx.store.lock:
        rows = [r for r in ctx.store.all(key) if r.get("deletedTime") is None and test(r)]
    sort = (ctx.q("sort") or "").split(",")[0].strip()
    if sort.lstrip("-") in _SORTS:
        rows.sort(key=_SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
    chunk = rows[page * limit:(page + 1) * limit]
    extra = list_meta(len(rows), len(rows))
    if facets:
        # Every account type is counted, zeros included (the accounts capture's facets).
        counts: dict[str, int] = {f"{n}-accountTypes": 0 for n in range(1, 6)}
        for r in rows:
            kind = (r.get("links") or {}).get("accountType") or "1-accountTypes"
            counts[kind] = counts.get(kind, 0) + 1
        extra["facets"] = {"accountType": counts}
    return envelope(key, [render(key, r, ctx.base_url) for r in chunk], meta_extra=extra)
