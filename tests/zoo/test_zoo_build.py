"""The zoo's builder is deterministic: rebuilding any export writes the committed bytes, and the
second to ninth hold-out halves and the second tuning half each hold six exports from vendors
the other halves do not.

Nothing here proposes a mapping: the files are compared byte for byte and the keys read as YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.zoo.keys import ZOO, exports
from tools.zoo.build import EXPORTS
from tools.zoo.writers import write_export


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_rebuilding_an_export_writes_the_committed_bytes(name: str, tmp_path: Path) -> None:
    meta, tables = EXPORTS[name]()
    write_export(tmp_path, meta, tables)
    committed = ZOO / meta["half"] / name
    built = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    on_disk = {p.name: p.read_bytes() for p in committed.iterdir() if p.name != "PROVENANCE.md"}
    assert sorted(built) == sorted(on_disk)
    changed = [n for n in built if built[n] != on_disk[n]]
    assert changed == [], f"{name}: rebuilt bytes differ in {changed}"


def test_the_second_hold_out_is_six_fresh_exports_across_countries() -> None:
    second = exports("holdout2")
    earlier = [e for e in exports() if e.half != "holdout2"]
    assert len(second) == 6
    assert {e.name for e in second}.isdisjoint({e.name for e in earlier})
    assert {(e.key["vendor"], e.key["country"]) for e in second}.isdisjoint(
        {(e.key["vendor"], e.key["country"]) for e in earlier})
    assert len({e.key["country"] for e in second}) == 6
    assert "Practice Better" in {e.key["vendor"] for e in second}
    assert any(e.key.get("language", "en") != "en" for e in second)
    for e in second:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_third_hold_out_is_six_fresh_vendors_with_dirty_rows() -> None:
    third = exports("holdout3")
    earlier = [e for e in exports() if e.half != "holdout3"]
    assert len(third) == 6
    assert {e.name for e in third}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in third}.isdisjoint({e.key["vendor"] for e in earlier})
    assert len({e.key["country"] for e in third}) == 6
    assert len({e.key.get("language", "en") for e in third}) >= 3
    for e in third:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_second_tuning_half_is_six_fresh_vendors_with_dirty_rows() -> None:
    tuning2 = exports("tuning2")
    earlier = [e for e in exports() if e.half != "tuning2"]
    assert len(tuning2) == 6
    assert {e.name for e in tuning2}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in tuning2}.isdisjoint({e.key["vendor"] for e in earlier})
    assert any(e.key.get("language", "en") != "en" for e in tuning2)
    for e in tuning2:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_fourth_hold_out_is_six_fresh_vendors_with_dirty_rows() -> None:
    fourth = exports("holdout4")
    earlier = [e for e in exports() if e.half != "holdout4"]
    assert len(fourth) == 6
    assert {e.name for e in fourth}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in fourth}.isdisjoint({e.key["vendor"] for e in earlier})
    assert len({e.key["country"] for e in fourth}) == 5
    assert {"fr", "de"} <= {e.key.get("language", "en") for e in fourth}
    for e in fourth:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_fifth_hold_out_is_six_fresh_vendors_in_six_countries_with_dirty_rows() -> None:
    fifth = exports("holdout5")
    earlier = [e for e in exports() if e.half != "holdout5"]
    assert len(fifth) == 6
    assert {e.name for e in fifth}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in fifth}.isdisjoint({e.key["vendor"] for e in earlier})
    assert len({e.key["country"] for e in fifth}) == 6
    assert {"es", "it"} <= {e.key.get("language", "en") for e in fifth}
    for e in fifth:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_sixth_hold_out_is_six_fresh_vendors_with_new_countries_and_languages() -> None:
    sixth = exports("holdout6")
    earlier = [e for e in exports() if e.half != "holdout6"]
    assert len(sixth) == 6
    assert {e.name for e in sixth}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in sixth}.isdisjoint({e.key["vendor"] for e in earlier})
    countries = {e.key["country"] for e in sixth}
    assert len(countries) == 6
    assert len(countries - {e.key["country"] for e in earlier}) >= 2
    languages = {e.key.get("language", "en") for e in sixth} - {"en"}
    assert len(languages) >= 2
    assert languages - {e.key.get("language", "en") for e in earlier}
    for e in sixth:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_seventh_hold_out_is_six_fresh_vendors_with_new_countries_and_languages() -> None:
    seventh = exports("holdout7")
    earlier = [e for e in exports() if e.half != "holdout7"]
    assert len(seventh) == 6
    assert {e.name for e in seventh}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in seventh}.isdisjoint({e.key["vendor"] for e in earlier})
    countries = {e.key["country"] for e in seventh}
    assert len(countries) == 6
    assert len(countries - {e.key["country"] for e in earlier}) >= 2
    languages = {e.key.get("language", "en") for e in seventh} - {"en"}
    assert len(languages) >= 2
    assert languages - {e.key.get("language", "en") for e in earlier}
    for e in seventh:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_eighth_hold_out_is_six_fresh_vendors_with_new_countries_and_languages() -> None:
    eighth = exports("holdout8")
    earlier = [e for e in exports() if e.half != "holdout8"]
    assert len(eighth) == 6
    assert {e.name for e in eighth}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in eighth}.isdisjoint({e.key["vendor"] for e in earlier})
    countries = {e.key["country"] for e in eighth}
    assert len(countries) == 6
    assert len(countries - {e.key["country"] for e in earlier}) >= 2
    languages = {e.key.get("language", "en") for e in eighth} - {"en"}
    assert len(languages) >= 2
    assert languages - {e.key.get("language", "en") for e in earlier}
    for e in eighth:
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def _latin(text: str) -> bool:
    """Every letter of the text is Latin (ASCII or a Latin letter with marks)."""
    import unicodedata

    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def test_the_ninth_hold_out_is_six_fresh_vendors_in_new_countries_languages_and_scripts() -> None:
    ninth = exports("holdout9")
    earlier = [e for e in exports() if e.half != "holdout9"]
    assert len(ninth) == 6
    assert {e.name for e in ninth}.isdisjoint({e.name for e in earlier})
    assert {e.key["vendor"] for e in ninth}.isdisjoint({e.key["vendor"] for e in earlier})
    countries = {e.key["country"] for e in ninth}
    assert len(countries) == 6
    assert countries.isdisjoint({e.key["country"] for e in earlier})
    known = {e.key.get("language", "en") for e in earlier}
    assert sum(e.key.get("language", "en") not in known for e in ninth) >= 4
    scripts = [e for e in ninth
               if not all(_latin(column) for f in e.files.values() for column in f["columns"])]
    assert len(scripts) >= 2, "at least two exports with headers in a non-Latin script"
    for e in ninth:
        assert 300 <= sum(e.key["expected"].values()) <= 800, e.name
        bad = sum(len(f.get("bad_rows", [])) + len(f.get("duplicate_rows", []))
                  for f in e.files.values())
        assert bad > 0, f"{e.name}: a real export has dirty rows"


def test_the_fourth_hold_out_is_named_but_not_in_the_benchs_all() -> None:
    """It is measured once, by naming it: `--half all` must not spend it."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("bench_landing", root / "bench" / "landing.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert "holdout4" in bench.HALVES
    assert bench.chosen_halves("holdout4") == ("holdout4",)
    assert "holdout4" not in bench.chosen_halves("all")
    assert bench.chosen_halves("holdout6") == ("holdout6",)
    assert "holdout6" not in bench.chosen_halves("all")
    assert bench.chosen_halves("holdout7") == ("holdout7",)
    assert "holdout7" not in bench.chosen_halves("all")
    assert bench.chosen_halves("holdout8") == ("holdout8",)
    assert "holdout8" not in bench.chosen_halves("all")
    assert bench.chosen_halves("holdout9") == ("holdout9",)
    assert "holdout9" not in bench.chosen_halves("all")
