"""Lead Sources (`GET /sources?q=`, `POST /sources`, `DELETE /sources/{id}`): how leads
arrive. A Source is found again by its exact name (case aside) before one is created."""

from __future__ import annotations

from adapters.nutshell.transport import Transport
from adapters.nutshell.wire import id_path, json_body, records_of
from domain.errors import NotFound, TerminalError
from domain.ports import JSON


class SourceCalls(Transport):
    def find_source(self, name: str) -> dict[str, JSON] | None:
        call = self._call("GET", "/sources", params={"q": name})
        wanted = name.strip().casefold()
        for source in records_of(json_body(self._response(call), call), "sources"):
            if str(source.get("name") or "").strip().casefold() == wanted \
                    and not source.get("deletedTime"):
                return source
        return None

    def create_source(self, name: str, channel: int | None = None) -> dict[str, JSON]:
        item: dict[str, JSON] = {"name": name}
        if channel is not None:
            item["channel"] = channel
        call = self._call("POST", "/sources", body={"sources": [item]})
        # No external key: an ambiguous create is found again by its name.
        made = self._send(call, recover=lambda: self.find_source(name))
        if isinstance(made, dict) and "id" in made and "sources" not in made:
            return made
        found = records_of(json_body(made, call), "sources")  # type: ignore[arg-type]
        if not found:
            raise TerminalError("Nutshell created no source")
        return found[0]

    def delete_source(self, api_id: str) -> None:
        call = self._call("DELETE", "/sources/{id}", id_path("sources", api_id))
        try:
            self._response(call, gone_ok=True)
        except NotFound:
            pass  # already gone
