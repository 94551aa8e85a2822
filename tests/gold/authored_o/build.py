"""Build set O (clean room): report files, text, labels, sections and tables from content_*.py.

Run: /work/main/.venv/bin/python tests/gold/authored_o/build.py   (from the repo root)
"""
import html
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables as T  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer  # noqa: E402

rl_config.invariant = 1  # the same PDF bytes on every build
pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))


# ---------------------------------------------------------------- expansion
def expand(rep):
    """Turn the report's item list into text lines and label records."""
    lines, labels, sections, blocks = [], [], [], []
    for item in rep["items"]:
        kind = item[0]
        if kind == "T":
            tname = item[1]
            spec = T.text_rows(rep["template"], tname, rep["tables"][tname]) if tname != "own" else item[2]
            start = len(lines)
            for row in spec:
                line = "\t".join(str(c) for c in row)
                labels.append(dict(kind="table", label=None, mixed=False, generic=None))
                lines.append(line)
            blocks.append(("T", tname, start, item[2] if tname == "own" else None))
            continue
        text = item[1]
        rec = dict(kind={"H": "heading", "N": "narrative", "M": "meta", "S": "heading"}[kind])
        if kind == "N":
            opts = item[3] if len(item) > 3 else ""
            rec.update(label=item[2], mixed="m" in opts.split(","), generic="g" in opts.split(","))
            for o in opts.split(","):
                if o.startswith("u="):
                    rec["unsure"] = o[2:]
        else:
            rec.update(label=None, mixed=False, generic=None)
        if kind == "S":  # section heading: item[2] = section number
            sections.append({"number": item[2], "name": text, "para_index": len(lines)})
        blocks.append((kind, text, len(lines), None))
        labels.append(rec)
        lines.append(text)
    return lines, labels, sections, blocks


# ---------------------------------------------------------------- PDF
def make_pdf(rep, blocks, lines, path):
    body = ParagraphStyle("b", fontName="WQY", fontSize=11.5, leading=20, firstLineIndent=23, wordWrap="CJK")
    head = ParagraphStyle("h", parent=body, firstLineIndent=0, fontSize=12.5, leading=22, spaceBefore=4)
    title = ParagraphStyle("t", parent=body, firstLineIndent=0, fontSize=17, leading=26, alignment=1, spaceAfter=10)
    meta = ParagraphStyle("m", parent=body, firstLineIndent=0, alignment=2)
    cell = ParagraphStyle("c", fontName="WQY", fontSize=8, leading=10, wordWrap="CJK", alignment=1)
    cover = ParagraphStyle("cv", parent=title, fontSize=22, leading=34, spaceBefore=60)
    story = []
    first_title_done = False
    for kind, text, idx, extra in blocks:
        if kind == "T":
            story.append(Spacer(1, 4))
            story.append(T.pdf_table(rep["template"], text, rep["tables"].get(text), extra, cell))
            story.append(Spacer(1, 6))
            continue
        esc = html.escape(text)
        if kind == "M" and idx in rep.get("cover_meta", []):
            story.append(Paragraph(esc, ParagraphStyle("cm", parent=title, fontSize=14, spaceBefore=30)))
            if idx == max(rep["cover_meta"]):
                story.append(PageBreak())
        elif kind == "H" and not first_title_done:
            first_title_done = True
            story.append(Paragraph(esc, cover if rep.get("cover") else title))
        elif kind in ("H", "S"):
            story.append(Paragraph(esc, head))
        elif kind == "M":
            story.append(Paragraph(esc, meta))
        else:
            story.append(Paragraph(esc, body))

    def furniture(canv, doc):
        if rep.get("cover") and doc.page == 1:
            return
        canv.saveState()
        canv.setFont("WQY", 8.5)
        canv.drawCentredString(A4[0] / 2, A4[1] - 14 * mm, rep["title"])
        canv.line(20 * mm, A4[1] - 16 * mm, A4[0] - 20 * mm, A4[1] - 16 * mm)
        canv.setFont("WQY", 10)
        n = doc.page - (1 if rep.get("cover") else 0)
        canv.drawCentredString(A4[0] / 2, 12 * mm, f"— {n} —")
        canv.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=24 * mm, bottomMargin=22 * mm, title=rep["title"])
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


# ---------------------------------------------------------------- HTML
def make_html(rep, blocks, lines, path):
    out = []
    meta_block = rep["html_meta"]
    body_started = False
    for kind, text, idx, extra in blocks:
        if kind == "T":
            out.append(T.html_table(rep["template"], text, rep["tables"].get(text), extra))
            continue
        esc = html.escape(text)
        if kind == "H" and not body_started:
            body_started = True
            continue  # title rendered in the title block
        if kind == "M" and idx in rep.get("head_meta", []):
            continue  # rendered in the title block
        if kind in ("H", "S"):
            out.append(f"<p><strong>{esc}</strong></p>")
        elif kind == "M":
            out.append(f'<p style="text-align:right">{esc}</p>')
        else:
            out.append(f'<p style="text-indent:2em">{esc}</p>')
    links = "".join(f'<li><a href="#">{html.escape(x)}</a></li>' for x in rep["links"])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(rep['title'])}_{html.escape(rep['site'])}</title></head>
<body>
<div class="header"><a href="#">首页</a> | <a href="#">机构概况</a> | <a href="#">政务公开</a> | <a href="#">互动交流</a></div>
<div class="crumb">当前位置：<a href="#">首页</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>
<div class="article">
<h1 class="title">{html.escape(rep['title'])}</h1>
<div class="info">{meta_block}</div>
<div class="pages_content" id="UCAP-CONTENT">
{chr(10).join(out)}
</div>
<div class="share">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关链接</h3><ul>{links}</ul></div>
<div class="footer">{html.escape(rep['site'])} 版权所有 | 网站标识码 bm00000000 | <a href="#">网站地图</a> | <a href="#">联系我们</a></div>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


# ---------------------------------------------------------------- main
def main():
    import content
    reps, labs, secs, tabs = [], [], [], []
    for rep in content.REPORTS:
        lines, labels, sections, blocks = expand(rep)
        n = int(rep["doc_id"][1:])
        fname = f"{rep['doc_id']}.{rep['format']}"
        if rep["format"] == "pdf":
            make_pdf(rep, blocks, lines, HERE / fname)
        else:
            make_html(rep, blocks, lines, HERE / fname)
        if rep["template"] == "old":
            sections = [{"number": i + 1, "name": s["name"], "para_index": s["para_index"]} for i, s in enumerate(sections)]
        else:
            have = {s["number"] for s in sections}
            for num, name in T.SECTION_NAMES.items():
                if num not in have:
                    sections.append({"number": num, "name": name, "para_index": None})
            sections.sort(key=lambda s: s["number"])
        reps.append(dict(doc_id=rep["doc_id"], agency=rep["agency"], year=rep["year"], template=rep["template"],
                         title=rep["title"], level=rep["level"], province=rep["province"], file=fname,
                         format=rep["format"], split="dev" if n % 2 else "held", text="\n".join(lines),
                         page=rep["page"]))
        for i, (line, lab) in enumerate(zip(lines, labels, strict=True)):
            labs.append(dict(doc_id=rep["doc_id"], para_index=i, text=line, **lab))
        secs.append(dict(doc_id=rep["doc_id"], sections=sections))
        if rep["template"] != "old":
            tabs.append(dict(doc_id=rep["doc_id"], template=rep["template"], cells=T.cells(rep["template"], rep["tables"])))
    for name, rows in (("reports", reps), ("labels", labs), ("sections", secs), ("tables", tabs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(reps), "reports,", len(labs), "lines")


if __name__ == "__main__":
    main()
