"""Build the authored copy-paste set: 30 reports (10 agencies x 3 years), gold.jsonl, breaks.jsonl.

Run from anywhere: `python tests/gold/authored_copies/build.py`. Output is deterministic
(seeded by document id), so rebuilding reproduces the committed files byte for byte.
The copy plan below is the gold: each paragraph is original, template language, or made
from a named source paragraph by a recorded edit (exact, light or heavy).
"""

import json
import random
import sys
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tables  # noqa: E402
from plan import AGENCIES, BREAKS, ORDER, PLANS, P  # noqa: E402
from texts import (  # noqa: E402
    BANK,
    CLAUSES,
    FIGURES,
    LEADS,
    PROBLEM_CLAUSES,
    PROBLEM_FRAMES,
    PUBLISHING_CLAUSES,
    SYNONYMS,
    TEMPLATE_FEE,
    TEMPLATE_INTRO,
    TEMPLATE_NO_CASES,
    TEMPLATE_NONE,
)

SECTION_OF = {"intro": 1, "figures": 1, "active": 1, "request": 1, "manage": 1, "platform": 1, "supervise": 1,
              "no_cases": 4, "problem": 5, "other": 6, "fee": 6, "none": 6}
SLOT_ORDER = list(SECTION_OF)
HEADINGS = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
            4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}
LIGHT_MIN, HEAVY_MIN, HEAVY_MAX = 0.70, 0.40, 0.85  # similarity bounds the checker also applies


def template_of(year):
    return "2019" if year <= 2020 else "2021"


def similarity(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class Bank:
    """Draws bank sentences without replacement, in a seeded order."""

    def __init__(self):
        rng = random.Random("bank")
        self.left = {t: rng.sample(s, len(s)) for t, s in BANK.items()}

    def draw(self, topic, k=1):
        if len(self.left[topic]) < k:
            raise SystemExit(f"sentence bank '{topic}' exhausted; write more sentences in texts.py")
        out, self.left[topic] = self.left[topic][:k], self.left[topic][k:]
        return out


def render(lead, sents, ctx, rng):
    return lead + "".join(s.format(n=rng.randint(20, 400), m=rng.randint(2, 15), **ctx) for s in sents)


def synonymise(sents):
    """Reword with SYNONYMS; a word already in its reworded form (组织开展) is left alone."""
    out = []
    for s in sents:
        for i, (a, b) in enumerate(SYNONYMS):
            guard = f"\x00{i}\x00"
            s = s.replace(b, guard).replace(a, b).replace(guard, b)
        out.append(s)
    return out


def add_clause(sents, rng, topic):
    i = rng.randrange(len(sents))
    s = sents[i]
    clauses = {"problem": PROBLEM_CLAUSES, "active": CLAUSES + PUBLISHING_CLAUSES}.get(topic, CLAUSES)
    return sents[:i] + [s[:-1] + rng.choice(clauses) + "。"] + sents[i + 1:]


def cut_clause(sents):
    """Drop the last clause of the longest sentence that has one."""
    best = max(range(len(sents)), key=lambda i: (sents[i].count("，") > 0, len(sents[i])))
    s = sents[best]
    if "，" not in s:
        return sents
    return sents[:best] + [s[: s.rindex("，")] + "。"] + sents[best + 1:]


def edit(src, grade, ctx, rng, bank, style):
    """A copy of paragraph src (dict with lead, sents, text) at the given edit grade."""
    if grade == "exact":
        return dict(src)
    topic = src["topic"]
    if grade == "light":
        first = rng.randrange(3)
        for op in (first, (first + 1) % 3, (first + 2) % 3, 0):
            sents = list(src["sents"])
            sents = add_clause(sents, rng, topic) if op == 0 else cut_clause(sents) if op == 1 else sents
            text = render(src["lead"], sents, ctx, rng)
            if text != src["text"] and similarity(text, src["text"]) >= LIGHT_MIN + 0.03:
                return {"topic": topic, "lead": src["lead"], "sents": sents, "text": text}
        raise SystemExit(f"no light edit found for {src['text'][:30]}")
    # Heavy: reworded, reordered, one sentence replaced, a new opening; the strongest of these
    # variants whose similarity stays within the heavy band (about half rewritten at most).
    reworded = synonymise(src["sents"])
    replaced = list(reworded)
    replaced[rng.randrange(len(replaced))] = bank.draw(topic)[0]
    lead = LEADS[topic][style]  # the copying agency renumbers the paragraph its own way
    candidates = [replaced[1:] + replaced[:1], replaced, reworded[1:] + reworded[:1],
                  add_clause(reworded, rng, topic), reworded]
    for sents in candidates:
        text = render(lead, sents, ctx, rng)
        if HEAVY_MIN + 0.03 <= similarity(text, src["text"]) <= HEAVY_MAX - 0.05:
            break
    else:
        raise SystemExit(f"no heavy edit found for {src['text'][:30]}")
    return {"topic": topic, "lead": lead, "sents": sents, "text": text}


def merge(a, b, ctx, rng):
    """One paragraph made of the first part of a and the second part of b, lightly reworded."""
    # The two may share a sentence (both copied from one source); it is kept once.
    sents = list(dict.fromkeys(synonymise(a["sents"][: max(1, len(a["sents"]) // 2 + 1)]
                                          + b["sents"][len(b["sents"]) // 2:])))
    text = render(a["lead"], sents, ctx, rng)
    return {"topic": a["topic"], "lead": a["lead"], "sents": sents, "text": text}


def original(topic, k, ctx, rng, bank, frame, style):
    sents = bank.draw(topic, k)
    if topic == "problem":
        opening, numbers, turn = PROBLEM_FRAMES[frame]
        numbers = numbers.split(",")
        fix = bank.draw("improve")[0]
        sents = ([opening + numbers[0] + sents[0]] + [numbers[i] + s for i, s in enumerate(sents[1:], 1)]
                 + [turn + fix])
    lead = LEADS[topic][style]
    return {"topic": topic, "lead": lead, "sents": sents, "text": render(lead, sents, ctx, rng)}


def figures_text(wording, ctx, req, template):
    t = {k: req[k, "total"] for k, _ in req if _ == "total"}
    denied = sum(v for k, v in t.items() if k.startswith("denied_"))
    unavailable = sum(v for k, v in t.items() if k.startswith("unavailable_"))
    not_processed = sum(v for k, v in t.items() if k.startswith("not_processed_"))
    vals = dict(new=t["new_received"], co=t["carried_over"], handled=t["total_handled"], g=t["granted"],
                p=t["partially_granted"], gp=t["granted"] + t["partially_granted"], cf=t["carried_forward"],
                d=denied, u=unavailable, np=not_processed,
                rest=t["total_handled"] - t["granted"] - t["partially_granted"])
    return FIGURES[wording].format(**ctx, **vals)


def build_doc(doc_id, docs, bank, breaks_out):
    agency, year = doc_id.split("_")
    year = int(year)
    province, name, selves, site, scale, first, wording = AGENCIES[agency]
    ctx = {"org": name, "self": selves[year - first], "site": site, "y": year}
    template = template_of(year)
    prev_id = f"{agency}_{year - 1}" if year > first else None
    prev = docs.get(prev_id)
    rng = tables.new_rng(doc_id, "tables")
    carried = tables.carried_forward(prev["requests"]) if prev else tables.first_carried_over(rng, scale)
    planted = {kind: (key, delta) for d, kind, key, delta in BREAKS if d == doc_id}
    if "carried_over" in planted:
        col, delta = planted["carried_over"]
        requests = tables.make_requests(rng, template, scale, {**carried, col: carried[col] + delta})
        breaks_out.append({"doc_id": doc_id, "previous_doc_id": prev_id, "kind": "carried_over", "cells": [
            {"table": "requests", "row": "carried_over", "col": c, "value": requests["carried_over", c],
             "previous_row": "carried_forward", "previous_value": prev["requests"]["carried_forward", c]}
            for c in (col, "total")]})
    else:
        requests = tables.make_requests(rng, template, scale, carried)
    same_template = prev and template_of(year - 1) == template
    active = tables.make_active(rng, template, scale, prev["active"] if same_template else None)
    if "in_force" in planted:
        row, delta = planted["in_force"]
        expected = active[row, "in_force"]
        active[row, "in_force"] += delta
        breaks_out.append({"doc_id": doc_id, "previous_doc_id": prev_id, "kind": "in_force", "cells": [
            {"table": "active", "row": row, "col": "in_force", "value": active[row, "in_force"],
             "previous_row": row, "previous_value": prev["active"][row, "in_force"],
             "expected": expected}]})
    review = tables.make_review(rng, scale)

    rng = tables.new_rng(doc_id, "text")
    plan = PLANS[doc_id]
    paras = {}

    def ref(doc, slot):
        doc = prev_id if doc == P else doc
        if doc not in docs or slot not in docs[doc]["paras"]:
            raise SystemExit(f"{doc_id}: source {doc}/{slot} not built yet")
        return doc, slot, docs[doc]["paras"][slot]

    def template_para(slot, text):
        paras[slot] = {"text": text, "source": None, "edit": None, "template": True}

    template_para("intro", TEMPLATE_INTRO[template].format(y=year))
    fig = {"topic": "figures", "text": figures_text(wording, ctx, requests, template)}
    if prev:
        src = prev["paras"]["figures"]
        grade = "exact" if fig["text"] == src["text"] else "light"
        paras["figures"] = {**fig, "source": (prev_id, "figures"), "edit": grade, "template": False}
    else:
        paras["figures"] = {**fig, "source": None, "edit": None, "template": False}
    for slot, spec in plan.items():
        if spec is True:
            continue
        if spec[0] == "O":
            p = original(spec[1], spec[2], ctx, rng, bank, wording % len(PROBLEM_FRAMES), wording % 3)
            paras[slot] = {**p, "source": None, "edit": None, "template": False}
        elif spec[0] == "C":
            doc, src_slot, src = ref(spec[1], spec[2])
            p = edit(src, spec[3], ctx, rng, bank, wording % 3)
            paras[slot] = {**p, "source": (doc, src_slot), "edit": spec[3], "template": False}
        else:
            (da, sa, a), (db, sb, b) = ref(*spec[1]), ref(*spec[2])
            p = merge(a, b, ctx, rng)
            paras[slot] = {**p, "source": (da, sa), "also_from": [(db, sb)], "edit": "heavy", "template": False}
    if all(review[r, "total"] == 0 for r in tables.REVIEW_ROWS):
        template_para("no_cases", TEMPLATE_NO_CASES)
    template_para("fee", TEMPLATE_FEE.format(**ctx))
    if plan.get("none"):
        template_para("none", TEMPLATE_NONE)
    return {"doc_id": doc_id, "agency": agency, "province": province, "name": name, "year": year,
            "template": template, "scale": scale, "requests": requests, "active": active, "review": review,
            "paras": {s: paras[s] for s in SLOT_ORDER if s in paras}}


def lay_out(doc):
    """The report's lines, and for each narrative slot the line it is on."""
    lines = [f"{doc['name']}{doc['year']}年政府信息公开工作年度报告"]
    where = {}
    body = {2: tables.render_active(doc["template"], doc["active"]),
            3: tables.render_requests(doc["template"], doc["requests"]),
            4: tables.render_review(doc["review"])}
    for section, heading in HEADINGS.items():
        lines.append(heading)
        lines.extend(body.get(section, []))
        for slot, p in doc["paras"].items():
            if SECTION_OF[slot] == section:
                where[slot] = len(lines)
                lines.append(p["text"])
    return lines, where


def cells(doc):
    out = []
    for table, values in (("active", doc["active"]), ("requests", doc["requests"]),
                          ("review_litigation", doc["review"])):
        out += [{"table": table, "row": r, "col": c, "value": v} for (r, c), v in values.items()]
    return out


def main():
    docs, bank, breaks = {}, Bank(), []
    for year in range(2019, 2026):
        for agency in ORDER:
            if 0 <= year - AGENCIES[agency][5] < 3:
                doc_id = f"{agency}_{year}"
                docs[doc_id] = build_doc(doc_id, docs, bank, breaks)
    index_of = {}
    layouts = {}
    for doc_id, doc in docs.items():
        layouts[doc_id] = lay_out(doc)
        for i, slot in enumerate(doc["paras"]):
            index_of[doc_id, slot] = i
    gold = []
    for doc_id in sorted(docs):
        doc = docs[doc_id]
        lines, where = layouts[doc_id]
        (HERE / f"{doc_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        paragraphs = []
        for slot, p in doc["paras"].items():
            entry = {"index": index_of[doc_id, slot], "line": where[slot], "section": SECTION_OF[slot],
                     "slot": slot, "text": p["text"],
                     "source": None if p["source"] is None else
                     {"doc_id": p["source"][0], "index": index_of[p["source"]]},
                     "edit": p["edit"], "template": p["template"]}
            if p.get("also_from"):
                entry["also_from"] = [{"doc_id": d, "index": index_of[d, s]} for d, s in p["also_from"]]
            paragraphs.append(entry)
        gold.append({"doc_id": doc_id, "file": f"{doc_id}.txt", "agency": doc["name"], "province": doc["province"],
                     "kind": doc["scale"], "year": doc["year"], "template": doc["template"],
                     "part": "dev" if int(doc_id[1:3]) % 2 else "held", "cells": cells(doc),
                     "paragraphs": paragraphs})
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    with open(HERE / "breaks.jsonl", "w", encoding="utf-8") as f:
        for b in sorted(breaks, key=lambda b: b["doc_id"]):
            f.write(json.dumps(b, ensure_ascii=False) + "\n")
    print(f"{len(gold)} reports, {sum(len(g['paragraphs']) for g in gold)} paragraphs, {len(breaks)} breaks")


if __name__ == "__main__":
    main()
