"""The three tables' canonical keys, the template's printed labels, and the arithmetic (勾稽关系).

Written from /work/shared/TABLES.md and from how agencies lay out the national templates; shared by
build.py (which lays the tables out) and check_gold.py (which checks the gold), so that the keys and
the arithmetic live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

APPLICANT_COLS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
REQUEST_COLS = APPLICANT_COLS + ["total"]
APPLICANT_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

REVIEW_ROWS = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
REVIEW_COL_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@dataclass(frozen=True)
class RequestRow:
    """One data row of table 三: its key and the template's label at each of the three label levels.

    `group` is the first-level label (一、… or 三、本年度办理结果), `sub` the second level ((三)不予公开),
    `item` the third (1.属于国家秘密); a level the row does not have is "".
    """

    key: str
    group: str
    sub: str
    item: str


_RESULT = "三、本年度办理结果"
_DENIED = "（三）不予公开"
_UNAVAILABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"


def request_rows(template: str) -> list[RequestRow]:
    """Table 三's rows in printed order for the 2019 or 2021 template."""
    rows = [
        RequestRow("new_received", "一、本年新收政府信息公开申请数量", "", ""),
        RequestRow("carried_over", "二、上年结转政府信息公开申请数量", "", ""),
        RequestRow("granted", _RESULT, "（一）予以公开", ""),
        RequestRow(
            "partially_granted", _RESULT, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""
        ),
        RequestRow("denied_state_secret", _RESULT, _DENIED, "1.属于国家秘密"),
        RequestRow("denied_prohibited", _RESULT, _DENIED, "2.其他法律行政法规禁止公开"),
        RequestRow("denied_security_stability", _RESULT, _DENIED, "3.危及“三安全一稳定”"),
        RequestRow("denied_third_party", _RESULT, _DENIED, "4.保护第三方合法权益"),
        RequestRow("denied_internal_affairs", _RESULT, _DENIED, "5.属于三类内部事务信息"),
        RequestRow("denied_process_info", _RESULT, _DENIED, "6.属于四类过程性信息"),
        RequestRow("denied_enforcement_files", _RESULT, _DENIED, "7.属于行政执法案卷"),
        RequestRow("denied_admin_query", _RESULT, _DENIED, "8.属于行政查询事项"),
        RequestRow("unavailable_not_held", _RESULT, _UNAVAILABLE, "1.本机关不掌握相关政府信息"),
        RequestRow("unavailable_needs_creation", _RESULT, _UNAVAILABLE, "2.没有现成信息需要另行制作"),
        RequestRow("unavailable_unclear", _RESULT, _UNAVAILABLE, "3.补正后申请内容仍不明确"),
        RequestRow("not_processed_complaint", _RESULT, _NOT_PROCESSED, "1.信访举报投诉类申请"),
        RequestRow("not_processed_duplicate", _RESULT, _NOT_PROCESSED, "2.重复申请"),
        RequestRow("not_processed_publication", _RESULT, _NOT_PROCESSED, "3.要求提供公开出版物"),
        RequestRow("not_processed_mass_repeat", _RESULT, _NOT_PROCESSED, "4.无正当理由大量反复申请"),
        RequestRow(
            "not_processed_confirmation", _RESULT, _NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"
        ),
    ]
    if template == "2019":
        rows.append(RequestRow("other_handling", _RESULT, _OTHER, ""))
    else:
        rows += [
            RequestRow(
                "other_overdue_correction",
                _RESULT,
                _OTHER,
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ),
            RequestRow(
                "other_unpaid_fee",
                _RESULT,
                _OTHER,
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ),
            RequestRow("other_misc", _RESULT, _OTHER, "3.其他"),
        ]
    rows += [
        RequestRow("total_handled", _RESULT, "（七）总计", ""),
        RequestRow("carried_forward", "四、结转下年度继续办理", "", ""),
    ]
    return rows


def outcome_keys(template: str) -> list[str]:
    """The outcome rows whose sum is 三（七）总计: from 予以公开 to the last 其他处理 row."""
    keys = [r.key for r in request_rows(template)]
    return keys[keys.index("granted") : keys.index("total_handled")]


@dataclass(frozen=True)
class ActiveBlock:
    """One block of table 二: the 第二十条 item it reports, its column keys and labels, and its rows."""

    article: str
    cols: list[str]
    col_labels: list[str]
    rows: list[tuple[str, str]]  # (key, printed label)


def active_blocks(template: str) -> list[ActiveBlock]:
    """Table 二's blocks in printed order."""
    if template == "2019":
        items = ["上一年项目数量", "本年增/减", "处理决定数量"]
        return [
            ActiveBlock(
                "第二十条第（一）项",
                ["new_made", "new_published", "total_published"],
                ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                [("regulations", "规章"), ("normative_documents", "规范性文件")],
            ),
            ActiveBlock(
                "第二十条第（五）项",
                ["prev_items", "change", "decisions"],
                items,
                [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
            ),
            ActiveBlock(
                "第二十条第（六）项",
                ["prev_items", "change", "decisions"],
                items,
                [("punishment", "行政处罚"), ("coercion", "行政强制")],
            ),
            ActiveBlock(
                "第二十条第（八）项",
                ["prev_items", "change"],
                items[:2],
                [("fees", "行政事业性收费")],
            ),
            ActiveBlock(
                "第二十条第（九）项",
                ["items", "amount"],
                ["采购项目数量", "采购总金额"],
                [("procurement", "政府集中采购")],
            ),
        ]
    return [
        ActiveBlock(
            "第二十条第（一）项",
            ["issued", "repealed", "in_force"],
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [("regulations", "规章"), ("normative_documents", "行政规范性文件")],
        ),
        ActiveBlock("第二十条第（五）项", ["decisions"], ["本年处理决定数量"], [("licensing", "行政许可")]),
        ActiveBlock(
            "第二十条第（六）项",
            ["decisions"],
            ["本年处理决定数量"],
            [("punishment", "行政处罚"), ("coercion", "行政强制")],
        ),
        ActiveBlock(
            "第二十条第（八）项", ["amount"], ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]
        ),
    ]


def expected_keys(template: str) -> list[tuple[str, str, str]]:
    """Every (table, row, col) the template prints a figure for."""
    keys = []
    for block in active_blocks(template):
        keys += [("active", row, col) for row, _ in block.rows for col in block.cols]
    keys += [("requests", r.key, c) for r in request_rows(template) for c in REQUEST_COLS]
    keys += [("review_litigation", r, c) for r in REVIEW_ROWS for c in REVIEW_COLS]
    return keys


def arithmetic_violations(template: str, values: dict[tuple[str, str, str], float]) -> list[dict]:
    """The 勾稽关系 of TABLES.md (rules 1–4) that the figures break; a cell not printed counts as 0.

    Each violation names its rule and the row or column it is about, with the printed and the implied
    figure, so that check_gold.py can match it against a file's recorded deliberate errors.
    """

    def v(table: str, row: str, col: str) -> float:
        return values.get((table, row, col), 0)

    out = []
    for r in request_rows(template):
        implied = sum(v("requests", r.key, c) for c in APPLICANT_COLS)
        if v("requests", r.key, "total") != implied:
            out.append(
                {
                    "rule": 1,
                    "table": "requests",
                    "row": r.key,
                    "printed": v("requests", r.key, "total"),
                    "implied": implied,
                }
            )
    for c in REQUEST_COLS:
        left = v("requests", "new_received", c) + v("requests", "carried_over", c)
        right = v("requests", "total_handled", c) + v("requests", "carried_forward", c)
        if left != right:
            out.append({"rule": 2, "table": "requests", "col": c, "printed": right, "implied": left})
        implied = sum(v("requests", k, c) for k in outcome_keys(template))
        if v("requests", "total_handled", c) != implied:
            out.append(
                {
                    "rule": 3,
                    "table": "requests",
                    "col": c,
                    "printed": v("requests", "total_handled", c),
                    "implied": implied,
                }
            )
    for r in REVIEW_ROWS:
        implied = sum(v("review_litigation", r, c) for c in REVIEW_COLS[:-1])
        if v("review_litigation", r, "total") != implied:
            out.append(
                {
                    "rule": 4,
                    "table": "review_litigation",
                    "row": r,
                    "printed": v("review_litigation", r, "total"),
                    "implied": implied,
                }
            )
    return out
