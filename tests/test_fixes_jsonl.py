"""A JSON Lines file of whole reports is one report a line in every command that takes reports,
`analyze` included (its batch, `--jobs 2` and `--resume`), through `nlp.inputs.iter_inputs` / `read_input`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.batch import map_reports
from nlp.cli import main
from nlp.inputs import InputFailure, iter_inputs, read_input, read_inputs
from nlp.read import ReadLimits
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "qinghe_culture_tourism_2023.txt"


def _text(agency: str, year: int) -> str:
    """The bundled example, as another agency's report of another year."""
    text = EXAMPLE.read_text(encoding="utf-8")
    return text.replace("青禾县文化和旅游局", agency).replace("2023", str(year))


def _jsonl(path: Path, lines: list[object]) -> Path:
    rows = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def reports_jsonl(tmp_path) -> Path:
    return _jsonl(
        tmp_path / "reports.jsonl",
        [
            {"doc_id": "east_2022", "text": _text("东坡县农业农村局", 2022), "agency": "东坡县农业农村局", "year": 2022, "url": "http://example.gov.cn/1"},
            "",  # a blank line is no report and no error
            {"text": _text("西岭县民政局", 2023), "title": "西岭县民政局2023年政府信息公开工作年度报告"},
            "{cut short",
            {"doc_id": "east_2023", "text": _text("东坡县农业农村局", 2023)},
        ],
    )


def test_each_line_is_an_input_with_its_own_id_and_the_bad_line_fails_alone(reports_jsonl):
    items = list(iter_inputs([reports_jsonl]))
    assert [(i.doc_id, i.line) for i in items] == [("east_2022", 1), ("reports-3", 3), ("reports-4", 4), ("east_2023", 5)]
    outcomes = [read_input(item) for item in items]
    east, west, bad, east_next = outcomes
    assert isinstance(bad, InputFailure) and bad.source == f"{reports_jsonl}:4" and "not valid JSON" in bad.error
    assert bad.error.startswith(f"{reports_jsonl}:4:")
    assert (east.doc_id, east.agency, east.year, east.page_fields.get("url")) == ("east_2022", "东坡县农业农村局", 2022, "http://example.gov.cn/1")
    assert east.source == f"{reports_jsonl}:1" and east.narrative()
    assert west.title == "西岭县民政局2023年政府信息公开工作年度报告" and west.year == 2023
    assert east_next.doc_id == "east_2023" and east_next.agency == "东坡县农业农村局" and east_next.year == 2023
    # The same as reading the whole file at once.
    assert [getattr(o, "doc_id", None) for o in read_inputs([reports_jsonl])] == [i.doc_id for i in items]


def test_lines_are_found_again_by_offset_with_a_byte_order_mark_and_non_ascii_text(tmp_path):
    path = tmp_path / "bom.jsonl"
    rows = [json.dumps({"doc_id": f"r{n}", "text": _text(f"第{n}街道办事处", 2020 + n)}, ensure_ascii=False) for n in range(3)]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8"))
    reports = [read_input(item) for item in iter_inputs([path])]
    assert [r.doc_id for r in reports] == ["r0", "r1", "r2"]
    assert [r.year for r in reports] == [2020, 2021, 2022]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[1, 2]", "a JSON object is expected"),
        (json.dumps({"doc_id": "x", "body": "…"}), "'text'"),
        (json.dumps({"doc_id": "x", "para_index": 3, "text": "一段话。"}), "a paragraph record"),
        ('{"doc_id": "x", "text": "\xff\xfe"}', "not UTF-8"),
    ],
)
def test_what_is_wrong_with_a_line_is_said_naming_the_line(tmp_path, line, reason):
    path = tmp_path / "one.jsonl"
    good = json.dumps({"doc_id": "good", "text": _text("南湖区财政局", 2024)}, ensure_ascii=False)
    data = (good + "\n").encode("utf-8") + (line.encode("latin-1") if "\xff" in line else line.encode("utf-8")) + b"\n"
    path.write_bytes(data)
    first, second = [read_input(item) for item in iter_inputs([path])]
    assert first.doc_id == "good"
    assert isinstance(second, InputFailure) and reason in second.error and f"{path}:2" in second.error


def test_a_line_over_the_read_limits_is_refused_alone(tmp_path):
    path = _jsonl(tmp_path / "big.jsonl", [{"doc_id": "small", "text": "短"}, {"doc_id": "big", "text": "长" * 5000}])
    small, big = [read_input(item, ReadLimits(max_chars=4000)) for item in iter_inputs([path])]
    assert not isinstance(small, InputFailure)
    assert isinstance(big, InputFailure) and "max_chars" in big.error and big.doc_id == "big"
    small, big = [read_input(item, ReadLimits(max_bytes=2000)) for item in iter_inputs([path])]
    assert not isinstance(small, InputFailure) and isinstance(big, InputFailure) and "max_bytes" in big.error


def test_ids_shared_between_inputs_stay_distinct(tmp_path):
    (tmp_path / "east_2022.txt").write_text(_text("东坡县农业农村局", 2022), encoding="utf-8")
    path = _jsonl(tmp_path / "more.jsonl", [{"doc_id": "east_2022", "text": "一"}, {"doc_id": "solo", "text": "二"}, {"doc_id": "solo", "text": "三"}])
    ids = [item.doc_id for item in iter_inputs([tmp_path])]
    assert ids == ["east_2022", "east_2022@more.jsonl:1", "solo@more.jsonl:2", "solo@more.jsonl:3"]
    assert len({item.doc_id for item in iter_inputs([tmp_path / "east_2022.txt", path])}) == 4


def test_map_reports_gives_one_outcome_a_line(reports_jsonl):
    outcomes = list(map_reports([reports_jsonl], lambda report: (report.doc_id, report.agency)))
    assert [o.value[0] if o.ok else None for o in outcomes] == ["east_2022", "reports-3", None, "east_2023"]
    failed = outcomes[2]
    assert str(failed.path) == f"{reports_jsonl}:4" and failed.error_record()["doc_id"] == "reports-4"


def test_parse_and_tables_write_one_record_a_line(reports_jsonl, tmp_path, capsys):
    folder = tmp_path / "parsed"
    assert main(["parse", str(reports_jsonl), "--output", str(folder)]) == 1  # the bad line
    assert sorted(p.name for p in folder.glob("*.json")) == ["east_2022.json", "east_2023.json", "reports-3.json"]
    errors = [json.loads(line) for line in (folder / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["source"], e["doc_id"]) for e in errors] == [(f"{reports_jsonl}:4", "reports-4")]
    tables = tmp_path / "tables.jsonl"
    assert main(["tables", str(reports_jsonl), "--output", str(tables)]) == 1
    records = [json.loads(line) for line in tables.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["east_2022", "reports-3", "east_2023", "reports-4"]
    assert all(r["cells"] for r in records[:3]) and "error" in records[3]
    capsys.readouterr()


def _errors(output: Path) -> list[dict]:
    return [json.loads(line) for line in (output / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def test_analyze_gives_one_report_a_line_in_parallel_and_on_resume(reports_jsonl, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        output = tmp_path / f"out{jobs}"
        assert main(["analyze", str(reports_jsonl), "--output", str(output), "--quiet", "--jobs", jobs]) == 1
        outputs[jobs] = output
        assert sorted(p.stem for p in (output / "reports").glob("*.json")) == ["east_2022", "east_2023", "reports-3"]
        assert [(e["source"], e["doc_id"]) for e in _errors(output)] == [(f"{reports_jsonl}:4", "reports-4")]
        assert "not valid JSON" in _errors(output)[0]["error"]
        east = json.loads((output / "reports" / "east_2023.json").read_text(encoding="utf-8"))
        assert east["doc_id"] == "east_2023" and east["source"] == f"{reports_jsonl}:5"
    one, two = ((outputs[j] / "summary.csv").read_text(encoding="utf-8") for j in ("1", "2"))
    assert one == two
    # The same agency's two years, both from lines of the file, are found as one agency's years.
    east = json.loads((outputs["1"] / "reports" / "east_2023.json").read_text(encoding="utf-8"))
    assert east["years"]["previous"] == "east_2022" and east["yoy_previous"]
    # Resumed, the finished lines are not redone (pass 1 notes each report it analyses in
    # .finished.jsonl, read on --resume); a line fixed since is read again.
    first = outputs["1"]
    finished = first / ".finished.jsonl"
    before = finished.read_text(encoding="utf-8").splitlines()
    assert len(before) == 3
    text = reports_jsonl.read_text(encoding="utf-8").replace("{cut short", json.dumps({"doc_id": "fixed", "text": _text("北山镇人民政府", 2023)}, ensure_ascii=False))
    reports_jsonl.write_text(text, encoding="utf-8")
    assert main(["analyze", str(reports_jsonl), "--output", str(first), "--quiet", "--resume"]) == 0
    after = finished.read_text(encoding="utf-8").splitlines()
    # The run ends by writing the file anew in input order: the fixed line 4 before line 5.
    assert set(before) < set(after) and len(after) == 4 and json.loads(after[2])[1] == "fixed"
    assert (first / "reports" / "fixed.json").is_file() and not _errors(first)


def test_the_shared_corpus_is_one_report_a_record():
    corpus = shared_path("corpus", "full_reports.jsonl")
    if not corpus.is_file():
        pytest.skip("../shared/corpus/full_reports.jsonl is absent")
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    outcomes = list(map_reports([corpus], lambda report: (report.doc_id, report.agency, report.year)))
    assert [o.value[0] for o in outcomes if o.ok] == [r["doc_id"] for r in records]
    assert [o.value[1:] for o in outcomes] == [(r["agency"], r["year"]) for r in records]


def test_an_over_long_line_is_listed_and_refused_without_losing_the_next(tmp_path):
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"doc_id": "long", "text": "长" * 3000}, ensure_ascii=False)
    rows = [json.dumps({"doc_id": "before", "text": "一"}), long_line, json.dumps({"doc_id": "after", "text": "二"})]
    path.write_text("\n".join(rows), encoding="utf-8")  # no newline after the last line
    limits = ReadLimits(max_bytes=4000)
    items = list(iter_inputs([path], limits=limits))
    assert [(i.doc_id, i.line) for i in items] == [("before", 1), ("long-2", 2), ("after", 3)]
    outcomes = [read_input(item, limits) for item in items]
    assert [o.doc_id for o in outcomes] == ["before", "long-2", "after"]
    assert isinstance(outcomes[1], InputFailure) and "max_bytes" in outcomes[1].error
    assert not isinstance(outcomes[2], InputFailure)
    # Within the default limits the same line is a report with its own id.
    assert [i.doc_id for i in iter_inputs([path])] == ["before", "long", "after"]
