"""PHI review, for the command line and the web console alike.

    review_list(engine) -> ReviewList (items, hash, sign-off, whether it covers the list)
    clear(engine, items, by=, role=, reason=, shown_hash=)
    clear_all(engine, by=, role=, reason=, shown_hash=)      one bulk decision
    hold(engine, items, by=, role=, reason=, shown_hash=)
    sign_off(engine, by=, role=, shown_hash=)                 bound to the list's hash
    review_gate(engine) -> Gate                               what planning may move

Every decision is an event of the run, naming who took it and in which role; the audit log
shows them. `shown_hash` is the hash of the list the person was looking at: when the list has
changed since, the decision is refused rather than applied to something they did not see.
Items are `kind:source_id` (ids only, never values).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from consumers.bootstrap import Engine
from domain.errors import PreconditionFailed
from domain.run.review import (
    CLEARED,
    HELD,
    PENDING,
    REVIEWED_KINDS,
    Gate,
    ReviewItem,
    build_items,
    gate,
    list_hash,
    review_reason,
)
from domain.run.signer import Signer

REVIEWER, OFFICER = "reviewer", "privacy_officer"


@dataclass(frozen=True)
class ReviewList:
    items: list[ReviewItem]
    hash: str
    sign_off: dict[str, Any] | None  # the latest sign-off (of this list or an earlier one)

    @property
    def signed_off(self) -> bool:
        """The latest sign-off covers the list as it stands now."""
        return bool(self.sign_off) and self.sign_off["list_hash"] == self.hash  # type: ignore[index]

    def counts(self) -> dict[str, int]:
        out = {PENDING: 0, CLEARED: 0, HELD: 0}
        for item in self.items:
            out[item.decision] = out.get(item.decision, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {"hash": self.hash, "signed_off": self.signed_off, "sign_off": self.sign_off,
                "counts": self.counts(), "items": [i.to_json() for i in self.items]}


def _candidates(engine: Engine) -> Iterator[tuple[str, str, str, str]]:
    run_name = engine.settings.run_name
    for kind in REVIEWED_KINDS:
        for _, source_id, state in engine.store.records_in_state(kind):
            if state == "quarantined":
                continue
            record = engine.app.record(run_name, kind, source_id)
            if record is None:
                continue
            reason = review_reason(kind, record.fields)
            if reason:
                yield kind, source_id, reason, record.content_hash


def review_list(engine: Engine) -> ReviewList:
    engine.catch_up()
    run = engine.run()
    review = getattr(run, "review", None) or {"decisions": {}, "sign_off": None}
    items = build_items(_candidates(engine), review["decisions"])
    return ReviewList(items, list_hash(items), review.get("sign_off"))


def review_gate(engine: Engine) -> Gate:
    current = review_list(engine)
    return gate(current.items, (current.sign_off or {}).get("list_hash"))


def _check_shown(current: ReviewList, shown_hash: str | None) -> None:
    if shown_hash is not None and shown_hash != current.hash:
        raise PreconditionFailed("the review list changed since it was shown: list it again "
                                 "and decide on what it holds now")


def _decide(engine: Engine, wanted: dict[str, str], decision: str, *, by: str, role: str,
            reason: str | None, bulk: bool, signer: Signer | None = None) -> ReviewList:
    if not by.strip():
        raise PreconditionFailed("a review decision needs the name of the person taking it")
    run = engine.run()
    if signer is not None:  # the console's signature, saved with the decision
        signer.sign(run, f"review-{decision}", items=sorted(wanted), bulk=bulk)
    run.trigger_event(run.ReviewDecided, items=wanted, decision=decision, by=by, role=role,
                      reason=reason, bulk=bulk)
    engine.app.save(run)
    return review_list(engine)


def _select(current: ReviewList, items: Sequence[str]) -> dict[str, str]:
    known = {i.item: i for i in current.items}
    unknown = [i for i in items if i not in known]
    if unknown:
        raise PreconditionFailed(f"not on the review list: {', '.join(sorted(unknown)[:10])}")
    if not items:
        raise PreconditionFailed("name the items to decide on (see `c2n review list`)")
    return {i: known[i].content_hash for i in items}


def clear(engine: Engine, items: Sequence[str], *, by: str, role: str = REVIEWER,
          reason: str | None = None, shown_hash: str | None = None,
          signer: Signer | None = None) -> ReviewList:
    current = review_list(engine)
    _check_shown(current, shown_hash)
    return _decide(engine, _select(current, items), CLEARED, by=by, role=role, reason=reason,
                   bulk=False, signer=signer)


def hold(engine: Engine, items: Sequence[str], *, by: str, reason: str, role: str = REVIEWER,
         shown_hash: str | None = None, signer: Signer | None = None) -> ReviewList:
    if not reason.strip():
        raise PreconditionFailed("holding an item needs a reason")
    current = review_list(engine)
    _check_shown(current, shown_hash)
    return _decide(engine, _select(current, items), HELD, by=by, role=role, reason=reason,
                   bulk=False, signer=signer)


def clear_all(engine: Engine, *, by: str, reason: str, role: str = REVIEWER,
              shown_hash: str | None = None, signer: Signer | None = None) -> ReviewList:
    """Every item not yet cleared, in one recorded decision."""
    if not reason.strip():
        raise PreconditionFailed("clearing the whole list needs a reason")
    current = review_list(engine)
    _check_shown(current, shown_hash)
    wanted = {i.item: i.content_hash for i in current.items if i.decision != CLEARED}
    if not wanted:
        return current
    return _decide(engine, wanted, CLEARED, by=by, role=role, reason=reason, bulk=True,
                   signer=signer)


def sign_off(engine: Engine, *, by: str, role: str = OFFICER,
             shown_hash: str | None = None, signer: Signer | None = None) -> ReviewList:
    """The officer's sign-off of the list as it stands (every item decided)."""
    if not by.strip():
        raise PreconditionFailed("a sign-off needs the name of the person signing")
    current = review_list(engine)
    _check_shown(current, shown_hash)
    pending = [i.item for i in current.items if i.decision == PENDING]
    if pending:
        raise PreconditionFailed(f"{len(pending)} item(s) have no decision yet: clear or hold "
                                 "each before signing off")
    run = engine.run()
    if signer is not None:
        signer.sign(run, "review-sign-off", list_hash=current.hash)
    run.trigger_event(run.ReviewSignedOff, list_hash=current.hash, by=by, role=role,
                      items=len(current.items))
    engine.app.save(run)
    return review_list(engine)
