"""Reading labelled files (JSONL, CSV, XLSX) and the errors a user's file can cause."""

from __future__ import annotations

import json

import pytest

from nlp.errors import LabelFileError
from nlp.labels import GUIDE_LABELS, check_trainable, labelled_narrative, read_labelled

# Written for these tests (in the style of ANNOTATION.md's examples).
ROWS = [
    {"doc_id": "r1", "para_index": 0, "text": "一、总体情况", "kind": "heading", "label": None},
    {"doc_id": "r1", "para_index": 1, "text": "成立由主任任组长的政务公开工作领导小组。", "kind": "narrative", "label": "organization"},
    {"doc_id": "r1", "para_index": 2, "text": "全年主动公开政府信息312条。", "kind": "narrative", "label": "active_disclosure"},
    {"doc_id": "r2", "para_index": 0, "text": "本年度共收到政府信息公开申请6件。", "kind": "narrative", "label": "application"},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path, header, rows, encoding="utf-8"):
    lines = [",".join(header)] + [",".join(str(v) for v in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_jsonl_in_the_guides_format(tmp_path):
    units = read_labelled([write_jsonl(tmp_path / "a.jsonl", ROWS)])
    assert [u.kind for u in units] == ["heading", "narrative", "narrative", "narrative"]
    assert [u.label for u in labelled_narrative(units)] == ["organization", "active_disclosure", "application"]
    assert units[2].origin.endswith("a.jsonl:3")
    assert check_trainable(units) == {"organization": 1, "active_disclosure": 1, "application": 1}


def test_text_is_normalised_like_reports(tmp_path):
    rows = [{"doc_id": "r1", "text": "政府資訊公開工作領導小組", "label": "organization"}]
    (unit,) = read_labelled([write_jsonl(tmp_path / "t.jsonl", rows)])
    assert unit.text == "政府资讯公开工作领导小组"
    assert unit.kind == "narrative" and unit.para_index == 0


def test_unknown_label_names_the_line(tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        ["doc_id", "para_index", "text", "kind", "label"],
        [["r1", 0, "全年主动公开信息10条。", "narrative", "active_disclosure"], ["r1", 1, "网站改版。", "narrative", "website"]],
    )
    with pytest.raises(LabelFileError, match=r"bad\.csv:3: unknown label 'website'"):
        read_labelled([path])


def test_users_own_label_set_when_they_say_so(tmp_path):
    path = write_csv(tmp_path / "own.csv", ["doc_id", "text", "label"], [["a", "网站改版。", "website"], ["b", "收到申请6件。", "requests"]])
    with pytest.raises(LabelFileError):
        read_labelled([path])
    assert {u.label for u in read_labelled([path], labels=None)} == {"website", "requests"}
    assert len(read_labelled([path], labels=("website", "requests"))) == 2
    with pytest.raises(LabelFileError, match="unknown label 'requests'"):
        read_labelled([path], labels=("website", "other"))


def test_missing_column_is_named(tmp_path):
    path = write_csv(tmp_path / "nolabel.csv", ["doc_id", "para_index", "text"], [["r1", 0, "全年主动公开信息10条。"]])
    with pytest.raises(LabelFileError, match=r"missing column 'label'"):
        read_labelled([path])
    jsonl = write_jsonl(tmp_path / "nodoc.jsonl", [{"text": "收到申请6件。", "label": "application"}])
    with pytest.raises(LabelFileError, match=r"nodoc\.jsonl:1: missing column 'doc_id'"):
        read_labelled([jsonl])


@pytest.mark.parametrize("name,content", [("empty.jsonl", ""), ("blank.jsonl", "\n\n"), ("header.csv", "doc_id,text,label\n")])
def test_empty_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LabelFileError, match="empty"):
        read_labelled([path])


def test_single_class_and_nothing_to_learn(tmp_path):
    one = [{"doc_id": f"r{i}", "text": f"全年主动公开信息{i}条。", "label": "active_disclosure"} for i in range(5)]
    units = read_labelled([write_jsonl(tmp_path / "one.jsonl", one)])
    with pytest.raises(LabelFileError, match="only one class"):
        check_trainable(units)
    headings = [{"doc_id": "r1", "text": "一、总体情况", "kind": "heading", "label": None}]
    with pytest.raises(LabelFileError, match="no labelled narrative"):
        check_trainable(read_labelled([write_jsonl(tmp_path / "h.jsonl", headings)]))


def test_other_malformed_rows(tmp_path):
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text(json.dumps(ROWS[1], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(LabelFileError, match=r"bad\.jsonl:2: not valid JSON"):
        read_labelled([bad_json])
    labelled_heading = [{**ROWS[0], "label": "other"}]
    with pytest.raises(LabelFileError, match="only narrative units carry a label"):
        read_labelled([write_jsonl(tmp_path / "h.jsonl", labelled_heading)])
    with pytest.raises(LabelFileError, match="para_index must be a whole number"):
        read_labelled([write_jsonl(tmp_path / "p.jsonl", [{**ROWS[1], "para_index": "two"}])])
    with pytest.raises(LabelFileError, match="unknown labelled-file type"):
        read_labelled([write_jsonl(tmp_path / "x.txt", ROWS)])
    with pytest.raises(LabelFileError, match="not found"):
        read_labelled([tmp_path / "missing.jsonl"])


def test_csv_from_a_chinese_spreadsheet_program(tmp_path):
    path = write_csv(
        tmp_path / "gbk.csv", ["doc_id", "text", "label"], [["r1", "下一步将进一步加强培训。", "improvement"]], encoding="gb18030"
    )
    (unit,) = read_labelled([path])
    assert unit.text == "下一步将进一步加强培训。" and unit.label == "improvement"


def test_xlsx_with_an_unknown_label_names_the_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["doc_id", "para_index", "text", "kind", "label", "mixed", "generic", "section"])
    sheet.append(["r1", 0, "严格落实先审后发。", "narrative", "info_management", False, True, "overview"])
    sheet.append(["r1", 1, "一是信息公开不够及时。", "narrative", "problem", None, None, "problems_improvements"])
    path = tmp_path / "sheet.xlsx"
    workbook.save(path)
    units = read_labelled([path])
    assert [u.label for u in units] == ["info_management", "problem"]
    assert units[0].generic is True and units[0].section == "overview"
    sheet.append(["r2", 0, "网站改版。", "narrative", "Platform"])
    workbook.save(path)
    with pytest.raises(LabelFileError, match=r"sheet\.xlsx:4: unknown label 'Platform'"):
        read_labelled([path])


def test_the_shared_labelled_file_reads_cleanly(labelled_records, shared):
    units = read_labelled([shared / "labels" / "dev.jsonl"])
    assert len(units) == len(labelled_records)
    counts = check_trainable(units)
    assert set(counts) == set(GUIDE_LABELS)
    assert sum(counts.values()) == sum(1 for r in labelled_records if r["kind"] == "narrative")
