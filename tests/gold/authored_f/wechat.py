"""Render a clean report as an article saved from mp.weixin.qq.com (UTF-8 HTML)."""
from __future__ import annotations

import random
from html import escape

import table_layout as tl
from render_files import RUN_IN
from source import Report

SPAN = 'style="font-size: 15px; color: rgb(62, 62, 62); letter-spacing: 1px;"'
TD = 'style="border: 1px solid rgb(0, 0, 0); padding: 4px; font-size: 12px; text-align: center;"'


def _spans(text: str, rng: random.Random, style: str = SPAN) -> str:
    """Text split over many spans, as the WeChat editor leaves it after edits."""
    out, pos = [], 0
    while pos < len(text):
        n = rng.randint(3, 18)
        out.append(f"<span {style}>{escape(text[pos:pos + n])}</span>")
        pos += n
    return "".join(out)


def _html_table(rows: list[list[tl.Cell]], rng: random.Random) -> str:
    out = ['<section style="overflow-x: auto;"><table style="border-collapse: collapse; width: 100%;">'
           "<tbody>"]
    for row in rows:
        out.append("<tr>")
        for c in row:
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else "")
            out.append(f"<td{span} {TD}><p>{_spans(c.text, rng)}</p></td>" if c.text else f"<td{span} {TD}><br></td>")
        out.append("</tr>")
    return "".join(out) + "</tbody></table></section>"


def _section_table(rows: list[list[tl.Cell]], rng: random.Random) -> str:
    """A table drawn as rows of flex <section> blocks, one block a cell (merged cells: empty blocks)."""
    out = ['<section style="margin: 10px 0; font-size: 12px;">']
    for row in tl.grid(rows, "empty"):
        out.append('<section style="display: flex; flex-flow: row nowrap;">')
        for text in row:
            out.append('<section style="flex: 1 1 0%; border: 1px solid rgb(160, 160, 160); padding: 2px;">'
                       f"<p>{_spans(text, rng) if text else '<br>'}</p></section>")
        out.append("</section>")
    return "".join(out) + "</section>"


def wechat(report: Report) -> tuple[bytes, str, str]:
    o = report.render
    rng = random.Random(report.doc_id)
    tables, runin = o.get("tables", "html"), o.get("runin", "")
    account = o.get("account", report.meta["agency"]).replace("_", " ")
    pub = o.get("pub", f"{int(report.meta['year']) + 1}-01-20").replace("_", " ")
    body: list[str] = []
    done: set[str] = set()
    image_no = 0
    group: list[str] = []
    for line in report.lines[1:]:
        if line.kind == "table":
            if line.table not in done:
                done.add(line.table)
                rows = report.tables[line.table]
                body.append(_section_table(rows, rng) if tables == "sections" else _html_table(rows, rng))
            continue
        if line.kind == "heading":
            if group:
                body.append('<section data-role="paragraph">' + "".join(group) + "</section>")
                group = []
            align = "center" if line.section else "left"
            color = "rgb(192, 0, 0)" if line.section else "rgb(62, 62, 62)"
            style = f'style="font-size: 16px; color: {color};"'
            body.append(f'<p style="text-align: {align};"><strong>{_spans(line.text, rng, style)}</strong></p>')
            if tables == "images" and line.section in (2, 3, 4):
                image_no += 1
                body.append('<p style="text-align: center;"><img class="rich_pages wxw-img" '
                            f'data-src="https://mmbiz.qpic.cn/mmbiz_png/Q3auHgzwzM{image_no}aXk/640?wx_fmt=png" '
                            'data-type="png" data-w="1080" style="width: 100%;"></p>')
            continue
        text = line.text
        lead = ""
        m = RUN_IN.match(text) if runin else None
        if m:
            lead = ('<span style="color: rgb(0, 112, 192);"><strong>'
                    f"{escape(m.group(1))}</strong></span>")
            text = text[m.end():]
        align = ' text-align: right;' if line.kind == "meta" else ""
        indent = "" if line.kind == "meta" else " text-indent: 2em;"
        group.append(f'<section style="margin: 0 8px;"><p style="line-height: 1.75em;{indent}{align}">'
                     f"{lead}{_spans(text, rng)}</p></section>")
    if group:
        body.append('<section data-role="paragraph">' + "".join(group) + "</section>")
    title = escape(report.meta["title"])
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>{title}</title></head>
<body id="activity-detail" class="zh_CN mm_appmsg">
<div class="rich_media_area_primary"><div class="rich_media_area_primary_inner">
<h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content" class="rich_media_meta_list">
<span class="rich_media_meta rich_media_meta_text">原创</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">{escape(account)}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{pub}</em>
</div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
<section style="font-size: 15px; line-height: 1.6;">
{chr(10).join(body)}
</section>
</div>
<div class="rich_media_tool" id="js_toolbar">
<a id="js_view_source" href="##">阅读原文</a>
<span id="js_read_area">阅读 <span id="readNum">{rng.randint(300, 5000)}</span></span>
<span class="js_like">点赞</span><span class="js_share">分享</span><span class="js_watch">在看</span>
</div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div>
<div class="js_preview_tips">预览时标签不可点</div>
<div id="js_bottom_ad_area"></div><div id="js_share_area">收藏 <span>写留言</span></div>
</div></div>
</body></html>
"""
    desc = (f"WeChat article saved from mp.weixin.qq.com, UTF-8 HTML: title in h1, account '{account}' and "
            f"date {pub} above the body; body in div#js_content of nested <section>/<p>, each paragraph's text "
            "split over many inline-styled <span>s; 阅读原文, read count, 点赞/分享/在看, QR prompt and "
            "预览时标签不可点 below; ")
    desc += {"html": "the tables as HTML tables with rowspan/colspan and inline styles",
             "images": "the three tables as images only (<img data-src>, no table text): no table lines in "
                       "`text` and no cells recorded in tables.jsonl",
             "sections": "the tables drawn as rows of flex <section> blocks, one block a cell, merged cells as "
                         "empty blocks after their first slot"}[tables]
    if runin:
        desc += "; each paragraph's run-in title a bold coloured <span> of its own"
    return page.encode("utf-8"), "utf-8", desc
