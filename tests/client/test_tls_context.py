"""Every Nutshell client of a process verifies TLS with one shared context: httpx would read
and parse the CA bundle again for each client (tens of milliseconds each), and the engine and
the tests open many clients."""

from __future__ import annotations

import ssl

from adapters.nutshell.client import NutshellClient


def _context(client: NutshellClient) -> ssl.SSLContext:
    # httpx keeps the context on its connection pool (httpx 0.28 / httpcore 1.x)
    return client._http._transport._pool._ssl_context  # type: ignore[attr-defined]


def test_clients_share_one_verifying_tls_context() -> None:
    with NutshellClient("https://nutshell.invalid/rest", "u", "k") as first, \
            NutshellClient("https://nutshell.invalid/rest", "v", "l") as second:
        shared = _context(first)
        assert _context(second) is shared
        assert shared.verify_mode == ssl.CERT_REQUIRED and shared.check_hostname
        assert shared.cert_store_stats()["x509_ca"] > 0  # the CA bundle is loaded
