"""Charts drawn on the server as SVG: no script, no library, readable without colour (each bar
and point carries its number as text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    total: int  # the bar's full length (value drawn over it)


def bars(items: Sequence[Bar], width: int = 560, row: int = 22) -> dict[str, object]:
    """Geometry for templates/chart_bars.svg.html: one row per item, value over total."""
    label_w, number_w = 170, 90
    scale_w = width - label_w - number_w
    peak = max([b.total for b in items] + [b.value for b in items] + [1])
    rows = []
    for i, b in enumerate(items):
        rows.append({"y": i * row, "label": b.label, "value": b.value, "total": b.total,
                     "total_w": round(scale_w * b.total / peak, 1),
                     "value_w": round(scale_w * b.value / peak, 1)})
    return {"width": width, "height": max(row, row * len(items)), "row": row,
            "label_w": label_w, "bar_x": label_w, "number_x": width - number_w + 6,
            "rows": rows}


def line(points: Sequence[tuple[str, int]], width: int = 560,
         height: int = 160) -> dict[str, object]:
    """Geometry for a throughput line (records per minute): x labels are minutes."""
    pad_l, pad_b, pad_t = 40, 24, 10
    inner_w, inner_h = width - pad_l - 10, height - pad_b - pad_t
    peak = max([v for _, v in points] + [1])
    step = inner_w / max(1, len(points) - 1)
    coords = []
    for i, (label, value) in enumerate(points):
        x = round(pad_l + i * step, 1)
        y = round(pad_t + inner_h - inner_h * value / peak, 1)
        coords.append({"x": x, "y": y, "label": label, "value": value})
    path = " ".join(f"{c['x']},{c['y']}" for c in coords)
    ticks = coords if len(coords) <= 6 else coords[:: max(1, len(coords) // 5)]
    return {"width": width, "height": height, "points": coords, "path": path, "peak": peak,
            "base_y": pad_t + inner_h, "pad_l": pad_l, "top_y": pad_t, "ticks": ticks}
