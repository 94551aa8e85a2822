"""Build set AF: gazette-reprinted reports in two columns (PDF via reportlab; TXT via pdftotext -layout).
Report texts live in texts_*.py. Written by hand for the clean room; no project code used."""
import json
import os
import random
import re
import subprocess

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HERE = os.path.dirname(os.path.abspath(__file__))
pdfmetrics.registerFont(TTFont('ZH', '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', subfontIndex=0))
F = 'ZH'
W, H = 595, 842
ML, MR, MT, MB = 52, 52, 62, 58
LABELS = dict(ad='active_disclosure', ap='application', im='info_management', pl='platform',
              or_='organization', pr='problem', iv='improvement', ot='other')
CODES = {'ad': 'ad', 'ap': 'ap', 'im': 'im', 'pl': 'pl', 'or': 'or_', 'pr': 'pr', 'iv': 'iv', 'ot': 'ot'}
CN = '一二三四五六七八九十'
APPL = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org',
        'legal_service_org', 'other_org']

# ---------------- tables -----------------
REQ21 = [('new_received', '一、本年新收政府信息公开申请数量', ''),
         ('carried_over', '二、上年结转政府信息公开申请数量', ''),
         ('granted', '三、本年度办理结果', '（一）予以公开'),
         ('partially_granted', '', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
         ('denied_state_secret', '（三）不予公开', '1.属于国家秘密'),
         ('denied_prohibited', '', '2.其他法律行政法规禁止公开'),
         ('denied_security_stability', '', '3.危及“三安全一稳定”'),
         ('denied_third_party', '', '4.保护第三方合法权益'),
         ('denied_internal_affairs', '', '5.属于三类内部事务信息'),
         ('denied_process_info', '', '6.属于四类过程性信息'),
         ('denied_enforcement_files', '', '7.属于行政执法案卷'),
         ('denied_admin_query', '', '8.属于行政查询事项'),
         ('unavailable_not_held', '（四）无法提供', '1.本机关不掌握相关政府信息'),
         ('unavailable_needs_creation', '', '2.没有现成信息需要另行制作'),
         ('unavailable_unclear', '', '3.补正后申请内容仍不明确'),
         ('not_processed_complaint', '（五）不予处理', '1.信访举报投诉类申请'),
         ('not_processed_duplicate', '', '2.重复申请'),
         ('not_processed_publication', '', '3.要求提供公开出版物'),
         ('not_processed_mass_repeat', '', '4.无正当理由大量反复申请'),
         ('not_processed_confirmation', '', '5.要求行政机关确认或重新出具已获取信息'),
         ('other_overdue_correction', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
         ('other_unpaid_fee', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
         ('other_misc', '', '3.其他'),
         ('total_handled', '', '（七）总计'),
         ('carried_forward', '四、结转下年度继续办理', '')]
REQ19 = [r for r in REQ21 if not r[0].startswith('other_')]
REQ19.insert(20, ('other_handling', '', '（六）其他处理'))
OUTCOMES21 = [r[0] for r in REQ21[2:23]]
OUTCOMES19 = [r[0] for r in REQ19[2:21]]


def req_cells(spec, template):
    rows = REQ21 if template == '2021' else REQ19
    outs = OUTCOMES21 if template == '2021' else OUTCOMES19
    vals = {}
    for key, _, _ in rows:
        vals[key] = list(spec.get(key, [0] * 6))
        assert len(vals[key]) == 6, key
    for k in spec:
        assert k in vals, k
    vals['total_handled'] = [sum(vals[o][i] for o in outs) for i in range(6)]
    vals['carried_forward'] = [vals['new_received'][i] + vals['carried_over'][i] - vals['total_handled'][i] for i in range(6)]
    assert min(vals['carried_forward']) >= 0, (spec, vals['carried_forward'])
    cells = []
    for key, _, _ in rows:
        v = vals[key] + [sum(vals[key])]
        for c, x in zip(APPL + ['total'], v, strict=True):
            cells.append(dict(table='requests', row=key, col=c, value=x))
    return rows, vals, cells


def act_cells(a, template):
    cells = []
    if template == '2021':
        for r in ('regulations', 'normative_documents'):
            for c, x in zip(('issued', 'repealed', 'in_force'), a[r], strict=True):
                cells.append(dict(table='active', row=r, col=c, value=x))
        for r in ('licensing', 'punishment', 'coercion'):
            cells.append(dict(table='active', row=r, col='decisions', value=a[r]))
        cells.append(dict(table='active', row='fees', col='amount', value=a['fees']))
    else:
        for r in ('regulations', 'normative_documents'):
            for c, x in zip(('new_made', 'new_published', 'total_published'), a[r], strict=True):
                cells.append(dict(table='active', row=r, col=c, value=x))
        for r in ('licensing', 'other_services', 'punishment', 'coercion'):
            for c, x in zip(('prev_items', 'change', 'decisions'), a[r], strict=True):
                cells.append(dict(table='active', row=r, col=c, value=x))
        for c, x in zip(('prev_items', 'change'), a['fees'], strict=True):
            cells.append(dict(table='active', row='fees', col=c, value=x))
        for c, x in zip(('items', 'amount'), a['procurement'], strict=True):
            cells.append(dict(table='active', row='procurement', col=c, value=x))
    return cells


def rev_cells(rv):
    cells = []
    for r in ('review', 'litigation_direct', 'litigation_after_review'):
        v = list(rv.get(r, (0, 0, 0, 0)))
        v.append(sum(v))
        for c, x in zip(('upheld', 'corrected', 'other_result', 'pending', 'total'), v, strict=True):
            cells.append(dict(table='review_litigation', row=r, col=c, value=x))
    return cells


def fmt(x):
    if x is None:
        return '—'
    if isinstance(x, float):
        return f'{x:.2f}'.rstrip('0').rstrip('.') if x != int(x) else f'{x:.1f}'
    return str(x)


def table_grids(rep):
    """Return dict name -> list of grid rows; a grid row is list of (text, span) over a column spec."""
    t = rep['template']
    a = rep['active']
    out = {}
    if t == '2021':
        g = [('hdr', ['第二十条第（一）项'], [4])]
        g.append(('hdr', ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], [1, 1, 1, 1]))
        g.append(('row', ['规章'] + [fmt(x) for x in a['regulations']], [1, 1, 1, 1]))
        g.append(('row', ['行政规范性文件'] + [fmt(x) for x in a['normative_documents']], [1, 1, 1, 1]))
        g.append(('hdr', ['第二十条第（五）项'], [4]))
        g.append(('hdr', ['信息内容', '本年处理决定数量'], [1, 3]))
        g.append(('row', ['行政许可', fmt(a['licensing'])], [1, 3]))
        g.append(('hdr', ['第二十条第（六）项'], [4]))
        g.append(('hdr', ['信息内容', '本年处理决定数量'], [1, 3]))
        g.append(('row', ['行政处罚', fmt(a['punishment'])], [1, 3]))
        g.append(('row', ['行政强制', fmt(a['coercion'])], [1, 3]))
        g.append(('hdr', ['第二十条第（八）项'], [4]))
        g.append(('hdr', ['信息内容', '本年收费金额（单位：万元）'], [1, 3]))
        g.append(('row', ['行政事业性收费', fmt(a['fees'])], [1, 3]))
        out['active'] = (g, [0.34, 0.22, 0.22, 0.22])
    else:
        g = [('hdr', ['第二十条第（一）项'], [4])]
        g.append(('hdr', ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'], [1, 1, 1, 1]))
        g.append(('row', ['规章'] + [fmt(x) for x in a['regulations']], [1, 1, 1, 1]))
        g.append(('row', ['规范性文件'] + [fmt(x) for x in a['normative_documents']], [1, 1, 1, 1]))
        g.append(('hdr', ['第二十条第（五）项'], [4]))
        g.append(('hdr', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [1, 1, 1, 1]))
        g.append(('row', ['行政许可'] + [fmt(x) for x in a['licensing']], [1, 1, 1, 1]))
        g.append(('row', ['其他对外管理服务事项'] + [fmt(x) for x in a['other_services']], [1, 1, 1, 1]))
        g.append(('hdr', ['第二十条第（六）项'], [4]))
        g.append(('hdr', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'], [1, 1, 1, 1]))
        g.append(('row', ['行政处罚'] + [fmt(x) for x in a['punishment']], [1, 1, 1, 1]))
        g.append(('row', ['行政强制'] + [fmt(x) for x in a['coercion']], [1, 1, 1, 1]))
        g.append(('hdr', ['第二十条第（八）项'], [4]))
        g.append(('hdr', ['信息内容', '上一年项目数量', '本年增/减'], [1, 1, 2]))
        g.append(('row', ['行政事业性收费'] + [fmt(x) for x in a['fees']], [1, 1, 2]))
        g.append(('hdr', ['第二十条第（九）项'], [4]))
        g.append(('hdr', ['信息内容', '采购项目数量', '采购总金额'], [1, 1, 2]))
        g.append(('row', ['政府集中采购'] + [fmt(x) for x in a['procurement']], [1, 1, 2]))
        out['active'] = (g, [0.34, 0.22, 0.22, 0.22])
    rows, vals, _ = req_cells(rep['requests'], t)
    g = [('hdr', ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'], [2, 7]),
         ('hdr', ['', '', '自然人', '法人或其他组织', '', '', '', '', '总计'], [1, 1, 1, 1, 1, 1, 1, 1, 1]),
         ('hdr', ['', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''], [1] * 9)]
    for key, grp, item in rows:
        v = vals[key] + [sum(vals[key])]
        g.append(('row', [grp, item] + [str(x) for x in v], [1] * 9))
    out['requests'] = (g, [0.2, 0.31] + [0.07] * 7)
    rv = rep['review']
    g = [('hdr', ['行政复议', '行政诉讼'], [5, 10]),
         ('hdr', ['', '未经复议直接起诉', '复议后起诉'], [5, 5, 5]),
         ('hdr', ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] * 3, [1] * 15)]
    nums = []
    for r in ('review', 'litigation_direct', 'litigation_after_review'):
        v = list(rv.get(r, (0, 0, 0, 0)))
        nums += [str(x) for x in v] + [str(sum(v))]
    g.append(('row', nums, [1] * 15))
    out['review'] = (g, [1 / 15] * 15)
    return out


def grid_text_lines(grid):
    return ['  '.join(x for x in cells if x).strip() for _, cells, _ in grid[0] if any(cells)]


# ---------------- parsing the body markup -----------------
def parse(rep):
    recs, sections, flow = [], [], []
    grids = table_grids(rep) if rep['template'] != 'old' else {}
    for raw in rep['body'].strip('\n').split('\n'):
        raw = raw.rstrip()
        if not raw.strip():
            continue
        m = re.match(r'^\[T:(\w+)(/col)?\]$', raw)
        if m:
            name = m.group(1)
            lines = grid_text_lines(grids[name])
            for ln in lines:
                recs.append(dict(kind='table', text=ln))
            flow.append(('table', name, bool(m.group(2))))
            continue
        if raw.startswith('# ') or raw.startswith('#! '):
            txt = raw.split(' ', 1)[1]
            idx = len(recs)
            recs.append(dict(kind='heading', text=txt))
            mm = re.match('^([' + CN + '])、', txt)
            if mm:
                sections.append(dict(number=CN.index(mm.group(1)) + 1, name=txt, para_index=idx))
            flow.append(('title' if raw.startswith('#!') else ('fullhead' if re.match('^[二三四]、', txt) and rep['template'] != 'old' else 'head'), txt, None))
            continue
        if raw.startswith('@ ') or raw.startswith('@@ '):
            txt = raw.split(' ', 1)[1]
            recs.append(dict(kind='meta', text=txt))
            flow.append(('issuer' if raw.startswith('@@') else 'sign', txt, None))
            continue
        m = re.match(r'^(ad|ap|im|pl|or|pr|iv|ot)([gm]*)(\?(ad|ap|im|pl|or|pr|iv|ot))?\|(.+)$', raw)
        assert m, (rep['doc_id'], raw)
        r = dict(kind='narrative', text=m.group(5), label=LABELS[CODES[m.group(1)]],
                 generic='g' in m.group(2), mixed='m' in m.group(2))
        if m.group(4):
            r['unsure'] = LABELS[CODES[m.group(4)]]
        recs.append(r)
        flow.append(('para', m.group(5), None))
    return recs, sections, flow, grids


# ---------------- PDF drawing -----------------
FS = 10.0      # body font size
LH = 16.0      # line height


def wrap(text, width, fs, indent=2):
    lines, cur, w = [], '', fs * indent
    first = True
    for ch in text:
        cw = pdfmetrics.stringWidth(ch, F, fs)
        if w + cw > width + 0.01 and cur and ch not in '，。、；：）”’！？》':
            lines.append((cur, first))
            first = False
            cur, w = '', 0
        cur += ch
        w += cw
    if cur:
        lines.append((cur, first))
    return lines


class Gazette:
    def __init__(self, path, rep, rnd):
        self.c = canvas.Canvas(path, pagesize=(W, H))
        self.c.setTitle(rep['gazette'] + ' ' + rep['issue'])
        self.rep, self.rnd = rep, rnd
        self.page = rep['start_page']
        self.gut = 18 + rnd.choice([0, 2, 4, 6])
        self.colw = (W - ML - MR - self.gut) / 2
        self.new_page(first=True)

    def new_page(self, first=False):
        if not first:
            self.c.showPage()
            self.page += 1
        c = self.c
        c.setFont(F, 8.5)
        head = f"{self.rep['gazette']}  {self.rep['issue']}"
        if self.page % 2:
            c.drawString(ML, H - 40, head)
            c.drawRightString(W - MR, H - 40, f'·{self.page:d}·')
        else:
            c.drawString(ML, H - 40, f'·{self.page:d}·')
            c.drawRightString(W - MR, H - 40, head)
        c.setLineWidth(0.6)
        c.line(ML, H - 45, W - MR, H - 45)
        self.y = H - MT          # baseline cursor top
        self.gut = 18 + self.rnd.choice([0, 2, 4, 6])
        self.colw = (W - ML - MR - self.gut) / 2

    def room(self):
        return int((self.y - MB) // LH)

    def band(self, items):
        """items: list of (kind, payload) column lines; flows left then right, balanced at the end."""
        while items:
            R = self.room()
            if R < 2:
                self.new_page()
                continue
            if len(items) <= 2 * R:
                nl = (len(items) + 1) // 2
                left, right, items = items[:nl], items[nl:], []
            else:
                left, right, items = items[:R], items[R:2 * R], items[2 * R:]
            for col, part in ((0, left), (1, right)):
                x0 = ML + col * (self.colw + self.gut)
                y = self.y
                for it in part:
                    self.draw_item(it, x0, y)
                    y -= LH
            self.y -= max(len(left), len(right)) * LH
            if items:
                self.new_page()
        self.y -= LH * 0.9

    def draw_item(self, it, x0, y):
        c = self.c
        kind, p = it
        if kind == 'text':
            s, first = p
            c.setFont(F, FS)
            c.drawString(x0 + (FS * 2 if first else 0), y - FS, s)
        elif kind == 'head':
            c.setFont(F, FS + 0.5)
            c.drawString(x0, y - FS, p)
        elif kind == 'trow':
            cells, spans, fr, fs = p
            c.setFont(F, fs)
            xs = x0
            k = 0
            c.setLineWidth(0.4)
            c.line(x0, y + 2, x0 + self.colw, y + 2)
            for txt, sp in zip(cells, spans, strict=True):
                wdt = sum(fr[k:k + sp]) * self.colw
                c.line(xs, y + 2, xs, y + 2 - LH)
                if txt:
                    c.drawCentredString(xs + wdt / 2, y - fs - 2, txt)
                xs += wdt
                k += sp
            c.line(xs, y + 2, xs, y + 2 - LH)
            c.line(x0, y + 2 - LH, x0 + self.colw, y + 2 - LH)

    def full_text(self, s, fs, center=True, gap_after=6):
        if self.y - fs * 2 < MB:
            self.new_page()
        self.c.setFont(F, fs)
        if center:
            self.c.drawCentredString(W / 2, self.y - fs, s)
        else:
            self.c.drawString(ML, self.y - fs, s)
        self.y -= fs + gap_after

    def full_table(self, grid, fr):
        width = W - ML - MR
        rh = 13.5
        c = self.c
        for _kind, cells, spans in grid:
            fs = 6.6 if len(cells) > 4 else 8
            # wrap long cells into two lines
            if self.y - rh * 2 < MB:
                self.new_page()
            heights = 1
            wrapped = []
            k = 0
            for txt, sp in zip(cells, spans, strict=True):
                wdt = sum(fr[k:k + sp]) * width
                k += sp
                parts, cur = [], ''
                for ch in txt:
                    if pdfmetrics.stringWidth(cur + ch, F, fs) > wdt - 4:
                        parts.append(cur)
                        cur = ''
                    cur += ch
                if cur or not parts:
                    parts.append(cur)
                wrapped.append((parts, wdt))
                heights = max(heights, len(parts))
            h = rh * heights if heights == 1 else (fs + 2.5) * heights + 5
            c.setLineWidth(0.4)
            c.line(ML, self.y, ML + width, self.y)
            xs = ML
            c.setFont(F, fs)
            for parts, wdt in wrapped:
                c.line(xs, self.y, xs, self.y - h)
                for j, ptxt in enumerate(parts):
                    c.drawCentredString(xs + wdt / 2, self.y - 3 - fs - j * (fs + 2.5) - (h - 6 - len(parts) * (fs + 2.5)) / 2, ptxt)
                xs += wdt
            c.line(xs, self.y, xs, self.y - h)
            c.line(ML, self.y - h, ML + width, self.y - h)
            self.y -= h
        self.y -= LH * 1.1

    def save(self):
        self.c.showPage()
        self.c.save()


def build_pdf(rep, path, flow, grids):
    rnd = random.Random(rep['doc_id'])
    g = Gazette(path, rep, rnd)
    pre = rep.get('preceding')
    if pre:
        items = []
        for p in pre:
            items += [('text', ln) for ln in wrap(p, g.colw, FS)]
        g.band(items)
        g.full_text('【部门文件】', 11, center=False, gap_after=12)
    pending = []

    def flush():
        if pending:
            g.band(list(pending))
            pending.clear()
    for kind, p, extra in flow:
        if kind == 'title':
            flush()
            g.y -= 4
            # long titles in two lines
            if len(p) > 24:
                cut = p.index('年') + 1 if '年' in p[:20] else len(p) // 2
                cut = p.find('政府信息公开') if p.find('政府信息公开') > 6 else cut
                g.full_text(p[:cut], 15, gap_after=5)
                g.full_text(p[cut:], 15, gap_after=8)
            else:
                g.full_text(p, 15, gap_after=8)
        elif kind == 'issuer':
            g.full_text(p, 10.5, gap_after=LH * 1.2)
        elif kind == 'fullhead':
            if extra is None and rep.get('col_table') and p.startswith('二'):
                pending.append(('head', p))
                continue
            flush()
            if g.y - 130 < MB:      # keep a table heading with its table
                g.new_page()
            g.full_text(p, FS + 0.5, center=False, gap_after=6)
        elif kind == 'head':
            pending.append(('head', p))
        elif kind in ('para', 'sign'):
            if kind == 'sign':
                pending.append(('text', (p, False)))
            else:
                pending += [('text', ln) for ln in wrap(p, g.colw, FS)]
        elif kind == 'table':
            grid, fr = grids[p]
            if extra:   # in-column table
                for _k2, cells, spans in grid:
                    pending.append(('trow', (cells, spans, fr, 7.5)))
            else:
                flush()
                g.full_table(grid, fr)
    flush()
    post = rep.get('following')
    if post:
        g.full_text('', 8, gap_after=10)
        g.full_text(post[0], 13, gap_after=14)
        items = []
        for p in post[1:]:
            items += [('text', ln) for ln in wrap(p, g.colw, FS)]
        g.band(items)
    g.save()


def main():
    import texts_a
    import texts_b
    import texts_c
    import texts_d
    reps = texts_a.REPORTS + texts_b.REPORTS + texts_c.REPORTS + texts_d.REPORTS
    reps.sort(key=lambda r: r['doc_id'])
    out_r, out_l, out_s, out_t = [], [], [], []
    for rep in reps:
        recs, sections, flow, grids = parse(rep)
        did = rep['doc_id']
        pdfp = os.path.join(HERE, did + '.pdf')
        build_pdf(rep, pdfp, flow, grids)
        if rep['format'] == 'txt':
            subprocess.run(['pdftotext', '-layout', pdfp, os.path.join(HERE, did + '.txt')], check=True)
            os.remove(pdfp)
        text = '\n'.join(r['text'] for r in recs)
        num = int(did[2:])
        title = recs[0]['text']
        out_r.append(dict(doc_id=did, agency=rep['agency'], year=rep['year'], template=rep['template'],
                          title=title, level=rep['level'], province=rep['province'],
                          file=did + '.' + rep['format'], format=rep['format'],
                          split='dev' if num % 2 else 'held', text=text, page=rep['page']))
        for i, r in enumerate(recs):
            d = dict(doc_id=did, para_index=i, text=r['text'], kind=r['kind'],
                     label=r.get('label'), mixed=r.get('mixed', False),
                     generic=r.get('generic') if r['kind'] == 'narrative' else None)
            if 'unsure' in r:
                d['unsure'] = r['unsure']
            out_l.append(d)
        out_s.append(dict(doc_id=did, sections=sections))
        if rep['template'] != 'old':
            cells = act_cells(rep['active'], rep['template']) + req_cells(rep['requests'], rep['template'])[2] + rev_cells(rep['review'])
            out_t.append(dict(doc_id=did, template=rep['template'], cells=cells))
    for name, rows in (('reports', out_r), ('labels', out_l), ('sections', out_s), ('tables', out_t)):
        with open(os.path.join(HERE, name + '.jsonl'), 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print('built', len(reps), 'reports,', len(out_l), 'lines')


if __name__ == '__main__':
    main()
