"""Write README.md (data card) from the jsonl files of set AM."""
import collections
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def ld(n):
    return [json.loads(line) for line in open(os.path.join(HERE, n), encoding="utf-8")]


R = ld("reports.jsonl")
L = ld("labels.jsonl")
narr = collections.Counter(rec["doc_id"] for rec in L if rec["kind"] == "narrative")
kinds = collections.Counter(rec["kind"] for rec in L)
N = [rec for rec in L if rec["kind"] == "narrative"]
labs = collections.Counter(rec["label"] for rec in N)
gen = collections.Counter(rec["label"] for rec in N if rec["generic"])
rows = "\n".join("| {} | {} | {:d} | {} | {} | {} | {} | {} | {:d} |".format(
    r["doc_id"], r["agency"], r["year"], r["template"], r["level"],
    r["province"], r["file"] + (" (文库)" if int(r["doc_id"][2:]) <= 8 else " (portal)"), r["split"], narr[r["doc_id"]]) for r in R)
labrows = "\n".join(f"| {k} | {labs[k]:d} | {gen[k]:d} |" for k in sorted(labs, key=lambda k: -labs[k]))
text = open(os.path.join(HERE, "README.in.md"), encoding="utf-8").read()
text = text.replace("{{ROWS}}", rows).replace("{{LABROWS}}", labrows).replace("{{KINDS}}", ", ".join("{} {:d}".format(*kv) for kv in kinds.most_common()))
text = text.replace("{{TOTAL}}", str(len(L))).replace("{{NARR}}", str(len(N))).replace("{{GEN}}", str(sum(rec["generic"] for rec in N)))
text = text.replace("{{MIXED}}", str(sum(rec["mixed"] for rec in L))).replace("{{UNSURE}}", str(sum("unsure" in rec for rec in L)))
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write(text)
