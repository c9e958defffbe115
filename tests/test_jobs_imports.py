"""The job queue is a leaf of the import graph: it never reaches back to the app factory (the
worker is handed its app by `flask jobs-worker`), so no import cycle runs through it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "organiser"


def module_name(path: Path) -> str:
    """organiser/petitions/emails.py -> organiser.petitions.emails (a package: its __init__)."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each organiser module and the organiser modules it imports, at the top or in a
    function; `from package import name` counts as importing the module `name` if it is one."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    imported.add(submodule if submodule in modules else node.module)
        graph[name] = {target for target in imported if target in modules and target != name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module imported, directly or not, by start."""
    seen, pending = set(), [start]
    while pending:
        for target in graph[pending.pop()] - seen:
            seen.add(target)
            pending.append(target)
    return seen


def test_no_import_cycle_runs_through_the_job_queue():
    graph = import_graph()
    assert "organiser" not in reachable(graph, "organiser.jobs")  # not the app factory
    in_cycle = [
        name
        for name in reachable(graph, "organiser.jobs")
        if "organiser.jobs" in reachable(graph, name)
    ]
    assert in_cycle == [], f"organiser.jobs is in an import cycle with {in_cycle}"
