"""adapters.sources.fhir: Bundles, NDJSON + manifest, single resources, STU3, every quirk."""

from __future__ import annotations

import hashlib
import json
import shutil
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from adapters.sources.fhir import (
    FhirBundleSource,
    FhirNdjsonSource,
    fhir_sources,
    is_bulk_manifest,
    manifest_members,
)
from domain.errors import SourceError
from domain.fhir.resources import derive_resource
from domain.ports import ClinicSource, SourceRow

SAMPLES = Path(__file__).resolve().parents[3] / "adapters" / "samples" / "fhir"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fhir"


def one(path: Path) -> ClinicSource:
    sources = fhir_sources(path)
    assert len(sources) == 1
    return sources[0]


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value), "utf-8")
    return path


def bundle(*entries: Any, kind: str = "collection") -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}


def patient(pid: str) -> dict[str, Any]:
    return {"resourceType": "Patient", "id": pid, "name": [{"family": f"F{pid}"}]}


# --- Bundles --------------------------------------------------------------------------------

def test_transaction_bundle_rows_are_entries_as_read() -> None:
    path = SAMPLES / "synthea" / "cfhir-trimmed.json"
    source = one(path)
    fingerprint = source.fingerprint()
    raw = json.loads(path.read_text("utf-8"))
    rows = list(source.rows())
    assert isinstance(source, FhirBundleSource)
    assert (fingerprint.format, fingerprint.fhir_version) == ("fhir-bundle", "R4")
    assert fingerprint.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert fingerprint.size_bytes == path.stat().st_size
    assert fingerprint.name == "cfhir-trimmed.json"
    assert [r.number for r in rows] == list(range(1, len(raw["entry"]) + 1))
    assert [dict(r.values) for r in rows] == raw["entry"]  # fullUrl, resource, request
    assert all(r.problem is None for r in rows)


def test_searchset_pages_read_as_one_result_set() -> None:
    folder = FIXTURES / "searchset"
    pages = [one(folder / f"search-conditions-page{n}.json") for n in (1, 2, 3)]
    ids = [r.values["resource"]["id"] for page in pages for r in page.rows()]
    assert ids == [f"cond-id-{n}" for n in range(1, 6)]
    first, _, last = pages
    assert isinstance(first, FhirBundleSource) and isinstance(last, FhirBundleSource)
    assert first.header.total == 5 and first.header.bundle_type == "searchset"
    assert first.next_page is not None and "_getpagesoffset=2" in first.next_page
    assert last.next_page is None
    assert first.fingerprint().fhir_version == "R4"  # meta.source is an R4 element


def test_relative_full_urls_and_put_requests() -> None:
    rows = list(one(FIXTURES / "searchset" / "conditions.json").rows())
    assert rows[0].values["fullUrl"] == "Condition/cond-id-1"
    assert rows[0].values["request"] == {"method": "PUT", "url": "Condition/cond-id-1"}
    kind, fields = derive_resource(rows[0].values["resource"], rows[0].values["fullUrl"])[0]
    assert (kind, fields["patient_source_id"]) == ("allergy_condition", "pat-id-1")


def test_bundle_keys_after_the_entries_are_still_seen(tmp_path: Path) -> None:
    path = tmp_path / "late.json"
    path.write_text('{"entry": [{"resource": {"resourceType": "Patient", "id": "1"}}],'
                    ' "type": "batch", "resourceType": "Bundle"}', "utf-8")
    source = one(path)
    assert [r.values["resource"]["id"] for r in source.rows()] == ["1"]
    assert isinstance(source, FhirBundleSource) and source.header.bundle_type == "batch"


def test_entries_without_resource_are_rows_with_a_problem(tmp_path: Path) -> None:
    path = write_json(tmp_path / "b.json", bundle(
        {"fullUrl": "urn:uuid:1", "resource": patient("1")},
        {"request": {"method": "DELETE", "url": "Patient/2"}},
        {"fullUrl": "urn:uuid:3", "resource": "not an object"},
        {"resource": {"id": "4"}},
        42,
        {"fullUrl": "urn:uuid:6", "resource": patient("6")}, kind="transaction"))
    rows = list(one(path).rows())
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [r.problem is None for r in rows] == [True, False, False, False, False, True]
    assert rows[1].problem == "b.json, entry 2: no resource (a DELETE request)"
    assert rows[2].problem_field == "resource"
    assert rows[3].problem == "b.json, entry 4: resource has no resourceType"
    assert rows[4].problem == "b.json, entry 5: not a JSON object"


def test_truncated_bundle_keeps_what_came_before_and_says_where_it_broke(
        tmp_path: Path) -> None:
    text = json.dumps(bundle(*({"resource": patient(str(n))} for n in range(1, 5))))
    path = tmp_path / "cut.json"
    path.write_text(text[: text.index('"4"') + 2], "utf-8")
    rows = list(one(path).rows())
    assert [r.values["resource"]["id"] for r in rows[:3]] == ["1", "2", "3"]
    assert len(rows) == 4
    assert rows[3].number == 4
    assert rows[3].problem is not None
    assert rows[3].problem.startswith("cut.json, entry 4: the JSON breaks after entry 3")
    assert "F4" not in rows[3].problem  # no values in messages


def test_integers_beyond_64_bits_are_read_not_called_broken(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"resourceType": "Bundle", "entry": ['
                    '{"resource": {"resourceType": "Basic", "id": "1", "n": 18446744073709551616}},'
                    '{"resource": {"resourceType": "Basic", "id": "2"}}]}', "utf-8")
    rows = list(one(path).rows())
    assert [r.problem for r in rows] == [None, None]
    assert rows[0].values["resource"]["n"] == 2**64


def test_numbers_no_float_can_hold_are_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.ndjson"
    path.write_text('{"resourceType": "Basic", "id": "1", "n": 1e400}\n'
                    '{"resourceType": "Basic", "id": "2", "n": 1.5}\n', "utf-8")
    rows = list(one(path).rows())
    assert [r.problem for r in rows] == ["x.ndjson, line 1: not valid JSON", None]


def test_entry_that_is_not_an_array(tmp_path: Path) -> None:
    path = write_json(tmp_path / "odd.json", {"resourceType": "Bundle", "entry": {"a": 1}})
    rows = list(one(path).rows())
    assert len(rows) == 1 and rows[0].problem == "odd.json: Bundle.entry is not an array"


def test_a_bom_is_tolerated_and_hashed(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    data = b"\xef\xbb\xbf" + json.dumps(bundle({"resource": patient("1")})).encode()
    path.write_bytes(data)
    source = one(path)
    assert [r.values["resource"]["id"] for r in source.rows()] == ["1"]
    assert source.fingerprint().sha256 == hashlib.sha256(data).hexdigest()


# --- NDJSON and Bulk Data -------------------------------------------------------------------

def test_bulk_manifest_lists_its_files() -> None:
    sources = fhir_sources(SAMPLES / "bulk-r4" / "manifest.json")
    fingerprints = [s.fingerprint() for s in sources]
    assert [f.resource_type for f in fingerprints] == [
        "Patient", "Practitioner", "Organization", "Encounter", "Condition"]
    assert {f.format for f in fingerprints} == {"fhir-ndjson"}
    assert {f.fhir_version for f in fingerprints} == {"R4"}
    counts = [sum(1 for _ in s.rows()) for s in sources]
    lines = [len((SAMPLES / "bulk-r4" / f"{f.resource_type}.ndjson").read_text().splitlines())
             for f in fingerprints]
    assert counts == lines


def test_a_folder_with_a_manifest_is_read_through_it() -> None:
    folder = SAMPLES / "bulk-stu3"
    assert is_bulk_manifest(folder / "manifest.json")
    assert not is_bulk_manifest(folder / "Patient.ndjson")
    assert [p.name for p in manifest_members(folder / "manifest.json")] == [
        "Patient.ndjson", "AllergyIntolerance.ndjson", "Procedure.ndjson", "Device.ndjson"]
    assert [s.fingerprint().name for s in fhir_sources(folder)] == [
        "Patient.ndjson", "AllergyIntolerance.ndjson", "Procedure.ndjson", "Device.ndjson"]


def test_ndjson_rows_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "Patient.ndjson"
    path.write_bytes(b'{"resourceType":"Patient","id":"1"}\n'
                     b'\n'
                     b'{"resourceType":"Patient","id":\n'
                     b'[1,2]\n'
                     b'{"id":"5"}\n'
                     b'{"resourceType":"Patient","id":"6","x":NaN}\n'
                     b'\xff\xfe\n'
                     b'{"resourceType":"Patient","id":"8"}')
    source = one(path)
    rows = list(source.rows())
    assert isinstance(source, FhirNdjsonSource)
    assert [r.number for r in rows] == [1, 3, 4, 5, 6, 7, 8]  # line numbers; blank line 2
    assert [r.problem is None for r in rows] == [True, False, False, False, False, False, True]
    assert rows[1].problem == "Patient.ndjson, line 3: not valid JSON"
    assert rows[2].problem == "Patient.ndjson, line 4: not a JSON object"
    assert rows[3].problem == "Patient.ndjson, line 5: resource has no resourceType"
    assert rows[0].values == {"fullUrl": None, "resource": {"resourceType": "Patient",
                                                           "id": "1"}}
    assert source.fingerprint().resource_type == "Patient"


def test_ndjson_named_json_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('{"resourceType":"Patient","id":"1"}\n{"resourceType":"Patient","id":"2"}\n')
    source = one(path)
    assert source.fingerprint().format == "fhir-ndjson"
    assert [r.values["resource"]["id"] for r in source.rows()] == ["1", "2"]


@pytest.mark.parametrize(("manifest", "message"), [
    ({"output": [{"type": "Patient", "url": "../outside.ndjson"}]}, "leaves the manifest"),
    ({"output": [{"type": "Patient", "url": "/etc/passwd"}]}, "leaves the manifest"),
    ({"output": [{"type": "Patient", "url": "missing.ndjson"}]}, "not there"),
    ({"output": [{"type": "Patient"}]}, "output[1]: has no url"),
    ({"output": [{"url": "ftp://x/y.ndjson"}]}, "scheme ftp"),
    ({"transactionTime": "x", "output": {"url": "a"}}, "no output array"),
])
def test_bad_manifests_are_refused_naming_the_item(tmp_path: Path, manifest: dict[str, Any],
                                                   message: str) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    write_json(folder / "manifest.json", manifest)
    with pytest.raises(SourceError, match="manifest.json") as caught:
        fhir_sources(folder / "manifest.json")
    assert message in str(caught.value)


def test_manifest_error_files_are_read_too(tmp_path: Path) -> None:
    (tmp_path / "Patient.ndjson").write_text('{"resourceType":"Patient","id":"1"}\n')
    (tmp_path / "errors.ndjson").write_text('{"resourceType":"OperationOutcome","id":"e"}\n')
    write_json(tmp_path / "manifest.json", {
        "transactionTime": "2020-01-01T00:00:00Z", "output": [
            {"type": "Patient", "url": "https://server.example.org/files/Patient.ndjson"}],
        "error": [{"type": "OperationOutcome", "url": "errors.ndjson"}]})
    sources = fhir_sources(tmp_path / "manifest.json")
    assert [s.fingerprint().resource_type for s in sources] == ["Patient", "OperationOutcome"]


# --- single resources and folders -----------------------------------------------------------

def test_single_resource_documents_and_a_folder_of_them() -> None:
    sources = fhir_sources(SAMPLES / "us-core")
    by_name = {s.fingerprint().name: s for s in sources}
    coverage = by_name["coverage-example.json"]
    assert coverage.fingerprint().format == "fhir-resource"
    assert coverage.fingerprint().resource_type == "Coverage"
    rows = list(coverage.rows())
    assert len(rows) == 1 and rows[0].values["resource"]["id"] == "coverage-example"
    assert by_name["bundle-docref-example2.json"].fingerprint().format == "fhir-bundle"
    assert len(sources) == len(list((SAMPLES / "us-core").glob("*.json")))


# --- versions and refusals ------------------------------------------------------------------

def test_stu3_files_are_read_and_marked() -> None:
    for name in ("Patient", "AllergyIntolerance", "Procedure", "Device"):
        source = one(SAMPLES / "bulk-stu3" / f"{name}.ndjson")
        assert source.fingerprint().fhir_version == "STU3", name
    source = one(FIXTURES / "stu3-shapes.ndjson")
    assert source.fingerprint().fhir_version == "STU3"
    assert all(r.problem is None for r in source.rows())


def test_r4_synthetic_bundle_is_r4() -> None:
    assert one(SAMPLES / "synthetic" / "clinic-r4-collection.json").fingerprint(
    ).fhir_version == "R4"


def _ndjson(path: Path, *resources: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in resources), "utf-8")
    return path


@pytest.mark.parametrize(("resources", "message"), [
    ([{"resourceType": "AllergyIntolerance", "id": "a", "clinicalStatus": "active"},
      {"resourceType": "Condition", "id": "c", "clinicalStatus": {"coding": [{"code": "x"}]}}],
     "mixes FHIR STU3 shapes (row 1: AllergyIntolerance.clinicalStatus) and R4 shapes "
     "(row 2: Condition.clinicalStatus)"),
    ([{"resourceType": "Patient", "id": "p"}, {"resourceType": "MedicationOrder", "id": "m"}],
     "row 2: FHIR DSTU2 content (resource type MedicationOrder) is not supported"),
    ([{"resourceType": "Encounter", "id": "e", "actualPeriod": {}}],
     "row 1: FHIR R5 content (Encounter.actualPeriod) is not supported"),
    ([{"resourceType": "Patient", "id": "p",
       "meta": {"profile": ["http://hl7.org/fhir/DSTU2/StructureDefinition/Patient"]}}],
     "FHIR DSTU2 content (Patient.meta.profile)"),
])
def test_unreadable_versions_are_refused_clearly(tmp_path: Path, resources: list[Any],
                                                 message: str) -> None:
    source = one(_ndjson(tmp_path / "x.ndjson", *resources))
    with pytest.raises(SourceError, match="x.ndjson") as caught:
        source.fingerprint()
    assert message in str(caught.value)
    with pytest.raises(SourceError):
        next(iter(source.rows()))


def test_xml_fhir_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xml"
    path.write_text('<?xml version="1.0"?><Bundle xmlns="http://hl7.org/fhir"/>')
    with pytest.raises(SourceError, match=r"bundle\.xml: XML FHIR is not supported"):
        fhir_sources(path)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "not FHIR JSON"),
    (b"[1, 2]", "not FHIR JSON"),
    (b'{"a": 1}', "JSON without a resourceType"),
    (b'{"a": ', "not valid JSON"),
    ("{}".encode("utf-16"), "not UTF-8"),
])
def test_files_that_are_not_fhir_json(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="odd.json") as caught:
        fhir_sources(path)
    assert message in str(caught.value)


def test_a_bundle_source_refuses_a_non_bundle(tmp_path: Path) -> None:
    source = FhirBundleSource(write_json(tmp_path / "p.json", patient("1")))
    with pytest.raises(SourceError, match="not a FHIR Bundle"):
        source.fingerprint()


# --- streaming ------------------------------------------------------------------------------

def _peak_bytes(source: ClinicSource) -> tuple[int, int]:
    tracemalloc.start()
    try:
        source.fingerprint()
        count = 0
        for row in source.rows():
            assert isinstance(row, SourceRow)
            count += 1
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _big_bundle(path: Path, entries: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write('{"resourceType": "Bundle", "type": "collection", "entry": [')
        for n in range(entries):
            f.write(("," if n else "") + json.dumps({"fullUrl": f"urn:uuid:{n}",
                                                     "resource": patient(str(n))}))
        f.write("]}")
    return path


def _big_ndjson(path: Path, lines: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for n in range(lines):
            f.write(json.dumps(patient(str(n))) + "\n")
    return path


@pytest.mark.parametrize("make", [_big_bundle, _big_ndjson])
def test_memory_stays_flat_as_files_grow(tmp_path: Path, make: Any) -> None:
    small_count, small_peak = _peak_bytes(one(make(tmp_path / "small.json", 500)))
    big_count, big_peak = _peak_bytes(one(make(tmp_path / "big.json", 5_000)))
    assert (small_count, big_count) == (500, 5_000)
    # 10x the rows; a reader holding the file would need ~10x the memory.
    assert big_peak < small_peak * 2 + 256 * 1024


def test_an_export_folder_moved_elsewhere_still_resolves(tmp_path: Path) -> None:
    target = tmp_path / "bulk"
    shutil.copytree(SAMPLES / "bulk-r4", target)
    assert [s.fingerprint().name for s in fhir_sources(target)] == [
        "Patient.ndjson", "Practitioner.ndjson", "Organization.ndjson", "Encounter.ndjson",
        "Condition.ndjson"]
