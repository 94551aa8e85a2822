"""The three statistical tables of the authored copy-paste set: figures and their text layout.

Figures are drawn per report from a seeded generator so that every table obeys the
arithmetic of TABLES.md, and each year continues the agency's previous year: requests
carried over = last year's carried forward; under the 2021 template, normative documents in
force = last year's + issued - repealed; under the 2019 template, total published = last
year's + newly published, and each item count of last year + its change = this year's
previous-year count. build.py plants the recorded breaks on top of this.
"""

import random

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org"]
COLS = APPLICANTS + ["total"]
APPLICANT_WEIGHTS = [70, 15, 2, 2, 5, 6]

# (row key, parent label printed on the first sub-row, own label), in template order.
OUTCOMES_HEAD = [
    ("granted", "（一）予以公开", None),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied_prohibited", "", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "", "3.危及“三安全一稳定”"),
    ("denied_third_party", "", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "", "5.属于三类内部事务信息"),
    ("denied_process_info", "", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "", "7.属于行政执法案卷"),
    ("denied_admin_query", "", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "", "2.重复申请"),
    ("not_processed_publication", "", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "", "5.要求行政机关确认或重新出具已获取信息"),
]
OTHER_2019 = [("other_handling", "（六）其他处理", None)]
OTHER_2021 = [
    ("other_overdue_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "", "3.其他"),
]
# Relative frequency of each outcome, in the order above plus the other-handling rows.
OUTCOME_WEIGHTS = [40, 10, 1, 1, 1, 2, 2, 3, 1, 2, 18, 4, 3, 3, 2, 1, 1, 1]
REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

# Scale of an agency's figures: (requests a year, review+lawsuit cases a year, decisions a year).
SCALES = {
    "township": (3, 0, 40),
    "county_government": (40, 3, 2500),
    "county_department": (8, 1, 300),
    "city_department": (18, 2, 900),
    "provincial_department": (110, 6, 4000),
}


def outcome_rows(template):
    return OUTCOMES_HEAD + (OTHER_2019 if template == "2019" else OTHER_2021)


def _split(rng, total, weights):
    """Split a count over weighted bins (multinomial draw)."""
    counts = [0] * len(weights)
    for _ in range(total):
        counts[rng.choices(range(len(weights)), weights)[0]] += 1
    return counts


def make_requests(rng, template, scale, carried_over):
    """Requests table as {(row, col): value}; carried_over gives the applicant columns."""
    size = SCALES[scale][0]
    new_total = max(0, int(rng.gauss(size, size / 3)))
    new = dict(zip(APPLICANTS, _split(rng, new_total, APPLICANT_WEIGHTS), strict=True))
    rows = outcome_rows(template)
    weights = OUTCOME_WEIGHTS + [1] * (len(rows) - len(OUTCOME_WEIGHTS))
    cells = {}
    for col in APPLICANTS:
        open_ = new[col] + carried_over[col]
        forward = sum(1 for _ in range(open_) if rng.random() < 0.08)
        handled = open_ - forward
        cells["new_received", col] = new[col]
        cells["carried_over", col] = carried_over[col]
        cells["carried_forward", col] = forward
        cells["total_handled", col] = handled
        for (row, _, _), count in zip(rows, _split(rng, handled, weights), strict=True):
            cells[row, col] = count
    for row in dict.fromkeys(r for r, _ in cells):
        cells[row, "total"] = sum(cells[row, c] for c in APPLICANTS)
    return cells


def make_review(rng, scale):
    cases = SCALES[scale][1]
    cells = {}
    for row in REVIEW_ROWS:
        n = rng.randint(0, cases) if cases else 0
        parts = _split(rng, n, [6, 1, 2, 1])
        for col, v in zip(REVIEW_COLS[:4], parts, strict=True):
            cells[row, col] = v
        cells[row, "total"] = n
    return cells


def make_active(rng, template, scale, previous):
    """Active table; previous is last year's active cells under the same template, or None."""
    decisions = SCALES[scale][2]
    township = scale == "township"
    cells = {}
    if template == "2021":
        cells["regulations", "issued"] = cells["regulations", "repealed"] = 0
        cells["regulations", "in_force"] = 0
        issued = 0 if township else rng.randint(1, 9)
        repealed = 0 if township else rng.randint(0, 4)
        base = previous["normative_documents", "in_force"] if previous else (
            0 if township else rng.randint(12, 60))
        cells["normative_documents", "issued"] = issued
        cells["normative_documents", "repealed"] = min(repealed, base + issued)
        cells["normative_documents", "in_force"] = base + issued - cells["normative_documents", "repealed"]
        cells["licensing", "decisions"] = max(0, int(rng.gauss(decisions, decisions / 4)))
        cells["punishment", "decisions"] = rng.randint(0, max(1, decisions // 20))
        cells["coercion", "decisions"] = rng.randint(0, max(1, decisions // 200))
        cells["fees", "amount"] = 0 if township or rng.random() < 0.4 else round(rng.uniform(1, 300), 2)
        return cells
    new = 0 if township else rng.randint(1, 8)
    cells["regulations", "new_made"] = cells["regulations", "new_published"] = 0
    cells["regulations", "total_published"] = 0
    cells["normative_documents", "new_made"] = new
    cells["normative_documents", "new_published"] = new
    base = previous["normative_documents", "total_published"] if previous else (
        0 if township else rng.randint(10, 80))
    cells["normative_documents", "total_published"] = base + new
    for row, size in [("licensing", decisions), ("other_services", decisions // 5),
                      ("punishment", decisions // 20), ("coercion", decisions // 200), ("fees", 0)]:
        if previous:
            prev_items = previous[row, "prev_items"] + previous[row, "change"]
        else:
            prev_items = rng.randint(1, 6) if township else rng.randint(5, 120)
        change = rng.randint(-min(3, prev_items), 3)
        cells[row, "prev_items"] = prev_items
        cells[row, "change"] = change
        if row != "fees":
            cells[row, "decisions"] = rng.randint(0, max(1, size))
    cells["procurement", "items"] = rng.randint(0, 4 if township else 30)
    cells["procurement", "amount"] = round(rng.uniform(5, 900), 2) if cells["procurement", "items"] else 0
    return cells


def _fmt(v):
    return str(v)


def render_active(template, c):
    if template == "2021":
        return [
            "第二十条第（一）项",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            *[f"{lab}\t" + "\t".join(_fmt(c[row, k]) for k in ("issued", "repealed", "in_force"))
              for row, lab in [("regulations", "规章"), ("normative_documents", "行政规范性文件")]],
            "第二十条第（五）项",
            "信息内容\t本年处理决定数量",
            f"行政许可\t{_fmt(c['licensing', 'decisions'])}",
            "第二十条第（六）项",
            "信息内容\t本年处理决定数量",
            f"行政处罚\t{_fmt(c['punishment', 'decisions'])}",
            f"行政强制\t{_fmt(c['coercion', 'decisions'])}",
            "第二十条第（八）项",
            "信息内容\t本年收费金额（单位：万元）",
            f"行政事业性收费\t{_fmt(c['fees', 'amount'])}",
        ]
    three = ("prev_items", "change", "decisions")
    return [
        "第二十条第（一）项",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        *[f"{lab}\t" + "\t".join(_fmt(c[row, k]) for k in ("new_made", "new_published", "total_published"))
          for row, lab in [("regulations", "规章"), ("normative_documents", "规范性文件")]],
        "第二十条第（五）项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        *[f"{lab}\t" + "\t".join(_fmt(c[row, k]) for k in three)
          for row, lab in [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]],
        "第二十条第（六）项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        *[f"{lab}\t" + "\t".join(_fmt(c[row, k]) for k in three)
          for row, lab in [("punishment", "行政处罚"), ("coercion", "行政强制")]],
        "第二十条第（八）项",
        "信息内容\t上一年项目数量\t本年增/减",
        f"行政事业性收费\t{_fmt(c['fees', 'prev_items'])}\t{_fmt(c['fees', 'change'])}",
        "第二十条第（九）项",
        "信息内容\t采购项目数量\t采购总金额",
        f"政府集中采购\t{_fmt(c['procurement', 'items'])}\t{_fmt(c['procurement', 'amount'])}",
    ]


def render_requests(template, c):
    def row(key):
        return "\t".join(_fmt(c[key, col]) for col in COLS)

    lines = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "\t自然人\t法人或其他组织\t\t\t\t\t总计",
        "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
        f"一、本年新收政府信息公开申请数量\t{row('new_received')}",
        f"二、上年结转政府信息公开申请数量\t{row('carried_over')}",
        "三、本年度办理结果",
    ]
    for key, parent, own in outcome_rows(template):
        label = parent if own is None else f"{parent}\t{own}"
        lines.append(f"{label}\t{row(key)}")
    lines.append(f"（七）总计\t{row('total_handled')}")
    lines.append(f"四、结转下年度继续办理\t{row('carried_forward')}")
    return lines


def render_review(c):
    head = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
    return [
        "行政复议\t\t\t\t\t行政诉讼",
        "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
        "\t".join([head] * 3),
        "\t".join(_fmt(c[r, k]) for r in REVIEW_ROWS for k in REVIEW_COLS),
    ]


def carried_forward(requests):
    return {col: requests["carried_forward", col] for col in APPLICANTS}


def first_carried_over(rng, scale):
    size = SCALES[scale][0]
    total = rng.randint(0, max(1, size // 10))
    return dict(zip(APPLICANTS, _split(rng, total, APPLICANT_WEIGHTS), strict=True))


def new_rng(doc_id, purpose):
    return random.Random(f"{doc_id}:{purpose}")
