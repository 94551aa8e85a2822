"""The report saved as a web page: each encoding, with and without a declared charset, and a page laid
out in a table. Re-exported by tests.damage."""

from __future__ import annotations

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


def html_variants() -> dict[str, Callable[[str], bytes]]:
    """Every HTML wrapping: each encoding, with and without a declared charset; and a page laid out in a table."""
    variants: dict[str, Callable[[str], bytes]] = {}
    for encoding in HTML_ENCODINGS:
        for declared in (True, False):
            name = f"html_{encoding}_{'charset' if declared else 'nocharset'}"
            variants[name] = lambda text, e=encoding, d=declared: html_page(text, e, d)
    variants["html_layout_table"] = html_layout_table_page
    return variants
