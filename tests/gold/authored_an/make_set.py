"""Build set AN: sixteen clean-room reports published as OFD (GB/T 33190).

Report texts live in texts_*.py (one dict a report).  This script parses them,
computes the three 2021-template tables, lays every report out on A4 pages and
writes each as an OFD package in one of two producer styles:

* "word": a Word-to-OFD export: one TextObject per printed line, DeltaX with
  `g` repeats, paragraphs wrapped over lines and pages, running header and a
  footer "- N -" per page, tables cell by cell (a wrapped cell is one
  TextObject per line of the cell).
* "pdf": a PDF-to-OFD converter: one TextObject per character (digit / latin
  runs kept as one short run), in drawing order: tables drawn column by column,
  header and footer drawn last on each page.
"""
import json
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from texts_a import REPORTS as RA  # noqa: E402
from texts_b import REPORTS as RB  # noqa: E402
from texts_c import REPORTS as RC  # noqa: E402
from texts_d import REPORTS as RD  # noqa: E402

REPORTS = RA + RB + RC + RD

CODES = dict(ac="active_disclosure", ap="application", im="info_management", pl="platform",
             og="organization", pr="problem", iv="improvement", ot="other")
CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}

# ---------------------------------------------------------------- tables
REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution",
            "social_welfare_org", "legal_service_org", "other_org", "total"]
# (key or None for a group line, printed label)
REQ_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (None, "（三）不予公开"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    (None, "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"),
    ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    (None, "（六）其他处理"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
OUTCOMES = [k for k, _ in REQ_ROWS[3:-2] if k]
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def vec(v):
    if v is None:
        return [0] * 6
    if isinstance(v, int):
        return [v, 0, 0, 0, 0, 0]
    assert len(v) == 6, v
    return list(v)


def compute_tables(R):
    """Return (cells, derived numbers, table print blocks)."""
    cells = []
    a = R["act"]
    # ---- active
    def c(table, row, col, value):
        cells.append(dict(table=table, row=row, col=col, value=value))
    for key, short in (("regulations", "reg"), ("normative_documents", "norm")):
        for col, v in zip(("issued", "repealed", "in_force"), a[short], strict=True):
            c("active", key, col, v)
    for key, short in (("licensing", "lic"), ("punishment", "pun"), ("coercion", "coe")):
        c("active", key, "decisions", a[short])
    c("active", "fees", "amount", a["fee"])
    # ---- requests
    req = {k: vec(R["req"].get(k)) for k in OUTCOMES + ["carried_over", "carried_forward"]}
    handled = [sum(req[k][i] for k in OUTCOMES) for i in range(6)]
    new = [handled[i] + req["carried_forward"][i] - req["carried_over"][i] for i in range(6)]
    assert min(new) >= 0, (R["doc_id"], new)
    req["total_handled"] = handled
    req["new_received"] = new
    rows = {}
    for key, _ in REQ_ROWS:
        if key:
            v = req[key]
            rows[key] = v + [sum(v)]
            for col, x in zip(REQ_COLS, rows[key], strict=True):
                c("requests", key, col, x)
    # ---- review / litigation
    rl = {}
    for key, short in zip(RL_ROWS, ("review", "direct", "after"), strict=True):
        v = list(R["rl"].get(short, (0, 0, 0, 0)))
        rl[key] = v + [sum(v)]
        for col, x in zip(RL_COLS, rl[key], strict=True):
            c("review_litigation", key, col, x)
    nums = dict(N=rows["new_received"][6], D=rows["total_handled"][6], CO=rows["carried_over"][6],
                CF=rows["carried_forward"][6], G=rows["granted"][6], P=rows["partially_granted"][6],
                NCO=rows["new_received"][6] + rows["carried_over"][6],
                R=rl["review"][4], L=rl["litigation_direct"][4] + rl["litigation_after_review"][4])
    return cells, nums, rows, rl


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:.2f}").rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


def table_blocks(R, rows, rl):
    """Grids for layout: list of rows, row = list of (text, colspan). Plus clean text lines."""
    a = R["act"]
    act = dict(widths=[44, 37.33, 37.33, 37.34], rows=[
        [("第二十条第（一）项", 4)],
        [("信息内容", 1), ("本年制发件数", 1), ("本年废止件数", 1), ("现行有效件数", 1)],
        [("规章", 1)] + [(fmt(x), 1) for x in a["reg"]],
        [("行政规范性文件", 1)] + [(fmt(x), 1) for x in a["norm"]],
        [("第二十条第（五）项", 4)],
        [("信息内容", 1), ("本年处理决定数量", 3)],
        [("行政许可", 1), (fmt(a["lic"]), 3)],
        [("第二十条第（六）项", 4)],
        [("信息内容", 1), ("本年处理决定数量", 3)],
        [("行政处罚", 1), (fmt(a["pun"]), 3)],
        [("行政强制", 1), (fmt(a["coe"]), 3)],
        [("第二十条第（八）项", 4)],
        [("信息内容", 1), ("本年收费金额（单位：万元）", 3)],
        [("行政事业性收费", 1), (fmt(a["fee"]), 3)],
    ])
    req_rows = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 8)],
        [("", 1), ("申请人情况", 7)],
        [("", 1), ("自然人", 1), ("法人或其他组织", 5), ("总计", 1)],
        [("", 1), ("", 1), ("商业企业", 1), ("科研机构", 1), ("社会公益组织", 1), ("法律服务机构", 1),
         ("其他", 1), ("", 1)],
    ]
    for key, label in REQ_ROWS:
        if key:
            req_rows.append([(label, 1)] + [(fmt(x), 1) for x in rows[key]])
        else:
            req_rows.append([(label, 1)] + [("", 1)] * 7)
    req = dict(widths=[58] + [14] * 7, rows=req_rows)
    nums = rl["review"] + rl["litigation_direct"] + rl["litigation_after_review"]
    rlt = dict(widths=[10.4] * 15, rows=[
        [("行政复议", 5), ("行政诉讼", 10)],
        [("", 5), ("未经复议直接起诉", 5), ("复议后起诉", 5)],
        [(h, 1) for h in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3],
        [(fmt(x), 1) for x in nums],
    ])
    out = {}
    for name, t in (("T2", act), ("T3", req), ("T4", rlt)):
        t["lines"] = [" ".join(x for x, _ in row if x) for row in t["rows"]]
        out[name] = t
    return out


# ---------------------------------------------------------------- text parsing
CODE_RE = re.compile(r"^([a-z]{2})(\*?)(\+?)(?:\?([a-z]{2}))?$")


def build_units(R):
    cells, nums, rows, rl = compute_tables(R)
    tabs = table_blocks(R, rows, rl)
    units = [dict(text=R["title"], kind="heading", style="title")]
    sections = []
    for raw in R["body"].strip().split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw in tabs:
            for ln in tabs[raw]["lines"]:
                units.append(dict(text=ln, kind="table", style="table"))
            units[-len(tabs[raw]["lines"])]["table_block"] = tabs[raw]
            continue
        for k, v in nums.items():
            raw = raw.replace(f"{{{k}}}", str(v))
        assert "{" not in raw, raw
        if raw.startswith("# "):
            text = raw[2:]
            sections.append(dict(number=CN_NUM[text[0]], name=text, para_index=len(units)))
            units.append(dict(text=text, kind="heading", style="h1"))
        elif raw.startswith("## "):
            units.append(dict(text=raw[3:], kind="heading", style="h2"))
        elif raw.startswith("!> "):
            units.append(dict(text=raw[3:], kind="meta", style="right"))
        elif raw.startswith("! "):
            units.append(dict(text=raw[2:], kind="meta", style="body"))
        else:
            code, text = raw.split(" ", 1)
            m = CODE_RE.match(code)
            assert m, (R["doc_id"], raw)
            u = dict(text=text.strip(), kind="narrative", style="body", label=CODES[m.group(1)],
                     generic=bool(m.group(2)), mixed=bool(m.group(3)))
            if m.group(4):
                u["unsure"] = CODES[m.group(4)]
            units.append(u)
    return units, sections, cells, nums


# ---------------------------------------------------------------- layout (mm)
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 182.0, 37.0, 262.0
BODY = 5.644          # 三号 16pt
TITLE = 7.761         # 二号 22pt
TAB = 3.175           # 小五 9pt
LINE_H = 9.9          # fixed 28pt
TAB_LH = 4.4
NO_START = set("，。、；：？！）》”’%．,.;:)")


def cw(ch, size):
    return size * 0.5 if ord(ch) < 0x2000 else size


def wrap(text, width, size, indent=0.0):
    lines, cur, w, avail = [], "", 0.0, width - indent
    for ch in text:
        c = cw(ch, size)
        if cur and w + c > avail + 1e-6 and ch not in NO_START:
            lines.append(cur)
            cur, w, avail = "", 0.0, width
        cur += ch
        w += c
    if cur:
        lines.append(cur)
    return lines


def text_width(s, size):
    return sum(cw(ch, size) for ch in s)


class Layout:
    def __init__(self, R):
        self.R = R
        self.pages = [[]]
        self.y = TOP
        self.tab_id = 0

    def new_page(self):
        self.pages.append([])
        self.y = TOP

    def put(self, x, base, size, font, s, role, **kw):
        d = dict(t="text", x=round(x, 3), base=round(base, 3), size=size, font=font, s=s, role=role)
        d.update(kw)
        self.pages[-1].append(d)

    def para(self, text, font, size=BODY, indent=2, align="left", lh=LINE_H, before=0.0):
        self.y += before
        lines = wrap(text, RIGHT - LEFT, size, indent * size)
        for i, ln in enumerate(lines):
            if self.y + lh > BOTTOM:
                self.new_page()
            x = LEFT + (indent * size if i == 0 else 0)
            if align == "center":
                x = LEFT + (RIGHT - LEFT - text_width(ln, size)) / 2
            elif align == "right":
                x = RIGHT - 2 * BODY - text_width(ln, size)
            self.put(x, self.y + lh * 0.72, size, font, ln, "body")
            self.y += lh

    def table(self, t):
        self.tab_id += 1
        tid = self.tab_id
        widths = t["widths"]
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        pad = 1.0
        self.y += 2
        first = True
        for ri, row in enumerate(t["rows"]):
            cells, ci = [], 0
            for text, span in row:
                x0, x1 = xs[ci], xs[ci + span]
                lines = wrap(text, x1 - x0 - 2 * pad, TAB) if text else []
                cells.append((ci, x0, x1, text, lines))
                ci += span
            nl = max([len(c[4]) for c in cells] + [1])
            h = nl * TAB_LH + 2.4
            if self.y + h > BOTTOM:
                self.new_page()
                first = True
            if first:
                self.pages[-1].append(dict(t="line", x1=xs[0], y1=self.y, x2=xs[-1], y2=self.y))
                first = False
            for ci, x0, x1, text, lines in cells:
                top = self.y + (h - len(lines) * TAB_LH) / 2
                for li, ln in enumerate(lines):
                    if ci == 0 and len(row) > 1 and widths[0] >= 40:
                        x = x0 + pad + (3.0 if text[0].isdigit() and li == 0 else 0.0)
                    else:
                        x = x0 + (x1 - x0 - text_width(ln, TAB)) / 2
                    self.put(x, top + li * TAB_LH + TAB_LH * 0.78, TAB, "song", ln, "cell",
                             tab=tid, col=ci, row=ri, ln=li)
                self.pages[-1].append(dict(t="line", x1=x0, y1=self.y, x2=x0, y2=self.y + h))
            self.pages[-1].append(dict(t="line", x1=xs[-1], y1=self.y, x2=xs[-1], y2=self.y + h))
            self.y += h
            self.pages[-1].append(dict(t="line", x1=xs[0], y1=self.y, x2=xs[-1], y2=self.y))
        self.y += 3

    def run(self, units):
        for k, u in enumerate(units):
            st, prev = u["style"], (units[k - 1]["style"] if k else None)
            if st == "title":
                self.y += 4
                for ln in wrap(u["text"], RIGHT - LEFT - 10, TITLE):
                    self.put(LEFT + (RIGHT - LEFT - text_width(ln, TITLE)) / 2, self.y + 9 * 0.75,
                             TITLE, "title", ln, "body")
                    self.y += 11
                self.y += 5
            elif st == "h1":
                self.para(u["text"], "hei")
            elif st == "h2":
                self.para(u["text"], "kai")
            elif st == "table":
                if "table_block" in u:
                    self.table(u["table_block"])
            elif st == "right":
                before = LINE_H if prev != "right" else 0.0
                self.para(u["text"], "fang", indent=0, align="right", before=before)
            else:
                self.para(u["text"], "fang")
        # page furniture
        for i, page in enumerate(self.pages):
            hdr = self.R.get("header")
            if hdr:
                page.append(dict(t="text", x=round(LEFT + (RIGHT - LEFT - text_width(hdr, TAB + 0.5)) / 2, 3),
                                 base=20.0, size=TAB + 0.5, font="song", s=hdr, role="header"))
                page.append(dict(t="line", x1=LEFT, y1=22.0, x2=RIGHT, y2=22.0, role="header"))
            foot = f"- {i + 1:d} -"
            fs = 4.939
            if self.R["producer"] == "word":
                x = RIGHT - 8 - text_width(foot, fs) if i % 2 == 0 else LEFT + 8
            else:
                x = (PAGE_W - text_width(foot, fs)) / 2
            page.append(dict(t="text", x=round(x, 3), base=280.0, size=fs, font="song", s=foot, role="footer"))
        return self.pages


# ---------------------------------------------------------------- OFD writing
NS = "http://www.ofdspec.org/2016"
FONTS = {
    "word": [("title", "方正小标宋简体", "方正小标宋简体"), ("hei", "黑体", "SimHei"),
             ("kai", "楷体_GB2312", "KaiTi_GB2312"), ("fang", "仿宋_GB2312", "FangSong_GB2312"),
             ("song", "宋体", "SimSun")],
    "pdf": [("title", "BCDEEE+FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05S"), ("hei", "BCDFEE+SimHei", "SimHei"),
            ("kai", "BCDGEE+KaiTi_GB2312", "KaiTi_GB2312"), ("fang", "BCDHEE+FangSong_GB2312", "FangSong_GB2312"),
            ("song", "BCDIEE+SimSun", "SimSun")],
}


def delta_x(s, size):
    adv = [round(cw(ch, size), 4) for ch in s[:-1]]
    out, i = [], 0
    while i < len(adv):
        j = i
        while j < len(adv) and adv[j] == adv[i]:
            j += 1
        n = j - i
        out.append(f"g {n:d} {fmt_num(adv[i])}" if n > 1 else fmt_num(adv[i]))
        i = j
    return " ".join(out)


def fmt_num(x):
    s = f"{x:.4f}"
    return s.rstrip("0").rstrip(".")


class Ids:
    def __init__(self):
        self.n = 100

    def __call__(self):
        self.n += 1
        return self.n


def text_obj(ids, fid, x, base, size, s, with_dx=True):
    w = text_width(s, size)
    top = base - size * 0.88
    dx = f' DeltaX="{delta_x(s, size)}"' if with_dx and len(s) > 1 else ""
    return (f'<ofd:TextObject ID="{ids():d}" Boundary="{fmt_num(x)} {fmt_num(top)} {fmt_num(w + 0.2)} {fmt_num(size * 1.1)}" Font="{fid:d}" Size="{fmt_num(size)}">'
            '<ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{fmt_num(size * 0.88)}"{dx}>{escape(s)}</ofd:TextCode></ofd:TextObject>')


def path_obj(ids, d, lw=0.353):
    x1, y1, x2, y2 = d["x1"], d["y1"], d["x2"], d["y2"]
    bx, by = min(x1, x2), min(y1, y2)
    return (f'<ofd:PathObject ID="{ids():d}" Boundary="{fmt_num(bx)} {fmt_num(by)} {fmt_num(abs(x2 - x1) + lw)} {fmt_num(abs(y2 - y1) + lw)}" LineWidth="{fmt_num(lw)}" Stroke="true" Fill="false">'
            f'<ofd:StrokeColor Value="0 0 0"/><ofd:AbbreviatedData>M {fmt_num(x1 - bx)} {fmt_num(y1 - by)} L {fmt_num(x2 - bx)} {fmt_num(y2 - by)}</ofd:AbbreviatedData>'
            '</ofd:PathObject>')


RUN_RE = re.compile(r"[0-9A-Za-z.%\-]{1,6}|.", re.S)


def page_xml_word(page, ids, fid):
    objs = []
    for d in page:
        if d["t"] == "line":
            objs.append(path_obj(ids, d, 0.25 if d.get("role") == "header" else 0.353))
        else:
            objs.append(text_obj(ids, fid[d["font"]], d["x"], d["base"], d["size"], d["s"]))
    return objs


def page_xml_pdf(page, ids, fid):
    body = [d for d in page if d.get("role") not in ("header", "footer")]
    furniture = [d for d in page if d.get("role") in ("header", "footer")]
    # tables: the converter draws the rules first, then the cells column by column
    ordered, i = [], 0
    while i < len(body):
        d = body[i]
        if d["t"] == "text" and d.get("tab") or (d["t"] == "line" and i + 1 < len(body)
                                                 and any(e.get("tab") for e in body[i:i + 3])):
            j = i
            block = []
            while j < len(body) and (body[j].get("tab") or body[j]["t"] == "line"):
                block.append(body[j])
                j += 1
            lines = [e for e in block if e["t"] == "line"]
            texts = sorted([e for e in block if e["t"] == "text"], key=lambda e: (e["col"], e["row"], e["ln"]))
            ordered += lines + texts
            i = j
        else:
            ordered.append(d)
            i += 1
    objs = []
    for d in ordered + furniture:
        if d["t"] == "line":
            objs.append(path_obj(ids, d, 0.25 if d.get("role") == "header" else 0.353))
            continue
        x = d["x"]
        for m in RUN_RE.finditer(d["s"]):
            s = m.group(0)
            objs.append(text_obj(ids, fid[d["font"]], x, d["base"], d["size"], s, with_dx=len(s) > 1))
            x += text_width(s, d["size"])
    return objs


def write_ofd(R, pages, path):
    prod = R["producer"]
    ids = Ids()
    fonts = FONTS[prod]
    fid = {}
    font_xml = []
    for i, (key, name, family) in enumerate(fonts):
        fid[key] = i + 2
        font_xml.append(f'<ofd:Font ID="{i + 2:d}" FontName="{escape(name)}" FamilyName="{escape(family)}"/>')
    files = {}
    page_ids = []
    for n, page in enumerate(pages):
        pid = ids()
        page_ids.append(pid)
        objs = page_xml_word(page, ids, fid) if prod == "word" else page_xml_pdf(page, ids, fid)
        files[f"Doc_0/Pages/Page_{n:d}/Content.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="{}"><ofd:Content>'
            '<ofd:Layer ID="{:d}" Type="Body">{}</ofd:Layer></ofd:Content></ofd:Page>'
            .format(NS, ids(), "".join(objs)))
    # seal on the last page, over the sign-off
    last = pages[-1]
    sign = [d for d in last if d["t"] == "text" and d["role"] == "body"][-2:]
    cx = sign[0]["x"] + text_width(sign[0]["s"], BODY) / 2 if sign else 140
    cy = sign[0]["base"] if sign else 230
    r = 21.0
    seal_name = R["agency"]
    stamp = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:PageAnnot xmlns:ofd="{}">'
             '<ofd:Annot ID="{:d}" Type="Stamp" Creator="{}" LastModDate="{}" Visible="true" Print="true">'
             '<ofd:Parameters><ofd:Parameter Name="fp.NameOfSeal">{}</ofd:Parameter></ofd:Parameters>'
             '<ofd:Appearance Boundary="{} {} {} {}">'
             '<ofd:PathObject ID="{:d}" Boundary="0 0 {} {}" LineWidth="1.2" Stroke="true" Fill="false">'
             '<ofd:StrokeColor Value="230 0 0"/><ofd:AbbreviatedData>M {} {} A {} {} 0 1 1 {} {} A {} {} 0 1 1 {} {} C'
             '</ofd:AbbreviatedData></ofd:PathObject>'
             '<ofd:TextObject ID="{:d}" Boundary="{} {} 6 6" Font="{:d}" Size="6"><ofd:FillColor Value="230 0 0"/>'
             '<ofd:TextCode X="0" Y="5.2">★</ofd:TextCode></ofd:TextObject>'
             '</ofd:Appearance></ofd:Annot></ofd:PageAnnot>'
             .format(NS, ids(), escape(R.get("creator", "")), R["pubdate"], escape(seal_name),
                     fmt_num(cx - r), fmt_num(cy - r), 2 * r, 2 * r, ids(), 2 * r, 2 * r,
                     0, r, r, r, 2 * r, r, r, r, 0, r, ids(), fmt_num(r - 3), fmt_num(r - 3), fid["song"]))
    files[f"Doc_0/Annots/Page_{len(pages) - 1:d}/Annotation.xml"] = stamp
    files["Doc_0/Annots/Annotations.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Annotations xmlns:ofd="{NS}"><ofd:Page PageID="{page_ids[-1]:d}">'
        f'<ofd:FileLoc>Page_{len(pages) - 1:d}/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')
    files["Doc_0/PublicRes.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="{}" BaseLoc="Res"><ofd:Fonts>{}</ofd:Fonts></ofd:Res>'
        .format(NS, "".join(font_xml)))
    pages_xml = "".join(f'<ofd:Page ID="{pid:d}" BaseLoc="Pages/Page_{n:d}/Content.xml"/>'
                        for n, pid in enumerate(page_ids))
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{ids.n + 1:d}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
        '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
        f'<ofd:Pages>{pages_xml}</ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>')
    creator = "Microsoft Word / 数科OFD版式转换" if prod == "word" else "PDF2OFD Converter 3.1"
    files["OFD.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="{}" DocType="OFD" Version="1.0"><ofd:DocBody>'
        '<ofd:DocInfo><ofd:DocID>{}</ofd:DocID><ofd:Title>{}</ofd:Title><ofd:Author>{}</ofd:Author>'
        '<ofd:CreationDate>{}</ofd:CreationDate><ofd:Creator>{}</ofd:Creator></ofd:DocInfo>'
        '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'
        .format(NS, R["docid_hex"], escape(R["title"]), escape(R["agency"]), R["pubdate"], creator))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml"] + sorted(
                k for k in files if k.startswith("Doc_0/Pages")) + sorted(
                k for k in files if k.startswith("Doc_0/Annots")):
            zi = zipfile.ZipInfo(name, date_time=tuple(int(x) for x in R["pubdate"].split("-")) + (9, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, files[name])
    return len(pages)


# ---------------------------------------------------------------- main
def main():
    import hashlib
    out = dict(reports=[], labels=[], sections=[], tables=[])
    seen = set()
    for R in REPORTS:
        did = R["doc_id"]
        assert did not in seen
        seen.add(did)
        R["docid_hex"] = hashlib.md5(did.encode()).hexdigest()
        units, sections, cells, nums = build_units(R)
        pages = Layout(R).run(units)
        fname = did + ".ofd"
        npages = write_ofd(R, pages, os.path.join(HERE, fname))
        text = "\n".join(u["text"] for u in units)
        split = "dev" if int(did[2:]) % 2 else "held"
        shape = (f"Word-to-OFD export, {npages:d} A4 pages: one TextObject per printed line (DeltaX with g repeats), "
                 "paragraphs wrapped over lines and pages, running header and '- N -' footer, tables cell by "
                 "cell with wrapped cells over two lines, red stamp annotation on the last page"
                 if R["producer"] == "word" else
                 f"PDF-to-OFD conversion, {npages:d} A4 pages: one TextObject per character (digit runs as one), "
                 "tables drawn rules first then cells column by column, header and footer drawn last on each "
                 "page, red stamp annotation on the last page")
        out["reports"].append(dict(doc_id=did, agency=R["agency"], year=R["year"], template="2021",
                                   title=R["title"], level=R["level"], province=R["province"], file=fname,
                                   format="ofd", split=split, text=text, page=shape,
                                   producer=R["producer"], pages=npages))
        for i, u in enumerate(units):
            rec = dict(doc_id=did, para_index=i, text=u["text"], kind=u["kind"],
                       label=u.get("label"), mixed=u.get("mixed", False),
                       generic=u.get("generic") if u["kind"] == "narrative" else None)
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            out["labels"].append(rec)
        out["sections"].append(dict(doc_id=did, sections=sections))
        out["tables"].append(dict(doc_id=did, template="2021", cells=cells))
    for name, rows in out.items():
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("built", len(out["reports"]), "reports,", len(out["labels"]), "lines")


if __name__ == "__main__":
    main()
