# -*- coding: utf-8 -*-
"""Refresh the counts in README.md from the jsonl files (run after make_set.py)."""
import json, collections, re
L = [json.loads(l) for l in open('labels.jsonl', encoding='utf-8')]
R = [json.loads(l) for l in open('reports.jsonl', encoding='utf-8')]
n = collections.Counter(l['doc_id'] for l in L if l['kind'] == 'narrative')
kinds = collections.Counter(l['kind'] for l in L)
labs = collections.Counter(l['label'] for l in L if l['kind'] == 'narrative')
gen = collections.Counter(l['label'] for l in L if l['kind'] == 'narrative' and l['generic'])
rows = "\n".join("| " + " | ".join(str(r[k]) for k in ['doc_id', 'agency', 'year', 'template', 'level', 'province', 'file', 'split']) + f" | {n[r['doc_id']]} |" for r in R)
lt = "\n".join(f"| {k} | {labs[k]} | {gen[k]} |" for k in ['active_disclosure', 'application', 'info_management', 'platform', 'organization', 'problem', 'improvement', 'other'])
t = open('README.md', encoding='utf-8').read()
t = re.sub(r"(\|---\|---\|---\|---\|---\|---\|---\|---\|---\|\n)(?:\|.*\n)+", lambda m: m.group(1) + rows + "\n", t)
t = re.sub(r"(\| label \| units \| generic \|\n\|---\|---\|---\|\n)(?:\|.*\n)+", lambda m: m.group(1) + lt + "\n", t)
t = re.sub(r"- reports 16; lines .*\n", f"- reports 16; lines {len(L)}: {dict(kinds)}\n", t)
t = re.sub(r"- generic total .*\n", f"- generic total {sum(gen.values())}; mixed {sum(l['mixed'] for l in L)}; with `unsure` {sum('unsure' in l for l in L)}.\n", t)
open('README.md', 'w', encoding='utf-8').write(t)
