"""The README's roles table says what the console enforces: read from the README, compared
with the decisions each role is allowed."""

from __future__ import annotations

from pathlib import Path

from consumers.console.roles import DECISIONS, ROLES, sees_phi

README = Path(__file__).resolve().parents[2] / "README.md"
# The README's words for each decision.
WORDS = {
    "edit-mapping": "edit the mapping", "confirm-mapping": "confirm",
    "approve-sample": "approve the sample", "review-cleared": "clear",
    "review-held": "hold review items", "review-sign-off": "sign off",
    "resolve-conflict": "resolve conflicts", "rollback-dry-run": "dry run", "rollback": "roll back",
}


def _table() -> dict[str, tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("| role | may | sees values (PHI) |")
    rows = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        role, may, phi = (cell.strip() for cell in line.strip("|").split("|"))
        rows[role] = (may, phi)
    return rows


def test_the_readme_roles_table_is_what_the_console_enforces() -> None:
    table = _table()
    assert list(table) == list(ROLES)
    for role, (may, phi) in table.items():
        for action, allowed in DECISIONS.items():
            assert (WORDS[action] in may) == (role in allowed), (role, action)
        assert phi.startswith("yes") == sees_phi(role)
