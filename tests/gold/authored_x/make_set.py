"""Build set X from the report texts in reports_dense.py / reports_generic.py.
Writes X01..X16 files, reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl."""

import html
import json
import os

import reports_dense
import reports_generic
from common import (
    COLS6,
    GROUPS,
    LAB,
    OUTCOME_2019,
    OUTCOME_2021,
    REQ_ROWS_2019,
    REQ_ROWS_2021,
    REV_COLS,
    REV_COLS_ZH,
    REV_ROWS,
)

HERE = os.path.dirname(os.path.abspath(__file__))
CN = "一二三四五六"


def build_tables(r):
    """Return list of cells (table,row,col,value) with raw ints (None for blank later)."""
    cells = []
    a = r["active"]
    if r["template"] == "2021":
        for key, k in (("regulations", "reg"), ("normative_documents", "norm")):
            for c, v in zip(("issued", "repealed", "in_force"), a[k], strict=False):
                cells.append(("active", key, c, v))
        for key, k in (("licensing", "lic"), ("punishment", "pun"), ("coercion", "coe")):
            cells.append(("active", key, "decisions", a[k]))
        cells.append(("active", "fees", "amount", a["fee"]))
    else:
        for key, k in (("regulations", "reg"), ("normative_documents", "norm")):
            for c, v in zip(("new_made", "new_published", "total_published"), a[k], strict=False):
                cells.append(("active", key, c, v))
        for key, k in (
            ("licensing", "lic"),
            ("other_services", "oth"),
            ("punishment", "pun"),
            ("coercion", "coe"),
        ):
            for c, v in zip(("prev_items", "change", "decisions"), a[k], strict=False):
                cells.append(("active", key, c, v))
        for c, v in zip(("prev_items", "change"), a["fee"], strict=False):
            cells.append(("active", "fees", c, v))
        for c, v in zip(("items", "amount"), a["proc"], strict=False):
            cells.append(("active", "procurement", c, v))
    q = r["requests"]
    outs = OUTCOME_2021 if r["template"] == "2021" else OUTCOME_2019
    rows = REQ_ROWS_2021 if r["template"] == "2021" else REQ_ROWS_2019
    vec = {}
    for k in outs:
        v = q.get(k, 0)
        vec[k] = [v, 0, 0, 0, 0, 0] if isinstance(v, int) else list(v)

    def v6(x):
        return [x, 0, 0, 0, 0, 0] if isinstance(x, int) else list(x)

    co = v6(q.get("carried_over", 0))
    cf = v6(q.get("carried_forward", 0))
    th = [sum(vec[k][i] for k in outs) for i in range(6)]
    nr = [th[i] + cf[i] - co[i] for i in range(6)]
    assert min(nr) >= 0, r["id"]
    vec.update(new_received=nr, carried_over=co, total_handled=th, carried_forward=cf)
    for k, _ in rows:
        for c, v in zip(COLS6, vec[k], strict=False):
            cells.append(("requests", k, c, v))
        cells.append(("requests", k, "total", sum(vec[k])))
    rv = r.get("review", {})
    for k, _ in REV_ROWS:
        v = list(rv.get(k, [0, 0, 0, 0]))
        for c, x in zip(REV_COLS, v + [sum(v)], strict=False):
            cells.append(("review_litigation", k, c, x))
    return cells


def figures(cells):
    g = {(t, rw, c): v for t, rw, c, v in cells}
    return {
        "NEW": g[("requests", "new_received", "total")],
        "DONE": g[("requests", "total_handled", "total")],
        "CO": g[("requests", "carried_forward", "total")],
        "GR": g[("requests", "granted", "total")],
        "PREV": g[("requests", "carried_over", "total")],
        "REV": g[("review_litigation", "review", "total")],
        "LIT": g[("review_litigation", "litigation_direct", "total")]
        + g[("review_litigation", "litigation_after_review", "total")],
    }


def group_of(k):
    """The rowspan group of a row of 三 ((三)…(六)), or None."""
    if k == "other_handling":
        return None
    for g in GROUPS:
        if k.startswith(g + "_"):
            return g
    return None


def blankify(r, v):
    if v == 0 and r.get("zeros") in ("empty", "dash"):
        return None
    return v


def shown(r, v):
    if v is None:
        return "-" if r.get("zeros") == "dash" else ""
    return str(v)


def table_lines(r, which, cells):
    """Clean-reading lines of a table: header lines and one line per row."""
    g = {(t, rw, c): blankify(r, v) for t, rw, c, v in cells}
    out = []  # (text, rowlabel, [values]) ; header rows have values None
    if which == "active":
        if r["template"] == "2021":
            out.append(("信息内容 本年制发件数 本年废止件数 现行有效件数", None, None))
            for key, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
                out.append((None, zh, [g[("active", key, c)] for c in ("issued", "repealed", "in_force")]))
            out.append(("信息内容 本年处理决定数量", None, None))
            for key, zh in (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制")):
                out.append((None, zh, [g[("active", key, "decisions")]]))
            out.append(("信息内容 本年收费金额（单位：万元）", None, None))
            out.append((None, "行政事业性收费", [g[("active", "fees", "amount")]]))
        else:
            out.append(("信息内容 本年新制作数量 本年新公开数量 对外公开总数量", None, None))
            for key, zh in (("regulations", "规章"), ("normative_documents", "规范性文件")):
                out.append(
                    (
                        None,
                        zh,
                        [g[("active", key, c)] for c in ("new_made", "new_published", "total_published")],
                    )
                )
            out.append(("信息内容 上一年项目数量 本年增/减 处理决定数量", None, None))
            for key, zh in (
                ("licensing", "行政许可"),
                ("other_services", "其他对外管理服务事项"),
                ("punishment", "行政处罚"),
                ("coercion", "行政强制"),
            ):
                out.append((None, zh, [g[("active", key, c)] for c in ("prev_items", "change", "decisions")]))
            out.append(("信息内容 上一年项目数量 本年增/减", None, None))
            out.append((None, "行政事业性收费", [g[("active", "fees", c)] for c in ("prev_items", "change")]))
            out.append(("信息内容 采购项目数量 采购总金额", None, None))
            out.append((None, "政府集中采购", [g[("active", "procurement", c)] for c in ("items", "amount")]))
    elif which == "requests":
        rows = REQ_ROWS_2021 if r["template"] == "2021" else REQ_ROWS_2019
        out.append(
            ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况", None, None)
        )
        out.append(("自然人 法人或其他组织 总计", None, None))
        out.append(("商业企业 科研机构 社会公益组织 法律服务机构 其他", None, None))
        seen = set()
        for k, zh in rows:
            grp = group_of(k)
            if grp and grp not in seen:
                seen.add(grp)
                out.append((GROUPS[grp], None, None))
            if k == "granted":
                out.append(("三、本年度办理结果", None, None))
            out.append((None, zh, [g[("requests", k, c)] for c in COLS6 + ["total"]]))
    else:
        out.append(("行政复议 行政诉讼", None, None))
        out.append(("未经复议直接起诉 复议后起诉", None, None))
        out.append(("结果维持 结果纠正 其他结果 尚未审结 总计 " * 3, None, None))
        vals = []
        for k, _ in REV_ROWS:
            vals += [g[("review_litigation", k, c)] for c in REV_COLS]
        out.append((None, "", vals))
    return out


def row_text(r, lab, vals):
    parts = [lab] + [shown(r, v) for v in vals]
    return " ".join(p for p in parts if p != "").strip()


def parse(r):
    """Yield records: dict(kind, text, label, generic, mixed, unsure, table)"""
    cells = build_tables(r)
    fig = figures(cells)
    recs = []
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        code, _, txt = raw.partition(" ")
        for k, v in fig.items():
            txt = txt.replace(f"{{{k}}}", str(v))
        if code == "H":
            recs.append(dict(kind="heading", text=txt))
        elif code == "M":
            recs.append(dict(kind="meta", text=txt))
        elif code == "T":  # table caption line
            recs.append(dict(kind="heading", text=txt))
        elif code.startswith("@"):
            which = code[1:]
            for t, lab, vals in table_lines(r, which, cells):
                if t is not None:
                    recs.append(dict(kind="table", text=t.strip(), table=which, header=True))
                elif row_text(r, lab, vals):
                    recs.append(
                        dict(kind="table", text=row_text(r, lab, vals), table=which, lab=lab, vals=vals)
                    )
                else:  # a row whose cells are all blank: nothing to read, but the file still has it
                    recs.append(dict(kind="table", text="", table=which, lab=lab, vals=vals, skip=True))
        else:
            L = LAB[code[0]]
            gen = code[1] == "g"
            assert code[1] in "gs", raw
            flags = code[2:]
            unsure = None
            if "?" in flags:
                unsure = LAB[flags[flags.index("?") + 1]]
            recs.append(
                dict(kind="narrative", text=txt, label=L, generic=gen, mixed="m" in flags, unsure=unsure)
            )
    return recs, cells


def write_txt(r, recs):
    m = r
    lines = [
        m["url"],
        "来源：" + m["source"],
        "发布时间：" + m["pubdate"],
        "浏览次数：" + str(m["views"]),
        "字号：【大 中 小】",
        "",
    ]
    glue = r.get("shape") == "glued"
    own = r.get("shape") == "ownline"
    buf = []

    def flush():
        if buf:
            lines.append("".join(buf))
            buf.clear()

    for x in recs:
        if x["kind"] == "narrative" and glue:
            buf.append(x["text"])
            continue
        flush()
        if x["kind"] == "table" and not x.get("header"):
            if own:
                if x["lab"]:
                    lines.append(x["lab"])
                for v in x["vals"]:
                    lines.append(shown(r, v) if shown(r, v) != "" else "")
            else:
                lines.append("\t".join([x["lab"]] + [shown(r, v) for v in x["vals"]]).strip())
        else:
            lines.append(x["text"])
    flush()
    lines += ["", "【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页"]
    return "\n".join(lines) + "\n"


def td(r, v, extra=""):
    return f"<td{extra}>{html.escape(shown(r, v))}</td>"


def html_table(r, which, cells):
    g = {(t, rw, c): blankify(r, v) for t, rw, c, v in cells}
    T = ['<table class="gk-table" border="1" cellspacing="0" cellpadding="0" width="100%">']
    if which == "active":
        if r["template"] == "2021":
            T.append('<tr><td colspan="4">第二十条第（一）项</td></tr>')
            T.append(
                "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            )
            for key, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(zh, "".join(td(r, g[("active", key, c)]) for c in ("issued", "repealed", "in_force")))
                )
            T.append('<tr><td colspan="4">第二十条第（五）项</td></tr>')
            T.append('<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>')
            for key, zh in (("licensing", "行政许可"),):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(zh, td(r, g[("active", key, "decisions")], ' colspan="3"'))
                )
            T.append('<tr><td colspan="4">第二十条第（六）项</td></tr>')
            T.append('<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>')
            for key, zh in (("punishment", "行政处罚"), ("coercion", "行政强制")):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(zh, td(r, g[("active", key, "decisions")], ' colspan="3"'))
                )
            T.append('<tr><td colspan="4">第二十条第（八）项</td></tr>')
            T.append('<tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr>')
            T.append(
                "<tr><td>行政事业性收费</td>{}</tr>".format(td(r, g[("active", "fees", "amount")], ' colspan="3"'))
            )
        else:
            T.append('<tr><td colspan="4">第二十条第（一）项</td></tr>')
            T.append(
                "<tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>"
            )
            for key, zh in (("regulations", "规章"), ("normative_documents", "规范性文件")):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(
                        zh,
                        "".join(
                            td(r, g[("active", key, c)])
                            for c in ("new_made", "new_published", "total_published")
                        ),
                    )
                )
            T.append('<tr><td colspan="4">第二十条第（五）项</td></tr>')
            T.append(
                "<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
            )
            for key, zh in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(
                        zh,
                        "".join(td(r, g[("active", key, c)]) for c in ("prev_items", "change", "decisions")),
                    )
                )
            T.append('<tr><td colspan="4">第二十条第（六）项</td></tr>')
            T.append(
                "<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>"
            )
            for key, zh in (("punishment", "行政处罚"), ("coercion", "行政强制")):
                T.append(
                    "<tr><td>{}</td>{}</tr>".format(
                        zh,
                        "".join(td(r, g[("active", key, c)]) for c in ("prev_items", "change", "decisions")),
                    )
                )
            T.append('<tr><td colspan="4">第二十条第（八）项</td></tr>')
            T.append('<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td></tr>')
            T.append(
                "<tr><td>行政事业性收费</td>{}{}</tr>".format(
                    td(r, g[("active", "fees", "prev_items")]),
                    td(r, g[("active", "fees", "change")], ' colspan="2"'),
                )
            )
            T.append('<tr><td colspan="4">第二十条第（九）项</td></tr>')
            T.append('<tr><td>信息内容</td><td colspan="2">采购项目数量</td><td>采购总金额</td></tr>')
            T.append(
                "<tr><td>政府集中采购</td>{}{}</tr>".format(
                    td(r, g[("active", "procurement", "items")], ' colspan="2"'),
                    td(r, g[("active", "procurement", "amount")]),
                )
            )
    elif which == "requests":
        rows = REQ_ROWS_2021 if r["template"] == "2021" else REQ_ROWS_2019
        T.append(
            '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>'
        )
        T.append(
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
        )
        T.append(
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        )
        len(rows) - 4
        counts = {}
        for k, _ in rows:
            p = group_of(k)
            if p:
                counts[p] = counts.get(p, 0) + 1
        seen = set()
        for k, zh in rows:
            vals = "".join(td(r, g[("requests", k, c)]) for c in COLS6 + ["total"])
            p = group_of(k)
            if k in ("new_received", "carried_over", "carried_forward"):
                T.append(f'<tr><td colspan="3">{zh}</td>{vals}</tr>')
                continue
            lead = f'<td rowspan="{len(rows) - 3:d}">三、本年度办理结果</td>' if k == "granted" else ""
            if p:
                grp = f'<td rowspan="{counts[p]:d}">{GROUPS[p]}</td>' if p not in seen else ""
                seen.add(p)
                T.append(f"<tr>{lead}{grp}<td>{zh}</td>{vals}</tr>")
            else:
                T.append(f'<tr>{lead}<td colspan="2">{zh}</td>{vals}</tr>')
    else:
        T.append('<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>')
        T.append('<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>')
        T.append("<tr>" + "".join(f"<td>{z}</td>" for z in REV_COLS_ZH * 3) + "</tr>")
        T.append(
            "<tr>"
            + "".join(td(r, g[("review_litigation", k, c)]) for k, _ in REV_ROWS for c in REV_COLS)
            + "</tr>"
        )
    T.append("</table>")
    return "\n".join(T)


def write_html(r, recs, cells):
    m = dict(r, title=recs[0]["text"])
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        "<title>{}-{}</title>".format(html.escape(m["title"]), html.escape(m["site"])),
        '<link rel="stylesheet" href="/css/gk_main.css"></head><body>',
        '<div class="top-bar"><a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a> | 繁體</div>',
        '<div class="header"><h1 class="site-name">{}</h1><form class="search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>'.format(html.escape(m["site"])),
        '<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进{}</li></ul>'.format(html.escape(m["place"])),
        '<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>',
        '<div class="gk-left"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li><li>政府信息公开年报</li></ul></div>',
        '<div class="gk-main"><table class="meta-info">',
        "<tr><th>索引号：</th><td>{}</td><th>分类：</th><td>政府信息公开年报</td></tr>".format(m["index_no"]),
        "<tr><th>发布机构：</th><td>{}</td><th>发文日期：</th><td>{}</td></tr>".format(html.escape(m["agency"]), m["pubdate"][:10]),
        '<tr><th>名称：</th><td colspan="3">{}</td></tr>'.format(html.escape(m["title"])),
        "<tr><th>文号：</th><td></td><th>主题词：</th><td>年报</td></tr></table>",
        '<div class="article">',
    ]
    i = 0
    while i < len(recs):
        x = recs[i]
        if x["kind"] == "table":
            which = x["table"]
            while i < len(recs) and recs[i]["kind"] == "table" and recs[i]["table"] == which:
                i += 1
            out.append(html_table(r, which, cells))
            continue
        if i == 0:
            out.append('<h2 class="art-title">{}</h2>'.format(html.escape(x["text"])))
        elif x["kind"] == "heading":
            out.append('<p style="text-indent:2em"><strong>{}</strong></p>'.format(html.escape(x["text"])))
        elif x["kind"] == "meta":
            out.append('<p style="text-align:right">{}</p>'.format(html.escape(x["text"])))
        else:
            out.append('<p style="text-indent:2em">{}</p>'.format(html.escape(x["text"])))
        i += 1
    out += [
        '</div><div class="art-tools">【<a>打印</a>】【<a>关闭</a>】 分享到：</div></div>',
        '<div class="footer">主办：{}　承办：{}　<br>网站标识码：{}　{}　<br>联系电话：{}</div>'.format(html.escape(m["site"]), html.escape(m["agency"]), m["site_code"], m["icp"], m["phone"]),
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def main():
    reps = sorted(reports_dense.REPORTS + reports_generic.REPORTS, key=lambda r: r["id"])
    R, Lb, S, Tb = [], [], [], []
    for r in reps:
        recs, cells = parse(r)
        n = int(r["id"][1:])
        split = "dev" if n % 2 else "held"
        if r["format"] == "txt":
            open(os.path.join(HERE, r["id"] + ".txt"), "w", encoding="utf-8").write(write_txt(r, recs))
        else:
            open(os.path.join(HERE, r["id"] + ".html"), "w", encoding="utf-8").write(
                write_html(r, recs, cells)
            )
        recs = [x for x in recs if not x.get("skip")]
        text = "\n".join(x["text"] for x in recs)
        R.append(
            dict(
                doc_id=r["id"],
                agency=r["agency"],
                year=r["year"],
                template=r["template"],
                title=recs[0]["text"],
                level=r["level"],
                province=r["province"],
                file=r["id"] + "." + r["format"],
                format=r["format"],
                split=split,
                text=text,
                page=r["page"],
                style=r["style"],
            )
        )
        secs = []
        for i, x in enumerate(recs):
            rec = dict(
                doc_id=r["id"],
                para_index=i,
                text=x["text"],
                kind=x["kind"],
                label=x.get("label"),
                mixed=bool(x.get("mixed")),
                generic=x.get("generic") if x["kind"] == "narrative" else None,
            )
            if x.get("unsure"):
                rec["unsure"] = x["unsure"]
            Lb.append(rec)
            if x["kind"] == "heading" and len(x["text"]) > 1 and x["text"][0] in CN and x["text"][1] == "、":
                secs.append(dict(number=CN.index(x["text"][0]) + 1, name=x["text"], para_index=i))
        S.append(dict(doc_id=r["id"], sections=secs))
        Tb.append(
            dict(
                doc_id=r["id"],
                template=r["template"],
                cells=[dict(table=t, row=rw, col=c, value=blankify(r, v)) for t, rw, c, v in cells],
            )
        )
    for name, rows in (("reports", R), ("labels", Lb), ("sections", S), ("tables", Tb)):
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    print(len(R), "reports", len(Lb), "lines")


if __name__ == "__main__":
    main()
