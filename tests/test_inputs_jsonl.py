"""One input layer for every command: a JSON Lines file holds whole reports or paragraph records,
decided per file by evidence (or by `--jsonl`), read within the same limits, failing line by line.

Reports are made here from the project's example (renamed, flattened, damaged); shared data is read
through ../shared and only copied into the test's temporary folder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nlp.cli import main
from nlp.errors import ReadError
from nlp.inputs import InputFailure, ParagraphRecords, read_sources
from nlp.jsonl import SAMPLE_RECORDS, file_kind, gather_evidence
from nlp.read import ReadLimits
from nlp.report import Report
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"
PARAGRAPHS = [
    "本机关高度重视政府信息公开工作，不断完善工作机制，明确责任分工。",
    "全年主动公开政府信息312条，其中政策解读21篇，回应社会关切15次。",
    "下一步，我局将进一步加强业务培训，提升公开质量和实效。",
]


def _text(agency: str, year: int) -> str:
    """The bundled example, as another agency's report of another year."""
    return EXAMPLE.read_text(encoding="utf-8").replace("青禾县文化和旅游局", agency).replace("2023", str(year))


REPORTS = {
    "east_2022": _text("东山县文化和旅游局", 2022),
    "east_2023": _text("东山县文化和旅游局", 2023),
    "west_2023": _text("西河县教育局", 2023),
}


def _jsonl(path: Path, lines: list[object]) -> Path:
    rows = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _as_files(tmp_path: Path, texts: dict[str, str]) -> tuple[Path, Path]:
    """The same reports as a JSON Lines file of whole reports and as a folder of .txt files, in the
    same order (a folder is read sorted by name)."""
    texts = dict(sorted(texts.items()))
    folder = tmp_path / "txt"
    folder.mkdir()
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    lines = _jsonl(tmp_path / "reports.jsonl", [{"doc_id": doc_id, "text": text} for doc_id, text in texts.items()])
    return lines, folder


def _paragraph_records(doc_id: str = "r1") -> list[dict]:
    records = [{"doc_id": doc_id, "para_index": 0, "kind": "heading", "text": "五、存在的主要问题及改进情况"}]
    records += [{"doc_id": doc_id, "para_index": i + 1, "kind": "narrative", "text": text} for i, text in enumerate(PARAGRAPHS)]
    return records


def _without(record: dict, *keys: str) -> dict:
    return {k: v for k, v in record.items() if k not in keys}


# -- what a file holds -------------------------------------------------------------------------


def test_reports_and_paragraph_records_are_told_apart(tmp_path):
    reports, _ = _as_files(tmp_path, REPORTS)
    assert file_kind(reports) == "reports"
    marked = _jsonl(tmp_path / "marked.jsonl", _paragraph_records())
    assert file_kind(marked) == "paragraphs"
    # Without any paragraph field, short one-line texts are still paragraphs, not reports of one line.
    bare = _jsonl(tmp_path / "bare.jsonl", [{"text": text} for text in PARAGRAPHS])
    assert file_kind(bare) == "paragraphs"
    # A page flattened to one line is still a whole report: a template heading stands inside it.
    flat = _jsonl(tmp_path / "flat.jsonl", [{"doc_id": d, "text": t.replace("\n", " ")} for d, t in REPORTS.items()])
    assert gather_evidence(flat).reports == len(REPORTS) and file_kind(flat) == "reports"
    # The user's word stands over the evidence.
    assert file_kind(marked, "reports") == "reports" and file_kind(reports, "paragraphs") == "paragraphs"
    with pytest.raises(ValueError, match="jsonl mode"):
        file_kind(reports, "report")


@pytest.mark.parametrize(
    "damage, words",
    [
        # a file of paragraphs with a whole report appended
        (lambda: [*_paragraph_records(), {"doc_id": "x", "text": REPORTS["east_2022"]}], "mixed JSON Lines"),
        # whole reports that share their doc_ids, as paragraphs of one report would
        (lambda: [{"doc_id": "same", "text": t} for t in REPORTS.values()], "share their doc_id"),
        # as many whole reports as short texts, with nothing to say which they are
        (lambda: [{"doc_id": f"d{i}", "text": t} for i, t in enumerate([*REPORTS.values(), *PARAGRAPHS])], "unclear JSON Lines"),
    ],
)
def test_mixed_or_unclear_files_are_refused_naming_the_file_and_the_flag(tmp_path, damage, words):
    path = _jsonl(tmp_path / "odd.jsonl", damage())
    with pytest.raises(ReadError, match=words) as caught:
        file_kind(path)
    assert str(path) in str(caught.value) and "--jsonl reports" in str(caught.value)
    # Through the input layer: one failure naming the file, and the other inputs are read.
    other = tmp_path / "other.txt"
    other.write_text(REPORTS["west_2023"], encoding="utf-8")
    items = list(read_sources([path, other]))
    assert [type(item).__name__ for item in items] == ["InputFailure", "Report"]
    assert items[0].source == str(path) and words in items[0].error and items[0].doc_id == "odd"


def test_shared_reports_and_labels_are_told_apart_and_so_is_their_damage(tmp_path):
    pages, labels = shared_path("corpus", "pages_dev.jsonl"), shared_path("labels", "dev.jsonl")
    assert file_kind(pages) == "reports" and file_kind(labels) == "paragraphs"
    assert file_kind(shared_path("corpus", "full_reports.jsonl")) == "reports"
    page_lines = pages.read_text(encoding="utf-8").splitlines()[:40]
    label_lines = labels.read_text(encoding="utf-8").splitlines()[:40]
    # Pages flattened to one line each (their line breaks lost): still reports.
    flat = [json.dumps({**json.loads(line), "text": json.loads(line)["text"].replace("\n", " ")}, ensure_ascii=False) for line in page_lines]
    assert file_kind(_jsonl(tmp_path / "flat.jsonl", flat)) == "reports"
    # Labelled units stripped of every field but doc_id and text: still paragraphs.
    stripped = [json.dumps(_without(json.loads(line), "para_index", "kind", "label", "generic", "mixed", "url"), ensure_ascii=False) for line in label_lines]
    assert file_kind(_jsonl(tmp_path / "stripped.jsonl", stripped)) == "paragraphs"
    # Pages and labelled units in one file: refused, whichever comes first.
    for order in (page_lines[:5] + label_lines[:5], label_lines[:5] + page_lines[:5]):
        with pytest.raises(ReadError, match="mixed JSON Lines"):
            file_kind(_jsonl(tmp_path / "both.jsonl", order))


def test_a_line_that_contradicts_the_files_first_records_fails_alone(tmp_path):
    records = [{"doc_id": f"d{i // 4}", "text": PARAGRAPHS[i % 3]} for i in range(SAMPLE_RECORDS + 10)]
    records.append({"doc_id": "late", "text": REPORTS["east_2022"]})  # past the sample: refused when read
    path = _jsonl(tmp_path / "p.jsonl", records)
    items = list(read_sources([path]))
    failures = [item for item in items if isinstance(item, InputFailure)]
    assert len(failures) == 1 and failures[0].source == f"{path}:{len(records)}" and "--jsonl" in failures[0].error
    (kept,) = [item for item in items if isinstance(item, ParagraphRecords)]
    assert kept.records == records[:-1] and kept.lines == list(range(1, len(records)))
    # Said outright, the file is read as the user says: the report is one paragraph record more.
    (whole,) = read_sources([path], jsonl="paragraphs")
    assert isinstance(whole, ParagraphRecords) and whole.records == records


def test_limits_and_bad_lines_are_one_failure_a_line_in_paragraph_files(tmp_path):
    long_text = "本机关依法公开政府信息。" * 40
    path = _jsonl(
        tmp_path / "p.jsonl",
        [*_paragraph_records(), "{cut short", {"doc_id": "r1", "para_index": 9, "text": long_text}, [1, 2], {"doc_id": "r1", "id": 3}],
    )
    items = list(read_sources([path], limits=ReadLimits(max_chars=200)))
    failures = {item.source: item.error for item in items if isinstance(item, InputFailure)}
    assert set(failures) == {f"{path}:5", f"{path}:6", f"{path}:7", f"{path}:8"}
    assert "not valid JSON" in failures[f"{path}:5"] and "max_chars" in failures[f"{path}:6"]
    assert "JSON object" in failures[f"{path}:7"] and "'text'" in failures[f"{path}:8"]
    (records,) = [item for item in items if isinstance(item, ParagraphRecords)]
    assert records.records == _paragraph_records()
    # A line over max_bytes is refused without being held, and the lines after it are read.
    big = _jsonl(tmp_path / "big.jsonl", [{"doc_id": "a", "id": 1, "text": long_text}, {"doc_id": "a", "id": 2, "text": "短"}])
    items = list(read_sources([big], jsonl="paragraphs", limits=ReadLimits(max_bytes=300)))
    assert isinstance(items[0], InputFailure) and "max_bytes" in items[0].error and items[0].source == f"{big}:1"
    assert isinstance(items[1], ParagraphRecords) and items[1].lines == [2]


def test_reports_said_outright_refuse_a_file_of_paragraph_records_once(tmp_path):
    """Every line would be refused as a paragraph record: one failure naming the file (lines that are
    paragraph records among reports fail one by one: see the test of a file of paragraph records below)."""
    path = _jsonl(tmp_path / "p.jsonl", _paragraph_records())
    (item,) = read_sources([path], jsonl="reports")
    assert isinstance(item, InputFailure) and item.source == str(path)
    assert "a file of paragraph records (all 4 have a paragraph key" in item.error


# -- every command: whole reports as JSON Lines give what the same reports give as files -------


def _same_reports(tmp_path: Path) -> tuple[Path, Path]:
    texts = dict(REPORTS)
    try:
        corpus = shared_path("corpus", "full_reports.jsonl")
    except pytest.skip.Exception:
        corpus = None
    if corpus is not None:  # two of the crawled reports too: every number on a line of its own
        for line in corpus.read_text(encoding="utf-8").splitlines()[:2]:
            record = json.loads(line)
            texts[record["doc_id"]] = record["text"]
    return _as_files(tmp_path, texts)


def test_classify_and_suggest_read_reports_jsonl_as_the_same_reports_files(tmp_path):
    lines, folder = _same_reports(tmp_path)
    by_lines, by_files = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["classify", str(lines), "-o", str(by_lines)]) == 0
    assert main(["classify", str(folder), "-o", str(by_files)]) == 0
    from_lines, from_files = _read_jsonl(by_lines), _read_jsonl(by_files)
    assert len(from_lines) > 6 * len(REPORTS)  # paragraphs, not one record a report
    assert {r["source"] for r in from_lines} == {f"{lines}:{n}" for n in range(1, len({r['doc_id'] for r in from_lines}) + 1)}
    assert [_without(r, "source") for r in from_lines] == [_without(r, "source") for r in from_files]
    sheets = []
    for source, name in ((lines, "a.csv"), (folder, "b.csv")):
        assert main(["suggest", str(source), "--n", "12", "-o", str(tmp_path / name)]) == 0
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as handle:
            sheets.append([_without(row, "source") for row in csv.DictReader(handle)])
    assert len(sheets[0]) == 12 and sheets[0] == sheets[1]


def test_boilerplate_reads_reports_jsonl_as_the_same_reports_files(tmp_path):
    lines, folder = _same_reports(tmp_path)
    for level in ("paragraph", "report"):
        outputs = []
        for source, name in ((lines, "a.jsonl"), (folder, "b.jsonl")):
            assert main(["boilerplate", str(source), "--level", level, "-o", str(tmp_path / name)]) == 0
            outputs.append([_without(r, "source") for r in _read_jsonl(tmp_path / name)])
        assert outputs[0] == outputs[1] and len(outputs[0]) >= len(REPORTS)
        assert all(r["boilerplate"] is not None for r in outputs[0])


def test_dupes_and_index_add_read_reports_jsonl_as_the_same_reports_files(tmp_path, capsys):
    lines, folder = _same_reports(tmp_path)
    pairs = []
    for source, name in ((lines, "a"), (folder, "b")):
        assert main(["dupes", str(source), "-o", str(tmp_path / f"{name}.csv"), "--year-over-year", str(tmp_path / f"{name}_yoy.csv")]) == 0
        with open(tmp_path / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
            pairs.append(list(csv.DictReader(handle)))
        assert (tmp_path / f"{name}_yoy.csv").read_bytes() == (tmp_path / "a_yoy.csv").read_bytes()
    assert pairs[0] == pairs[1] and {("east_2022", "east_2023")} <= {(r["doc_a"], r["doc_b"]) for r in pairs[0]}
    told = []
    for source, name in ((lines, "a"), (folder, "b")):
        capsys.readouterr()
        assert main(["index", "add", str(source), "--index", str(tmp_path / f"{name}.sqlite"), "-o", str(tmp_path / f"{name}_i.csv")]) == 0
        told.append([line for line in capsys.readouterr().out.splitlines() if not line.startswith(("index ", "wrote "))])
    assert told[0] == told[1] and len(told[0]) >= len(REPORTS)
    assert (tmp_path / "a_i.csv").read_bytes() == (tmp_path / "b_i.csv").read_bytes()


def test_pages_of_whole_reports_are_classified_paragraph_by_paragraph(tmp_path):
    """../shared/corpus/pages_dev.jsonl (one web page a line) used to be read as one paragraph a page."""
    pages = shared_path("corpus", "pages_dev.jsonl").read_text(encoding="utf-8").splitlines()[:8]
    pages.sort(key=lambda line: json.loads(line)["doc_id"])  # the folder's order
    lines = _jsonl(tmp_path / "pages.jsonl", pages)
    folder = tmp_path / "txt"
    folder.mkdir()
    for page in map(json.loads, pages):
        (folder / f"{page['doc_id']}.txt").write_text(page["text"], encoding="utf-8")
    assert main(["classify", str(lines), "-o", str(tmp_path / "a.jsonl")]) == 0
    assert main(["classify", str(folder), "-o", str(tmp_path / "b.jsonl")]) == 0
    from_lines = _read_jsonl(tmp_path / "a.jsonl")
    assert len(from_lines) > 2 * len(pages) and all("para_index" in r and r["label"] for r in from_lines)
    assert [_without(r, "source") for r in from_lines] == [_without(r, "source") for r in _read_jsonl(tmp_path / "b.jsonl")]


# -- paragraph files: unchanged; mixed and unclear files refused in every command ----------------


def test_paragraph_files_are_kept_line_for_line_whether_said_or_found(tmp_path):
    path = _jsonl(tmp_path / "p.jsonl", [*_paragraph_records("r1"), *_paragraph_records("r2")])
    for mode in ("auto", "paragraphs"):
        output = tmp_path / f"{mode}.jsonl"
        assert main(["classify", str(path), "--jsonl", mode, "-o", str(output)]) == 0
        out = _read_jsonl(output)
        assert [_without(r, "label", "scores") for r in out] == _read_jsonl(path)
        assert [r["label"] is None for r in out] == [r["kind"] != "narrative" for r in out]
    assert (tmp_path / "auto.jsonl").read_bytes() == (tmp_path / "paragraphs.jsonl").read_bytes()
    # Each paragraph's context comes from the heading record above it, per report.
    from nlp.classify.inputs import paragraph_batches

    (batch,) = paragraph_batches([str(path)])
    assert batch.targets == [1, 2, 3, 5, 6, 7]
    assert {paragraph.context.section for paragraph in batch.inputs} == {"problems_improvements"}
    assert main(["boilerplate", str(path), "-o", str(tmp_path / "b.jsonl")]) == 0
    scored, given = _read_jsonl(tmp_path / "b.jsonl"), _read_jsonl(path)
    assert [{k: r[k] for k in g} for r, g in zip(scored, given, strict=True)] == given  # kept, scores added
    assert [r["boilerplate"] is None for r in scored] == [r["kind"] != "narrative" for r in given]


def test_labelled_units_are_read_as_paragraphs_by_every_command(tmp_path):
    """../shared/labels/full_reports.jsonl: units with doc_id/para_index/kind, read as before."""
    units = shared_path("labels", "full_reports.jsonl").read_text(encoding="utf-8").splitlines()[:120]
    path = _jsonl(tmp_path / "units.jsonl", units)
    assert main(["classify", str(path), "-o", str(tmp_path / "c.jsonl")]) == 0
    out, given = _read_jsonl(tmp_path / "c.jsonl"), [json.loads(u) for u in units]
    assert [_without(r, "label", "scores") for r in out] == [_without(g, "label") for g in given]  # its label is the model's now
    assert main(["dupes", str(path), "-o", str(tmp_path / "d.csv")]) == 0
    with open(tmp_path / "d.csv", encoding="utf-8-sig", newline="") as handle:
        numbers = {json.loads(u)["para_index"] for u in units}
        assert all(int(row["para_a"]) in numbers for row in csv.DictReader(handle))


@pytest.mark.parametrize(
    "command",
    [
        ["classify", "-o", "out.jsonl"],
        ["suggest", "-o", "out.csv"],
        ["boilerplate", "-o", "out.jsonl"],
        ["dupes", "-o", "out.csv"],
        ["index", "add", "--index", "i.sqlite"],
    ],
)
def test_every_command_refuses_a_mixed_file_in_one_error_and_reads_the_rest(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    mixed = _jsonl(tmp_path / "mixed.jsonl", [*_paragraph_records(), {"doc_id": "x", "text": REPORTS["east_2022"]}])
    good = _jsonl(tmp_path / "good.jsonl", [{"doc_id": d, "text": t} for d, t in REPORTS.items()])
    name, rest = (command[:2], command[2:]) if command[0] == "index" else (command[:1], command[1:])
    assert main([*name, str(mixed), str(good), *rest]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("govreport: error: ")]
    assert len(errors) == 1 and "mixed.jsonl" in errors[0] and "--jsonl" in errors[0], err
    # Said outright, the same file is read (a report's text as one more paragraph record).
    assert main([*name, str(mixed), "--jsonl", "paragraphs", *rest] + (["--force"] if name == ["suggest"] else [])) == 0


def test_per_line_limits_hold_in_every_command(tmp_path, capsys):
    long_text = "本机关依法公开政府信息，" * 30
    path = _jsonl(tmp_path / "p.jsonl", [{"doc_id": "a", "id": 1, "text": PARAGRAPHS[0]}, {"doc_id": "a", "id": 2, "text": long_text}])
    commands = [
        ["classify", str(path), "-o", str(tmp_path / "c.jsonl")],
        ["boilerplate", str(path), "-o", str(tmp_path / "b.jsonl")],
        ["dupes", str(path), "-o", str(tmp_path / "d.csv")],
        ["index", "add", str(path), "--index", str(tmp_path / "i.sqlite")],
        ["suggest", str(path), "-o", str(tmp_path / "s.csv")],
    ]
    for command in commands:
        capsys.readouterr()
        assert main([*command, "--max-chars", "100"]) == 1, command
        err = capsys.readouterr().err
        assert f"{path}:2" in err and "max_chars" in err and f"{path}:1" not in err, (command, err)
    assert [r["id"] for r in _read_jsonl(tmp_path / "c.jsonl") if "id" in r] == [1]
    assert [r["id"] for r in _read_jsonl(tmp_path / "b.jsonl") if "id" in r] == [1]
    errors = [r for r in _read_jsonl(tmp_path / "b.jsonl") if "error" in r]
    assert [e["source"] for e in errors] == [f"{path}:2"]


def test_reports_keep_their_types(tmp_path):
    lines, _ = _as_files(tmp_path, {"east_2022": REPORTS["east_2022"]})
    (report,) = read_sources([lines])
    assert isinstance(report, Report) and report.doc_id == "east_2022" and report.source == f"{lines}:1"


@pytest.mark.parametrize("mode", ["auto", "reports", "paragraphs"])
def test_an_empty_json_lines_file_is_one_failure_not_silence(tmp_path, mode):
    from nlp.inputs import iter_inputs, read_inputs

    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    (failed,) = read_sources([empty], jsonl=mode)
    assert isinstance(failed, InputFailure) and failed.source == str(empty) and "empty JSON Lines" in failed.error
    assert [type(item).__name__ for item in read_inputs([empty])] == ["InputFailure"]
    failures: list[InputFailure] = []
    assert list(iter_inputs([empty], failures=failures)) == []  # the batch's listing: nothing to read in it...
    assert [f.source for f in failures] == [str(empty)]  # ...and the failure handed to the batch


def test_analyze_says_an_empty_json_lines_file_failed(tmp_path, capsys):
    """Beside a report, an empty .jsonl is one line of errors.jsonl and exit 1, not passed over."""
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (folder / "empty.jsonl").write_text("", encoding="utf-8")
    assert main(["analyze", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1", "--quiet"]) == 1
    assert "empty.jsonl" in capsys.readouterr().err
    errors = _read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert [Path(e["source"]).name for e in errors] == ["empty.jsonl"] and "empty JSON Lines" in errors[0]["error"]
    assert len(list((tmp_path / "out" / "reports").glob("*.json"))) == 1


def test_a_file_of_paragraph_records_is_one_failure_for_commands_that_read_reports(tmp_path):
    """Every line a paragraph record (para_index/id): one failure naming the file, not one per line;
    a file where only some lines are: those lines fail, the reports are read."""
    from nlp.inputs import iter_inputs, read_inputs

    paragraphs = tmp_path / "units.jsonl"
    paragraphs.write_text(
        "".join(json.dumps({"doc_id": "d1", "para_index": n, "text": f"第{n}段的文字。"}, ensure_ascii=False) + "\n" for n in range(40)),
        encoding="utf-8",
    )
    results = list(read_inputs([paragraphs]))
    assert len(results) == 1 and isinstance(results[0], InputFailure)
    assert "a file of paragraph records" in results[0].error and "all 40" in results[0].error and "line 1 has 'para_index'" in results[0].error
    failures: list[InputFailure] = []
    assert list(iter_inputs([paragraphs], failures=failures)) == [] and len(failures) == 1

    lines, _ = _as_files(tmp_path, {"east_2022": REPORTS["east_2022"]})
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(
        lines.read_text(encoding="utf-8") + json.dumps({"doc_id": "d1", "id": 7, "text": "一段话。"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    results = list(read_inputs([mixed]))
    assert [type(r).__name__ for r in results] == ["Report", "InputFailure"]
    assert results[1].source == f"{mixed}:2" and "paragraph record (it has 'id')" in results[1].error


def test_a_crawlers_page_id_beside_a_whole_report_is_no_paragraph_key(tmp_path):
    """Crawler exports number their pages (`id`): beside a whole report's text that id marks no
    paragraph, so the file is read as reports, whichever way it is asked; an `id` beside a short text
    still marks a paragraph record."""
    from nlp.inputs import read_inputs

    pages = tmp_path / "crawl.jsonl"
    pages.write_text(
        "".join(
            json.dumps({"id": n, "doc_id": name, "text": text}, ensure_ascii=False) + "\n"
            for n, (name, text) in enumerate(sorted(REPORTS.items()), start=1)
        ),
        encoding="utf-8",
    )
    assert file_kind(pages) == "reports"
    for mode in ("auto", "reports"):
        items = list(read_sources([pages], jsonl=mode))
        assert items and all(isinstance(item, Report) for item in items), mode
    assert [r.doc_id for r in read_inputs([pages])] == sorted(REPORTS)

    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps({"id": 1, "doc_id": "a", "text": "一段话。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert file_kind(short) == "paragraphs"
    (failed,) = read_inputs([short])
    assert isinstance(failed, InputFailure) and "'id'" in failed.error
