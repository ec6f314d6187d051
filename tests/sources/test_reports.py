"""Reports printed to text or to a spreadsheet: the header found by evidence, every row of
furniture (title lines, page-break headers, page numbers, printed-by lines, totals, counts,
empty rows) named as a row holding no record, never silently gone.

Each report is built here, with titles and totals of its own, so that what is tested is the
shape of a report, not one vendor's wording.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.sources.csv_source import CsvSource
from adapters.sources.report_layout import find_header, is_label
from adapters.sources.xlsx_source import XlsxSource
from domain.ports import NOT_DATA, SourceRow


def _why(rows: list[SourceRow]) -> dict[int, str]:
    return {r.number: r.problem.removeprefix(NOT_DATA) for r in rows
            if r.problem and r.problem.startswith(NOT_DATA)}


def test_a_unicode_text_report_with_page_breaks_and_a_total(tmp_path: Path) -> None:
    # Excel / a reporting module's "Unicode Text": UTF-16, tabs, names holding commas; the title
    # block and the header printed again on each page, page numbers, a total and a count
    header = "Account No\tResponsible Party\tAmount Due\tOver 90 Days"
    title = ["Aged Receivables", "Lakeside Family Dental", "Printed 03/02/2026 by reception", ""]
    lines = [*title, header]
    lines += [f"A{i:03}\tNGUYEN, MAI {i}\t$1,{i}20.00\t$0.00" for i in range(1, 6)]
    lines += ["", "Page 1 of 2", "Aged Receivables", "Lakeside Family Dental", header]
    lines += [f"B{i:03}\tO'NEIL, SEAN {i}\t${i}5.10\t$5.00" for i in range(1, 4)]
    lines += ["", "Grand Total\t\t$5,280.30\t$15.00", "8 accounts listed", "Page 2 of 2"]
    path = tmp_path / "AGED.TXT"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    source = CsvSource(path)
    fp = source.fingerprint()
    assert (fp.delimiter, fp.header) == ("\t", tuple(header.split("\t")))
    rows = list(source.rows())
    records = [r for r in rows if r.problem is None]
    assert [r.values["Account No"] for r in records] == [
        "A001", "A002", "A003", "A004", "A005", "B001", "B002", "B003"]
    assert records[5].values["Responsible Party"] == "O'NEIL, SEAN 1"
    assert _why(rows) == {
        1: "a title line above the header", 2: "a title line above the header",
        3: "a title line above the header",
        9: "a page number line", 10: "the report's title repeated (a page break)",
        11: "the report's title repeated (a page break)",
        12: "the header repeated (a page break)",
        16: "a total line", 17: "a count line", 18: "a page number line"}
    # every row read is a record or named furniture: rows read = 8 + 10
    assert len(rows) == len(records) + len(_why(rows)) == 18


def test_title_rows_above_a_workbook_header_and_its_footer(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Recall Report"], ["Period:", "01/05/2026 - 31/05/2026"],
                ["Run on 01/06/2026 09:12"], [],
                ["Client Code", "Client", "Due", "Provider"],
                ["C-17", "Pita Tane", "2026-05-03", "Dr Hale"],
                [None, None, None, None],
                ["C-18", "Mere Ngata", "2026-05-19", "Dr Hale"],
                ["Total clients: 2"], ["Confidential: for practice use only"],
                ["*** End of Report ***"]):
        sheet.append(row)
    path = tmp_path / "recalls.xlsx"
    book.save(path)
    source = XlsxSource(path)
    assert source.fingerprint().header == ("Client Code", "Client", "Due", "Provider")
    rows = list(source.rows())
    assert [r.values["Client Code"] for r in rows if r.problem is None] == ["C-17", "C-18"]
    assert set(_why(rows).values()) == {
        "a title line above the header", "a total line", "a printed-by or report date line",
        "the end-of-report line"}
    assert len(_why(rows)) == 6


def test_a_csv_report_whose_preamble_has_label_and_value_cells(tmp_path: Path) -> None:
    # `Practice:,Bright Smiles` and `Report Date:,06/11/2025` are two cells each: the header is
    # the first row of labels, not the first row of two cells
    text = ("Practice:,Sunnyvale Smiles\nReport Date:,06/11/2025\n,\n"
            "Chart,Name,Balance\nQ1,\"LEE, ANN\",$10.00\n,,\nQ2,\"MOORE, TED\",$0.50\n"
            "Totals,,$10.50\n")
    path = tmp_path / "balances.csv"
    path.write_text(text, encoding="utf-8")
    source = CsvSource(path)
    assert source.fingerprint().header == ("Chart", "Name", "Balance")
    rows = list(source.rows())
    assert [r.values["Chart"] for r in rows if r.problem is None] == ["Q1", "Q2"]
    assert list(_why(rows).values()) == ["a title line above the header"] * 3 + [
        "an empty row", "a total line"]


@pytest.mark.parametrize("cell, label", [
    ("Patient Name", True), ("Chart #", True), ("Insurance coverage: Fund name", True),
    ("Report Date:", False), ("06/11/2025", False), ("$23,470.86", False), ("1200", False),
    ("Run 2:14 pm", False), ("June 11, 2025", False), ("ann@example.org", False)])
def test_what_a_header_cell_looks_like(cell: str, label: bool) -> None:
    assert is_label(cell) is label


def test_a_plain_export_keeps_its_first_row_as_the_header() -> None:
    assert find_header([["ID", "Name"], ["1", "Ann"]]) == 0
    # no row of labels at all: the first row of two cells, as before
    assert find_header([["Title"], ["2024", "2025"], ["1", "2"]]) == 1
    assert find_header([["only one column"], ["x"]]) == 0


def test_a_semicolon_report_with_criteria_a_dated_header_and_page_titles(tmp_path: Path) -> None:
    # Excel's `sep=;` hint, a criteria line, a header naming its date in words, the page
    # number printed inside the title cell of the next page
    lines = ["sep=;", "Offene Posten;", "Filter: aktive Patienten;;", "",
             "Kundennr;Name;Saldo per 30.06.2025", "P-1;Huber, Anna;12,50",
             "Stand 30.06.2025   Seite 2 von 2", "P-2;Bauer, Jonas;7,00", "Summe;;19,50"]
    path = tmp_path / "Offene Posten.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    source = CsvSource(path)
    fp = source.fingerprint()
    assert (fp.delimiter, fp.header) == (";", ("Kundennr", "Name", "Saldo per 30.06.2025"))
    rows = list(source.rows())
    assert [r.values["Kundennr"] for r in rows if r.problem is None] == ["P-1", "P-2"]
    assert list(_why(rows).values()) == ["a title line above the header"] * 3 + [
        "a page number line", "a total line"]


words = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=1, max_size=8)
cells = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Nd", "Zs"],
                                       include_characters=",.$-/"), max_size=12)


@settings(max_examples=int(os.environ.get("C2N_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(header=st.lists(words, min_size=2, max_size=6, unique_by=str.casefold),
       data=st.data(), titles=st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join),
                                       max_size=4),
       page=st.integers(2, 9), delimiter=st.sampled_from([",", "\t", ";"]))
def test_random_reports_lose_no_record_and_name_every_furniture_row(
        tmp_path: Path, header: list[str], data: st.DataObject, titles: list[str], page: int,
        delimiter: str) -> None:
    # records: an id of letters and digits, then cells of any kind (amounts, dates, names)
    body = data.draw(st.lists(st.tuples(st.from_regex(r"[A-Z]{1,3}\d{1,6}", fullmatch=True),
                                        st.lists(cells, min_size=len(header) - 1,
                                                 max_size=len(header) - 1)),
                              min_size=1, max_size=30))
    rows = [[ident, *rest] for ident, rest in body]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    furniture = 0
    for title in titles:
        writer.writerow([title])
        furniture += 1
    writer.writerow(header)
    for i, row in enumerate(rows):
        if i and i % page == 0:  # a page break: blank line, page number, the header again
            writer.writerow([])
            writer.writerow([f"Page {i // page} of {len(rows) // page + 1}"])
            writer.writerow(header)
            furniture += 2
        writer.writerow(row)
    writer.writerow(["Total", *[""] * (len(header) - 2), "$1,000.00"])
    furniture += 1
    path = tmp_path / "report.txt"
    path.write_bytes(buffer.getvalue().encode("utf-16"))
    source = CsvSource(path, delimiter=delimiter)
    assert source.fingerprint().header == tuple(header)
    read = list(source.rows())
    records = [[r.values[h] for h in header] for r in read if r.problem is None]
    assert records == rows
    assert len(_why(read)) == furniture and len(read) == len(rows) + furniture


def test_a_report_printed_in_fixed_width_columns(tmp_path: Path) -> None:
    # no delimiter at all: columns padded with spaces, a centred title, the header again
    # after a form feed's page, numbers right-aligned, a name holding a comma
    def line(chart: str, name: str, due: str, last: str) -> str:
        return f"{chart:<10}{name:<24}{due:>10}  {last:<10}"
    head = f"{'Chart':<10}{'Patient':<24}{'Amount Due':>10}  {'Last Paid':<10}"
    lines = ["              ACCOUNTS RECEIVABLE BY PATIENT", "   Printed 02/03/2026 by FRONT DESK",
             "", head, "-" * 56]
    people = [("RA0001", "RAMOS, LUIS", "1,204.50", "01/12/2026"),
              ("RA0002", "RAMOS, ELENA M", "15.00", ""),
              ("KO0003", "KOWALSKI, PIOTR", "310.25", "12/30/2025")]
    lines += [line(*p) for p in people[:2]] + ["", "Page 1 of 2", head]
    lines += [line(*people[2]), "", f"{'Total':<34}{'1,529.75':>10}"]
    path = tmp_path / "AR.TXT"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    source = CsvSource(path)
    fp = source.fingerprint()
    assert fp.delimiter is not None and fp.delimiter.startswith("fixed:")
    assert fp.header == ("Chart", "Patient", "Amount Due", "Last Paid")
    rows = list(source.rows())
    assert [list(r.values.values()) for r in rows if r.problem is None] == [list(p) for p in people]
    assert list(_why(rows).values()) == ["a title line above the header"] * 2 + [
        "a rule line", "a page number line", "the header repeated (a page break)",
        "a total line"]


def test_a_count_line_with_its_label_first_holds_no_record(tmp_path: Path) -> None:
    # "Appointments: 220" under a schedule report: the label first, then the count
    header = "Date,Time,Length,Chart #,Status"
    lines = ["Appointment List", "Lakeside Family Dental", "", header]
    lines += [f"03/{i:02d}/2024,9:00 AM,30 min,{1000 + i},Completed" for i in range(1, 7)]
    lines += ["", "Appointments: 6"]
    path = tmp_path / "Appointment List.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = list(CsvSource(path).rows())
    assert len([r for r in rows if r.problem is None]) == 6
    assert _why(rows)[len(rows)] == "a count line"
