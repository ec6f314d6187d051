"""`c2n sandbox serve`: a local Nutshell-compatible API server.

Prints its URL and the administrator's credentials, then serves until SIGINT/SIGTERM.
`--user/--api-key` seed the administrator (whose key may impersonate other users);
`--users FILE` seeds more users from a CSV (email,name[,api_key][,is_admin]) or JSON list.
`--fault SPEC` (repeatable) uses the syntax documented in adapters/nutshell_sandbox/faults.py,
e.g. `429:count=3:retry_after=1`, `reset_after_commit:match=POST /contacts`.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from adapters.nutshell_sandbox import FaultSpec, FaultSpecError, SandboxServer
from adapters.nutshell_sandbox.auth import DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_KEY, load_users_file

EXIT_OK, EXIT_CANNOT_RUN = 0, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sandbox", help="a local Nutshell-compatible API server")
    actions = p.add_subparsers(dest="sandbox_command", required=True)
    serve = actions.add_parser("serve", help="serve the sandbox until interrupted")
    serve.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (loopback)")
    serve.add_argument("--port", type=int, default=8765, help="default 8765; 0 picks a free one")
    serve.add_argument("--data", type=Path, default=None, metavar="DIR",
                       help="keep the sandbox's data in DIR across restarts")
    serve.add_argument("--rate-limit", type=float, default=None, metavar="PER_SECOND",
                       help="requests per second per API key; excess gets 429 + Retry-After")
    serve.add_argument("--latency-ms", type=int, default=0, metavar="MS",
                       help="added to every request")
    serve.add_argument("--fault", action="append", default=[], metavar="SPEC",
                       help="inject a fault, e.g. 429:count=3:retry_after=1 (repeatable)")
    serve.add_argument("--user", default=DEFAULT_ADMIN_EMAIL, metavar="EMAIL",
                       help=f"the administrator's email (default {DEFAULT_ADMIN_EMAIL})")
    serve.add_argument("--api-key", default=DEFAULT_ADMIN_KEY, metavar="KEY",
                       help="the administrator's API key (it may impersonate other users)")
    serve.add_argument("--users", type=Path, default=None, metavar="FILE",
                       help="more users from a CSV or JSON file")
    serve.set_defaults(func=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    try:
        faults = [FaultSpec.parse(spec) for spec in args.fault]
        users: list[dict[str, Any]] = [{"email": args.user, "name": "Sandbox Admin",
                                        "api_key": args.api_key, "is_admin": True}]
        if args.users is not None:
            users += load_users_file(args.users)
    except (FaultSpecError, ValueError, OSError) as exc:
        print(f"c2n sandbox: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    server = SandboxServer(data_dir=args.data, host=args.host, port=args.port, users=users,
                           rate_limit=args.rate_limit, latency_ms=args.latency_ms, faults=faults)
    try:
        url = server.start()
    except OSError as exc:
        print(f"c2n sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    print(f"Nutshell sandbox listening on {url}", flush=True)
    print(f"  C2N_NUTSHELL_URL={url}", flush=True)
    print(f"  C2N_NUTSHELL_USER={server.admin_user}", flush=True)
    print(f"  C2N_NUTSHELL_API_KEY={server.admin_key}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    print("Nutshell sandbox stopped", file=sys.stderr, flush=True)
    return EXIT_OK
