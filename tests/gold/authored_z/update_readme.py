"""Refresh the counts in README.md from the jsonl files (run after make_set.py)."""
import collections
import json
import re

L = [json.loads(ln) for ln in open('labels.jsonl', encoding='utf-8')]
R = [json.loads(ln) for ln in open('reports.jsonl', encoding='utf-8')]
n = collections.Counter(rec['doc_id'] for rec in L if rec['kind'] == 'narrative')
kinds = collections.Counter(rec['kind'] for rec in L)
labs = collections.Counter(rec['label'] for rec in L if rec['kind'] == 'narrative')
gen = collections.Counter(rec['label'] for rec in L if rec['kind'] == 'narrative' and rec['generic'])
rows = "\n".join("| " + " | ".join(str(r[k]) for k in ['doc_id', 'agency', 'year', 'template', 'level', 'province', 'file', 'split']) + f" | {n[r['doc_id']]} |" for r in R)
lt = "\n".join(f"| {k} | {labs[k]} | {gen[k]} |" for k in ['active_disclosure', 'application', 'info_management', 'platform', 'organization', 'problem', 'improvement', 'other'])
t = open('README.md', encoding='utf-8').read()
t = re.sub(r"(\|---\|---\|---\|---\|---\|---\|---\|---\|---\|\n)(?:\|.*\n)+", lambda m: m.group(1) + rows + "\n", t)
t = re.sub(r"(\| label \| units \| generic \|\n\|---\|---\|---\|\n)(?:\|.*\n)+", lambda m: m.group(1) + lt + "\n", t)
t = re.sub(r"- reports 16; lines .*\n", f"- reports 16; lines {len(L)}: {dict(kinds)}\n", t)
t = re.sub(r"- generic total .*\n", f"- generic total {sum(gen.values())}; mixed {sum(rec['mixed'] for rec in L)}; with `unsure` {sum('unsure' in rec for rec in L)}.\n", t)
open('README.md', 'w', encoding='utf-8').write(t)
