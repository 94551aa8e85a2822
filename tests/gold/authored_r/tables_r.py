"""Table lines and cells for set R (2019 and 2021 templates), written for this set."""

APPL = ["natural_person", "commercial_enterprise", "research_institution",
        "social_welfare_org", "legal_service_org", "other_org"]
APPL_HEAD = "申请人情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"

REQ_ROWS_2021 = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (None, "（三）不予公开"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    (None, "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"),
    ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    (None, "（六）其他处理"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
REQ_ROWS_2019 = []
for key, name in REQ_ROWS_2021:
    if key in ("other_overdue_correction", "other_unpaid_fee", "other_misc"):
        continue
    if name == "（六）其他处理":
        REQ_ROWS_2019.append(("other_handling", name))
    else:
        REQ_ROWS_2019.append((key, name))

OUTCOMES_2021 = [k for k, _ in REQ_ROWS_2021[3:-2] if k]
OUTCOMES_2019 = [k for k, _ in REQ_ROWS_2019[3:-2] if k]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]


def _fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))
    return str(v)


def active_2021(regs, norm, lic, pun, coe, fee):
    """regs/norm: (issued, repealed, in_force); the rest one number each."""
    cols = ["issued", "repealed", "in_force"]
    lines, cells = [], []
    lines.append("第二十条第（一）项")
    lines.append("信息内容\t本年制发件数\t本年废止件数\t现行有效件数")
    for key, name, vals in (("regulations", "规章", regs), ("normative_documents", "行政规范性文件", norm)):
        lines.append(name + "\t" + "\t".join(_fmt(v) for v in vals))
        cells += [("active", key, c, v) for c, v in zip(cols, vals, strict=True)]
    lines += ["第二十条第（五）项", "信息内容\t本年处理决定数量", "行政许可\t" + _fmt(lic)]
    cells.append(("active", "licensing", "decisions", lic))
    lines += ["第二十条第（六）项", "信息内容\t本年处理决定数量",
              "行政处罚\t" + _fmt(pun), "行政强制\t" + _fmt(coe)]
    cells += [("active", "punishment", "decisions", pun), ("active", "coercion", "decisions", coe)]
    lines += ["第二十条第（八）项", "信息内容\t本年收费金额（单位：万元）", "行政事业性收费\t" + _fmt(fee)]
    cells.append(("active", "fees", "amount", fee))
    return lines, cells


def active_2019(regs, norm, lic, other, pun, coe, fee, proc):
    lines, cells = [], []
    c3 = ["new_made", "new_published", "total_published"]
    lines += ["第二十条第（一）项", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"]
    for key, name, vals in (("regulations", "规章", regs), ("normative_documents", "规范性文件", norm)):
        lines.append(name + "\t" + "\t".join(_fmt(v) for v in vals))
        cells += [("active", key, c, v) for c, v in zip(c3, vals, strict=True)]
    c3 = ["prev_items", "change", "decisions"]
    lines += ["第二十条第（五）项", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量"]
    for key, name, vals in (("licensing", "行政许可", lic), ("other_services", "其他对外管理服务事项", other)):
        lines.append(name + "\t" + "\t".join(_fmt(v) for v in vals))
        cells += [("active", key, c, v) for c, v in zip(c3, vals, strict=True)]
    lines += ["第二十条第（六）项", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量"]
    for key, name, vals in (("punishment", "行政处罚", pun), ("coercion", "行政强制", coe)):
        lines.append(name + "\t" + "\t".join(_fmt(v) for v in vals))
        cells += [("active", key, c, v) for c, v in zip(c3, vals, strict=True)]
    lines += ["第二十条第（八）项", "信息内容\t上一年项目数量\t本年增/减",
              "行政事业性收费\t" + "\t".join(_fmt(v) for v in fee)]
    cells += [("active", "fees", c, v) for c, v in zip(["prev_items", "change"], fee, strict=True)]
    lines += ["第二十条第（九）项", "信息内容\t采购项目数量\t采购总金额",
              "政府集中采购\t" + "\t".join(_fmt(v) for v in proc)]
    cells += [("active", "procurement", c, v) for c, v in zip(["items", "amount"], proc, strict=True)]
    return lines, cells


def requests(template, data, missing=(), blank=()):
    """data: row key -> six applicant values (absent rows are all zero).
    missing: row keys whose line the report leaves out; blank: (row, col) printed blank."""
    rows = REQ_ROWS_2021 if template == "2021" else REQ_ROWS_2019
    outcomes = OUTCOMES_2021 if template == "2021" else OUTCOMES_2019
    vals = {k: list(data.get(k, [0] * 6)) for k, _ in rows if k}
    for k in ("total_handled",):
        vals[k] = [sum(vals[o][i] for o in outcomes) for i in range(6)]
    lines, cells = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", APPL_HEAD], []
    for key, name in rows:
        if key is None:
            lines.append(name)
            continue
        if key in missing:
            continue
        row = vals[key] + [sum(vals[key])]
        printed = []
        for col, v in zip(APPL + ["total"], row, strict=True):
            if (key, col) in blank:
                v = None
            printed.append(_fmt(v))
            cells.append(("requests", key, col, v))
        lines.append(name + "\t" + "\t".join(printed))
    return lines, cells


def review(data=None):
    """data: row -> (upheld, corrected, other, pending); total computed."""
    data = data or {}
    head = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    lines = ["行政复议\t行政诉讼", "未经复议直接起诉\t复议后起诉",
             "\t".join([head] * 3)]
    nums, cells = [], []
    for r in REVIEW_ROWS:
        v = list(data.get(r, (0, 0, 0, 0)))
        v.append(sum(v))
        nums += v
        cells += [("review_litigation", r, c, x) for c, x in zip(REVIEW_COLS, v, strict=True)]
    lines.append("\t".join(_fmt(x) for x in nums))
    return lines, cells
