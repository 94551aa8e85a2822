"""Build set AI: scanned county reports (image pages + invisible OCR text layer).
Run: /work/main/.venv/bin/python make_set.py   (texts live in texts_*.py)"""
import io
import json
import math
import os
import random
import re

import texts_a
import texts_b
import texts_c
import texts_d
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
pdfmetrics.registerFont(TTFont("ocr", FONT, subfontIndex=0))
DPI = 150
W, H = 1240, 1754
LAB = {"ad": "active_disclosure", "ap": "application", "im": "info_management", "pf": "platform",
       "og": "organization", "pb": "problem", "iv": "improvement", "ot": "other"}
NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}

COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org", "total"]
REQ_ROWS = [
 ("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
 ("granted", "三、（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
 ("denied_state_secret", "（三）不予公开 1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
 ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
 ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
 ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
 ("unavailable_not_held", "（四）无法提供 1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
 ("unavailable_unclear", "3.补正后申请内容仍不明确"), ("not_processed_complaint", "（五）不予处理 1.信访举报投诉类申请"),
 ("not_processed_duplicate", "2.重复申请"), ("not_processed_publication", "3.要求提供公开出版物"),
 ("not_processed_mass_repeat", "4.无正当理由大量反复申请"), ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER21 = [("other_overdue_correction", "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
           ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
           ("other_misc", "3.其他")]
OTHER19 = [("other_handling", "（六）其他处理")]
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def fmt(v):
    return "/" if v is None else (str(v) if not isinstance(v, float) else (f"{v:g}"))


def build_tables(R):
    """return (table text lines, cells)"""
    t = R["template"]
    cells = []
    lines = []
    A = R["active"]
    if t == "2021":
        lines.append("信息内容 本年制发件数 本年废止件数 现行有效件数")
        for key, zh, vals in (("regulations", "规章", A[0:3]), ("normative_documents", "行政规范性文件", A[3:6])):
            for c, v in zip(("issued", "repealed", "in_force"), vals, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=v))
            lines.append(zh + " " + " ".join(fmt(v) for v in vals))
        lines.append("信息内容 本年处理决定数量")
        for key, zh, v in (("licensing", "行政许可", A[6]), ("punishment", "行政处罚", A[7]), ("coercion", "行政强制", A[8])):
            cells.append(dict(table="active", row=key, col="decisions", value=v))
            lines.append(zh + " " + fmt(v))
        lines.append("信息内容 本年收费金额（单位：万元）")
        cells.append(dict(table="active", row="fees", col="amount", value=A[9]))
        lines.append("行政事业性收费 " + fmt(A[9]))
    else:
        lines.append("信息内容 本年新制作数量 本年新公开数量 对外公开总数量")
        for key, zh, vals in (("regulations", "规章", A[0:3]), ("normative_documents", "规范性文件", A[3:6])):
            for c, v in zip(("new_made", "new_published", "total_published"), vals, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=v))
            lines.append(zh + " " + " ".join(fmt(v) for v in vals))
        lines.append("信息内容 上一年项目数量 本年增/减 处理决定数量")
        for i, (key, zh) in enumerate((("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))):
            vals = A[6 + 3 * i: 9 + 3 * i]
            for c, v in zip(("prev_items", "change", "decisions"), vals, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=v))
            lines.append(zh + " " + " ".join(fmt(v) for v in vals))
        lines.append("信息内容 上一年项目数量 本年增/减 处理决定数量")
        for i, (key, zh) in enumerate((("punishment", "行政处罚"), ("coercion", "行政强制"))):
            vals = A[12 + 3 * i: 15 + 3 * i]
            for c, v in zip(("prev_items", "change", "decisions"), vals, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=v))
            lines.append(zh + " " + " ".join(fmt(v) for v in vals))
        lines.append("信息内容 上一年项目数量 本年增/减")
        for c, v in zip(("prev_items", "change"), A[18:20], strict=True):
            cells.append(dict(table="active", row="fees", col=c, value=v))
        lines.append("行政事业性收费 " + " ".join(fmt(v) for v in A[18:20]))
        lines.append("信息内容 采购项目数量 采购总金额")
        for c, v in zip(("items", "amount"), A[20:22], strict=True):
            cells.append(dict(table="active", row="procurement", col=c, value=v))
        lines.append("政府集中采购 " + " ".join(fmt(v) for v in A[20:22]))
    T2 = lines
    # requests
    Q = R.get("req", {})
    rows = REQ_ROWS + (OTHER21 if t == "2021" else OTHER19)
    def vec(k):
        v = Q.get(k, 0)
        return list(v) if isinstance(v, (list, tuple)) else [v, 0, 0, 0, 0, 0]
    data = {}
    for k, _ in rows:
        data[k] = vec(k)
    data["new_received"] = vec("new_received")
    data["carried_over"] = vec("carried_over")
    th = [sum(data[k][i] for k, _ in rows[2:]) for i in range(6)]
    cf = [data["new_received"][i] + data["carried_over"][i] - th[i] for i in range(6)]
    assert all(x >= 0 for x in cf), (R["doc_id"], cf)
    data["total_handled"] = th
    data["carried_forward"] = cf
    allrows = rows + [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
    T3 = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
          "申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for k, zh in allrows:
        v = data[k] + [sum(data[k])]
        for c, x in zip(COLS, v, strict=True):
            cells.append(dict(table="requests", row=k, col=c, value=x))
        T3.append(zh + " " + " ".join(str(x) for x in v))
    RL = R.get("rl", {})
    flat = []
    for r in RL_ROWS:
        v = list(RL.get(r, (0, 0, 0, 0)))
        v = v + [sum(v)]
        for c, x in zip(RL_COLS, v, strict=True):
            cells.append(dict(table="review_litigation", row=r, col=c, value=x))
        flat += v
    T4 = ["行政复议 行政诉讼（未经复议直接起诉） 行政诉讼（复议后起诉）",
          "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
          " ".join(str(x) for x in flat)]
    return {"@T2": T2, "@T3": T3, "@T4": T4}, cells, sum(data["new_received"])


def parse(R):
    """-> list of unit dicts (text, kind, label, mixed, generic, unsure)"""
    tabs, cells, newrec = (build_tables(R) if R["template"] != "old" else ({}, None, None))
    units = []
    for raw in R["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw in tabs:
            for ln in tabs[raw]:
                units.append(dict(text=ln, kind="table", label=None, mixed=False, generic=None))
            continue
        code, text = raw.split(" ", 1)
        text = text.strip()
        if code == "H":
            units.append(dict(text=text, kind="heading", label=None, mixed=False, generic=None))
        elif code == "M":
            units.append(dict(text=text, kind="meta", label=None, mixed=False, generic=None))
        elif code == "T":
            units.append(dict(text=text, kind="table", label=None, mixed=False, generic=None))
        else:
            m = re.fullmatch(r"([a-z]{2})(g?)(x?)(?:\?([a-z]{2}))?", code)
            assert m, (R["doc_id"], raw)
            u = dict(text=text, kind="narrative", label=LAB[m.group(1)], mixed=bool(m.group(3)),
                     generic=bool(m.group(2)))
            if m.group(4):
                u["unsure"] = LAB[m.group(4)]
            units.append(u)
    return units, cells, newrec


# ---------------- rendering ----------------
def font(px):
    return ImageFont.truetype(FONT, px, index=0)


def wrap(text, px, width):
    f = font(px)
    out = []
    cur = ""
    for ch in text:
        if f.getlength(cur + ch) > width:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        out.append(cur)
    return out


def ocr_noise(line, rng, table=False):
    """one typical OCR error on a line"""
    opts = []
    if table and re.search(r"\d\d", line):
        opts.append(lambda s: re.sub(r"(\d)(\d)", r"\1 \2", s, count=1))
    if "0" in line:
        opts.append(lambda s: s.replace("0", "O", 1))
    if "1" in line:
        opts.append(lambda s: s.replace("1", "l", 1))
    if "已" in line:
        opts.append(lambda s: s.replace("已", "己", 1))
    if "日" in line:
        opts.append(lambda s: s.replace("日", "曰", 1))
    if "政府信息" in line:
        opts.append(lambda s: s.replace("政府信息", "政 府 信 息", 1))
    if "，" in line:
        opts.append(lambda s: s.replace("，", ",", 1))
    if "（" in line:
        opts.append(lambda s: s.replace("（", "(", 1))
    if not table and len(line) > 8:
        i = rng.randrange(2, len(line) - 2)
        if line[i] not in "0123456789":
            opts.append(lambda s, i=i: s[:i] + s[i + 1:])
            opts.append(lambda s, i=i: s[:i] + s[i] + s[i:])
    if not opts:
        return line
    return rng.choice(opts)(line)


def seal(img, cx, cy, name, rng):
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    r = 118
    red = (215, 30, 35, 175)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=7)
    # star
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = 34 if k % 2 == 0 else 14
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=red)
    f = font(26)
    n = len(name)
    span = 240
    for i, ch in enumerate(name):
        ang = -span / 2 + span * (i + 0.5) / n  # degrees from top
        a = math.radians(ang - 90)
        x = cx + (r - 30) * math.cos(a)
        y = cy + (r - 30) * math.sin(a)
        tile = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((6, 4), ch, font=f, fill=red)
        tile = tile.rotate(-ang, resample=Image.BICUBIC)
        layer.alpha_composite(tile, (int(x - 20), int(y - 20)))
    img.alpha_composite(layer)


def garble(name, rng):
    sub = {"人": "入", "政": "玫", "府": "庍", "县": "昙", "局": "扃", "公": "㕓", "室": "窒", "会": "佘", "委": "麥",
           "民": "氏", "办": "カ", "员": "贝", "源": "原", "务": "多", "生": "牛"}
    s = "".join(sub.get(c, c) if rng.random() < 0.5 else c for c in name)
    s = s[:3] + rng.choice(["·", "'", "ˇ", "“"]) + s[3:]
    return "★" + s[::-1][: max(3, len(s) // 2)] + s[len(s) // 2:] + rng.choice(["冖", "：", "亠"])


def render(R, units, path):
    rng = random.Random(R["doc_id"])
    pages = []  # list of (img, [ (x,y,px,ocrtext) ])
    def newpage():
        img = Image.new("RGBA", (W, H), (252, 251, 247, 255))
        pages.append((img, []))
        return img
    img = newpage()
    d = ImageDraw.Draw(img)
    y = 150
    L, Rm = 130, 1110
    seal_done = False
    i = 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            # gather a run of table lines
            j = i
            while j < len(units) and units[j]["kind"] == "table":
                j += 1
            run = units[i:j]
            for tu in run:
                parts = tu["text"].split(" ")
                k = len(parts)
                while k > 0 and re.fullmatch(r"-?\d+(?:\.\d+)?|/", parts[k - 1]):
                    k -= 1
                if 1 <= k < len(parts):
                    parts = [" ".join(parts[:k])] + parts[k:]
                long = len(parts) > 12
                px = 17 if long else 20
                rowh = 50 if len(parts[0]) > 26 else 36
                if y + rowh > H - 120:
                    img = newpage()
                    d = ImageDraw.Draw(img)
                    y = 150
                if len(parts) >= 7 and not long:
                    lw = 470
                elif long:
                    lw = 0
                else:
                    lw = 360
                ncol = len(parts) - (1 if lw else 0)
                cw = (Rm - L - lw) / max(1, ncol)
                x0 = L
                cellsxy = []
                if lw:
                    cellsxy.append((x0, lw, parts[0]))
                    x0 += lw
                    rest = parts[1:]
                else:
                    rest = parts
                for p in rest:
                    cellsxy.append((x0, cw, p))
                    x0 += cw
                for (cx, w, p) in cellsxy:
                    d.rectangle([cx, y, cx + w, y + rowh], outline=(40, 40, 40), width=2)
                    fp = px
                    while font(fp).getlength(p) > w - 8 and fp > 15:
                        fp -= 1
                    if font(fp).getlength(p) > w - 8:
                        ls = wrap(p, fp, w - 8)
                    else:
                        ls = [p]
                    for k, lp in enumerate(ls[:2]):
                        d.text((cx + 4, y + 4 + k * (fp + 2)), lp, font=font(fp), fill=(20, 20, 20))
                ocr = tu["text"]
                if rng.random() < 0.12:
                    ocr = ocr_noise(ocr, rng, table=True)
                pages[-1][1].append((L + 4, y + 6, px, ocr))
                y += rowh
            y += 24
            i = j
            continue
        if u["kind"] == "heading" and i == 0 or (i == 0):
            px = 36
            lines = wrap(u["text"], px, Rm - L - 40)
            for ln in lines:
                x = (W - font(px).getlength(ln)) / 2
                d.text((x, y), ln, font=font(px), fill=(10, 10, 10))
                pages[-1][1].append((x, y, px, ln))
                y += 58
            y += 30
            i += 1
            continue
        px = 27
        indent = 2 * px if u["kind"] == "narrative" else 0
        if u["kind"] == "meta" and i >= len(units) - 3:
            # sign-off: right aligned
            x = Rm - font(px).getlength(u["text"]) - 40
            lines = [u["text"]]
        else:
            lines = wrap(u["text"], px, Rm - L - indent)
            x = L + indent
        if y + 46 * min(len(lines), 2) > H - 120:
            img = newpage()
            d = ImageDraw.Draw(img)
            y = 150
        for k, ln in enumerate(lines):
            if y + 46 > H - 110:
                img = newpage()
                d = ImageDraw.Draw(img)
                y = 150
            xx = x if k == 0 else L
            fnt = font(px)
            d.text((xx, y), ln, font=fnt, fill=(15, 15, 15))
            if u["kind"] == "heading":
                d.text((xx + 1, y), ln, font=fnt, fill=(15, 15, 15))
            ocr = ln
            if rng.random() < 0.07:
                ocr = ocr_noise(ln, rng)
            pages[-1][1].append((xx, y, px, ocr))
            y += 46
        if u["kind"] == "meta" and not seal_done and i >= len(units) - 3:
            seal_done = True
            sx = int(Rm - 40 - font(px).getlength(u["text"]) / 2)
            sy = int(y - 10)
            seal(img, sx, sy, R["seal"], rng)
            pages[-1][1].append((sx - 100, sy + 80, 22, garble(R["seal"], rng)))
        i += 1
    # write pdf
    c = canvas.Canvas(path, pagesize=(W * 72 / DPI, H * 72 / DPI))
    c.setTitle("")
    c.setCreator("ScanOCR 6.2")
    for _pi, (img, ocr) in enumerate(pages):
        im = img.convert("RGB")
        # scan look: slight skew on some pages, speckle
        ang = 0.0
        if rng.random() < 0.5:
            ang = rng.choice([-1, 1]) * rng.uniform(0.5, 1.0)
            im = im.rotate(ang, resample=Image.BICUBIC, fillcolor=(250, 250, 246))
        dd = ImageDraw.Draw(im)
        for _ in range(400):
            px_, py_ = rng.randrange(W), rng.randrange(H)
            g = rng.randrange(120, 200)
            dd.point((px_, py_), fill=(g, g, g))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=55)
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, W * 72 / DPI, H * 72 / DPI)
        for (x, y, px, t) in ocr:
            pt = px * 72 / DPI
            to = c.beginText()
            to.setTextRenderMode(3)
            to.setFont("ocr", pt)
            to.setTextOrigin(x * 72 / DPI, (H - y - px * 0.85) * 72 / DPI)
            to.textOut(t)
            c.drawText(to)
        c.showPage()
    c.save()
    return len(pages)


def main():
    reps = texts_a.REPORTS + texts_b.REPORTS + texts_c.REPORTS + texts_d.REPORTS
    reps.sort(key=lambda r: r["doc_id"])
    fr = open(os.path.join(HERE, "reports.jsonl"), "w")
    fl = open(os.path.join(HERE, "labels.jsonl"), "w")
    fs = open(os.path.join(HERE, "sections.jsonl"), "w")
    ft = open(os.path.join(HERE, "tables.jsonl"), "w")
    for R in reps:
        units, cells, newrec = parse(R)
        n = render(R, units, os.path.join(HERE, R["doc_id"] + ".pdf"))
        secs = []
        for k, u in enumerate(units):
            m = re.match(r"^([一二三四五六七八九])、", u["text"])
            if u["kind"] == "heading" and m:
                secs.append(dict(number=NUM[m.group(1)], name=u["text"], para_index=k))
        split = "dev" if int(R["doc_id"][2:]) % 2 else "held"
        page = (f"{n:d} scanned A4 pages (150 dpi JPEG images of the printed, stamped report, some pages skewed 0.5-1 degree, "
                "red round seal over the sign-off) with an invisible OCR text layer (render mode 3) carrying typical OCR errors "
                "and the seal's text garbled on a line of its own")
        fr.write(json.dumps(dict(doc_id=R["doc_id"], agency=R["agency"], year=R["year"], template=R["template"],
                                 title=units[0]["text"], level=R["level"], province=R["province"],
                                 file=R["doc_id"] + ".pdf", format="pdf", split=split,
                                 text="\n".join(u["text"] for u in units), page=page), ensure_ascii=False) + "\n")
        for k, u in enumerate(units):
            rec = dict(doc_id=R["doc_id"], para_index=k, text=u["text"], kind=u["kind"], label=u["label"],
                       mixed=u["mixed"], generic=u["generic"])
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            fl.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fs.write(json.dumps(dict(doc_id=R["doc_id"], sections=secs), ensure_ascii=False) + "\n")
        if cells is not None:
            ft.write(json.dumps(dict(doc_id=R["doc_id"], template=R["template"], cells=cells), ensure_ascii=False) + "\n")
        print(R["doc_id"], n, "pages", sum(u["kind"] == "narrative" for u in units), "narrative")


if __name__ == "__main__":
    main()
