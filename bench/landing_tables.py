"""The landing bench's tables: one row per export, and the side-by-side of the embedding signal."""

from __future__ import annotations

from typing import Any

from bench._common import print_table

TARGET_LANDED, TARGET_COLUMNS = 0.98, 0.97


def table(half: str, results: list[dict[str, Any]]) -> str:
    rows = []
    for r in results:
        cols = r.get("columns") or {}
        land = r.get("landed") or {}
        ok = (land.get("ratio", 0) >= TARGET_LANDED and cols.get("accuracy", 0) >= TARGET_COLUMNS
              and not r.get("twice") and not r.get("failed_at"))
        rows.append([r["export"], r.get("vendor", ""),
                     f"{land.get('landed', 0)}/{land.get('expected', 0)}",
                     f"{land.get('ratio', 0):.1%}", land.get("extra", 0),
                     f"{cols.get('right', 0)}/{cols.get('total', 0)}",
                     f"{cols.get('accuracy', 0):.1%}", _values(r.get("values")),
                     "yes" if r.get("twice") else ("no" if "twice" in r else "?"),
                     r.get("failed_at", "") or "-", "met" if ok else "not met"])
    land = sum(r.get("landed", {}).get("landed", 0) for r in results)
    want = sum(r.get("landed", {}).get("expected", 0) for r in results)
    right = sum((r.get("columns") or {}).get("right", 0) for r in results)
    total = sum((r.get("columns") or {}).get("total", 0) for r in results)
    rows.append(["**all**", "", f"{land}/{want}", f"{land / want if want else 0:.1%}",
                 sum(r.get("landed", {}).get("extra", 0) for r in results),
                 f"{right}/{total}", f"{right / total if total else 0:.1%}",
                 _values({"right": sum((r.get("values") or {}).get("right", 0) for r in results),
                          "total": sum((r.get("values") or {}).get("total", 0) for r in results)}),
                 "", "", ""])
    return print_table(f"Landing and column accuracy, {half} half", [
        "export", "vendor", "records landed", "landed", "extra", "columns right", "accuracy",
        "patient values right", "patient twice", "crashed at", "targets"], rows)


def _values(v: dict[str, Any] | None) -> str:
    """Patient values right (bench/landing_values.py): not one of the targets, reported beside them."""
    if not v or not v.get("total"):
        return "-"
    return f"{v['right']}/{v['total']} ({v['right'] / v['total']:.1%})"


def side_by_side(half: str, without: list[dict[str, Any]], with_signal: list[dict[str, Any]]) -> str:
    """Each export without and with the embedding signal, then every column it changed."""
    rows: list[list[Any]] = []
    changed: list[str] = []
    sums = [0] * 8
    for a, b in zip(without, with_signal, strict=True):
        la, lb = a.get("landed") or {}, b.get("landed") or {}
        ca, cb = a.get("columns") or {}, b.get("columns") or {}
        figures = [la.get("landed", 0), la.get("expected", 0), lb.get("landed", 0),
                   lb.get("expected", 0), ca.get("right", 0), ca.get("total", 0),
                   cb.get("right", 0), cb.get("total", 0)]
        sums = [x + y for x, y in zip(sums, figures, strict=True)]
        rows.append([a["export"], *_pair(figures)])
        before, after = set(ca.get("mistakes", [])), set(cb.get("mistakes", []))
        changed += [f"{a['export']}: fixed   {m}" for m in sorted(before - after)]
        changed += [f"{a['export']}: broken  {m}" for m in sorted(after - before)]
    rows.append(["**all**", *_pair(sums)])
    text = print_table(f"{half} half without / with the embedding signal", [
        "export", "landed without", "landed with", "columns without", "columns with"], rows)
    print("\n".join(changed) if changed else "the embedding signal changed no column's result")
    return text + "\n" + "\n".join(changed)


def _pair(f: list[int]) -> list[str]:
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({a / b if b else 0:.1%})"
    return [pct(f[0], f[1]), pct(f[2], f[3]), pct(f[4], f[5]), pct(f[6], f[7])]
