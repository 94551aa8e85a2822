"""Reports as crawlers save them: JSON and JSONP responses, pages whose body sits in a script, zip archives.

The damage suite (tests/test_damage.py) runs every crawled form of tests/damage_crawled.py on the gold
reports (sections and cells); here the 31 whole crawled reports of ../shared go through the forms, a page
whose report is visible must read exactly as before whatever its scripts hold, and bad input is refused
clearly. The project's own example report stands in where no shared data is needed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nlp
from nlp.errors import ReadError, ReadLimitError
from nlp.read import ReadLimits, html_to_text, read_bytes
from nlp.tables.extract import read_tables
from tests.conftest import source_file, whole_reports
from tests.damage import crawled_variants, html_variants, json_api, script_var, zip_of

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = (REPO / "examples" / "qinghe_culture_tourism_2023.txt").read_text(encoding="utf-8")
CRAWLED = crawled_variants()
GOLD_DOCS = ("000_3fbb002993fdb7e6", "002_8775b43b601402e9", "huaian_2024", "sh_kewei_2024", "hongze_2023")


def _sections_and_cells(report) -> tuple[list[str], list[tuple]]:
    cells = sorted((cell.table, cell.row, cell.col, cell.value) for cell in read_tables(report).cells)
    return report.section_keys, cells


# --- every form, read equal to the plain report ----------------------------------------------------------


@pytest.mark.parametrize("form", sorted(CRAWLED))
def test_example_in_every_form_reads_as_plain(form, tmp_path):
    suffix, make = CRAWLED[form]
    path = tmp_path / f"qinghe{suffix}"
    path.write_bytes(make(EXAMPLE))
    plain = nlp.parse_text(EXAMPLE, doc_id="qinghe")
    report = nlp.read_report(path, doc_id="qinghe")
    assert _sections_and_cells(report) == _sections_and_cells(plain)
    assert (report.title, report.agency, report.year) == (plain.title, plain.agency, plain.year)


def test_whole_reports_in_crawled_forms(tmp_path):
    """Each of the 31 whole crawled reports in one form (in turn, so every form meets about three):
    the same sections and the same table cells as the report read from its record."""
    forms = sorted(CRAWLED)
    differ = []
    for index, record in enumerate(whole_reports()):
        form = forms[index % len(forms)]
        suffix, make = CRAWLED[form]
        path = tmp_path / f"{record['doc_id']}{suffix}"
        path.write_bytes(make(record["text"]))
        plain = nlp.parse_text(record["text"], doc_id=record["doc_id"])
        if _sections_and_cells(nlp.read_report(path, doc_id=record["doc_id"])) != _sections_and_cells(plain):
            differ.append((record["doc_id"], form))
    assert not differ, f"read otherwise than the plain record: {differ}"


# --- a page whose report is visible reads as before --------------------------------------------------------

_HTML_ENCODING = re.compile(r"html_(.+?)_(?:no)?charset")


@pytest.mark.parametrize("variant", sorted(html_variants()))
def test_visible_report_unchanged_by_scripts(variant):
    """Every HTML wrapping of the damage suite, with a script holding a copy of the report (a print or
    share script) and a hidden textarea with a short note: read exactly as the page without them."""
    make = html_variants()[variant]
    match = _HTML_ENCODING.match(variant)
    encoding = match.group(1).replace("-sig", "") if match else "utf-8"
    for doc_id in GOLD_DOCS:
        text = nlp.read_text(source_file(doc_id))
        page = make(text)
        decoded = page.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        copy = json.dumps(text).replace("</", "<\\/")
        extra = f"<script>var printText = {copy};</script><textarea style='display:none'>分享到微博</textarea>"
        scripted = decoded.replace("</body>", extra + "</body>").encode(encoding, errors="xmlcharrefreplace")
        if encoding == "utf-16":
            scripted = decoded.replace("</body>", extra + "</body>").encode("utf-16")
        assert read_bytes(scripted, f"{doc_id}.html") == read_bytes(page, f"{doc_id}.html"), (variant, doc_id)


def test_script_string_not_taken_over_a_visible_report():
    """A script string with the report's Chinese under twice the visible text's is left alone."""
    body = "".join(f"<p>{line}</p>" for line in EXAMPLE.splitlines() if line.strip())
    other = json.dumps("这是另一篇文章。" * 200)
    page = f"<html><body>{body}<script>var related = {other};</script></body></html>"
    assert html_to_text(page) == html_to_text(f"<html><body>{body}</body></html>")


# --- script bodies: the shapes a script writes its string in -----------------------------------------------


def test_script_string_escapes_and_joins():
    """`\\u` and `\\x` escapes, `\\'`, `<\\/p>`, strings joined with `+` across lines, in a head script."""
    lines = [line for line in EXAMPLE.splitlines() if line.strip()][:12]
    escaped = " +\n  ".join("'<p>" + "".join(f"\\u{ord(c):04x}" if ord(c) > 127 else c for c in line) + "<\\/p>'" for line in lines)
    page = f"<html><head><script>var articleBody = {escaped};</script></head><body><div id='c'></div><p>页脚</p></body></html>"
    read = html_to_text(page).splitlines()
    assert read[: len(lines)] == lines  # the report where the page draws it: before the footer
    assert read[-1] == "页脚"


def test_json_parse_string_in_script():
    """`JSON.parse('…')` with the article object inside a string: its content field is the body."""
    article = json.dumps({"title": "某标题", "content": "<p>" + "</p><p>".join(EXAMPLE.splitlines()[:20]) + "</p>"}, ensure_ascii=False)
    page = f"<html><body><div id='app'></div><script>var data = JSON.parse({json.dumps(article)});</script></body></html>"
    assert EXAMPLE.splitlines()[0] in html_to_text(page)


# --- JSON: the shapes of responses, and JSON without a report ----------------------------------------------


@pytest.mark.parametrize(
    "wrap",
    [
        lambda body: ")]}',\n" + body,
        lambda body: "callback(" + body + ")",
        lambda body: "typeof cb === 'function' && cb(" + body + ");",
        lambda body: json.dumps(body),  # the whole response encoded as a JSON string
        lambda body: '{"total": 2}\n' + body,  # JSON Lines: a count record, then the article
    ],
    ids=["guard", "jsonp", "jsonp_typeof", "string_of_json", "json_lines"],
)
def test_json_wrappings(wrap):
    response = json.dumps({"data": {"title": EXAMPLE.splitlines()[0], "body": EXAMPLE}}, ensure_ascii=False)
    text = read_bytes(wrap(response).encode("utf-8"), "c.json")
    assert text.startswith("标题：" + EXAMPLE.splitlines()[0])
    assert EXAMPLE.strip() in text


def test_json_paragraph_list_and_epoch_seconds():
    lines = [line for line in EXAMPLE.splitlines() if line.strip()]
    text = read_bytes(json.dumps({"result": {"paragraphs": lines, "pubDate": 1705276800}}).encode(), "c.json")
    assert text.splitlines() == ["发布时间：2024-01-15", *lines]


def test_named_body_preferred_over_larger_page_text():
    """A field named for the body wins over an unnamed string holding a bit more (menus around a copy)."""
    body = "\n".join(EXAMPLE.splitlines()[:30])
    record = {"snapshot": "首页 政务公开 " * 40 + body, "content": body}
    assert read_bytes(json.dumps(record, ensure_ascii=False).encode(), "c.json").strip() == body.strip()


def test_json_without_report_text_is_refused_naming_fields():
    response = {"code": 0, "msg": "成功", "data": {"list": [{"id": 1, "title": "通知"}], "total": 1}}
    with pytest.raises(ReadError, match=r"no report text: fields code, msg, data\.list\[0\]\.id"):
        read_bytes(json.dumps(response, ensure_ascii=False).encode(), "list.json")


def test_json_cut_short_is_refused():
    with pytest.raises(ReadError, match="does not parse.*saved whole"):
        read_bytes(json_api(EXAMPLE)[:5000], "c.json")


def test_own_results_json_is_refused(tmp_path):
    own = {"doc_id": "x", "schema_version": 3, "sections": [], "paragraphs": [{"text": EXAMPLE}]}
    with pytest.raises(ReadError, match="own analysis"):
        read_bytes(json.dumps(own, ensure_ascii=False).encode(), "x.json")


@pytest.mark.parametrize("opening", ["[通知]\n", "[1] ", "{附件}\n", "(2023) "])
def test_text_starting_with_a_bracket_is_still_text(opening):
    text = opening + EXAMPLE
    assert read_bytes(text.encode("utf-8"), "a.txt") == text


def test_text_after_a_script_element_is_kept():
    """The body replaces its script; the text after the script is the page's and stays where it was."""
    body = json.dumps("<p>" + "</p><p>".join(EXAMPLE.splitlines()[:20]) + "</p>")
    page = f"<html><body><div><script>var content = {body};</script>尾注：以上为全文</div></body></html>"
    lines = html_to_text(page).splitlines()
    assert lines[0] == EXAMPLE.splitlines()[0] and lines[-1] == "尾注：以上为全文"


# --- archives ---------------------------------------------------------------------------------------------


def _names(data: bytes) -> list[str]:
    import io
    import zipfile

    from nlp.read.archive import member_name

    return [member_name(info) for info in zipfile.ZipFile(io.BytesIO(data)).infolist()]


def test_member_names_in_gbk_utf8_and_cp437():
    assert _names(zip_of({"二〇二三年报告.txt": b"x", "b.txt": b"y"}, names_in="gbk")) == ["二〇二三年报告.txt", "b.txt"]
    assert _names(zip_of({"年度报告.txt": b"x"})) == ["年度报告.txt"]  # flagged UTF-8, as Python writes it
    assert _names(zip_of({"年度报告.txt": b"x"}, names_in="utf-8-unflagged")) == ["年度报告.txt"]
    assert _names(zip_of({"café.txt": b"x"}, names_in="cp437")) == ["café.txt"]  # é is 0x82: no GBK reading


def test_zip_of_several_reports_read_alone_names_them():
    data = zip_of({"a.txt": EXAMPLE.encode(), "b.docx": b"PK", "notes.png": b"\x89PNG"})
    with pytest.raises(ReadError, match=r"2 reports \(a\.txt, b\.docx\)"):
        read_bytes(data, "two.zip")


def test_archive_in_archive_refused():
    with pytest.raises(ReadError, match="archive inside an archive"):
        read_bytes(zip_of({"inner.zip": zip_of({"a.txt": EXAMPLE.encode()})}), "outer.zip")


def test_archive_limits(tmp_path):
    many = zip_of({f"{n}.txt": b"x" for n in range(12)})
    with pytest.raises(ReadLimitError, match="holds 12 files"):
        read_bytes(many, "many.zip", ReadLimits(max_docx_members=10))
    big = zip_of({"big.txt": EXAMPLE.encode() * 40})
    with pytest.raises(ReadLimitError, match="unpacks to"):
        read_bytes(big, "big.zip", ReadLimits(max_docx_unpacked=100_000))
    # A member's bytes are counted as they are read, whatever the directory says (`max_bytes`).
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "set.zip").write_bytes(zip_of({"big.txt": EXAMPLE.encode() * 40, "small.txt": EXAMPLE.encode()}))
    read = list(nlp.read_inputs([tmp_path / "in"], limits=ReadLimits(max_bytes=200_000)))
    assert [type(item).__name__ for item in read] == ["InputFailure", "Report"]
    assert "set.zip!big.txt" in read[0].error and "limit" in read[0].error


def test_archive_members_are_inputs_and_broken_ones_fail_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    other = EXAMPLE.replace("青禾县", "青山县").replace("2023", "2022")
    (folder / "crawl.zip").write_bytes(
        zip_of(
            {
                "2023/青禾县.json": json_api(EXAMPLE), "青山县.html": script_var(other), "坏的.docx": b"PK\x03\x04broken",
                "__MACOSX/._青山县.html": b"\x00", "inner.zip": zip_of({"a.txt": b"x"}),
            },
            names_in="gbk",
        )
    )
    (folder / "empty.zip").write_bytes(zip_of({"logo.png": b"\x89PNG"}))
    outcomes = {getattr(item, "source", ""): item for item in nlp.read_inputs([folder])}
    zipped = str(folder / "crawl.zip")
    assert sorted(outcomes) == sorted([f"{zipped}!2023/青禾县.json", f"{zipped}!inner.zip", f"{zipped}!坏的.docx", f"{zipped}!青山县.html", str(folder / "empty.zip")])
    assert outcomes[f"{zipped}!2023/青禾县.json"].agency == "青禾县文化和旅游局"
    assert outcomes[f"{zipped}!青山县.html"].year == 2022
    assert "damaged" in outcomes[f"{zipped}!坏的.docx"].error
    assert "archive inside an archive" in outcomes[f"{zipped}!inner.zip"].error
    assert "no report file" in outcomes[str(folder / "empty.zip")].error


def test_batch_gives_error_records_for_broken_members(tmp_path):
    """`govreport analyze` on a folder with an archive: a page per good member, an error record per broken one."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "reports.zip").write_bytes(zip_of({"青禾县.json": json_api(EXAMPLE), "坏的.docx": b"PK\x03\x04broken"}, names_in="gbk"))
    run = subprocess.run(
        [sys.executable, "-m", "nlp", "analyze", "in", "-o", "out", "--quiet"], cwd=tmp_path, capture_output=True, text=True, timeout=900,
        env=os.environ | {"PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
    )
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(error["source"].rsplit("/", 1)[-1], error["doc_id"]) for error in errors] == [("reports.zip!坏的.docx", "坏的")]
    assert (tmp_path / "out" / "青禾县.html").is_file()
