"""The contract between the converter and the extensions, as the code's imports show it.

``ext/shared`` is the Sphinx-free layer both sides use; the converter
(``ext/hugo_import``) imports nothing else of ``ext``, no extension imports the
converter, and no module of ``ext`` takes part in an import cycle (imports under
``if TYPE_CHECKING:`` and inside functions count too: a cycle hidden in a function is
still a cycle).
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parent.parent / "ext"


def _module_name(path: Path) -> str:
    parts = path.relative_to(EXT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """``{module: modules of ext it imports}`` for every module under ``ext/``."""
    paths = {_module_name(path): path for path in EXT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                module = ".".join(base + ([node.module] if node.module else []))
                submodules = {f"{module}.{alias.name}" for alias in node.names} & paths.keys()
                targets |= submodules
                if len(submodules) < len(node.names):  # names defined in the module itself
                    targets.add(module)
        graph[name] = {target for target in targets if target in paths and target != name}
    return graph


GRAPH = import_graph()


def test_no_module_of_ext_is_in_an_import_cycle() -> None:
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def _edges(source: str) -> list[tuple[str, str]]:
    return [(module, target) for module, targets in sorted(GRAPH.items()) if module.startswith(source)
            for target in sorted(targets)]


def test_the_converter_imports_only_itself_and_the_shared_layer() -> None:
    outside = [(m, t) for m, t in _edges("ext.hugo_import") if not t.startswith(("ext.hugo_import", "ext.shared"))]
    assert outside == []


def test_no_extension_imports_the_converter() -> None:
    extensions = [(m, t) for m, t in _edges("ext.") if not m.startswith(("ext.hugo_import", "ext.shared"))]
    assert [(m, t) for m, t in extensions if t.startswith("ext.hugo_import")] == []


def test_the_shared_layer_imports_neither_side_nor_sphinx() -> None:
    assert [(m, t) for m, t in _edges("ext.shared") if not t.startswith("ext.shared")] == []
    for path in (EXT / "shared").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}
        assert not {name for name in imported if name.split(".")[0] in {"sphinx", "docutils"}}, path.name


def test_a_cycle_is_found_where_there_is_one() -> None:
    """The check itself: a graph with a cycle is refused."""
    with pytest.raises(CycleError):
        tuple(TopologicalSorter({"a": {"b"}, "b": {"c"}, "c": {"a"}}).static_order())
