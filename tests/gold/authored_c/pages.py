"""Render one report as its agency's web page, in one of eight CMS site shapes.

Each shape is a different way real government sites serve the same article: the page
furniture (header, menu, breadcrumb, publication block, font switcher, footer) around a
body whose paragraphs are ``<p>``s, ``<br>``-separated runs, Word-pasted ``<span>``s or a
layout table. Narrative text is never dropped or reordered; only markup changes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from tables import Grid

SITES = {
    "A": dict(
        body="one <p> per paragraph, inline styles, &nbsp; indents, run-in titles in <strong>",
        headings="<p><strong>",
        charset_meta=True,
        encoding="utf-8",
        blank_zero_cells=False,
    ),
    "B": dict(
        body="one <div id=zoom> with <br> between paragraphs, full-width indents",
        headings="<b>",
        charset_meta=False,
        encoding="gbk",
        blank_zero_cells=False,
    ),
    "C": dict(
        body="Word-pasted <p class=MsoNormal>, each paragraph split over several <span>s",
        headings="<p><b><span>",
        charset_meta=True,
        encoding="utf-8",
        blank_zero_cells=True,
    ),
    "D": dict(
        body="<p> paragraphs inside a layout <table>",
        headings="<h3>",
        charset_meta=False,
        encoding="utf-8",
        blank_zero_cells=False,
    ),
    "E": dict(
        body="<p> paragraphs inside <div class=article-content>",
        headings="<h3>",
        charset_meta=True,
        encoding="utf-8",
        blank_zero_cells=False,
    ),
    "F": dict(
        body="<p><font face=仿宋_GB2312> per paragraph, full-width indents",
        headings="<font face=黑体>",
        charset_meta=False,
        encoding="gbk",
        blank_zero_cells=False,
    ),
    "G": dict(
        body="upper-case TRS_Editor markup, <P style=TEXT-ALIGN: justify>",
        headings="<P><STRONG>",
        charset_meta=True,
        encoding="utf-8",
        blank_zero_cells=False,
    ),
    "H": dict(
        body="<article> with one <section> per top-level part, <p> per paragraph",
        headings="<h4>",
        charset_meta=True,
        encoding="utf-8",
        blank_zero_cells=False,
    ),
}


@dataclass
class Block:
    """One piece of the article body in reading order."""

    kind: str  # "title", "heading", "narrative", "meta", "caption", "imagefile", "table"
    text: str = ""
    grid: Grid | None = None
    image_first: bool = False  # the page shows an <img alt="表格"> of this table above the table


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _table(grid: Grid, site: str, blank_zero: bool) -> str:
    upper = site == "G"
    rows = []
    for row in grid:
        cells = []
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            text = "" if (blank_zero and cell.number and cell.text == "0") else _e(cell.text)
            if upper:
                cells.append(f"<TD{attrs}>{text}</TD>")
            elif site == "C":
                cells.append(
                    f'<td{attrs} style="border:solid windowtext 1.0pt"><p class="MsoNormal" '
                    f'align="center"><span style="font-size:10.5pt">{text or "&nbsp;"}</span></p></td>'
                )
            else:
                cells.append(f'<td{attrs} align="center">{text}</td>')
        tr = "<TR>" if upper else "<tr>"
        rows.append(tr + "".join(cells) + ("</TR>" if upper else "</tr>"))
    if upper:
        return '<TABLE border=1 cellSpacing=0 cellPadding=0 width="100%">' + "\n".join(rows) + "</TABLE>"
    return (
        '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">\n'
        + "\n".join(rows)
        + "\n</table>"
    )


def _spans(text: str) -> str:
    """Split a paragraph after commas and semicolons into Word-style runs."""
    parts = [p for p in re.split(r"(?<=[，；：、])", text) if p]
    out = []
    for i, part in enumerate(parts):
        font = "仿宋_GB2312" if i % 2 == 0 else "仿宋"
        out.append(f'<span style="font-size:16.0pt;font-family:{font}">{_e(part)}</span>')
    return "".join(out)


def _block(block: Block, site: str, blank_zero: bool, table_no: int) -> str:
    k, t = block.kind, block.text
    if k == "table":
        table = _table(block.grid or [], site, blank_zero)
        if block.image_first:
            return (
                f'<p style="text-align:center"><img src="/u/cms/www/2024/tab{table_no}.png" alt="表格" '
                f'width="600"></p>\n{table}'
            )
        return table
    if k == "caption":
        img = f'<img src="/u/cms/www/pic{table_no}.jpg" border="0">'
        if site == "G":
            return f"<P align=center>{img}</P><P align=center>{_e(t)}</P>"
        if site == "B":
            return f'{img}<br><span style="color:#666">{_e(t)}</span><br>'
        return f'<p style="text-align:center">{img}</p><p style="text-align:center">{_e(t)}</p>'
    if k == "imagefile":
        return f'<p><a href="/u/cms/www/{_e(t)}">{_e(t)}</a></p>'
    if k == "meta":
        if site == "B":
            return f'<div style="text-align:right">{_e(t)}</div>'
        return f'<p style="text-align:right">{_e(t)}</p>'
    heading = k in ("heading", "title")
    if site == "A":
        if heading:
            return f'<p style="text-indent:2em;font-size:16px;line-height:2"><strong>{_e(t)}</strong></p>'
        # a run-in title (（一）主动公开。…) is bolded inside its paragraph, as editors do
        run_in = re.match(r"（[一二三四五六七八九十]+）[^。：]{2,14}。", t)
        if run_in:
            lead, rest = t[: run_in.end()], t[run_in.end() :]
            return (
                f'<p style="text-indent:2em;font-size:16px;line-height:2">&nbsp;&nbsp;'
                f"<strong>{_e(lead)}</strong>{_e(rest)}</p>"
            )
        return f'<p style="text-indent:2em;font-size:16px;line-height:2">&nbsp;&nbsp;{_e(t)}</p>'
    if site == "B":
        return f"<b>{_e(t)}</b><br>" if heading else f"\u3000\u3000{_e(t)}<br>"
    if site == "C":
        if heading:
            return f'<p class="MsoNormal" style="text-indent:32pt"><b><span style="font-family:黑体">{_e(t)}</span></b></p>'
        return f'<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt">{_spans(t)}</p>'
    if site in ("D", "E"):
        return f"<h3>{_e(t)}</h3>" if heading else f'<p style="text-indent:2em">{_e(t)}</p>'
    if site == "F":
        if heading:
            return f'<p><font face="黑体" size="4">\u3000\u3000{_e(t)}</font></p>'
        return f'<p><font face="仿宋_GB2312" size="4">\u3000\u3000{_e(t)}</font></p>'
    if site == "G":
        if heading:
            return f'<P style="TEXT-ALIGN: justify"><STRONG>{_e(t)}</STRONG></P>'
        return f'<P style="TEXT-ALIGN: justify; TEXT-INDENT: 2em">{_e(t)}</P>'
    # H
    return f"<h4>{_e(t)}</h4>" if heading else f"<p>{_e(t)}</p>"


def _body(blocks: list[Block], site: str, blank_zero: bool) -> str:
    parts = []
    table_no = 0
    for block in blocks[1:]:  # the title is shown above the publication block
        if block.kind in ("table", "caption"):
            table_no += 1
        parts.append(_block(block, site, blank_zero, table_no))
    if site == "H":
        # one <section> per top-level part: a new section opens at each heading that is not a （一） subsection
        out, open_ = ["<article>"], False
        for block, part in zip(blocks[1:], parts, strict=True):
            if block.kind == "heading" and not block.text.startswith(("（", "(")):
                out.append("</section>" if open_ else "")
                out.append('<section class="part">')
                open_ = True
            out.append(part)
        out.append("</section></article>" if open_ else "</article>")
        return "\n".join(out)
    inner = "\n".join(parts)
    if site == "B":
        return f'<div id="zoom" style="font-size:16px;line-height:28px">\n{inner}\n</div>'
    if site == "D":
        return (
            '<table width="100%" border="0" cellspacing="0" cellpadding="0" class="layout">'
            f'<tr><td class="content" valign="top">\n{inner}\n</td></tr></table>'
        )
    if site == "G":
        return f"<DIV class=TRS_Editor>\n{inner}\n</DIV>"
    return f'<div class="article-content">\n{inner}\n</div>'


def render_page(blocks: list[Block], meta: dict[str, str]) -> str:
    """A whole HTML document for one report; ``meta`` holds site, agency, title, date, index."""
    site = meta["site"]
    shape = SITES[site]
    agency, title, date = meta["agency"], meta["title"], meta["date"]
    if not shape["charset_meta"]:
        charset = ""
    elif site == "E":
        charset = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    else:
        charset = '<meta charset="utf-8">'
    head = (
        f"<head>{charset}\n<title>{_e(title)}_{_e(meta['portal'])}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<link rel="stylesheet" href="/css/site{site}.css">\n'
        "<style>.nav li{float:left;margin:0 12px}.footer{color:#555;font-size:12px}</style>\n"
        '<script src="/js/jquery-1.11.3.min.js"></script>\n'
        "<script>function doZoom(s){document.getElementById('zoom').style.fontSize=s+'px';}"
        "var _hits=0;</script>\n</head>"
    )
    nav = "".join(
        f'<li><a href="/{i}/">{n}</a></li>'
        for i, n in enumerate(
            ["首页", "走进" + meta["short"], "政务公开", "政务服务", "互动交流", "专题专栏"]
        )
    )
    pub = (
        f'<div class="info">发布时间：{date}　来源：{_e(agency)}　索引号：{meta["index"]}　'
        '浏览次数：<span id="hits"><script>document.write(_hits)</script></span></div>\n'
        '<div class="font">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> '
        '<a href="javascript:doZoom(14)">小</a>】</div>'
    )
    footer = (
        f'<div class="footer"><p>主办单位：{_e(meta["host"])}</p>'
        f"<p>{meta['icp']}　{meta['police']}　网站标识码：{meta['siteid']}</p>"
        f"<p>联系电话：{meta['phone']}　地址：{_e(meta['address'])}</p></div>"
    )
    body = _body(blocks, site, shape["blank_zero_cells"])
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n' + head + "\n<body>\n"
        f'<div class="header"><img src="/images/logo.png" alt="{_e(meta["portal"])}"><span>{_e(meta["portal"])}</span></div>\n'
        f'<ul class="nav">{nav}</ul>\n'
        f'<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
        '<a href="/zwgk/ndbg/">政府信息公开年度报告</a></div>\n'
        f'<div class="article"><h1 class="title">{_e(title)}</h1>\n{pub}\n{body}\n</div>\n'
        f"{footer}\n<script>var _hmt=_hmt||[];</script>\n</body>\n</html>\n"
    )
