"""What every command shares: one error format, one exit code per kind of error, no command dropped silently."""

from __future__ import annotations

import json
import sys

import pytest

from nlp.cli import build_parser, main


def test_an_output_over_an_input_is_a_usage_error_in_every_command(tmp_path, capsys):
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"doc_id": "a", "id": 1, "text": "无"}) + "\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n本机关依法公开政府信息。\n", encoding="utf-8")
    sheet = tmp_path / "labels.csv"  # a sheet given back to suggest by mistake
    sheet.write_text("doc_id,text\n", encoding="utf-8")
    commands = [
        ["boilerplate", str(source), "--output", str(source)],
        ["dupes", str(source), "--output", str(source)],
        ["index", "add", str(report), "--index", str(tmp_path / "i.sqlite"), "--output", str(report)],
        ["tables", str(report), "-o", str(report)],
        ["classify", str(source), "--output", str(source)],
        ["suggest", str(sheet), "--output", str(sheet), "--force"],
    ]
    for command in commands:
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith("govreport: error: ") and ("overwrite" in err or "one of the inputs" in err), (command, err)
    assert report.read_text(encoding="utf-8").startswith("一、总体情况")
    assert json.loads(source.read_text(encoding="utf-8"))["text"] == "无"


def test_a_failed_input_exits_1_and_the_others_are_processed(tmp_path, capsys):
    good = tmp_path / "a.jsonl"
    good.write_text(json.dumps({"doc_id": "a", "id": 1, "text": "本机关依法公开政府信息，共计一百件。"}) + "\n", encoding="utf-8")
    bad = tmp_path / "b.pdf"
    bad.write_bytes(b"not a pdf")
    assert main(["dupes", str(good), str(bad), "--output", str(tmp_path / "pairs.csv")]) == 1
    err = capsys.readouterr().err
    assert "govreport: error: " in err and "b.pdf" in err
    assert (tmp_path / "pairs.csv").exists()


def test_a_threshold_out_of_range_is_a_usage_error(tmp_path):
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"doc_id": "a", "id": 1, "text": "无"}) + "\n", encoding="utf-8")
    assert main(["dupes", str(source), "--output", str(tmp_path / "o.csv"), "--threshold", "1.5"]) == 2


def test_a_command_module_that_fails_to_import_is_not_dropped(monkeypatch):
    import nlp.cli as cli

    monkeypatch.setitem(sys.modules, "nlp.cli.broken", None)  # importing it raises ImportError
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "broken"))
    with pytest.raises(ImportError):
        build_parser()


def test_index_and_dupes_are_the_duplicates_command_group():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert {"index", "dupes", "boilerplate", "fit-boilerplate", "analyze", "tables"} <= set(commands)
    import nlp.cli.boilerplate as boilerplate_cli
    import nlp.cli.duplicates as duplicates_cli

    assert not hasattr(boilerplate_cli, "run_dupes") and hasattr(duplicates_cli, "run_dupes")
