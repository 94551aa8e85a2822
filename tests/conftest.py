"""Shared fixtures. Real data lives in ../shared (beside the repository), reached only through here."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _fixed_hypothesis_constants() -> None:
    """Hypothesis draws some numbers and strings from the literals of the local modules in `sys.modules` when a
    test runs (its "local constants"), `derandomize=True` notwithstanding: a property test's examples then depended
    on which tests had run before it in the process (the modules they imported: a benchmark, the command line,
    scripts/), and `test_fuzz_tables` failed in one order of a full run and passed alone. The pool is kept empty
    here, once, before any test: the examples are the test's own (`tests/test_hypothesis_determinism.py`). No
    public setting does this; with a Hypothesis that has no such pool, nothing is changed."""
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
    except ImportError:
        return
    if isinstance(getattr(providers.HypothesisProvider, "_local_constants", None), functools.cached_property):
        empty = Constants()
        providers.HypothesisProvider._local_constants = property(lambda self: empty)


_fixed_hypothesis_constants()


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, skipping the test with a clear reason where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (the ../shared folder is absent)")
    return path


def source_file(doc_id: str) -> Path:
    """The original file of a report with gold cells (../shared/seeds or ../shared/reports)."""
    for folder in ("seeds", "reports"):
        for path in sorted((SHARED / folder).glob(f"{doc_id}.*")):
            return path
    pytest.skip(f"no source file for {doc_id} in ../shared (the ../shared folder is absent)")


@functools.cache
def whole_reports() -> tuple[dict, ...]:
    """The 31 whole crawled reports of ../shared/corpus/full_reports.jsonl, as records (`doc_id`, `text`, …)."""
    with shared_path("corpus", "full_reports.jsonl").open(encoding="utf-8") as handle:
        return tuple(json.loads(line) for line in handle)


def gold_and_whole_report_texts() -> dict[str, str]:
    """doc_id → text of the 31 whole crawled reports and of every report with gold cells (read as a user's
    file is): the texts the reading tests turn into damaged documents and pages."""
    import nlp

    texts = {record["doc_id"]: record["text"] for record in whole_reports()}
    gold = set()
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        with shared_path("gold", name).open(encoding="utf-8") as handle:
            gold |= {json.loads(line)["doc_id"] for line in handle if line.strip()}
    for folder in ("seeds", "reports"):
        for path in sorted(shared_path(folder).iterdir()):
            if path.stem in gold and path.suffix in (".txt", ".md", ".pdf"):
                texts[path.stem] = nlp.read_text(path)
    return texts


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def labelled_records() -> list[dict]:
    path = shared_path("labels", "dev.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def gold_tables() -> dict[str, dict]:
    gold: dict[str, dict] = {}
    for name in ("seed_tables.jsonl", "reports_tables.jsonl"):
        with shared_path("gold", name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    gold[record["doc_id"]] = record
    return gold


@pytest.fixture
def analysed_names(monkeypatch) -> list[str]:
    """The names of the reports pass 1 of `analyze --jobs 1` analyses in this process, in order
    (clear it before the run whose work is to be counted)."""
    from nlp.batch import passes

    names: list[str] = []
    real = passes.process_files

    def counted(chunk, *args, **kwargs):
        names.extend(item.name for item in chunk)
        return real(chunk, *args, **kwargs)

    monkeypatch.setattr(passes, "process_files", counted)
    return names


def benchmark_module(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module (its folder on the path only while it is imported: the
    benchmark modules put it there themselves for what they import later)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


@pytest.fixture(scope="module")
def tokenizer():
    """The tokenizer `analyze` cuts paragraphs with (`Tokenizer()`); a test module that needs other settings
    defines its own."""
    from nlp.tokenize import Tokenizer

    return Tokenizer()


@pytest.fixture()
def labels_file(tmp_path) -> Path:
    """A small labelled file in ANNOTATION.md's format (`test_boilerplate.write_labels`: six reports of
    generic and concrete paragraphs written for the tests)."""
    from tests.test_boilerplate import write_labels

    path = tmp_path / "labels.jsonl"
    write_labels(path)
    return path
