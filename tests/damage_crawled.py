"""The report as crawlers save what a site served: a JSON API response (its body as escaped HTML, as
text, encoded twice, in a JSONP callback, in an array), a page whose body sits in a script (a variable,
`document.write`, a state object, a template, a hidden textarea), and a zip archive holding the report.
Re-exported by tests.damage.

Each maker takes the report's text as the project reads it and gives the bytes of the file a crawler
would have saved; the page furniture around the report (menus, a footer, ids and dates) is written here.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Callable

from tests.makers import html_body

#: A site's furniture around an article: menus above, a footer below (visible text of every page form).
_MENU = "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a><a href='/xxgk'>政府信息公开</a><a href='/hd'>互动交流</a></div>"
_FOOTER = "<div class='footer'>主办单位：某某县人民政府办公室　网站标识码：1234000000　备案号：某ICP备00000000号</div>"
#: 2024-01-15 08:00 in China, in milliseconds since 1970, as most APIs give a publishing time.
_PUBLISHED_MS = 1705276800000


def _lines(text: str) -> list[str]:
    return re.split(r"[\r\n\f]+", text)


def _title(text: str) -> str:
    return next((line.strip() for line in _lines(text) if line.strip()), "")


def _article(text: str, body_key: str = "content", markup: bool = True) -> dict[str, object]:
    """An API's article object: ids, a title, a time, a source, and the body (as HTML or as text)."""
    body = html_body(_lines(text)) if markup else text
    return {"id": 40213, "channelId": 17, "title": _title(text), "publishTime": _PUBLISHED_MS, "source": "某某县人民政府办公室", "hits": 312, body_key: body}


def json_api(text: str) -> bytes:
    """`{"code":0,"data":{…,"content":"<p>…"}}`, every non-ASCII character escaped (`\\u653f`) and `<`, `>`, `&`
    too (`\\u003c`), as many APIs send it (Go's and .NET's encoders escape markup so)."""
    payload = json.dumps({"code": 0, "msg": "success", "data": _article(text)})
    return payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("ascii")


def jsonp(text: str) -> bytes:
    """A JSONP response: the API's object in a jQuery callback, characters as they are."""
    payload = json.dumps({"status": 1, "result": {"article": _article(text, "articleContent")}}, ensure_ascii=False)
    return f"/**/jQuery112406573_1705276800123({payload});".encode()


def json_twice(text: str) -> bytes:
    """An API that encodes its `data` twice: the article object is a JSON string inside the response."""
    inner = json.dumps({"info": _article(text, "contentHtml")}, ensure_ascii=False)
    return json.dumps({"code": 200, "data": inner}, ensure_ascii=False).encode()


def json_array_text(text: str) -> bytes:
    """An array of one record whose body is plain text (a list endpoint), characters as they are."""
    return json.dumps([_article(text, "text", markup=False)], ensure_ascii=False).encode()


def json_list(texts: list[str], twice: bool = False) -> bytes:
    """An API's page of results: `{"code":0,"data":{"total":N,"list":[article, …]}}`, an article per text, with a
    short notice between them (a title and a summary, no body); `twice`: the `data` encoded as a JSON string."""
    articles: list[dict[str, object]] = []
    for number, text in enumerate(texts):
        articles.append(_article(text) | {"id": 40213 + number, "title": _title(text)[:80]})  # a list shows titles, cut
        articles.append({"id": 50000 + number, "title": "关于网站维护的通知", "summary": "网站将于本周六进行维护。"})
    data: object = {"total": len(articles), "page": 1, "list": articles}
    return json.dumps({"code": 0, "data": json.dumps(data, ensure_ascii=False) if twice else data}, ensure_ascii=False).encode()


def json_with_related(text: str, related: list[str]) -> bytes:
    """One article with the site's related articles beside it, each with a title and a long summary."""
    others = [{"title": _title(other)[:80], "summary": "".join(_lines(other)[1:6])[:300]} for other in related]
    return json.dumps({"code": 0, "data": {"article": _article(text), "related": others}}, ensure_ascii=False).encode()


#: JSON files that crawls and tools leave in a folder of reports and that hold no report: name → content.
LEFTOVER_JSON: dict[str, bytes] = {
    "package.json": json.dumps({"name": "crawler", "version": "1.0.0", "scripts": {"crawl": "node crawl.js"}}).encode(),
    "crawler_config.json": json.dumps(
        {"start_urls": ["https://www.example.gov.cn/zwgk/"], "content_selector": "div.article", "delay": 2, "note": "每页抓取二十条"}, ensure_ascii=False
    ).encode(),
    "meta.json": json.dumps({"crawled": "2024-01-15", "count": 31, "site": "某某县人民政府", "failed": []}, ensure_ascii=False).encode(),
    "results.json": b"[]",
    "empty_object.json": b"{}",
}


def _page(inside_body: str, head: str = "") -> bytes:
    """A site's article page with an empty content `<div>`: what the browser would fill is in `inside_body` or `head`."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府信息公开</title>{head}</head>"
        f"<body>{_MENU}<div id='content' class='article'></div>{inside_body}{_FOOTER}</body></html>"
    ).encode()


def _js_string(value: str, quote: str = '"') -> str:
    """A JavaScript string literal for `value`: JSON's escapes, `</` written `<\\/` as pages do."""
    literal = json.dumps(value).replace("</", "<\\/")
    if quote == "'":
        literal = "'" + literal[1:-1].replace('\\"', '"').replace("'", "\\'") + "'"
    return literal


def script_var(text: str) -> bytes:
    """The body in a script variable the page's script writes into an empty `<div>`."""
    script = f"<script>var content = {_js_string(html_body(_lines(text)))};document.getElementById('content').innerHTML = content;</script>"
    return _page(script)


def script_write(text: str) -> bytes:
    """`document.write('…' + '…')`: the body's paragraphs as single-quoted strings joined with `+`."""
    parts = " +\n".join(_js_string(html_body([line]), "'") for line in _lines(text) if line.strip())
    return _page(f"<script type='text/javascript'>document.write({parts});</script>")


def script_state(text: str) -> bytes:
    """A state object in the page's head (`window.__INITIAL_STATE__ = {…}`), rendered by the browser."""
    state = json.dumps({"route": "/art/2024/1/15/art_17_40213.html", "article": _article(text, "contentHtml")}, ensure_ascii=False).replace("</", "<\\/")
    return _page("", head=f"<script>window.__INITIAL_STATE__ = {state};</script>")


def script_template(text: str) -> bytes:
    """The body in a template script (`<script type="text/template">`), a client template's data."""
    return _page(f"<script type='text/template' id='article-tpl'>{html_body(_lines(text))}</script>")


def textarea_hidden(text: str) -> bytes:
    """The body's markup escaped in a hidden textarea, which a script renders."""
    return _page(f"<textarea id='body-src' style='display: none'>{html.escape(html_body(_lines(text)))}</textarea>")


def zipped(text: str) -> bytes:
    """The report as a page in a zip made on Windows: the member's name in GBK without the UTF-8 flag."""
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{html_body(_lines(text))}</body></html>"
    return zip_of({"政府信息公开工作年度报告.html": page.encode()}, names_in="gbk")


def zip_of(members: dict[str, bytes], names_in: str = "utf-8") -> bytes:
    """A zip holding `members`; names in another codec than UTF-8 (`gbk`, `cp437`, or `utf-8-unflagged`) are
    written in it without the UTF-8 flag, as Windows' own zip tool and many Chinese archivers write them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    data = buffer.getvalue()
    if names_in != "utf-8":
        data = _names_in(data, names_in)
    return data


def _names_in(data: bytes, codec: str) -> bytes:
    """The zip with each name's UTF-8 bytes replaced by its bytes in `codec` and the UTF-8 flag (bit 11) cleared,
    in the local headers and the central directory (the lengths change, so the zip is written again)."""
    import struct

    out = io.BytesIO()
    central = []
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        name = info.filename.encode(codec.removesuffix("-unflagged"))
        start = info.header_offset
        _, _, flags, method, time, date, crc, csize, usize, nlen, elen = struct.unpack("<IHHHHHIIIHH", data[start:start + 30])
        payload = data[start + 30 + nlen + elen:start + 30 + nlen + elen + csize]
        offset = out.tell()
        flags &= ~0x800
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, time, date, crc, csize, usize, len(name), 0) + name + payload)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, time, date, crc, csize, usize, len(name), 0, 0, 0, 0, 0, offset) + name)
    directory = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - directory
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, directory, 0))
    return out.getvalue()


def crawled_variants() -> dict[str, tuple[str, Callable[[str], bytes]]]:
    """Every crawled form: name → (the file's ending as a crawler saves it, the maker)."""
    return {
        "json_api": (".json", json_api),
        "jsonp": (".js", jsonp),
        "json_twice": (".json", json_twice),
        "json_array_text": (".json", json_array_text),
        "script_var": (".html", script_var),
        "script_write": (".html", script_write),
        "script_state": (".html", script_state),
        "script_template": (".html", script_template),
        "textarea_hidden": (".html", textarea_hidden),
        "zipped": (".zip", zipped),
    }
