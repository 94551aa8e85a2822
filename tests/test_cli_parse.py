"""`govreport parse` end to end: JSON shape, a batch with bad files, atomic outputs."""

from __future__ import annotations

import json
from pathlib import Path

from makers import write_docx

from nlp.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "qinghe_culture_tourism_2023.txt"


def test_parse_example_to_folder(tmp_path):
    assert main(["parse", str(EXAMPLE), "--output", str(tmp_path / "out")]) == 0
    document = json.loads((tmp_path / "out" / "qinghe_culture_tourism_2023.json").read_text(encoding="utf-8"))
    assert set(document) >= {"doc_id", "source", "title", "agency", "year", "sections", "warnings"}
    assert document["doc_id"] == "qinghe_culture_tourism_2023"
    assert document["agency"] == "青禾县文化和旅游局" and document["year"] == 2023
    keys = [s["key"] for s in document["sections"]]
    assert keys == ["extra", "overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters"]
    paragraph = document["sections"][1]["paragraphs"][1]
    assert set(paragraph) >= {"index", "kind", "text", "start", "end"}
    source = EXAMPLE.read_text(encoding="utf-8")
    assert source[paragraph["start"] : paragraph["end"]] == paragraph["text"]


def test_batch_with_bad_files_writes_all_good_ones_and_fails(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="gb18030")
    write_docx(EXAMPLE.read_text(encoding="utf-8"), inputs / "good2.docx")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "photo.pdf").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    (inputs / "noheadings.txt").write_text("只有一段话，没有任何标题。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["parse", str(inputs), "--output", str(out)]) == 1
    assert (out / "good.json").exists() and (out / "good2.json").exists()
    assert (out / "noheadings.json").exists()  # written, but counted as a failure
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["doc_id"] for e in errors} == {"empty", "photo", "noheadings"}
    stderr = capsys.readouterr().err
    assert "empty.txt: empty file" in stderr and "JPEG" in stderr
    assert not list(out.glob(".*.tmp"))  # no temporary files left behind


def test_parse_to_jsonl_file(tmp_path):
    target = tmp_path / "all.jsonl"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(EXAMPLE.read_bytes())
    # The same file named twice is read once.
    assert main(["parse", str(EXAMPLE), str(copy), str(EXAMPLE), "--output", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["title"] == "青禾县文化和旅游局2023年政府信息公开工作年度报告"
    assert [json.loads(line)["doc_id"] for line in lines] == [EXAMPLE.stem, "copy"]


def test_hostile_file_names_stay_inside_the_output_folder(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = inputs / "x..%2F..%2F escape;rm.txt"
    hostile.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "deep" / "out"
    assert main(["parse", str(inputs), "--output", str(out)]) == 0
    written = list(out.iterdir())
    assert len(written) == 1 and written[0].parent == out


def test_safe_join_never_escapes():
    from nlp.files import safe_join

    for name in ["../../etc/passwd", "..", "/abs/path", "a/../../b", "报告 2023.json"]:
        target = safe_join("/tmp/out", name)
        assert target.parent == Path("/tmp/out").resolve()
    assert safe_join("/tmp/out", "../../etc/passwd").name == "etc_passwd"


def test_parse_clears_temporaries_of_a_killed_run_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale_in_folder = out / ".qinghe_culture_tourism_2023.json.a1B2c3D4.tmp"
    stale_in_folder.write_text("{half", encoding="utf-8")
    beside = tmp_path / "beside"
    beside.mkdir()
    stale_of_file = beside / ".all.jsonl.Zz9_yY8x.tmp"
    stale_of_file.write_text("{half", encoding="utf-8")
    users_files = [beside / ".notes.md.abcdefgh.tmp", beside / ".all.jsonl.tmp", beside / "all.jsonl.bak"]
    for path in users_files:
        path.write_text("keep", encoding="utf-8")
    assert main(["parse", str(EXAMPLE), "--output", str(out)]) == 0
    assert not stale_in_folder.exists() and (out / "qinghe_culture_tourism_2023.json").exists()
    assert main(["parse", str(EXAMPLE), "--output", str(beside / "all.jsonl")]) == 0
    assert not stale_of_file.exists() and (beside / "all.jsonl").exists()
    assert all(path.read_text(encoding="utf-8") == "keep" for path in users_files)
