"""Print the counts quoted in README.md."""
import collections
import json

L = [json.loads(x) for x in open("labels.jsonl", encoding="utf-8")]
R = [json.loads(x) for x in open("reports.jsonl", encoding="utf-8")]
print(len(R), "reports,", len(L), "lines")
print("kind:", dict(collections.Counter(x["kind"] for x in L)))
print("label:", dict(collections.Counter(x["label"] for x in L if x["kind"] == "narrative")))
print("mixed", sum(x["mixed"] for x in L), "unsure", sum("unsure" in x for x in L),
      "generic", sum(bool(x["generic"]) for x in L))
for k in ("template", "level", "format", "split", "province", "year"):
    print(k + ":", dict(collections.Counter(r[k] for r in R)))
