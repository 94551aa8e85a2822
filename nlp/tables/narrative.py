"""Numbers stated in the narrative, checked against the tables (TABLES.md rule 5).

Reports phrase these loosely: `收到申请75件` often counts last year's carried-over requests too,
`办理718件` may be the handled total or the received total less what was carried forward, and
`全县共办理相关案件74件` after a mention of 行政复议、行政诉讼 sums both. So each kind of claim
has several *readings* the template allows, and a claim fails only where the table can be read
and no reading gives its number.

Claims are taken only from sentences about disclosure requests (they mention 申请) or about
review and litigation (复议 / 诉讼), and only in the form `<keyword> … N 件`; counts of other
business (`受理数字化案件21773件`) are never read as table numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.agency import _AGENCY_END, _NOT_A_NAME, agency_key
from nlp.findings import EXTRACTION, FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN
from nlp.report import Finding
from nlp.tables.claimscope import a_difference, a_subset, counts_other_thing, not_exact, other_role
from nlp.tables.countwords import OTHER_BUSINESS, REVIEW_OUTCOMES
from nlp.tables.evidence import absent_rows
from nlp.tables.extract import TableExtraction
from nlp.tables.schema import REQUEST_COLUMNS, REVIEW_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report


@dataclass
class Claim:
    kind: str
    value: int
    sentence: str
    #: The clause the number stands in (a clause naming another year is not about this year's tables).
    clause: str = ""


#: A clause about the year before (`上年共收到申请45件`, `2022年…`): `上年结转` is this year's row 二.
LAST_YEAR = re.compile(r"(?:上一?年度?|去年|前一?年)(?!度|结转|转结|遗留|未办结)")
#: Comparisons state this year's number (`比上年增加5件`) and say nothing checkable of last year's.
COMPARISON = re.compile(r"比|较|同比|环比|增长|下降|减少|增加|持平")
_YEAR_NAMED = re.compile(r"((?:19|20)\d{2})\s*年")


_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


def _last_years(claim: Claim) -> bool:
    """The claim's clause names the year before (`上年共收到…`): not this year's figure, even where the report's year
    is not known."""
    return LAST_YEAR.search(claim.clause) is not None and not COMPARISON.search(claim.clause)


def claim_year(claim: Claim, year: int | None) -> int | None:
    """The year a claim's count belongs to: named in its clause, or leading its sentence
    (`2022年，共收到申请40件`), or the year before (`上年共收到…`); `year` otherwise."""
    if LAST_YEAR.search(claim.clause) and not COMPARISON.search(claim.clause):
        return year - 1 if year is not None else None
    named = _YEAR_NAMED.findall(claim.clause) or _LEADING_YEAR.findall(claim.sentence)
    return int(named[0]) if len(set(named)) == 1 else year


_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE = re.compile(r"[^，,；;：:（）()]+")
#: At most 18 characters: a longer digit string is no count (and `int()` refuses over 4,300 digits).
_COUNT = re.compile(r"(?<![\d,])(\d[\d,]{0,17})\s*(?:件|宗|起)")
_NONE = re.compile(r"(?:没有|未|无)(?:发生|收到|出现|遇到|产生)?")
_REQUEST_CONTEXT = re.compile(r"申请")
_REVIEW = re.compile(r"复议")
_LITIGATION = re.compile(r"诉讼|起诉")
#: A lawsuit brought after a review (`复议后起诉1件`, table 四's third row) names a lawsuit, not a review.
_AFTER_REVIEW = re.compile(r"(?:经)?复议后(?:又|再)?(?:提起|起诉|诉讼|行政诉讼)")
#: A "no review / litigation" sentence about outcomes (未被纠错, 败诉) says nothing about counts.
_OUTCOME_ONLY = re.compile(r"纠错|败诉|纠正|撤销|确认违法")

#: Request clause kinds, first match wins (a clause `转结下年度办理9件` is carried forward, not handled).
REQUEST_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("carried_forward", re.compile(r"结转下|转结下|转下一?年|下一?年度|顺延|转入下|结转至")),
    ("carried_over", re.compile(r"上一?年度?(?:结转|转结|遗留|未办结)|往年结转")),
    ("granted_or_partial", re.compile(r"(?:予以公开|同意公开).{0,4}部分公开")),
    ("partially_granted", re.compile(r"部分公开")),
    ("granted", re.compile(r"予以公开|同意公开|全部公开")),
    ("denied", re.compile(r"不予公开")),
    ("unavailable", re.compile(r"无法提供")),
    ("not_processed", re.compile(r"不予处理")),
    ("other_handling", re.compile(r"其他处理")),
    ("applicant_person", re.compile(r"自然人")),
    ("applicant_org", re.compile(r"法人|其他组织")),
    ("received", re.compile(r"收到|受理|接收|接到|新收")),
    ("handled", re.compile(r"办结|办理|答复|处理完|已处理")),
)
#: The kinds of request claims (a count picked out by how requests were handled is none of them: `claimscope.a_subset`).
REQUEST_KIND_NAMES = frozenset(kind for kind, _ in REQUEST_KINDS)


_DIGIT = re.compile(r"\d")
#: A count whose unit is followed by the thing counted, when that is no request (`办理的1236件发文中`, `收到12件建议`,
#: in a sentence that names 依申请公开 as a document's disclosure attribute): not a request count. `12件信息公开申请`
#: still counts requests.
_OTHER_THING_COUNTED = re.compile(r"(?:件|宗|起)(?:的)?(?:发文|公文|文件|来文|信息|提案|建议|议案)(?![\u4e00-\u9fff]{0,6}申请)")


def _may_state_a_count(sentence: str) -> bool:
    """What every claim's clause holds: a figure and a count's unit (`_COUNT`), or a word saying
    none (`_NONE`, and 没有/未 before 收到/受理). Most sentences have neither and are passed over
    without cutting them into clauses."""
    return (_DIGIT.search(sentence) is not None and any(unit in sentence for unit in "件宗起")) or any(
        word in sentence for word in ("没有", "未", "无")
    )


def claims_in(text: str) -> list[Claim]:
    """The table numbers a narrative text states."""
    claims: list[Claim] = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group(0).strip()
        if not sentence or not _may_state_a_count(sentence):
            continue
        about_requests = bool(_REQUEST_CONTEXT.search(sentence))
        subject: str | None = None  # review | litigation | both, the last one mentioned
        named: set[str] = set()  # every subject the sentence has named so far
        for clause in _CLAUSE.findall(sentence):
            after_review = _AFTER_REVIEW.search(clause) is not None
            mentions_review = not after_review and bool(_REVIEW.search(clause))
            mentions_litigation = after_review or bool(_LITIGATION.search(clause))
            if mentions_review or mentions_litigation:
                subject = "both" if mentions_review and mentions_litigation else ("review" if mentions_review else "litigation")
                named |= {"review", "litigation"} if subject == "both" else {subject}
            elif len(named) == 2:
                # `行政复议4件，行政诉讼5件，其中被纠错1件`: what follows both counts may be about either or both.
                subject = "both"
            counts = list(_COUNT.finditer(clause))
            if len(counts) > 1:
                continue
            if not counts:
                if subject and (mentions_review or mentions_litigation) and _NONE.search(clause) and not _OUTCOME_ONLY.search(clause):
                    claims.append(Claim(f"{subject}.total", 0, sentence, clause))
                elif about_requests and re.search(r"(?:没有|未)(?:收到|受理)", clause):
                    claims.append(Claim("received", 0, sentence, clause))
                continue
            count = counts[0]
            if counts_other_thing(clause, count.start()) or not_exact(clause, sentence, count.start(), count.end()) or a_difference(clause, count.start()):
                continue  # no count of the tables' quantities, or no exact figure (`nlp.tables.claimscope`)
            kind = _clause_kind(clause, subject, about_requests, count.start(), sentence)
            if kind and not (kind in REQUEST_KIND_NAMES and a_subset(clause)):
                claims.append(Claim(kind, int(count.group(1).replace(",", "")), sentence, clause))
    return claims


#: Other business a clause counts by its own noun (`OTHER_BUSINESS`) in a sentence that names 申请 elsewhere
#: (`公开法律援助申请指南…`): no request count unless the clause itself names 申请 or 公开.
_REQUEST_IN_CLAUSE = re.compile(r"申请|公开")


#: The columns table 三 splits 法人或其他组织 into: in a sentence listing them, `其他组织` is the 其他 column.
_ORG_SUBCOLUMN = re.compile(r"商业企业|科研机构|社会公益组织|法律服务机构")


def _clause_kind(clause: str, subject: str | None, about_requests: bool, at: int = 0, sentence: str = "") -> str | None:
    """The kind of claim the count at `at` of `clause` (of `sentence`) makes, None for none."""
    if subject and (_REVIEW.search(clause) or _LITIGATION.search(clause) or re.search(r"维持|纠正|纠错|其他结果|审结|案件", clause)):
        for outcome, pattern in REVIEW_OUTCOMES:
            if pattern.search(clause):
                return f"{subject}.{outcome}"
        return f"{subject}.total"
    if about_requests and OTHER_BUSINESS.search(clause) and not _REQUEST_IN_CLAUSE.search(clause):
        return None
    if about_requests and not _OTHER_THING_COUNTED.search(clause):
        for kind, pattern in REQUEST_KINDS:
            if pattern.search(clause):
                if kind == "applicant_org" and "法人" not in clause and _ORG_SUBCOLUMN.search(sentence):
                    return None  # `商业企业7件，法律服务机构3件，其他组织2件`: the 其他 column, no claim of the whole
                return kind
        return None
    # the document word whose figure the count is (`废止规章1部、规范性文件4件`: 4 is the 规范性文件's)
    match = next((m for m in _DOCUMENTS.finditer(clause) if m.end() - 1 == at), None)
    if (match and _DOCUMENT_COLUMN_VERB.search(clause) and not _DOCUMENTS_REVIEWED.search(clause)
            and not _DOCUMENTS_PUBLISHED.search(clause[: match.start()])):
        return "regulations" if match.group(1) == "规章" else "normative_documents"
    return None


#: Table 二's documents, counted on their own: not `政策文件及规范性文件64件`, a count of another category too.
_DOCUMENTS = re.compile(r"(?<![及和与、])(?<![及和与、]行政)(规章|规范性文件)\s*\d")
#: Verbs naming one of table 二's columns (本年制发, 本年废止, 现行有效): `公开规范性文件12件` counts what was
#: published and `清理规范性文件3件` what was reviewed, neither a cell of the table.
_DOCUMENT_COLUMN_VERB = re.compile(r"制发|印发|出台|制定|新发|废止|失效|现行有效|有效")
#: Documents reviewed (`清理失效规范性文件3件`): a count of the review's work, not of a column.
_DOCUMENTS_REVIEWED = re.compile(r"清理")
#: Documents published before the document word (`集中公开现行有效规范性文件56件`, `汇编…`, `收录…`): a count of what a
#: column or page carries, not of the table's column, unless a column's own verb names it (`公开本年制发的规范性文件12件`).
_DOCUMENTS_PUBLISHED = re.compile(r"(?:公开|发布|收录|汇编|归集|上传|上网)(?!.*(?:制发|印发|出台|制定|新发|废止))")


# --------------------------------------------------------------------------------------------
# Readings: what each kind of claim may mean in the table
# --------------------------------------------------------------------------------------------

Cells = dict[tuple[str, str, str], int | float | None]
Reading = tuple[str, list[tuple[str, str, str]]]  # description, cells summed


def _req(row: str, col: str = "total") -> tuple[str, str, str]:
    return ("requests", row, col)


def _request_rows(extraction: TableExtraction) -> list[str]:
    # from the cached cell index, not `rows()`, which walks every cell on each call
    return list(dict.fromkeys(row for table, row, _ in extraction.values() if table == "requests"))


def _readings(kind: str, extraction: TableExtraction) -> list[Reading]:
    """Sums of cells that a claim of `kind` may state."""
    new, over, handled, forward = _req("new_received"), _req("carried_over"), _req("total_handled"), _req("carried_forward")
    orgs = REQUEST_COLUMNS[1:-1]
    request_rows = _request_rows(extraction)

    def _rows_with(_: TableExtraction, prefix: str) -> list[str]:
        return [row for row in request_rows if row.startswith(prefix)]

    simple: dict[str, list[Reading]] = {
        "received": [("一 本年新收", [new]), ("一 本年新收 + 二 上年结转", [new, over])],
        "handled": [("（七）总计", [handled]), ("（七）总计 + 四 结转下年度", [handled, forward])],
        "carried_forward": [("四 结转下年度", [forward])],
        "carried_over": [("二 上年结转", [over])],
        "granted": [("（一）予以公开", [_req("granted")]), ("（一）+（二）", [_req("granted"), _req("partially_granted")])],
        "partially_granted": [("（二）部分公开", [_req("partially_granted")])],
        "granted_or_partial": [("（一）+（二）", [_req("granted"), _req("partially_granted")])],
        "denied": [("（三）不予公开", [_req(r) for r in _rows_with(extraction, "denied_")])],
        "unavailable": [("（四）无法提供", [_req(r) for r in _rows_with(extraction, "unavailable_")])],
        "not_processed": [("（五）不予处理", [_req(r) for r in _rows_with(extraction, "not_processed_")])],
        "other_handling": [("（六）其他处理", [_req(r) for r in _rows_with(extraction, "other_")])],
        "applicant_person": [("自然人 新收", [_req("new_received", "natural_person")]),
                             ("自然人 新收 + 结转", [_req("new_received", "natural_person"), _req("carried_over", "natural_person")])],
        "applicant_org": [("法人或其他组织 新收", [_req("new_received", c) for c in orgs]),
                          ("法人或其他组织 新收 + 结转", [_req(r, c) for r in ("new_received", "carried_over") for c in orgs])],
    }
    if kind in simple:
        return [r for r in simple[kind] if r[1]]
    subject, _, col = kind.partition(".")
    rows = {"review": ["review"], "litigation": ["litigation_direct", "litigation_after_review"],
            "both": ["review", "litigation_direct", "litigation_after_review"]}.get(subject)
    if rows is not None and col in REVIEW_COLUMNS:
        readings = [(f"四 {'+'.join(rows)} {col}", [("review_litigation", r, col) for r in rows])]
        if subject == "both":
            # An outcome after both counts: of the reviews, of the lawsuits, or of all of them.
            lawsuits = rows[1:]
            readings.append((f"四 {'+'.join(lawsuits)} {col}", [("review_litigation", r, col) for r in lawsuits]))
        if subject != "review":
            readings += [(f"四 {r} {col}", [("review_litigation", r, col)]) for r in rows]
        return readings
    if kind in ("regulations", "normative_documents"):
        cols = sorted({c.col for c in extraction.cells if c.table == "active" and c.row == kind})
        return [(f"二 {kind} {c}", [("active", kind, c)]) for c in cols]
    return []


def _derived(kind: str, values: Cells) -> list[tuple[str, float]]:
    """Readings through rule 2 where a row is missing (一 + 二 − （七） is what was carried forward)."""
    new, over, handled, forward = (values.get(_req(r)) for r in ("new_received", "carried_over", "total_handled", "carried_forward"))
    if kind == "carried_forward" and None not in (new, over, handled):
        return [("一 + 二 − （七）", new + over - handled)]  # type: ignore[operator]
    if kind == "handled" and None not in (new, over, forward):
        return [("一 + 二 − 四", new + over - forward)]  # type: ignore[operator]
    return []


#: Claims read as the sum of a group of rows: a row of the group that was not read makes the sum short.
_ROW_GROUPS = {"denied": "denied_", "unavailable": "unavailable_", "not_processed": "not_processed_", "other_handling": "other_"}


def _sum_incomplete(kind: str, extraction: TableExtraction) -> bool:
    """True where the table rows a claim sums were not all read (left out, or absent from what was read)."""
    prefix = _ROW_GROUPS.get(kind)
    if prefix is None:
        return False
    unread = [*extraction.unplaced_rows.get("requests", []), *absent_rows(extraction, "requests")]
    stray = any(w.table == "requests" and w.row is None for w in extraction.warnings)
    return stray or any(row.startswith(prefix) for row in unread)


#: A count given with its reason (`以保护第三方合法权益为由不予公开2件`, `因属于内部事务信息不予公开1件`) may be that
#: reason's row of the group as well as the group's sum.
_REASON = re.compile(r"为由|理由|因|涉及|属于")


def _reason_rows(claim: Claim, extraction: TableExtraction) -> list[Reading]:
    prefix = _ROW_GROUPS.get(claim.kind)
    if prefix is None or not _REASON.search(claim.clause):
        return []
    return [(f"三 {row}", [_req(row)]) for row in _request_rows(extraction) if row.startswith(prefix)]


def _unread_rows(extraction: TableExtraction) -> set[tuple[str, str]]:
    """(table, row) of the template's rows of tables 三 and 四 that were not read: left out with their numbers
    unplaced, or absent from what was read."""
    return {(table, row) for table in ("requests", "review_litigation")
            for row in [*extraction.unplaced_rows.get(table, []), *absent_rows(extraction, table)]}


def check_claim(claim: Claim, extraction: TableExtraction, finding_id: str) -> Finding:
    values: Cells = extraction.values()
    computable: list[tuple[str, float, list[tuple[str, str, str]]]] = []
    # A reading whose rows were not read (a table read only in part) may be the one the sentence states: a count that
    # fits none of the others is then no proof against the report.
    unread = _unread_rows(extraction)
    uncomputed = False
    for description, refs in [*_readings(claim.kind, extraction), *_reason_rows(claim, extraction)]:
        if refs and all(values.get(r) is not None for r in refs):
            computable.append((description, float(sum(values[r] for r in refs)), refs))  # type: ignore[misc]
        elif any((t, r) in unread for t, r, _ in refs):
            uncomputed = True
    for description, total in _derived(claim.kind, values):
        computable.append((description, float(total), []))
    quoted = f"「{claim.sentence[:80]}」"
    rule = "narrative_agrees"
    if not computable:
        return Finding(finding_id, rule, NOT_ASSESSABLE, f"narrative {claim.kind} {claim.value}: no table cells to compare {quoted}", printed=claim.value)
    cells = [{"table": t, "row": r, "col": c} for _, _, refs in computable for t, r, c in refs]
    for description, total, _ in computable:
        if abs(total - claim.value) < 1e-6:
            return Finding(finding_id, rule, PASS, f"narrative {claim.kind} {claim.value} = {description} {quoted}", cells, total, claim.value)
    options = "; ".join(f"{d} = {t:g}" for d, t, _ in computable)
    repaired = any(extraction.repaired(t, r) for _, _, refs in computable for t, r, _ in refs)
    status, fault = (UNCERTAIN, EXTRACTION) if repaired or uncomputed or _sum_incomplete(claim.kind, extraction) else (FAIL, REPORT)
    unread_note = "; other readings need rows that were not read" if uncomputed else ""
    message = f"narrative {claim.kind} {claim.value} fits no reading of the tables ({options}{unread_note}) {quoted}"
    return Finding(finding_id, rule, status, message, cells, computable[0][1], claim.value, fault)


def narrative_texts(report: Report | str) -> list[str]:
    if isinstance(report, str):
        return report.splitlines()
    return [p.text for p in report.paragraphs if p.kind == "narrative"]


def narrative_findings(report: Report | str, extraction: TableExtraction, claims: Callable[[str], list[Claim]] = claims_in) -> list[Finding]:
    """A finding per number the narrative states about the tables' subjects."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    year = None if isinstance(report, str) else report.year
    agency = None if isinstance(report, str) else report.agency
    for text in narrative_texts(report):
        for claim in claims(text):
            if claim.clause and (claim_year(claim, year) != year or (year is None and _last_years(claim))):
                continue  # another year's figure: checked across years (`nlp.tables.continuity`), not here
            seen[claim.kind] = seen.get(claim.kind, 0) + 1
            suffix = f".{seen[claim.kind]}" if seen[claim.kind] > 1 else ""
            finding = check_claim(claim, extraction, f"narrative.{claim.kind}{suffix}")
            scope = (other_scope(claim.sentence, agency) or other_role(claim.kind, claim.sentence)) if finding.status == FAIL else None
            if scope:
                # the number is another body's (or one acting for the agency): the tables may cover more
                finding.status, finding.fault = UNCERTAIN, None
                finding.message += f"; but the sentence speaks for {scope}, the tables may cover a wider scope"
            findings.append(finding)
    return findings


#: The body a count is stated for: `区政府办代表区政府受理…`, `某某局共收到…` (the name before the verb).
_STATED_BY = re.compile(
    rf"(?P<name>[\u4e00-\u9fff（）()]{{1,14}}?{_AGENCY_END})(?P<acting>代表[\u4e00-\u9fff]{{1,12}}?)?(?:共|累计|全年|依法)?(?:受理|收到|接收|办理)"
)


def other_scope(sentence: str, agency: str | None) -> str | None:
    """The body a sentence states its count for, where that is not the report's agency (a sub-body,
    or one acting for the agency: `区政府办代表区政府`); None where it is the agency or unnamed."""
    for clause in re.split(r"[，,；;：:]", sentence):
        match = _STATED_BY.search(clause)
        if match is None:
            continue
        name = re.sub(r"^(?:年度|年|度)", "", match.group("name"))  # `2020年桃源街道…`: the year is no part of the name
        if not name or _NOT_A_NAME.search(name):
            return None  # 我局, 本机关, 全区…: the agency itself
        if match.group("acting"):
            return f"{name} ({match.group('acting')})"
        if agency and agency_key(name) != agency_key(agency) and not agency_key(agency).endswith(agency_key(name)):
            return name
        return None
    return None
