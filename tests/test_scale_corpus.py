"""The scale-benchmark corpus generator (benchmarks/scale_corpus.py): deterministic, reuse planted and
written down, the corrupt share right, and reports the project's reader takes for real reports."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from nlp.errors import GovReportError
from nlp.normalize import clean_text, comparable
from nlp.structure import read_report
from tests.conftest import REPO, SHARED, shared_path


def _load_generator():
    spec = importlib.util.spec_from_file_location("scale_corpus", REPO / "benchmarks" / "scale_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["scale_corpus"] = module
    spec.loader.exec_module(module)
    return module


scale_corpus = _load_generator()
SIZE = 200


@pytest.fixture(scope="module")
def sources():
    shared_path("corpus", "pages_dev.jsonl")
    return scale_corpus.load_sources(SHARED)


@pytest.fixture(scope="module")
def corpus(sources, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "c"
    scale_corpus.generate(folder, SIZE, seed=7, corrupt=0.05, chain_share=0.3, copy_share=0.05, sources=sources)
    return folder


@pytest.fixture(scope="module")
def manifest(corpus) -> list[dict]:
    return list(scale_corpus.read_manifest(corpus))


@pytest.fixture(scope="module")
def parsed(corpus, manifest) -> dict:
    return {e["doc_id"]: read_report(corpus / e["file"]) for e in manifest if e["expect"] == "report"}


@pytest.fixture(scope="module")
def written(corpus, manifest) -> dict:
    """doc_id -> the paragraphs as generated, in comparable form (traditional characters folded)."""
    return {e["doc_id"]: [comparable(clean_text(p)) for p in scale_corpus.paragraphs_of(corpus / e["file"])] for e in manifest if not e["corrupt"]}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "corpus.json"}


def test_same_seed_same_corpus_other_seed_other_corpus(sources, tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        scale_corpus.generate(tmp_path / name, 40, seed=seed, corrupt=0.1, sources=sources)
    a, b, c = (_files(tmp_path / name) for name in "abc")
    assert len(a) == 40 + 1  # the files and the manifest
    assert a == b
    assert a != c


def test_files_in_subfolders_of_a_thousand_and_the_manifest_lists_them_in_order(corpus, manifest):
    assert [e["doc_id"] for e in manifest] == [f"r{n:06d}" for n in range(SIZE)]
    assert all(e["file"].startswith("000/") and (corpus / e["file"]).is_file() for e in manifest)
    assert scale_corpus.relative_path(1234, ".txt") == "001/r001234.txt"
    info = scale_corpus.corpus_info(corpus)
    assert info["files"] == SIZE and info["reports"] + info["corrupt"] == SIZE


def test_corrupt_share_and_kinds(corpus, manifest, parsed):
    corrupt = [e for e in manifest if e["corrupt"]]
    assert len(corrupt) == round(0.05 * SIZE)
    assert {e["corrupt"] for e in corrupt} == {kind for kind, _, _ in scale_corpus.CORRUPT_KINDS}
    for entry in corrupt:
        path = corpus / entry["file"]
        if entry["expect"] == "error":
            with pytest.raises(GovReportError):
                read_report(path)
        else:  # readable text without a single heading
            report = read_report(path)
            assert not [s for s in report.sections if s.title]
            assert any("no section headings" in w for w in report.warnings)
    assert Counter(e["style"] for e in manifest if not e["corrupt"])["plain"] > 0.6 * len(parsed)


def test_generated_reports_read_as_reports(manifest, parsed):
    entries = [e for e in manifest if not e["corrupt"]]
    six = sum(1 for e in entries if not parsed[e["doc_id"]].missing_sections)
    four = sum(1 for e in entries if len(parsed[e["doc_id"]].missing_sections) <= 2)
    agency = sum(1 for e in entries if parsed[e["doc_id"]].agency == e["agency"])
    year = sum(1 for e in entries if parsed[e["doc_id"]].year == e["year"])
    assert six >= 0.65 * len(entries), six
    assert four >= 0.9 * len(entries), four
    assert agency >= 0.9 * len(entries), agency
    assert year >= 0.9 * len(entries), year
    # Reports are distinct agencies' (chains aside) and differ from each other.
    singles = [e["agency"] for e in entries if not e["chain"]]
    assert len(set(singles)) == len(singles)


def test_year_over_year_chains_planted(manifest, written):
    links = [e for e in manifest if e["chain"] and e["chain"]["previous"]]
    assert len(links) >= 10
    by_id = {e["doc_id"]: e for e in manifest}
    same_text, total = 0, 0
    for entry in links:
        before = by_id[entry["chain"]["previous"]]
        assert before["agency"] == entry["agency"]
        assert entry["year"] == before["year"] + 1
        assert 0.3 <= entry["chain"]["planted_share"] <= 0.7
        for item in entry["repeated"]:
            total += 1
            mine, theirs = written[entry["doc_id"]][item["para"]], written[before["doc_id"]][item["from_para"]]
            same_text += (mine == theirs) if item["mode"] == "verbatim" else scale_corpus.jaccard(mine, theirs) > 0.5
    repeated_shares = [e["repeated_chars_share"] for e in links if e["repeated"]]
    assert 0.2 <= sum(repeated_shares) / len(repeated_shares) <= 0.8
    assert total and same_text == total


def test_copies_from_other_agencies_planted(corpus, manifest, written):
    by_id = {e["doc_id"]: e for e in manifest}
    copies = [(e, c) for e in manifest for c in e.get("copies") or []]
    info = scale_corpus.corpus_info(corpus)
    assert info["copies"] == len(copies)
    assert 0.02 <= info["copied_share"] <= 0.09
    assert Counter(c["mode"] for _, c in copies)["near"] > 0
    found = 0
    for entry, copy in copies:
        assert copy["jaccard"] >= 0.8
        assert by_id[copy["from"]]["agency"] != entry["agency"]
        assert int(copy["from"][1:]) < int(entry["doc_id"][1:])
        mine, theirs = written[entry["doc_id"]][copy["para"]], written[copy["from"]][copy["from_para"]]
        found += scale_corpus.jaccard(mine, theirs) >= 0.8
    assert found == len(copies)


def test_ordinary_paragraphs_have_few_near_copies(sources, tmp_path):
    folder = tmp_path / "plain"
    scale_corpus.generate(folder, 150, seed=1, chain_share=0.0, copy_share=0.0, sources=sources)
    profile = scale_corpus.near_copy_profile(folder, sample=300)
    assert profile["paragraphs"] > 1000
    assert profile["median"] == 0
    assert profile["share_without_copies"] >= 0.75


def test_never_writes_into_shared_or_a_used_folder(sources, tmp_path):
    with pytest.raises(SystemExit):
        scale_corpus.generate(SHARED / "scale", 1, sources=sources)
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit):
        scale_corpus.generate(tmp_path / "used", 1, sources=sources)
    assert (tmp_path / "used" / "mine.txt").read_text(encoding="utf-8") == "x"
