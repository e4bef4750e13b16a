"""The house: one folder per stage, imports that run one way, and a root that only ties them.

Every import of every module (at the top, inside functions, under TYPE_CHECKING) is read
with `ast`; a circle of imports or an import from a later stage fails, naming both files.
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT

PACKAGE = ROOT / "chronicle"
# In the order the data flows: a module may import from its own stage and from earlier ones.
STAGES = [
    ("base", ["chronicle", "chronicle.errors", "chronicle.options", "chronicle.parallel"]),
    ("language", ["chronicle.language"]),
    ("dates", ["chronicle.dates"]),
    ("content", ["chronicle.content"]),
    ("link", ["chronicle.link"]),
    ("bodies", ["chronicle.bodies"]),
    ("formats", ["chronicle.formats"]),
    ("figures", ["chronicle.figures"]),
    ("render", ["chronicle.render"]),
    ("output", ["chronicle.output"]),
    ("pipeline", ["chronicle.pipeline"]),
    ("serve", ["chronicle.serve"]),
    ("commands", ["chronicle.commands"]),
    ("importing", ["chronicle.importing"]),  # checks what it writes as `new` does (commands/written.py)
    ("cli", ["chronicle.cli"]),
    ("publish", ["chronicle.publish"]),
    ("main", ["chronicle.__main__"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    assert found, "no modules found"
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The chronicle modules that a module imports (a package means its __init__)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                start = ".".join(base + ([node.module] if node.module else []))
            else:
                start = node.module or ""
            for alias in node.names:
                targets.add(f"{start}.{alias.name}" if f"{start}.{alias.name}" in known else start)
        elif isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
    return {t for t in targets if t in known and t != name}


def stage_of(name: str) -> int:
    """The rank of a module's stage; the package itself is only its own __init__."""
    for rank, (_, prefixes) in enumerate(STAGES):
        for prefix in prefixes:
            if name == prefix or (prefix != "chronicle" and name.startswith(prefix + ".")):
                return rank
    raise AssertionError(f"{name} belongs to no stage: add it to a stage folder or to STAGES")


def graph() -> tuple[dict[str, Path], dict[str, set[str]]]:
    known = modules()
    return known, {name: imports_of(name, path, known) for name, path in known.items()}


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_imports_from_a_later_stage() -> None:
    known, edges = graph()
    backward = [f"{rel(known[a])} imports {rel(known[b])} ({STAGES[stage_of(b)][0]} comes after "
                f"{STAGES[stage_of(a)][0]})" for a in sorted(edges) for b in sorted(edges[a])
                if stage_of(b) > stage_of(a)]
    assert backward == []


def circles_in(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each circle met by a depth-first walk, as the modules along it."""
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                circles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    return circles


def test_no_circle_of_imports() -> None:
    known, edges = graph()
    assert [" -> ".join(rel(known[m]) for m in loop) for loop in circles_in(edges)] == []


def test_the_checks_see_a_backward_import_and_a_circle(tmp_path: Path) -> None:
    """The walker itself: a made-up render -> serve import and a circle back are both found."""
    known = {"chronicle.render.x": tmp_path / "x.py", "chronicle.serve.y": tmp_path / "y.py"}
    known["chronicle.render.x"].write_text("def f():\n    from ..serve.y import g\n")
    known["chronicle.serve.y"].write_text("from ..render import x\n")
    edges = {name: imports_of(name, path, known) for name, path in known.items()}
    assert edges == {"chronicle.render.x": {"chronicle.serve.y"}, "chronicle.serve.y": {"chronicle.render.x"}}
    assert stage_of("chronicle.serve.y") > stage_of("chronicle.render.x")
    assert circles_in(edges) == [["chronicle.render.x", "chronicle.serve.y", "chronicle.render.x"]]


def test_the_root_holds_only_what_ties_the_stages_together() -> None:
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= 8, root
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists())
    assert folders == sorted(prefix.split(".")[1] for _, prefixes in STAGES for prefix in prefixes
                             if prefix.count(".") == 1 and (PACKAGE / prefix.split(".")[1]).is_dir())


def test_every_stage_says_what_it_takes_gives_and_must_never_do() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        for word in ("Takes:", "Gives:", "Must never:"):
            assert word in doc, f"{rel(init)}: its docstring lacks {word!r}"
