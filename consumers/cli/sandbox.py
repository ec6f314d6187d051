"""`c2n sandbox serve`: a local Nutshell-compatible API server.

Prints its URL and the administrator's credentials, then serves until SIGINT/SIGTERM.
`--user/--api-key` seed the administrator (whose key may impersonate other users);
`--users FILE` seeds more users from a CSV (email,name[,api_key][,is_admin]) or JSON list.
`--fault SPEC` (repeatable) uses the syntax documented in adapters/nutshell_sandbox/faults.py,
e.g. `429:count=3:retry_after=1`, `reset_after_commit:match=POST /contacts`.
"""

from __future__ import annotations

import argparse
import re
import shlex
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from adapters.nutshell_sandbox import FaultSpec, FaultSpecError, SandboxServer, Settings
from adapters.nutshell_sandbox.auth import DEFAULT_ADMIN_EMAIL, DEFAULT_ADMIN_KEY, load_users_file
from adapters.nutshell_sandbox.files.routes import DEFAULT_MAX_FILE_BYTES

EXIT_OK, EXIT_CANNOT_RUN = 0, 2
ENV_FILE = "sandbox.env"  # in --data: the running sandbox's settings, for `c2n sandbox env`


def exports(url: str, user: str, key: str) -> list[str]:
    return [f"export C2N_NUTSHELL_URL={shlex.quote(url)}",
            f"export C2N_NUTSHELL_USER={shlex.quote(user)}",
            f"export C2N_NUTSHELL_API_KEY={shlex.quote(key)}"]


def env_command(args: argparse.Namespace) -> int:
    """Prints the export lines of the sandbox serving --data, once it answers."""
    env_file = args.data / ENV_FILE
    deadline = time.monotonic() + max(args.wait, 0.0)
    while True:
        if env_file.is_file():
            text = env_file.read_text(encoding="utf-8")
            match = re.search(r"C2N_NUTSHELL_URL=(\S+)", text)
            if match and _answers(shlex.split(match[1])[0]):
                sys.stdout.write(text)
                return EXIT_OK
        if time.monotonic() >= deadline:
            print(f"c2n sandbox: no sandbox is serving {args.data} (start one with "
                  f"`c2n sandbox serve --data {args.data}`)", file=sys.stderr)
            return EXIT_CANNOT_RUN
        time.sleep(0.2)


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80),
                                      timeout=1.0):
            return True
    except OSError:
        return False


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
    serve.add_argument("--max-file-bytes", type=int, default=DEFAULT_MAX_FILE_BYTES,
                       metavar="BYTES", help="per-file upload limit (Nutshell publishes none; "
                       f"default {DEFAULT_MAX_FILE_BYTES})")
    serve.add_argument("--user", default=DEFAULT_ADMIN_EMAIL, metavar="EMAIL",
                       help=f"the administrator's email (default {DEFAULT_ADMIN_EMAIL})")
    serve.add_argument("--api-key", default=DEFAULT_ADMIN_KEY, metavar="KEY",
                       help="the administrator's API key (it may impersonate other users)")
    serve.add_argument("--users", type=Path, default=None, metavar="FILE",
                       help="more users from a CSV or JSON file")
    serve.add_argument("--retry-after", action="store_true",
                       help="429s carry Retry-After (Nutshell's are not known to)")
    serve.add_argument("--unknown-custom-field", choices=("refuse", "ignore"), default="refuse",
                       help="a value for an undefined custom field (default refuse)")
    serve.add_argument("--duplicate-custom-field", choices=("refuse", "allow"),
                       default="refuse", help="a second custom field of the same name")
    serve.set_defaults(func=serve_command)
    env = actions.add_parser("env", help="the settings of a running sandbox, ready for eval: "
                                         'eval "$(c2n sandbox env --data DIR)"')
    env.add_argument("--data", type=Path, required=True, metavar="DIR",
                     help="the --data folder the sandbox serves")
    env.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                     help="how long to wait for a sandbox still starting (default 10)")
    env.set_defaults(func=env_command)


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
                           rate_limit=args.rate_limit, latency_ms=args.latency_ms, faults=faults,
                           settings=Settings(retry_after=args.retry_after,
                                             unknown_custom_field=args.unknown_custom_field,
                                             duplicate_custom_field=args.duplicate_custom_field),
                           max_file_bytes=args.max_file_bytes)
    try:
        url = server.start()
    except OSError as exc:
        print(f"c2n sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    lines = exports(url, server.admin_user, server.admin_key)
    print(f"Nutshell sandbox listening on {url}; its settings, ready to paste (or "
          f"`eval \"$(c2n sandbox env --data DIR)\"` in another shell):", flush=True)
    print("\n".join(lines), flush=True)
    env_file = args.data / ENV_FILE if args.data is not None else None
    if env_file is not None:
        env_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env_file.chmod(0o600)  # holds the API key
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        if env_file is not None:
            env_file.unlink(missing_ok=True)
    print("Nutshell sandbox stopped", file=sys.stderr, flush=True)
    return EXIT_OK
