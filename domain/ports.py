"""Ports: the abstract contracts the core talks to. Adapters implement them.

Each port has one abstract contract test case in tests/contract/, subclassed once per
implementation.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

JSON = Any  # JSON-friendly primitives: str, int, float, bool, None, lists and dicts of them


# --- clinic sources ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceFingerprint:
    """What identifies one source file, recorded before any of its rows."""

    name: str  # file name as found in SOURCE (no directories)
    sha256: str  # of the raw bytes
    size_bytes: int
    format: str  # "csv" | "xlsx" | "fhir-bundle" | "fhir-ndjson" | "fhir-resource" (one resource)
    encoding: str | None = None  # csv: detected text encoding
    delimiter: str | None = None  # csv: sniffed delimiter
    header: tuple[str, ...] = ()  # column headers exactly as read (csv/xlsx)
    sheet: str | None = None  # xlsx: sheet name
    resource_type: str | None = None  # fhir-ndjson: the resource type of the file
    fhir_version: str | None = None  # FHIR files: "R4" or "STU3"

    def to_json(self) -> dict[str, JSON]:
        return {
            "name": self.name, "sha256": self.sha256, "size_bytes": self.size_bytes,
            "format": self.format, "encoding": self.encoding, "delimiter": self.delimiter,
            "header": list(self.header), "sheet": self.sheet,
            "resource_type": self.resource_type, "fhir_version": self.fhir_version,
        }


@dataclass(frozen=True)
class SourceRow:
    """One row exactly as read: for CSV/XLSX a mapping header -> cell text; for FHIR the resource."""

    number: int  # 1-based data row number (CSV: not counting the header), entry index for FHIR
    values: Mapping[str, JSON]
    problem: str | None = None  # a reader-level problem (undecodable bytes, oversized cell...)
    problem_field: str | None = None


# A reader's problem that says the row holds no record at all (a report's total line, its
# header repeated after a page break): derivation counts such rows as dropped, not lost.
NOT_DATA = "not data: "
# The column a reader makes of a report's group headings that hold only the group's value (a
# provider's or a patient's name above their rows): its name says nothing, its values do.
GROUP_COLUMN = "Group"


class ClinicSource(ABC):
    """One file of a clinic export. Streams: never holds more than a page in memory."""

    @abstractmethod
    def fingerprint(self) -> SourceFingerprint:
        """Reads only what is needed to fingerprint the file (hash, encoding, header)."""

    @abstractmethod
    def rows(self) -> Iterator[SourceRow]:
        """Every row, in file order. Reader problems become rows with `problem` set, never
        dropped and never raised, unless the whole file is unreadable (SourceError)."""

    def expected_rows(self) -> int | None:
        """About how many rows `rows()` will give, known cheaply (after `fingerprint()`), for
        a progress bar's total and time left; None when it cannot be told without reading
        them. Never used for anything but showing progress."""
        return None


# --- Nutshell -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CustomFieldSpec:
    entity: str  # "contacts" | "accounts" | "leads"
    name: str
    type: str  # "Text" | "Date" | "Currency" | "Decision" ... as Nutshell names them
    choices: tuple[str, ...] = ()
    is_multiple: bool = False


class NutshellAPI(ABC):
    """What the engine needs from Nutshell. Entities are REST collection names:
    contacts, accounts, leads, activities, notes, tasks, sources, tags.

    Errors raised are the domain error tree: TransientError (after the client's own retries
    are exhausted), TerminalError, NotFound, AuthenticationFailed.
    """

    @abstractmethod
    def create(self, entity: str, record: Mapping[str, JSON], *,
               external_key: tuple[str, str] | None = None) -> dict[str, JSON]:
        """Creates one record, returns it as Nutshell answered (with its API id, e.g. `7-contacts`).

        `external_key` = (custom field name, value). POST has no idempotency key in Nutshell:
        after an ambiguous failure the implementation looks the record up by that custom field
        and returns the existing one instead of creating a second.
        """

    @abstractmethod
    def get(self, entity: str, api_id: str) -> dict[str, JSON] | None:
        """The record, or None when it does not exist or is deleted."""

    @abstractmethod
    def patch(self, entity: str, api_id: str, ops: Sequence[Mapping[str, JSON]]) -> None:
        """JSON Patch (`/contacts/0/<field>` paths; custom fields by name). Activities: PUT."""

    @abstractmethod
    def delete(self, entity: str, api_id: str) -> None:
        """Soft delete. Activities go through the legacy RPC `deleteActivity`."""

    @abstractmethod
    def undelete(self, entity: str, api_id: str) -> None:
        """Reverses a soft delete (within Nutshell's restore window)."""

    @abstractmethod
    def find_by_custom_field(self, entity: str, field_name: str,
                             value: str) -> dict[str, JSON] | None:
        """The live record whose custom field `field_name` equals `value`, or None."""

    @abstractmethod
    def find_by_email(self, entity: str, email: str) -> list[dict[str, JSON]]:
        """Live records with that email address (case-insensitive)."""

    def find_by_name(self, entity: str, name: str) -> list[dict[str, JSON]]:
        """Live People or Companies of exactly that name (case and spacing aside). Nutshell's
        `q` look-up is a loose search; only an exact name is a match. This default reads the
        whole list (a stand-in's); the HTTP client asks with `q`."""
        wanted = " ".join(name.split()).casefold()
        return [r for r in self.list_all(entity)
                if " ".join(_record_name(r).split()).casefold() == wanted]

    @abstractmethod
    def list_all(self, entity: str, *, page_size: int = 1000) -> Iterator[dict[str, JSON]]:
        """Every live record of the collection, page by page."""

    @abstractmethod
    def created_since(self, entity: str, since: int) -> Iterator[dict[str, JSON]]:
        """Live records created at or after `since` (Unix seconds). How a create that has no
        external key (activities, notes) is found again after an interrupted attempt."""

    @abstractmethod
    def users(self) -> list[dict[str, JSON]]:
        """Nutshell users (id, name, emails)."""

    def acting_as(self, user: str | None) -> AbstractContextManager[None]:
        """Calls made inside are made as that Nutshell user (who logged an activity, who wrote
        a note); a stand-in without users makes them as itself."""
        return nullcontext()

    def activity_types(self) -> list[dict[str, JSON]]:
        """The instance's activity types (GET /activitytypes: id, name); none by default, for
        a Nutshell stand-in that has no such list."""
        return []

    @abstractmethod
    def custom_fields(self, entity: str) -> list[dict[str, JSON]]:
        """Custom-field definitions of contacts/accounts/leads (name, type, choices)."""

    @abstractmethod
    def create_custom_field(self, spec: CustomFieldSpec) -> dict[str, JSON]:
        """Creates one custom-field definition (there is no delete)."""

    # --- files (Nutshell's JSON-RPC "Working with files"; only leads and logged activities)

    @abstractmethod
    def attach_file(self, entity: str, api_id: str, *, name: str, mime: str, size: int,
                    chunks: Iterable[bytes]) -> dict[str, JSON]:
        """Edits the entity with the file's metadata, then POSTs the bytes to the URI the
        answer names. Returns the file object (`id`, `uri`, `name`, `mime`, `size`, `rev`).
        A file over the account's limit raises FileTooLarge naming the limit."""

    @abstractmethod
    def files_of(self, entity: str, api_id: str) -> list[dict[str, JSON]]:
        """The file objects attached to a lead or logged activity (empty when none)."""

    @abstractmethod
    def read_file(self, uri: str, *, start: int = 0,
                  end: int | None = None) -> Iterator[bytes]:
        """A file's bytes (a byte range when asked), streamed, with the same credentials."""

    @abstractmethod
    def remove_file(self, entity: str, api_id: str, file_id: str) -> bool:
        """Detaches (and so deletes) one file, keeping the entity's others; False when it was
        not attached (gone already)."""

    @abstractmethod
    def remove_files(self, entity: str, api_id: str) -> list[str]:
        """Detaches (and so deletes) every file of the entity; the ids removed."""

    # --- lead sources

    @abstractmethod
    def find_source(self, name: str) -> dict[str, JSON] | None:
        """The Source of that exact name (case aside), or None."""

    @abstractmethod
    def create_source(self, name: str, channel: int | None = None) -> dict[str, JSON]:
        """Creates a Source (channel: the OpenAPI document's 0..8, None for none)."""

    @abstractmethod
    def delete_source(self, api_id: str) -> None:
        """Deletes a Source (gone already is fine)."""

    # --- lead status (POST /leads/{id}/status with an outcome from GET /outcomes)

    @abstractmethod
    def set_lead_status(self, api_id: str, status: str) -> None:
        """Closes a lead as "won" or "lost", or reopens it ("open"), through Nutshell's status
        endpoint, with the instance's outcome for that status."""


# --- change bus (delta window) --------------------------------------------------------------

@dataclass(frozen=True)
class ChangeMessage:
    key: str  # "<kind>:<source_id>": one record's changes stay in one partition, in order
    value: dict[str, JSON]
    partition: int = -1
    offset: int = -1


class ChangeBus(ABC):
    @abstractmethod
    def publish(self, messages: Sequence[ChangeMessage]) -> None:
        """Sends and flushes; returns only once the broker acknowledged every message."""

    @abstractmethod
    def poll(self, max_records: int, timeout_s: float) -> list[ChangeMessage]:
        """The next page of messages for this consumer-group member (may be empty)."""

    @abstractmethod
    def commit(self) -> None:
        """Commits the offsets of everything returned by poll so far."""

    @abstractmethod
    def lag(self) -> dict[int, int]:
        """Messages not yet consumed, per assigned partition."""

    @abstractmethod
    def close(self) -> None: ...


# --- projection store -----------------------------------------------------------------------

@dataclass
class ProjectionPage:
    """Row changes of one page of events, committed atomically with the tracking position."""

    position: int  # notification id of the last event in the page
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, state) -> delta
    # (kind, source_id, entity, nutshell_id); an empty nutshell_id removes the entry
    xref: list[tuple[str, str, str, str]] = field(default_factory=list)
    # The audit index. The log itself is the audit trail (a record's events are found by its
    # stream id), so per event only what the log cannot look up is kept: the time span of
    # each page, (first seq, last seq, earliest at, latest at), and who acted, (seq, actor),
    # for events an operator caused.
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)
    actors: list[tuple[int, str]] = field(default_factory=list)
    # upserts by (kind, source_id)
    failures: list[dict[str, JSON]] = field(default_factory=list)
    # (kind, source_id) whose failure is over (removed before the upserts above)
    resolved: list[tuple[str, str]] = field(default_factory=list)
    # (rid, run, kind, source_id, state, born) upserts; born: the position of the stream's
    # first event, which never changes
    streams: list[tuple[str, str, str, str, str, int]] = field(default_factory=list)


class ProjectionStore(ABC):
    """The read models' tables, living in the event store's database."""

    @abstractmethod
    def position(self) -> int:
        """Notification id of the last event applied (0 when empty)."""

    @abstractmethod
    def apply(self, page: ProjectionPage) -> None:
        """Applies the page's rows and moves the position, in one transaction. A page whose
        position is not past the current one is ignored (replayed after a crash)."""

    @abstractmethod
    def reset(self) -> None:
        """Drops every row and the position (replay rebuilds). A store may also drop its
        secondary indexes here, to load faster; `reindexed` puts them back."""

    def reindexed(self) -> None:  # noqa: B027 - optional hook: a store without indexes has none
        """Called when a rebuild has caught up: secondary indexes dropped by reset return."""

    @abstractmethod
    def counts(self) -> dict[str, dict[str, int]]: ...

    @abstractmethod
    def record_state(self, kind: str, source_id: str) -> str | None: ...

    @abstractmethod
    def streams(self, rids: Sequence[str]) -> dict[str, tuple[str, str, str, str, int]]:
        """Aggregate id -> (run, kind, source_id, state, born) for the ids known."""

    @abstractmethod
    def records_in_state(self, kind: str | None = None,
                         states: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
        """(kind, source_id, state) of canonical records, ordered."""

    @abstractmethod
    def xref_by_source(self, kind: str, source_id: str) -> tuple[str, str] | None:
        """(entity, nutshell_id)"""

    @abstractmethod
    def xref_by_nutshell(self, nutshell_id: str) -> tuple[str, str] | None:
        """(kind, source_id)"""

    @abstractmethod
    def rids_of(self, kind: str, source_id: str) -> list[str]:
        """The stream ids of a (kind, source_id) across runs, ordered."""

    @abstractmethod
    def audit_spans(self, since: str | None, until: str | None) -> list[tuple[int, int]]:
        """(first seq, last seq) of the pages holding events stamped within [since, until]."""

    @abstractmethod
    def actor_seqs(self, actor: str) -> list[int]:
        """Positions of the events the actor (an operator, never "engine") caused, ordered."""

    @abstractmethod
    def failures(self) -> list[dict[str, JSON]]: ...


# --- header meaning (an optional signal of the mapping proposal) ----------------------------

class HeaderSimilarity(ABC):
    """How close in meaning a column header is to each of some phrases (a canonical field's
    name and synonyms). The proposal asks it only about headers its vocabulary could not place;
    an implementation may be a text-embedding model. Pure: the same inputs give the same
    scores, and nothing is read from or sent to the network."""

    name: str = "header similarity"

    @abstractmethod
    def scores(self, header: str, phrases: Sequence[str]) -> list[float]:
        """One score in [0, 1] per phrase, in their order; higher is closer in meaning."""


def _record_name(record: Mapping[str, JSON]) -> str:
    name = record.get("name")
    if isinstance(name, dict):
        name = name.get("displayName")
    return str(name or "")
