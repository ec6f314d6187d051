"""The bundled vendor export sets, read and derived end to end through their profiles."""

from __future__ import annotations

from collections import Counter

import pytest

from adapters.profiles import load_profiles, match_profile
from adapters.samples import SAMPLES, VENDOR_SETS, sample_path
from adapters.sources import open_sources
from domain.mapping import Settings
from domain.records.canonical import KINDS
from domain.records.derive import DerivedRecord, FileTally, Quarantined, derive_key_values, derive_row, tally
from domain.records.quality import QualityChecker


def _derive_set(vendor: str) -> tuple[Counter[str], list[Quarantined], QualityChecker,
                                      dict[str, FileTally], list[DerivedRecord]]:
    profiles = load_profiles()
    kinds: Counter[str] = Counter()
    quarantined: list[Quarantined] = []
    quality = QualityChecker()
    tallies: dict[str, FileTally] = {}
    derived: list[DerivedRecord] = []
    for source in open_sources([sample_path(vendor)]):
        fp = source.fingerprint()
        found = match_profile(fp, profiles)
        assert found is not None
        _, mapping = found
        t = tallies.setdefault(fp.name, FileTally())
        results_all: list[DerivedRecord | Quarantined] = []
        if mapping.key_value is not None:
            for result in derive_key_values(fp.name, mapping, Settings(), source.rows()):
                if isinstance(result, DerivedRecord):
                    t.rows_derived += len(result.rows)
                else:
                    t.rows_quarantined += 1
                results_all.append(result)
            t.rows_read = sum(1 for _ in source.rows())
        else:
            for row in source.rows():
                results = derive_row(fp.name, mapping, Settings(), row)
                tally(t, results, mapping.kind)
                results_all.extend(results)
        for result in results_all:
            if isinstance(result, DerivedRecord):
                kinds[result.kind] += 1
                quality.add(result)
                derived.append(result)
            else:
                quarantined.append(result)
    return kinds, quarantined, quality, tallies, derived


@pytest.mark.parametrize("vendor", VENDOR_SETS)
def test_each_vendor_set_has_every_kind_and_loses_no_row(vendor: str) -> None:
    kinds, quarantined, quality, tallies, derived = _derive_set(vendor)
    assert set(kinds) == set(KINDS)
    assert all(t.balanced and t.rows_read > 0 for t in tallies.values()), tallies
    assert sum(t.rows_read for t in tallies.values()) < 500  # "a few hundred rows"
    # the deliberately bad rows: a missing id loses its row; a bad email and an impossible
    # date lose only their field (the patient lands without it, the value kept as written)
    assert sorted(q.field or "" for q in quarantined) == ["source_id"]
    left_out = sorted(w.partition(":")[0] for r in derived for w in r.warnings if "left out" in w)
    assert left_out == ["date_of_birth", "email"]
    [orphan] = quality.orphans()
    assert (orphan.kind, orphan.missing_kind) == ("appointment", "patient")
    # two practitioners of the US Core examples share one NPI: flagged for review
    assert {g.reason for g in quality.merge_candidates()} == {"name+dob", "email", "provider npi"}


def test_samples_carry_provenance_and_licences() -> None:
    text = (SAMPLES / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "MIT" in text and "CC0" in text
    assert (SAMPLES / "LICENSE-synthea-fhiry-MIT.txt").read_text().startswith("MIT License")
    assert (SAMPLES / "LICENSE-us-core-CC0.txt").is_file()


def test_sample_sets_show_the_format_quirks() -> None:
    by_name = {s.fingerprint().name: s.fingerprint()
               for s in open_sources([sample_path(v) for v in VENDOR_SETS])}
    assert by_name["patient.txt"].delimiter == "\t"
    assert by_name["clients.csv"].encoding == "utf-8-sig"
    assert by_name["patients.csv"].encoding == "utf-8"
    assert by_name["clients.xlsx"].format == "xlsx"
