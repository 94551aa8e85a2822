"""Render a clean report (source.Report) as a user gets it: OCR text of a scanned print, Markdown from
a converter, a legacy-encoded .txt, or a saved WeChat article. Each renderer returns the file's bytes,
the encoding a reader must use, and a description of what the file shows (for `page`).
Deterministic: randomness is seeded by the doc id.
"""
from __future__ import annotations

import html
import random
import re

import opencc
import table_layout as tl
from source import Report

# Characters of the s2t output that Big5 cannot hold, replaced by hand with a near traditional form.
BIG5_HAND = {"衆": "眾", "爲": "為", "僞": "偽", "啓": "啟", "綫": "線", "着": "著", "裏": "裡", "牀": "床",
             "麪": "麵", "擡": "抬"}
RUN_IN = re.compile(r"^((?:（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+是)?[^。：；，“”]{2,22}[。：])")
HALF = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}


def _mix_punct(text: str, rng: random.Random, share: float) -> str:
    return "".join(HALF[ch] if ch in HALF and rng.random() < share else ch for ch in text)


NO_LINE_START = set("，。、；：？！）》”,.;:)")


def _wrap(text: str, width: int, first: int) -> list[str]:
    """Break every `width` characters; a closing mark never starts a line (it stays on the line before)."""
    out, pos, w = [], 0, first
    while pos < len(text):
        end = pos + w
        while end < len(text) and text[end] in NO_LINE_START:
            end += 1
        out.append(text[pos:end])
        pos, w = end, width
    return out or [""]


# ---------------------------------------------------------------- OCR
def ocr(report: Report) -> tuple[bytes, str, str]:
    o = report.render
    rng = random.Random(report.doc_id)
    width, indent = int(o.get("width", 34)), o.get("indent", "spaces")
    spaced, share = float(o.get("cjk_spaces", 0)), float(o.get("punct", 0.4))
    split, per_page = o.get("split", ""), int(o.get("lines", 38))
    printed: list[str] = []
    for i, line in enumerate(report.lines):
        if line.kind == "table":
            printed += _ocr_table_row(line.table_row)
            continue
        text = _mix_punct(line.text, rng, share) if line.kind == "narrative" else line.text
        if i == 0:
            printed += [" " * 6 + part for part in _wrap(text, 24, 24)]
        elif line.kind == "heading" and split and line.text.startswith(split):
            printed += [split[0], text[1:]]  # the number read as a line of its own
        elif line.kind == "meta":
            printed.append(" " * 28 + text)
        else:
            lead = "    " if indent == "spaces" and line.kind == "narrative" else ""
            parts = _wrap(text, width, width - 2 if lead else width)
            parts[0] = lead + parts[0]
            printed += parts
    if spaced:
        printed = [" ".join(p) if rng.random() < spaced and "  " not in p.strip() else p for p in printed]
    pages = [printed[k:k + per_page] for k in range(0, len(printed), per_page)]
    head = o.get("head", report.meta["agency"]).replace("_", " ")
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if n > 1:
            out += [" " * 10 + head, ""]
        out += page
        out += ["", f"{' ' * 16}- {n} -" if o.get("pageno", "dash") == "dash" else f"{' ' * 14}第 {n} 页 共 {len(pages)} 页",
                ""]
    desc = (f"OCR text of a scanned print, UTF-8: each printed line a line, paragraphs wrapped every {width} "
            f"characters, first-line indent {'as four spaces' if indent == 'spaces' else 'lost'}; "
            f"{len(pages)} pages, each ended by a page number and pages 2 on headed by the running head "
            f"'{head}'; half-width punctuation (, : ; ( )) for about {int(share * 100)}% of the full-width marks "
            "in narrative lines")
    if spaced:
        desc += f"; about {int(spaced * 100)}% of the printed lines read with a space between every character"
    if split:
        desc += f"; the heading '{split}…' split from its number onto two lines"
    desc += ("; tables as columns aligned by runs of spaces, ruling lost, merged header cells on lines of "
             "their own, row labels longer than 14 characters wrapped onto a second line")
    return "\n".join(out).encode("utf-8"), "utf-8", desc


def _ocr_table_row(row: list[tl.Cell]) -> list[str]:
    labels = [c.text for c in row if c.key is None]
    figs = [c.text for c in row if c.key is not None]
    if not figs:
        return ["   ".join(labels)] if sum(map(len, labels)) < 40 else _wrap("  ".join(labels), 30, 30)
    label = " ".join(labels)
    rest = ""
    if len(label) > 14:
        label, rest = label[:14], label[14:]
    line = (label.ljust(16, "\u3000") if label else "") + "".join(f.rjust(7) for f in figs)
    return [line] + ([rest] if rest else [])


# ---------------------------------------------------------------- Markdown
def markdown(report: Report) -> tuple[bytes, str, str]:
    o = report.render
    style, wrap = o.get("headings", "hash"), int(o.get("wrap", 0))
    html_tables, fill = o.get("htmltable", "").split(","), o.get("fill", "repeat")
    blocks: list[str] = []
    done_tables: set[int] = set()
    for i, line in enumerate(report.lines):
        if line.kind == "table":
            key = id(report.tables[line.table])
            if key not in done_tables:
                done_tables.add(key)
                rows = report.tables[line.table]
                blocks.append(_html_table(rows) if line.table in html_tables else _pipe_table(rows, fill))
            continue
        text = line.text.replace("*", "\\*")
        if i == 0:
            blocks.append(f"# {text}" if style != "bold" else f"**{text}**")
            blocks.append("![](media/image1.png)")
        elif line.kind == "heading":
            hashes = "##" if line.section else "###"
            use_bold = style == "bold" or (style == "mixed" and not line.section)
            blocks.append(f"**{text}**" if use_bold else f"{hashes} {text}")
        elif line.kind == "meta":
            if i == next(k for k, x in enumerate(report.lines) if x.kind == "meta"):
                blocks.append("![](media/image2.png)")
            blocks.append(text)
        else:
            text = re.sub(r"^(\d+)\.", r"\1\\.", text)
            m = RUN_IN.match(text)
            if m and not text[0].isdigit() and (text.startswith("（") or o.get("bold_runin") == "all"):
                text = f"**{m.group(1)}**{text[m.end():]}"
            blocks.append("\n".join(_wrap(text, wrap, wrap)) if wrap else text)
    desc = ("Markdown as a Word-to-Markdown converter gives it: "
            + {"hash": "headings as # / ## / ###", "bold": "headings as **bold** lines",
               "mixed": "section headings as ##, subsection headings as **bold** lines"}[style]
            + ", run-in titles （一）…。 in **…**, '1.' at a line start escaped as '1\\.', '*' as '\\*', "
            "image links ![](media/image1.png) (emblem, after the title) and ![](media/image2.png) "
            "(seal, before the sign-off) that are not report text")
    if wrap:
        desc += f"; every paragraph hard-wrapped at {wrap} characters, lines broken inside sentences"
    desc += (f"; tables as pipe tables with a |---| rule after the first row, merged cells "
             f"{'repeated in every slot' if fill == 'repeat' else 'left empty after their first slot'}")
    if any(html_tables):
        desc += f"; table(s) {', '.join(html_tables)} left as an HTML <table> with rowspan/colspan"
    return "\n\n".join(blocks).encode("utf-8") + b"\n", "utf-8", desc


def _pipe_table(rows: list[list[tl.Cell]], fill: str) -> str:
    g = tl.grid(rows, fill)
    out = ["| " + " | ".join(g[0]) + " |", "|" + "---|" * len(g[0])]
    out += ["| " + " | ".join(r) + " |" for r in g[1:]]
    return "\n".join(out)


def _html_table(rows: list[list[tl.Cell]], style: str = "") -> str:
    out = [f"<table{style}>", "<tbody>"]
    for row in rows:
        tds = []
        for c in row:
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            tds.append(f"<td{span}>{html.escape(c.text)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "\n".join(out + ["</tbody>", "</table>"])


# ---------------------------------------------------------------- legacy encodings
def plain_lines(report: Report) -> list[str]:
    out = []
    for i, line in enumerate(report.lines):
        if i == 0:
            out.append(" " * 8 + line.text)
        elif line.kind == "narrative":
            out.append("\u3000\u3000" + line.text)
        else:
            out.append(line.text)
    return out


def encoded(report: Report) -> tuple[bytes, str, str]:
    o = report.render
    kind = o["enc"]
    lines = plain_lines(report)
    if kind == "gb18030":
        return "\r\n".join(lines).encode("gb18030") + b"\r\n", "gb18030", (
            "plain text in GB18030 with CRLF line ends, one paragraph a line, narrative indented by two "
            "full-width spaces, table rows with cells separated by tabs")
    if kind == "utf16":
        data = "\ufeff" + "\r\n".join(lines) + "\r\n"
        return data.encode("utf-16-le"), "utf-16", (
            "Windows Notepad 'Unicode': UTF-16 LE with a BOM (FF FE), CRLF line ends, one paragraph a line, "
            "narrative indented by two full-width spaces, table rows with cells separated by tabs")
    if kind == "big5":
        trad = opencc.OpenCC("s2t").convert("\r\n".join(lines))
        chars, swapped = [], {}
        for ch in trad:
            try:
                ch.encode("big5")
                chars.append(ch)
            except UnicodeEncodeError:
                if ch not in BIG5_HAND:
                    raise ValueError(f"{report.doc_id}: Big5 cannot hold {ch!r}; add a hand replacement") from None
                swapped[ch] = BIG5_HAND[ch]
                chars.append(BIG5_HAND[ch])
        made = ", ".join(f"{a}→{b}" for a, b in sorted(swapped.items())) or "none were needed"
        return "".join(chars).encode("big5") + b"\r\n", "big5", (
            "the whole text in traditional characters (OpenCC s2t of the clean text), encoded Big5, CRLF line "
            f"ends; characters Big5 cannot hold replaced by hand: {made}")
    # gbk_crawler: an old archive page saved as text by a crawler, furniture around the article
    agency, year = report.meta["agency"], report.meta["year"]
    site = o.get("site", agency).replace("_", " ")
    date = o.get("pub", f"{int(year) + 1}-01-25")
    head = [site, "您现在的位置：首页 > 政府信息公开 > 政府信息公开年报", "",
            f"索引号：{o.get('index', '000000000/' + str(int(year) + 1) + '-00012')}",
            f"发布机构：{agency}", f"发布日期：{date}", f"生成日期：{date}", "【字体：大 中 小】", ""]
    foot = ["", "【打印本页】 【关闭窗口】", "", "网站地图 | 联系我们 | 隐私声明",
            f"主办单位：{o.get('host', agency).replace('_', ' ')}",
            f"ICP备案号：{o.get('icp', '京ICP备00000000号')}  政府网站标识码：{o.get('code', '0000000000')}",
            "建议使用1024×768分辨率浏览"]
    return "\n".join(head + lines + foot).encode("gbk") + b"\n", "gbk", (
        "an old archive page saved as text by a crawler, GBK, LF line ends: site name, breadcrumbs, "
        "索引号/发布机构/发布日期/生成日期 block and 【字体：大 中 小】 above the report, 【打印本页】, site "
        "links, 主办单位 and ICP备案号 lines below it; none of that furniture is in `text`")
