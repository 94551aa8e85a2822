"""Build set K from its annotated sources (source/Kxx.txt) into report files and JSONL gold.

Written for the clean-room set K; uses python-docx only as a library. Source syntax, one line each:
  @key value            report metadata (doc_id, agency, year, template, title, level, province,
                        shape, note)
  @act ROW COL=V ...    a cell of table 二 (unset cells are 0)
  @req ROW COL=V ...    a cell of table 三 (the total column is summed here)
  @rev ROW COL=V ...    a cell of table 四 (the total column is summed here)
  @cell T ROW COL V     a cell stated outside a table (shape docx_numbered: only these are recorded)
  [S<n>] H text         a heading; S<n> marks it as the heading of section n
  S<n> CODE text        a run-in section title: narrative line that begins with the title
  CODE text             a narrative line; CODE = LABEL GENERIC [x] [?LABEL], e.g. AD0, PR1x, IM0?PL
  M text                meta line (the sign-off)
  TL text               a table line written by hand (old template's own table, numbered statistics)
  T active|requests|review   the statistical table rendered from the cells
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).parent
LABELS = {
    "AD": "active_disclosure", "AP": "application", "IM": "info_management", "PL": "platform",
    "OR": "organization", "PR": "problem", "IMP": "improvement", "OT": "other",
}
CODE = re.compile(r"^(IMP|AD|AP|IM|PL|OR|PR|OT)([01])(x?)(?:\?(IMP|AD|AP|IM|PL|OR|PR|OT))?$")
REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution",
            "social_welfare_org", "legal_service_org", "other_org", "total"]
REQ_ROWS_COMMON = [
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
]
REQ_OTHER_2019 = [("other_handling", "（六）其他处理")]
REQ_OTHER_2021 = [
    (None, "（六）其他处理"),
    ("other_overdue_correction",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
]
REQ_TAIL = [("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
REQ_HEAD = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
    ["自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_HEAD = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]
ACT_2021 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("regulations", "规章"), ("normative_documents", "行政规范性文件")], ["issued", "repealed", "in_force"]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")], ["decisions"]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("punishment", "行政处罚"), ("coercion", "行政强制")], ["decisions"]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（万元）"], [("fees", "行政事业性收费")], ["amount"]),
]
ACT_2019 = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("regulations", "规章"), ("normative_documents", "规范性文件")],
     ["new_made", "new_published", "total_published"]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
     ["prev_items", "change", "decisions"]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("punishment", "行政处罚"), ("coercion", "行政强制")], ["prev_items", "change", "decisions"]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")],
     ["prev_items", "change"]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("procurement", "政府集中采购")],
     ["items", "amount"]),
]


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def num(s: str):
    if s in ("null", ""):
        return None
    return float(s) if "." in s else int(s)


class Report:
    def __init__(self, path: Path):
        self.meta: dict = {}
        self.lines: list[dict] = []  # text, kind, label, generic, mixed, unsure, section
        self.cells: dict = {}  # (table,row,col) -> value
        self.stated: list = []
        self.blocks: list = []  # ("line", i) or ("table", name, [line indices])
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            self._parse(raw)
        self._fill_tables()

    def _set(self, table, parts):
        row = parts[0]
        for kv in parts[1:]:
            col, v = kv.split("=")
            self.cells[(table, row, col)] = num(v)

    def _parse(self, raw: str):
        head, _, rest = raw.partition(" ")
        if head.startswith("@"):
            key = head[1:]
            if key in ("act", "req", "rev"):
                self._set({"act": "active", "req": "requests", "rev": "review_litigation"}[key], rest.split())
            elif key == "cell":
                t, r, c, v = rest.split()
                self.stated.append({"table": t, "row": r, "col": c, "value": num(v)})
            else:
                self.meta[key] = rest
            return
        section = None
        if re.fullmatch(r"S\d", head):
            section = int(head[1])
            head, _, rest = rest.partition(" ")
        rec = {"text": rest, "kind": "narrative", "label": None, "generic": None, "mixed": False,
               "section": section}
        if head == "H":
            rec["kind"] = "heading"
        elif head == "M":
            rec["kind"] = "meta"
        elif head == "TL":
            rec["kind"] = "table"
        elif head == "T":
            self.blocks.append(("table", rest))
            return
        else:
            m = CODE.match(head)
            if not m:
                raise SystemExit(f"bad code {head!r} in {raw!r}")
            rec["label"] = LABELS[m.group(1)]
            rec["generic"] = m.group(2) == "1"
            rec["mixed"] = m.group(3) == "x"
            if m.group(4):
                rec["unsure"] = LABELS[m.group(4)]
        self.blocks.append(("line", rec))

    # --- tables -------------------------------------------------------------------------
    def _fill_tables(self):
        tpl = self.meta["template"]
        if tpl == "old":
            return
        spec = ACT_2021 if tpl == "2021" else ACT_2019
        for _, _, rows, cols in spec:
            for row, _ in rows:
                for col in cols:
                    self.cells.setdefault(("active", row, col), 0)
        for row in self.req_rows():
            for col in REQ_COLS[:-1]:
                self.cells.setdefault(("requests", row, col), 0)
        # carried_forward per column from the template's rule (new + carried over - handled)
        handled_rows = [r for r in self.req_rows() if r not in
                        ("new_received", "carried_over", "total_handled", "carried_forward")]
        for col in REQ_COLS[:-1]:
            handled = sum(self.cells[("requests", r, col)] for r in handled_rows)
            self.cells[("requests", "total_handled", col)] = handled
            self.cells[("requests", "carried_forward", col)] = (
                self.cells[("requests", "new_received", col)]
                + self.cells[("requests", "carried_over", col)] - handled)
        for row in self.req_rows():
            self.cells[("requests", row, "total")] = sum(
                self.cells[("requests", row, c)] for c in REQ_COLS[:-1])
        for row in REV_ROWS:
            for col in REV_COLS[:-1]:
                self.cells.setdefault(("review_litigation", row, col), 0)
            parts = [self.cells[("review_litigation", row, c)] for c in REV_COLS[:-1]]
            # a row printed blank throughout keeps a blank total
            self.cells[("review_litigation", row, "total")] = (
                None if all(x is None for x in parts) else sum(x or 0 for x in parts))

    def req_rows(self):
        other = REQ_OTHER_2021 if self.meta["template"] == "2021" else REQ_OTHER_2019
        return [k for k, _ in REQ_ROWS_COMMON + other + REQ_TAIL if k]

    def table_rows(self, name: str) -> list[list[str]]:
        """Rows of a statistical table as printed: header rows, then label + figures."""
        c = self.cells
        if name == "active":
            out = []
            for title, header, rows, cols in (ACT_2021 if self.meta["template"] == "2021" else ACT_2019):
                out.append([title])
                out.append(header)
                for key, zh in rows:
                    out.append([zh] + [fmt(c[("active", key, col)]) for col in cols])
            return out
        if name == "requests":
            other = REQ_OTHER_2021 if self.meta["template"] == "2021" else REQ_OTHER_2019
            out = [list(r) for r in REQ_HEAD]
            for key, zh in REQ_ROWS_COMMON + other + REQ_TAIL:
                out.append([zh] + ([fmt(c[("requests", key, col)]) for col in REQ_COLS] if key else []))
            return out
        out = [list(r) for r in REV_HEAD]
        out.append([fmt(c[("review_litigation", r, col)]) for r in REV_ROWS for col in REV_COLS])
        return out

    def gold_cells(self):
        if self.meta.get("shape") == "docx_numbered":
            return self.stated
        order = {"active": 0, "requests": 1, "review_litigation": 2}
        return [{"table": t, "row": r, "col": col, "value": v}
                for (t, r, col), v in sorted(self.cells.items(), key=lambda kv: order[kv[0][0]])]

    # --- the clean text and its records ----------------------------------------------------
    def units(self) -> list[dict]:
        out = []
        for b in self.blocks:
            if b[0] == "line":
                out.append(b[1])
            else:
                for row in self.table_rows(b[1]):
                    out.append({"text": "\t".join(row), "kind": "table", "label": None,
                                "generic": None, "mixed": False, "section": None, "table": b[1]})
        return out


# --- file writers ----------------------------------------------------------------------------
def write_txt(rep: Report, units: list[dict], path: Path):
    shape = rep.meta["shape"]
    lines: list[str] = []
    for u in units:
        if u["kind"] == "table" and "table" in u:
            cells = u["text"].split("\t")
            if shape == "txt_cells":
                lines.extend(cells)
            elif shape == "txt_space":
                lines.append(cells[0].ljust(24, "　") + "".join(
                    x.rjust(6) if x.isdigit() else "  " + x for x in cells[1:])
                             if len(cells) > 1 else cells[0])
            else:
                lines.append("  ".join(cells))
        elif u["kind"] == "narrative" and shape != "txt_oneline":
            lines.append("　　" + u["text"])
        else:
            lines.append(u["text"])
    sep = "" if shape == "txt_oneline" else "\n"
    path.write_text(sep.join(lines) + "\n", encoding="utf-8")


def write_docx(rep: Report, units: list[dict], path: Path):
    shape = rep.meta["shape"]
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(12)
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    i = 0
    first = True
    while i < len(units):
        u = units[i]
        if first and u["kind"] == "heading" and u["section"] is None:
            title.add_run(u["text"]).bold = True
            first = False
            i += 1
            continue
        first = False
        if u["kind"] == "table" and "table" in u:
            name = u["table"]
            rows = []
            while i < len(units) and units[i].get("table") == name:
                rows.append(units[i]["text"].split("\t"))
                i += 1
            if shape == "docx_tabtext":
                for r in rows:
                    d.add_paragraph("\t".join(r))
            else:
                add_word_table(d, name, rows)
            continue
        if u["kind"] == "table" and shape != "docx_numbered":  # an old report's own small table
            rows = []
            while i < len(units) and units[i]["kind"] == "table" and "table" not in units[i]:
                rows.append(units[i]["text"].split("\t"))
                i += 1
            t = d.add_table(rows=0, cols=max(len(r) for r in rows))
            t.style = "Table Grid"
            for r in rows:
                cells = t.add_row().cells
                for j, v in enumerate(r):
                    cells[j].text = v
            continue
        if u["kind"] == "heading":
            if shape == "docx_styles":
                d.add_heading(u["text"], level=2 if u["section"] else 3)
            else:
                p = d.add_paragraph()
                p.add_run(("　　" if shape != "docx_bold" else "") + u["text"]).bold = True
        elif u["kind"] == "meta":
            p = d.add_paragraph(u["text"])
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            if rep.meta.get("indent") == "format":
                p = d.add_paragraph(u["text"])
                p.paragraph_format.first_line_indent = Pt(24)
            else:
                p = d.add_paragraph("　　" + u["text"])
        i += 1
    # fixed document dates, so that rebuilding an unchanged report leaves its file unchanged
    d.core_properties.created = d.core_properties.modified = datetime(2026, 12, 6, tzinfo=timezone.utc)
    d.save(path)
    pin_zip_dates(path)


def pin_zip_dates(path: Path):
    """Rewrite the .docx zip with fixed entry dates (python-docx stamps the current time)."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 12, 6, 0, 0, 0)), data,
                       compress_type=zipfile.ZIP_DEFLATED)


def add_word_table(d, name: str, rows: list[list[str]]):
    """A Word table with the template's merged header cells; label rows span their width."""
    ncols = {"active": 4, "requests": 8, "review": 15}[name]
    t = d.add_table(rows=0, cols=ncols)
    t.style = "Table Grid"
    if name == "requests":
        h = [t.add_row() for _ in range(3)]
        h[0].cells[0].merge(h[2].cells[0]).text = rows[0][0]
        h[0].cells[1].merge(h[0].cells[7]).text = rows[0][1]
        h[1].cells[1].merge(h[2].cells[1]).text = "自然人"
        h[1].cells[2].merge(h[1].cells[6]).text = "法人或其他组织"
        h[1].cells[7].merge(h[2].cells[7]).text = "总计"
        for j, zh in enumerate(rows[2]):
            h[2].cells[2 + j].text = zh
        body = rows[3:]
    elif name == "review":
        h = [t.add_row() for _ in range(3)]
        h[0].cells[0].merge(h[0].cells[4]).text = "行政复议"
        h[0].cells[5].merge(h[0].cells[14]).text = "行政诉讼"
        for j, zh in enumerate(rows[1][:5]):
            h[1].cells[j].merge(h[2].cells[j]).text = zh
        h[1].cells[5].merge(h[1].cells[9]).text = "未经复议直接起诉"
        h[1].cells[10].merge(h[1].cells[14]).text = "复议后起诉"
        for j, zh in enumerate(rows[2]):
            h[2].cells[5 + j].text = zh
        body = rows[3:]
    else:
        body = rows
    for r in body:
        row = t.add_row()
        if len(r) == 1:
            row.cells[0].merge(row.cells[ncols - 1]).text = r[0]
        else:
            for j, v in enumerate(r[:ncols]):
                row.cells[j].text = v
            if len(r) < ncols:  # fewer figures than columns: the last cell spans the rest
                row.cells[len(r) - 1].merge(row.cells[ncols - 1])


SHAPES = {
    "docx_styles": "Word: headings in Heading styles, tables as Word tables with merged header cells",
    "docx_bold": "Word: headings as bold runs, tables as Word tables with merged header cells",
    "docx_tabtext": "Word: headings as bold runs, the statistical tables pasted as tab-separated text "
                    "(one paragraph per table row)",
    "docx_numbered": "Word: headings as bold runs, the statistics given as numbered lines instead of tables "
                     "(tables.jsonl records only the cells these lines state)",
    "docx_plain": "Word: headings as bold runs, no template statistical tables (old template)",
    "txt_space": "UTF-8 text: the statistical tables as space-aligned columns",
    "txt_cells": "UTF-8 text: each table row's cells on separate lines, one cell a line (copied from a web table)",
    "txt_oneline": "UTF-8 text: the whole report on one line (no line breaks at all)",
    "txt_plain": "UTF-8 text: one paragraph a line, indented with full-width spaces",
}


def build(paths: list[Path]):
    reports, labels, sections, tables = [], [], [], []
    for p in paths:
        rep = Report(p)
        m = rep.meta
        units = rep.units()
        ext = "docx" if m["shape"].startswith("docx") else "txt"
        fname = f"{m['doc_id']}.{ext}"
        (write_docx if ext == "docx" else write_txt)(rep, units, HERE / fname)
        page = SHAPES[m["shape"]]
        if ext == "docx":
            page += "; first-line indents " + ("by paragraph format" if m.get("indent") == "format"
                                                else "as full-width spaces")
        if m.get("note"):
            page += "; " + m["note"]
        n = int(m["doc_id"][1:])
        reports.append({
            "doc_id": m["doc_id"], "agency": m["agency"], "year": int(m["year"]),
            "template": m["template"], "title": m["title"], "level": m["level"],
            "province": m["province"], "file": fname, "format": ext,
            "split": "dev" if n % 2 else "held",
            "text": "\n".join(u["text"] for u in units), "page": page,
        })
        secs = {}
        for i, u in enumerate(units):
            rec = {"doc_id": m["doc_id"], "para_index": i, "text": u["text"], "kind": u["kind"],
                   "label": u["label"], "mixed": u["mixed"], "generic": u["generic"]}
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            labels.append(rec)
            if u["section"]:
                title = u["text"] if u["kind"] == "heading" else re.split(r"[。：:]", u["text"])[0]
                secs[u["section"]] = {"number": u["section"], "title": title,
                                      "para_index": i, "run_in": u["kind"] != "heading"}
        sections.append({"doc_id": m["doc_id"], "template": m["template"], "sections": [
            secs.get(k, {"number": k, "title": None, "para_index": None, "run_in": False})
            for k in range(1, 7)]})
        if m["template"] != "old":
            tables.append({"doc_id": m["doc_id"], "template": m["template"], "cells": rep.gold_cells()})
    for name, rows in (("reports", reports), ("labels", labels), ("sections", sections),
                       ("tables", tables)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    build(sorted((HERE / "source").glob("K*.txt")) if len(sys.argv) < 2 else [Path(a) for a in sys.argv[1:]])
