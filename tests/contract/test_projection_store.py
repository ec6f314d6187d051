"""The ProjectionStore port's contract, run against SQLite and PostgreSQL."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

import pytest

from domain.ports import ProjectionPage, ProjectionStore


class ProjectionStoreContract(ABC):
    @abstractmethod
    def make_store(self, tmp_path: Path, request: pytest.FixtureRequest) -> Any: ...

    @pytest.fixture
    def store(self, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
        store = self.make_store(tmp_path, request)
        yield store
        store.close()

    def _page(self, position: int, **kw: Any) -> ProjectionPage:
        return ProjectionPage(position=position, **kw)

    def test_empty_store_is_at_position_zero(self, store: ProjectionStore) -> None:
        assert store.position() == 0
        assert store.counts() == {}
        assert store.failures() == []

    def test_counts_add_up_and_position_moves(self, store: ProjectionStore) -> None:
        store.apply(self._page(3, counts={("patient", "extracted"): 2}))
        store.apply(self._page(5, counts={("patient", "extracted"): 1,
                                          ("patient", "pushed"): 1}))
        assert store.counts() == {"patient": {"extracted": 3, "pushed": 1}}
        assert store.position() == 5

    def test_a_page_at_or_before_the_position_is_ignored(self, store: ProjectionStore) -> None:
        store.apply(self._page(5, counts={("patient", "extracted"): 2}))
        store.apply(self._page(5, counts={("patient", "extracted"): 2}))
        store.apply(self._page(4, counts={("patient", "extracted"): 2}))
        assert store.counts() == {"patient": {"extracted": 2}}

    def test_xref_both_directions_and_removal(self, store: ProjectionStore) -> None:
        store.apply(self._page(1, xref=[("patient", "p1", "contacts", "7-contacts")]))
        assert store.xref_by_source("patient", "p1") == ("contacts", "7-contacts")
        assert store.xref_by_nutshell("7-contacts") == ("patient", "p1")
        store.apply(self._page(2, xref=[("patient", "p1", "", "")]))
        assert store.xref_by_source("patient", "p1") is None
        assert store.xref_by_nutshell("7-contacts") is None

    def test_streams_upsert_and_batch_lookup(self, store: ProjectionStore) -> None:
        store.apply(self._page(1, streams=[("r1", "run", "patient", "p1", "derived", 1),
                                           ("r2", "run", "patient", "p2", "quarantined", 2)]))
        store.apply(self._page(3, streams=[("r1", "run", "patient", "p1", "pushed", 1)]))
        assert store.streams(["r1", "r2", "r3"]) == {
            "r1": ("run", "patient", "p1", "pushed", 1),
            "r2": ("run", "patient", "p2", "quarantined", 2)}
        assert store.record_state("patient", "p1") == "pushed"
        assert store.records_in_state("patient", ["pushed"]) == [("patient", "p1", "pushed")]

    def test_audit_index(self, store: ProjectionStore) -> None:
        store.apply(self._page(5, streams=[("r1", "run", "patient", "p1", "derived", 1),
                                           ("r2", "run2", "patient", "p1", "derived", 2),
                                           ("r3", "run", "patient", "p2", "derived", 4)],
                               spans=[(1, 5, "2026-01-01T00:00:00+00:00",
                                       "2026-01-05T00:00:00+00:00")],
                               actors=[(3, "alice"), (5, "bob")]))
        store.apply(self._page(9, spans=[(6, 9, "2026-01-06T00:00:00+00:00",
                                          "2026-01-09T00:00:00+00:00")],
                               actors=[(7, "alice")]))
        assert store.rids_of("patient", "p1") == ["r1", "r2"]
        assert store.rids_of("patient", "nobody") == []
        assert store.audit_spans("2026-01-02", "2026-01-04") == [(1, 5)]
        assert store.audit_spans("2026-01-05T12", None) == [(6, 9)]
        assert store.audit_spans(None, "2026-01-01") == []  # "2026-01-01T..." sorts after it
        assert store.audit_spans(None, None) == [(1, 5), (6, 9)]
        assert store.actor_seqs("alice") == [3, 7]
        assert store.actor_seqs("carol") == []

    def test_a_home_with_read_models_of_an_earlier_layout_is_rebuilt(self, store: Any) -> None:
        store.apply(self._page(4, counts={("patient", "extracted"): 1}))
        with store._transaction() as cur:  # as the first layout left them
            cur.execute("CREATE TABLE c2n_audit (seq BIGINT PRIMARY KEY)")
            cur.execute("DROP TABLE c2n_layout")
        store.create_tables()  # as when an engine opens that HOME
        assert store.position() == 0 and store.counts() == {}
        with store._transaction() as cur:
            assert not store._has_table(cur, "c2n_audit")
        store.apply(self._page(4, counts={("patient", "extracted"): 1}))
        store.create_tables()  # and only once
        assert store.position() == 4

    def test_failures_upsert_and_resolve(self, store: ProjectionStore) -> None:
        failure = {"kind": "patient", "source_id": "p1", "stage": "quarantine", "file": "a.csv",
                   "row": 3, "field": "email", "reason": "not an email address"}
        store.apply(self._page(1, failures=[failure]))
        assert store.failures()[0]["field"] == "email"
        store.apply(self._page(2, resolved=[("patient", "p1")]))
        assert store.failures() == []

    def test_a_failing_page_leaves_nothing_behind(self, store: ProjectionStore) -> None:
        bad = self._page(9, counts={("patient", "extracted"): 1},
                         actors=[(1, "alice")] * 2)  # the same seq twice
        with pytest.raises(Exception):  # noqa: B017 - either driver's integrity error
            store.apply(bad)
        assert store.position() == 0
        assert store.counts() == {}

    def test_reset_drops_everything(self, store: ProjectionStore) -> None:
        store.apply(self._page(4, counts={("patient", "extracted"): 1},
                               xref=[("patient", "p1", "contacts", "7-contacts")]))
        store.reset()
        assert store.position() == 0
        assert store.counts() == {}
        assert store.xref_by_source("patient", "p1") is None


class TestSQLiteProjectionStore(ProjectionStoreContract):
    def make_store(self, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
        from adapters.stores.projection_sql import SQLiteProjectionStore

        return SQLiteProjectionStore(tmp_path / "p.sqlite")


@pytest.mark.postgres
class TestPostgresProjectionStore(ProjectionStoreContract):
    def make_store(self, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
        from adapters.stores.projection_sql import PostgresProjectionStore
        from adapters.stores.store_config import parse_database_url
        from consumers.bootstrap import _conninfo, _ensure_schema

        db = parse_database_url(request.getfixturevalue("pg_url"), tmp_path)
        _ensure_schema(db)
        return PostgresProjectionStore(_conninfo(db), db.schema)
