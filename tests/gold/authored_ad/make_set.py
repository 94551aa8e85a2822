"""Build set AD: report files + jsonl gold from the texts in texts_ad*.py (written by hand)."""
import hashlib
import html
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import texts_ad1
import texts_ad2
import texts_ad3
import texts_ad4

HERE = Path(__file__).resolve().parent

REPORTS = texts_ad1.REPORTS + texts_ad2.REPORTS + texts_ad3.REPORTS + texts_ad4.REPORTS
LAB = dict(ad='active_disclosure', ap='application', im='info_management', pl='platform',
           og='organization', pr='problem', iv='improvement', ot='other')
LINE = re.compile(r'^(ad|ap|im|pl|og|pr|iv|ot)([*~]*)(?:/(ad|ap|im|pl|og|pr|iv|ot))?\s+(.*)$')
CN = '一二三四五六'

COLS = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org',
        'legal_service_org', 'other_org']
OUT_ROWS = [  # key, label cells, base share
    ('granted', ['三、本年度办理结果', '（一）予以公开', ''], .36),
    ('partially_granted', ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''], .09),
    ('denied_state_secret', ['', '（三）不予公开', '1.属于国家秘密'], .003),
    ('denied_prohibited', ['', '', '2.其他法律行政法规禁止公开'], .004),
    ('denied_security_stability', ['', '', '3.危及“三安全一稳定”'], .003),
    ('denied_third_party', ['', '', '4.保护第三方合法权益'], .012),
    ('denied_internal_affairs', ['', '', '5.属于三类内部事务信息'], .01),
    ('denied_process_info', ['', '', '6.属于四类过程性信息'], .018),
    ('denied_enforcement_files', ['', '', '7.属于行政执法案卷'], .006),
    ('denied_admin_query', ['', '', '8.属于行政查询事项'], .02),
    ('unavailable_not_held', ['', '（四）无法提供', '1.本机关不掌握相关政府信息'], .25),
    ('unavailable_needs_creation', ['', '', '2.没有现成信息需要另行制作'], .02),
    ('unavailable_unclear', ['', '', '3.补正后申请内容仍不明确'], .025),
    ('not_processed_complaint', ['', '（五）不予处理', '1.信访举报投诉类申请'], .04),
    ('not_processed_duplicate', ['', '', '2.重复申请'], .03),
    ('not_processed_publication', ['', '', '3.要求提供公开出版物'], .004),
    ('not_processed_mass_repeat', ['', '', '4.无正当理由大量反复申请'], .01),
    ('not_processed_confirmation', ['', '', '5.要求行政机关确认或重新出具已获取信息'], .005),
    ('other_overdue_correction', ['', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], .04),
    ('other_unpaid_fee', ['', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], 0.0),
    ('other_misc', ['', '', '3.其他'], .05),
]
COL_SHARE = [.86, .07, .004, .003, .02, .043]


def apportion(total, shares, rng, jitter=0.35):
    w = [s * (1 + rng.uniform(-jitter, jitter)) for s in shares]
    sw = sum(w) or 1
    raw = [total * x / sw for x in w]
    out = [int(r) for r in raw]
    rest = total - sum(out)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[:rest]:
        out[i] += 1
    return out


def build_requests(spec):
    """spec: new (total new received), co (carried over), cf (carried forward), seed, fee (int, unpaid-fee cases)."""
    rng = random.Random(spec['seed'])
    new = apportion(spec['new'], COL_SHARE, rng)
    co = apportion(spec['co'], COL_SHARE, rng, 0.2)
    cf = apportion(spec['cf'], COL_SHARE, rng, 0.2)
    cells = {}
    shares = [r[2] for r in OUT_ROWS]
    if spec.get('fee'):
        shares[19] = spec['fee'] / max(spec['new'], 1)
    for j, c in enumerate(COLS):
        if cf[j] > new[j] + co[j]:
            cf[j] = new[j] + co[j]
        handled = new[j] + co[j] - cf[j]
        outs = apportion(handled, shares, rng)
        cells[('new_received', c)] = new[j]
        cells[('carried_over', c)] = co[j]
        for (k, _, _), v in zip(OUT_ROWS, outs, strict=True):
            cells[(k, c)] = v
        cells[('total_handled', c)] = handled
        cells[('carried_forward', c)] = cf[j]
    rows = ['new_received', 'carried_over'] + [r[0] for r in OUT_ROWS] + ['total_handled', 'carried_forward']
    for r in rows:
        cells[(r, 'total')] = sum(cells[(r, c)] for c in COLS)
    return rows, cells


def table_rows(rep):
    """Return list of tables; each table = list of rows (list of cell strings), and gold cells."""
    a = rep['active']
    t1 = [
        ['第二十条第（一）项', '', '', ''],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章'] + [str(x) for x in a['reg']],
        ['行政规范性文件'] + [str(x) for x in a['norm']],
        ['第二十条第（五）项', '', '', ''],
        ['信息内容', '本年处理决定数量', '', ''],
        ['行政许可', str(a['lic']), '', ''],
        ['第二十条第（六）项', '', '', ''],
        ['信息内容', '本年处理决定数量', '', ''],
        ['行政处罚', str(a['pun']), '', ''],
        ['行政强制', str(a['coe']), '', ''],
        ['第二十条第（八）项', '', '', ''],
        ['信息内容', '本年收费金额（单位：万元）', '', ''],
        ['行政事业性收费', str(a['fee']), '', ''],
    ]
    g = []
    for row, key in (('regulations', 'reg'), ('normative_documents', 'norm')):
        for col, v in zip(('issued', 'repealed', 'in_force'), a[key], strict=True):
            g.append(dict(table='active', row=row, col=col, value=v))
    for row, key in (('licensing', 'lic'), ('punishment', 'pun'), ('coercion', 'coe')):
        g.append(dict(table='active', row=row, col='decisions', value=a[key]))
    g.append(dict(table='active', row='fees', col='amount', value=a['fee']))

    rows, cells = build_requests(rep['req'])
    labels = {'new_received': ['一、本年新收政府信息公开申请数量', '', ''],
              'carried_over': ['二、上年结转政府信息公开申请数量', '', ''],
              'total_handled': ['', '（七）总计', ''],
              'carried_forward': ['四、结转下年度继续办理', '', '']}
    for k, lab, _ in OUT_ROWS:
        labels[k] = lab
    t2 = [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况', '', '', '', '', '', ''],
        ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
        ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ]
    for r in rows:
        t2.append(labels[r] + [str(cells[(r, c)]) for c in COLS + ['total']])
        for c in COLS + ['total']:
            g.append(dict(table='requests', row=r, col=c, value=cells[(r, c)]))
    rl = rep['rl']
    nums = []
    for row in ('review', 'direct', 'after'):
        u, c, o, p = rl[row]
        nums += [u, c, o, p, u + c + o + p]
        key = {'review': 'review', 'direct': 'litigation_direct', 'after': 'litigation_after_review'}[row]
        for col, v in zip(('upheld', 'corrected', 'other_result', 'pending', 'total'), (u, c, o, p, u + c + o + p),
                          strict=True):
            g.append(dict(table='review_litigation', row=key, col=col, value=v))
    h = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
    t3 = [
        ['行政复议', '', '', '', '', '行政诉讼'] + [''] * 9,
        h + ['未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
        [''] * 5 + h + h,
        [str(x) for x in nums],
    ]
    return [t1, t2, t3], g, cells


def parse_body(rep):
    """Yield (kind, label, flags, unsure, text, extra) for each line of the body spec."""
    out = []
    for raw in rep['body'].strip('\n').split('\n'):
        raw = raw.strip()
        if not raw:
            continue
        if raw in ('T1', 'T2', 'T3'):
            out.append(('T', raw, None))
            continue
        if raw.startswith('HI '):
            out.append(('heading', raw[3:].strip(), 'img'))
            continue
        if raw.startswith('H '):
            out.append(('heading', raw[2:].strip(), None))
            continue
        if raw.startswith('M '):
            out.append(('meta', raw[2:].strip(), None))
            continue
        m = LINE.match(raw)
        if not m:
            raise SystemExit(f"{rep['id']}: bad line {raw!r}")
        out.append(('narrative', m.group(4).strip(), (LAB[m.group(1)], '*' in m.group(2), '~' in m.group(2),
                                                      LAB[m.group(3)] if m.group(3) else None)))
    return out


def num_tab(text):
    """Word's automatic numbering saved as text: number, then a tab."""
    m = re.match(r'^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(.*)$', text)
    if m:
        return m.group(1) + '\t' + m.group(2)
    return text


STY_P = 'margin:0px 8px 16px;text-indent:2em;line-height:1.75em;text-align:justify;'
STY_S = ['font-size:15px;color:rgb(62,62,62);letter-spacing:1px;',
         'font-size:15px;letter-spacing:1px;font-family:微软雅黑, &quot;Microsoft YaHei&quot;;',
         'color:rgb(51,51,51);font-size:15px;']
EMOJI = ['📌', '🔷', '▶️', '✅', '🔹', '📢']


def spans(text, rng):
    esc = html.escape(text, quote=False)
    if len(text) < 12:
        return f'<span style="{rng.choice(STY_S)}">{esc}</span>'
    cuts = sorted(rng.sample(range(1, len(text)), k=min(len(text) - 1, rng.randint(1, 3))))
    parts, prev = [], 0
    for c in cuts + [len(text)]:
        parts.append(text[prev:c])
        prev = c
    return ''.join(f'<span style="{rng.choice(STY_S)}">{html.escape(p, quote=False)}</span>' for p in parts)


def render(rep, items, tables):
    rng = random.Random(rep['id'])
    lines = []  # (kind, text, label tuple)
    fmt = rep['fmt']
    if fmt == 'html':
        emo = rng.choice(EMOJI)
        lines += [('heading', rep['title'], None), ('meta', rep['account'], None), ('meta', rep['pubdate'], None),
                  ('meta', '点击蓝字 关注我们', None)]
        body = []
        for kind, text, extra in items:
            if kind == 'T':
                t = tables[int(text[1]) - 1]
                trs = []
                for row in t:
                    tds = ''.join(f'<td style="border:1px solid rgb(191,191,191);padding:3px 5px;font-size:12px;">'
                                  f'{html.escape(c, quote=False)}</td>' for c in row)
                    trs.append(f'<tr>{tds}</tr>')
                    cells_ = [c for c in row if c]
                    if cells_:
                        lines.append(('table', ' '.join(cells_), None))
                body.append('<section style="overflow-x:auto;margin:0 8px 16px;"><table style="border-collapse:'
                            'collapse;width:100%;" border="1"><tbody>' + ''.join(trs) + '</tbody></table></section>')
                continue
            lines.append((kind, text, extra))
            if kind == 'heading' and extra == 'img':
                hsh = hashlib.md5((rep['id'] + text).encode()).hexdigest()
                body.append(f'<section style="text-align:center;margin:24px 0 12px;"><img class="rich_pages wxw-img" '
                            f'data-src="https://mmbiz.qpic.cn/mmbiz_png/{hsh}/640?wx_fmt=png" data-ratio="0.1296" '
                            f'data-type="png" data-w="1080" style="width:100%;vertical-align:middle;"></section>')
            elif kind == 'heading':
                big = re.match(r'^[一二三四五六]、', text)
                pre = f'<span style="font-size:16px;">{emo} </span>' if big else ''
                st = ('color:rgb(30,111,217);font-size:17px;font-weight:bold;' if big
                      else 'color:rgb(0,82,155);font-size:15px;font-weight:bold;')
                body.append(f'<section style="margin:20px 8px 10px;"><p style="line-height:1.75em;"><strong>{pre}'
                            f'<span style="{st}">{html.escape(text, quote=False)}</span></strong></p></section>')
            elif kind == 'meta':
                body.append(f'<section style="text-align:right;margin:0 8px;"><p>{spans(text, rng)}</p></section>')
            else:
                body.append(f'<section style="margin:0px;"><section style="padding:0 2px;"><p style="{STY_P}">'
                            f'{spans(text, rng)}</p></section></section>')
        foot = rep['footer']
        lines += [('meta', foot, None), ('meta', '阅读原文', None), ('meta', '分享 收藏 点赞 在看', None)]
        doc = f'''<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>{html.escape(rep['title'])}</title></head>
<body id="activity-detail" class="zh_CN wx_wap_page">
<div class="rich_media_area_primary"><div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">{html.escape(rep['title'])}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">{html.escape(rep['account'])}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{rep['pubdate']}</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: visible;">
<section style="text-align:center;margin-bottom:20px;"><p><span style="color:rgb(30,111,217);font-size:14px;">{emo} 点击蓝字</span><span style="font-size:14px;color:rgb(136,136,136);"> 关注我们</span></p></section>
{chr(10).join(body)}
<section style="margin-top:32px;"><p style="font-size:12px;color:rgb(136,136,136);"><span>{html.escape(foot, quote=False)}</span></p></section>
</div></div>
<div id="js_article_bottom_bar"><a id="js_view_source" href="javascript:void(0);"><span>阅读原文</span></a>
<div class="like_comment_wrp"><span>分享</span> <span>收藏</span> <span>点赞</span> <span>在看</span></div></div>
</div></body></html>
'''
        data = doc.encode('utf-8')
    else:
        lines.append(('heading', rep['title'], None))
        out = [rep['title']]
        tn = 0
        for kind, text, extra in items:
            if kind == 'T':
                tn += 1
                cap = '表' + '一二三'[tn - 1]
                lines.append(('heading', cap, None))
                out.append(cap)
                for row in tables[int(text[1]) - 1]:
                    out.append('\t'.join(row))
                    cells_ = [c for c in row if c]
                    if cells_:
                        lines.append(('table', ' '.join(cells_), None))
                continue
            lines.append((kind, text, extra))
            out.append(num_tab(text) if kind == 'heading' else text)
        data = ('\r\n'.join(out) + '\r\n').encode(rep['enc'])
    return lines, data


def main():
    reps, labs, secs, tabs = [], [], [], []
    for rep in REPORTS:
        items = parse_body(rep)
        tables, gcells, cells = table_rows(rep)
        lines, data = render(rep, items, tables)
        ext = 'html' if rep['fmt'] == 'html' else 'txt'
        fname = f"{rep['id']}.{ext}"
        (HERE / fname).write_bytes(data)
        text = '\n'.join(t for _, t, _ in lines)
        num = int(rep['id'][2:])
        reps.append(dict(doc_id=rep['id'], agency=rep['agency'], year=rep['year'], template='2021', title=rep['title'],
                         level=rep['level'], province=rep['province'], file=fname, format=ext,
                         split='dev' if num % 2 else 'held', text=text, page=rep['page']))
        sec = []
        for i, (kind, t, extra) in enumerate(lines):
            rec = dict(doc_id=rep['id'], para_index=i, text=t, kind=kind, label=None, mixed=False, generic=None)
            if kind == 'narrative':
                lab, gen, mix, uns = extra
                rec.update(label=lab, mixed=mix, generic=gen)
                if uns:
                    rec['unsure'] = uns
            labs.append(rec)
            m = re.match(r'^([一二三四五六])、', t)
            if kind == 'heading' and m:
                sec.append(dict(number=CN.index(m.group(1)) + 1, name=t, para_index=i))
        secs.append(dict(doc_id=rep['id'], sections=sec))
        tabs.append(dict(doc_id=rep['id'], template='2021', cells=gcells))
    for name, rows in (('reports', reps), ('labels', labs), ('sections', secs), ('tables', tabs)):
        with open(HERE / f'{name}.jsonl', 'w', encoding='utf-8') as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(len(reps), 'reports', len(labs), 'lines')


if __name__ == '__main__':
    main()
