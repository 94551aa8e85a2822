"""Make the Word fixtures of `tests/fixtures/word/` with an independent writer: LibreOffice.

Each source is a .docx written here with python-docx (`tests/makers.py` `write_docx` for the authored
reports of `tests/gold/authored_reports.jsonl`, development part only; `tables_docx` below for a report
of our own whose tables have merged cells, a field and line breaks), converted by
`soffice --headless --convert-to doc|rtf|xml:"MS Word 2003 XML"`. LibreOffice is needed only to make fixtures, never to run
the project or its tests:

    apt-get install -y libreoffice-writer-nogui
    python scripts/make_word_fixtures.py [--output tests/fixtures/word] [--authored all|dev] [--keep-docx] [--kinds doc rtf xml]

With the default fixtures, `tables.docx` is also laid out as agencies' templates do (`tests/docx_frames.py`:
in a page-frame table, each table in a text box, labels wrapped by hand in their cells) and each converted:
`tables__layout_table.doc`, … (LibreOffice writes a block content control to .doc and RTF as form fields
that repeat its text, so that shape is not made); and `A07_ybj_2023_numbered__layout_table.doc|rtf`, headings numbered by Word inside a
page frame.

`--authored all` converts all 28 authored reports, `--shared` the 11 gold and 31 whole crawled reports
of ../shared (both for `benchmarks/eval_word.py`, into a folder outside the repository: never committed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

#: Authored reports committed as fixtures: development part (odd numbers) only; A07 has two tables.
FIXTURE_REPORTS = ("A07_ybj_2023", "A13_xz_2017")
NUMBERED_REPORT = "A07_ybj_2023"
#: The layouts of `tests/docx_frames.py` that LibreOffice keeps in .doc, RTF and Word 2003 XML (for Word 2003
#: XML it drops a text box's text: `tests/test_read_word_frames.py` writes that shape as Word does).
FRAMED = ("layout_table", "text_boxes", "wrapped_labels")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tables_docx(path: Path) -> Path:
    """A short report written for this fixture: its tables have cells merged across and down (as the
    template's header rows have), an empty corner cell, a cell of two paragraphs; a paragraph holds a
    hyperlink field (code and result) and a line break."""
    import docx
    from lxml import etree

    document = docx.Document()
    document.add_paragraph("青柳县市场监督管理局2024年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    paragraph = document.add_paragraph("本机关全年通过")
    for xml in (
        f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r xmlns:w="{_W}"><w:instrText xml:space="preserve"> HYPERLINK "http://example.gov.cn/xxgk" </w:instrText></w:r>',
        f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r xmlns:w="{_W}"><w:t>政府信息公开专栏</w:t></w:r>',
        f'<w:r xmlns:w="{_W}"><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(etree.fromstring(xml))
    paragraph.add_run("主动公开各类信息126条。")
    broken = document.add_paragraph("办理依申请公开事项9件，")
    broken.add_run().add_break()
    broken.add_run("均在法定期限内答复。")
    document.add_paragraph("二、主动公开政府信息情况")
    second = [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "2"],
        ["行政规范性文件", "3", "1", "17"],
    ]
    table = _table(document, second)
    table.cell(0, 0).merge(table.cell(0, 3))
    table.cell(0, 0).text = "第二十条第（一）项"
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    # Table 三 as wide as the 2021 template prints it (nine columns): a .doc writer keeps the row
    # properties of so wide a row outside the paragraph's page (sprmPHugePapx, in the Data stream).
    legal = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    third = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", *legal, ""],
        ["一、本年新收政府信息公开申请数量", "", "8", "1", "0", "0", "0", "0", "9"],
        ["二、上年结转政府信息公开申请数量", "", "0", "0", "0", "0", "0", "0", "0"],
        ["三、本年度办理结果", "（一）予以公开", "5", "1", "0", "0", "0", "0", "6"],
        ["", "（二）部分公开", "1", "0", "0", "0", "0", "0", "1"],
        ["四、结转下年度继续办理", "", "2", "0", "0", "0", "0", "0", "2"],
    ]
    table = _table(document, third)
    table.cell(0, 0).merge(table.cell(2, 1))
    table.cell(0, 2).merge(table.cell(0, 8))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 3).merge(table.cell(1, 7))
    table.cell(1, 8).merge(table.cell(2, 8))
    for row in (3, 4, 7):
        table.cell(row, 0).merge(table.cell(row, 1))
    table.cell(5, 0).merge(table.cell(6, 0))
    for (row, column), text in {(0, 0): third[0][0], (0, 2): "申请人情况", (1, 2): "自然人", (1, 3): "法人或其他组织", (1, 8): "总计",
                                (3, 0): third[3][0], (4, 0): third[4][0], (7, 0): third[7][0], (5, 0): "三、本年度办理结果"}.items():
        table.cell(row, column).text = text
    table.cell(7, 8).add_paragraph("（含转办）")
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    document.add_paragraph("本年度未发生因政府信息公开引起的行政复议、行政诉讼。")
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("一是公开内容不够全面。下一步，我局将加强培训，提高公开质量。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    document.save(str(path))
    return path


def _table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


#: LibreOffice's export filter for each kind of fixture (Word 2003 XML is written with its own filter name).
FILTERS = {"doc": "doc", "rtf": "rtf", "xml": "xml:MS Word 2003 XML"}


def convert(source: Path, output: Path, kind: str) -> Path:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("LibreOffice is needed to make the fixtures: apt-get install -y libreoffice-writer-nogui")
    subprocess.run([office, "--headless", "--convert-to", FILTERS[kind], "--outdir", str(output), str(source)], check=True, capture_output=True)
    made = output / f"{source.stem}.{kind}"
    if not made.exists():
        raise SystemExit(f"LibreOffice made no {made}")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=REPO / "tests" / "fixtures" / "word")
    parser.add_argument("--authored", choices=("fixtures", "all"), default="fixtures", help="which authored reports")
    parser.add_argument("--keep-docx", action="store_true", help="keep the .docx sources beside the conversions")
    parser.add_argument("--shared", action="store_true", help="the gold and whole reports of ../shared instead")
    parser.add_argument("--word-numbering", action="store_true", help="section headings and subheadings numbered by Word, not in their text")
    parser.add_argument("--kinds", nargs="*", choices=sorted(FILTERS), default=sorted(FILTERS), help="which formats to write (default: all)")
    args = parser.parse_args()
    from makers import write_docx

    args.output.mkdir(parents=True, exist_ok=True)
    with (REPO / "tests" / "gold" / "authored_reports.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    chosen = records if args.authored == "all" else [r for r in records if r["doc_id"] in FIXTURE_REPORTS]
    if args.shared:
        if args.output.resolve().is_relative_to(REPO):
            raise SystemExit("../shared's reports are never written into the repository: give --output outside it")
        from conftest import gold_and_whole_report_texts

        # Word holds no form feeds or other control characters: the text as a .docx can hold it.
        clean = lambda text: "".join(c for c in text if c in "\t\n\f" or ord(c) >= 0x20)  # noqa: E731
        chosen = [{"doc_id": doc_id, "text": clean(text)} for doc_id, text in gold_and_whole_report_texts().items()]
        args.authored = "all"
    with tempfile.TemporaryDirectory() as folder:
        sources = [write_docx(r["text"], Path(folder) / f"{r['doc_id']}.docx", word_numbering=args.word_numbering) for r in chosen]
        if args.authored == "fixtures":
            tables_source = tables_docx(Path(folder) / "tables.docx")
            sources.append(tables_source)
            # Headings numbered by Word (a numbered heading style, a list), not by their text.
            numbered = next(r for r in chosen if r["doc_id"] == NUMBERED_REPORT)
            numbered_source = write_docx(numbered["text"], Path(folder) / f"{NUMBERED_REPORT}_numbered.docx", word_numbering=True)
            sources.append(numbered_source)
            from docx_frames import FRAMES, rewrite_docx

            for frame in FRAMED:
                sources.append(rewrite_docx(tables_source, Path(folder) / f"tables__{frame}.docx", FRAMES[frame]))
            # A page frame whose headings Word numbers (.doc and RTF: LibreOffice's Word 2003 XML leaves out
            # numbered headings inside a table cell).
            sources.append(rewrite_docx(numbered_source, Path(folder) / f"{NUMBERED_REPORT}_numbered__layout_table.docx", FRAMES["layout_table"]))
        for source in sources:
            made_here = ("A07_ybj_2023", "tables", f"{NUMBERED_REPORT}_numbered", *(f"tables__{frame}" for frame in FRAMED))
            kinds = ("doc", "rtf", "xml") if args.authored == "all" or source.stem in made_here else ("doc", "rtf") if "__" in source.stem else ("doc",)
            for kind in (kind for kind in kinds if kind in args.kinds):
                print(convert(source, args.output, kind))
            if args.keep_docx or source.stem == "tables":
                shutil.copy(source, args.output / source.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
