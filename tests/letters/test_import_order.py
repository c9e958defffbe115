"""The letters modules import one another in one direction only: no cycle, not even through an
import hidden inside a function."""

from pathlib import Path

import organiser.letters

PACKAGE = "organiser.letters"
FOLDER = Path(organiser.letters.__file__).parent


def letters_imports(path: Path, imports_of) -> set[str]:
    """The organiser.letters modules that the file imports, anywhere in it."""
    modules = {f"{PACKAGE}.{file.stem}" for file in FOLDER.glob("*.py")}
    return (imports_of(path) & modules) - {f"{PACKAGE}.__init__", f"{PACKAGE}.{path.stem}"}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle in graph, as the modules along it; [] if there is none."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == "open":
                return [*path[path.index(imported) :], imported]
            if imported not in state and (cycle := visit(imported, [*path, imported])):
                return cycle
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module, [module])):
            return cycle
    return []


def test_letters_modules_import_in_one_direction_only(imports_of):
    graph = {
        f"{PACKAGE}.{file.stem}": letters_imports(file, imports_of) for file in FOLDER.glob("*.py")
    }
    assert find_cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
