"""The import rules of docs/architecture.md, checked on the source: stages import downwards only, no cycles.

Every ``import`` of every module counts, those inside functions included (a lazy import is still a
dependency); imports under ``if TYPE_CHECKING:`` count for the layer rules but not for cycles (they never
run).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dyad"

_BASE = {"_version", "errors", "model"}
_BELOW_EDGES = {
    "codebooks",
    "ingest",
    "nlp",
    "store",
    "analysis",
    "briefs",
    "export",
    "pipeline",
    "parameters",
}
# What each part of the package may import from the others (its own modules are always allowed).
ALLOWED: dict[str, set[str]] = {
    "_version": set(),
    "errors": set(),
    "model": set(),
    "codebooks": _BASE,
    "parameters": _BASE | {"codebooks"},
    "ingest": _BASE | {"codebooks"},
    "nlp": _BASE | {"codebooks"},
    "store": _BASE | {"codebooks", "ingest", "parameters"},
    "analysis": _BASE | {"codebooks", "store", "parameters"},
    "briefs": _BASE | {"codebooks", "store", "analysis", "parameters"},
    "export": _BASE | {"store", "parameters"},
    "pipeline": _BASE | {"codebooks", "ingest", "nlp", "store", "parameters"},
    "evaluation": _BASE | {"codebooks", "ingest", "nlp", "store", "analysis", "pipeline", "parameters"},
    "scale": _BASE | {"codebooks", "ingest", "nlp", "store", "analysis", "pipeline", "parameters"},
    "web": _BASE | _BELOW_EDGES,
    "cli": _BASE | _BELOW_EDGES | {"evaluation", "scale", "web"},
    "": _BASE | {"nlp"},  # the package root: the public facade (dyad.extract)
}
# Third-party libraries that belong to one edge only.
EDGE_LIBRARIES = {"click": {"cli"}, "fastapi": {"web"}, "starlette": {"web"}, "uvicorn": {"web"}}


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # importing module, e.g. dyad.nlp.workers
    target: str  # imported module (dyad.x.y) or third-party top-level name
    line: int
    typing_only: bool


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, source: str, known: set[str], *, is_package: bool = False) -> list[Import]:
    """The imports of module ``name`` whose text is ``source`` (``known``: the package's module names)."""
    found: list[Import] = []
    package = name if is_package else name.rpartition(".")[0]

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        if isinstance(node, ast.Import):
            found.extend(Import(name, a.name, node.lineno, typing_only) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append(Import(name, full if full in known else base, node.lineno, typing_only))
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(ast.parse(source), False)
    return found


def _part(module: str) -> str:
    """The part of the package a module belongs to: its stage folder, or its top-level module name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _all_imports() -> list[Import]:
    modules = _modules()
    return [
        i
        for name, path in modules.items()
        for i in _imports(
            name, path.read_text(encoding="utf-8"), set(modules), is_package=path.stem == "__init__"
        )
    ]


def violations(imports: list[Import]) -> list[str]:
    """Every import that breaks a rule, as ``module:line imports target (why)``."""
    out = []
    for i in imports:
        own = _part(i.module)
        if i.target == "dyad" or i.target.startswith("dyad."):
            other = _part(i.target)
            if other != own and other not in ALLOWED[own]:
                out.append(f"{i.module}:{i.line} imports {i.target} ({own or 'dyad'} may not import {other})")
        else:
            top = i.target.split(".")[0]
            if top in EDGE_LIBRARIES and own not in EDGE_LIBRARIES[top]:
                out.append(f"{i.module}:{i.line} imports {top} (only {', '.join(EDGE_LIBRARIES[top])})")
    return out


def cycles(imports: list[Import]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others (Tarjan's SCC)."""
    graph: dict[str, set[str]] = {}
    for i in imports:
        edges = graph.setdefault(i.module, set())
        if (
            not i.typing_only
            and i.target != i.module
            and (i.target == "dyad" or i.target.startswith("dyad."))
        ):
            edges.add(i.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_every_module_belongs_to_a_ruled_part() -> None:
    assert {_part(m) for m in _modules()} <= ALLOWED.keys()


def test_stages_import_downwards_only() -> None:
    assert violations(_all_imports()) == []


def test_no_import_cycles() -> None:
    assert cycles(_all_imports()) == []


@pytest.mark.parametrize(
    ("module", "source", "why"),
    [
        ("dyad.nlp.workers", "from dyad.store.database import transaction", "nlp may not import store"),
        (
            "dyad.ingest.sources",
            "def f():\n    from dyad.store import batches",
            "ingest may not import store",
        ),
        ("dyad.ingest.sources", "from ..store import batches", "ingest may not import store"),
        ("dyad.scale.job", "from dyad.cli.common import fail", "scale may not import cli"),
        ("dyad.store.series", "import click", "only cli"),
        ("dyad.model", "from dyad import __version__", "model may not import"),
        ("dyad.analysis.dyads", "from dyad.pipeline import Pipeline", "analysis may not import pipeline"),
    ],
)
def test_a_forbidden_import_is_reported(module: str, source: str, why: str) -> None:
    found = violations(_imports(module, source, set(_modules())))
    assert len(found) == 1 and why in found[0], found


def test_a_cycle_is_reported() -> None:
    imports = [
        Import("dyad.web.app", "dyad.web.pages", 1, False),
        Import("dyad.web.pages", "dyad.web.views", 1, False),
        Import("dyad.web.views", "dyad.web.app", 1, False),
    ]
    assert cycles(imports) == [["dyad.web.app", "dyad.web.pages", "dyad.web.views"]]
    typing_only = [*imports[:2], Import("dyad.web.views", "dyad.web.app", 1, True)]
    assert cycles(typing_only) == []
