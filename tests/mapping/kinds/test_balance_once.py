"""A balance given twice is counted once: a client list with a `Balance Owing` column beside a
file of the clients' balances would make two billing records per client. The balances file
holds them; the list's column is left out, said so. With no such file, the list's balance is
the client's billing record, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mapping.whole import check_export

CLIENTS = "Client ID,First Name,Last Name,Date of Birth,Email,Balance Owing\n" + "".join(
    f"{100 + i},Ann{chr(97 + i % 26)},Lee{chr(97 + i // 26)},1980-02-{1 + i % 28:02d},"
    f"ann{i}@example.com,{'%.2f' % (i * 12.5) if i % 2 else '0.00'}\n" for i in range(24))
BALANCES = "Client ID,Client Name,Balance Owing,Last Payment Date,Last Payment Amount\n" + "".join(
    f"{100 + i},Ann{chr(97 + i % 26)} Lee{chr(97 + i // 26)},{i * 12.5:.2f},2024-03-"
    f"{1 + i % 28:02d},{i * 5:.2f}\n" for i in range(1, 24, 2))


def test_a_balance_on_the_client_list_beside_a_balances_file_is_counted_once(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check_export(home, capsys, {"Clients.csv": CLIENTS, "Client Balances.csv": BALANCES})
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["billing"]["records"] == 12  # one per client the balances file names
    assert landing["patient"]["records"] == 24
    mapping = " ".join((home / "mapping.yaml").read_text(encoding="utf-8").split())
    assert "Client Balances.csv holds each patient" in mapping


def test_a_balance_on_the_client_list_alone_is_the_billing_record(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = check_export(home, capsys, {"Clients.csv": CLIENTS})
    landing = report["landing"]
    assert isinstance(landing, dict)
    assert landing["billing"]["records"] == 24
