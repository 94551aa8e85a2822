""".docx files as offices leave them mid-edit (`nlp.read.runtext`): tracked changes not yet accepted, comments,
inline content controls, smart tags and fields. The text read is the document with every change accepted.

The damage is made from the 31 whole crawled reports of ../shared: each line a Word paragraph, the second half of
every other paragraph a tracked insertion, a tracked deletion put into every third, a comment on every fourth.
"""

from __future__ import annotations

import copy
import io
import json
from functools import cache

from nlp.read import read_bytes
from tests.conftest import shared_path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REVISION = {f"{{{W}}}id": "1", f"{{{W}}}author": "审核人", f"{{{W}}}date": "2025-01-10T09:30:00Z"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _run(text: str, tag: str = "t"):
    from lxml import etree

    run = etree.Element(_w("r"))
    etree.SubElement(run, _w(tag)).text = text
    return run


def _wrapped(tag: str, *children, **attributes):
    from lxml import etree

    element = etree.Element(_w(tag), {**_REVISION, **attributes} if tag in ("ins", "del", "moveTo", "moveFrom") else attributes)
    for child in children:
        element.append(child)
    return element


def _docx(paragraphs: list[list]) -> bytes:
    """A .docx whose paragraphs hold the given children (runs and what wraps them)."""
    import docx

    document = docx.Document()
    for children in paragraphs:
        paragraph = document.add_paragraph()._p
        for child in children:
            paragraph.append(copy.deepcopy(child))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_every_kind_of_wrapped_run_is_read_and_removed_runs_are_not():
    paragraphs = [
        [_run("全年共收到政府信息公开申请"), _wrapped("del", _run("19", "delText")), _wrapped("ins", _run("21")), _run("件。")],
        [_run("公开指南"), _wrapped("moveFrom", _run("（旧位置）")), _wrapped("moveTo", _run("已更新")), _run("。")],
        [_wrapped("sdt", _wrapped("sdtContent", _run("某省水利厅")))],
        [_wrapped("smartTag", _run("2023年")), _run("报告"), _wrapped("fldSimple", _run("第1页"), **{_w("instr"): "PAGE"})],
        [_run("一"), _run("\t", "tab"), _run("二"), _wrapped("r", _wrapped("br", **{_w("type"): "page"})), _run("三")],
        [_wrapped("del", _run("整段删除的旧文字。", "delText"))],
    ]
    lines = [line for line in read_bytes(_docx(paragraphs), "r.docx").split("\n") if line.strip()]
    assert lines == ["全年共收到政府信息公开申请21件。", "公开指南已更新。", "某省水利厅", "2023年报告第1页", "一\t二三"]


@cache
def _reports() -> dict[str, list[str]]:
    reports: dict[str, list[str]] = {}
    with shared_path("corpus", "full_reports.jsonl").open(encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            reports[record["doc_id"]] = [line.strip() for line in record["text"].split("\n") if line.strip()]
    return reports


def _mid_edit(lines: list[str]) -> bytes:
    paragraphs = []
    for index, line in enumerate(lines):
        half = len(line) // 2
        children = [_run(line[:half]), _wrapped("ins", _run(line[half:]))] if index % 2 and half else [_run(line)]
        if index % 3 == 0:
            children.insert(1 if len(children) > 1 else 0, _wrapped("del", _run("（已删去的旧文字）", "delText")))
        if index % 4 == 0:
            children = [_wrapped("commentRangeStart"), *children, _wrapped("commentRangeEnd"), _run("", "t")]
        paragraphs.append(children)
    return _docx(paragraphs)


def test_reports_mid_edit_read_as_their_accepted_text():
    shared_path("corpus", "full_reports.jsonl")
    differing = []
    for doc_id, lines in _reports().items():
        read = [line for line in read_bytes(_mid_edit(lines), f"{doc_id}.docx").split("\n") if line.strip()]
        if read != lines:
            differing.append(doc_id)
    assert len(_reports()) == 31
    assert not differing
