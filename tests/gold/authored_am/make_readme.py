"""Write README.md (data card) from the jsonl files of set AM."""
import json, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
ld = lambda n: [json.loads(l) for l in open(os.path.join(HERE, n), encoding="utf-8")]
R = ld("reports.jsonl"); L = ld("labels.jsonl")
narr = collections.Counter(l["doc_id"] for l in L if l["kind"] == "narrative")
kinds = collections.Counter(l["kind"] for l in L)
N = [l for l in L if l["kind"] == "narrative"]
labs = collections.Counter(l["label"] for l in N)
gen = collections.Counter(l["label"] for l in N if l["generic"])
rows = "\n".join("| %s | %s | %d | %s | %s | %s | %s | %s | %d |" % (r["doc_id"], r["agency"], r["year"], r["template"], r["level"],
                 r["province"], r["file"] + (" (文库)" if int(r["doc_id"][2:]) <= 8 else " (portal)"), r["split"], narr[r["doc_id"]]) for r in R)
labrows = "\n".join("| %s | %d | %d |" % (k, labs[k], gen[k]) for k in sorted(labs, key=lambda k: -labs[k]))
text = open(os.path.join(HERE, "README.in.md"), encoding="utf-8").read()
text = text.replace("{{ROWS}}", rows).replace("{{LABROWS}}", labrows).replace("{{KINDS}}", ", ".join("%s %d" % kv for kv in kinds.most_common()))
text = text.replace("{{TOTAL}}", str(len(L))).replace("{{NARR}}", str(len(N))).replace("{{GEN}}", str(sum(l["generic"] for l in N)))
text = text.replace("{{MIXED}}", str(sum(l["mixed"] for l in L))).replace("{{UNSURE}}", str(sum("unsure" in l for l in L)))
open(os.path.join(HERE, "README.md"), "w", encoding="utf-8").write(text)
