"""An in-process change bus with Kafka's semantics, for unit tests and the offline demo.

A `MemoryTopic` holds the partitioned log and each group's committed offsets; every
`MemoryChangeBus` on it is one producer and, with a group id, one consumer-group member.
Partitions are spread over a group's members in join order and re-spread whenever a member
joins or leaves; a member that takes over a partition starts at the group's committed offset,
so whatever the previous owner polled but did not commit is delivered again.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Sequence
from copy import deepcopy
from itertools import count

from domain.errors import PreconditionFailed, TerminalError
from domain.ports import JSON, ChangeBus, ChangeMessage


class MemoryTopic:
    def __init__(self, partitions: int = 6) -> None:
        if partitions < 1:
            raise ValueError("a topic needs at least one partition")
        self.partitions = partitions
        self.logs: list[list[tuple[str, dict[str, JSON]]]] = [[] for _ in range(partitions)]
        self.committed: dict[str, dict[int, int]] = {}
        self.members: dict[str, list[MemoryChangeBus]] = {}
        self.cond = threading.Condition()
        self._ids = count(1)

    def partition_for(self, key: str) -> int:
        # crc32, not hash(): the same key must land in the same partition in every process
        return zlib.crc32(key.encode("utf-8")) % self.partitions

    def _join(self, member: MemoryChangeBus) -> int:
        with self.cond:
            self.members.setdefault(member.group_id or "", []).append(member)
            self._rebalance(member.group_id or "")
            return next(self._ids)

    def _leave(self, member: MemoryChangeBus) -> None:
        with self.cond:
            group = self.members.get(member.group_id or "", [])
            if member in group:
                group.remove(member)
                self._rebalance(member.group_id or "")

    def _rebalance(self, group_id: str) -> None:
        members = self.members.get(group_id, [])
        committed = self.committed.setdefault(group_id, {})
        for index, member in enumerate(members):
            mine = [p for p in range(self.partitions) if p % len(members) == index]
            member._assign({p: member._positions.get(p, committed.get(p, 0)) for p in mine})


class MemoryChangeBus(ChangeBus):
    def __init__(self, topic: MemoryTopic, *, group_id: str | None = None) -> None:
        self.topic = topic
        self.group_id = group_id
        self._positions: dict[int, int] = {}  # next offset to hand out, per assigned partition
        self._pending: dict[int, int] = {}  # next offset to commit, per partition
        self._joined = False
        self._closed = False

    def _assign(self, positions: dict[int, int]) -> None:
        # Called under the topic's lock. A partition kept keeps its position; a new one starts
        # at the committed offset; a revoked one forgets what was not committed.
        self._positions = positions
        self._pending = {p: o for p, o in self._pending.items() if p in positions}

    def publish(self, messages: Sequence[ChangeMessage]) -> None:
        self._check_open()
        with self.topic.cond:
            for message in messages:
                partition = self.topic.partition_for(message.key)
                self.topic.logs[partition].append((message.key, deepcopy(message.value)))
            self.topic.cond.notify_all()

    def poll(self, max_records: int, timeout_s: float) -> list[ChangeMessage]:
        self._check_open()
        if self.group_id is None:
            raise PreconditionFailed("this change bus was opened without a consumer group")
        if not self._joined:
            self.topic._join(self)
            self._joined = True
        deadline = time.monotonic() + max(0.0, timeout_s)
        with self.topic.cond:
            while True:
                out = self._take(max_records)
                remaining = deadline - time.monotonic()
                if out or remaining <= 0:
                    return out
                self.topic.cond.wait(remaining)

    def _take(self, max_records: int) -> list[ChangeMessage]:
        out: list[ChangeMessage] = []
        for partition in sorted(self._positions):
            log = self.topic.logs[partition]
            start = self._positions[partition]
            for offset in range(start, min(len(log), start + max_records - len(out))):
                key, value = log[offset]
                out.append(ChangeMessage(key=key, value=deepcopy(value), partition=partition,
                                         offset=offset))
            if len(out) > 0 and out[-1].partition == partition:
                self._positions[partition] = out[-1].offset + 1
                self._pending[partition] = out[-1].offset + 1
            if len(out) >= max_records:
                break
        return out

    def commit(self) -> None:
        self._check_open()
        if self.group_id is None:
            return
        with self.topic.cond:
            committed = self.topic.committed.setdefault(self.group_id, {})
            committed.update(self._pending)
            self._pending.clear()

    def lag(self) -> dict[int, int]:
        self._check_open()
        with self.topic.cond:
            return {p: len(self.topic.logs[p]) - pos for p, pos in sorted(self._positions.items())}

    def close(self) -> None:
        """Leaves the group without committing, as a crashed member would."""
        if self._closed:
            return
        self._closed = True
        if self._joined:
            self.topic._leave(self)

    def _check_open(self) -> None:
        if self._closed:
            raise TerminalError("the change bus is closed")
