"""Build set AB: report files, reports.jsonl, labels.jsonl, sections.jsonl, tables.jsonl.
Run with /work/main/.venv/bin/python make_set.py (needs python-docx and opencc)."""
import json
import os
import re

import docx
import opencc
import tables_ab
import texts_a
import texts_b
from docx.oxml import parse_xml
from docx.oxml.ns import qn

HERE = os.path.dirname(os.path.abspath(__file__))
R = {**texts_a.R, **texts_b.R}
LAB = dict(ad='active_disclosure', ap='application', im='info_management', pf='platform', og='organization',
           pr='problem', iv='improvement', ot='other')
NUMS = '一二三四五六七'
PINYIN = {'实现': 'shí xiàn', '公开': 'gōng kāi', '政府': 'zhèng fǔ', '信息': 'xìn xī', '申请': 'shēn qǐng',
          '落实': 'luò shí', '群众': 'qún zhòng', '疫情': 'yì qíng', '改造': 'gǎi zào', '公示': 'gōng shì'}


def parse(doc_id, r):
    """Return list of units: dict(text, kind, label, mixed, generic, unsure, cells(list) for table rows)."""
    units = []
    cells, blocks = (tables_ab.build(r['template'], r['tab']) if r['template'] != 'old' else ([], {}))
    for raw in r['body'].strip('\n').split('\n'):
        code, text = raw.split('|', 1) if '|' in raw else (raw, '')
        if code.startswith('T:'):
            for row in blocks[code[2:]]:
                units.append(dict(text=' '.join(c for c in row if c != '') , kind='table', label=None, mixed=False,
                                  generic=None, cells=row, block=code[2:]))
            continue
        u = dict(text=text, cells=None)
        if code in ('h', 'm'):
            u.update(kind='heading' if code == 'h' else 'meta', label=None, mixed=False, generic=None)
        else:
            m = re.fullmatch(r'([a-z]{2})(\*?)(\+?)(?:\?([a-z]{2}))?', code)
            assert m, (doc_id, code)
            u.update(kind='narrative', label=LAB[m.group(1)], generic=bool(m.group(2)), mixed=bool(m.group(3)))
            if m.group(4):
                u['unsure'] = LAB[m.group(4)]
        units.append(u)
    return units, cells


def add_pinyin(line, state):
    def rep(m):
        state[0] += 1
        w = m.group(0)
        return f'{w}({PINYIN[w]})' if state[0] % 3 == 1 else w
    return re.sub('|'.join(PINYIN), rep, line)


def write_txt(doc_id, r, units):
    out = []
    state = [0]
    for u in units:
        if u['kind'] == 'table':
            for c in u['cells']:
                if c == '' and r.get('drop_empty'):
                    continue
                out.append(c)
        else:
            line = u['text']
            if r.get('pinyin') and u['kind'] == 'narrative':
                line = add_pinyin(line, state)
            out.append(line)
    if r.get('blob'):
        # the crawler lost every line break: prose runs together, table cells keep one space between them
        s = ''
        for u in units:
            if u['kind'] == 'table':
                s += ' ' + ' '.join(c for c in u['cells'] if c != '') + ' '
            else:
                s += u['text']
        content = s
    else:
        content = '\n'.join(out) + '\n'
    if r.get('trad'):
        content = opencc.OpenCC('s2t').convert(content)
    with open(os.path.join(HERE, doc_id + '.txt'), 'w', encoding='utf-8') as f:
        f.write(content)


NUMBERING_XML = '''<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="%d">
<w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%%1、"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'''


def add_cn_numbering(d):
    numbering = d.part.numbering_part.element
    absid = 90
    numbering.insert(0, parse_xml(NUMBERING_XML % absid))
    num = parse_xml('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
                    f'<w:abstractNumId w:val="{absid:d}"/></w:num>')
    numbering.append(num)
    return 90


def write_docx(doc_id, r, units):
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = 'FangSong'
    st.element.rPr.rFonts.set(qn('w:eastAsia'), '仿宋_GB2312')
    numid = add_cn_numbering(d) if r.get('auto_num') else None
    for i, u in enumerate(units):
        if u['kind'] == 'table':
            d.add_paragraph('\t'.join(u['cells']))
            continue
        text = u['text']
        if numid and u['kind'] == 'heading' and re.match('^[一二三四五六七]、', text):
            p = d.add_paragraph(text[2:])
            pPr = p._p.get_or_add_pPr()
            pPr.append(parse_xml('<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                 f'<w:ilvl w:val="0"/><w:numId w:val="{numid:d}"/></w:numPr>'))
            for run in p.runs:
                run.bold = True
        elif i == 0:
            p = d.add_paragraph()
            p.alignment = 1
            run = p.add_run(text)
            run.bold = True
        else:
            p = d.add_paragraph(text)
            if u['kind'] == 'meta':
                p.alignment = 2
    d.save(os.path.join(HERE, doc_id + '.docx'))


def page_sentence(r):
    f = r['fmt']
    if f == 'docx':
        s = 'A Word file whose statistics are plain text lines (row label, tab, numbers separated by tabs), not Word tables'
        if r.get('auto_num'):
            s += '; the 一、… headings use Word automatic numbering (chineseCounting), so the paragraph text lacks the number'
        return s + '.'
    if r.get('blob'):
        return 'A crawled .txt with the whole report glued into one line, no line breaks at all' + \
               ('; table cells run on separated by single spaces.' if r['template'] != 'old' else '.')
    parts = ['A crawled .txt']
    if r.get('trad'):
        parts.append('saved from the site\'s 繁體 switch, traditional characters throughout')
    if r.get('pinyin'):
        parts.append('with pinyin glosses after some words in the prose, e.g. 公开(gōng kāi), left by a broken converter')
    if r['template'] != 'old':
        parts.append('table cells one per line' + (' with empty cells dropped' if r.get('drop_empty') else ', empty cells as empty lines'))
    return ', '.join(parts) + '.'


def main():
    reps, labs, secs, tabs = [], [], [], []
    for doc_id in sorted(R):
        r = R[doc_id]
        units, cells = parse(doc_id, r)
        n = int(doc_id[2:])
        title = units[[u['kind'] for u in units].index('heading')]['text']
        text = '\n'.join(u['text'] for u in units if u['text'])
        reps.append(dict(doc_id=doc_id, agency=r['agency'], year=r['year'], template=r['template'], title=title,
                         level=r['level'], province=r['province'], file=f"{doc_id}.{r['fmt']}", format=r['fmt'],
                         split='dev' if n % 2 else 'held', text=text, page=page_sentence(r)))
        k = 0
        sections = []
        for u in units:
            if not u['text']:
                continue
            rec = dict(doc_id=doc_id, para_index=k, text=u['text'], kind=u['kind'], label=u['label'], mixed=u['mixed'],
                       generic=u['generic'])
            if u.get('unsure'):
                rec['unsure'] = u['unsure']
            labs.append(rec)
            if u['kind'] == 'heading' and re.match('^[一二三四五六七]、', u['text']):
                sections.append(dict(number=NUMS.index(u['text'][0]) + 1, name=u['text'], para_index=k))
            k += 1
        secs.append(dict(doc_id=doc_id, sections=sections))
        if r['template'] != 'old':
            tabs.append(dict(doc_id=doc_id, template=r['template'], cells=cells))
        (write_docx if r['fmt'] == 'docx' else write_txt)(doc_id, r, units)
    for name, rows in [('reports', reps), ('labels', labs), ('sections', secs), ('tables', tabs)]:
        with open(os.path.join(HERE, name + '.jsonl'), 'w', encoding='utf-8') as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + '\n')
    print(len(reps), 'reports', len(labs), 'lines')


if __name__ == '__main__':
    main()
