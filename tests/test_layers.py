"""Dependencies point inward: domain imports no adapter; only consumers wire concretes."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    "domain": {"domain"},
    "projections": {"domain", "projections"},
    "adapters": {"domain", "projections", "adapters"},
    "consumers": {"domain", "projections", "adapters", "consumers"},
}
LAYERS = set(ALLOWED)
# Third-party packages the pure core may use (architecture.md): nothing that does I/O.
DOMAIN_THIRD_PARTY = {"eventsourcing", "pydantic", "pydantic_core", "typing_extensions"}
FORBIDDEN_IN_PURE = {"httpx", "kafka", "psycopg", "sqlite3", "yaml", "openpyxl", "socket",
                     "requests", "urllib3", "http", "subprocess"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_layers_only_import_inward() -> None:
    violations = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((ROOT / layer).rglob("*.py")):
            for name in imports_of(path) & LAYERS - allowed:
                violations.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not violations, "\n".join(violations)


def test_domain_and_projections_do_no_io() -> None:
    violations = []
    for layer in ("domain", "projections"):
        for path in sorted((ROOT / layer).rglob("*.py")):
            for name in imports_of(path) & FORBIDDEN_IN_PURE:
                violations.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not violations, "\n".join(violations)


def test_the_walker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from adapters.nutshell.client import NutshellClient\nimport httpx\n")
    assert {"adapters", "httpx"} <= imports_of(bad)
