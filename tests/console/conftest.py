from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.console.world import World, build_world, serve_world, sign_in


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The console's world built once per session (tests/console/world.py)."""
    folder = tmp_path_factory.mktemp("console-world")
    build_world(folder)
    return folder


@pytest.fixture(scope="module")
def world(world_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A copy of the world for each module: what one module's tests change, the next module
    does not see."""
    folder = tmp_path_factory.mktemp("console")
    for part in ("sandbox", "home"):
        shutil.copytree(world_template / part, folder / part)
    with serve_world(folder) as served:
        yield served


def audit(world: World, **filters: str) -> list[dict[str, str]]:
    """The audit log as the auditor downloads it (CSV), filtered as the page filters."""
    with sign_in(world.url, "aude") as client:
        answer = client.get("/audit.csv", params=filters)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text)))


def refusals(world: World, person: str) -> list[dict[str, str]]:
    return [r for r in audit(world, actor=person) if r["event"] == "MigrationRun.AccessRefused"]


def reason_of(row: dict[str, str]) -> str:
    import json

    return str(json.loads(row["detail"])["reason"])


@pytest.fixture
def anonymous(world: World) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=world.url, follow_redirects=False, timeout=60) as client:
        yield client


def restore_mapping(world: World) -> tuple[Path, bytes]:
    path = world.settings.mapping_path
    return path, path.read_bytes()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keeps each phase's report on the test, so the browser fixture knows it failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)
