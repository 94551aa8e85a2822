"""The three statistical tables as data: canonical row and column keys, printed labels, and
figures that obey the templates' arithmetic.

Written clean-room from TABLES.md and knowledge of the 2019 and 2021 national templates; used
only to build and check this gold set (make_set.py, check_gold.py).
"""

from __future__ import annotations

import random

REQUEST_COLS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
]
APPLICANT_COLS = REQUEST_COLS[:-1]

# (key, label path as the template prints it: top group, sub group, row label)
_RESULT = "三、本年度办理结果"
REQUEST_ROWS_HEAD = [
    ("new_received", ["一、本年新收政府信息公开申请数量"]),
    ("carried_over", ["二、上年结转政府信息公开申请数量"]),
    ("granted", [_RESULT, "（一）予以公开"]),
    ("partially_granted", [_RESULT, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("denied_state_secret", [_RESULT, "（三）不予公开", "1.属于国家秘密"]),
    ("denied_prohibited", [_RESULT, "（三）不予公开", "2.其他法律行政法规禁止公开"]),
    ("denied_security_stability", [_RESULT, "（三）不予公开", "3.危及“三安全一稳定”"]),
    ("denied_third_party", [_RESULT, "（三）不予公开", "4.保护第三方合法权益"]),
    ("denied_internal_affairs", [_RESULT, "（三）不予公开", "5.属于三类内部事务信息"]),
    ("denied_process_info", [_RESULT, "（三）不予公开", "6.属于四类过程性信息"]),
    ("denied_enforcement_files", [_RESULT, "（三）不予公开", "7.属于行政执法案卷"]),
    ("denied_admin_query", [_RESULT, "（三）不予公开", "8.属于行政查询事项"]),
    ("unavailable_not_held", [_RESULT, "（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("unavailable_needs_creation", [_RESULT, "（四）无法提供", "2.没有现成信息需要另行制作"]),
    ("unavailable_unclear", [_RESULT, "（四）无法提供", "3.补正后申请内容仍不明确"]),
    ("not_processed_complaint", [_RESULT, "（五）不予处理", "1.信访举报投诉类申请"]),
    ("not_processed_duplicate", [_RESULT, "（五）不予处理", "2.重复申请"]),
    ("not_processed_publication", [_RESULT, "（五）不予处理", "3.要求提供公开出版物"]),
    ("not_processed_mass_repeat", [_RESULT, "（五）不予处理", "4.无正当理由大量反复申请"]),
    (
        "not_processed_confirmation",
        [_RESULT, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"],
    ),
]
OTHER_ROWS_2019 = [("other_handling", [_RESULT, "（六）其他处理"])]
OTHER_ROWS_2021 = [
    (
        "other_overdue_correction",
        [_RESULT, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    ),
    (
        "other_unpaid_fee",
        [
            _RESULT,
            "（六）其他处理",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ],
    ),
    ("other_misc", [_RESULT, "（六）其他处理", "3.其他"]),
]
REQUEST_ROWS_TAIL = [
    ("total_handled", [_RESULT, "（七）总计"]),
    ("carried_forward", ["四、结转下年度继续办理"]),
]


def request_rows(template: str) -> list[tuple[str, list[str]]]:
    other = OTHER_ROWS_2019 if template == "2019" else OTHER_ROWS_2021
    return REQUEST_ROWS_HEAD + other + REQUEST_ROWS_TAIL


def outcome_keys(template: str) -> list[str]:
    """The rows whose sum is total_handled (rule 3)."""
    keys = [k for k, _ in request_rows(template)]
    return keys[keys.index("granted") : keys.index("total_handled")]


REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]

# Active table: list of blocks (article label, column header labels, [(row key, label, [col keys])])
ACTIVE_2021 = [
    (
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"],
        [
            ("regulations", "规章", ["issued", "repealed", "in_force"]),
            ("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"]),
        ],
    ),
    ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可", ["decisions"])]),
    (
        "第二十条第（六）项",
        ["本年处理决定数量"],
        [
            ("punishment", "行政处罚", ["decisions"]),
            ("coercion", "行政强制", ["decisions"]),
        ],
    ),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费", ["amount"])]),
]
ACTIVE_2019 = [
    (
        "第二十条第（一）项",
        ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
        [
            ("regulations", "规章", ["new_made", "new_published", "total_published"]),
            ("normative_documents", "规范性文件", ["new_made", "new_published", "total_published"]),
        ],
    ),
    (
        "第二十条第（五）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        [
            ("licensing", "行政许可", ["prev_items", "change", "decisions"]),
            ("other_services", "其他对外管理服务事项", ["prev_items", "change", "decisions"]),
        ],
    ),
    (
        "第二十条第（六）项",
        ["上一年项目数量", "本年增/减", "处理决定数量"],
        [
            ("punishment", "行政处罚", ["prev_items", "change", "decisions"]),
            ("coercion", "行政强制", ["prev_items", "change", "decisions"]),
        ],
    ),
    (
        "第二十条第（八）项",
        ["上一年项目数量", "本年增/减"],
        [
            ("fees", "行政事业性收费", ["prev_items", "change"]),
        ],
    ),
    (
        "第二十条第（九）项",
        ["采购项目数量", "采购总金额"],
        [
            ("procurement", "政府集中采购", ["items", "amount"]),
        ],
    ),
]


def active_blocks(template: str):
    return ACTIVE_2019 if template == "2019" else ACTIVE_2021


# How busy an agency is: scales the invented figures.
SCALE = {"township": 1, "county": 4, "city_dept": 3, "province_dept": 6}


def _split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Spread `total` requests over outcomes with the given weights."""
    out = [0] * len(weights)
    for _ in range(total):
        out[rng.choices(range(len(weights)), weights)[0]] += 1
    return out


def make_figures(seed: int, template: str, level: str, no_negative: bool) -> dict:
    """Figures for one report: {table: {row: {col: value}}}, consistent with rules 1-4."""
    rng = random.Random(seed)
    s = SCALE[level]
    figures: dict = {"active": {}, "requests": {}, "review_litigation": {}}

    act = figures["active"]
    if template == "2021":
        has_regs = level == "province_dept" and rng.random() < 0.7
        issued = rng.randint(1, 3) if has_regs else 0
        act["regulations"] = {
            "issued": issued,
            "repealed": rng.randint(0, 1) if has_regs else 0,
            "in_force": issued + rng.randint(5, 30) if has_regs else 0,
        }
        nd = rng.randint(0, 3 * s)
        act["normative_documents"] = {
            "issued": nd,
            "repealed": rng.randint(0, s),
            "in_force": nd + rng.randint(0, 12 * s),
        }
        act["licensing"] = {"decisions": rng.choice([0, rng.randint(10, 900 * s)])}
        act["punishment"] = {"decisions": rng.choice([0, rng.randint(1, 80 * s)])}
        act["coercion"] = {"decisions": rng.choice([0, 0, rng.randint(1, 10 * s)])}
        fee = rng.choice([0, 0, round(rng.uniform(1, 300 * s), rng.choice([0, 2]))])
        act["fees"] = {"amount": int(fee) if float(fee).is_integer() else fee}
    else:
        for key in ("regulations", "normative_documents"):
            made = (
                rng.randint(0, 2)
                if key == "regulations" and level == "province_dept"
                else (0 if key == "regulations" else rng.randint(0, 4 * s))
            )
            act[key] = {
                "new_made": made,
                "new_published": made,
                "total_published": made + rng.randint(0, 20 * s) if made or key != "regulations" else 0,
            }
        for key in ("licensing", "other_services", "punishment", "coercion"):
            prev = rng.randint(0, 60 * s)
            low = 0 if no_negative else -min(prev, 5)
            act[key] = {
                "prev_items": prev,
                "change": rng.randint(low, 4) if prev else 0,
                "decisions": rng.randint(0, 300 * s) if prev else 0,
            }
        prev = rng.randint(0, 8)
        act["fees"] = {"prev_items": prev, "change": 0 if no_negative else rng.choice([0, 0, -1])}
        items = rng.randint(0, 20 * s)
        act["procurement"] = {"items": items, "amount": round(rng.uniform(5, 90) * items, 2) if items else 0}

    # requests: outcomes per applicant column, then the balance rows from them
    req: dict = {k: {} for k, _ in request_rows(template)}
    outcomes = outcome_keys(template)
    weights = {
        "granted": 40,
        "partially_granted": 8,
        "denied_state_secret": 0.3,
        "denied_prohibited": 0.5,
        "denied_security_stability": 0.3,
        "denied_third_party": 2,
        "denied_internal_affairs": 1,
        "denied_process_info": 2,
        "denied_enforcement_files": 1,
        "denied_admin_query": 2,
        "unavailable_not_held": 22,
        "unavailable_needs_creation": 4,
        "unavailable_unclear": 3,
        "not_processed_complaint": 3,
        "not_processed_duplicate": 3,
        "not_processed_publication": 0.5,
        "not_processed_mass_repeat": 0.5,
        "not_processed_confirmation": 1,
        "other_handling": 3,
        "other_overdue_correction": 2,
        "other_unpaid_fee": 0.3,
        "other_misc": 2,
    }
    col_size = {
        "natural_person": 14 * s,
        "commercial_enterprise": 2 * s,
        "research_institution": 0.3,
        "social_welfare_org": 0.3,
        "legal_service_org": 1.5 * s,
        "other_org": 0.6 * s,
    }
    for col in APPLICANT_COLS:
        mean = col_size[col]
        handled = max(0, int(rng.gauss(mean, mean / 2))) if rng.random() < min(1.0, mean) else 0
        split = _split(rng, handled, [weights[k] for k in outcomes])
        for k, v in zip(outcomes, split, strict=True):
            req[k][col] = v
        req["total_handled"][col] = handled
        carried_over = rng.randint(0, max(0, handled // 8)) if handled else 0
        carried_forward = rng.randint(0, max(0, handled // 6)) if handled else 0
        req["carried_over"][col] = carried_over
        req["carried_forward"][col] = carried_forward
        req["new_received"][col] = handled + carried_forward - carried_over
    for row in req.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLS)

    rev = figures["review_litigation"]
    for row, size in zip(REVIEW_ROWS, (s, s / 2, s / 3), strict=True):
        n = rng.randint(0, int(size * 2) + (1 if rng.random() < 0.5 else 0))
        up, corr, oth, pend = _split(rng, n, [5, 1, 1, 1])
        rev[row] = {"upheld": up, "corrected": corr, "other_result": oth, "pending": pend, "total": n}
    figures["requests"] = req
    return figures


def arithmetic_failures(cells: dict, template: str) -> list[str]:
    """Which of rules 1-4 fail; `cells` maps (table, row, col) -> value, absent cells read as 0."""

    def v(t, r, c):
        return cells.get((t, r, c), 0)

    fails = []
    rows = [k for k, _ in request_rows(template)]
    for r in rows:
        if v("requests", r, "total") != sum(v("requests", r, c) for c in APPLICANT_COLS):
            fails.append(f"rule 1: requests/{r} total")
    for c in REQUEST_COLS:
        left = v("requests", "new_received", c) + v("requests", "carried_over", c)
        right = v("requests", "total_handled", c) + v("requests", "carried_forward", c)
        if left != right:
            fails.append(f"rule 2: requests/{c} balance")
        if v("requests", "total_handled", c) != sum(v("requests", r, c) for r in outcome_keys(template)):
            fails.append(f"rule 3: requests/{c} total_handled")
    for r in REVIEW_ROWS:
        parts = sum(v("review_litigation", r, c) for c in REVIEW_COLS[:-1])
        if v("review_litigation", r, "total") != parts:
            fails.append(f"rule 4: review_litigation/{r} total")
    return fails
