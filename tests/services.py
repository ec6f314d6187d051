"""What a test does when a service it needs is missing: in CI the run fails (PostgreSQL, the
Kafka broker and headless Chromium are part of CI); on a developer machine the test skips."""

from __future__ import annotations

import os

import pytest


def require_service(reason: str | None) -> None:
    """None: the service is there. Otherwise the reason it is not."""
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)
