"""A lead's status as Nutshell sets it: `POST /leads/{id}/status {outcomeId}` with an outcome
looked up from `GET /outcomes` (the lead's `status` field is read-only to PATCH).

Outcomes are matched by their `status` ("won"/"lost"), else by name; reopening a closed lead
sends no outcome (`{"outcomeId": null}`).
"""

from __future__ import annotations

import threading
from typing import Any

from adapters.nutshell.transport import Transport
from adapters.nutshell.wire import id_path, json_body, records_of
from domain.errors import TerminalError
from domain.ports import JSON

LEAD_STATUS_PATH = "/leads/0/status"  # a JSON Patch of it goes to the status endpoint instead


def outcome_for(status: str, outcomes: list[dict[str, JSON]]) -> str | None:
    """The id of the outcome that closes a lead as `status`, or None."""
    wanted = status.casefold()
    for key in ("status", "type", "name"):
        for outcome in outcomes:
            value = outcome.get(key)
            if isinstance(value, str) and value.casefold() == wanted and outcome.get("id"):
                return str(outcome["id"])
    return None


class LeadStatusCalls(Transport):
    _outcomes: list[dict[str, JSON]] | None = None
    _outcomes_lock = threading.Lock()

    def outcomes(self) -> list[dict[str, JSON]]:
        with self._outcomes_lock:
            if self._outcomes is None:
                call = self._call("GET", "/outcomes")
                self._outcomes = records_of(json_body(self._response(call), call), "outcomes")
            return list(self._outcomes)

    def set_lead_status(self, api_id: str, status: str) -> None:
        body: dict[str, Any]
        if status == "open":
            body = {"outcomeId": None}
        else:
            outcome = outcome_for(status, self.outcomes())
            if outcome is None:
                raise TerminalError(f"Nutshell has no lead outcome for {status!r} "
                                    "(GET /outcomes)")
            body = {"outcomeId": outcome}
        call = self._call("POST", "/leads/{id}/status",
                          id_path("leads", api_id) + "/status", body=body)
        self._response(call)
