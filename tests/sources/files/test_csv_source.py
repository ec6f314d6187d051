"""CSV reader: every format quirk of real exports, each with a small fixture."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from adapters.sources.csv_source import CsvSource
from adapters.sources.headers import EXTRA_CELLS, normalise_header
from domain.ports import NOT_DATA


def _source(tmp_path: Path, raw: bytes, name: str = "export.csv",
            cell_limit: int = 1 << 20) -> CsvSource:
    path = tmp_path / name
    path.write_bytes(raw)
    return CsvSource(path, cell_limit=cell_limit)


def test_quoted_multiline_cells_stay_one_row(tmp_path: Path) -> None:
    src = _source(tmp_path, b'ID,Note\r\n1,"line one\r\nline two\nline three"\r\n2,x\r\n')
    rows = list(src.rows())
    assert [r.number for r in rows] == [1, 2]
    assert rows[0].values["Note"] == "line one\r\nline two\nline three"


def test_semicolon_windows_1252_export(tmp_path: Path) -> None:
    src = _source(tmp_path, "ID;Prénom\n1;Renée\n".encode("cp1252"))
    fp = src.fingerprint()
    assert (fp.encoding, fp.delimiter, fp.header) == ("windows-1252", ";", ("ID", "Prénom"))
    assert [dict(r.values) for r in src.rows()] == [{"ID": "1", "Prénom": "Renée"}]


def test_utf16_tab_export_from_excel(tmp_path: Path) -> None:
    src = _source(tmp_path, "ID\tName\r\n1\tZoë\r\n".encode("utf-16"), name="export.txt")
    fp = src.fingerprint()
    assert (fp.encoding, fp.delimiter) == ("utf-16", "\t")
    assert [dict(r.values) for r in src.rows()] == [{"ID": "1", "Name": "Zoë"}]


def test_bom_is_not_part_of_the_first_header(tmp_path: Path) -> None:
    src = _source(tmp_path, b"\xef\xbb\xbfID,Name\n1,Ann\n")
    assert src.fingerprint().header == ("ID", "Name")


def test_headers_exact_in_fingerprint_normalised_in_values(tmp_path: Path) -> None:
    src = _source(tmp_path, b" Phone ,Phone,,Home  Phone,phone\n1,2,3,4,5\n")
    assert src.fingerprint().header == (" Phone ", "Phone", "", "Home  Phone", "phone")
    [row] = src.rows()
    assert dict(row.values) == {"Phone": "1", "Phone (2)": "2", "column_3": "3",
                                "Home Phone": "4", "phone (3)": "5"}


def test_normalise_header_never_collides() -> None:
    keys = normalise_header(["A", "A (2)", "A", "", "column_4", " "])
    assert len(set(keys)) == len(keys) == 6


def test_very_long_cell_is_truncated_and_flagged(tmp_path: Path) -> None:
    long = b"x" * 5000
    src = _source(tmp_path, b"ID,Note\n1," + long + b"\n2,short\n", cell_limit=1000)
    first, second = src.rows()
    assert first.problem and "truncated" in first.problem
    assert first.problem_field == "Note"
    assert first.values["Note"] == "x" * 1000
    assert second.problem is None


def test_cells_beyond_the_csv_module_default_limit_are_read(tmp_path: Path) -> None:
    long = b"y" * 300_000  # the csv module refuses > 131,072 characters by default
    [row] = _source(tmp_path, b"ID,Note\n1,\"" + long + b"\"\n").rows()
    assert row.problem is None and len(row.values["Note"]) == 300_000


def test_ragged_rows_keep_every_cell(tmp_path: Path) -> None:
    src = _source(tmp_path, b"ID,Name\n1,Ann,surplus,more\n2\n3,Bo\n")
    long_row, short_row, fine = src.rows()
    assert long_row.values[EXTRA_CELLS] == ["surplus", "more"]
    assert long_row.problem_field == EXTRA_CELLS and "ragged" in (long_row.problem or "")
    assert dict(short_row.values) == {"ID": "2"} and "ragged" in (short_row.problem or "")
    assert fine.problem is None


def test_undecodable_bytes_flag_only_their_row(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 (and invalid UTF-8): the row says so, keeps the rest.
    src = _source(tmp_path, b"ID,Name\n1,Ann\n2,B\x81b\n3,Cy\n")
    rows = list(src.rows())
    assert [r.problem for r in rows][0] is None and rows[2].problem is None
    assert rows[1].problem == "undecodable bytes" and rows[1].problem_field == "Name"
    assert rows[1].values["Name"] == "B\ufffdb"


def test_undecodable_utf16_keeps_row_count(tmp_path: Path) -> None:
    # A lone high surrogate (0xD800) inside a name: invalid UTF-16.
    raw = ("ID,Name\n1,A".encode("utf-16-le") + b"\x00\xd8"
           + "nn\n2,Bo\n".encode("utf-16-le"))
    rows = list(_source(tmp_path, b"\xff\xfe" + raw).rows())
    assert len(rows) == 2 and rows[1].problem is None
    assert rows[0].problem == "undecodable bytes" and rows[0].values["Name"].startswith("A\ufffd")


def test_blank_lines_are_not_records_and_a_row_of_blank_cells_is_furniture(
        tmp_path: Path) -> None:
    rows = list(_source(tmp_path, b"ID,Name\n\n1,Ann\n\n,\n").rows())
    assert [dict(r.values) for r in rows] == [{"ID": "1", "Name": "Ann"}, {}]
    assert rows[1].number == 2 and rows[1].problem == NOT_DATA + "an empty row"


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    assert list(_source(tmp_path, b"", name="a.csv").rows()) == []
    header_only = _source(tmp_path, b"ID,Name\n", name="b.csv")
    assert header_only.fingerprint().header == ("ID", "Name")
    assert list(header_only.rows()) == []


def test_unclosed_quote_at_end_of_file_keeps_the_row(tmp_path: Path) -> None:
    rows = list(_source(tmp_path, b'ID,Note\n1,"never closed\n2,x\n').rows())
    assert len(rows) == 1 and rows[0].values["ID"] == "1"


def _peak_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        for _ in CsvSource(path).rows():
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_rows_grow(tmp_path: Path) -> None:
    line = b"1234,Ann,Smith,1984-02-29,ann@example.com,555-0100,1 Main St\n"
    header = b"ID,First,Last,DOB,Email,Phone,Address\n"
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    # Both files are past the 1 MiB read chunk, so only per-row memory could differ.
    small.write_bytes(header + line * 18_000)
    large.write_bytes(header + line * 60_000)
    assert _peak_reading(large) < _peak_reading(small) + 256 * 1024


def test_damaged_utf8_row_is_flagged_and_the_rest_reads_right(tmp_path: Path) -> None:
    good = "1,Zoë Brontë\n".encode() * 30
    rows = list(_source(tmp_path, b"ID,Name\n" + good + b"2,Bad\xff\n").rows())
    assert rows[0].values["Name"] == "Zoë Brontë" and rows[0].problem is None
    assert rows[-1].problem == "undecodable bytes" and rows[-1].values["Name"] == "Bad\ufffd"
