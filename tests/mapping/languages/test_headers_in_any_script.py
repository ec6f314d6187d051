"""A header written in another script (Cyrillic, Greek, Chinese characters) or with letters that
have no accent to strip (`ø`, `ß`) is compared in Latin letters, on the header's side and on the
vocabulary's alike (issue: exports never seen before)."""

from __future__ import annotations

from domain.proposal.text import phrase
from domain.proposal.vocabulary import to_latin
from tests.mapping.test_failure_classes import _propose

SURNAMES = ("Petrov", "Ivanova", "Smirnov", "Kuznetsova", "Popov", "Sokolova", "Lebedev")
NAMES = ("Ivan", "Olga", "Pavel", "Irina", "Sergei", "Anna", "Dmitri")


def test_letters_of_any_script_become_latin_and_latin_text_keeps_its_letters() -> None:
    assert to_latin("Телефон") == "Telefon"
    assert to_latin("Fødselsdato") == "Fodselsdato"
    assert to_latin("Straße") == "Strasse"
    assert to_latin("Płeć") == "Plec"
    assert to_latin("Date of Birth") == "Date of Birth"
    assert phrase("電話番号").tokens, "Chinese characters leave tokens to compare"
    assert phrase("Ημερομηνία").tokens == phrase("Imerominia").tokens


def test_a_cyrillic_header_spelled_like_a_known_word_maps_by_it() -> None:
    # `Телефон` is the `Telefon` the German and Polish words already hold, in Cyrillic letters
    header = ["ID", "Фамилия", "Имя", "Телефон", "E-mail"]
    rows = [[f"{100 + i}", SURNAMES[i % 7], NAMES[i % 7], f"+7 495 123-{45 + i:02d}-{10 + i:02d}",
             f"{NAMES[i % 7].lower()}.{i}@example.ru"] for i in range(30)]
    doc = _propose({"pacienty.csv": (header, rows)}, date_order="DMY")
    columns = doc.files["pacienty.csv"].columns
    assert columns["Телефон"].target is not None
    assert columns["Телефон"].target.startswith("patient.phone")


def test_a_phrase_of_another_script_meets_a_latin_header_weaker_than_a_latin_phrase() -> None:
    # Ukrainian `Стать` (sex) reads `stat` in Latin letters, as English `Status` abbreviated
    from domain.proposal.match import header_matches

    assert header_matches("patient", "Status")[0].field == "status"
    assert header_matches("patient", "Стать")[0].field == "sex"
