"""Table lines and cells of the 2019/2021 templates, built from the few non-zero cells (set V's own helper)."""

REQ_COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
            "legal_service_org", "other_org", "total"]
REQ_ROWS_COMMON = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果\t（一）予以公开"),
    ("partially_granted", "三、本年度办理结果\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "三、本年度办理结果\t（三）不予公开\t1.属于国家秘密"),
    ("denied_prohibited", "三、本年度办理结果\t（三）不予公开\t2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "三、本年度办理结果\t（三）不予公开\t3.危及“三安全一稳定”"),
    ("denied_third_party", "三、本年度办理结果\t（三）不予公开\t4.保护第三方合法权益"),
    ("denied_internal_affairs", "三、本年度办理结果\t（三）不予公开\t5.属于三类内部事务信息"),
    ("denied_process_info", "三、本年度办理结果\t（三）不予公开\t6.属于四类过程性信息"),
    ("denied_enforcement_files", "三、本年度办理结果\t（三）不予公开\t7.属于行政执法案卷"),
    ("denied_admin_query", "三、本年度办理结果\t（三）不予公开\t8.属于行政查询事项"),
    ("unavailable_not_held", "三、本年度办理结果\t（四）无法提供\t1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "三、本年度办理结果\t（四）无法提供\t2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "三、本年度办理结果\t（四）无法提供\t3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "三、本年度办理结果\t（五）不予处理\t1.信访举报投诉类申请"),
    ("not_processed_duplicate", "三、本年度办理结果\t（五）不予处理\t2.重复申请"),
    ("not_processed_publication", "三、本年度办理结果\t（五）不予处理\t3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "三、本年度办理结果\t（五）不予处理\t4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "三、本年度办理结果\t（五）不予处理\t5.要求行政机关确认或重新出具已获取信息"),
]
REQ_OTHER_2019 = [("other_handling", "三、本年度办理结果\t（六）其他处理")]
REQ_OTHER_2021 = [
    ("other_overdue_correction", "三、本年度办理结果\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "三、本年度办理结果\t（六）其他处理\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "三、本年度办理结果\t（六）其他处理\t3.其他"),
]
REQ_TAIL = [("total_handled", "三、本年度办理结果\t（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
RL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RL_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def requests_rows(template, given):
    """given: {row: {col: n}} for the six applicant columns; totals and total_handled computed."""
    rows = REQ_ROWS_COMMON + (REQ_OTHER_2019 if template == "2019" else REQ_OTHER_2021) + REQ_TAIL
    vals = {}
    outcome_keys = [k for k, _ in rows if k not in ("new_received", "carried_over", "total_handled", "carried_forward")]
    for k, _ in rows:
        vals[k] = {c: given.get(k, {}).get(c, 0) for c in REQ_COLS[:-1]}
    for c in REQ_COLS[:-1]:
        vals["total_handled"][c] = sum(vals[k][c] for k in outcome_keys)
    for k in vals:
        vals[k]["total"] = sum(vals[k][c] for c in REQ_COLS[:-1])
    return rows, vals


def build(template, active, req_given, rl_given, blank=()):
    """Return (lines per table: list of (table, [cells])) and cell records. blank: (table,row,col) printed empty."""
    out, cells = [], []

    def cell(t, r, c, v):
        if (t, r, c) in blank:
            cells.append({"table": t, "row": r, "col": c, "value": None})
            return ""
        cells.append({"table": t, "row": r, "col": c, "value": v})
        return str(v)

    t = "active"
    if template == "2021":
        out.append((t, ["第二十条第（一）项"]))
        out.append((t, ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]))
        for r, zh in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            out.append((t, [zh] + [cell(t, r, c, active[r][i]) for i, c in enumerate(["issued", "repealed", "in_force"])]))
        out.append((t, ["第二十条第（五）项"]))
        out.append((t, ["信息内容", "本年处理决定数量"]))
        out.append((t, ["行政许可", cell(t, "licensing", "decisions", active["licensing"])]))
        out.append((t, ["第二十条第（六）项"]))
        out.append((t, ["信息内容", "本年处理决定数量"]))
        out.append((t, ["行政处罚", cell(t, "punishment", "decisions", active["punishment"])]))
        out.append((t, ["行政强制", cell(t, "coercion", "decisions", active["coercion"])]))
        out.append((t, ["第二十条第（八）项"]))
        out.append((t, ["信息内容", "本年收费金额（万元）"]))
        out.append((t, ["行政事业性收费", cell(t, "fees", "amount", active["fees"])]))
    else:
        out.append((t, ["第二十条第（一）项"]))
        out.append((t, ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]))
        for r, zh in (("regulations", "规章"), ("normative_documents", "规范性文件")):
            out.append((t, [zh] + [cell(t, r, c, active[r][i]) for i, c in enumerate(["new_made", "new_published", "total_published"])]))
        out.append((t, ["第二十条第（五）项"]))
        out.append((t, ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]))
        for r, zh in (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")):
            out.append((t, [zh] + [cell(t, r, c, active[r][i]) for i, c in enumerate(["prev_items", "change", "decisions"])]))
        out.append((t, ["第二十条第（六）项"]))
        out.append((t, ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]))
        for r, zh in (("punishment", "行政处罚"), ("coercion", "行政强制")):
            out.append((t, [zh] + [cell(t, r, c, active[r][i]) for i, c in enumerate(["prev_items", "change", "decisions"])]))
        out.append((t, ["第二十条第（八）项"]))
        out.append((t, ["信息内容", "上一年项目数量", "本年增/减"]))
        out.append((t, ["行政事业性收费"] + [cell(t, "fees", c, active["fees"][i]) for i, c in enumerate(["prev_items", "change"])]))
        out.append((t, ["第二十条第（九）项"]))
        out.append((t, ["信息内容", "采购项目数量", "采购总金额"]))
        out.append((t, ["政府集中采购"] + [cell(t, "procurement", c, active["procurement"][i]) for i, c in enumerate(["items", "amount"])]))

    t = "requests"
    rows, vals = requests_rows(template, req_given)
    out.append((t, ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]))
    out.append((t, ["自然人", "法人或其他组织", "总计"]))
    out.append((t, ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]))
    for k, zh in rows:
        out.append((t, zh.split("\t") + [cell(t, k, c, vals[k][c]) for c in REQ_COLS]))

    t = "review_litigation"
    out.append((t, ["行政复议", "行政诉讼"]))
    out.append((t, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"]))
    out.append((t, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2))
    row = []
    for r in RL_ROWS:
        g = rl_given.get(r, {})
        v = {c: g.get(c, 0) for c in RL_COLS[:-1]}
        v["total"] = sum(v.values())
        row += [cell(t, r, c, v[c]) for c in RL_COLS]
    out.append((t, row))
    return out, cells
