"""The sandbox's own control surface under `/_sandbox` (administrator credentials only):

    GET  /_sandbox/faults     the active faults and their remaining uses
    POST /_sandbox/faults     replace them with a JSON list of fault objects
    GET  /_sandbox/snapshot   every collection including soft-deleted records
    POST /_sandbox/reset      wipe all data (users and activity types stay)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

from ..context import Ctx
from ..envelope import HttpError, Response, json_response
from ..faults import FaultSpec, FaultSpecError
from ..router import Router


def register(router: Router, *, set_faults: Callable[[list[Any]], None],
             describe: Callable[[], list[dict[str, Any]]],
             snapshot: Callable[[], dict[str, Any]], reset: Callable[[], None]) -> None:

    @router.add("GET", "/faults")
    def get_faults(ctx: Ctx) -> Response:
        return json_response({"faults": describe()})

    @router.add("POST", "/faults")
    def post_faults(ctx: Ctx) -> Response:
        try:
            raw = orjson.loads(ctx.body or b"[]")
            if isinstance(raw, dict) and "faults" in raw:
                raw = raw["faults"]
            if not isinstance(raw, list):
                raise FaultSpecError("expected a JSON list of faults")
            faults = [FaultSpec.from_json(item) for item in raw]
        except (orjson.JSONDecodeError, FaultSpecError) as exc:
            raise HttpError(json_response({"error": str(exc)}, 400)) from None
        set_faults(faults)
        return json_response({"faults": describe()})

    @router.add("GET", "/snapshot")
    def get_snapshot(ctx: Ctx) -> Response:
        return json_response(snapshot())

    @router.add("POST", "/reset")
    def post_reset(ctx: Ctx) -> Response:
        reset()
        return json_response({"reset": True})
