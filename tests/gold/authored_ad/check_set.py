"""Check set AD: labels against texts, files, sections, tables. Prints the errors and their count."""
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {'active_disclosure', 'application', 'info_management', 'platform', 'organization', 'problem',
          'improvement', 'other'}
KINDS = {'narrative', 'heading', 'table', 'meta'}
COLS = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org',
        'legal_service_org', 'other_org']
ROWS = ['new_received', 'carried_over', 'granted', 'partially_granted', 'denied_state_secret', 'denied_prohibited',
        'denied_security_stability', 'denied_third_party', 'denied_internal_affairs', 'denied_process_info',
        'denied_enforcement_files', 'denied_admin_query', 'unavailable_not_held', 'unavailable_needs_creation',
        'unavailable_unclear', 'not_processed_complaint', 'not_processed_duplicate', 'not_processed_publication',
        'not_processed_mass_repeat', 'not_processed_confirmation', 'other_overdue_correction', 'other_unpaid_fee',
        'other_misc', 'total_handled', 'carried_forward']
OUTCOMES = ROWS[2:23]
ACTIVE = [('regulations', c) for c in ('issued', 'repealed', 'in_force')] + \
         [('normative_documents', c) for c in ('issued', 'repealed', 'in_force')] + \
         [('licensing', 'decisions'), ('punishment', 'decisions'), ('coercion', 'decisions'), ('fees', 'amount')]
RL = ['review', 'litigation_direct', 'litigation_after_review']
RLC = ['upheld', 'corrected', 'other_result', 'pending', 'total']

errors = []


def err(msg):
    errors.append(msg)


def load(name):
    return [json.loads(line) for line in open(HERE / name, encoding='utf-8') if line.strip()]


def file_text(path, fmt):
    data = path.read_bytes()
    if fmt == 'html':
        s = data.decode('utf-8')
        s = re.sub(r'<(script|style)\b.*?</\1>', '', s, flags=re.S)
        s = html.unescape(re.sub(r'<[^>]+>', '', s))
    elif fmt == 'txt':
        try:
            s = data.decode('utf-8')
        except UnicodeDecodeError:
            s = data.decode('gb18030')
    else:
        raise ValueError(fmt)
    return re.sub(r'\s+', '', s)


reports = load('reports.jsonl')
labels = load('labels.jsonl')
sections = {r['doc_id']: r['sections'] for r in load('sections.jsonl')}
tables = {r['doc_id']: r for r in load('tables.jsonl')}
by_doc = {}
for r in labels:
    by_doc.setdefault(r['doc_id'], []).append(r)

ids = [r['doc_id'] for r in reports]
if ids != [f'AD{i:02d}' for i in range(1, 17)]:
    err(f'report ids {ids}')
for rep in reports:
    d = rep['doc_id']
    for k in ('doc_id', 'agency', 'year', 'template', 'title', 'level', 'province', 'file', 'format', 'split', 'text', 'page'):
        if k not in rep:
            err(f'{d}: missing field {k}')
    if rep['split'] != ('dev' if int(d[2:]) % 2 else 'held'):
        err(f'{d}: split')
    lines = [ln for ln in rep['text'].split('\n') if ln.strip()]
    recs = by_doc.get(d, [])
    if len(lines) != len(recs):
        err(f'{d}: {len(lines)} text lines, {len(recs)} label records')
    for i, (line, rec) in enumerate(zip(lines, recs, strict=False)):
        if rec['para_index'] != i or rec['text'] != line:
            err(f'{d}: record {i} does not match line: {rec["text"][:20]} / {line[:20]}')
        if rec['kind'] not in KINDS:
            err(f'{d}:{i} kind {rec["kind"]}')
        if rec['kind'] == 'narrative':
            if rec['label'] not in LABELS or not isinstance(rec['generic'], bool):
                err(f'{d}:{i} label/generic {rec["label"]} {rec["generic"]}')
            if 'unsure' in rec and (rec['unsure'] not in LABELS or rec['unsure'] == rec['label']):
                err(f'{d}:{i} unsure {rec["unsure"]}')
        elif rec['label'] is not None or rec['generic'] is not None:
            err(f'{d}:{i} non-narrative with label')
        if not isinstance(rec['mixed'], bool):
            err(f'{d}:{i} mixed')
    narr = [r for r in recs if r['kind'] == 'narrative']
    if len(narr) < 30:
        err(f'{d}: only {len(narr)} narrative units')
    # narrative in file, in order
    ft = file_text(HERE / rep['file'], rep['format'])
    pos = 0
    for r in narr:
        t = re.sub(r'\s+', '', r['text'])
        j = ft.find(t, pos)
        if j < 0:
            err(f'{d}:{r["para_index"]} narrative not found in file in order: {r["text"][:30]}')
        else:
            pos = j + len(t)
    # sections
    secs = sections.get(d)
    if not secs:
        err(f'{d}: no sections')
    else:
        nums = [s['number'] for s in secs]
        if nums != list(range(1, 7)):
            err(f'{d}: section numbers {nums}')
        for s in secs:
            rec = recs[s['para_index']] if s['para_index'] < len(recs) else None
            if not rec or rec['kind'] != 'heading' or rec['text'] != s['name']:
                err(f'{d}: section {s["number"]} does not point at its heading')
    # tables
    tab = tables.get(d)
    if rep['template'] in ('2019', '2021'):
        if not tab:
            err(f'{d}: no tables entry')
            continue
        cells = {(c['table'], c['row'], c['col']): c['value'] for c in tab['cells']}
        for row, col in ACTIVE:
            if ('active', row, col) not in cells:
                err(f'{d}: active {row}/{col} missing')
        req = {}
        for row in ROWS:
            for col in COLS + ['total']:
                if ('requests', row, col) not in cells:
                    err(f'{d}: requests {row}/{col} missing')
                req[(row, col)] = cells.get(('requests', row, col)) or 0
        for row in ROWS:
            if sum(req[(row, c)] for c in COLS) != req[(row, 'total')]:
                err(f'{d}: requests row {row} total')
        for col in COLS + ['total']:
            if req[('new_received', col)] + req[('carried_over', col)] != req[('total_handled', col)] + req[('carried_forward', col)]:
                err(f'{d}: requests column {col}: 一+二 != 三+四')
            if sum(req[(o, col)] for o in OUTCOMES) != req[('total_handled', col)]:
                err(f'{d}: requests column {col}: outcomes != total_handled')
        rl = {}
        for row in RL:
            for col in RLC:
                if ('review_litigation', row, col) not in cells:
                    err(f'{d}: review_litigation {row}/{col} missing')
                rl[(row, col)] = cells.get(('review_litigation', row, col)) or 0
            if sum(rl[(row, c)] for c in RLC[:4]) != rl[(row, 'total')]:
                err(f'{d}: review_litigation {row} total')
        # narrative numbers agree with the tables
        text = '\n'.join(r['text'] for r in narr)
        m = re.search(r'(?:新收|收到|受理)(?:各类)?政府信息公开申请(?:共)?(\d+)件', text)
        if not m:
            err(f'{d}: no received-request count in the narrative')
        elif int(m.group(1)) != req[('new_received', 'total')]:
            err(f'{d}: narrative received {m.group(1)} != table {req[("new_received", "total")]}')
        m = re.search(r'上年结转(\d+)件', text)
        if m and int(m.group(1)) != req[('carried_over', 'total')]:
            err(f'{d}: narrative carried over {m.group(1)} != table')
        m = re.search(r'行政复议(?:案件)?(\d+)件', text)
        if m and int(m.group(1)) != rl[('review', 'total')]:
            err(f'{d}: narrative review {m.group(1)} != table {rl[("review", "total")]}')
        # the numbers printed in the file's tables, in order, are the gold cells' values
        raw = (HERE / rep['file']).read_bytes()
        if rep['format'] == 'html':
            fcells = [html.unescape(re.sub(r'<[^>]+>', '', c)).strip()
                      for c in re.findall(r'<td[^>]*>(.*?)</td>', raw.decode('utf-8'), flags=re.S)]
        else:
            try:
                s_ = raw.decode('utf-8')
            except UnicodeDecodeError:
                s_ = raw.decode('gb18030')
            fcells = [c.strip() for ln in s_.splitlines() if ln.count('\t') >= 3 for c in ln.split('\t')]
        nums = [float(c) for c in fcells if re.fullmatch(r'\d+(?:\.\d+)?', c)]
        gold = [float(c['value']) for c in tab['cells'] if c['value'] is not None]
        if nums != gold:
            err(f'{d}: numbers in the file tables differ from tables.jsonl ({len(nums)} vs {len(gold)})')
        tl = [float(t) for r in recs if r['kind'] == 'table' for t in r['text'].split(' ')
              if re.fullmatch(r'\d+(?:\.\d+)?', t)]
        if tl != gold:
            err(f'{d}: numbers in the text table lines differ from tables.jsonl')
    elif tab:
        err(f'{d}: old template with a tables entry')

kinds = Counter(r['kind'] for r in labels)
labs = Counter(r['label'] for r in labels if r['kind'] == 'narrative')
gen = sum(1 for r in labels if r['kind'] == 'narrative' and r['generic'])
print('reports', len(reports), 'lines', len(labels), dict(kinds))
print('labels', dict(sorted(labs.items())), 'generic', gen, 'mixed', sum(r['mixed'] for r in labels),
      'unsure', sum(1 for r in labels if 'unsure' in r))
for rep in reports:
    n = sum(1 for r in by_doc.get(rep['doc_id'], []) if r['kind'] == 'narrative')
    print(rep['doc_id'], rep['format'], n, end='; ')
print()
for e in errors:
    print('ERROR', e)
print(len(errors), 'errors')
sys.exit(1 if errors else 0)
