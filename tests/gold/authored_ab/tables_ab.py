"""Table layouts of the 2019 and 2021 templates, cell keys as in TABLES.md, totals computed here."""
APPL = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org']

ACTIVE_2021 = [
    ('hdr', ['第二十条第（一）项']),
    ('hdr', ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']),
    ('regulations', '规章', ['issued', 'repealed', 'in_force']),
    ('normative_documents', '行政规范性文件', ['issued', 'repealed', 'in_force']),
    ('hdr', ['第二十条第（五）项']),
    ('hdr', ['信息内容', '本年处理决定数量']),
    ('licensing', '行政许可', ['decisions']),
    ('hdr', ['第二十条第（六）项']),
    ('hdr', ['信息内容', '本年处理决定数量']),
    ('punishment', '行政处罚', ['decisions']),
    ('coercion', '行政强制', ['decisions']),
    ('hdr', ['第二十条第（八）项']),
    ('hdr', ['信息内容', '本年收费金额（单位：万元）']),
    ('fees', '行政事业性收费', ['amount']),
]
ACTIVE_2019 = [
    ('hdr', ['第二十条第（一）项']),
    ('hdr', ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']),
    ('regulations', '规章', ['new_made', 'new_published', 'total_published']),
    ('normative_documents', '规范性文件', ['new_made', 'new_published', 'total_published']),
    ('hdr', ['第二十条第（五）项']),
    ('hdr', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']),
    ('licensing', '行政许可', ['prev_items', 'change', 'decisions']),
    ('other_services', '其他对外管理服务事项', ['prev_items', 'change', 'decisions']),
    ('hdr', ['第二十条第（六）项']),
    ('hdr', ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']),
    ('punishment', '行政处罚', ['prev_items', 'change', 'decisions']),
    ('coercion', '行政强制', ['prev_items', 'change', 'decisions']),
    ('hdr', ['第二十条第（八）项']),
    ('hdr', ['信息内容', '上一年项目数量', '本年增/减']),
    ('fees', '行政事业性收费', ['prev_items', 'change']),
    ('hdr', ['第二十条第（九）项']),
    ('hdr', ['信息内容', '采购项目数量', '采购总金额']),
    ('procurement', '政府集中采购', ['items', 'amount']),
]

REQ_HEAD = [
    ('hdr', ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '', '', '', '', '', '']),
    ('hdr', ['', '自然人', '法人或其他组织', '', '', '', '', '总计']),
    ('hdr', ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']),
]
REQ_ROWS_A = [
    ('new_received', '一、本年新收政府信息公开申请数量'),
    ('carried_over', '二、上年结转政府信息公开申请数量'),
    ('hdr', ['三、本年度办理结果']),
    ('granted', '（一）予以公开'),
    ('partially_granted', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
    ('hdr', ['（三）不予公开']),
    ('denied_state_secret', '1.属于国家秘密'),
    ('denied_prohibited', '2.其他法律行政法规禁止公开'),
    ('denied_security_stability', '3.危及“三安全一稳定”'),
    ('denied_third_party', '4.保护第三方合法权益'),
    ('denied_internal_affairs', '5.属于三类内部事务信息'),
    ('denied_process_info', '6.属于四类过程性信息'),
    ('denied_enforcement_files', '7.属于行政执法案卷'),
    ('denied_admin_query', '8.属于行政查询事项'),
    ('hdr', ['（四）无法提供']),
    ('unavailable_not_held', '1.本机关不掌握相关政府信息'),
    ('unavailable_needs_creation', '2.没有现成信息需要另行制作'),
    ('unavailable_unclear', '3.补正后申请内容仍不明确'),
    ('hdr', ['（五）不予处理']),
    ('not_processed_complaint', '1.信访举报投诉类申请'),
    ('not_processed_duplicate', '2.重复申请'),
    ('not_processed_publication', '3.要求提供公开出版物'),
    ('not_processed_mass_repeat', '4.无正当理由大量反复申请'),
    ('not_processed_confirmation', '5.要求行政机关确认或重新出具已获取信息'),
]
REQ_OTHER_2019 = [('other_handling', '（六）其他处理')]
REQ_OTHER_2021 = [
    ('hdr', ['（六）其他处理']),
    ('other_overdue_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
    ('other_unpaid_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
    ('other_misc', '3.其他'),
]
REQ_TAIL = [('total_handled', '（七）总计'), ('carried_forward', '四、结转下年度继续办理')]
REV_HEAD = [
    ('hdr', ['行政复议', '', '', '', '', '行政诉讼'] + [''] * 9),
    ('hdr', ['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']),
    ('hdr', ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] * 3),
]
REV_ROWS = ['review', 'litigation_direct', 'litigation_after_review']
REV_COLS = ['upheld', 'corrected', 'other_result', 'pending', 'total']


def fmt(v):
    if v is None:
        return ''
    if isinstance(v, float):
        return (f'{v:.2f}').rstrip('0').rstrip('.')
    return str(v)


def build(template, tab):
    """Return (cells, blocks) where blocks[name] = list of rows, each row a list of cell strings."""
    cells, blocks = [], {}
    # active
    rows = []
    for item in (ACTIVE_2021 if template == '2021' else ACTIVE_2019):
        if item[0] == 'hdr':
            rows.append(list(item[1]) + [''] * (4 - len(item[1])))
            continue
        key, zh, cols = item
        vals = tab['active'][key]
        assert len(vals) == len(cols), (key, vals)
        for c, v in zip(cols, vals, strict=True):
            cells.append(dict(table='active', row=key, col=c, value=v))
        rows.append([zh] + [fmt(v) for v in vals])
    blocks['active'] = rows
    # requests
    r = tab['req']
    order = REQ_ROWS_A + (REQ_OTHER_2021 if template == '2021' else REQ_OTHER_2019) + REQ_TAIL
    outcome_keys = [k for k, _ in order if k not in ('hdr', 'new_received', 'carried_over', 'total_handled', 'carried_forward')]
    data = {k: [0] * 6 for k in outcome_keys}
    data.update({k: list(v) for k, v in r['out'].items()})
    assert set(r['out']) <= set(outcome_keys), set(r['out']) - set(outcome_keys)
    data['new_received'], data['carried_over'], data['carried_forward'] = r['new'], r['co'], r['fw']
    data['total_handled'] = [r['new'][i] + r['co'][i] - r['fw'][i] for i in range(6)]
    data['granted'] = [data['total_handled'][i] - sum(data[k][i] for k in outcome_keys if k != 'granted') for i in range(6)]
    assert min(data['granted']) >= 0, data['granted']
    rows = [list(h[1]) for h in REQ_HEAD]
    for k, zh in order:
        if k == 'hdr':
            rows.append(list(zh) + [''] * (8 - len(zh)))
            continue
        vals = data[k] + [sum(data[k])]
        for c, v in zip(APPL + ['total'], vals, strict=False):
            cells.append(dict(table='requests', row=k, col=c, value=v))
        rows.append([zh] + [fmt(v) for v in vals])
    blocks['requests'] = rows
    # review
    rows = [list(h[1]) for h in REV_HEAD]
    flat = []
    for k in REV_ROWS:
        vals = list(tab['rev'][k]) + [sum(tab['rev'][k])]
        for c, v in zip(REV_COLS, vals, strict=False):
            cells.append(dict(table='review_litigation', row=k, col=c, value=v))
        flat += [fmt(v) for v in vals]
    rows.append(flat)
    blocks['review'] = rows
    return cells, blocks
