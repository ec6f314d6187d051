"""A mapper that seals each record's events with its patient's own key (crypto-shredding).

Stored state is an envelope whose first byte says how it was sealed:
  0x00 + AES-GCM(master key)                       every other event
  0x01 + subject (16 bytes) + AES-GCM(subject key) ClinicRecord streams and source-file pages;
                                                   the header is the AAD

The subject of a record stream is fixed by its creating event: a patient record's own id; a
record of another kind that names `patient_source_id` belongs to that patient's subject (the
patient record id in the same run); anything else is its own subject. Later events of the
stream reuse the subject through the keyring's owner table.

SourceFile pages (raw rows as read) mix patients, and at extraction nothing yet says which
column holds the patient, so each page event (RowsRead, RowsResealed) is sealed with a key of
its own, the page subject uuid5(file stream, event version). Forgetting a patient seals each
page holding their rows again without them and destroys the earlier page keys (see
consumers/services/raw_shredding.py); a destroyed page reads as domain.records.source_file.PageShredded, which
rebuilding the aggregate steps over. Logs written before page keys hold master-sealed pages:
those cannot be shredded, and forget says so.
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.persistence import Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic

from adapters.stores.keyring import Keyring, SubjectForgotten, open_sealed, seal
from domain.ids import NAMESPACE, record_id
from domain.records.aggregate import ClinicRecord
from domain.records.source_file import PageShredded, SourceFile
from domain.topics import topics_of

_log = logging.getLogger("c2n.shredding")
MASTER, SUBJECT = b"\x00", b"\x01"
_HEADER = 17
_RECORD_PREFIX = get_topic(ClinicRecord) + "."
_CREATED = {get_topic(ClinicRecord.Derived), get_topic(ClinicRecord.Quarantined)}
_RESEALED = topics_of(SourceFile.RowsResealed)
_PAGES = topics_of(SourceFile.RowsRead) | _RESEALED  # also as stored before the layout


def page_subject(file_id: UUID, version: int) -> UUID:
    """The key subject of one page event of a source-file stream."""
    return uuid5(NAMESPACE, f"page/{file_id}/{version}")


def subject_of_created(originator_id: UUID, state: dict[str, Any]) -> UUID:
    """The subject a record stream belongs to, from its creating event's state."""
    if state.get("kind") == "patient":
        return originator_id
    patient = (state.get("fields") or {}).get("patient_source_id")
    if patient not in (None, ""):
        return record_id(str(state.get("run", "")), "patient", str(patient))
    return originator_id


def envelope_subject(data: bytes) -> str | None:
    """The subject id an envelope was sealed for (None: the master key)."""
    if data[:1] == SUBJECT:
        return str(UUID(bytes=bytes(data[1:_HEADER])))
    return None


class EnvelopeCipher:
    """Opens both envelope forms; seals with the master key (the Cipher interface readers use)."""

    def __init__(self, keyring: Keyring, master_key: bytes) -> None:
        self.keyring = keyring
        self._master = master_key

    def encrypt(self, plaintext: bytes) -> bytes:
        return MASTER + seal(self._master, plaintext)

    def encrypt_for(self, subject: UUID, plaintext: bytes) -> bytes:
        header = SUBJECT + subject.bytes
        return header + seal(self.keyring.key(str(subject)), plaintext, header)

    def prefetch(self, sealed: list[bytes]) -> None:
        """Loads the keys a page of stored events needs in one query per chunk."""
        self.keyring.load(s for s in map(envelope_subject, sealed) if s is not None)

    def decrypt(self, data: bytes) -> bytes:
        """Raises SubjectForgotten when the envelope's key was destroyed."""
        data = bytes(data)
        if data[:1] == MASTER:
            return open_sealed(self._master, data[1:])
        if data[:1] == SUBJECT:
            subject = envelope_subject(data)
            assert subject is not None
            try:
                key = self.keyring.key(subject)
            except KeyError:
                raise SubjectForgotten(subject) from None  # a key that never reached the table
            return open_sealed(key, data[_HEADER:], data[:_HEADER])
        raise ValueError("stored event is not in a known envelope (was this log written "
                         "without C2N_CIPHER_KEY?)")


class Tombstone:
    """What a forgotten event reads as: it builds no aggregate, so the record is not found."""

    def __init__(self, originator_id: UUID, originator_version: int, subject: str) -> None:
        self.originator_id = originator_id
        self.originator_version = originator_version
        self.subject = subject

    def mutate(self, aggregate: Any) -> None:
        return None


class ShreddingMapper(Mapper[UUID]):
    def __init__(self, transcoder: Transcoder, keyring: Keyring, master_key: bytes) -> None:
        self.envelope = EnvelopeCipher(keyring, master_key)
        super().__init__(transcoder=transcoder, cipher=self.envelope)  # type: ignore[arg-type]
        self.keyring = keyring
        self.suppressed = 0  # events of forgotten patients left out of saves

    def prepare(self, events: list[Any]) -> list[Any]:
        """The events of a save that may be recorded, their keys and owner rows made in one
        transaction. Events of a forgotten patient are left out (and counted): the patient's
        rows may still be in the export, and an erasure must not be undone by re-deriving."""
        owners: list[tuple[str, str, str]] = []
        pages: list[tuple[str, str]] = []
        kept: list[Any] = []
        topics = [get_topic(type(e)) for e in events]
        self.keyring.preload([str(e.originator_id) for e, t in zip(events, topics, strict=True)
                              if t.startswith(_RECORD_PREFIX) and t not in _CREATED])
        for event, topic in zip(events, topics, strict=True):
            if topic.startswith(_RECORD_PREFIX):
                if topic in _CREATED:
                    subject: str | None = str(subject_of_created(event.originator_id,
                                                                 vars(event)))
                else:
                    subject = self.keyring.owner(str(event.originator_id))
                if subject is not None and self.keyring.is_forgotten(subject):
                    continue
                if topic in _CREATED:
                    owners.append((str(event.originator_id), str(subject), str(event.run)))
            elif topic in _PAGES:
                pages.append((str(page_subject(event.originator_id,
                                               event.originator_version)), ""))
            kept.append(event)
        if owners or pages:
            self.keyring.ensure(owners, pages)
        if len(kept) < len(events):
            self.suppressed += len(events) - len(kept)
            _log.warning("%d events of forgotten patients were not recorded",
                         len(events) - len(kept))
        return kept

    def _subject(self, topic: str, event: Any, state: dict[str, Any]) -> UUID | None:
        if topic in _PAGES:
            page = page_subject(event.originator_id, event.originator_version)
            self.keyring.ensure([], [(str(page), "")])  # made by prepare() on a save
            return page
        if not topic.startswith(_RECORD_PREFIX):
            return None
        originator = str(event.originator_id)
        if topic in _CREATED:
            subject = subject_of_created(event.originator_id, state)
            self.keyring.ensure([(originator, str(subject), str(state.get("run", "")))])
            return subject
        owner = self.keyring.owner(originator)
        if owner is None:
            # A stream created before keys existed: it becomes its own subject from here on.
            self.keyring.ensure([(originator, originator, "")])
            return UUID(originator)
        return UUID(owner)

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        topic = get_topic(type(domain_event))
        state = dict(vars(domain_event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        class_version = getattr(type(domain_event), "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        subject = self._subject(topic, domain_event, state)
        data = self.transcoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        sealed = (self.envelope.encrypt(data) if subject is None
                  else self.envelope.encrypt_for(subject, data))
        return StoredEvent(originator_id=originator_id, originator_version=originator_version,
                           topic=topic, state=sealed)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        try:
            return super().to_domain_event(stored_event)
        except Exception as exc:
            subject = envelope_subject(stored_event.state)
            if subject is not None and isinstance(exc.__cause__, SubjectForgotten):
                if stored_event.topic in _PAGES:
                    return PageShredded(UUID(str(stored_event.originator_id)),
                                        stored_event.originator_version,
                                        resealing=stored_event.topic in _RESEALED)
                return Tombstone(UUID(str(stored_event.originator_id)),
                                 stored_event.originator_version, subject)
            raise
