"""The three statistical tables: row keys, printed labels and totals (TABLES.md keys)."""

APPL = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
        "legal_service_org", "other_org"]
REQ_COLS = APPL + ["total"]

REQ_ROWS_COMMON_HEAD = [
    ("new_received", ["一、本年新收政府信息公开申请数量"]),
    ("carried_over", ["二、上年结转政府信息公开申请数量"]),
    ("granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("partially_granted", ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("denied_state_secret", ["（三）不予公开", "1．属于国家秘密"]),
    ("denied_prohibited", ["2．其他法律行政法规禁止公开"]),
    ("denied_security_stability", ["3．危及“三安全一稳定”"]),
    ("denied_third_party", ["4．保护第三方合法权益"]),
    ("denied_internal_affairs", ["5．属于三类内部事务信息"]),
    ("denied_process_info", ["6．属于四类过程性信息"]),
    ("denied_enforcement_files", ["7．属于行政执法案卷"]),
    ("denied_admin_query", ["8．属于行政查询事项"]),
    ("unavailable_not_held", ["（四）无法提供", "1．本机关不掌握相关政府信息"]),
    ("unavailable_needs_creation", ["2．没有现成信息需要另行制作"]),
    ("unavailable_unclear", ["3．补正后申请内容仍不明确"]),
    ("not_processed_complaint", ["（五）不予处理", "1．信访举报投诉类申请"]),
    ("not_processed_duplicate", ["2．重复申请"]),
    ("not_processed_publication", ["3．要求提供公开出版物"]),
    ("not_processed_mass_repeat", ["4．无正当理由大量反复申请"]),
    ("not_processed_confirmation", ["5．要求行政机关确认或重新出具已获取信息"]),
]
REQ_OTHER_2021 = [
    ("other_overdue_correction", ["（六）其他处理", "1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("other_unpaid_fee", ["2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("other_misc", ["3．其他"]),
]
REQ_OTHER_2019 = [("other_handling", ["（六）其他处理"])]
REQ_TAIL = [("total_handled", ["（七）总计"]), ("carried_forward", ["四、结转下年度继续办理"])]


def req_rows(template):
    return REQ_ROWS_COMMON_HEAD + (REQ_OTHER_2021 if template == "2021" else REQ_OTHER_2019) + REQ_TAIL


OUTCOME_FIRST = "granted"

REV_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

ACTIVE_2021 = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("regulations", "规章", ["issued", "repealed", "in_force"]),
      ("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可", ["decisions"])]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"],
     [("punishment", "行政处罚", ["decisions"]), ("coercion", "行政强制", ["decisions"])]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费", ["amount"])]),
]
ACTIVE_2019 = [
    ("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("regulations", "规章", ["new_made", "new_published", "total_published"]),
      ("normative_documents", "规范性文件", ["new_made", "new_published", "total_published"])]),
    ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("licensing", "行政许可", ["prev_items", "change", "decisions"]),
      ("other_services", "其他对外管理服务事项", ["prev_items", "change", "decisions"])]),
    ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
     [("punishment", "行政处罚", ["prev_items", "change", "decisions"]),
      ("coercion", "行政强制", ["prev_items", "change", "decisions"])]),
    ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"],
     [("fees", "行政事业性收费", ["prev_items", "change"])]),
    ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"],
     [("procurement", "政府集中采购", ["items", "amount"])]),
]


def active_def(template):
    return ACTIVE_2021 if template == "2021" else ACTIVE_2019


def compute(rep):
    """Return (cells, figures, table_rows) for a report: cells keyed as TABLES.md; table_rows are the
    printed rows (list of lists of cell strings) per table."""
    t = rep["template"]
    cells, rows_out = [], {"active": [], "requests": [], "review_litigation": []}
    blank = rep.get("blank", "/")

    def fmt(v):
        if v is None:
            return blank
        return str(v)

    for cap, head, rows in active_def(t):
        rows_out["active"].append([cap])
        rows_out["active"].append(head)
        for key, label, cols in rows:
            vals = rep["active"][key]
            assert len(vals) == len(cols), (rep["doc_id"], key)
            rows_out["active"].append([label] + [fmt(v) for v in vals])
            for c, v in zip(cols, vals, strict=True):
                cells.append(dict(table="active", row=key, col=c, value=v))
    # requests
    given = rep["requests"]
    rows = req_rows(t)
    outcome_keys = [k for k, _ in rows if k not in ("new_received", "carried_over", "total_handled", "carried_forward")]
    for k in given:
        assert k in dict(rows), (rep["doc_id"], k)
    val = {}
    for k in outcome_keys + ["carried_over", "carried_forward"]:
        val[k] = list(given.get(k, [0] * 6))
    val["total_handled"] = [sum(val[k][i] for k in outcome_keys) for i in range(6)]
    val["new_received"] = [val["total_handled"][i] + val["carried_forward"][i] - val["carried_over"][i] for i in range(6)]
    assert min(val["new_received"]) >= 0, rep["doc_id"]
    for k in val:
        val[k] = val[k] + [sum(val[k])]
    rows_out["requests"].append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])
    rows_out["requests"].append(["自然人", "法人或其他组织", "总计"])
    rows_out["requests"].append(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"])
    for k, labels in rows:
        rows_out["requests"].append(labels + [str(v) for v in val[k]])
        for c, v in zip(REQ_COLS, val[k], strict=True):
            cells.append(dict(table="requests", row=k, col=c, value=v))
    # review / litigation
    rv = {}
    for k in REV_ROWS:
        r = list(rep["review"][k])
        rv[k] = r + [sum(r)]
        for c, v in zip(REV_COLS, rv[k], strict=True):
            cells.append(dict(table="review_litigation", row=k, col=c, value=v))
    rows_out["review_litigation"].append(["行政复议", "行政诉讼"])
    rows_out["review_litigation"].append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"])
    rows_out["review_litigation"].append(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    rows_out["review_litigation"].append([str(v) for k in REV_ROWS for v in rv[k]])
    fig = dict(NEW=val["new_received"][6], CO=val["carried_over"][6], HANDLED=val["total_handled"][6],
               CF=val["carried_forward"][6], GRANT=val["granted"][6], PART=val["partially_granted"][6],
               REV=rv["review"][4], LIT=rv["litigation_direct"][4] + rv["litigation_after_review"][4],
               NAT=val["new_received"][0], ORG=val["new_received"][6] - val["new_received"][0])
    return cells, fig, rows_out
