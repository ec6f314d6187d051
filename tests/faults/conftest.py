"""What every fault scenario compares against: the same migration with nothing injected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from consumers.nutshell import migration as svc
from tests.integration.migrate import environment, live, prepare, sign_off_review


@pytest.fixture(scope="session")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    """Live records per collection after the cliniko sample's migration, no fault."""
    with environment(tmp_path_factory.mktemp("baseline")) as (engine, api, srv):
        prepare(engine, api)
        sign_off_review(engine)  # notes and documents move too
        svc.run_sample(engine, api, 60)
        svc.approve(engine, "tester")
        svc.run_full(engine, api)
        yield {entity: len(found) for entity, found in live(srv.snapshot()).items()}
