"""Shared pieces for set X: label codes, table keys, template row labels."""

LAB = {
    "A": "active_disclosure",
    "Q": "application",
    "I": "info_management",
    "P": "platform",
    "O": "organization",
    "X": "problem",
    "Y": "improvement",
    "Z": "other",
}
COLS6 = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
REQ_ROWS_2021 = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed_complaint", "1.信访举报投诉类申请"),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
REQ_ROWS_2019 = [r for r in REQ_ROWS_2021 if not r[0].startswith("other_")]
REQ_ROWS_2019.insert(
    [k for k, _ in REQ_ROWS_2019].index("total_handled"), ("other_handling", "（六）其他处理")
)
OUTCOME_2021 = [k for k, _ in REQ_ROWS_2021[2:-2]]
OUTCOME_2019 = [k for k, _ in REQ_ROWS_2019[2:-2]]
# group headings of 三 (rowspan groups)
GROUPS = {
    "denied": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
REV_ROWS = [
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
]
REV_COLS = ["upheld", "corrected", "other_result", "pending", "total"]
REV_COLS_ZH = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
