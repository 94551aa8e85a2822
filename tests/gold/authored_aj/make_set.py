"""Build set AJ: Word/WPS 'Save as Web Page' .htm reports, texts and labels.

Report texts live in reports_a.py ... reports_d.py (one dict a report).
Line codes in a report's `body`:
  "H|text"            heading
  "M|text"            meta
  "T1" / "T2" / "T3"  the active / requests / review tables (rows expanded here)
  "<code>|text"       narrative; code = label letter + generic digit, then optional
                      "m" (mixed) and optional "?X" (unsure: other label letter)
Label letters: A active_disclosure, R application, I info_management, L platform,
O organization, X problem, V improvement, T other.
A heading written "H*|一、总体情况" is emitted with Word list numbering: the number goes
into the <![if !supportLists]> span only.
"""
import html
import json
import os
import random
import re

from reports_a import REPORTS as RA
from reports_b import REPORTS as RB
from reports_c import REPORTS as RC
from reports_d import REPORTS as RD
from reports_extra import EXTRA

HERE = os.path.dirname(os.path.abspath(__file__))
LAB = {"A": "active_disclosure", "R": "application", "I": "info_management", "L": "platform",
       "O": "organization", "X": "problem", "V": "improvement", "T": "other"}
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
SHORT = dict(zip(["np", "ce", "ri", "sw", "ls", "oo"], COLS, strict=True))

REQ_ROWS_COMMON = [
    ("granted", "（一）予以公开", None),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”", "（三）不予公开"),
    ("denied_third_party", "4.保护第三方合法权益", "（三）不予公开"),
    ("denied_internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"),
    ("denied_process_info", "6.属于四类过程性信息", "（三）不予公开"),
    ("denied_enforcement_files", "7.属于行政执法案卷", "（三）不予公开"),
    ("denied_admin_query", "8.属于行政查询事项", "（三）不予公开"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("not_processed_complaint", "1.信访举报投诉类申请", "（五）不予处理"),
    ("not_processed_duplicate", "2.重复申请", "（五）不予处理"),
    ("not_processed_publication", "3.要求提供公开出版物", "（五）不予处理"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
]
OTHER_2021 = [
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_misc", "3.其他", "（六）其他处理"),
]
OTHER_2019 = [("other_handling", "（六）其他处理", None)]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"
    return str(v)


def req_cells(spec, template):
    """spec: {"new": {short: n}, "carried": {...}, "out": {row: {short: n}}}"""
    outs = REQ_ROWS_COMMON + (OTHER_2021 if template == "2021" else OTHER_2019)
    grid = {}
    def row(d):
        vals = {c: 0 for c in COLS}
        for k, v in (d or {}).items():
            vals[SHORT[k]] = v
        vals["total"] = sum(vals[c] for c in COLS)
        return vals
    grid["new_received"] = row(spec.get("new"))
    grid["carried_over"] = row(spec.get("carried"))
    for key, _, _ in outs:
        grid[key] = row(spec.get("out", {}).get(key))
    th = {c: sum(grid[k][c] for k, _, _ in outs) for c in COLS + ["total"]}
    grid["total_handled"] = th
    cf = {c: grid["new_received"][c] + grid["carried_over"][c] - th[c] for c in COLS + ["total"]}
    assert all(v >= 0 for v in cf.values()), (spec, cf)
    grid["carried_forward"] = cf
    order = [("new_received", "一、本年新收政府信息公开申请数量", None),
             ("carried_over", "二、上年结转政府信息公开申请数量", None)] + outs + [
             ("total_handled", "（七）总计", None), ("carried_forward", "四、结转下年度继续办理", None)]
    return grid, order


def esc(t):
    return html.escape(t, quote=False)


def runs(text, rnd):
    """Split a text into Word runs: digits and Latin in lang=EN-US spans."""
    parts = re.split(r"([0-9A-Za-z.%@\-]+)", text)
    out = []
    for p in parts:
        if not p:
            continue
        if re.match(r"[0-9A-Za-z.%@\-]+$", p):
            out.append("<span lang=EN-US style='font-size:16.0pt;font-family:仿宋_GB2312;"
                       f"mso-hansi-font-family:\"Times New Roman\";mso-bidi-font-family:\"Times New Roman\"'>{esc(p)}</span>")
        else:
            # Word sometimes breaks a run in the middle of Chinese text (revision marks, proofing)
            if len(p) > 24 and rnd.random() < 0.5:
                k = rnd.randint(6, len(p) - 6)
                chunks = [p[:k], p[k:]]
            else:
                chunks = [p]
            for ch in chunks:
                out.append("<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"
                           f"\"Times New Roman\"'>{esc(ch)}</span>")
    return "".join(out)


def p_body(text, rnd):
    return ("<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;"
            f"mso-line-height-rule:exactly'>{runs(text, rnd)}<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n")


HEAD_NUM = re.compile(r"^((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）))(.*)$")


def p_head(text, listnum, rnd, level):
    font = "黑体" if level == 1 else "楷体_GB2312"
    m = HEAD_NUM.match(text)
    if listnum and m:
        num, rest = m.groups()
        return (f"<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt;mso-list:l0 level{level:d} lfo1;"
                "line-height:28.0pt;mso-line-height-rule:exactly'><![if !supportLists]><span style='font-size:16.0pt;"
                f"font-family:{font};mso-fareast-font-family:{font}'><span style='mso-list:Ignore'>{esc(num)}<span style='font:7.0pt "
                "\"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span style='font-size:16.0pt;"
                f"font-family:{font}'>{esc(rest)}</span><span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n")
    return ("<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly'><b "
            f"style='mso-bidi-font-weight:normal'><span style='font-size:16.0pt;font-family:{font}'>{esc(text)}</span></b>"
            "<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n")


def td(text, w, extra=""):
    t = esc(text) if text not in ("", None) else "&nbsp;"
    return (f"<td width={w:d} {extra} style='width:{w * 0.75:.1f}pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
            "padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'><span "
            f"style='font-size:10.5pt;font-family:宋体'>{t}<o:p></o:p></span></p></td>")


def table_html(rows):
    """rows: list of lists of (text, width, extra)"""
    out = ["<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 "
           "style='width:450.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
           "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"]
    for i, r in enumerate(rows):
        cells = "\n  ".join(td(t, w, e) for t, w, e in r)
        out.append(f" <tr style='mso-yfti-irow:{i:d};height:20.0pt'>\n  {cells}\n </tr>\n")
    out.append("</table></div>\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n")
    return "".join(out)


def build_tables(rep):
    """returns {marker: (text_lines, html, cells)}"""
    tpl = rep["template"]
    res = {}
    # active
    a = rep["active"]
    cells, lines, rows = [], [], []
    def addcells(row, cols, vals):
        for c, v in zip(cols, vals, strict=True):
            cells.append({"table": "active", "row": row, "col": c, "value": v})
    if tpl == "2021":
        groups = [("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                   [("regulations", "规章"), ("normative_documents", "行政规范性文件")], ["issued", "repealed", "in_force"]),
                  ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")], ["decisions"]),
                  ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
                   [("punishment", "行政处罚"), ("coercion", "行政强制")], ["decisions"]),
                  ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费")], ["amount"])]
    else:
        groups = [("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                   [("regulations", "规章"), ("normative_documents", "规范性文件")],
                   ["new_made", "new_published", "total_published"]),
                  ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")], ["prev_items", "change", "decisions"]),
                  ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   [("punishment", "行政处罚"), ("coercion", "行政强制")], ["prev_items", "change", "decisions"]),
                  ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")],
                   ["prev_items", "change"]),
                  ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("procurement", "政府集中采购")],
                   ["items", "amount"])]
    for cap, hdr, rws, cols in groups:
        n = len(hdr)
        lines.append(cap)
        rows.append([(cap, 600, f"colspan={n:d}")])
        lines.append(" ".join(hdr))
        rows.append([(h, 600 // n, "") for h in hdr])
        for key, zh in rws:
            vals = a[key]
            addcells(key, cols, vals)
            lines.append(" ".join([zh] + [fmt(v) for v in vals if v is not None]).strip())
            rows.append([(zh, 600 // n, "")] + [(fmt(v), 600 // n, "") for v in vals])
    res["T1"] = (lines, table_html(rows), cells)
    # requests
    grid, order = req_cells(rep["requests"], tpl)
    cells, lines, rows = [], [], []
    lines += ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
              "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    rows.append([("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 200, "colspan=2 rowspan=3"),
                 ("申请人情况", 400, "colspan=7")])
    rows.append([("自然人", 50, "rowspan=2"), ("法人或其他组织", 250, "colspan=5"), ("总计", 50, "rowspan=2")])
    rows.append([(h, 50, "") for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]])
    seen_groups = set()
    for key, zh, grp in order:
        if key == "granted":
            lines.append("三、本年度办理结果")
        if grp and grp not in seen_groups:
            seen_groups.add(grp)
            lines.append(grp)
        g = grid[key]
        vals = [g[c] for c in COLS] + [g["total"]]
        for c in COLS + ["total"]:
            cells.append({"table": "requests", "row": key, "col": c, "value": g[c]})
        lines.append(" ".join([zh] + [str(v) for v in vals]))
        rows.append([((grp + zh) if grp else zh, 200, "colspan=2")] + [(str(v), 50, "") for v in vals])
    res["T2"] = (lines, table_html(rows), cells)
    # review
    rv = rep["review"]
    cells, vals = [], []
    for rk in ["review", "litigation_direct", "litigation_after_review"]:
        u = list(rv.get(rk, [0, 0, 0, 0]))
        u.append(sum(u))
        for c, v in zip(["upheld", "corrected", "other_result", "pending", "total"], u, strict=True):
            cells.append({"table": "review_litigation", "row": rk, "col": c, "value": v})
        vals += u
    lines = ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
             "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
             " ".join(str(v) for v in vals)]
    sub = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[("行政复议", 200, "colspan=5"), ("行政诉讼", 400, "colspan=10")],
            [("&nbsp;", 200, "colspan=5"), ("未经复议直接起诉", 200, "colspan=5"), ("复议后起诉", 200, "colspan=5")],
            [(s, 40, "") for s in sub * 3], [(str(v), 40, "") for v in vals]]
    rows[1][0] = ("", 200, "colspan=5")
    res["T3"] = (lines, table_html(rows), cells)
    return res


HEADER = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=%(cs)s">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="%(gen)s">
<meta name=Originator content="%(gen)s">
<title>%(title)s</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>%(author)s</o:Author>
  <o:LastAuthor>%(author)s</o:LastAuthor>
  <o:Revision>%(rev)d</o:Revision>
  <o:Created>%(created)s</o:Created>
  <o:Pages>%(pages)d</o:Pages>
  <o:Company>%(company)s</o:Company>
 </o:DocumentProperties>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:SpellingState>Clean</w:SpellingState>
  <w:GrammarState>Clean</w:GrammarState>
  <w:PunctuationKerning/>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
  <w:DisplayHorizontalDrawingGridEvery>0</w:DisplayHorizontalDrawingGridEvery>
  <w:DisplayVerticalDrawingGridEvery>2</w:DisplayVerticalDrawingGridEvery>
  <w:Compatibility>
   <w:SpaceForUL/>
   <w:BalanceSingleByteDoubleByteWidth/>
   <w:DoNotLeaveBackslashAlone/>
   <w:UseFELayout/>
  </w:Compatibility>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-charset:134;
	mso-generic-font-family:auto;
	mso-font-pitch:variable;}
 @font-face
	{font-family:仿宋_GB2312;
	mso-font-charset:134;
	mso-generic-font-family:modern;
	mso-font-pitch:fixed;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	margin-bottom:.0001pt;
	text-align:justify;
	text-justify:inter-ideograph;
	mso-pagination:none;
	font-size:10.5pt;
	mso-bidi-font-size:12.0pt;
	font-family:"Times New Roman",serif;
	mso-fareast-font-family:宋体;
	mso-font-kerning:1.0pt;}
p.MsoListParagraph, li.MsoListParagraph, div.MsoListParagraph
	{mso-style-priority:34;
	margin:0cm;
	text-indent:21.0pt;
	mso-char-indent-count:2.0;
	font-size:10.5pt;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;
	mso-header-margin:42.55pt;
	mso-footer-margin:49.6pt;
	mso-paper-source:0;
	layout-grid:15.6pt;}
div.WordSection1
	{page:WordSection1;}
 /* List Definitions */
 @list l0
	{mso-list-id:%(listid)d;
	mso-list-type:hybrid;
	mso-list-template-ids:-1580395342 -1 67698713 67698715;}
@list l0:level1
	{mso-level-number-format:chinese-counting;
	mso-level-text:%%1、;
	mso-level-tab-stop:none;
	mso-level-number-position:left;
	margin-left:32.0pt;
	text-indent:-32.0pt;}
@list l0:level2
	{mso-level-number-format:chinese-counting;
	mso-level-text:（%%2）;
	mso-level-tab-stop:none;
	mso-level-number-position:left;
	margin-left:32.0pt;
	text-indent:-32.0pt;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;
	mso-tstyle-colband-size:0;
	mso-style-noshow:yes;
	mso-padding-alt:0cm 5.4pt 0cm 5.4pt;
	font-size:10.5pt;}
</style>
<![endif]--><!--[if gte mso 9]><xml>
 <o:shapedefaults v:ext="edit" spidmax="1026"/>
</xml><![endif]-->
</head>
"""

CMS_TOP = """<body>
<div class="site-header"><div class="top-bar"><a href="/">首页</a> | <a href="/wza/">无障碍</a> | <a href="/en/">English</a></div>
<div class="logo"><img src="/images/logo_%(slug)s.png" alt="%(site)s"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">您现在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="article">
<h1 class="art-title">%(title)s</h1>
<div class="art-info">发布时间：%(pub)s　来源：%(source)s　浏览次数：<span id="hits">%(hits)d</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="art-content" id="zoom">
"""
CMS_BOTTOM = """</div>
<div class="art-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="site-footer"><p>主办：%(site)s　地址：%(addr)s　邮编：%(zip)s</p><p>网站标识码：%(wzbs)s　%(icp)s</p></div>
</body>
"""


def build(rep, rnd):
    tables = build_tables(rep) if rep["template"] in ("2019", "2021") else {}
    lines = []  # dicts
    body_html = []
    sections = []
    # Word list numbering on about half the headings: where the author numbered few level-1
    # headings by list, the （一）…（五） subheadings were list-numbered instead.
    few = sum(1 for b in rep["body"] if b.startswith("H*|")) < 4
    for item in rep["body"]:
        if few and item.startswith("H|（"):
            item = "H*|" + item[2:]
        if item in tables:
            tl, th, _ = tables[item]
            for t in tl:
                lines.append(dict(text=t, kind="table", label=None, mixed=False, generic=None))
            body_html.append(th)
            continue
        code, text = item.split("|", 1)
        text = text.strip()
        if code.startswith("H"):
            listnum = code == "H*"
            level = 1 if re.match(r"^[一二三四五六七八九十]+、", text) else 2
            if text == rep["title"]:
                body_html.append("<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt;"
                                 "mso-line-height-rule:exactly'><span style='font-size:22.0pt;font-family:方正小标宋简体'>"
                                 f"{esc(text)}</span><span lang=EN-US style='font-size:22.0pt'><o:p></o:p></span></p>\n")
            else:
                body_html.append(p_head(text, listnum, rnd, level))
            if level == 1 and text != rep["title"]:
                m = re.match(r"^([一二三四五六七八九十]+)、", text)
                num = "一二三四五六七八九十".index(m.group(1)) + 1
                sections.append({"number": num, "name": text, "para_index": len(lines)})
            lines.append(dict(text=text, kind="heading", label=None, mixed=False, generic=None))
        elif code == "M":
            align = "right" if re.search(r"\d{4}年\d+月\d+日$", text) or text.endswith("局") or text.endswith("队") or text.endswith("站") or text.endswith("关") else "left"
            body_html.append(f"<p class=MsoNormal align={align} style='text-align:{align};line-height:28.0pt;mso-line-height-rule:"
                             f"exactly'>{runs(text, rnd)}<span lang=EN-US style='font-size:16.0pt'><o:p></o:p></span></p>\n")
            lines.append(dict(text=text, kind="meta", label=None, mixed=False, generic=None))
        else:
            m = re.match(r"^([ARILOXVT])([01])(m?)(?:\?([ARILOXVT]))?$", code)
            assert m, (rep["doc_id"], item)
            d = dict(text=text, kind="narrative", label=LAB[m.group(1)], mixed=bool(m.group(3)),
                     generic=m.group(2) == "1")
            if m.group(4):
                d["unsure"] = LAB[m.group(4)]
            lines.append(d)
            body_html.append(p_body(text, rnd))
    cs = rep.get("charset", "gb2312")
    meta = dict(cs=cs, gen=rep.get("generator", "Microsoft Word 15"), title=esc(rep["title"]),
                author=rep.get("author", "Administrator"), rev=rnd.randint(2, 19),
                created="{:d}-{:02d}-{:02d}T0{:d}:{:02d}:00Z".format(rep["year"] + 1, rnd.randint(1, 2), rnd.randint(3, 27),
                                                                rnd.randint(1, 8), rnd.randint(0, 59)),
                pages=rnd.randint(5, 9), company=rep.get("company", ""), listid=rnd.randint(100000000, 2000000000))
    doc = HEADER % meta
    body = "".join(body_html)
    ws = "<div class=WordSection1 style='layout-grid:15.6pt'>\n\n" + body + "\n</div>\n"
    if rep.get("cms"):
        c = dict(rep["cms"])
        c["title"] = esc(rep["title"])
        doc += CMS_TOP % c + ws + CMS_BOTTOM % c + "\n</html>\n"
    else:
        doc += "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n\n" + ws + "\n</body>\n\n</html>\n"
    enc = "gb2312" if cs.lower() == "gb2312" else "utf-8"
    data = doc.encode(enc, errors="xmlcharrefreplace")
    return lines, sections, tables, data


def main():
    reports = RA + RB + RC + RD
    reports.sort(key=lambda r: r["doc_id"])
    out_r, out_l, out_s, out_t = [], [], [], []
    for rep in reports:
        for anchor, add in EXTRA.get(rep["doc_id"], []):
            idx = [i for i, b in enumerate(rep["body"]) if b.startswith(anchor)]
            assert len(idx) == 1, (rep["doc_id"], anchor)
            rep["body"][idx[0] + 1:idx[0] + 1] = add
        rnd = random.Random(rep["doc_id"])
        lines, sections, tables, data = build(rep, rnd)
        fn = rep["doc_id"] + ".htm"
        with open(os.path.join(HERE, fn), "wb") as f:
            f.write(data)
        n = int(rep["doc_id"][2:])
        out_r.append(dict(doc_id=rep["doc_id"], agency=rep["agency"], year=rep["year"], template=rep["template"],
                          title=rep["title"], level=rep["level"], province=rep["province"], file=fn, format="htm",
                          split="dev" if n % 2 else "held", text="\n".join(ln["text"] for ln in lines),
                          page=rep["page"]))
        for i, ln in enumerate(lines):
            rec = dict(doc_id=rep["doc_id"], para_index=i, text=ln["text"], kind=ln["kind"], label=ln["label"],
                       mixed=ln["mixed"], generic=ln["generic"])
            if "unsure" in ln:
                rec["unsure"] = ln["unsure"]
            out_l.append(rec)
        out_s.append(dict(doc_id=rep["doc_id"], sections=sections))
        if tables:
            cells = tables["T1"][2] + tables["T2"][2] + tables["T3"][2]
            out_t.append(dict(doc_id=rep["doc_id"], template=rep["template"], cells=cells))
    for name, rows in [("reports", out_r), ("labels", out_l), ("sections", out_s), ("tables", out_t)]:
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(out_r), "reports", len(out_l), "lines")


if __name__ == "__main__":
    main()
