"""Check set AF: labels vs text, kinds/labels, counts, narrative found in order in the file's
extracted text (column-aware reading of the two-column gazette pages), sections, tables and arithmetic."""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = {'active_disclosure', 'application', 'info_management', 'platform', 'organization', 'problem',
          'improvement', 'other'}
KINDS = {'narrative', 'heading', 'table', 'meta'}
APPL = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org',
        'legal_service_org', 'other_org']
REQ_COMMON = ['new_received', 'carried_over', 'granted', 'partially_granted', 'denied_state_secret',
              'denied_prohibited', 'denied_security_stability', 'denied_third_party', 'denied_internal_affairs',
              'denied_process_info', 'denied_enforcement_files', 'denied_admin_query', 'unavailable_not_held',
              'unavailable_needs_creation', 'unavailable_unclear', 'not_processed_complaint',
              'not_processed_duplicate', 'not_processed_publication', 'not_processed_mass_repeat',
              'not_processed_confirmation']
OTHER = {'2021': ['other_overdue_correction', 'other_unpaid_fee', 'other_misc'], '2019': ['other_handling']}
ACTIVE = {
    '2021': {'regulations': ['issued', 'repealed', 'in_force'], 'normative_documents': ['issued', 'repealed', 'in_force'],
             'licensing': ['decisions'], 'punishment': ['decisions'], 'coercion': ['decisions'], 'fees': ['amount']},
    '2019': {'regulations': ['new_made', 'new_published', 'total_published'],
             'normative_documents': ['new_made', 'new_published', 'total_published'],
             'licensing': ['prev_items', 'change', 'decisions'], 'other_services': ['prev_items', 'change', 'decisions'],
             'punishment': ['prev_items', 'change', 'decisions'], 'coercion': ['prev_items', 'change', 'decisions'],
             'fees': ['prev_items', 'change'], 'procurement': ['items', 'amount']}}
REVIEW_ROWS = ['review', 'litigation_direct', 'litigation_after_review']
REVIEW_COLS = ['upheld', 'corrected', 'other_result', 'pending', 'total']
errors = []


def err(*a):
    errors.append(' '.join(str(x) for x in a))


def load(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def split_cols_lines(lines):
    """lines: list of (top, [(x0, x1, text)]) in one block; return left texts then right texts."""
    return lines


def pdf_stream(path):
    import pdfplumber
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            mid = page.width / 2
            chars = [c for c in page.chars if c['top'] > 50 and c['text'].strip()]
            rows = collections.OrderedDict()
            for c in sorted(chars, key=lambda c: (round(c['top']), c['x0'])):
                key = None
                for t in rows:
                    if abs(t - c['top']) < 2.5:
                        key = t
                        break
                if key is None:
                    key = c['top']
                    rows[key] = []
                rows[key].append(c)
            tops = sorted(rows)
            blocks, cur, prev = [], [], None
            for t in tops:
                if prev is not None and t - prev > 24:
                    blocks.append(cur)
                    cur = []
                cur.append(t)
                prev = t
            if cur:
                blocks.append(cur)
            for b in blocks:
                left = [''.join(c['text'] for c in sorted(rows[t], key=lambda c: c['x0']) if (c['x0'] + c['x1']) / 2 < mid) for t in b]
                right = [''.join(c['text'] for c in sorted(rows[t], key=lambda c: c['x0']) if (c['x0'] + c['x1']) / 2 >= mid) for t in b]
                out += left + right
    return ''.join(out)


def txt_stream(path):
    raw = open(path, encoding='utf-8').read()
    out = []
    for page in raw.split('\f'):
        lines = page.split('\n')
        # drop the running head (first non-empty line of the page)
        for i, ln in enumerate(lines):
            if ln.strip():
                lines = lines[i + 1:]
                break
        blocks, cur = [], []
        for ln in lines:
            if ln.strip():
                cur.append(ln.rstrip())
            elif cur:
                blocks.append(cur)
                cur = []
        if cur:
            blocks.append(cur)
        for b in blocks:
            width = max(len(ln) for ln in b)
            lo, hi = int(width * 0.25), int(width * 0.75)
            free = [all(p >= len(ln) or ln[p] == ' ' for ln in b) for p in range(width)]
            best, p = None, lo
            while p < hi:
                if free[p]:
                    q = p
                    while q < width and free[q]:
                        q += 1
                    if best is None or q - p > best[1] - best[0]:
                        best = (p, q)
                    p = q
                else:
                    p += 1
            if best and best[1] - best[0] >= 2 and len(b) > 1:
                out += [ln[:best[0]] for ln in b] + [ln[best[1]:] for ln in b]
            else:
                out += b
    return ''.join(out)


def nows(s):
    return re.sub(r'\s+', '', s)


def main():
    reports = load('reports.jsonl')
    labels = load('labels.jsonl')
    sections = {r['doc_id']: r['sections'] for r in load('sections.jsonl')}
    tables = {r['doc_id']: r for r in load('tables.jsonl')}
    by_doc = collections.defaultdict(list)
    for r in labels:
        by_doc[r['doc_id']].append(r)
    if len(reports) != 16:
        err('expected 16 reports, got', len(reports))
    fmts = collections.Counter()
    for rep in reports:
        did = rep['doc_id']
        for k in ('doc_id', 'agency', 'year', 'template', 'title', 'level', 'province', 'file', 'format', 'split', 'text', 'page'):
            if k not in rep:
                err(did, 'missing field', k)
        n = int(did[2:])
        if rep['split'] != ('dev' if n % 2 else 'held'):
            err(did, 'split rule')
        fmts[rep['format']] += 1
        if rep['file'] != did + '.' + rep['format'] or not os.path.exists(os.path.join(HERE, rep['file'])):
            err(did, 'file missing', rep['file'])
        tl = [ln for ln in rep['text'].split('\n') if ln.strip()]
        recs = by_doc[did]
        if len(tl) != len(recs):
            err(did, 'line count', len(tl), 'labels', len(recs))
        for i, (t, r) in enumerate(zip(tl, recs, strict=False)):
            if r['para_index'] != i or r['text'] != t:
                err(did, 'label record mismatch at', i)
            if r['kind'] not in KINDS:
                err(did, i, 'bad kind')
            if r['kind'] == 'narrative':
                if r['label'] not in LABELS:
                    err(did, i, 'bad label')
                if not isinstance(r['generic'], bool):
                    err(did, i, 'generic not bool')
            else:
                if r['label'] is not None or r['generic'] is not None:
                    err(did, i, 'label/generic on non-narrative')
            if not isinstance(r['mixed'], bool):
                err(did, i, 'mixed not bool')
            if 'unsure' in r and (r['unsure'] not in LABELS or r['unsure'] == r['label']):
                err(did, i, 'bad unsure')
        narr = [r for r in recs if r['kind'] == 'narrative']
        if len(narr) < 30:
            err(did, 'only', len(narr), 'narrative units')
        if recs and recs[0]['text'] != rep['title']:
            err(did, 'title is not the first line')
        # file text
        path = os.path.join(HERE, rep['file'])
        if os.path.exists(path):
            stream = nows(pdf_stream(path) if rep['format'] == 'pdf' else txt_stream(path))
            pos = 0
            for r in narr:
                k = stream.find(nows(r['text']), pos)
                if k < 0:
                    err(did, 'narrative not found in order:', r['para_index'], r['text'][:30])
                else:
                    pos = k + len(nows(r['text']))
        # sections
        secs = sections.get(did)
        if not secs:
            err(did, 'no sections')
        else:
            nums = [s['number'] for s in secs]
            if rep['template'] != 'old' and nums != [1, 2, 3, 4, 5, 6]:
                err(did, 'section numbers', nums)
            for s in secs:
                pi = s['para_index']
                if pi >= len(recs) or recs[pi]['kind'] != 'heading' or recs[pi]['text'] != s['name']:
                    err(did, 'section does not point at its heading', s)
        # tables
        if rep['template'] in ('2019', '2021'):
            tb = tables.get(did)
            if not tb or tb['template'] != rep['template']:
                err(did, 'tables missing or template mismatch')
                continue
            cells = {(c['table'], c['row'], c['col']): c['value'] for c in tb['cells']}
            if len(cells) != len(tb['cells']):
                err(did, 'duplicate cells')
            for row, cols in ACTIVE[rep['template']].items():
                for c in cols:
                    if ('active', row, c) not in cells:
                        err(did, 'active cell missing', row, c)
            req_rows = REQ_COMMON + OTHER[rep['template']] + ['total_handled', 'carried_forward']
            outs = REQ_COMMON[2:] + OTHER[rep['template']]

            def g(r, c, cells=cells):
                return cells.get(('requests', r, c)) or 0

            for r in req_rows:
                for c in APPL + ['total']:
                    if ('requests', r, c) not in cells:
                        err(did, 'requests cell missing', r, c)
                if g(r, 'total') != sum(g(r, c) for c in APPL):
                    err(did, 'row total', r)
            for c in APPL + ['total']:
                if g('new_received', c) + g('carried_over', c) != g('total_handled', c) + g('carried_forward', c):
                    err(did, 'balance rule', c)
                if g('total_handled', c) != sum(g(o, c) for o in outs):
                    err(did, 'total_handled rule', c)
            extra = {k[1] for k in cells if k[0] == 'requests'} - set(req_rows)
            if extra:
                err(did, 'rows not in template', extra)
            for r in REVIEW_ROWS:
                v = [cells.get(('review_litigation', r, c)) for c in REVIEW_COLS]
                if None in v:
                    err(did, 'review cell missing', r)
                elif v[4] != sum(v[:4]):
                    err(did, 'review total', r)
            # narrative count of received requests
            m = None
            for r in narr:
                m = re.search(r'(?:收到|新收)[^。；]*?申请(\d+)件', r['text'])
                if m:
                    break
            if not m:
                err(did, 'no received-request count in narrative')
            elif int(m.group(1)) != g('new_received', 'total'):
                err(did, 'narrative count', m.group(1), '!= table', g('new_received', 'total'))
            for r in narr:
                for m2 in re.finditer(r'结转下年度(?:继续办理)?(?:的申请)?(\d+)件', r['text']):
                    if int(m2.group(1)) != g('carried_forward', 'total'):
                        err(did, 'narrative carried-forward', m2.group(1), '!= table', g('carried_forward', 'total'))
        elif did in tables:
            err(did, 'old template must have no tables entry')
    if dict(fmts) != {'pdf': 8, 'txt': 8}:
        err('formats', dict(fmts))
    for e in errors:
        print('ERROR', e)
    print(len(errors), 'errors')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
