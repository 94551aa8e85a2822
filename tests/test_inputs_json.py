"""JSON files in a folder of reports, told apart by their content (`nlp.inputarchives.json_inputs`).

A crawl leaves more than reports: a crawler's configuration or metadata, a package.json, an empty results
list, govreport's own results. Such a file holds no article and is skipped (named in the run's note), not an
error; a JSON that looks like an article but is broken (cut short, its body missing) stays an error; a JSON
that lists several articles (an API's page of results) is an input per article (`LIST.json!N`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import nlp
from nlp.inputs import InputFailure, iter_inputs, read_input
from nlp.read import ReadLimits, read_bytes
from nlp.structure import parse_text
from tests.conftest import whole_reports
from tests.damage import LEFTOVER_JSON, json_api, json_list, json_with_related

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = (REPO / "examples" / "qinghe_culture_tourism_2023.txt").read_text(encoding="utf-8")
OTHER = EXAMPLE.replace("青禾县", "青山县").replace("2023", "2022")


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def _results_json() -> bytes:
    """The shape of govreport's own `reports/NAME.json`: its paragraphs hold a report's text."""
    own = {"doc_id": "qinghe", "title": "青禾县文化和旅游局2023年政府信息公开工作年度报告", "sections": [{"paragraphs": [{"text": EXAMPLE}]}], "schema_version": 2}
    return json.dumps(own, ensure_ascii=False).encode("utf-8")


def _alone(data: bytes) -> nlp.Report:
    """A report read from a response that holds only it."""
    return parse_text(read_bytes(data, "alone.json"))


# --- files that hold no report ---------------------------------------------------------------------------------


def test_json_without_an_article_in_a_folder_is_skipped_and_named(tmp_path):
    folder = _folder(tmp_path, {**LEFTOVER_JSON, "own_results.json": _results_json(), "report.json": json_api(EXAMPLE)})
    not_reports: list[tuple[Path, str]] = []
    listed = list(iter_inputs([folder], not_reports=not_reports))
    assert [item.source for item in listed] == [str(folder / "report.json")]
    why = {path.name: reason for path, reason in not_reports}
    assert sorted(why) == sorted([*LEFTOVER_JSON, "own_results.json"])
    assert "fields name, version, scripts.crawl" in why["package.json"]
    assert "content_selector" in why["crawler_config.json"]  # a body-like name without an article's text
    assert "empty" in why["results.json"] and "empty" in why["empty_object.json"]
    assert "own analysis" in why["own_results.json"]
    read = list(nlp.read_inputs([folder]))
    assert [type(item).__name__ for item in read] == ["Report"]  # no error line for any of them


def test_json_without_an_article_named_outright_is_an_error(tmp_path):
    folder = _folder(tmp_path, {"package.json": LEFTOVER_JSON["package.json"], "own.json": _results_json()})
    failures = list(nlp.read_inputs([folder / "package.json", folder / "own.json"]))
    assert [type(item) for item in failures] == [InputFailure, InputFailure]
    assert "no report text" in failures[0].error and "own analysis" in failures[1].error


@pytest.mark.parametrize(
    "content, said",
    [
        (json_api(EXAMPLE)[:3000], "does not parse"),  # cut short, every character escaped (`\\u653f`)
        (json.dumps({"title": "报告", "content": EXAMPLE}, ensure_ascii=False).encode()[:2000], "does not parse"),
        (json.dumps({"title": "青禾县2023年政府信息公开工作年度报告", "content": "<p></p>"}, ensure_ascii=False).encode(), "no report text"),
        (json.dumps({"data": {"title": "年度报告", "content": "一、总体情况"}}, ensure_ascii=False).encode(), "no report text"),
    ],
    ids=["cut_escaped", "cut", "empty_body", "short_body"],
)
def test_json_that_looks_like_an_article_but_is_broken_stays_an_error(tmp_path, content, said):
    folder = _folder(tmp_path, {"broken.json": content})
    not_reports: list[tuple[Path, str]] = []
    read = [read_input(item) for item in iter_inputs([folder], not_reports=not_reports)]
    assert not not_reports
    assert len(read) == 1 and isinstance(read[0], InputFailure) and said in read[0].error


def test_cut_json_without_text_is_no_report(tmp_path):
    folder = _folder(tmp_path, {"config.json": LEFTOVER_JSON["package.json"][:30]})
    not_reports: list[tuple[Path, str]] = []
    assert not list(iter_inputs([folder], not_reports=not_reports))
    assert "does not parse and holds no text" in not_reports[0][1]


# --- a list of several articles --------------------------------------------------------------------------------


@pytest.mark.parametrize("twice", [False, True], ids=["list", "list_encoded_twice"])
def test_each_article_of_a_list_is_an_input_read_as_alone(tmp_path, twice):
    texts = [record["text"] for record in whole_reports()[:6]]
    response = json_list(texts, twice=twice)
    folder = _folder(tmp_path, {"page1.json": response})
    listed = list(iter_inputs([folder]))
    assert [item.source for item in listed] == [f"{folder / 'page1.json'}!{n}" for n in range(len(texts))]
    assert [item.doc_id for item in listed] == [f"page1!{n}" for n in range(len(texts))]
    data = json.loads(response)["data"]
    articles = [article for article in (json.loads(data) if twice else data)["list"] if "content" in article]
    for item, article in zip(listed, articles, strict=True):
        report = read_input(item)
        alone = _alone(json.dumps({"code": 0, "data": article}, ensure_ascii=False).encode())
        assert (report.title, report.section_keys, [p.text for p in report.paragraphs]) == (alone.title, alone.section_keys, [p.text for p in alone.paragraphs])
        assert len(report.section_keys) >= 4 and report.source == item.source


def test_a_list_of_one_article_stays_one_input(tmp_path):
    folder = _folder(tmp_path, {"page.json": json_list([EXAMPLE])})
    listed = list(iter_inputs([folder]))
    assert [(item.source, item.doc_id, item.article) for item in listed] == [(str(folder / "page.json"), "page", None)]
    assert read_input(listed[0]).section_keys == _alone(json_api(EXAMPLE)).section_keys


def test_related_articles_beside_one_article_do_not_make_a_list(tmp_path):
    related = [record["text"] for record in whole_reports()[:3]]
    folder = _folder(tmp_path, {"article.json": json_with_related(EXAMPLE, related)})
    listed = list(iter_inputs([folder]))
    assert [item.article for item in listed] == [None]
    assert read_input(listed[0]).title == _alone(json_api(EXAMPLE)).title


def test_an_article_over_the_limits_fails_alone(tmp_path):
    folder = _folder(tmp_path, {"page.json": json_list([EXAMPLE, EXAMPLE * 4, OTHER])})
    limits = ReadLimits(max_chars=3 * len(EXAMPLE))
    read = [read_input(item, limits) for item in iter_inputs([folder], limits=limits)]
    assert [type(item).__name__ for item in read] == ["Report", "InputFailure", "Report"]
    assert read[1].source == f"{folder / 'page.json'}!1" and "characters" in read[1].error
    assert read[2].year == 2022


# --- the batch -------------------------------------------------------------------------------------------------


def _analyze(tmp_path: Path, folder: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nlp", "analyze", folder, "-o", f"out_{folder}", "--jobs", "1"], cwd=tmp_path, capture_output=True, text=True, timeout=900,
        env=os.environ | {"PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
    )  # fmt: skip


def test_analyze_skips_json_without_an_article_and_reads_each_article(tmp_path):
    files = {**LEFTOVER_JSON, "page.json": json_list([EXAMPLE, OTHER]), "cut.json": json_api(EXAMPLE)[:3000]}
    _folder(tmp_path, files)
    run = _analyze(tmp_path, "in")
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 1  # the cut article
    errors = [json.loads(line) for line in (tmp_path / "out_in" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [error["source"].rsplit("/", 1)[-1] for error in errors] == ["cut.json"]
    assert f"skipped {len(LEFTOVER_JSON)} JSON file(s) that hold no report" in run.stderr and "package.json" in run.stderr
    assert sorted(path.name for path in (tmp_path / "out_in" / "reports").glob("*.json")) == ["page_0.json", "page_1.json"]
    assert "analysed 2 report(s)" in run.stdout

    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "package.json").write_bytes(LEFTOVER_JSON["package.json"])
    run = _analyze(tmp_path, "only")
    assert run.returncode == 1 and "no reports; the JSON files found hold none" in run.stderr
