"""Build set AE: report files (.pdf printed by a browser, .txt copied from the page) and the jsonl files.

Run: /work/main/.venv/bin/python make_set.py   (needs chromium for the PDFs)
Report texts live in reports_1.py ... reports_4.py. Body markup, one unit a line:
  H|heading     M|meta     @active / @requests / @review  (the three tables)
  code[,g][,x][,u=code]|narrative text    codes: ad ap im pf og pr iv ot
"""
import html
import json
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reports_1
import reports_2
import reports_3
import reports_4

HERE = Path(__file__).resolve().parent

REPORTS = reports_1.REPORTS + reports_2.REPORTS + reports_3.REPORTS + reports_4.REPORTS
CODES = {"ad": "active_disclosure", "ap": "application", "im": "info_management", "pf": "platform",
         "og": "organization", "pr": "problem", "iv": "improvement", "ot": "other"}
APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
            "denied_prohibited", "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_files", "denied_admin_query", "unavailable_not_held",
            "unavailable_needs_creation", "unavailable_unclear", "not_processed_complaint",
            "not_processed_duplicate", "not_processed_publication", "not_processed_mass_repeat",
            "not_processed_confirmation", "other_overdue_correction", "other_unpaid_fee", "other_misc",
            "total_handled", "carried_forward"]
OUTCOMES = REQ_ROWS[2:23]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def vec(v):
    if v is None:
        return [0] * 6
    if isinstance(v, int):
        return [v, 0, 0, 0, 0, 0]
    assert len(v) == 6
    return list(v)


def compute_tables(r):
    a = r.get("active", {})
    active = {
        "regulations": dict(zip(["issued", "repealed", "in_force"], a.get("reg", (0, 0, 0)), strict=True)),
        "normative_documents": dict(zip(["issued", "repealed", "in_force"], a.get("norm", (0, 0, 0)), strict=True)),
        "licensing": {"decisions": a.get("lic", 0)},
        "punishment": {"decisions": a.get("pun", 0)},
        "coercion": {"decisions": a.get("coe", 0)},
        "fees": {"amount": a.get("fee", 0)},
    }
    q = r.get("req", {})
    req = {row: vec(q.get(row)) for row in REQ_ROWS[:23]}
    req["total_handled"] = [sum(req[o][i] for o in OUTCOMES) for i in range(6)]
    req["carried_forward"] = [req["new_received"][i] + req["carried_over"][i] - req["total_handled"][i]
                              for i in range(6)]
    assert min(req["carried_forward"]) >= 0, r["id"]
    req = {row: v + [sum(v)] for row, v in req.items()}
    rv = r.get("rev", {})
    rev = {}
    for row in REV_ROWS:
        v = list(rv.get(row, (0, 0, 0, 0)))
        rev[row] = v + [sum(v)]
    return active, req, rev


def cells_json(active, req, rev):
    cells = []
    for row, d in active.items():
        for col, v in d.items():
            cells.append({"table": "active", "row": row, "col": col, "value": v})
    for row in REQ_ROWS:
        for col, v in zip(APPL + ["total"], req[row], strict=True):
            cells.append({"table": "requests", "row": row, "col": col, "value": v})
    for row in REV_ROWS:
        for col, v in zip(REV_COLS, rev[row], strict=True):
            cells.append({"table": "review_litigation", "row": row, "col": col, "value": v})
    return cells


def fmt(v):
    return (f"{v:g}") if isinstance(v, float) else str(v)


# ---- table models: rows of cells (text, rowspan, colspan) ----
def active_rows(active):
    def C(t, rs=1, cs=1):
        return (t, rs, cs)

    rows = [[C("第二十条第（一）项", 1, 4)], [C("信息内容"), C("本年制发件数"), C("本年废止件数"), C("现行有效件数")]]
    for key, name in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        d = active[key]
        rows.append([C(name)] + [C(fmt(d[c])) for c in ("issued", "repealed", "in_force")])
    rows += [[C("第二十条第（五）项", 1, 4)], [C("信息内容"), C("本年处理决定数量", 1, 3)],
             [C("行政许可"), C(fmt(active["licensing"]["decisions"]), 1, 3)],
             [C("第二十条第（六）项", 1, 4)], [C("信息内容"), C("本年处理决定数量", 1, 3)],
             [C("行政处罚"), C(fmt(active["punishment"]["decisions"]), 1, 3)],
             [C("行政强制"), C(fmt(active["coercion"]["decisions"]), 1, 3)],
             [C("第二十条第（八）项", 1, 4)], [C("信息内容"), C("本年收费金额（单位：万元）", 1, 3)],
             [C("行政事业性收费"), C(fmt(active["fees"]["amount"]), 1, 3)]]
    return rows


REQ_LABELS = {
    "denied": ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
               "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"],
    "unavail": ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    "notproc": ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息"],
    "other": ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"],
}


def request_rows(req):
    def C(t, rs=1, cs=1):
        return (t, rs, cs)

    def N(row):
        return [C(str(v)) for v in req[row]]

    rows = [[C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), C("申请人情况", 1, 7)],
            [C("自然人", 2), C("法人或其他组织", 1, 5), C("总计", 2)],
            [C("商业企业"), C("科研机构"), C("社会公益组织"), C("法律服务机构"), C("其他")],
            [C("一、本年新收政府信息公开申请数量", 1, 3)] + N("new_received"),
            [C("二、上年结转政府信息公开申请数量", 1, 3)] + N("carried_over"),
            [C("三、本年度办理结果", 22), C("（一）予以公开", 1, 2)] + N("granted"),
            [C("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)] + N("partially_granted")]
    groups = [("（三）不予公开", "denied", OUTCOMES[2:10]), ("（四）无法提供", "unavail", OUTCOMES[10:13]),
              ("（五）不予处理", "notproc", OUTCOMES[13:18]), ("（六）其他处理", "other", OUTCOMES[18:21])]
    for gname, gk, keys in groups:
        for i, (lab, key) in enumerate(zip(REQ_LABELS[gk], keys, strict=True)):
            rows.append(([C(gname, len(keys))] if i == 0 else []) + [C(lab)] + N(key))
    rows.append([C("（七）总计", 1, 2)] + N("total_handled"))
    rows.append([C("四、结转下年度继续办理", 1, 3)] + N("carried_forward"))
    return rows


def review_rows(rev):
    def C(t, rs=1, cs=1):
        return (t, rs, cs)

    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[C("行政复议", 1, 5), C("行政诉讼", 1, 10)],
            [C(h, 2) for h in heads] + [C("未经复议直接起诉", 1, 5), C("复议后起诉", 1, 5)],
            [C(h) for h in heads * 2],
            [C(str(v)) for row in REV_ROWS for v in rev[row]]]
    return rows


def parse_body(r):
    units = []  # dicts: kind, label, generic, mixed, unsure, text, table(optional rows)
    active, req, rev = compute_tables(r)
    for raw in r["body"].strip().split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("@"):
            rows = {"@active": active_rows(active), "@requests": request_rows(req),
                    "@review": review_rows(rev)}[raw]
            units.append({"kind": "tablehtml", "rows": rows})
            for row in rows:
                units.append({"kind": "table", "text": " ".join(c[0] for c in row)})
            continue
        tag, text = raw.split("|", 1)
        text = text.strip()
        if tag == "H":
            units.append({"kind": "heading", "text": text})
        elif tag == "M":
            units.append({"kind": "meta", "text": text})
        else:
            parts = tag.split(",")
            u = {"kind": "narrative", "text": text, "label": CODES[parts[0]], "generic": "g" in parts,
                 "mixed": "x" in parts}
            for p in parts[1:]:
                if p.startswith("u="):
                    u["unsure"] = CODES[p[2:]]
            units.append(u)
    return units, (active, req, rev)


# ---- page furniture ----
def site(r):
    return {
        "nav": r.get("nav", ["首页", "走进" + r["short"], "政务公开", "政务服务", "互动交流", "专题专栏"]),
        "crumb": r.get("crumb", "当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报"),
        "footer": r["footer"],
    }


def page_html(r, units):
    s = site(r)
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>{}</title>'.format(html.escape(r["page_title"])),
           '<style>body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:15px;margin:0}'
           '.top{background:#1a5fb4;color:#fff;padding:10px 30px;font-size:20px}'
           '.nav{background:#e8eef7;padding:6px 30px}.nav span{margin-right:26px}'
           '.crumb{padding:8px 30px;color:#555;font-size:13px}.main{padding:0 40px}'
           'h1{font-size:21px;text-align:center}.meta{font-size:13px;color:#666;border-bottom:1px solid #ccc;padding-bottom:6px}'
           'p{text-indent:2em;line-height:1.8;margin:4px 0}p.h{text-indent:0;font-weight:bold}p.sign{text-align:right}'
           'table{border-collapse:collapse;width:100%;margin:8px 0;font-size:12px}td{border:1px solid #333;padding:3px;text-align:center}'
           '.tools{text-align:right;font-size:13px;margin:14px 0}.foot{border-top:3px solid #1a5fb4;margin-top:20px;'
           'padding:10px 30px;font-size:12px;color:#444;text-align:center}</style></head><body>',
           '<div class="top">{}</div>'.format(html.escape(r["site_name"])),
           '<div class="nav">{}</div>'.format("".join(f"<span>{html.escape(n)}</span>" for n in s["nav"])),
           '<div class="crumb">{}</div><div class="main">'.format(html.escape(s["crumb"])),
           '<h1>{}</h1>'.format(html.escape(r["title"])),
           '<div class="meta">{}</div>'.format("&nbsp;&nbsp;".join(html.escape(m) for m in r["pagemeta"])),
           '<div class="meta">字号：大 中 小</div>']
    first = True
    for u in units:
        if u["kind"] == "table":
            continue
        if u["kind"] == "tablehtml":
            out.append("<table>")
            for row in u["rows"]:
                out.append("<tr>" + "".join(
                    '<td{}{}>{}</td>'.format(f' rowspan="{rs:d}"' if rs > 1 else "", f' colspan="{cs:d}"' if cs > 1 else "",
                                             html.escape(t)) for t, rs, cs in row) + "</tr>")
            out.append("</table>")
            continue
        if first:  # the title line is the <h1>
            first = False
            continue
        cls = {"heading": ' class="h"', "meta": ' class="sign"'}.get(u["kind"], "")
        out.append("<p{}>{}</p>".format(cls, html.escape(u["text"])))
    out.append('<div class="tools">{}</div></div>'.format("&nbsp;&nbsp;".join(r["buttons"])))
    out.append('<div class="foot">{}</div></body></html>'.format("<br>".join(html.escape(f) for f in s["footer"])))
    return "\n".join(out)


def page_copy(r, units):
    """What select-all + copy in a browser gives for the page."""
    s = site(r)
    lines = [r["site_name"], "\t".join(s["nav"]), s["crumb"], r["title"]] + list(r["pagemeta"]) + ["字号：大 中 小"]
    first = True
    for u in units:
        if u["kind"] == "table":
            continue
        if u["kind"] == "tablehtml":
            lines += ["\t".join(c[0] for c in row) for row in u["rows"]]
            continue
        if first:
            first = False
            continue
        lines.append(u["text"])
    lines += r["buttons"] + list(s["footer"])
    return "\n".join(lines) + "\n"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def print_pdfs(jobs):
    """jobs: list of (host, path, html, outfile). Serve on loopback, print with chromium (its own header/footer)."""
    root = Path(tempfile.mkdtemp(prefix="ae_site_"))
    port = free_port()
    for host, path, page, _out in jobs:
        f = root / host / path.lstrip("/")
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(page, encoding="utf-8")
    # a tiny virtual-host server: /<host>/<path>
    srv_code = ("import http.server,functools,sys\n"
                "class H(http.server.SimpleHTTPRequestHandler):\n"
                "    def translate_path(self, p):\n"
                "        return super().translate_path('/' + self.headers.get('Host','').split(':')[0] + p)\n"
                "    def log_message(self,*a): pass\n"
                f"http.server.ThreadingHTTPServer(('127.0.0.1',{port:d}),functools.partial(H,directory={str(root)!r})).serve_forever()\n")
    srv = subprocess.Popen([sys.executable, "-c", srv_code])
    time.sleep(1)
    try:
        for host, path, _page, out in jobs:
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--no-first-run",
                            f"--host-resolver-rules=MAP {host} 127.0.0.1:{port:d}",
                            f"--print-to-pdf={out}", f"http://{host}{path}"],
                           check=True, capture_output=True, timeout=120)
    finally:
        srv.terminate()
        srv.wait()


def main():
    reports, labels, sections, tables = [], [], [], []
    pdf_jobs = []
    for r in REPORTS:
        units, (active, req, rev) = parse_body(r)
        lines = [u for u in units if u["kind"] != "tablehtml"]
        assert lines[0]["kind"] == "heading" and lines[0]["text"] == r["title"], r["id"]
        text = "\n".join(u["text"] for u in lines)
        n = int(r["id"][2:])
        fname = "{}.{}".format(r["id"], r["format"])
        reports.append({"doc_id": r["id"], "agency": r["agency"], "year": r["year"], "template": "2021",
                        "title": r["title"], "level": r["level"], "province": r["province"], "file": fname,
                        "format": r["format"], "split": "dev" if n % 2 else "held", "text": text, "page": r["page"]})
        secs = []
        for i, u in enumerate(lines):
            rec = {"doc_id": r["id"], "para_index": i, "text": u["text"], "kind": u["kind"],
                   "label": u.get("label"), "mixed": u.get("mixed", False),
                   "generic": u.get("generic") if u["kind"] == "narrative" else None}
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            labels.append(rec)
            m = re.match(r"^([一二三四五六])、", u["text"])
            if u["kind"] == "heading" and m:
                secs.append({"number": "一二三四五六".index(m.group(1)) + 1, "name": u["text"], "para_index": i})
        sections.append({"doc_id": r["id"], "sections": secs})
        tables.append({"doc_id": r["id"], "template": "2021", "cells": cells_json(active, req, rev)})
        if r["format"] == "txt":
            (HERE / fname).write_text(page_copy(r, units), encoding="utf-8")
        else:
            pdf_jobs.append((r["host"], r["path"], page_html(r, units), str(HERE / fname)))
    if pdf_jobs and "--no-pdf" not in sys.argv:
        print_pdfs(pdf_jobs)
    def dump(name, rows):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reports)
    dump("labels.jsonl", labels)
    dump("sections.jsonl", sections)
    dump("tables.jsonl", tables)
    print("reports", len(reports), "lines", len(labels))


if __name__ == "__main__":
    main()
