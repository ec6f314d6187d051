"""Nutshell's JSON-RPC API as the client uses it.

Activities have no REST delete: `deleteActivity` must quote the activity's current `rev`, and
only the JSON-RPC `get*` methods show a rev (Nutshell's REST answers carry none). A stale rev
is refused with 409 "rev key is out-of-date" (https://www.nutshell.com/api/revs-etags.html):
the rev is read again and the delete retried. Nutshell has no `undelete*` JSON-RPC method.
"""

from __future__ import annotations

from adapters.nutshell.transport import Transport
from adapters.nutshell.wire import api_number
from domain.errors import NotFound, TerminalError
from domain.ports import JSON

# REST collection -> (JSON-RPC entity name, id parameter)
RPC_ENTITIES = {"activities": ("Activity", "activityId"), "contacts": ("Contact", "contactId"),
                "accounts": ("Account", "accountId"), "leads": ("Lead", "leadId"),
                "notes": ("Note", "noteId")}
STALE_REV = 409


class RpcCalls(Transport):
    def rpc_entity(self, entity: str, api_id: str) -> dict[str, JSON] | None:
        """`get<Entity>`: the entity in the JSON-RPC shape (with `rev`), None when it does not
        exist or is deleted."""
        name, param = RPC_ENTITIES[entity]
        try:
            got = self._rpc(f"get{name}", {param: api_number(api_id)})
        except NotFound:
            return None
        if not isinstance(got, dict) or got.get("deletedTime"):
            return None
        return got

    def current_rev(self, entity: str, api_id: str) -> str | None:
        got = self.rpc_entity(entity, api_id)
        rev = got.get("rev") if got is not None else None
        return None if rev is None else str(rev)

    def delete_by_rev(self, entity: str, api_id: str, *, attempts: int = 3) -> None:
        """`delete<Entity>` with the rev `get<Entity>` shows; gone already is done."""
        name, param = RPC_ENTITIES[entity]
        for _ in range(attempts):
            rev = self.current_rev(entity, api_id)
            if rev is None:
                return
            try:
                self._rpc(f"delete{name}", {param: api_number(api_id), "rev": rev})
                return
            except NotFound:
                return
            except TerminalError as exc:
                if exc.status != STALE_REV:
                    raise
        raise TerminalError(f"Nutshell RPC delete{name}: the entity kept changing",
                            status=STALE_REV)
