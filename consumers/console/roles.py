"""Who may do what in the console. One table: the README's roles table is this one.

Every page is readable by every signed-in person; each decision names the roles that may take
it. Values (PHI) are shown only to roles that need them to decide; others see their shapes.
"""

from __future__ import annotations

ROLES = ("operator", "manager", "hipaa-officer", "auditor")

# action -> roles allowed (the POST handlers check this, nothing else)
DECISIONS: dict[str, frozenset[str]] = {
    "edit-mapping": frozenset({"operator", "manager"}),
    "confirm-mapping": frozenset({"operator", "manager"}),
    "approve-sample": frozenset({"manager"}),
    "review-cleared": frozenset({"hipaa-officer"}),
    "review-held": frozenset({"hipaa-officer"}),
    "review-sign-off": frozenset({"hipaa-officer"}),
    "resolve-conflict": frozenset({"operator", "manager"}),
    "rollback-dry-run": frozenset({"operator", "manager"}),
    "rollback": frozenset({"operator"}),
}

SEES_PHI = frozenset({"manager", "hipaa-officer"})


def may(role: str, action: str) -> bool:
    return role in DECISIONS.get(action, frozenset())


def sees_phi(role: str) -> bool:
    return role in SEES_PHI


def roles_table() -> list[tuple[str, list[str], bool]]:
    """(role, decisions, sees values) for the README and the console's own help."""
    return [(role, sorted(a for a, allowed in DECISIONS.items() if role in allowed),
             role in SEES_PHI) for role in ROLES]
