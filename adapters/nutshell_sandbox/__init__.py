"""A local, Nutshell-compatible REST API server (the "sandbox").

It behaves like Nutshell's REST API as described by Nutshell's OpenAPI document and the live
wire samples copied into `reference/`, keeps its data across restarts when given a folder,
and injects faults on request. It is how an operator tries a migration offline and how the
tests exercise the Nutshell client over real sockets.

Public API::

    from adapters.nutshell_sandbox import SandboxServer, FaultSpec

    srv = SandboxServer(data_dir=None, host="127.0.0.1", port=0,
                        users=None,          # [{"email", "name", "api_key", "is_admin"}]
                        rate_limit=None,     # requests/second per API key; excess -> 429
                        latency_ms=0,        # added to every request
                        faults=None)         # [FaultSpec, ...] active from the start
    srv.start()                  # background thread; returns "http://127.0.0.1:PORT/rest"
    srv.url                      # the REST root (the client appends "/contacts" etc.)
    srv.admin_user, srv.admin_key   # the administrator (default admin@sandbox.test /
                                    # sandbox-admin-key when no user is an administrator)
    srv.set_faults([FaultSpec("429", count=2, retry_after=1), {"kind": "500"}])
    srv.snapshot()               # {collection: [stored records incl. soft-deleted]}, by id
    srv.reset()                  # wipes data (users and activity types stay)
    srv.stop()
    with SandboxServer() as srv: ...

HTTP surface (all under HTTP Basic: user e-mail + API key; 401 is an HTML page):

- `/rest/{contacts,accounts,leads}`: list (paging, `email=`, `q=`, `filter[...]`), create
  (one record per POST), `GET /{ids}` (comma-separated), `PATCH` (JSON Patch with
  `application/json-patch+json`, 204), `DELETE` (soft), `POST /{id}/undelete`, custom
  fields (`POST /{entity}/customfield`, `GET /{entity}/customfields/attributes`,
  `GET /{entity}/{id}/customfields`).
- `/rest/activities` (create, read, `PUT` update; DELETE is 405) and the legacy JSON-RPC
  `POST /api/v1/json` methods `deleteActivity {activityId, rev}`, `undeleteActivity
  {activityId}`, `getActivity {activityId}`.
- `/rest/notes`, `/rest/tasks`, `/rest/sources`, `/rest/tags`, `/rest/users`,
  `/rest/activitytypes`, `/rest/events` (one event per create/update/delete/undelete).
- Impersonation: an administrator's key may send `X-Nutshell-Impersonate: <email | N-users>`
  to act as that user (creator/owner/event actor); other keys get 403.
- Files ("Working with files"): `editActivity` (logged activities, `logNote.files`) and
  `editLead` (`file`) take a file list; a new entry's `uri` (`/file/api/{id}`, beside
  `/rest`) takes the bytes by POST once and answers GET with HTTP Range; files over the
  per-file limit (`max_file_bytes`, a setting: Nutshell publishes none) are refused with 413
  naming the limit; a file of a deleted entity, or dropped from the list, answers 404. Bytes
  live in `<data_dir>/files/`.
- `POST /rest/leads/{id}/status {outcomeId}` with `GET /rest/outcomes` closes or reopens a
  lead; a PATCH of a lead's `status` is refused (400): it is not user-entered.
- `/_sandbox/faults` (GET/POST), `/_sandbox/snapshot`, `/_sandbox/reset`: administrators only.

Fault spec strings (CLI `--fault`): see `faults.py`, e.g. `429:count=3:retry_after=1`,
`500:count=2`, `reset_after_commit:match=POST /contacts`, `latency:ms=300:count=5`.

Where Nutshell's document and its wire samples disagree, the document wins (the wire
samples' shapes are kept everywhere else):
- status codes: creates answer 200 (contacts, tasks, tags) or 201 (accounts, leads,
  activities, notes, sources), as declared; the sample shows 200 for an account create.
  Deletes answer 204 for contacts and 200 with the deleted record for the others.
- keys whose value would be null (`description`, `revenue`...) are omitted where the
  document types them as string/number/object; the live API sends nulls there.
- a lead's `createdTime` is the document's object form `{timestamp, value,
  absoluteLocalizedString}`; notes carry ISO 8601 time strings; everything else Unix seconds.
- custom-field lists (`/customfields/attributes`, `/{id}/customfields`) are bare arrays for
  contacts and leads but `{"customFields": [...]}` for accounts, as the document declares.
  Each definition is `{id: "N-customfields", name, title, type, entityType, choices,
  isMultiple}`.
- an event's `changes` entries carry values as `{"type", "name"}` objects (the document's
  changeLogChange shape) and leave out a side that is null; `count` is omitted.

Sandbox conventions with no Nutshell counterpart: lead `status` (open/won/lost/cancelled) is
writable by create; 429 answers `{"code": 429, "message": "Too Many Requests"}`;
502/503 answer a small HTML page; JSON-RPC error codes are listed in `routes/activities.py`;
data lives in `<data_dir>/sandbox.sqlite3` (one transaction per request).
"""

from .context import Settings
from .faults import FaultSpec, FaultSpecError
from .server import SandboxServer

__all__ = ["FaultSpec", "FaultSpecError", "SandboxServer", "Settings"]
