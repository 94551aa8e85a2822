"""`govreport tables` and `govreport check` on files written here."""

from __future__ import annotations

import csv
import json

import pytest
from table_samples import random_values, render_report

from nlp.cli import main


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_2021.txt").write_text(render_report("2021", random_values("2021", 1), "tab"), encoding="utf-8")
    (folder / "good_2019.txt").write_text(render_report("2019", random_values("2019", 2), "docx"), encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    return folder


def test_tables_writes_one_json_line_per_report_and_an_error_record(reports, tmp_path, capsys):
    out = tmp_path / "out" / "tables.jsonl"
    assert main(["tables", str(reports), "--output", str(out)]) == 1  # one file could not be read
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["doc_id"]: r for r in records}
    assert set(by_id) == {"good_2021", "good_2019", "broken"}
    assert "error" in by_id["broken"]
    good = by_id["good_2021"]
    assert good["template"] == "2021" and len(good["cells"]) == 200
    assert set(good["cells"][0]) == {"table", "row", "col", "value"}
    assert {f["status"] for f in good["findings"]} <= {"pass", "fail", "uncertain", "not_assessable"}
    assert good["warnings"] == []
    assert "broken.pdf" in capsys.readouterr().err


def test_tables_csv_and_xlsx_are_tidy_with_doc_id_first(reports, tmp_path):
    csv_path = tmp_path / "cells.csv"
    main(["tables", str(reports / "good_2019.txt"), str(reports / "good_2021.txt"), "-o", str(csv_path)])
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark, for Excel
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8-sig")))
    assert list(rows[0]) == ["doc_id", "table", "row", "col", "value", "template", "table_label", "row_label", "col_label"]
    assert len(rows) == 198 + 200 and {r["doc_id"] for r in rows} == {"good_2019", "good_2021"}

    import openpyxl

    xlsx_path = tmp_path / "cells.xlsx"
    assert main(["tables", str(reports / "good_2021.txt"), "-o", str(xlsx_path)]) == 0
    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames[:3] == ["cells", "findings", "warnings"]
    header = [c.value for c in book["cells"][1]]
    assert header == ["doc_id", "table", "row", "col", "value", "template", "table_label", "row_label", "col_label"] and book["cells"].max_row == 201
    # Keys in their own columns; the template's words beside them; the header row frozen.
    sheet = book["cells"]
    assert sheet.freeze_panes == "A2"
    pairs = {(row[2], row[7]) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert ("new_received", "一、本年新收") in pairs and ("denied_third_party", "不予公开 4. 保护第三方合法权益") in pairs


def test_tables_to_standard_output_and_refusals(reports, capsys):
    assert main(["tables", str(reports / "good_2021.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["doc_id"] == "good_2021"
    assert main(["tables", str(reports / "good_2021.txt"), "--format", "xlsx"]) == 2
    target = reports / "good_2021.txt"
    assert main(["tables", str(target), "-o", str(target)]) == 2  # never overwrite an input
    assert target.read_text(encoding="utf-8").startswith("示例县")


def test_check_prints_findings_and_exits_by_the_rules(reports, tmp_path, capsys):
    assert main(["check", str(reports / "good_2021.txt")]) == 0
    assert "0 report(s) with failures" in capsys.readouterr().out

    values = random_values("2021", 1)
    values[("review_litigation", "review", "total")] += 1
    bad = tmp_path / "bad.txt"
    bad.write_text(render_report("2021", values, "tab"), encoding="utf-8")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "review_litigation.row_total.review" in out and "[report]" in out

    audit_only = tmp_path / "audit.txt"
    audit_only.write_text(render_report("2021", random_values("2021", 1), "tab").replace("推进政务公开工作", "推进政务公开公开工作"), encoding="utf-8")
    assert main(["check", str(audit_only)]) == 0
    assert main(["check", "--strict", str(audit_only)]) == 1
    assert main(["check", "--all", str(audit_only)]) == 0
    assert "PASS" in capsys.readouterr().out


def test_check_counts_unreadable_files(reports, capsys):
    assert main(["check", str(reports)]) == 1
    assert "unreadable" in capsys.readouterr().out
