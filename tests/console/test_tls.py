"""`console serve` with a certificate: HTTPS, cookies marked Secure, HSTS."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import httpx

from consumers.bootstrap import Settings
from consumers.console.serve import ConsoleServer
from consumers.console.users import UserStore
from tests.console.world import PASSWORD, csrf_of
from tests.services import require_service


def _certificate(folder: Path) -> tuple[Path, Path]:
    require_service(None if shutil.which("openssl") else "openssl is not installed")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True,
                   timeout=60)
    return cert, key


def test_https_with_secure_cookies_and_hsts(tmp_path: Path) -> None:
    cert, key = _certificate(tmp_path)
    settings = Settings(home=tmp_path / "home")
    store = UserStore(settings.home)
    store.add("max", "manager", PASSWORD)
    store.close()
    trust = ssl.create_default_context(cafile=str(cert))
    with ConsoleServer(settings, tls_cert=cert, tls_key=key) as url, \
            httpx.Client(base_url=url, verify=trust, timeout=60) as client:
        assert url.startswith("https://")
        form = client.get("/login")
        assert form.headers["strict-transport-security"].startswith("max-age=")
        assert "secure" in form.headers["set-cookie"].lower()
        signed = client.post("/login", data={"username": "max", "password": PASSWORD,
                                             "csrf": csrf_of(form.text)})
        assert signed.status_code == 303
        session = next(c for c in signed.headers.get_list("set-cookie")
                       if c.startswith("c2n_session="))
        assert "; secure" in session.lower() and "samesite=strict" in session.lower()
        assert client.get("/").status_code == 200
