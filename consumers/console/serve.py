"""Serving the console with uvicorn: loopback unless TLS is given, in the foreground (the CLI)
or on a thread (tests, screenshots)."""

from __future__ import annotations

import ipaddress
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn

from consumers.bootstrap import Settings
from consumers.console.app import create_app
from domain.errors import PreconditionFailed

STARTUP_SECONDS = 20.0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def server_config(settings: Settings, host: str, port: int, *, clinic: str | None = None,
                  tls_cert: Path | None = None, tls_key: Path | None = None) -> uvicorn.Config:
    """Anything but loopback needs a certificate: cookies and passwords never cross a network
    in clear."""
    tls = bool(tls_cert and tls_key)
    if bool(tls_cert) != bool(tls_key):
        raise PreconditionFailed("--tls-cert and --tls-key go together")
    if not is_loopback(host) and not tls:
        raise PreconditionFailed(f"{host} is not a loopback address: give --tls-cert and "
                                 "--tls-key to serve it")
    app = create_app(settings, clinic=clinic, tls=tls)
    options: dict[str, Any] = {}
    if tls:
        options = {"ssl_certfile": str(tls_cert), "ssl_keyfile": str(tls_key)}
    # No access log: paths hold no PHI, but the log is the event store, not a text file.
    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                          lifespan="on", server_header=False, **options)


class ConsoleServer:
    """The console on a thread: `with ConsoleServer(settings) as url: ...`."""

    def __init__(self, settings: Settings, host: str = "127.0.0.1", port: int = 0,
                 clinic: str | None = None, tls_cert: Path | None = None,
                 tls_key: Path | None = None) -> None:
        self.config = server_config(settings, host, port, clinic=clinic, tls_cert=tls_cert,
                                    tls_key=tls_key)
        self.scheme = "https" if tls_cert else "http"
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self.server.run, name="c2n-console", daemon=True)
        self.url = ""

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + STARTUP_SECONDS
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the console did not start")
            time.sleep(0.02)
        sock = self.server.servers[0].sockets[0]
        host, port = sock.getsockname()[:2]
        self.url = f"{self.scheme}://{host}:{port}"
        return self.url

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=STARTUP_SECONDS)
