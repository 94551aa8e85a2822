"""The checks: TABLES.md rules, narrative cross-checks and audits, on reports written here."""

from __future__ import annotations

import pytest
from table_samples import random_values, render_report

import nlp
from nlp.tables.checks import FAIL, NOT_ASSESSABLE, PASS, UNCERTAIN, check_report, rule_failures
from nlp.tables.extract import read_tables
from nlp.tables.narrative import claims_in


def findings_of(text: str) -> dict:
    report = nlp.parse_text(text, doc_id="sample")
    return {f.id: f for f in check_report(report)}


def _set_row(text: str, label: str, cells: list[int]) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(label))
    parts = lines[index].split("\t")
    lines[index] = "\t".join(parts[: len(parts) - len(cells)] + [str(c) for c in cells])
    return "\n".join(lines)


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_a_consistent_report_passes_every_rule(template):
    findings = findings_of(render_report(template, random_values(template, 8), "tab"))
    assert not rule_failures(list(findings.values()))
    assert findings["requests.balance.total"].status == PASS
    assert findings["review_litigation.row_total.review"].status == PASS
    assert findings["tables.missing.active"].status == PASS
    assert {f.status for f in findings.values() if f.rule.startswith("section") or f.rule in ("doubled_words", "template_year")} == {PASS}


def test_a_changed_total_fails_its_row_and_its_column():
    text = render_report("2021", random_values("2021", 8), "tab")
    row = "2.重复申请"
    line = next(x for x in text.split("\n") if x.startswith(row))
    numbers = [int(x) for x in line.split("\t")[1:]]
    text = _set_row(text, row, [*numbers[:-1], numbers[-1] + 3])
    findings = findings_of(text)
    failed = {f.id for f in rule_failures(list(findings.values()))}
    assert "requests.row_total.not_processed_duplicate" in failed
    assert "requests.outcomes_total.total" in failed
    finding = findings["requests.row_total.not_processed_duplicate"]
    assert (finding.expected, finding.printed, finding.fault) == (numbers[-1], numbers[-1] + 3, "report")
    assert {"table": "requests", "row": "not_processed_duplicate", "col": "total"} in finding.cells


def test_swapped_columns_break_the_balance():
    values = random_values("2021", 9)
    person, business = ("requests", "new_received", "natural_person"), ("requests", "new_received", "commercial_enterprise")
    assert values[person] != values[business]
    values[person], values[business] = values[business], values[person]
    text = render_report("2021", values, "tab")  # the row still adds up, its columns no longer balance
    failed = {f.id for f in rule_failures(list(findings_of(text).values()))}
    assert {"requests.balance.natural_person", "requests.balance.commercial_enterprise"} <= failed
    assert "requests.row_total.new_received" not in failed


def test_a_review_row_that_does_not_add_up():
    values = random_values("2019", 4)
    values[("review_litigation", "litigation_direct", "total")] = 99
    failed = {f.id for f in rule_failures(list(findings_of(render_report("2019", values, "tab")).values()))}
    assert failed == {"review_litigation.row_total.litigation_direct"}


def test_missing_tables_and_rows_are_findings():
    findings = findings_of("某局2021年政府信息公开工作年度报告\n一、总体情况\n工作平稳。\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况\n问题较多，需要改进，下一步加强培训，提高工作人员业务水平。\n")
    # the title of table 二 stands in the text: not read by us, not proven absent from the report
    assert (findings["tables.missing.active"].status, findings["tables.missing.active"].fault) == (UNCERTAIN, "extraction")
    assert "title 「主动公开政府信息情况」 at line 4" in findings["tables.missing.active"].message
    assert (findings["tables.missing.requests"].status, findings["tables.missing.requests"].fault) == (FAIL, "report")
    assert "neither" in findings["tables.missing.requests"].message
    text = render_report("2021", random_values("2021", 3), "tab")
    lines = [line for line in text.split("\n") if not line.startswith(("行政强制", "2.重复申请"))]
    rows = findings_of("\n".join(lines))
    assert rows["tables.rows.active"].status == FAIL and "coercion" in rows["tables.rows.active"].message
    assert rows["requests.outcomes_total.total"].status == NOT_ASSESSABLE


def test_a_failure_on_repaired_cells_is_uncertain_and_blamed_on_extraction():
    values = random_values("2021", 12)
    text = render_report("2021", values, "tab")
    line = next(x for x in text.split("\n") if x.startswith("2.重复申请"))
    numbers = line.split("\t")[1:]
    text = text.replace(line, "\t".join(["2.重复申请", *numbers, "0"]))  # a surplus zero: placement by arithmetic
    text = _set_row(text, "（七）总计", [*[int(n) for n in text.split("（七）总计\t")[1].split("\n")[0].split("\t")][:-1], 9999])
    findings = findings_of(text)
    outcome = findings["requests.outcomes_total.total"]
    assert outcome.status == UNCERTAIN and outcome.fault == "extraction"


# --------------------------------------------------------------------------------------------
# Narrative
# --------------------------------------------------------------------------------------------


def test_narrative_claims_are_read_only_from_sentences_about_requests_or_appeals():
    claims = claims_in(
        "本年度共受理政府信息公开申请 75 件，办结 70 件，结转下年度办理 5 件。"
        "今年共受理群众来电投诉 1600 件。"
        "全年发生政府信息公开行政复议 3 件，其中结果维持 2 件；行政诉讼 1 件。"
    )
    assert [(c.kind, c.value) for c in claims] == [
        ("received", 75), ("handled", 70), ("carried_forward", 5), ("review.total", 3), ("review.upheld", 2), ("litigation.total", 1),
    ]
    assert [(c.kind, c.value) for c in claims_in("本年度未收到政府信息公开申请，未发生行政复议和行政诉讼案件。")] == [
        ("received", 0), ("both.total", 0),
    ]
    assert claims_in("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。") == []


def _with_narrative(template: str, values: dict, sentence: str) -> str:
    text = render_report(template, values, "tab")
    return text.replace("取得了较好成效。", "取得了较好成效。" + sentence)


def test_a_narrative_number_is_checked_against_every_reading():
    values = random_values("2021", 21)
    new = values[("requests", "new_received", "total")]
    over = values[("requests", "carried_over", "total")]
    # counted with the carried-over requests: a reading the template allows
    agreeing = findings_of(_with_narrative("2021", values, f"全年共收到政府信息公开申请{new + over}件。"))
    assert agreeing["narrative.received"].status == PASS
    disagreeing = findings_of(_with_narrative("2021", values, f"全年共收到政府信息公开申请{new + over + 7}件。"))
    finding = disagreeing["narrative.received"]
    assert finding.status == FAIL and finding.printed == new + over + 7 and "fits no reading" in finding.message


def test_review_and_litigation_counted_together():
    values = random_values("2021", 22)
    total = sum(values[("review_litigation", r, "total")] for r in ("review", "litigation_direct", "litigation_after_review"))
    findings = findings_of(_with_narrative("2021", values, f"依法做好行政复议、行政诉讼应诉工作，共办理相关案件{total}件。"))
    assert findings["narrative.both.total"].status == PASS


@pytest.mark.parametrize("rows", [("review",), ("litigation_direct", "litigation_after_review"), ("review", "litigation_direct", "litigation_after_review")])
def test_an_outcome_after_both_counts_may_be_of_either_or_both(rows):
    """`行政复议4件，行政诉讼5件，其中被纠错1件`: the 其中 may count the reviews', the lawsuits' or all
    outcomes; a report is blamed only when no reading fits."""
    values = random_values("2021", 23)
    review = values[("review_litigation", "review", "total")]
    lawsuits = sum(values[("review_litigation", r, "total")] for r in ("litigation_direct", "litigation_after_review"))
    corrected = sum(values[("review_litigation", r, "corrected")] for r in rows)
    sentence = f"本年度因政府信息公开引起的行政复议{review}件，行政诉讼{lawsuits}件，其中被纠错{corrected}件。"
    assert [c.kind for c in claims_in(sentence)][-1] == "both.corrected"
    assert findings_of(_with_narrative("2021", values, sentence))["narrative.both.corrected"].status == PASS


def test_an_outcome_after_both_counts_that_fits_no_reading_fails():
    values = random_values("2021", 23)
    every = sum(values[("review_litigation", r, "corrected")] for r in ("review", "litigation_direct", "litigation_after_review"))
    sentence = f"本年度行政复议3件，行政诉讼2件，其中被纠错{every + 5}件。"
    finding = findings_of(_with_narrative("2021", values, sentence))["narrative.both.corrected"]
    assert finding.status == FAIL and "fits no reading" in finding.message


def test_a_lawsuit_after_a_review_counts_lawsuits_and_passes_against_its_row():
    """`复议后起诉1件` names table 四's third row (a lawsuit), not a review; `直接起诉3件` its second."""
    sentence = "全年因政府信息公开申请引发行政复议5件，维持3件；引发行政诉讼4件，其中直接起诉3件，复议后起诉1件，尚未审结。"
    kinds = [(c.kind, c.value) for c in claims_in(sentence)]
    assert ("litigation.total", 1) in kinds and ("litigation.total", 3) in kinds
    assert [k for k in kinds if k[0].startswith("review.")] == [("review.total", 5), ("review.upheld", 3)]
    values = random_values("2021", 24)
    after = values[("review_litigation", "litigation_after_review", "total")]
    review = values[("review_litigation", "review", "total")]
    text = _with_narrative("2021", values, f"本年度因政府信息公开引起行政复议{review}件，复议后起诉{after}件。")
    findings = findings_of(text)
    assert findings["narrative.review.total"].status == PASS
    assert all(f.status != FAIL for key, f in findings.items() if key.startswith("narrative."))


@pytest.mark.parametrize(
    "sentence",
    [
        "全年主动公开信息900条，其中政策文件及规范性文件{n}件。",  # a count of two categories together
        "其中管委会文件和行政规范性文件{n}件。",
        "全年清理行政规范性文件{n}件。",  # reviewed, not a column of table 二
        "在门户网站公开规范性文件{n}件。",  # published
    ],
)
def test_counts_of_documents_that_are_no_cell_of_table_two_are_not_claims(sentence):
    values = random_values("2021", 25)
    printed = {values[("active", "normative_documents", c)] for c in ("issued", "repealed", "in_force") if ("active", "normative_documents", c) in values}
    n = max(printed | {0}) + 17  # fits no column
    assert not [c for c in claims_in(sentence.format(n=n)) if c.kind == "normative_documents"]
    findings = findings_of(_with_narrative("2021", values, sentence.format(n=n)))
    assert "narrative.normative_documents" not in findings or findings["narrative.normative_documents"].status != FAIL


def test_a_count_of_documents_issued_is_still_checked():
    assert [(c.kind, c.value) for c in claims_in("本年度制发行政规范性文件4件，废止2件。")] == [("normative_documents", 4)]
    assert [(c.kind, c.value) for c in claims_in("现行有效规范性文件38件。")] == [("normative_documents", 38)]


@pytest.mark.parametrize(
    "sentence",
    [
        "严格执行公文公开属性源头认定，全年办理的{n}件发文中，明确为依申请公开的12件。",  # 依申请公开: a document's attribute
        "全年共办理{n}件公文，其中依申请公开属性的公文8件。",
        "依申请公开工作中，全年答复人大代表建议和政协提案共{n}件建议。",
        "编制并公开法律援助申请须知，全年受理法律援助案件{n}件。",  # the clause counts cases, naming neither 申请 nor 公开
        "畅通依申请公开渠道，同时办理群众诉求{n}件。",
        "依申请公开工作之外，办结市民热线转办工单{n}件。",
    ],
)
def test_counts_of_other_things_in_a_sentence_naming_requests_are_not_request_claims(sentence):
    """A sentence may name 依申请公开 and count documents, proposals or other business (cases, 诉求, 工单): those
    counts are no request cells."""
    values = random_values("2021", 25)
    n = int(sum(v for k, v in values.items() if k[0] == "requests" and isinstance(v, int))) + 1237  # fits no reading
    assert not [c for c in claims_in(sentence.format(n=n)) if c.value == n]
    findings = findings_of(_with_narrative("2021", values, sentence.format(n=n)))
    assert not [f for key, f in findings.items() if key.startswith("narrative.") and f.status == FAIL]


def test_a_denial_given_with_its_reason_may_count_that_reasons_row():
    """`以保护第三方合法权益为由不予公开2件` counts row 3.4 of table 三, not only （三）'s sum; without a reason
    the sum is the only reading, and a count fitting neither still fails."""
    values = random_values("2021", 27)
    rows = [r for t, r, c in values if t == "requests" and c == "total" and r.startswith("denied_")]
    total = sum(values[("requests", r, "total")] for r in rows)
    third = values[("requests", "denied_third_party", "total")]
    assert third != total  # the seed gives the group more than one non-empty row
    reason = f"对涉及商业秘密的申请，征求第三方意见后，以保护第三方合法权益为由不予公开{third}件。"
    assert findings_of(_with_narrative("2021", values, reason))["narrative.denied"].status == PASS
    bare = findings_of(_with_narrative("2021", values, f"对依申请公开事项，不予公开{third}件。"))["narrative.denied"]
    assert bare.status == FAIL
    wrong = findings_of(_with_narrative("2021", values, f"对涉及第三方的申请，以保护第三方合法权益为由不予公开{total + 9}件。"))["narrative.denied"]
    assert wrong.status == FAIL and wrong.fault == "report"


def test_a_request_count_naming_what_is_counted_is_still_a_claim():
    assert [(c.kind, c.value) for c in claims_in("全年共受理12件信息公开申请，均已办结。")] == [("received", 12)]
    assert [(c.kind, c.value) for c in claims_in("本年度收到政府信息公开申请30件，办理30件。")] == [("received", 30), ("handled", 30)]


# --------------------------------------------------------------------------------------------
# Audits
# --------------------------------------------------------------------------------------------


def test_audits_find_numbering_token_sections_unreported_fees_and_doubled_words():
    values = random_values("2021", 30)
    values[("requests", "other_unpaid_fee", "natural_person")] = 2
    values[("requests", "other_unpaid_fee", "total")] = 2 + sum(values[("requests", "other_unpaid_fee", c)] for c in ("commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"))
    text = render_report("2021", values, "tab")
    text = text.replace("四、政府信息公开行政复议", "5、政府信息公开行政复议")
    text = text.replace("一是公开内容还不够全面，二是解读形式较为单一。下一步将加强培训，提升公开质量和工作水平。", "无")
    text = text.replace("本年度未收取信息处理费，无其他需要报告的事项。", "无")
    text = text.replace("全面推进政务公开工作", "全面推进政务公开公开工作")
    findings = findings_of(text)
    assert findings["audit.section_numbering"].status == FAIL and "mixed" in findings["audit.section_numbering"].message
    assert findings["audit.section5_content"].status == FAIL
    assert findings["audit.section6_fees"].status == FAIL and "（六）2" in findings["audit.section6_fees"].message
    assert findings["audit.doubled_words"].status == FAIL and "公开公开" in findings["audit.doubled_words"].message
    # audits are not TABLES.md rules
    assert all(not f.id.startswith("audit.") for f in rule_failures(list(findings.values())))


def test_template_year_audit():
    text = render_report("2019", random_values("2019", 2), "tab", year=2023)
    assert findings_of(text)["audit.template_year"].status == FAIL


def test_findings_have_stable_ids():
    text = render_report("2021", random_values("2021", 5), "tab")
    first = [f.id for f in check_report(nlp.parse_text(text, doc_id="a"))]
    second = [f.id for f in check_report(nlp.parse_text(text, doc_id="b"), read_tables(text))]
    assert first == second and len(first) == len(set(first))


def test_a_finding_serialises_every_field_without_sharing_its_cells():
    import dataclasses

    from nlp.report import Finding

    finding = Finding("t1", "sum", "fail", "2 ≠ 3", cells=[{"table": "table1", "row": "a", "col": "b"}], expected=3, printed=2, fault="report")
    record = finding.to_dict()
    assert record == dataclasses.asdict(finding)
    record["cells"][0]["row"] = "changed"
    assert finding.cells[0]["row"] == "a"


def _zeros_as_dashes(text: str) -> str:
    """Every zero cell of the tables printed as `—`, as many agencies print them."""
    return "\n".join("\t".join("—" if cell == "0" else cell for cell in line.split("\t")) for line in text.split("\n"))


def test_zeros_printed_as_dashes_still_judge_the_arithmetic():
    """A dash adds nothing to a sum: the rules are judged (not left unassessable), pass where the printed
    numbers add up, and a total that does not is the report's fault."""
    values = random_values("2021", 8)
    text = _zeros_as_dashes(render_report("2021", values, "tab"))
    assert "—" in text
    findings = findings_of(text)
    assert not rule_failures(list(findings.values()))
    dashed = [f for f in findings.values() if f.rule == "requests_row_total" and "counted as none" in f.message]
    assert dashed and all(f.status == PASS for f in dashed)
    # a row printed all dashes has no total to compare with
    assert all(f.status == NOT_ASSESSABLE for f in findings.values() if f.rule == "requests_row_total" and f.message.endswith("blank cells"))
    row = next(line for line in text.split("\n") if "（一）予以公开" in line)
    total = row.split("\t")[-1]
    wrong = text.replace(row, "\t".join([*row.split("\t")[:-1], str(int(total) + 1 if total != "—" else 1)]))
    failed = {f.id for f in rule_failures(list(findings_of(wrong).values()))}
    assert "requests.row_total.granted" in failed
    assert all(f.fault == "report" for f in rule_failures(list(findings_of(wrong).values())))


def test_other_organisations_listed_beside_the_kinds_of_organisation_are_the_other_column():
    """`商业企业7件，法律服务机构3件，其他组织2件`: 2 is table 三's 其他 column, not all of 法人或其他组织; named alone
    (`法人或其他组织12件`) it is the whole."""
    from nlp.tables.narrative import claims_in

    listed = claims_in("申请人中，自然人42件，商业企业7件，法律服务机构3件，其他组织2件。")
    assert [(c.kind, c.value) for c in listed] == [("applicant_person", 42)]
    assert ("applicant_org", 12) in [(c.kind, c.value) for c in claims_in("全年收到政府信息公开申请54件，其中法人或其他组织12件。")]


def test_replies_worked_on_together_are_no_count_of_requests_handled():
    from nlp.tables.narrative import claims_in

    assert claims_in("建立疑难申请会商机制，全年召开会商会议7次，研究答复意见11件。") == []
    assert claims_in("落实法律顾问制度，法律审核答复文书20件。") == []
    assert [(c.kind, c.value) for c in claims_in("全年共答复政府信息公开申请46件。")] == [("handled", 46)]
