"""Rules of the test suite itself: tests get their helpers as fixtures (flaskr's way), and
conftest files offer fixtures only, so a conftest can change without breaking importers.

Libraries for real servers (tests/workers.py: gunicorn workers and an HTTP browser;
tests/mail_server.py: an SMTP inbox) are ordinary modules and may be imported.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
CONFTESTS = sorted(TESTS.rglob("conftest.py"))
MODULES = sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)


def imported_modules(path: Path) -> set[str]:
    """The modules a file imports from (absolute names)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(TESTS)))
def test_nothing_is_imported_from_a_conftest(path):
    conftests = {m for m in imported_modules(path) if m.split(".")[-1] == "conftest"}
    assert not conftests, f"ask for a fixture instead of importing from {conftests}"


def public_names(path: Path) -> dict[str, ast.AST]:
    """Module-level names a conftest defines without a leading underscore."""
    names = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
    return {name: node for name, node in names.items() if not name.startswith("_")}


def is_fixture(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef) and any(
        "fixture" in ast.unparse(decorator) for decorator in node.decorator_list
    )


@pytest.mark.parametrize("path", CONFTESTS, ids=lambda p: str(p.relative_to(TESTS)))
def test_conftest_files_offer_fixtures_only(path):
    others = [
        name
        for name, node in public_names(path).items()
        if not is_fixture(node) and not name.startswith("pytest_")
    ]
    assert others == [], f"make these fixtures (or private, _name): {others}"
