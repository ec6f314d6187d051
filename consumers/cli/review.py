"""`c2n review`: the PHI review of documents and notes before clinical content moves.

    c2n review list [--json]
    c2n review clear ITEM... --by NAME [--reason TEXT]
    c2n review clear --all --reason TEXT --by NAME        (one bulk decision)
    c2n review hold ITEM... --reason TEXT --by NAME
    c2n review sign-off --by NAME [--hash H]              (the officer's, bound to the list)

`--hash` (every decision) names the list hash the person saw; a list that changed since is
refused. Items are `kind:source_id` as `review list` prints them.
"""

from __future__ import annotations

import argparse

from consumers.cli.common import add_json, console, emit_json, open_engine
from consumers.services import review as svc
from consumers.views.output import Outcome
from domain.errors import PreconditionFailed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="PHI review of documents and notes (clear, hold, sign off)")
    rsub = p.add_subparsers(dest="review_command", required=True)
    ls = rsub.add_parser("list", help="items waiting for or holding a decision, and the hash")
    add_json(ls)
    ls.set_defaults(func=_list)
    for name, helptext in (("clear", "clear items (or --all) to move"),
                           ("hold", "hold items back, with a reason")):
        c = rsub.add_parser(name, help=helptext)
        c.add_argument("items", nargs="*", help="kind:source_id, as `review list` shows")
        c.add_argument("--by", required=True, help="the reviewer's name")
        c.add_argument("--role", default=svc.REVIEWER)
        c.add_argument("--reason", default=None)
        c.add_argument("--hash", default=None, help="the list hash the decision was taken on")
        if name == "clear":
            c.add_argument("--all", action="store_true", help="every item not yet cleared")
        add_json(c)
        c.set_defaults(func=_clear if name == "clear" else _hold)
    s = rsub.add_parser("sign-off", help="the compliance officer's sign-off of the list")
    s.add_argument("--by", required=True)
    s.add_argument("--role", default=svc.OFFICER)
    s.add_argument("--hash", default=None, help="the list hash being signed")
    add_json(s)
    s.set_defaults(func=_sign_off)


def _show(current: svc.ReviewList, as_json: bool) -> int:
    """Every review command ends with the list as it now stands: undecided or held items, or a
    list not (or no longer) signed off, are something to look at (exit 1)."""
    counts = current.counts()
    outcome = Outcome().note("pending_review", counts["pending"]).note("held", counts["held"])
    outcome.note("not_signed_off", bool(current.items) and not current.signed_off)
    if as_json:
        emit_json({**current.to_json(), "to_look_at": outcome.found})
        return outcome.code
    for item in current.items:
        who = f" by {item.by}" if item.by else ""
        console.print(f"{item.item}  {item.decision}{who}  ({item.reason})")
    state = "signed off" if current.signed_off else (
        "sign-off out of date" if current.sign_off else "not signed off")
    console.print(f"{len(current.items)} items: {counts['pending']} pending, "
                  f"{counts['cleared']} cleared, {counts['held']} held; list {current.hash[:16]} "
                  f"{state}")
    return outcome.finish(console)


def _list(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        current = svc.review_list(engine)
    return _show(current, args.json)


def _clear(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        if args.all:
            if args.items:
                raise PreconditionFailed("name items or --all, not both")
            current = svc.clear_all(engine, by=args.by, role=args.role, reason=args.reason or "",
                                    shown_hash=args.hash)
        else:
            current = svc.clear(engine, args.items, by=args.by, role=args.role,
                                reason=args.reason, shown_hash=args.hash)
    return _show(current, args.json)


def _hold(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        current = svc.hold(engine, args.items, by=args.by, role=args.role,
                           reason=args.reason or "", shown_hash=args.hash)
    return _show(current, args.json)


def _sign_off(args: argparse.Namespace) -> int:
    with open_engine(args) as engine:
        current = svc.sign_off(engine, by=args.by, role=args.role, shown_hash=args.hash)
    return _show(current, args.json)
