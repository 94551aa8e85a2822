"""A JSON list of articles is read alike wherever it lies: in a folder (`page.json!N`) or inside a zip archive
(`archive.zip!dir/page.json!N`), each article an input with its own result or failure, and a JSON that holds no
article skipped and named in both places (`nlp.inputarchives.json_inputs`). The listing's judgement travels with
each article's input (`Input.at`, where the article sits), and reading by it gives what finding it again gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.inputs import InputFailure, iter_inputs, read_input
from nlp.read import ReadLimits, read_bytes
from nlp.read.encoding import decode
from nlp.read.jsontext import json_articles, json_shape, json_text
from nlp.structure import parse_text
from tests.conftest import whole_reports
from tests.damage import LEFTOVER_JSON, json_api, json_list, zip_of


def _texts(count: int) -> list[str]:
    return [record["text"] for record in whole_reports()[:count]]


def _read(folder: Path, limits: ReadLimits | None = None, not_reports: list | None = None) -> list:
    return [(item, read_input(item, limits)) for item in iter_inputs([folder], limits=limits, not_reports=not_reports)]


def _facts(report) -> tuple:
    return report.title, report.agency, report.year, report.section_keys, [p.text for p in report.paragraphs]


@pytest.mark.parametrize("twice", [False, True], ids=["list", "list_encoded_twice"])
def test_a_list_in_a_zip_gives_the_articles_the_same_list_in_a_folder_gives(tmp_path, twice):
    texts = _texts(4)
    page = json_list(texts, twice=twice)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "page.json").write_bytes(page)
    (tmp_path / "zipped").mkdir()
    archive = tmp_path / "zipped" / "crawl.zip"
    archive.write_bytes(zip_of({"2024/page.json": page, "2024/alone.json": json_api(texts[0]), "2024/short.json": json_list(texts[:1])}, names_in="gbk"))

    loose = _read(tmp_path / "folder")
    inside = _read(tmp_path / "zipped")
    assert [item.source for item, _ in loose] == [f"{tmp_path / 'folder' / 'page.json'}!{n}" for n in range(len(texts))]
    # The zip's one-article file and its list of one stay one input each (no number); the list is an input per
    # article, named to be found.
    listed = [f"{archive}!2024/page.json!{n}" for n in range(len(texts))]
    assert [item.source for item, _ in inside] == [f"{archive}!2024/alone.json", *listed, f"{archive}!2024/short.json"]
    assert [item.doc_id for item, _ in inside] == ["alone"] + [f"page!{n}" for n in range(len(texts))] + ["short"]
    assert all(not isinstance(report, InputFailure) for _, report in loose + inside)
    assert [_facts(report) for _, report in loose] == [_facts(report) for _, report in inside[1:-1]]
    alone = parse_text(read_bytes(json_list(texts[:1]), "short.json"))
    assert _facts(inside[-1][1])[4] == _facts(alone)[4]  # a list of one: read as the file, as a file read alone is
    assert [report.source for _, report in inside] == [item.source for item, _ in inside]
    assert len({tuple(_facts(report)[4]) for _, report in loose}) == len(texts)  # each article its own, not the longest four times


def test_json_without_an_article_in_a_zip_is_skipped_and_named(tmp_path):
    (tmp_path / "in").mkdir()
    archive = tmp_path / "in" / "crawl.zip"
    archive.write_bytes(zip_of({**LEFTOVER_JSON, "report.json": json_api(_texts(1)[0])}))
    not_reports: list[tuple[Path, str]] = []
    read = _read(tmp_path / "in", not_reports=not_reports)
    assert [item.source for item, _ in read] == [f"{archive}!report.json"]
    assert sorted(str(path) for path, _ in not_reports) == sorted(f"{archive}!{name}" for name in LEFTOVER_JSON)
    assert all(why.startswith(f"{archive}!") for _, why in not_reports)


def test_an_article_of_a_list_in_a_zip_fails_alone(tmp_path):
    texts = _texts(3)
    (tmp_path / "in").mkdir()
    archive = tmp_path / "in" / "crawl.zip"
    archive.write_bytes(zip_of({"page.json": json_list([texts[0], texts[1] * 6, texts[2]])}))
    limits = ReadLimits(max_chars=3 * max(len(text) for text in texts))
    read = _read(tmp_path / "in", limits)
    assert [type(report).__name__ for _, report in read] == ["Report", "InputFailure", "Report"]
    assert read[1][1].source == f"{archive}!page.json!1" and "characters" in read[1][1].error
    assert read[1][1].doc_id == "page!1"


def test_the_same_list_in_two_archives_gets_distinct_ids(tmp_path):
    page = json_list(_texts(2))
    (tmp_path / "in").mkdir()
    for name in ("a.zip", "b.zip"):
        (tmp_path / "in" / name).write_bytes(zip_of({"page.json": page}))
    (tmp_path / "in" / "page.json").write_bytes(page)
    ids = [item.doc_id for item in iter_inputs([tmp_path / "in"])]
    assert len(ids) == 6 and len(set(ids)) == 6, ids
    assert "a!page!0" in ids and "b!page!1" in ids


@pytest.mark.parametrize("twice", [False, True], ids=["list", "list_encoded_twice"])
def test_reading_an_article_where_it_was_listed_gives_what_finding_it_again_gives(twice):
    limits = ReadLimits()
    text = decode(json_list(_texts(5), twice=twice), "page.json")
    shape = json_shape(text, "page.json")
    assert shape.reports == 5 and len(shape.articles) == 5
    from nlp.read.jsontext import decode_nested, parse_json

    assert len(json_articles(decode_nested(parse_json(text, "page.json")))) == 5
    for number, at in enumerate(shape.articles):
        assert json_text(text, "page.json", limits, article=number, at=at) == json_text(text, "page.json", limits, article=number)


def test_an_article_no_longer_where_it_was_listed_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.json"
    page.write_bytes(json_list(_texts(3)))
    items = list(iter_inputs([tmp_path / "in"]))
    # The crawler saved the page again, empty: the places listed hold nothing now.
    page.write_bytes(json.dumps({"code": 0, "data": {"list": []}}).encode())
    outcomes = [read_input(item) for item in items]
    assert all(isinstance(outcome, InputFailure) and "was the file changed" in outcome.error for outcome in outcomes)


def test_analyze_counts_what_it_reads_and_names_what_it_skips(tmp_path):
    """The run's count is of the reports it reads (articles and members each), not of files: JSON files that hold
    no article, loose or in an archive, are left out of it and named in the note of skipped files."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[1]
    texts = _texts(5)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "list.json").write_bytes(json_list(texts[:2]))
    (folder / "one.txt").write_text(texts[2], encoding="utf-8")
    (folder / "package.json").write_bytes(LEFTOVER_JSON["package.json"])
    (folder / "crawl.zip").write_bytes(zip_of({"2024/page.json": json_list(texts[3:5]), "meta.json": LEFTOVER_JSON["meta.json"]}))
    run = subprocess.run(
        [sys.executable, "-m", "nlp", "analyze", "in", "-o", "out", "--jobs", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=900,
        env=os.environ | {"PYTHONPATH": str(repo), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    notes = [line for line in run.stderr.splitlines() if line.startswith("govreport: ")]
    assert any("5 input(s) from 3 file(s)" in line for line in notes), notes
    skipped = next(line for line in notes if "JSON file(s) that hold no report" in line)
    assert "skipped 2 JSON file(s)" in skipped and "package.json" in skipped and "crawl.zip!meta.json" in skipped
    assert "analysed 5 report(s)" in run.stdout
    written = sorted(path.stem for path in (tmp_path / "out" / "reports").glob("*.json"))
    assert written == sorted(["list_0", "list_1", "one", "page_0", "page_1"]), written
