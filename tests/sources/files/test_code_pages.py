"""Baltic, Arabic and Hebrew exports saved as Excel's plain CSV (Windows-1257, -1256, -1255)
read in their code page, and the Western, Icelandic and Central European ones as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.sources.csv_source import CsvSource
from adapters.sources.text_detect import scan_file

LATVIAN = ("Vārds;Uzvārds;Dzimums;Pilsēta\nAnna;Bērziņa;Sieviete;Rīga\n"
           "Jānis;Kalniņš;Vīrietis;Jūrmala\nLīga;Ozoliņa;Sieviete;Liepāja\n")
LITHUANIAN = ("Vardas;Pavardė;Lytis;Miestas;Būsena\nRūta;Kazlauskienė;Moteris;Vilnius;Įvykęs\n"
              "Jonas;Žukauskas;Vyras;Šiauliai;Atšauktas\nEglė;Petrauskaitė;Moteris;Kaunas;Neatvyko\n")
ARABIC = ("الاسم الأول;اسم العائلة;الجنس;المدينة\nمحمد;الهاشمي;ذكر;دبي\n"
          "فاطمة;المنصوري;أنثى;الشارقة\n")
HEBREW = "שם פרטי;שם משפחה;מין;עיר\nנועה;כהן;נקבה;תל אביב\nיוסי;לוי;זכר;חולון\n"
ICELANDIC = ("Fornafn;Eftirnafn;Kyn;Staður\nGuðrún;Jónsdóttir;Kona;Reykjavík\n"
             "Þórður;Sigurðsson;Karl;Kópavogur\nSigríður;Ólafsdóttir;Kona;Garðabær\n"
             "Hafþór;Þorsteinsson;Karl;Akureyri\n")
PORTUGUESE = ("Nome;Apelido;Localidade;Observações\nJoão;Gonçalves;Lisboa;Não compareceu à consulta\n"
              "Inês;Conceição;Évora;Pagamento em atraso\n")
CATALAN = ("Nom;Cognoms;Població;Estat\nNúria;Puig i Solà;Lleida;Anul·lada\nJordi;Vilà;Girona;Atesa\n"
           "Montserrat;Ferrer;Cerdanyola del Vallès;No presentat\n")
ESTONIAN = "Eesnimi;Perekonnanimi;Sugu;Linn\nMari;Tamm;Naine;Tallinn\nJüri;Õunapuu;Mees;Pärnu\n"
FRENCH = ("Nom;Prénom;Ville;Note\nDupont;Hélène;Genève;élève très sévère, garçon\n"
          "Lefèvre;François;Besançon;à revoir, reçu\n")


@pytest.mark.parametrize(("text", "code_page", "name"), [
    (LATVIAN, "cp1257", "windows-1257"), (LITHUANIAN, "cp1257", "windows-1257"),
    (ARABIC, "cp1256", "windows-1256"), (HEBREW, "cp1255", "windows-1255"),
    # ISO-8859-1 text is Windows-1252 text; Estonian differs only in `š` and `ž`
    (ICELANDIC, "latin-1", "windows-1252"), (PORTUGUESE, "latin-1", "windows-1252"),
    (CATALAN, "latin-1", "windows-1252"), (ESTONIAN, "cp1257", "windows-1252"),
    (FRENCH, "cp1252", "windows-1252"),
])
def test_the_code_page_of_a_plain_csv(tmp_path: Path, text: str, code_page: str,
                                      name: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(code_page))
    assert scan_file(path).encoding == name


@pytest.mark.parametrize(("text", "code_page"), [
    (LATVIAN, "cp1257"), (ARABIC, "cp1256"), (HEBREW, "cp1255")])
def test_a_plain_csv_reads_in_its_letters(tmp_path: Path, text: str, code_page: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(code_page))
    lines = text.splitlines()
    rows = [dict(r.values) for r in CsvSource(path).rows()]
    assert rows[0] == dict(zip(lines[0].split(";"), lines[1].split(";"), strict=True))


def test_a_russian_plain_csv_is_read_as_neither_arabic_nor_hebrew(tmp_path: Path) -> None:
    # its words are high bytes alone too, but with `ы ь я`, letters of neither code page
    text = ("Фамилия;Имя;Отчество;Пол;Город\nИванова;Мария;Петровна;женский;Москва\n"
            "Смирнов;Алексей;Иванович;мужской;Санкт-Петербург\n")
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode("cp1251"))
    assert scan_file(path).encoding not in ("windows-1256", "windows-1255")
