"""Check the authored copy-paste set against itself; prints the counts the README quotes.

`python tests/gold/authored_copies/check_gold.py` exits non-zero on any failure:
- the report files hold exactly the gold's narrative paragraphs (on the recorded lines) and tables;
- each table obeys the arithmetic of TABLES.md (rules 1-4) and the request figures stated in
  the narrative match the table (rule 5);
- each chain continues year to year (carried over = last year's carried forward; in force,
  total published and previous-year item counts continue) except exactly the planted breaks;
- every copy's source exists, is an earlier or same-year report of another document, and the
  copy graph has no cycle; template paragraphs have no source;
- the edit grade agrees with a character-level similarity (difflib ratio): exact = 1, light
  >= 0.70, heavy 0.40-0.85; an original is < 0.6 similar to every non-template paragraph of
  the same or an earlier year that is not itself a copy of that original.
"""

import json
import re
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables  # noqa: E402

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
LIGHT_MIN, HEAVY_MIN, HEAVY_MAX, ORIGINAL_MAX = 0.70, 0.40, 0.85, 0.6
problems = []


def fail(msg):
    problems.append(msg)


def ratio(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def narrative_lines(lines):
    """Narrative paragraphs: not the title, a heading, a table row (tab) or a table label line."""
    return [(i, s) for i, s in enumerate(lines) if i > 0 and s and s not in HEADINGS and "\t" not in s
            and not s.startswith("第二十条") and s != "三、本年度办理结果"]


def grid(doc):
    g = {}
    for c in doc["cells"]:
        g.setdefault(c["table"], {})[c["row"], c["col"]] = c["value"]
    return g


def check_file(doc, g):
    lines = (HERE / doc["file"]).read_text(encoding="utf-8").splitlines()
    found = narrative_lines(lines)
    want = [(p["line"], p["text"]) for p in doc["paragraphs"]]
    if found != want:
        fail(f"{doc['doc_id']}: narrative lines differ from gold")
    if [p["index"] for p in doc["paragraphs"]] != list(range(len(doc["paragraphs"]))):
        fail(f"{doc['doc_id']}: paragraph indexes not 0..n-1")
    if not 4 <= len(doc["paragraphs"]) <= 10:
        fail(f"{doc['doc_id']}: {len(doc['paragraphs'])} narrative paragraphs")
    text = "\n".join(lines)
    for block in (tables.render_active(doc["template"], g["active"]),
                  tables.render_requests(doc["template"], g["requests"]),
                  tables.render_review(g["review_litigation"])):
        if "\n".join(block) not in text:
            fail(f"{doc['doc_id']}: a table in the file differs from the gold cells")


def check_arithmetic(doc, g):
    r, rv = g["requests"], g["review_litigation"]
    outcomes = [k for k, _, _ in tables.outcome_rows(doc["template"])]
    rows = {k for k, _ in r}
    for row in rows:
        if r[row, "total"] != sum(r[row, c] for c in tables.APPLICANTS):
            fail(f"{doc['doc_id']}: rule 1 on {row}")
    for col in tables.COLS:
        if r["new_received", col] + r["carried_over", col] != r["total_handled", col] + r["carried_forward", col]:
            fail(f"{doc['doc_id']}: rule 2 on {col}")
        if r["total_handled", col] != sum(r[k, col] for k in outcomes):
            fail(f"{doc['doc_id']}: rule 3 on {col}")
    for row in tables.REVIEW_ROWS:
        if rv[row, "total"] != sum(rv[row, c] for c in tables.REVIEW_COLS[:4]):
            fail(f"{doc['doc_id']}: rule 4 on {row}")
    figures = next(p["text"] for p in doc["paragraphs"] if p["slot"] == "figures")
    new = re.search(r"(?:申请|新收|数量为)(\d+)件", figures)
    handled = re.search(r"(?:办结|办理完毕|已答复|答复办理)(\d+)件", figures)
    if not new or int(new.group(1)) != r["new_received", "total"]:
        fail(f"{doc['doc_id']}: rule 5, requests received in the narrative")
    if not handled or int(handled.group(1)) != r["total_handled", "total"]:
        fail(f"{doc['doc_id']}: rule 5, requests handled in the narrative")
    no_cases = any(p["slot"] == "no_cases" for p in doc["paragraphs"])
    if no_cases != all(rv[row, "total"] == 0 for row in tables.REVIEW_ROWS):
        fail(f"{doc['doc_id']}: rule 5, the no-cases sentence disagrees with table four")


def continuity_breaks(prev, doc, gp, g):
    """Cells of doc that do not continue prev: {(table, row, col): (value, previous value)}."""
    out = {}
    for col in tables.COLS:
        now, before = g["requests"]["carried_over", col], gp["requests"]["carried_forward", col]
        if now != before:
            out["requests", "carried_over", col] = (now, before)
    a, ap = g["active"], gp["active"]
    if doc["template"] == prev["template"] == "2021":
        for row in ("regulations", "normative_documents"):
            if a[row, "in_force"] != ap[row, "in_force"] + a[row, "issued"] - a[row, "repealed"]:
                out["active", row, "in_force"] = (a[row, "in_force"], ap[row, "in_force"])
    if doc["template"] == prev["template"] == "2019":
        for row in ("regulations", "normative_documents"):
            if a[row, "total_published"] != ap[row, "total_published"] + a[row, "new_published"]:
                out["active", row, "total_published"] = (a[row, "total_published"], ap[row, "total_published"])
        for row in ("licensing", "other_services", "punishment", "coercion", "fees"):
            if a[row, "prev_items"] != ap[row, "prev_items"] + ap[row, "change"]:
                out["active", row, "prev_items"] = (a[row, "prev_items"], ap[row, "prev_items"])
    return out


def ancestors(by_id, doc_id, p):
    """(doc_id, index) of every paragraph p was copied from, directly or through other copies."""
    out = set()
    for s in ([p["source"]] if p["source"] else []) + p.get("also_from", []):
        src = by_id.get(s["doc_id"])
        if src and 0 <= s["index"] < len(src["paragraphs"]) and src["year"] <= by_id[doc_id]["year"]:
            out.add((s["doc_id"], s["index"]))
            out |= ancestors(by_id, s["doc_id"], src["paragraphs"][s["index"]])
    return out


def main():
    gold = [json.loads(s) for s in (HERE / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    breaks = [json.loads(s) for s in (HERE / "breaks.jsonl").read_text(encoding="utf-8").splitlines()]
    by_id = {d["doc_id"]: d for d in gold}
    grids = {d["doc_id"]: grid(d) for d in gold}
    for d in gold:
        check_file(d, grids[d["doc_id"]])
        check_arithmetic(d, grids[d["doc_id"]])
        if d["template"] != ("2019" if d["year"] <= 2020 else "2021"):
            fail(f"{d['doc_id']}: template {d['template']} for {d['year']}")
        if d["part"] != ("dev" if int(d["doc_id"][1:3]) % 2 else "held"):
            fail(f"{d['doc_id']}: part by agency number")

    # Continuity: the violations found must be exactly the planted breaks.
    planted = {(b["doc_id"], (c["table"], c["row"], c["col"])): (c["value"], c["previous_value"])
               for b in breaks for c in b["cells"]}
    found = {}
    for d in gold:
        prev = by_id.get(f"{d['doc_id'][:3]}_{d['year'] - 1}")
        if prev:
            for key, vals in continuity_breaks(prev, d, grids[prev["doc_id"]], grids[d["doc_id"]]).items():
                found[d["doc_id"], key] = vals
    for b in breaks:
        if by_id[b["doc_id"]]["year"] - 1 != by_id[b["previous_doc_id"]]["year"]:
            fail(f"break {b['doc_id']}: previous report is not last year's")
    if found != planted:
        fail(f"continuity: found {sorted(found)} but planted {sorted(planted)}")
    chains = Counter(d["doc_id"][:3] for d in gold)
    if len(chains) != 10 or set(chains.values()) != {3}:
        fail("not 10 chains of 3 reports")
    if len({d["province"] for d in gold}) < 7:
        fail("fewer than 7 provinces")

    # Sources, edit grades, similarity.
    stats = {part: Counter() for part in ("dev", "held")}
    sims = {g: [] for g in ("exact", "light", "heavy")}
    cross_part, edges = [], {}
    every = [(d, p) for d in gold for p in d["paragraphs"]]
    for d, p in every:
        st = stats[d["part"]]
        st["paragraphs"] += 1
        if p["template"]:
            st["template"] += 1
            if p["source"] is not None:
                fail(f"{d['doc_id']}#{p['index']}: template paragraph with a source")
            continue
        if p["source"] is None:
            st["original"] += 1
            me = (d["doc_id"], p["index"])
            nearest = max((ratio(p["text"], q["text"]) for e, q in every
                           if e["doc_id"] != d["doc_id"] and e["year"] <= d["year"] and not q["template"]
                           and me not in ancestors(by_id, e["doc_id"], q)), default=0)
            st["original_max_sim_x1000"] = max(st["original_max_sim_x1000"], round(nearest * 1000))
            if nearest >= ORIGINAL_MAX:
                fail(f"{d['doc_id']}#{p['index']}: original but {nearest:.2f} like another paragraph")
            continue
        for s in [p["source"]] + p.get("also_from", []):
            src_doc = by_id.get(s["doc_id"])
            if src_doc is None or not 0 <= s["index"] < len(src_doc["paragraphs"]):
                fail(f"{d['doc_id']}#{p['index']}: source {s} does not exist")
                break
            if src_doc["year"] > d["year"] or src_doc["doc_id"] == d["doc_id"]:
                fail(f"{d['doc_id']}#{p['index']}: source {s['doc_id']} does not precede it")
            if src_doc["paragraphs"][s["index"]]["template"]:
                fail(f"{d['doc_id']}#{p['index']}: source is template language")
            edges.setdefault(d["doc_id"], set()).add(s["doc_id"])
            if src_doc["part"] != d["part"]:
                cross_part.append((d["doc_id"], s["doc_id"]))
        else:
            src = by_id[p["source"]["doc_id"]]["paragraphs"][p["source"]["index"]]
            sim = ratio(p["text"], src["text"])
            sims[p["edit"]].append(sim)
            ok = {"exact": sim == 1.0, "light": LIGHT_MIN <= sim < 1.0,
                  "heavy": HEAVY_MIN <= sim < HEAVY_MAX}[p["edit"]]
            if not ok:
                fail(f"{d['doc_id']}#{p['index']}: edit {p['edit']} but similarity {sim:.2f}")
            within = p["source"]["doc_id"][:3] == d["doc_id"][:3]
            kind = "within_chain" if within else "cross_agency"
            st[f"{kind}_{p['edit']}"] += 1
            if p.get("also_from"):
                st["merged"] += 1
    seen, stack = set(), set()

    def visit(n):
        if n in stack:
            fail(f"copy cycle through {n}")
            return
        if n in seen:
            return
        stack.add(n)
        for m in edges.get(n, ()):
            visit(m)
        stack.discard(n)
        seen.add(n)

    for n in list(edges):
        visit(n)

    for part in ("dev", "held"):
        st = stats[part]
        reports = sum(1 for d in gold if d["part"] == part)
        brk = sum(1 for b in breaks if by_id[b["doc_id"]]["part"] == part)
        print(f"{part}: reports {reports}, breaks {brk}, " + ", ".join(f"{k} {v}" for k, v in sorted(st.items())))
    for grade, values in sims.items():
        if values:
            print(f"{grade}: n={len(values)} similarity {min(values):.2f}-{max(values):.2f}")
    print(f"cross-part copies: {cross_part or 'none'}")
    for msg in problems:
        print("FAIL", msg)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
