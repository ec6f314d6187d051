"""The MigrationRun aggregate: one per migration, the operator's path as past-tense facts."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate

from domain.errors import PreconditionFailed
from domain.ids import run_id
from domain.run.intents import RunIntents
from domain.run.lookups import RunLookups
from domain.run.referrers import RunReferrers
from domain.run.signatures import RunSignatures

JSONDict = dict[str, Any]


class MigrationRun(Aggregate, RunIntents, RunLookups, RunReferrers, RunSignatures):
    class Started(Aggregate.Created):
        name: str

    def __init__(self, name: str) -> None:
        self.name = name
        self.files: dict[str, JSONDict] = {}  # file id -> summary
        self.proposed_hash: str | None = None
        self.confirmed_hash: str | None = None
        self.confirmed_by: str | None = None
        self.mapping: JSONDict | None = None
        self.derivation: JSONDict | None = None
        self.custom_fields: dict[str, JSONDict] = {}  # "entity/name" -> {id, reused}
        self.custom_fields_requested: dict[str, JSONDict] = {}  # see domain/run/intents.py
        self.unreadable: dict[str, str] = {}  # file name -> why it could not be read
        self.owners: JSONDict = {}
        self.sample: JSONDict | None = None
        self.sample_diff: JSONDict | None = None
        self.approval: JSONDict | None = None
        self.state = "started"
        self.delta: JSONDict | None = None
        self.rollbacks: list[JSONDict] = []
        self.verifications: list[JSONDict] = []
        self.review: JSONDict = {"decisions": {}, "sign_off": None}
        self.signatures: list[JSONDict] = []
        self.sources: dict[str, JSONDict] = {}  # referral type -> {name, id, reused}
        self.referrers: dict[str, JSONDict] = {}  # see domain/run/referrers.py
        self.referrers_requested: dict[str, JSONDict] = {}
        self.export_folders: list[str] = []  # where documents named by the export are read
        self.activity_types: list[JSONDict] | None = None  # see domain/run/lookups.py

    @classmethod
    def start(cls, name: str) -> MigrationRun:
        return cls._create(cls.Started, id=run_id(name), name=name)

    # --- sources and mapping ------------------------------------------------------------------

    class SourceExtracted(Aggregate.Event):
        file_id: str
        name: str
        sha256: str
        format: str
        rows: int
        problems: int
        profile: str | None  # the vendor profile recognised or named, if any

        def apply(self, aggregate: Any) -> None:
            aggregate.files[self.file_id] = {"name": self.name, "sha256": self.sha256,
                                             "format": self.format, "rows": self.rows,
                                             "problems": self.problems,
                                             "profile": self.profile}
            aggregate.unreadable.pop(self.name, None)  # read now: no longer quarantined
            aggregate.state = "extracted"

    class ExportFolderFound(Aggregate.Event):
        folder: str  # an absolute path on the operator's machine

        def apply(self, aggregate: Any) -> None:
            aggregate.export_folders.append(self.folder)

    def export_folder_found(self, folder: str) -> None:
        if folder not in self.export_folders:
            self.trigger_event(self.ExportFolderFound, folder=folder)

    class MappingProposed(Aggregate.Event):
        mapping_hash: str
        files: int
        flagged: int

        def apply(self, aggregate: Any) -> None:
            aggregate.proposed_hash = self.mapping_hash

    class MappingConfirmed(Aggregate.Event):
        mapping_hash: str
        by: str
        mapping: JSONDict

        def apply(self, aggregate: Any) -> None:
            aggregate.confirmed_hash = self.mapping_hash
            aggregate.confirmed_by = self.by
            aggregate.mapping = self.mapping
            aggregate.state = "mapped"
            # A new mapping invalidates an approval given under the old one.
            if aggregate.approval and aggregate.approval["mapping_hash"] != self.mapping_hash:
                aggregate.approval = None

    class DerivationCompleted(Aggregate.Event):
        mapping_hash: str
        balance: JSONDict  # file name -> {"read", "derived", "quarantined"}
        orphans: int
        merge_candidates: int
        created: int
        rederived: int
        unchanged: int
        # per file and problem: records that kept a value as written, a few of their keys
        # ("kind:source_id"); logs written before it was recorded read as None
        kept_as_written: list[JSONDict] | None = None

        def apply(self, aggregate: Any) -> None:
            aggregate.derivation = {"mapping_hash": self.mapping_hash, "balance": self.balance,
                                    "orphans": self.orphans,
                                    "merge_candidates": self.merge_candidates,
                                    "kept_as_written": self.kept_as_written}

    def source_extracted(self, **kwargs: Any) -> None:
        self.trigger_event(self.SourceExtracted, **kwargs)

    def mapping_proposed(self, *, mapping_hash: str, files: int, flagged: int) -> None:
        self.trigger_event(self.MappingProposed, mapping_hash=mapping_hash, files=files,
                           flagged=flagged)

    def confirm_mapping(self, *, mapping_hash: str, by: str, mapping: JSONDict) -> None:
        self.trigger_event(self.MappingConfirmed, mapping_hash=mapping_hash, by=by,
                           mapping=mapping)

    def derivation_completed(self, **kwargs: Any) -> None:
        self.trigger_event(self.DerivationCompleted, **kwargs)

    # --- preparing Nutshell -------------------------------------------------------------------

    class CustomFieldEnsured(Aggregate.Event):
        entity: str
        name: str
        type: str
        nutshell_id: str
        reused: bool

        def apply(self, aggregate: Any) -> None:
            aggregate.custom_fields_requested.pop(f"{self.entity}/{self.name}", None)
            aggregate.custom_fields[f"{self.entity}/{self.name}"] = {
                "id": self.nutshell_id, "type": self.type, "reused": self.reused}

    class OwnersResolved(Aggregate.Event):
        matched: dict[str, str]  # staff source id -> Nutshell user id
        unmatched: list[str]
        fallback_owner: str | None  # Nutshell user id

        def apply(self, aggregate: Any) -> None:
            aggregate.owners = {"matched": self.matched, "unmatched": self.unmatched,
                                "fallback_owner": self.fallback_owner}

    class SourceEnsured(Aggregate.Event):
        referral_type: str
        name: str
        nutshell_id: str
        reused: bool  # found by name (not ours to delete) or created by the migration
        removed: bool = False  # deleted by a rollback

        def apply(self, aggregate: Any) -> None:
            aggregate.sources[self.referral_type] = {"name": self.name, "id": self.nutshell_id,
                                                     "reused": self.reused,
                                                     "removed": self.removed}

    def custom_field_ensured(self, **kwargs: Any) -> None:
        self.trigger_event(self.CustomFieldEnsured, **kwargs)

    def owners_resolved(self, **kwargs: Any) -> None:
        self.trigger_event(self.OwnersResolved, **kwargs)

    # --- sample, approval, run ----------------------------------------------------------------

    class SampleSelected(Aggregate.Event):
        mapping_hash: str
        records: list[str]  # "kind:source_id"
        coverage: JSONDict

        def apply(self, aggregate: Any) -> None:
            aggregate.sample = {"mapping_hash": self.mapping_hash, "records": self.records,
                                "coverage": self.coverage}
            aggregate.sample_diff = None
            aggregate.approval = None
            aggregate.state = "sampling"

    class SampleDiffed(Aggregate.Event):
        diff_hash: str
        summary: JSONDict

        def apply(self, aggregate: Any) -> None:
            aggregate.sample_diff = {"diff_hash": self.diff_hash, "summary": self.summary}
            aggregate.state = "sampled"

    class SampleApproved(Aggregate.Event):
        by: str
        mapping_hash: str
        diff_hash: str
        keep_sample: bool

        def apply(self, aggregate: Any) -> None:
            aggregate.approval = {"by": self.by, "mapping_hash": self.mapping_hash,
                                  "diff_hash": self.diff_hash, "keep_sample": self.keep_sample}
            aggregate.state = "approved"

    class FullRunStarted(Aggregate.Event):
        mapping_hash: str

        def apply(self, aggregate: Any) -> None:
            aggregate.state = "running"

    class FullRunCompleted(Aggregate.Event):
        counts: JSONDict
        failed: int

        def apply(self, aggregate: Any) -> None:
            aggregate.state = "completed" if not self.failed else "completed_with_failures"

    class VerificationRecorded(Aggregate.Event):
        ok: bool
        scope: str
        summary: JSONDict

        def apply(self, aggregate: Any) -> None:
            aggregate.verifications.append({"ok": self.ok, "scope": self.scope})

    def select_sample(self, **kwargs: Any) -> None:
        self.require_confirmed()
        self.trigger_event(self.SampleSelected, **kwargs)

    def sample_diffed(self, **kwargs: Any) -> None:
        self.trigger_event(self.SampleDiffed, **kwargs)

    def approve(self, *, by: str, mapping_hash: str, keep_sample: bool = True) -> None:
        self.require_confirmed()
        if mapping_hash != self.confirmed_hash:
            raise PreconditionFailed("the mapping changed since it was confirmed: confirm it again")
        if not self.sample or not self.sample_diff:
            raise PreconditionFailed("no sample has been pushed and diffed yet: run `c2n sample`")
        if self.sample["mapping_hash"] != mapping_hash:
            raise PreconditionFailed("the sample was taken under another mapping: run `c2n sample` again")
        self.trigger_event(self.SampleApproved, by=by, mapping_hash=mapping_hash,
                           diff_hash=self.sample_diff["diff_hash"], keep_sample=keep_sample)

    def require_confirmed(self) -> None:
        if not self.confirmed_hash:
            raise PreconditionFailed(
                "the mapping is not confirmed: review it with `c2n map show`, then "
                "`c2n map confirm --by NAME`")

    def require_approved(self, mapping_hash: str) -> None:
        self.require_confirmed()
        if mapping_hash != self.confirmed_hash:
            raise PreconditionFailed(
                "HOME/mapping.yaml changed since it was confirmed: confirm it again")
        if not self.approval or self.approval["mapping_hash"] != mapping_hash:
            raise PreconditionFailed(
                "no approval of the current mapping: run `c2n sample`, review the diff, "
                "then `c2n approve --by NAME`")

    def start_full_run(self, mapping_hash: str) -> None:
        self.trigger_event(self.FullRunStarted, mapping_hash=mapping_hash)

    def complete_full_run(self, *, counts: JSONDict, failed: int) -> None:
        self.trigger_event(self.FullRunCompleted, counts=counts, failed=failed)

    def record_verification(self, *, ok: bool, scope: str, summary: JSONDict) -> None:
        self.trigger_event(self.VerificationRecorded, ok=ok, scope=scope, summary=summary)

    # --- delta window and rollback ------------------------------------------------------------

    class DeltaWindowOpened(Aggregate.Event):
        topic: str
        closes_at: float  # Unix seconds

        def apply(self, aggregate: Any) -> None:
            aggregate.delta = {"topic": self.topic, "closes_at": self.closes_at, "open": True}

    class DeltaWindowClosed(Aggregate.Event):
        summary: JSONDict

        def apply(self, aggregate: Any) -> None:
            if aggregate.delta:
                aggregate.delta["open"] = False
                aggregate.delta["summary"] = self.summary

    class RollbackRequested(Aggregate.Event):
        scope: str
        by: str
        force: bool
        undo: bool

        def apply(self, aggregate: Any) -> None:
            aggregate.rollbacks.append({"scope": self.scope, "force": self.force,
                                        "undo": self.undo, "done": False})

    class RollbackCompleted(Aggregate.Event):
        scope: str
        summary: JSONDict

        def apply(self, aggregate: Any) -> None:
            if aggregate.rollbacks:
                aggregate.rollbacks[-1]["done"] = True
                aggregate.rollbacks[-1]["summary"] = self.summary
            aggregate.state = "rolled_back"

    def open_delta_window(self, *, topic: str, closes_at: float) -> None:
        self.trigger_event(self.DeltaWindowOpened, topic=topic, closes_at=closes_at)

    def close_delta_window(self, summary: JSONDict) -> None:
        self.trigger_event(self.DeltaWindowClosed, summary=summary)

    def request_rollback(self, *, scope: str, by: str, force: bool, undo: bool) -> None:
        self.trigger_event(self.RollbackRequested, scope=scope, by=by, force=force, undo=undo)

    def complete_rollback(self, *, scope: str, summary: JSONDict) -> None:
        self.trigger_event(self.RollbackCompleted, scope=scope, summary=summary)

    class ReviewDecided(Aggregate.Event):  # the PHI review (rules: domain/run/review.py)
        items: dict[str, str]  # item -> content hash of the record version decided on
        decision: str  # cleared | held
        by: str
        role: str
        reason: str | None
        bulk: bool  # one decision over the whole list (`review clear --all`)

        def apply(self, aggregate: Any) -> None:
            at = self.timestamp.isoformat()
            aggregate.review["decisions"].update({item: {
                "decision": self.decision, "by": self.by, "role": self.role, "at": at,
                "reason": self.reason, "content_hash": h} for item, h in self.items.items()})

    class ReviewSignedOff(Aggregate.Event):
        list_hash: str
        by: str
        role: str
        items: int

        def apply(self, aggregate: Any) -> None:
            aggregate.review["sign_off"] = {"list_hash": self.list_hash, "by": self.by,
                                            "role": self.role, "items": self.items,
                                            "at": self.timestamp.isoformat()}
