"""The cheap audits evaluators apply to a report besides its tables.

* `section_numbering`: top-level headings numbered out of order (`一 二 四 三`), with gaps or
  repeats, or in mixed systems (`1、 2、 三、 四、`);
* `section5_content`: section 五 (存在的主要问题及改进情况) empty or a token (`无`);
* `section6_fees`: section 六 says only `无` although fees were charged (a 2021-template row
  三（六）2 above zero, or the narrative reporting 信息处理费 collected);
* `doubled_words`: a word printed twice by editing (`资金资金`);
* `template_year`: a report for 2021 or later on the 2019 template, or the reverse.

None of them blames the report for what reading lost (`docs/findings.md`): a numbering gap where
the skipped section's title stands in the text unrecognised, or where a stretch of text between two
tables was lost, is `uncertain` with `fault="extraction"`; so is a section 五 not found while its
title is in the text, an empty section in a report whose structure was not fully read, a word
doubled only by joining two lines, a fee cell placed by repair, and a template known only from the
report's year.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlp.findings import EXTRACTION, FAIL, NOT_ASSESSABLE, PASS, REPORT, UNCERTAIN
from nlp.report import SECTION_KEYS, Finding
from nlp.tables.evidence import LazyEvidence, lost_stretches
from nlp.tables.extract import TableExtraction
from nlp.tables.regions import TITLES
from nlp.tables.reportlines import report_lines
from nlp.tables.schema import compact, template_votes

if TYPE_CHECKING:  # pragma: no cover
    from nlp.report import Report, Section

_CN_NUMERALS = "一二三四五六七八九十"
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Section bodies that say nothing (`无`, `暂无`, `没有需要说明的事项`, `本年度无其他需要报告的事项`).
_TOKEN_BODY = re.compile(r"^(?:本年度?|本机关|我[局委办区县市镇乡街])?(?:无|暂无|没有|无其他|没有其他|无需要|没有需要)[^。]{0,16}(?:事项|情况|内容)?[。.]?$")
#: A word doubled by editing: two to four characters printed twice in a row.
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
#: Repetitions that are Chinese, not slips (`一步一步`, tentative verbs `研究研究`).
_DOUBLING_OK = re.compile(r"^一.$|^(?:研究|讨论|学习|商量|考虑|检查|看看|说说|想想|走走|试试)$")
#: An agency name ending in 政府 followed by a term starting with it (`莆田市政府政府信息公开栏目`):
#: two words that share their characters, not a doubling.
_NAME_THEN_TERM = re.compile(r"(?:[省市县区镇乡州旗]|人民)政府政府(?:信息|网站|门户|公报|工作|部门|规章|采购|集中|数据)")
#: `各嘎查嘎查务公开`, `各社区社区工作者`: "each X" then a term made on X (X's affairs, X's workers): two words, no slip.
_EACH_THEN_TERM = re.compile(r"[各每]$")
#: `2024年度年度报告`, `上年度年度报告`: a year's 年度, then the annual report (年度报告): two words, no slip.
_YEAR_THEN_REPORT = re.compile(r"(?:\d|[上本该今去当前])年度年度(?:报告|工作|考核|计划)")
#: The template's section titles as they stand in compact text, glued or not (evidence that a
#: section the parser did not keep is there all the same).
SECTION_TITLES: dict[str, re.Pattern[str]] = {
    "overview": re.compile(r"总体情况"),
    **TITLES,
    "problems_improvements": re.compile(r"存在的?主要问题(?:及|和)?(?:改进|整改)?|(?:问题|不足)(?:[和及与、]|以及)(?:改进|整改|下一步)"),
    "other_matters": re.compile(r"其[他它]需要?报告的?事项|其[他它]事项"),
}
_FEES_CHARGED = re.compile(r"收取[^。；]{0,20}?(?:处理费|信息处理费|费用)[^。；]{0,12}?(\d[\d,.]*)\s*(?:万?元)")


def _number_value(number: str | None) -> int | None:
    if number is None:
        return None
    if number.isdigit():
        return int(number)
    from nlp.structure import chinese_number

    return chinese_number(number)


def numbered_headings(report: Report) -> list[tuple[int, str, str]]:
    """(paragraph index, number, title) of the top-level headings, in reading order.

    The sections the parser kept, plus headings of template sections it did not keep where they
    stand between their neighbours in template order (`5、政府信息公开行政复议…` between 三 and
    五: a heading numbered in another system, which is exactly what this audit looks for).
    """
    from nlp.report import SECTION_KEYS
    from nlp.structure import heading_candidate

    # Sections one heading names together (`三、收到和处理…申请及行政复议、行政诉讼情况`) share its number and title: the
    # heading is printed once, so it is counted once (else 三 reads as repeated), and a section merged into another,
    # standing empty at that heading, anchors nothing.
    kept = [(s.paragraphs[0].index if s.paragraphs else -1, s) for s in report.sections if s.merged_into is None]
    shared: dict[tuple[str | None, str], str] = {}
    headings = [(index, s.number, s.title) for index, s in kept if s.number and shared.setdefault((s.number, s.title), s.key) == s.key]
    present = {s.key for s in report.sections}
    order = {key: i for i, key in enumerate(SECTION_KEYS)}
    anchors = sorted((index, order[s.key]) for index, s in kept if s.key in order)
    for paragraph in report.paragraphs:
        if paragraph.kind not in ("heading", "table"):  # a heading inside a table region is typed `table`
            continue
        candidate = heading_candidate(paragraph.text, paragraph.index)
        if candidate is None or candidate.key is None or candidate.key in present or candidate.number is None:
            continue
        before = [rank for index, rank in anchors if index < paragraph.index]
        after = [rank for index, rank in anchors if index > paragraph.index]
        if (not before or before[-1] < order[candidate.key]) and (not after or order[candidate.key] < after[0]):
            number = paragraph.text.strip()[: len(str(candidate.number))] if candidate.style == "ar" else paragraph.text.strip()[:1]
            headings.append((paragraph.index, number, candidate.title))
    return sorted(headings)


def _skipped_keys(report: Report, numbered: list[tuple[int, str, str]]) -> list[str]:
    """Template sections whose number is skipped between two numbered headings."""
    from nlp.structure import section_key_for_title

    keys = [section_key_for_title(title) for _, _, title in numbered]
    values = [_number_value(n) for _, n, _ in numbered]
    skipped: list[str] = []
    for (k1, v1), (k2, v2) in zip(zip(keys, values, strict=True), zip(keys[1:], values[1:], strict=True), strict=False):
        if v1 is None or v2 is None or v2 <= v1 + 1:
            continue
        if k1 in SECTION_KEYS and k2 in SECTION_KEYS:
            skipped += list(SECTION_KEYS[SECTION_KEYS.index(k1) + 1 : SECTION_KEYS.index(k2)])
        else:
            skipped.append(f"number {v1 + 1}")
    return skipped


def _lost_sections(report: Report, extraction: TableExtraction | None, keys: list[str], lazy: LazyEvidence | None = None) -> list[str]:
    """Why sections `keys` may be in the report though no heading of theirs was kept: their title
    stands in the text, or the text around their table was lost. Empty where nothing explains it."""
    reasons: list[str] = []
    evidence = (lazy or LazyEvidence(report)).get()
    kept = {p.index for s in report.sections for p in s.paragraphs[:1]}
    for key in keys:
        if key not in SECTION_TITLES:
            continue
        for match in SECTION_TITLES[key].finditer(evidence.text):
            paragraph = evidence.paragraphs[evidence.paragraph_at(match.start())]
            if paragraph.index not in kept:
                reasons.append(f"the title of section {key} 「{match.group(0)}」 stands at line {evidence.line_of(match.start())} but was not read as a heading")
                break
    for stretch in lost_stretches(extraction) if extraction is not None else []:
        if stretch.after in keys or stretch.before in keys:
            reasons.append(stretch.describe())
    return reasons


def _pictured_headings(report: Report, keys: list[str]) -> list[str]:
    """Sections `keys` opened at a picture standing where their heading belongs (`nlp.structure.pictured`): the
    heading is printed, as an image, and its number cannot be read."""
    from nlp.pictures import is_picture_line

    return [f"the heading of section {s.key} is a picture: its number cannot be read" for s in report.sections if s.key in keys and is_picture_line(s.title)]


_ANY_SECTION_TITLE = re.compile("|".join(f"(?:{p.pattern})" for p in SECTION_TITLES.values()))


def _unread_headings(report: Report, numbers: list[int], lazy: LazyEvidence | None = None) -> list[str]:
    """Headings numbered `numbers` in the Chinese system that stand in the text with a template
    title (`二、主动公开政府信息情况`, or `二` / `、` / `…情况` on lines of their own) although the
    parser kept none of them as a section."""
    evidence = (lazy or LazyEvidence(report)).get()
    kept = {p.index for s in report.sections for p in s.paragraphs[:1]}
    found = []
    for number in numbers:
        numeral = _CN_NUMERALS[number - 1] if 1 <= number <= len(_CN_NUMERALS) else None
        if numeral is None:
            continue
        for match in re.finditer(rf"(?<![一二三四五六七八九十]){numeral}[.,，]", evidence.text):
            i = evidence.paragraph_at(match.start())
            if evidence.starts[i] != match.start() or evidence.paragraphs[i].index in kept:
                continue
            title = _ANY_SECTION_TITLE.match(evidence.text, match.end(), match.end() + 30) or _ANY_SECTION_TITLE.search(evidence.text[match.end() : match.end() + 20])
            if title:
                snippet = evidence.text[match.start() : match.end() + 16]
                found.append(f"a heading numbered {numeral} 「{snippet}」 stands at line {evidence.line_of(match.start())} but was not read as a section")
                break
    return found


def section_numbering(report: Report, extraction: TableExtraction | None = None, evidence: LazyEvidence | None = None) -> Finding:
    numbered = numbered_headings(report)
    fid, rule = "audit.section_numbering", "section_numbering"
    if len(numbered) < 2:
        return Finding(fid, rule, NOT_ASSESSABLE, "fewer than two numbered sections")
    systems = {"arabic" if n.isdigit() else "chinese" if all(c in _CN_NUMERALS for c in n) else "other" for _, n, _ in numbered}
    printed = " ".join(f"{n}、{title[:8]}" for _, n, title in numbered)
    problems = []
    if len(systems) > 1:
        problems.append(f"mixed numbering systems ({' and '.join(sorted(systems))})")
    values = [_number_value(n) for _, n, _ in numbered]
    gaps_only = False
    if None not in values and values != list(range(values[0], values[0] + len(values))):  # type: ignore[arg-type]
        increasing = all(b > a for a, b in zip(values, values[1:], strict=False))  # type: ignore[operator]
        gaps_only = increasing
        problems.append("numbers skipped" if increasing else "numbers out of order or repeated")
    if problems:
        message = f"section headings: {'; '.join(problems)}: {printed}"
        reasons: list[str] = []
        if gaps_only and len(problems) == 1:
            # A skipped number is the report's slip only if the skipped section is not in the text.
            skipped = _skipped_keys(report, numbered)
            reasons = _lost_sections(report, extraction, skipped, evidence) + _pictured_headings(report, skipped)
            present = {v for v in values if v is not None}
            reasons += _unread_headings(report, [n for n in range(min(present), max(present)) if n not in present], evidence)
        elif len(systems) > 1 and len(problems) == 1:
            # A heading in the other system (`2、用好用活政务新媒体`) may be a subsection standing in
            # for a top-level heading the parser did not keep (`二` / `、` / `…情况` split over lines).
            counts = {system: sum(1 for _, n, _ in numbered if ("arabic" if n.isdigit() else "chinese") == system) for system in systems}
            minority = [v for (_, n, _), v in zip(numbered, values, strict=True) if v is not None and ("arabic" if n.isdigit() else "chinese") == min(counts, key=counts.get)]
            unread = _unread_headings(report, minority, evidence)
            if len(unread) == len(minority):
                reasons = unread
        if reasons:
            return Finding(fid, rule, UNCERTAIN, f"{message}; but {'; '.join(reasons)}", fault=EXTRACTION)
        return Finding(fid, rule, FAIL, message, fault=REPORT)
    return Finding(fid, rule, PASS, f"section headings numbered in order: {printed}")


def _body(section: Section) -> str:
    """The section's text below its heading, subheadings included (`（一）存在的问题` is content)."""
    paragraphs = section.paragraphs[1:] if section.paragraphs and section.paragraphs[0].kind == "heading" else section.paragraphs
    return "".join(p.text for p in paragraphs if p.kind in ("narrative", "table", "heading"))


def _structure_complete(report: Report) -> bool:
    """All six template sections found, in template order: the structure was read as printed."""
    keys = [k for k in report.section_keys if k in SECTION_KEYS]
    return keys == list(SECTION_KEYS)


def _is_token(text: str) -> bool:
    stripped = re.sub(r"\s+", "", text)
    return len(_CJK.findall(stripped)) < 6 or bool(_TOKEN_BODY.match(stripped))


def section5_content(report: Report, evidence: LazyEvidence | None = None) -> Finding:
    fid, rule = "audit.section5_content", "section5_content"
    if not report.sections:
        return Finding(fid, rule, NOT_ASSESSABLE, "the report has no recognised sections")
    section = report.holding_section("problems_improvements")  # merged under another's heading: that one's text
    if section is None:
        reasons = _lost_sections(report, None, ["problems_improvements"], evidence)
        if reasons:
            return Finding(fid, rule, UNCERTAIN, f"no section 存在的主要问题及改进情况 was read, but {reasons[0]}", fault=EXTRACTION)
        return Finding(fid, rule, FAIL, "no section 存在的主要问题及改进情况: its title is nowhere in the text", fault=REPORT)
    body = _body(section)
    stripped = re.sub(r"\s+", "", body)
    if stripped and _TOKEN_BODY.match(stripped):
        return Finding(fid, rule, FAIL, f"section 存在的主要问题及改进情况 says only 「{body[:40]}」", fault=REPORT)
    if _is_token(body):
        message = f"section 存在的主要问题及改进情况 is empty or nearly: 「{body[:40]}」"
        if not _structure_complete(report):
            # Where sections were lost, the text under this heading may have gone to another one.
            return Finding(fid, rule, UNCERTAIN, f"{message}; the report's sections were not all read, so its text may stand elsewhere", fault=EXTRACTION)
        return Finding(fid, rule, FAIL, message, fault=REPORT)
    return Finding(fid, rule, PASS, f"section 存在的主要问题及改进情况 has {len(_CJK.findall(body))} characters")


def fees_evidence(report: Report, extraction: TableExtraction) -> str | None:
    """Why we believe fees were charged, or None."""
    unpaid = extraction.rows("requests").get("other_unpaid_fee", {}).get("total")
    if isinstance(unpaid, (int, float)) and unpaid > 0:
        how = extraction.how("requests", "other_unpaid_fee")
        repaired = f" (placed by repair: {how})" if extraction.repaired("requests", "other_unpaid_fee") else ""
        return f"table 三 row （六）2 (逾期未缴纳费用) is {unpaid:g}{repaired}"
    for paragraph in report.paragraphs:
        if paragraph.kind != "narrative":
            continue
        for match in _FEES_CHARGED.finditer(paragraph.text):
            amount = match.group(1).replace(",", "").rstrip(".")
            try:
                if float(amount) > 0:
                    return f"the narrative says 「{match.group(0)}」"
            except ValueError:
                continue
    return None


def section6_fees(report: Report, extraction: TableExtraction) -> Finding:
    fid, rule = "audit.section6_fees", "section6_fees"
    section = report.holding_section("other_matters")  # merged under another's heading: that one's text
    if section is None:
        return Finding(fid, rule, NOT_ASSESSABLE, "no section 其他需要报告的事项")
    body = _body(section)
    evidence = fees_evidence(report, extraction)
    if _is_token(body) and evidence:
        message = f"section 其他需要报告的事项 says 「{body[:20]}」 but {evidence}"
        if "placed by repair" in evidence:
            return Finding(fid, rule, UNCERTAIN, message, fault=EXTRACTION)
        return Finding(fid, rule, FAIL, message, fault=REPORT)
    if evidence:
        return Finding(fid, rule, PASS, f"fees charged ({evidence}) and section 六 reports: 「{body[:30]}」")
    return Finding(fid, rule, PASS, "no sign of fees charged")


_INLINE_SPACE = re.compile(r"[^\S\n]+")


def compact_lines(text: str) -> str:
    """`compact` line by line: the line breaks of the file are kept."""
    return "\n".join(compact(line) for line in text.split("\n"))


def doubled_words(report: Report) -> Finding:
    fid, rule = "audit.doubled_words", "doubled_words"
    hits: list[str] = []
    joined: list[str] = []
    for paragraph in report.paragraphs:
        if paragraph.kind not in ("narrative", "heading"):
            continue
        original: str | None = None
        for match in _DOUBLED.finditer(paragraph.text):
            word = match.group(1)
            if len(set(word)) == 1 or _DOUBLING_OK.match(word):
                continue
            around = paragraph.text[max(0, match.start() - 2) : match.end() + 4]
            if _NAME_THEN_TERM.search(around) or _EACH_THEN_TERM.search(paragraph.text[: match.start()]) or _YEAR_THEN_REPORT.search(around):
                continue
            start = max(0, match.start() - 6)
            quoted = f"「…{paragraph.text[start : match.end() + 6]}…」"
            if original is None:
                # spaces go, line breaks stay: a doubling across two lines of the file was made by joining them
                original = _INLINE_SPACE.sub("", compact_lines(report.original(paragraph))) if report.source_text else ""
            # Printed doubled on one line of the file, or only across a line break (a page break
            # repeating a word, two page elements: `…抽取` / `抽取执法人员`)? Only the first is plainly the report's slip.
            if original and compact(match.group(0)) not in original:
                joined.append(quoted)
            else:
                hits.append(quoted)
    if hits:
        return Finding(fid, rule, FAIL, f"doubled words: {'; '.join(hits[:5])}", fault=REPORT)
    if joined:
        message = f"words doubled only where lines of the file were joined: {'; '.join(joined[:5])}"
        return Finding(fid, rule, UNCERTAIN, message, fault=EXTRACTION)
    return Finding(fid, rule, PASS, "no doubled words")


def template_year(report: Report, extraction: TableExtraction) -> Finding:
    fid, rule = "audit.template_year", "template_year"
    if report.year is None or extraction.template is None:
        return Finding(fid, rule, NOT_ASSESSABLE, "year or template unknown")
    expected = "2021" if report.year >= 2021 else "2019"
    if extraction.template != expected:
        message = f"a {report.year} report on the {extraction.template} template (expected {expected})"
        votes = template_votes([compact(line) for line in report_lines(report)])
        if votes.get(extraction.template, 0) <= votes.get(expected, 0):
            # The headers do not plainly name the template found: the extractor's guess, not the report's.
            return Finding(fid, rule, UNCERTAIN, f"{message}; the table headers do not plainly name it", fault=EXTRACTION)
        return Finding(fid, rule, FAIL, message, fault=REPORT)
    return Finding(fid, rule, PASS, f"{report.year} report on the {expected} template")


def audit_report(report: Report, extraction: TableExtraction, evidence: LazyEvidence | None = None) -> list[Finding]:
    """The audits of one report; `evidence`: the report's text evidence, where the caller shares it."""
    evidence = evidence if evidence is not None else LazyEvidence(report)
    return [
        section_numbering(report, extraction, evidence),
        section5_content(report, evidence),
        section6_fees(report, extraction),
        doubled_words(report),
        template_year(report, extraction),
    ]
