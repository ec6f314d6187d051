"""`c2n console user add|list|disable` and `c2n console serve`: the approvers' console."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from consumers.cli.common import add_json, console, emit_json, settings_from
from consumers.console.roles import ROLES
from consumers.console.users import UserStore
from domain.errors import PreconditionFailed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("console", help="the approvers' web console: people, roles, serve")
    csub = p.add_subparsers(dest="console_command", required=True)
    u = csub.add_parser("user", help="the people who may sign in, and their roles")
    usub = u.add_subparsers(dest="user_command", required=True)
    q = usub.add_parser("add", help="add a person (password read from standard input)")
    q.add_argument("name")
    q.add_argument("--role", required=True, choices=ROLES)
    q.set_defaults(func=user_add)
    q = usub.add_parser("list", help="the people and their roles")
    add_json(q)
    q.set_defaults(func=user_list)
    q = usub.add_parser("disable", help="a person may no longer sign in (sessions end)")
    q.add_argument("name")
    q.set_defaults(func=user_disable)
    s = csub.add_parser("serve", help="serve the console (loopback unless TLS is given)")
    s.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (loopback)")
    s.add_argument("--port", type=int, default=8780)
    s.add_argument("--tls-cert", type=Path, default=None)
    s.add_argument("--tls-key", type=Path, default=None)
    s.add_argument("--run", default=None, help="the run to show (default $C2N_RUN or default)")
    s.add_argument("--clinic", default=None,
                   help="the clinic's name, typed to confirm a rollback (default: the run's)")
    s.set_defaults(func=serve)


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise PreconditionFailed("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _store(args: argparse.Namespace) -> UserStore:
    from consumers.bootstrap import prepare_home

    settings = settings_from(args)
    prepare_home(settings.home)
    return UserStore(settings.home)


def user_add(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        user = store.add(args.name, args.role, _password())
    finally:
        store.close()
    console.print(f"{user.name} added as {user.role}")
    return 0


def user_list(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        users = store.list()
    finally:
        store.close()
    if args.json:
        emit_json({"users": [{"name": u.name, "role": u.role, "disabled": u.disabled}
                             for u in users]})
    else:
        for u in users:
            console.print(f"{u.name:24} {u.role:14} {'disabled' if u.disabled else ''}")
    return 0


def user_disable(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        store.disable(args.name)
    finally:
        store.close()
    console.print(f"{args.name} disabled; their sessions ended")
    return 0


def serve(args: argparse.Namespace) -> int:
    import dataclasses

    import uvicorn

    from consumers.console.serve import server_config

    settings = settings_from(args)
    if args.run:
        settings = dataclasses.replace(settings, run_name=args.run)
    config = server_config(settings, args.host, args.port, clinic=args.clinic,
                           tls_cert=args.tls_cert, tls_key=args.tls_key)
    scheme = "https" if args.tls_cert else "http"
    console.print(f"console for run {settings.run_name} on {scheme}://{args.host}:{args.port} "
                  f"(HOME {settings.home}); Ctrl-C stops it")
    uvicorn.Server(config).run()
    return 0
