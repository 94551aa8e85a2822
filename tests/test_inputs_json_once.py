"""A `.json` file of one report is decoded and parsed once when it is listed and read in one process: its reader
is handed the value its listing parsed (`nlp.inputarchives.listed_reader`), and reads what reading the file gives.
The responses are made by `tests.damage.json_api` from the project's own example report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nlp.inputs import Input, iter_inputs, read_input
from nlp.read import jsontext
from nlp.structure import read_report
from tests.damage import json_api

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = (REPO / "examples" / "qinghe_culture_tourism_2023.txt").read_text(encoding="utf-8")
OTHER = EXAMPLE.replace("青禾县", "青山县").replace("2023", "2022")


@pytest.fixture
def parses(monkeypatch):
    """How many times a JSON text is parsed (`nlp.read.jsontext.parse_json`, which every JSON reader goes through)."""
    count = [0]
    original = jsontext.parse_json

    def counting(text, name):
        count[0] += 1
        return original(text, name)

    monkeypatch.setattr(jsontext, "parse_json", counting)
    return count


def _shape(report):
    return report.doc_id, report.source, [(p.kind, p.section, p.text) for p in report.paragraphs]


def _one(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.json").write_bytes(data)
    return folder


def test_a_listed_report_is_parsed_once_and_read_as_the_file_reads(tmp_path, parses):
    folder = _one(tmp_path, json_api(EXAMPLE))
    [item] = list(iter_inputs([folder]))
    assert parses[0] == 1  # the listing parsed it to tell what it holds
    report = read_input(item)
    assert parses[0] == 1  # not again
    assert _shape(report) == _shape(read_report(folder / "report.json", doc_id=item.doc_id))
    assert parses[0] == 2  # the control: reading the file itself parses it
    assert _shape(read_input(item)) == _shape(report) and parses[0] == 3  # the value is handed on once, then read again


def test_a_file_saved_again_after_its_listing_is_read_as_it_is_now(tmp_path, parses):
    folder = _one(tmp_path, json_api(EXAMPLE))
    [item] = list(iter_inputs([folder]))
    path = folder / "report.json"
    path.write_bytes(json_api(OTHER) + b"\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    report = read_input(item)
    assert "青山县" in "".join(p.text for p in report.paragraphs) and parses[0] == 2


def test_an_input_not_listed_here_reads_its_file(tmp_path, parses):
    folder = _one(tmp_path, json_api(EXAMPLE))
    report = read_input(Input(folder / "report.json", "report"))
    assert parses[0] == 1 and "青禾县" in "".join(p.text for p in report.paragraphs)
