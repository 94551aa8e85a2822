"""Keys of fitted models kept on disk by the benchmarks: what a fit reads, and no more.

A model fitted by a benchmark depends on its rows, its configuration and seed, and the code that fits it: the
modules the fitting module imports, followed through every `nlp` import (at the top of a module or inside a
function: either may run in a fit), read from the source without importing anything. A change elsewhere in
`nlp/` (the table extractor, the command line) keeps the key, so the cache is not refitted for nothing; a change
to a module a fit can run changes it.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def module_file(name: str, root: Path = REPO) -> Path | None:
    """The source file of a dotted module name under `root` (a module or a package's `__init__.py`), None if absent."""
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported_modules(path: Path, package: str) -> set[str]:
    """The `package` modules a source file imports anywhere in it; `from p import name` counts the module
    `p.name` where there is one, else `p` (the name is then defined in `p`)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name == package or name.startswith(package + ".")}


def code_closure(roots: Sequence[str], root: Path = REPO, not_followed: Iterable[str] = ()) -> list[Path]:
    """The source files of `roots` (dotted names) and of every module of their package they import, directly or
    through others, sorted. Package `__init__.py` files come in only where a module imports a name from them.
    `not_followed`: modules (and their submodules) left out with what only they import, for an import that a
    fit never runs (say why where it is given)."""
    package = roots[0].split(".")[0]
    stops = tuple(not_followed)
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = module_file(name, root)
        if name in seen or path is None or any(name == stop or name.startswith(stop + ".") for stop in stops):
            continue
        seen[name] = path
        todo.extend(imported_modules(path, package) - set(seen))
    return sorted(set(seen.values()))


def code_digest(roots: Sequence[str], root: Path = REPO, not_followed: Iterable[str] = ()) -> bytes:
    """sha256 over the closure of `roots` (`code_closure`): each file's path relative to `root` and its bytes."""
    digest = hashlib.sha256()
    for path in code_closure(roots, root, not_followed):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()
