"""The Nutshell REST client: the one implementation of `domain.ports.NutshellAPI` over httpx.

Every request goes through `Transport._send` (transport.py), which applies the shared throttle and in-flight limit,
retries what may pass (429, 5xx, dropped connections) with capped, jittered backoff, honours
Retry-After, and translates the rest into the domain error tree. Nutshell has no idempotency key,
so a create that failed ambiguously (the request left, no answer came back) is never simply
re-sent: the record is first looked up by its external-key custom field.

Logs and error messages carry method, path template, status and `x-nutshell-request-id` only:
never bodies, query values or credentials.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import orjson

from adapters.nutshell.files import FileCalls
from adapters.nutshell.rpc import RpcCalls
from adapters.nutshell.sources import SourceCalls
from adapters.nutshell.status import LEAD_STATUS_PATH, LeadStatusCalls
from adapters.nutshell.transport import ItemResult
from adapters.nutshell.wire import (
    REQUEST_ID,
    cf_entity,
    custom_value,
    display_name,
    emails_of,
    entity_name,
    id_path,
    json_body,
    records_of,
    sort_key,
)
from domain.errors import AuthenticationFailed, NotFound, TerminalError
from domain.ports import JSON, CustomFieldSpec, NutshellAPI

log = logging.getLogger(__name__)

DEFAULT_URL = "https://app.nutshell.com/rest"
MAX_PAGE = 10_000


class NutshellClient(FileCalls, LeadStatusCalls, SourceCalls, RpcCalls, NutshellAPI):

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **options: Any) -> NutshellClient:
        source = os.environ if env is None else env
        user = source.get("C2N_NUTSHELL_USER", "")
        key = source.get("C2N_NUTSHELL_API_KEY", "")
        if not user or not key:
            raise AuthenticationFailed(
                "C2N_NUTSHELL_USER and C2N_NUTSHELL_API_KEY must be set")
        return cls(source.get("C2N_NUTSHELL_URL") or DEFAULT_URL, user, key, **options)

    def __repr__(self) -> str:  # the default would be harmless, but say plainly: no credentials
        return f"NutshellClient({self.base_url!r})"


    def __enter__(self) -> NutshellClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- figures ------------------------------------------------------------------------------



    # --- the port -----------------------------------------------------------------------------

    def create(self, entity: str, record: Mapping[str, JSON], *,
               external_key: tuple[str, str] | None = None) -> dict[str, JSON]:
        # Notes are the one entity whose create body is `{"data": {...}}` (notePostInput).
        body = {"data": dict(record)} if entity == "notes" else {entity: [dict(record)]}
        call = self._call("POST", f"/{entity_name(entity)}", body=body)
        recover: Callable[[], dict[str, JSON] | None] | None = None
        if external_key is not None:
            field_name, value = external_key

            def recover() -> dict[str, JSON] | None:
                return self.find_by_custom_field(entity, field_name, value)
        result = self._send(call, recover=recover)
        if isinstance(result, dict):
            return result
        records = records_of(json_body(result, call), entity)
        if not records:
            raise TerminalError(f"Nutshell {call.where()}: answer held no record (request "
                                f"{result.headers.get(REQUEST_ID)})", status=result.status_code)
        return records[0]

    def get(self, entity: str, api_id: str) -> dict[str, JSON] | None:
        try:
            call = self._call("GET", f"/{entity_name(entity)}/{{id}}", id_path(entity, api_id))
            response = self._response(call)
        except NotFound:
            return None
        records = records_of(json_body(response, call), entity)
        if not records or records[0].get("deletedTime"):
            return None
        return records[0]

    def patch(self, entity: str, api_id: str, ops: Sequence[Mapping[str, JSON]]) -> None:
        if not ops:
            return  # Nutshell answers an empty patch with 400; nothing to say is not an error
        if entity == "activities":
            self._put_activity(api_id, ops)
            return
        # A lead's status is not user-entered: Nutshell sets it through its status endpoint.
        status = [op for op in ops if entity == "leads" and op.get("path") == LEAD_STATUS_PATH]
        rest = [dict(op) for op in ops if op not in status]
        if rest:
            call = self._call("PATCH", f"/{entity_name(entity)}/{{id}}", id_path(entity, api_id),
                              body=rest, content_type="application/json-patch+json")
            self._response(call)
        for op in status:
            value = op.get("value") if op.get("op") != "remove" else None
            self.set_lead_status(api_id, str(value or "open"))

    def delete(self, entity: str, api_id: str) -> None:
        if entity == "activities":
            self.delete_by_rev("activities", api_id)
            return
        call = self._call("DELETE", f"/{entity_name(entity)}/{{id}}", id_path(entity, api_id))
        self._response(call, gone_ok=True)

    def undelete(self, entity: str, api_id: str) -> None:
        if entity in ("activities", "tasks"):
            # Nutshell has no undeleteActivity and documents no task undelete: a rollback's
            # reversal creates them again.
            raise TerminalError(f"Nutshell cannot undelete {entity}; create them again")
        call = self._call("POST", f"/{entity_name(entity)}/{{id}}/undelete",
                          id_path(entity, api_id) + "/undelete")
        self._response(call)

    def find_by_custom_field(self, entity: str, field_name: str,
                             value: str) -> dict[str, JSON] | None:
        matches = []
        for listed in self._search(entity, {f"filter[{field_name}]": value}):
            record = listed if custom_value(listed, field_name) is not None \
                else self._full(entity, listed)
            # The server's filter may be loose (a search); only an exact value is a match.
            if custom_value(record, field_name) == value:
                matches.append(record)
        if len(matches) > 1:
            log.warning("Nutshell %s: %d live records share one external key field %s",
                        entity, len(matches), field_name)
        matches.sort(key=lambda r: sort_key(r.get("id")))
        return matches[0] if matches else None

    def find_by_email(self, entity: str, email: str) -> list[dict[str, JSON]]:
        wanted = email.strip().casefold()
        found = []
        for listed in self._search(entity, {"email": email}):
            record = listed if "emails" in listed else self._full(entity, listed)
            if wanted in emails_of(record):
                found.append(record)
        return found

    def find_by_name(self, entity: str, name: str) -> list[dict[str, JSON]]:
        # `q` is Nutshell's loose search (name, email, location...): only an exact name counts
        spaced = " ".join(name.split())
        wanted = spaced.casefold()
        return [r for r in self._search(entity, {"q": spaced})
                if " ".join(display_name(r).split()).casefold() == wanted]

    def list_all(self, entity: str, *, page_size: int = 1000) -> Iterator[dict[str, JSON]]:
        return self._pages(entity, {}, page_size)

    def created_since(self, entity: str, since: int) -> Iterator[dict[str, JSON]]:
        # Nutshell's createdTime filter takes a range "A B"; the far end is a day ahead.
        until = int(time.time()) + 86_400
        return self._pages(entity, {"filter[createdTime]": f"{int(since)} {until}"}, 100)

    def users(self) -> list[dict[str, JSON]]:
        call = self._call("GET", "/users")
        return records_of(json_body(self._response(call), call), "users")

    def activity_types(self) -> list[dict[str, JSON]]:
        call = self._call("GET", "/activitytypes")
        return records_of(json_body(self._response(call), call), "activityTypes")

    def custom_fields(self, entity: str) -> list[dict[str, JSON]]:
        call = self._call("GET", f"/{cf_entity(entity)}/customfields/attributes")
        body = json_body(self._response(call), call)
        if isinstance(body, list):
            return [item for item in body if isinstance(item, dict)]
        for key in ("customFields", "customfields", "data", entity):
            if isinstance(body, dict) and isinstance(body.get(key), list):
                return [item for item in body[key] if isinstance(item, dict)]
        return []

    def create_custom_field(self, spec: CustomFieldSpec) -> dict[str, JSON]:
        body: dict[str, JSON] = {"name": spec.name, "type": spec.type}
        if spec.choices:
            body["choices"] = list(spec.choices)
        if spec.choices or spec.is_multiple:
            body["isMultiple"] = spec.is_multiple
        call = self._call("POST", f"/{cf_entity(spec.entity)}/customfield", body=body)
        result = self._send(call, recover=lambda: self._custom_field(spec.entity, spec.name))
        if isinstance(result, dict):
            return result
        try:
            answer = orjson.loads(result.content) if result.content else None
        except orjson.JSONDecodeError:
            answer = None
        if isinstance(answer, dict) and answer.get("name") == spec.name:
            return answer
        for key in ("customFields", "customfields", "data"):
            items = answer.get(key) if isinstance(answer, dict) else None
            if isinstance(items, list) and items and isinstance(items[0], dict):
                return items[0]
        # The document declares no answer body for this call: read the definition back.
        return self._custom_field(spec.entity, spec.name) or {"name": spec.name,
                                                              "type": spec.type}

    # --- concurrency --------------------------------------------------------------------------


    def create_many(self, entity: str, records: Iterable[Mapping[str, JSON]], *,
                    external_key_field: str | None = None,
                    max_in_flight: int | None = None) -> list[ItemResult[dict[str, JSON]]]:
        """Creates every record concurrently; with `external_key_field`, each record's value of
        that custom field guards its create against duplicates (see `create`)."""

        def one(record: Mapping[str, JSON]) -> dict[str, JSON]:
            key = None
            if external_key_field is not None:
                value = custom_value(record, external_key_field)
                if value is not None:
                    key = (external_key_field, value)
            return self.create(entity, record, external_key=key)

        return self.map_concurrent(one, records, max_in_flight)

    # --- helpers over the port ----------------------------------------------------------------

    def _pages(self, entity: str, params: dict[str, str | int],
               page_size: int) -> Iterator[dict[str, JSON]]:
        if not 1 <= page_size <= MAX_PAGE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE}")
        seen: set[str] = set()
        page = 0
        while True:
            query = {**params, "page[limit]": page_size, "page[page]": page}
            call = self._call("GET", f"/{entity_name(entity)}", params=query)
            records = records_of(json_body(self._response(call), call), entity)
            # An empty page ends the list: a short page does not (the wire samples show a
            # first page of 3 with meta.count 4, then an empty one).
            if not records:
                return
            fresh = [r for r in records if str(r.get("id")) not in seen]
            if not fresh:
                log.warning("Nutshell GET /%s: page %d repeated earlier records; stopping",
                            entity, page)
                return
            for record in fresh:
                seen.add(str(record.get("id")))
                if not record.get("deletedTime"):
                    yield record
            page += 1

    def _search(self, entity: str, params: dict[str, str | int]) -> Iterator[dict[str, JSON]]:
        return self._pages(entity, params, 100)

    def _full(self, entity: str, record: dict[str, JSON]) -> dict[str, JSON]:
        """A list entry may be a summary; the full record holds custom fields and emails."""
        api_id = record.get("id")
        if not isinstance(api_id, str):
            return record
        return self.get(entity, api_id) or record

    def _custom_field(self, entity: str, name: str) -> dict[str, JSON] | None:
        for definition in self.custom_fields(entity):
            if definition.get("name") == name:
                return definition
        return None

    def _put_activity(self, api_id: str, ops: Sequence[Mapping[str, JSON]]) -> None:
        """Activities are updated by PUT of the changed fields; JSON Patch add/replace on
        `/activities/0/<field>` (or `/activities/0/links/<name>`) translate directly."""
        fields: dict[str, Any] = {}
        for op in ops:
            parts = str(op.get("path", "")).strip("/").split("/")
            if op.get("op") not in ("add", "replace") or parts[:2] != ["activities", "0"] \
                    or not 3 <= len(parts) <= 4 or (len(parts) == 4 and parts[2] != "links"):
                raise ValueError("activities accept only add/replace of /activities/0/<field>")
            if len(parts) == 4:
                fields.setdefault("links", {})[parts[3]] = op.get("value")
            else:
                fields[parts[2]] = op.get("value")
        call = self._call("PUT", "/activities/{id}", id_path("activities", api_id),
                          body={"activities": [fields]})
        self._response(call)
