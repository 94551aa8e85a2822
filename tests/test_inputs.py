"""The one input layer: files, folders and JSON Lines → Report | InputFailure, in order, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from nlp.inputs import InputFailure, failure, read_inputs
from nlp.report import Report

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "qinghe_culture_tourism_2023.txt"


def test_files_folders_and_json_lines_in_order_with_failures_in_place(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4 cut short")
    lines = [
        json.dumps({"doc_id": "c", "text": text, "agency": "某某局", "year": 2021}, ensure_ascii=False),
        "{not json",
        json.dumps({"doc_id": "e", "body": text}, ensure_ascii=False),
    ]
    (folder / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([folder]))
    assert [type(item).__name__ for item in items] == ["Report", "InputFailure", "Report", "InputFailure", "InputFailure"]
    first, pdf, line_report, bad_json, no_text = items
    assert first.doc_id == "a" and first.narrative()
    assert pdf.doc_id == "b" and "b.pdf" in pdf.error
    # A record's own agency and year stand over what the text says.
    assert (line_report.doc_id, line_report.agency, line_report.year) == ("c", "某某局", 2021)
    assert bad_json.source.endswith("d.jsonl:2") and no_text.doc_id == "e" and "'text'" in no_text.error
    assert pdf.error_record() == {"source": str(folder / "b.pdf"), "doc_id": "b", "error": pdf.error}


def test_json_lines_are_plain_files_where_not_asked_for(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"doc_id": "c", "text": "x"}) + "\n", encoding="utf-8")
    assert list(read_inputs([tmp_path], jsonl=False)) == []


def test_a_bug_is_reported_as_one_naming_the_file():
    bug = failure("some/report.txt", KeyError("x"))
    assert isinstance(bug, InputFailure) and "internal error" in bug.error and "some/report.txt" in bug.error
    assert bug.doc_id == "report"
    assert not isinstance(bug, Report)
