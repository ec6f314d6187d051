"""Encoding and delimiter detection over real export shapes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from adapters.sources.text_detect import scan_file, sniff_delimiter

TEXT = "ID,Name,City\n1,Zoë Brontë,Montréal\n2,Ana,São Paulo\n"


@pytest.mark.parametrize(("raw", "expected"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),  # with BOM, platform byte order
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.encode("utf-32"), "utf-32"),
    (TEXT.encode("cp1252"), "windows-1252"),
    (b"ID,Name\n1,Ann\n", "utf-8"),
])
def test_encoding_is_detected(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    facts = scan_file(path)
    assert facts.encoding == expected
    assert facts.size_bytes == len(raw)


def test_a_late_windows_1252_byte_decides_the_whole_file(tmp_path: Path) -> None:
    # The first megabytes are plain ASCII; one "é" in Windows-1252 comes at the very end.
    path = tmp_path / "late.csv"
    path.write_bytes(b"ID,Name\n" + b"1,Ann\n" * 400_000 + "2,Ren\xe9e\n".encode("latin-1"))
    assert scan_file(path).encoding == "windows-1252"


@pytest.mark.parametrize(("sample", "expected"), [
    ("ID,Name,Address\n1,Ann,\"1 Main St, Apt 2\"\n2,Bo,\"3 High St, Unit 4\"\n", ","),
    ("ID;Name;Address\n1;Ann;1 Main St, Apt 2\n2;Bo;3 High St, Unit 4\n", ";"),
    ("ID\tName\tAddress\n1\tAnn\t1 Main St, Apt 2\n2\tBo\t3 High St; Unit 4\n", "\t"),
    ("ID|Name\n1|Ann\n", "|"),
    ("just one column\nvalue\n", ","),
    ("", ","),
])
def test_delimiter_is_sniffed(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_sniffing_ignores_a_cut_last_line() -> None:
    sample = "a;b;c\n1;2;3\n4;5;6\n7;8"
    assert sniff_delimiter(sample) == ";"


def test_one_damaged_byte_in_a_utf8_file_keeps_it_utf8(tmp_path: Path) -> None:
    path = tmp_path / "damaged.csv"
    good = "1,Zoë Brontë,Montréal\n".encode() * 50
    path.write_bytes(b"ID,Name,City\n" + good + b"2,Bad\xff,X\n")
    assert scan_file(path).encoding == "utf-8"


def test_a_central_european_export_reads_as_windows_1250(tmp_path: Path) -> None:
    # Excel's plain CSV on a Polish machine: "ł", "ą", "ż" are bytes that Windows-1252 reads
    # as "³", "¹", "¿", so "Michał" would arrive as "Micha³".
    text = "Imię;Nazwisko;Miejscowość\nMichał;Dąbrowska;Łódź\nAnna;Woźniak;Kraków\n"
    path = tmp_path / "pacjenci.csv"
    path.write_bytes(text.encode("cp1250"))
    assert scan_file(path).encoding == "windows-1250"


def test_western_symbols_outside_words_keep_windows_1252(tmp_path: Path) -> None:
    text = "ID;Pregunta;Precio\n1;¿Alergias?;£10\n2;¿Fuma?;¥300\n3;Renée;½\n"
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("cp1252"))
    assert scan_file(path).encoding == "windows-1252"


def test_a_czech_export_reads_as_windows_1250(tmp_path: Path) -> None:
    # Czech letters ("ř", "ě", "č", "ů") are bytes Windows-1252 also reads as letters ("ø", "ì",
    # "è", "ù"); only their company in a word ("Dvořák" as "Dvoøák") tells the code page.
    text = ("Příjmení;Jméno;Bydliště\nDvořáková;Růžena;Třebíč\nČermák;Jiří;Ústí nad Orlicí\n"
            "Šebestová;Libuše;Děčín\n")
    path = tmp_path / "lide.csv"
    path.write_bytes(text.encode("cp1250"))
    assert scan_file(path).encoding == "windows-1250"


def test_western_words_with_graves_and_o_slashes_keep_windows_1252(tmp_path: Path) -> None:
    # One accent a word in Italian and French, no acute in Danish: never a grave beside an acute.
    text = ("Nome;Città;Note\nNiccolò;Forlì;perché più caffè\nSøren Bjørn;Århus;Ærø\n"
            "Hélène;Genève;élève très sévère\nJosé;Cádiz;acción\n")
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("cp1252"))
    assert scan_file(path).encoding == "windows-1252"
