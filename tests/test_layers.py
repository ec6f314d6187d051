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


# Inside the layers, the parts: a package on the left never imports one on the right.
PACKAGE_RULES: dict[str, tuple[str, ...]] = {
    "domain.records": ("domain.nutshell", "domain.proposal", "domain.run"),
    "domain.fhir": ("domain.records", "domain.nutshell", "domain.proposal", "domain.run"),
    "domain.proposal": ("domain.nutshell", "domain.fhir", "domain.run"),
    "domain.nutshell": ("domain.proposal", "domain.fhir", "domain.oracle"),
    # The verification oracle shares nothing with the payload builder it checks.
    "domain.oracle": ("domain.nutshell", "domain.proposal"),
    "domain.run": ("domain.nutshell", "domain.proposal", "domain.fhir"),
    "adapters.nutshell": ("adapters.stores", "adapters.bus", "adapters.sources", "adapters.nutshell_sandbox",
                          "projections"),
    "adapters.nutshell_sandbox": ("adapters.nutshell", "adapters.stores", "adapters.bus", "adapters.sources",
                                  "projections"),
    "adapters.sources": ("adapters.nutshell", "adapters.nutshell_sandbox", "adapters.stores", "adapters.bus"),
    "adapters.bus": ("adapters.nutshell", "adapters.nutshell_sandbox", "adapters.stores", "adapters.sources"),
    # Views render the plain data services return (and may name its types); they reach nothing.
    "consumers.views": ("adapters", "consumers.bootstrap", "consumers.delta", "consumers.cli"),
    "consumers.services": ("consumers.cli", "consumers.console", "consumers.nutshell", "consumers.delta"),
    "consumers.nutshell": ("consumers.cli", "consumers.console", "consumers.delta"),
    "consumers.delta": ("consumers.cli", "consumers.console"),
}


def modules_imported(path: Path) -> set[str]:
    """The dotted names a file imports (absolute imports only; relative ones stay in their package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def imports_of(path: Path) -> set[str]:
    return {name.split(".")[0] for name in modules_imported(path)}


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def package_violations(root: Path) -> list[str]:
    found = []
    for package, forbidden in PACKAGE_RULES.items():
        folder = root / package.replace(".", "/")
        for path in sorted(folder.rglob("*.py")):
            for name in sorted(modules_imported(path)):
                for banned in forbidden:
                    if _within(name, banned):
                        found.append(f"{path.relative_to(root)} imports {name} ({package} may not use {banned})")
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


def test_the_parts_only_import_what_their_package_allows() -> None:
    assert [p for p in PACKAGE_RULES if not (ROOT / p.replace(".", "/")).is_dir()
            and p != "consumers.console"] == []
    violations = package_violations(ROOT)
    assert not violations, "\n".join(violations)


def test_the_package_rules_see_a_violation(tmp_path: Path) -> None:
    views = tmp_path / "consumers" / "views"
    views.mkdir(parents=True)
    (views / "table.py").write_text("from adapters.stores.mapping_file import load_mapping\n")
    proposal = tmp_path / "domain" / "proposal"
    proposal.mkdir(parents=True)
    (proposal / "x.py").write_text("from domain import nutshell\nfrom domain.records import canonical\n")
    found = package_violations(tmp_path)
    assert any("views/table.py imports adapters.stores.mapping_file" in v for v in found)
    assert any("proposal/x.py imports domain.nutshell" in v for v in found)
    assert not any("canonical" in v for v in found)


def test_no_folder_of_product_code_is_a_heap() -> None:
    """A folder of more than 15 modules, or a module of more than 400 lines, hides its parts."""
    crowded, long_ = [], []
    for layer in (*LAYERS, "tools"):
        for folder in [ROOT / layer, *(p for p in (ROOT / layer).rglob("*") if p.is_dir())]:
            modules = list(folder.glob("*.py"))
            if len(modules) > 15:
                crowded.append(f"{folder.relative_to(ROOT)}: {len(modules)} modules")
            for module in modules:
                lines = len(module.read_text(encoding="utf-8").splitlines())
                if lines > 400:
                    long_.append(f"{module.relative_to(ROOT)}: {lines} lines")
    assert not crowded and not long_, "\n".join(crowded + long_)


def test_the_readme_layout_names_every_package() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Layout", 1)[1].split("```", 2)[1]
    listed = {line.split()[0].rstrip("/") for line in block.splitlines()
              if line.strip() and not line.startswith(" ")}
    packages = {str(p.parent.relative_to(ROOT)) for layer in LAYERS for p in (ROOT / layer).rglob("__init__.py")
                if "__pycache__" not in p.parts}
    assert packages - listed == set(), "packages missing from the README's layout"
    assert {p for p in listed - packages if not (ROOT / p).is_dir()} == set(), "README names folders that do not exist"


def test_the_walker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from adapters.nutshell.client import NutshellClient\nimport httpx\n")
    assert {"adapters", "httpx"} <= imports_of(bad)
