"""The delta window as an operator runs it: publish a newer export, consume until idle, see
the window in `c2n status`, close it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import copy_run, operating
from tests.integration.test_delta import newer_export

pytestmark = [pytest.mark.kafka, pytest.mark.usefixtures("tolerate_kafka_socket_leaks")]


def test_publish_consume_status_close(approved: Path, tmp_path: Path, tansu_broker: Any,
                                      topic_name: str) -> None:
    copy_run(approved, tmp_path)  # extracted, mapped, planned, sampled and approved by `c2n`
    with operating(tmp_path) as (operator, _sandbox):
        operator.env["C2N_KAFKA_BOOTSTRAP"] = tansu_broker.bootstrap
        operator.run("run", expect=(0, 1))
        published = operator.json("delta", "publish", str(newer_export(tmp_path)), "--topic", topic_name)
        assert published["published"] == {"update": 3, "create": 1, "delete": 1}
        consumed = operator.json("delta", "consume", "--topic", topic_name, "--max-idle", "6",
                                 "--for", "2m")
        assert consumed["applied"] == 5 and consumed["errors"] == 0
        assert consumed["stopped_because"].startswith("no message")
        status = operator.json("status", expect=(0, 1))
        window = status["delta"]
        assert window["open"] is True and window["topic"] == topic_name
        assert window["consumer"]["applied"] == 5 and window["consumer"]["lag_total"] == 0
        assert window["consumer"]["time_left_s"] is not None
        assert status["counts"]["patient"]["pushed"] >= 28
        operator.run("delta", "close")
        assert operator.json("status", expect=(0, 1))["delta"]["open"] is False
        conflicts = operator.json("delta", "conflicts")
        assert conflicts["conflicts"] == []
