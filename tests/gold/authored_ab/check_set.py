"""Check set AB: label records, kinds/labels, unit counts, narrative found in the files, sections, tables, counts."""
import collections
import json
import os
import re
import subprocess
import sys

import docx
import opencc
import tables_ab

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {'active_disclosure', 'application', 'info_management', 'platform', 'organization', 'problem', 'improvement', 'other'}
KINDS = {'narrative', 'heading', 'table', 'meta'}
T2S = opencc.OpenCC('t2s')
errors = []


def err(*a):
    errors.append(' '.join(map(str, a)))


def load(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def file_text(rep):
    path = os.path.join(HERE, rep['file'])
    if rep['format'] == 'docx':
        return '\n'.join(p.text for p in docx.Document(path).paragraphs)
    if rep['format'] == 'pdf':
        import pdfplumber
        with pdfplumber.open(path) as pdf:
            return '\n'.join(pg.extract_text() or '' for pg in pdf.pages)
    if rep['format'] == 'doc':
        out = subprocess.run(['soffice', '--headless', '-env:UserInstallation=file:///tmp/lo_ab', '--cat', path],
                             capture_output=True, text=True)
        return out.stdout
    s = open(path, encoding='utf-8').read()
    s = re.sub(r'<[^>]+>', '', s)
    return s


def norm(s):
    s = T2S.convert(s)
    s = re.sub(r'\([a-zA-Züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ ]+\)', '', s)  # pinyin glosses
    return re.sub(r'\s+', '', s)


reports = load('reports.jsonl')
labels = load('labels.jsonl')
sections = {x['doc_id']: x['sections'] for x in load('sections.jsonl')}
tables = {x['doc_id']: x for x in load('tables.jsonl')}
by_doc = collections.defaultdict(list)
for r in labels:
    by_doc[r['doc_id']].append(r)

REQ_ROWS_2019 = [k for k, _ in tables_ab.REQ_ROWS_A + tables_ab.REQ_OTHER_2019 + tables_ab.REQ_TAIL if k != 'hdr']
REQ_ROWS_2021 = [k for k, _ in tables_ab.REQ_ROWS_A + tables_ab.REQ_OTHER_2021 + tables_ab.REQ_TAIL if k != 'hdr']
ACT = {'2019': [(x[0], x[2]) for x in tables_ab.ACTIVE_2019 if x[0] != 'hdr'],
       '2021': [(x[0], x[2]) for x in tables_ab.ACTIVE_2021 if x[0] != 'hdr']}

if len(reports) != 16:
    err('expected 16 reports, got', len(reports))
for rep in reports:
    d = rep['doc_id']
    n = int(d[2:])
    if rep['split'] != ('dev' if n % 2 else 'held'):
        err(d, 'split')
    for k in ['doc_id', 'agency', 'year', 'template', 'title', 'level', 'province', 'file', 'format', 'split', 'text', 'page']:
        if k not in rep:
            err(d, 'missing field', k)
    lines = [ln for ln in rep['text'].split('\n') if ln.strip()]
    recs = by_doc[d]
    if len(lines) != len(recs):
        err(d, 'lines', len(lines), 'records', len(recs))
    for i, (ln, r) in enumerate(zip(lines, recs, strict=False)):
        if r['para_index'] != i or r['text'] != ln:
            err(d, 'record out of order at', i)
        if r['kind'] not in KINDS:
            err(d, i, 'kind', r['kind'])
        if r['kind'] == 'narrative':
            if r['label'] not in LABELS or not isinstance(r['generic'], bool):
                err(d, i, 'narrative label/generic', r['label'], r['generic'])
            if 'unsure' in r and r['unsure'] not in LABELS:
                err(d, i, 'unsure', r['unsure'])
        elif r['label'] is not None or r['generic'] is not None:
            err(d, i, 'non-narrative with label')
        if not isinstance(r['mixed'], bool):
            err(d, i, 'mixed')
    narr = [r for r in recs if r['kind'] == 'narrative']
    if len(narr) < 30:
        err(d, 'only', len(narr), 'narrative units')
    # narrative in order in the file
    ft = norm(file_text(rep))
    pos = 0
    for r in narr:
        t = norm(r['text'])
        j = ft.find(t, pos)
        if j < 0:
            err(d, 'narrative not found in file (in order):', r['para_index'], r['text'][:30])
        else:
            pos = j + len(t)
    # sections
    secs = sections.get(d, [])
    nums = [s['number'] for s in secs]
    want = list(range(1, 8)) if rep['template'] == 'old' else list(range(1, 7))
    if nums != want:
        err(d, 'section numbers', nums)
    for s in secs:
        r = recs[s['para_index']]
        if r['kind'] != 'heading' or r['text'] != s['name']:
            err(d, 'section points at', s)
    # tables
    if rep['template'] == 'old':
        if d in tables:
            err(d, 'old template with tables entry')
        continue
    tb = tables.get(d)
    if not tb or tb['template'] != rep['template']:
        err(d, 'tables entry missing/template')
        continue
    cell = {(c['table'], c['row'], c['col']): c['value'] for c in tb['cells']}
    for row, cols in ACT[rep['template']]:
        for c in cols:
            if ('active', row, c) not in cell:
                err(d, 'missing active cell', row, c)
    rows = REQ_ROWS_2021 if rep['template'] == '2021' else REQ_ROWS_2019
    cols = tables_ab.APPL + ['total']
    def g(r, c, cell=cell):
        return cell.get(('requests', r, c)) or 0
    for r in rows:
        for c in cols:
            if ('requests', r, c) not in cell:
                err(d, 'missing requests cell', r, c)
        if g(r, 'total') != sum(g(r, c) for c in tables_ab.APPL):
            err(d, 'row total', r)
    outcome = rows[rows.index('granted'):rows.index('total_handled')]
    for c in cols:
        if g('new_received', c) + g('carried_over', c) != g('total_handled', c) + g('carried_forward', c):
            err(d, 'rule 2', c)
        if g('total_handled', c) != sum(g(r, c) for r in outcome):
            err(d, 'rule 3', c)
    for r in tables_ab.REV_ROWS:
        v = [cell.get(('review_litigation', r, c)) for c in tables_ab.REV_COLS]
        if None in v:
            err(d, 'missing review cell', r)
        elif v[4] != sum(v[:4]):
            err(d, 'rule 4', r)
    # narrative received count equals table
    nr = g('new_received', 'total')
    for r in narr:
        m = re.search(r'(?:收到|新收)[^。；，]*?申请(\d+)件', r['text'])
        if m:
            if int(m.group(1)) != nr:
                err(d, 'narrative says', m.group(1), 'table says', nr)
            break
        if re.search(r'未收到[^。]*申请', r['text']) and nr != 0:
            err(d, 'narrative says none, table says', nr)
    rv = sum(cell.get(('review_litigation', 'review', c)) for c in tables_ab.REV_COLS[:4])
    for r in narr:
        m = re.search(r'行政复议(\d+)件', r['text'])
        if m and int(m.group(1)) != rv:
            err(d, 'narrative review', m.group(1), 'table', rv)

for e in errors:
    print('ERROR', e)
print(len(errors), 'errors')
sys.exit(1 if errors else 0)
