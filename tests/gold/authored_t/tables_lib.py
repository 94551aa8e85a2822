"""Render the statistical tables (TABLES.md keys) as text lines and cells. Written for set T."""
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_ROWS_2021 = [
    ("new_received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    (None, "三、本年度办理结果", None),
    ("granted", "（一）予以公开", None),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    (None, "（三）不予公开", None),
    ("denied_state_secret", "1.属于国家秘密", None),
    ("denied_prohibited", "2.其他法律行政法规禁止公开", None),
    ("denied_security_stability", "3.危及“三安全一稳定”", None),
    ("denied_third_party", "4.保护第三方合法权益", None),
    ("denied_internal_affairs", "5.属于三类内部事务信息", None),
    ("denied_process_info", "6.属于四类过程性信息", None),
    ("denied_enforcement_files", "7.属于行政执法案卷", None),
    ("denied_admin_query", "8.属于行政查询事项", None),
    (None, "（四）无法提供", None),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", None),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", None),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", None),
    (None, "（五）不予处理", None),
    ("not_processed_complaint", "1.信访举报投诉类申请", None),
    ("not_processed_duplicate", "2.重复申请", None),
    ("not_processed_publication", "3.要求提供公开出版物", None),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请", None),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", None),
    (None, "（六）其他处理", None),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", None),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None),
    ("other_misc", "3.其他", None),
    ("total_handled", "（七）总计", None),
    ("carried_forward", "四、结转下年度继续办理", None),
]
OUTCOMES_2021 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited",
                 "denied_security_stability", "denied_third_party", "denied_internal_affairs",
                 "denied_process_info", "denied_enforcement_files", "denied_admin_query",
                 "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
                 "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
                 "not_processed_mass_repeat", "not_processed_confirmation"]


def req_rows(template):
    if template == "2021":
        return REQ_ROWS_2021
    out = []
    for key, lab, x in REQ_ROWS_2021:
        if key in ("other_overdue_correction", "other_unpaid_fee", "other_misc"):
            continue
        if lab == "（六）其他处理":
            out.append(("other_handling", "（六）其他处理", None))
            continue
        out.append((key, lab, x))
    return out


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}" if v != int(v) else f"{v:.1f}"
    return str(v)


def requests_table(template, per_col):
    """per_col: {column: {outcome_row: n, 'new_received': n, 'carried_over': n, 'carried_forward': n}}.
    Returns (lines as lists of cells, cells records)."""
    lines = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
             ["自然人", "法人或其他组织", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    cells = []
    outcomes = [k for k, _, _ in req_rows(template) if k and k not in (
        "new_received", "carried_over", "total_handled", "carried_forward")]
    for key, lab, _ in req_rows(template):
        if key is None:
            lines.append([lab])
            continue
        vals = []
        for c in COLS:
            d = per_col.get(c, {})
            if key == "total_handled":
                v = sum(d.get(o, 0) for o in outcomes)
            else:
                v = d.get(key, 0)
            vals.append(v)
        vals.append(sum(vals))
        lines.append([lab] + [str(v) for v in vals])
        for c, v in zip(COLS + ["total"], vals, strict=True):
            cells.append({"table": "requests", "row": key, "col": c, "value": v})
    return lines, cells


def review_table(rows):
    """rows: {row: [upheld, corrected, other_result, pending]}"""
    lines = [["行政复议", "行政诉讼"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
              "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    cells, nums = [], []
    for r in ("review", "litigation_direct", "litigation_after_review"):
        v = list(rows.get(r, [0, 0, 0, 0]))
        v.append(sum(v))
        nums += v
        for c, x in zip(["upheld", "corrected", "other_result", "pending", "total"], v, strict=True):
            cells.append({"table": "review_litigation", "row": r, "col": c, "value": x})
    lines.append([str(x) for x in nums])
    return lines, cells


def active_2021(d):
    lines = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
    cells = []
    for key, lab in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        v = d[key]
        lines.append([lab] + [fmt(x) for x in v])
        cells += [{"table": "active", "row": key, "col": c, "value": x}
                  for c, x in zip(["issued", "repealed", "in_force"], v, strict=True)]
    lines += [["第二十条第（五）项"], ["信息内容", "本年处理决定数量"]]
    lines.append(["行政许可", fmt(d["licensing"])])
    cells.append({"table": "active", "row": "licensing", "col": "decisions", "value": d["licensing"]})
    lines += [["第二十条第（六）项"], ["信息内容", "本年处理决定数量"]]
    for key, lab in (("punishment", "行政处罚"), ("coercion", "行政强制")):
        lines.append([lab, fmt(d[key])])
        cells.append({"table": "active", "row": key, "col": "decisions", "value": d[key]})
    lines += [["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", fmt(d["fees"])]]
    cells.append({"table": "active", "row": "fees", "col": "amount", "value": d["fees"]})
    return lines, cells


def active_2019(d):
    lines = [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]]
    cells = []
    for key, lab in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        v = d[key]
        lines.append([lab] + [fmt(x) for x in v])
        cells += [{"table": "active", "row": key, "col": c, "value": x}
                  for c, x in zip(["new_made", "new_published", "total_published"], v, strict=True)]
    lines += [["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
    for key, lab in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")):
        v = d[key]
        lines.append([lab] + [fmt(x) for x in v])
        cells += [{"table": "active", "row": key, "col": c, "value": x}
                  for c, x in zip(["prev_items", "change", "decisions"], v, strict=True)]
    lines += [["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
    for key, lab in (("punishment", "行政处罚"), ("coercion", "行政强制")):
        v = d[key]
        lines.append([lab] + [fmt(x) for x in v])
        cells += [{"table": "active", "row": key, "col": c, "value": x}
                  for c, x in zip(["prev_items", "change", "decisions"], v, strict=True)]
    lines += [["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"]]
    v = d["fees"]
    lines.append(["行政事业性收费"] + [fmt(x) for x in v])
    cells += [{"table": "active", "row": "fees", "col": c, "value": x} for c, x in zip(["prev_items", "change"], v, strict=True)]
    lines += [["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"]]
    v = d["procurement"]
    lines.append(["政府集中采购"] + [fmt(x) for x in v])
    cells += [{"table": "active", "row": "procurement", "col": c, "value": x} for c, x in zip(["items", "amount"], v, strict=True)]
    return lines, cells
