"""Build set AM: 16 whole reports as 文库-style pages and as JS-shell portal pages.
Texts live in texts1..texts4 (one dict a report); this script writes the files and the jsonl."""
import html
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import texts1
import texts2
import texts3
import texts4

HERE = os.path.dirname(os.path.abspath(__file__))

LAB = dict(ad="active_disclosure", ap="application", im="info_management", pf="platform",
           og="organization", pb="problem", iv="improvement", ot="other")
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_ROWS = [
 ("new_received", "一、本年新收政府信息公开申请数量"),
 ("carried_over", "二、上年结转政府信息公开申请数量"),
 ("granted", "三、本年度办理结果 （一）予以公开"),
 ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
 ("denied_state_secret", "（三）不予公开 1.属于国家秘密"),
 ("denied_prohibited", "2.其他法律行政法规禁止公开"),
 ("denied_security_stability", "3.危及“三安全一稳定”"),
 ("denied_third_party", "4.保护第三方合法权益"),
 ("denied_internal_affairs", "5.属于三类内部事务信息"),
 ("denied_process_info", "6.属于四类过程性信息"),
 ("denied_enforcement_files", "7.属于行政执法案卷"),
 ("denied_admin_query", "8.属于行政查询事项"),
 ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
 ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
 ("unavailable_unclear", "3.补正后申请内容仍不明确"),
 ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"),
 ("not_processed_duplicate", "2.重复申请"),
 ("not_processed_publication", "3.要求提供公开出版物"),
 ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
 ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2021 = [("other_overdue_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_misc", "3.其他")]
OTHER_2019 = [("other_handling", "（六）其他处理")]
TAIL = [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

def req_rows(t):
    return REQ_ROWS[:20] + (OTHER_2021 if t == "2021" else OTHER_2019) + TAIL

def vec(v):
    if v is None:
        return [0] * 6
    if isinstance(v, int):
        return [v, 0, 0, 0, 0, 0]
    assert len(v) == 6
    return list(v)

def build_requests(r):
    t = r["template"]
    q = r.get("req", {})
    rows = req_rows(t)
    outs = [k for k, _ in rows[2:-2]]
    vals = {}
    vals["carried_over"] = vec(q.get("carried_over"))
    for k in outs:
        vals[k] = vec(q.get(k))
    vals["carried_forward"] = vec(q.get("carried_forward"))
    vals["total_handled"] = [sum(vals[k][i] for k in outs) for i in range(6)]
    vals["new_received"] = [vals["total_handled"][i] + vals["carried_forward"][i] - vals["carried_over"][i] for i in range(6)]
    assert min(vals["new_received"]) >= 0, r["id"]
    cells = []
    for k, _ in rows:
        for i, c in enumerate(APPL):
            cells.append(dict(table="requests", row=k, col=c, value=vals[k][i]))
        cells.append(dict(table="requests", row=k, col="total", value=sum(vals[k])))
    return vals, cells

def build_active(r):
    t = r["template"]
    a = r["active"]
    cells = []
    lines = []
    def add(row, cols, vs, name):
        for c, v in zip(cols, vs, strict=True):
            cells.append(dict(table="active", row=row, col=c, value=v))
        lines.append([name] + [fmt(v) for v in vs])
    if t == "2021":
        lines.append(["第二十条第（一）项"])
        lines.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"])
        add("regulations", ["issued", "repealed", "in_force"], a["regs"], "规章")
        add("normative_documents", ["issued", "repealed", "in_force"], a["norm"], "行政规范性文件")
        lines.append(["第二十条第（五）项"])
        lines.append(["信息内容", "本年处理决定数量"])
        add("licensing", ["decisions"], [a["lic"]], "行政许可")
        lines.append(["第二十条第（六）项"])
        lines.append(["信息内容", "本年处理决定数量"])
        add("punishment", ["decisions"], [a["pun"]], "行政处罚")
        add("coercion", ["decisions"], [a["coe"]], "行政强制")
        lines.append(["第二十条第（八）项"])
        lines.append(["信息内容", "本年收费金额（单位：万元）"])
        add("fees", ["amount"], [a["fee"]], "行政事业性收费")
    else:
        lines.append(["第二十条第（一）项"])
        lines.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"])
        add("regulations", ["new_made", "new_published", "total_published"], a["regs"], "规章")
        add("normative_documents", ["new_made", "new_published", "total_published"], a["norm"], "规范性文件")
        lines.append(["第二十条第（五）项"])
        lines.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        add("licensing", ["prev_items", "change", "decisions"], a["lic"], "行政许可")
        add("other_services", ["prev_items", "change", "decisions"], a["oth"], "其他对外管理服务事项")
        lines.append(["第二十条第（六）项"])
        lines.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        add("punishment", ["prev_items", "change", "decisions"], a["pun"], "行政处罚")
        add("coercion", ["prev_items", "change", "decisions"], a["coe"], "行政强制")
        lines.append(["第二十条第（八）项"])
        lines.append(["信息内容", "上一年项目数量", "本年增/减"])
        add("fees", ["prev_items", "change"], a["fee"], "行政事业性收费")
        lines.append(["第二十条第（九）项"])
        lines.append(["信息内容", "采购项目数量", "采购总金额"])
        add("procurement", ["items", "amount"], a["proc"], "政府集中采购")
    return lines, cells

def fmt(v):
    if v is None:
        return "—"
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"
    return str(v)

def req_lines(r, vals):
    lines = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
             ["自然人", "法人或其他组织", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    for k, name in req_rows(r["template"]):
        lines.append([name] + [str(x) for x in vals[k]] + [str(sum(vals[k]))])
    return lines

def rl_build(r):
    rl = r.get("rl", {})
    cells = []
    nums = []
    for row in RL_ROWS:
        v = list(rl.get(row, [0, 0, 0, 0]))
        v = v + [sum(v)]
        for c, x in zip(RL_COLS, v, strict=True):
            cells.append(dict(table="review_litigation", row=row, col=c, value=x))
            nums.append(str(x))
    lines = [["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3, nums]
    return lines, cells

def parse(r):
    """-> units: list of dict(kind,label,generic,mixed,unsure,text) and table blocks."""
    vals, reqcells = build_requests(r)
    actlines, actcells = build_active(r)
    rllines, rlcells = rl_build(r)
    subs = {"{NEW}": str(sum(vals["new_received"])), "{CO}": str(sum(vals["carried_over"])),
            "{HANDLED}": str(sum(vals["total_handled"])), "{CF}": str(sum(vals["carried_forward"])),
            "{GRANT}": str(sum(vals["granted"]))}
    units = [dict(kind="heading", label=None, generic=None, mixed=False, text=r["title"])]
    if r["fmt"] == "portal":
        units.append(dict(kind="meta", label=None, generic=None, mixed=False, text="发布时间：{}  来源：{}".format(r["pubdate"], r["agency"])))
    for raw in r["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        code = raw[0]
        if code == "T":
            name = raw.split()[1]
            block = {"active": actlines, "requests": req_lines(r, vals), "rl": rllines}[name]
            for cells in block:
                units.append(dict(kind="table", label=None, generic=None, mixed=False, text=" ".join(cells), cells=cells, tname=name))
            continue
        if code in "HM":
            units.append(dict(kind="heading" if code == "H" else "meta", label=None, generic=None, mixed=False, text=raw[2:].strip()))
            continue
        assert code == "N", raw
        _, lab, flags, text = raw.split(" ", 3)
        for k, v in subs.items():
            text = text.replace(k, v)
        u = dict(kind="narrative", label=LAB[lab], generic="g" in flags, mixed="m" in flags, text=text.strip())
        m = re.search(r"\?(\w\w)", flags)
        if m:
            u["unsure"] = LAB[m.group(1)]
        units.append(u)
    cells = actcells + reqcells + rlcells
    return units, cells, vals

# ---------------- file writers -----------------
ZW = ["\u200b", "\ufeff", "\u00ad"]
DECOY_CHARS = "文档资料复制下载原创力网址道客的了图"

def decoy(s, rng, hidden_cls):
    """insert hidden characters / zero-width characters inside the (escaped) line"""
    if len(s) < 6:
        return html.escape(s)
    n = rng.randint(1, 3)
    pos = sorted(rng.sample(range(1, len(s) - 1), min(n, len(s) - 2)))
    out = []
    last = 0
    for p in pos:
        out.append(html.escape(s[last:p]))
        last = p
        k = rng.random()
        ch = rng.choice(DECOY_CHARS)
        if k < 0.25:
            out.append(f'<span style="display:none">{ch}</span>')
        elif k < 0.45:
            out.append(f'<span style="font-size:0">{ch}</span>')
        elif k < 0.65:
            out.append(f'<span class="{hidden_cls}">{ch}</span>')
        else:
            out.append(rng.choice(ZW))
    out.append(html.escape(s[last:]))
    return "".join(out)

def wrap(s, width):
    return [s[i:i + width] for i in range(0, len(s), width)] or [""]

def write_wenku(r, units, path):
    rng = random.Random(r["id"])
    hid = f"w{rng.randint(16, 255):02x}"
    width = rng.choice([36, 38, 40])
    # build visual lines: (tag, text-or-cells, is_decoy)
    vis = []
    for u in units:
        if u["kind"] == "table":
            vis.append(("row", u["cells"], False))
            continue
        parts = wrap(u["text"], width) if u["kind"] in ("narrative",) else [u["text"]]
        for i, p in enumerate(parts):
            vis.append(("h" if u["kind"] == "heading" else "p", p, u["kind"] == "narrative" or rng.random() < 0.3, i == 0, u is units[-1]))
        vis.append(("end",))
    # paginate: ~30 visual lines a page, never split a paragraph across pages
    pages = []
    cur = []
    count = 0
    para = []
    for v in vis:
        if v[0] == "end" or v[0] == "row":
            if v[0] == "row":
                para.append(v)
            if count + len(para) > 30 and cur:
                pages.append(cur)
                cur = []
                count = 0
            cur.extend(para)
            count += len(para)
            para = []
        else:
            para.append(v)
    if para:
        cur.extend(para)
    if cur:
        pages.append(cur)
    npg = len(pages)
    site = r.get("site", "原创力文档")
    out = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
           '<title>{} - {}</title>'.format(html.escape(r["title"]), site),
           '<meta name="keywords" content="政府信息公开,年度报告,{}">'.format(html.escape(r["agency"])),
           '<style>body{background:#f2f2f2;font-family:SimSun} .page{position:relative;width:794px;height:1123px;margin:12px auto;background:#fff}'
           f' .page div,.page p{{position:absolute;margin:0;white-space:nowrap;font-size:16px}} .{hid}{{display:none}} .wm{{color:#ccc;text-align:center}}'
           ' .btn{display:inline-block;padding:6px 18px;background:#e33;color:#fff}</style></head>',
           f'<body><div class="site-head"><a href="/">{site}</a> <span>首页</span> <span>党政资料</span> <span>工作报告</span> <input placeholder="搜索文档"></div>',
           '<div class="doc-info"><h1 class="doc-title">{}.docx</h1><span>上传人：{}</span> <span>上传时间：{}</span> <span>页数：{:d}</span> <span>格式：DOCX</span> <a class="btn">下载文档</a></div>'
           .format(html.escape(r["title"]), r.get("uploader", "wd2356***"), r.get("upload", f"{r['year'] + 1:d}-03-02"), npg),
           '<div id="pageContainer">']
    for pi, pg in enumerate(pages):
        out.append(f'<div class="page" data-page="{pi + 1:d}">')
        top = 72
        for v in pg:
            if v[0] == "row":
                cells = v[1]
                left = 60
                step = max(50, 660 // max(1, len(cells)))
                for c in cells:
                    out.append(f'<div style="top:{top:d}px;left:{left:d}px">{html.escape(c)}</div>')
                    left += step
            else:
                tag = "div" if v[0] == "h" or rng.random() < 0.5 else "p"
                left = 92 if (v[0] == "p" and v[3]) else 60
                if v[0] == "h" and v[1] == r["title"]:
                    left = 180
                txt = decoy(v[1], rng, hid) if v[2] else html.escape(v[1])
                out.append(f'<{tag} style="top:{top:d}px;left:{left:d}px">{txt}</{tag}>')
            top += 32
        out.append('</div>')
        if pi < npg - 1:
            wm = rng.choice([f"{site} 预览与源文档一致，下载高清无水印",
                             "本文档由用户上传，内容仅供参考，如有侵权请联系删除。",
                             f"{site} 版权所有 预览与源文档一致，下载高清无水印"])
            out.append(f'<div class="wm">{wm}</div>')
            out.append(f'<div class="page-num">第{pi + 1:d}页 / 共{npg:d}页</div>')
            if pi == 1:
                out.append('<div class="read-more"><a class="btn">点击阅读全文</a></div>')
    out.append('</div>')
    out.append(f'<div class="doc-foot"><p>本文档由用户上传，仅供学习交流，下载后请于24小时内删除。</p><a class="btn">下载文档</a> <span>{site}</span></div>')
    out.append('<div class="related"><h3>相关文档</h3><ul><li>2023年乡镇政府信息公开工作年度报告范文</li><li>政务公开工作总结（通用5篇）</li></ul></div>')
    out.append('</body></html>')
    open(path, "w", encoding="utf-8").write("\n".join(out))
    return npg

def content_html(r, units):
    out = []
    i = 0
    body = units[2:] if r["id_portal_skip"] else units
    i = 0
    while i < len(body):
        u = body[i]
        if u["kind"] == "table":
            rows = []
            while i < len(body) and body[i]["kind"] == "table":
                rows.append(body[i]["cells"])
                i += 1
            t = ['<table border="1" cellspacing="0" cellpadding="0" style="width:100%;border-collapse:collapse"><tbody>']
            for cells in rows:
                t.append("<tr>" + "".join(f'<td style="text-align:center"><p>{html.escape(c)}</p></td>' for c in cells) + "</tr>")
            t.append("</tbody></table>")
            out.append("\n".join(t))
            continue
        if u["kind"] == "heading":
            out.append('<p style="text-indent:2em"><strong>{}</strong></p>'.format(html.escape(u["text"])))
        elif u["kind"] == "meta":
            out.append('<p style="text-align:right">{}</p>'.format(html.escape(u["text"])))
        else:
            out.append('<p style="text-indent:2em;line-height:1.75">{}</p>'.format(html.escape(u["text"])))
        i += 1
    return "\n".join(out)

def write_portal(r, units, path):
    r["id_portal_skip"] = True   # title + date lines come from JSON fields, not content
    content = content_html(r, units)
    fields = {"title": r["title"], "publishDate": r["pubdate"], "source": r["agency"],
              "indexCode": r.get("index", f"0000000-{r['year'] + 1:d}-00001"), "content": content,
              "attachments": [], "viewCount": r.get("views", 312)}
    ascii_ = r["escape"]
    js = json.dumps(fields, ensure_ascii=ascii_, separators=(",", ":")).replace("/", "\\/")
    if r["var"] == "pageData":
        script = f"var pageData = {{\"code\":200,\"msg\":\"success\",\"data\":{js}}};"
    else:
        script = "window.__INITIAL_STATE__ = {{\"route\":{{\"path\":\"\\/xxgk\\/ndbg\\/{}\"}},\"article\":{},\"siteName\":{}}};".format(
            r["id"].lower(), js, json.dumps(r["site"], ensure_ascii=ascii_))
    out = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
           '<title>{}</title>'.format(html.escape(r["site"])),
           '<link rel="stylesheet" href="/static/css/app.8c1f2e.css">', '</head><body>',
           '<div class="header"><div class="logo">{}</div><ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li><li>走进{}</li></ul></div>'.format(html.escape(r["site"]), html.escape(r.get("short", "本地"))),
           '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>',
           '<div id="app"></div>',
           '<noscript>您的浏览器未开启JavaScript，请开启JavaScript后浏览本页面。</noscript>',
           '<script>' + script + '</script>',
           '<script src="/static/js/chunk-vendors.3fa1.js"></script><script src="/static/js/app.77be.js"></script>',
           '<div class="footer">主办单位：{} 网站标识码：{} 备案号：{}</div>'.format(html.escape(r["site"]), r.get("wzbs", "4113270001"), r.get("icp", "豫ICP备05012345号")),
           '</body></html>']
    open(path, "w", encoding="utf-8").write("\n".join(out))

# ---------------- main -----------------
def main():
    reps = texts1.REPORTS + texts2.REPORTS + texts3.REPORTS + texts4.REPORTS
    R, L, S, T = [], [], [], []
    for r in reps:
        units, cells, vals = parse(r)
        did = r["id"]
        num = int(did[2:])
        split = "dev" if num % 2 else "held"
        fname = did + ".html"
        if r["fmt"] == "wenku":
            npg = write_wenku(r, units, os.path.join(HERE, fname))
            page = r.get("page") or ("{}页面：报告按页排版（共{:d}页），每行一个定位<div>/<p>，页间夹水印、页码与按钮，词内嵌有隐藏字符和零宽字符，表格为逐格定位的文本行。".format(r.get("site", "原创力文档"), npg))
        else:
            write_portal(r, units, os.path.join(HERE, fname))
            page = r.get("page") or ("未执行脚本时抓取的门户页面：可见标记只有空壳（#app、导航、请开启JavaScript），正文在<script>里{}对象的content字段中（{}）。".format(
                "var pageData" if r["var"] == "pageData" else "window.__INITIAL_STATE__", "中文为\\u转义" if r["escape"] else "中文为原始UTF-8"))
        text = "\n".join(u["text"] for u in units)
        R.append(dict(doc_id=did, agency=r["agency"], year=r["year"], template=r["template"], title=r["title"],
                      level=r["level"], province=r["province"], file=fname, format="html", split=split, text=text, page=page))
        secs = []
        for i, u in enumerate(units):
            rec = dict(doc_id=did, para_index=i, text=u["text"], kind=u["kind"], label=u["label"], mixed=u["mixed"], generic=u["generic"])
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            L.append(rec)
            m = re.match(r"^([一二三四五六])、", u["text"])
            if u["kind"] == "heading" and m:
                secs.append(dict(number="一二三四五六".index(m.group(1)) + 1, name=u["text"], para_index=i))
        S.append(dict(doc_id=did, sections=secs))
        T.append(dict(doc_id=did, template=r["template"], cells=cells))
    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    dump("reports.jsonl", R)
    dump("labels.jsonl", L)
    dump("sections.jsonl", S)
    dump("tables.jsonl", T)
    print("reports", len(R), "lines", len(L))

if __name__ == "__main__":
    main()
