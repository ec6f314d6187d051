"""The mutation harness's registry: each mutation's name, when it runs, and what it does.

`order` keeps a variant consistent when mutations stack: values and references change first
(they find columns by the key's truth), then headers, then the columns' order and set, then
the containers (which rename files and sheets).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tools.zoo.mutate import Variant, containers, headers
from tools.zoo.mutate import values as vals


@dataclass(frozen=True)
class Mutation:
    order: int
    apply: Callable[[Variant, random.Random], str | None]
    drawn: bool = True  # False: only when named (a seed's draws stay what they were)


MUTATIONS: dict[str, Mutation] = {
    "ref_by_name": Mutation(0, vals.ref_by_name),
    "join_names": Mutation(1, vals.join_names),
    "drop_child_ids": Mutation(1, vals.drop_child_ids),
    "split_datetime": Mutation(1, vals.split_datetime),
    "dates": Mutation(2, vals.dates),
    "synonyms": Mutation(3, headers.synonyms),
    "translate": Mutation(3, headers.translate),
    "abbreviate": Mutation(4, headers.abbreviate),
    "opaque": Mutation(3, headers.opaque, drawn=False),
    "prefix": Mutation(4, headers.prefix),
    "recase": Mutation(5, headers.recase),
    "shuffle": Mutation(6, headers.shuffle),
    "drop_optional": Mutation(6, headers.drop_optional),
    "report": Mutation(7, containers.report),
    "split_file": Mutation(8, containers.split_file),
    "encoding": Mutation(9, containers.encoding),
    "to_workbook": Mutation(9, containers.to_workbook),
    "opaque_names": Mutation(10, containers.opaque_names, drawn=False),
}
