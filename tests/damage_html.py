"""The report saved as a web page: each encoding, with and without a declared charset, a page laid out in a
table, and the report as a document-sharing site reposts it. Re-exported by tests.damage."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from tests.makers import html_body

#: Encodings a saved web page comes in. Big5 pages carry traditional characters (converted here), and
#: characters the encoding lacks become HTML character references, as browsers save them.
HTML_ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16")


def html_page(text: str, encoding: str, declare_charset: bool) -> bytes:
    """The report as a saved web page in `encoding`, with or without a `<meta charset>`."""
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    body = html_body(re.split(r"[\r\n\f]+", text))
    charset = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding.replace("-sig", "")}">' if declare_charset else ""
    page = f"<!DOCTYPE html><html><head>{charset}<title>年度报告</title></head><body>{body}</body></html>"
    return page.encode(encoding, errors="xmlcharrefreplace")


def html_layout_table_page(text: str) -> bytes:
    """The report in a page laid out in a table, as old government sites are: a banner row, a navigation
    cell beside the content cell (whose paragraphs and tables are the report's), a footer row."""
    body = html_body(re.split(r"[\r\n\f]+", text))
    navigation = "<td width='180'><ul><li><a href='/'>首页</a></li><li><a href='/xxgk'>信息公开</a></li></ul></td>"
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head><body>"
        "<table width='100%' border='0'><tr><td colspan='2'><img src='banner.png'>某某县人民政府门户网站</td></tr>"
        f"<tr>{navigation}<td valign='top'>{body}</td></tr><tr><td colspan='2'>主办单位：某某县人民政府办公室</td></tr></table>"
        "</body></html>"
    )
    return page.encode("utf-8")


#: Characters a document-sharing site hides inside words (anti-copy decoys), and the ways it hides them: by an
#: inline style, by a class its `<style>` declares hidden.
_DECOYS = "的道创址文网制客档了"
_HIDERS = ('<span style="display:none">{}</span>', '<span style="font-size:0px">{}</span>', '<font class="hz">{}</font>')
#: Where a wrapped line of the page ends (characters), and how many lines a page holds.
_REPOST_WIDTH = 38
_REPOST_PAGE_LINES = 24
_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def _with_decoys(line: str, start: int) -> str:
    """A visual line's HTML with a hidden decoy between every ninth pair of Chinese characters and a zero-width
    character (a space, a soft hyphen, a BOM, by turns) between every thirteenth."""
    pieces: list[str] = []
    last = 0
    for count, gap in enumerate(_CJK_PAIR.finditer(line), start):
        pieces.append(html.escape(line[last : gap.start()]))
        last = gap.start()
        if count % 9 == 4:
            pieces.append(_HIDERS[count % len(_HIDERS)].format(_DECOYS[count % len(_DECOYS)]))
        elif count % 13 == 6:
            pieces.append("\u200b\u00ad\ufeff"[count % 3])
    pieces.append(html.escape(line[last:]))
    return "".join(pieces)


def html_reposted_page(text: str) -> bytes:
    """The report as a document-sharing (文库-style) site shows it: page by page, each printed line its own
    positioned element (a paragraph wrapped at a fixed width, its first line indented), a table's cells each an
    element on their row's line, hidden decoy characters and zero-width characters inside words, and between the
    pages the site's watermark, its disclaimer, the page's number and a `点击阅读全文` button."""
    visual: list[tuple[str, list[str]]] = []  # (kind, the line's pieces of text)
    for line in re.split(r"[\r\n\f]+", text):
        if not line.strip():
            continue
        if "\t" in line:
            visual.append(("row", line.split("\t")))
            continue
        line = line.strip()
        visual += [("text", [line[i : i + _REPOST_WIDTH]]) for i in range(0, len(line), _REPOST_WIDTH)]
    pages = [visual[i : i + _REPOST_PAGE_LINES] for i in range(0, len(visual), _REPOST_PAGE_LINES)]
    body: list[str] = []
    count = 0
    for number, page in enumerate(pages, 1):
        body.append(f'<div class="page" data-page="{number}">')
        for position, (kind, pieces) in enumerate(page):
            top = 72 + 32 * position
            if kind == "row":
                body += [f'<div style="top:{top}px;left:{60 + 82 * column}px">{_with_decoys(cell, count)}</div>' for column, cell in enumerate(pieces)]
            else:
                body.append(f'<p style="top:{top}px;left:60px">{_with_decoys(pieces[0], count)}</p>')
            count += len(pieces[0])
        body.append("</div>")
        if number < len(pages):
            notice = "原创力文档 预览与源文档一致，下载高清无水印" if number % 2 else "本文档由用户上传，内容仅供参考，如有侵权请联系删除。"
            body.append(f'<div class="wm">{notice}</div><div class="page-num">第{number}页 / 共{len(pages)}页</div>')
            if number == 2:
                body.append('<a class="btn">点击阅读全文</a>')
    page_html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告 - 原创力文档</title>'
        "<style>.page{position:relative;width:794px} .page div,.page p{position:absolute;margin:0} .hz{display:none}</style>"
        '</head><body><div class="site-head"><a href="/">原创力文档</a> <span>首页</span> <span>党政资料</span></div>'
        '<div class="doc-info"><span>上传人：user***</span> <span>页数：' + str(len(pages)) + '</span> <a class="btn">下载文档</a></div>'
        '<div id="pageContainer">' + "".join(body) + '</div><div class="foot"><a class="btn">下载文档</a></div></body></html>'
    )
    return page_html.encode("utf-8")


def html_variants() -> dict[str, Callable[[str], bytes]]:
    """Every HTML wrapping: each encoding, with and without a declared charset; a page laid out in a table; a
    document-sharing site's page."""
    variants: dict[str, Callable[[str], bytes]] = {}
    for encoding in HTML_ENCODINGS:
        for declared in (True, False):
            name = f"html_{encoding}_{'charset' if declared else 'nocharset'}"
            variants[name] = lambda text, e=encoding, d=declared: html_page(text, e, d)
    variants["html_layout_table"] = html_layout_table_page
    variants["html_reposted"] = html_reposted_page
    return variants
