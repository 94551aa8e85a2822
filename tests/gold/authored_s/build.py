"""Builds set S: report files (.docx/.doc/.rtf) and the gold jsonl files from the specs in reports_s*.py."""
import json
import os
import subprocess
import sys

import docx
from docx.shared import Pt
from tables import ACTIVE_2019, ACTIVE_2021, COLS, REQ_2019, REQ_2021, RL_COLS, RL_ROWS

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {"ad": "active_disclosure", "ap": "application", "im": "info_management", "pl": "platform",
          "og": "organization", "pr": "problem", "iv": "improvement", "ot": "other"}


def table_blocks(rep):
    """Returns {name: (list of text rows (cells), list of gold cells)} for the report's three tables."""
    tpl = rep["template"]
    out = {}
    act = ACTIVE_2021 if tpl == "2021" else ACTIVE_2019
    rows, cells = [], []
    last_cols = None
    for key, name, cols in act:
        if cols != last_cols:
            head = {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
                    "decisions": "本年处理决定数量" if tpl == "2021" else "处理决定数量",
                    "amount": "本年收费金额（万元）" if tpl == "2021" else "采购总金额",
                    "new_made": "本年新制作数量", "new_published": "本年新公开数量",
                    "total_published": "对外公开总数量", "prev_items": "上一年项目数量",
                    "change": "本年增/减", "items": "采购项目数量"}
            rows.append(["信息内容"] + [head[c] for c in cols])
            last_cols = cols
        vals = rep["active"].get(key, [0] * len(cols))
        rows.append([name] + [str(v) for v in vals])
        cells += [{"table": "active", "row": key, "col": c, "value": v} for c, v in zip(cols, vals, strict=True)]
    out["active"] = (rows, cells)
    req = REQ_2021 if tpl == "2021" else REQ_2019
    data = {k: list(v) for k, v in rep.get("requests", {}).items()}
    outcomes = [k for k, _ in req if k not in ("new_received", "carried_over", "total_handled", "carried_forward")]
    z = [0] * 6
    handled = [sum(data.get(k, z)[i] for k in outcomes) for i in range(6)]
    data["total_handled"] = handled
    data["carried_forward"] = [data.get("new_received", z)[i] + data.get("carried_over", z)[i] - handled[i]
                               for i in range(6)]
    assert min(data["carried_forward"]) >= 0, rep["doc_id"]
    rows = [["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    cells = []
    for key, name in req:
        v = data.get(key, z) + [sum(data.get(key, z))]
        rows.append([name] + [str(x) for x in v])
        cells += [{"table": "requests", "row": key, "col": c, "value": x} for c, x in zip(COLS, v, strict=True)]
    out["requests"] = (rows, cells)
    rows = [["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    cells = []
    for key, name in RL_ROWS:
        v = list(rep.get("rl", {}).get(key, [0, 0, 0, 0]))
        v.append(sum(v))
        rows.append([name] + [str(x) for x in v])
        cells += [{"table": "review_litigation", "row": key, "col": c, "value": x} for c, x in zip(RL_COLS, v, strict=True)]
    out["rl"] = (rows, cells)
    return out


def parse(rep):
    """Turns the spec lines into records: (text, kind, label, generic, mixed, unsure, table rows or None)."""
    tabs = table_blocks(rep) if rep["template"] in ("2019", "2021") else {}
    recs = []
    for raw in rep["body"].strip("\n").split("\n"):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("%"):
            rows, _ = tabs[raw[1:]]
            recs.append({"table": rows})
            continue
        if raw.startswith("#"):
            recs.append({"text": raw[1:].strip(), "kind": "heading"})
            continue
        if raw.startswith("@"):
            recs.append({"text": raw[1:].strip(), "kind": "meta"})
            continue
        code, text = raw.split(" ", 1)
        flags = code[2:].split("?")[0]  # generic digit and the mixed mark, in either order
        r = {"text": text.strip(), "kind": "narrative", "label": LABELS[code[:2]], "generic": "1" in flags,
             "mixed": "m" in flags}
        if "?" in code:
            r["unsure"] = LABELS[code.split("?")[1][:2]]
        recs.append(r)
    return recs, tabs


def write_docx(rep, recs, path):
    d = docx.Document()
    style = rep.get("style", "bold")
    for r in recs:
        if "table" in r:
            rows = r["table"]
            ncol = max(len(x) for x in rows)
            t = d.add_table(rows=0, cols=ncol)
            t.style = "Table Grid"
            first = True
            for row in rows:
                cells = t.add_row().cells
                for i, v in enumerate(row):
                    cells[i].text = v
                if len(row) < ncol:
                    cells[len(row) - 1].merge(cells[ncol - 1])
                if first and rows[0][0] == "申请人情况":
                    # merged header: 法人或其他组织 above the five organisation columns
                    top = t.rows[0].cells
                    first = False
            if rows[0][0] == "申请人情况":
                hdr = t.rows[0].cells
                newrow = t.add_row()
                tr = newrow._tr
                t._tbl.remove(tr)
                t._tbl.insert(t._tbl.index(t.rows[0]._tr), tr)
                nc = t.rows[0].cells
                nc[0].text = "申请人情况"
                nc[1].text = "自然人"
                nc[2].text = "法人或其他组织"
                nc[7].text = "总计"
                nc[2].merge(nc[6])
                hdr[0].text = ""
                hdr[1].text = ""
                hdr[7].text = ""
                t.cell(0, 0).merge(t.cell(1, 0))
                t.cell(0, 1).merge(t.cell(1, 1))
                t.cell(0, 7).merge(t.cell(1, 7))
                del top
            continue
        if r["kind"] == "heading" and style == "styles":
            level = 2 if r["text"].startswith("（") else 1
            d.add_heading(r["text"], level=level)
        else:
            p = d.add_paragraph()
            run = p.add_run(r["text"])
            run.font.size = Pt(12)
            if r["kind"] == "heading":
                run.bold = True
    d.save(path)


def main(specs):
    reports, labels, sections, tables = [], [], [], []
    for rep in specs:
        recs, tabs = parse(rep)
        lines = []
        for r in recs:
            if "table" in r:
                for row in r["table"]:
                    lines.append({"text": "\t".join(row), "kind": "table"})
            else:
                lines.append(r)
        name = rep["doc_id"] + "." + rep["format"]
        src = os.path.join(HERE, "src", rep["doc_id"] + ".docx")
        os.makedirs(os.path.dirname(src), exist_ok=True)
        if os.path.exists(os.path.join(HERE, name)) and not os.environ.get("REBUILD"):
            pass  # committed files are not rewritten (set REBUILD=1 to force)
        elif write_docx(rep, recs, src) or rep["format"] == "docx":
            import shutil
            shutil.copy(src, os.path.join(HERE, name))
        else:
            subprocess.run(["soffice", "--headless", "--convert-to", rep["format"], "--outdir", HERE, src],
                           check=True, capture_output=True)
        text = "\n".join(x["text"] for x in lines)
        num = int(rep["doc_id"][1:])
        reports.append({k: rep[k] for k in ("doc_id", "agency", "year", "template", "title", "level", "province")}
                       | {"file": name, "format": rep["format"], "split": "dev" if num % 2 else "held",
                          "text": text, "page": rep["page"]})
        for i, x in enumerate(lines):
            rec = {"doc_id": rep["doc_id"], "para_index": i, "text": x["text"], "kind": x["kind"],
                   "label": x.get("label"), "mixed": x.get("mixed", False),
                   "generic": x.get("generic") if x["kind"] == "narrative" else None}
            if "unsure" in x:
                rec["unsure"] = x["unsure"]
            labels.append(rec)
        secs = []
        for n, head in enumerate(rep["sections"], 1):
            idx = next((i for i, x in enumerate(lines) if x["text"] == head and x["kind"] == "heading"), None)
            secs.append({"number": n, "name": head, "para_index": idx})
        sections.append({"doc_id": rep["doc_id"], "sections": secs})
        if tabs:
            cells = tabs["active"][1] + tabs["requests"][1] + tabs["rl"][1]
            tables.append({"doc_id": rep["doc_id"], "template": rep["template"], "cells": cells})
    for fn, rows in (("reports.jsonl", reports), ("labels.jsonl", labels), ("sections.jsonl", sections),
                     ("tables.jsonl", tables)):
        with open(os.path.join(HERE, fn), "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    from reports_s import SPECS
    main(SPECS)
