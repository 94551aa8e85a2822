"""Clean text → `Report`: title, agency, year, the six template sections, headings and paragraphs.

Section headings are recognised by their numbering (`一、`, `1、`, `第一部分`, markdown `##`) and the
words of the template's titles, with the variants found in the wild: mixed numbering systems, extra
sections (`五、机构建设及组织保障情况`), sections out of order, headings glued to their first
paragraph. Rows of table 三 that look like headings (`四、结转下年度继续办理`) are not sections.
Reports older than the 2019 template parse too; what is missing is said in `Report.warnings`.

This module is the parser; its parts: `headings` (which lines open sections), `subsections` (whether
`（N）` lines worded off the template are sections), `kinds` (narrative, heading, table or meta per line,
and the table regions), `title` (the report's title and year), `runin` (run-in titles), `contents` (a table of
contents before the sections).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from nlp.agency import (
    CRAWLER_RULE,
    agency_from_opening,
    agency_from_page_fields,
    agency_from_source_field,
    agency_from_title,
    page_fields,
)
from nlp.files import doc_id_for, part_name, part_source
from nlp.normalize import NormalizedText, normalize_text
from nlp.ocrlayer import OCR_DOUBT, OCR_LAYER_LINE, read_from_ocr
from nlp.read import ReadLimits, read_text
from nlp.report import EXTRA_SECTION, SECTION_KEYS, Paragraph, Report, ReportPart, Section
from nlp.structure.choosing import choose_section_headings
from nlp.structure.contents import contents_lines
from nlp.structure.headings import (
    SECTION_TITLE_PATTERNS,
    HeadingCandidate,
    chinese_number,
    heading_candidate,
    heading_kind,
    number_text,
    section_key_for_title,
)
from nlp.structure.kinds import (
    SENTENCE,
    is_title_line,
    paragraph_kind,
    region_shapes,
    sign_off_headings,
    table_region_flags,
)
from nlp.structure.lists import items_with_nothing_under
from nlp.structure.merged import Opening, section_openings
from nlp.structure.oldtemplate import old_template_titles
from nlp.structure.pictured import PICTURE, pictured_sections
from nlp.structure.problems import infer_problems_section
from nlp.structure.runin import RUN_IN_POLICIES, run_in_joins
from nlp.structure.several import next_report_line
from nlp.structure.subsections import admit_reworded_titles
from nlp.structure.title import find_title, tidy_title, year_of

__all__ = [
    "SECTION_TITLE_PATTERNS",
    "HeadingCandidate",
    "chinese_number",
    "choose_section_headings",
    "heading_candidate",
    "paragraph_kind",
    "parse_reports",
    "parse_text",
    "read_report",
    "read_reports",
    "section_key_for_title",
    "split_reports",
]

#: Longer than this, a line above the title is not one of the page's own.
_PAGE_LINE_CHARS = 60


def parse_text(source_text: str, doc_id: str = "report", source: str = "", *, run_in: str = "evidence") -> Report:
    """Structure the raw text of one report.

    `run_in` says when a run-in title alone on its line (`（一）主动公开方面。`) is joined to the paragraph
    after it (`nlp.structure.runin`): `evidence` (the default) where the report writes such a title on
    its body's line elsewhere, `always`, `never`; only on pages whose lines are elements, not paragraphs.
    """
    # Each step is a function of its own, not for reuse but for the cost of tracing: tracemalloc (and anything
    # asking a frame its line) finds an allocation's line by walking its code object's line table from the start,
    # so every allocation late in one long function cost more than the work it traced (bench_parse.py under
    # tracemalloc, `docs/benchmarks.md`, "Reading leftovers, seventh pass").
    if run_in not in RUN_IN_POLICIES:
        raise ValueError(f"run_in must be one of {', '.join(RUN_IN_POLICIES)}, not {run_in!r}")
    normalized = normalize_text(source_text)
    spans, lines, candidates, contents = _lines(normalized)
    second = _second_report(normalized, spans, lines, candidates)
    if second is not None:
        return _first_report(source_text, *second, doc_id, source, run_in)
    return _structured(source_text, normalized, spans, lines, candidates, contents, doc_id, source, run_in)


def parse_reports(source_text: str, doc_id: str = "report", source: str = "", *, run_in: str = "evidence") -> list[Report]:
    """Structure every report a text holds, each on its own: a county's departments bound into one file, a page
    showing several years (`nlp.structure.several`).

    A text of one report gives `[parse_text(source_text, doc_id, source)]`, at the cost of `parse_text` alone.
    Several give one report per part of `split_reports`, each as `parse_text` reads that part alone: doc_id
    `DOC_ID.N` (N from 1, as `govreport split` names the parts' files), source `SOURCE#N`, and `Report.part` saying
    which it is, of how many, and the line of the text where it begins; its paragraphs' offsets point into its own
    part (`Report.source_text`)."""
    if run_in not in RUN_IN_POLICIES:
        raise ValueError(f"run_in must be one of {', '.join(RUN_IN_POLICIES)}, not {run_in!r}")
    normalized = normalize_text(source_text)
    spans, lines, candidates, contents = _lines(normalized)
    cuts = _report_cuts(source_text, normalized, spans, lines, candidates)
    if not cuts:
        return [_structured(source_text, normalized, spans, lines, candidates, contents, doc_id, source, run_in)]
    parts = _parts(source_text, cuts)
    reports = []
    line = 1
    scanned = read_from_ocr(source_text)
    for number, part in enumerate(parts, 1):
        # A scan's later reports are OCR's reading as much as its first (whose part holds the reader's mark).
        text = f"{OCR_LAYER_LINE}\n{part}" if scanned and number > 1 else part
        report = parse_text(text, part_name(doc_id, number), part_source(source, number), run_in=run_in)
        report.part = ReportPart(number, len(parts), line)
        reports.append(report)
        line += part.count("\n")
    return reports


def _structured(
    source_text: str,
    normalized: NormalizedText,
    spans: list[tuple[int, int]],
    lines: list[str],
    candidates: list[HeadingCandidate],
    contents: set[int],
    doc_id: str,
    source: str,
    run_in: str,
) -> Report:
    """The report of a text holding one (`parse_text`), from its clean text's lines and heading candidates."""
    headings, kinds = _headings_and_kinds(lines, candidates, contents)
    heading_lines = {h.line for h in headings}
    report = Report(doc_id=doc_id, source=source, source_text=source_text)
    _read_title_and_agency(report, lines, kinds, heading_lines, normalized)
    # A merged heading (`三、收到和处理政府信息公开申请及行政复议、行政诉讼情况`) opens each section it names.
    openings = section_openings(headings, lines)
    # A run-in title alone on its line (`（一）主动公开方面。`) and its body are one paragraph.
    joined = set(run_in_joins(lines, kinds, heading_lines, run_in, normalized.element_lines))
    report.sections, report.contents = _sections(normalized, spans, lines, kinds, openings, joined, contents)
    _add_warnings(report, headings, lines)
    if read_from_ocr(source_text):
        report.warnings.append(f"{OCR_DOUBT} error: no failure is laid on the report (`nlp.ocrlayer`)")
    for heading in headings:
        merged = [(opening.key, opening.heading.title) for opened in openings.values() for opening in opened if opening.heading.line == heading.line]
        if len(merged) > 1:
            keys = sorted((key for key, _ in merged), key=SECTION_KEYS.index)
            report.warnings.append(f"sections {' and '.join(keys)} merged under one heading {merged[0][1]!r}")
    return report


def _lines(normalized: NormalizedText) -> tuple[list[tuple[int, int]], list[str], list[HeadingCandidate], set[int]]:
    """The clean text's non-empty lines (their spans, their stripped text), the heading candidates among them, and
    the lines of a table of contents (which open no section: `nlp.structure.contents`)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", normalized.text) if m.group(0).strip()]
    lines = [normalized.text[start:end].strip() for start, end in spans]
    candidates = [c for i, text in enumerate(lines) if (c := heading_candidate(text, i)) is not None]
    # A table of contents lists the section titles before the sections (wherever a page's header put them).
    contents = contents_lines(lines, min((c.line for c in candidates if c.key is not None), default=None))
    return spans, lines, [c for c in candidates if c.line not in contents], contents


def split_reports(source_text: str) -> list[str]:
    """The reports a text holds, each as its part of `source_text` (one part for one report; the parts joined are
    the text): where a county bound its departments' reports into one file, or a page shows several years
    (`nlp.structure.several`). `parse_text` reads the first part and warns of the rest; `parse_reports` reads each."""
    normalized = normalize_text(source_text)
    return _parts(source_text, _report_cuts(source_text, normalized, *_lines(normalized)[:3]))


def _parts(source_text: str, cuts: list[int]) -> list[str]:
    return [source_text[start:end] for start, end in zip([0, *cuts], [*cuts, len(source_text)], strict=True)]


def _report_cuts(
    source_text: str, normalized: NormalizedText, spans: list[tuple[int, int]], lines: list[str], candidates: list[HeadingCandidate]
) -> list[int]:
    """Where each report after the first begins in `source_text` (`normalized` is its clean text), in order; none
    for a text of one report.

    Each cut is where the text from the one before (the whole text for the first) shows a second report, that text
    normalised on its own: the cut a reader of the parts alone would find. Normalising each whole rest made a volume
    of n reports cost n²/2 normalisations, so each rest is read only up to the end of the report after its first
    (where the whole text's own lines show it: `_landmarks`), and whole only where that finds no cut."""
    second = _second_report(normalized, spans, lines, candidates)
    if second is None or second[0] <= 0:  # one report, or nothing before the second to call a first
        return []
    landmarks = _landmarks(normalized, spans, lines, candidates)
    cuts = [second[0]]
    while True:
        start = cuts[-1]
        later = [landmark for landmark in landmarks if landmark > start]
        end = later[1] if len(later) > 1 else len(source_text)
        found = _first_cut(source_text[start:end])
        if found is None and end < len(source_text):
            found = _first_cut(source_text[start:])
        if found is None:
            return cuts
        cuts.append(start + found)


def _first_cut(text: str) -> int | None:
    """Where a second report begins in `text` (normalised on its own), or None."""
    normalized = normalize_text(text)
    second = _second_report(normalized, *_lines(normalized)[:3])
    return second[0] if second is not None and second[0] > 0 else None


def _landmarks(normalized: NormalizedText, spans: list[tuple[int, int]], lines: list[str], candidates: list[HeadingCandidate]) -> list[int]:
    """Where each report after the first begins in the source text as the one normalisation of the whole text shows
    it (after each, the next is looked for in the lines after it, their table of contents left out): close to the
    cuts of `_report_cuts`, which a text glued into one line may move by a line or two."""
    found: list[int] = []
    start, segment = 0, candidates
    while (second := next_report_line(lines[start:], segment)) is not None:
        start += second
        cut = normalized.source_span(spans[start][0], spans[start][0] + 1)[0]
        if cut <= (found[-1] if found else 0):
            break
        found.append(cut)
        shifted = [replace(c, line=c.line - start) for c in candidates if c.line >= start]
        contents = contents_lines(lines[start:], min((c.line for c in shifted if c.key is not None), default=None))
        segment = [c for c in shifted if c.line not in contents]
    return found


def _second_report(
    normalized: NormalizedText, spans: list[tuple[int, int]], lines: list[str], candidates: list[HeadingCandidate]
) -> tuple[int, str] | None:
    """Where a second report begins in the source text (`nlp.structure.several`), with its first clean line; None
    for a text holding one report."""
    second = next_report_line(lines, candidates)
    if second is None:
        return None
    return normalized.source_span(spans[second][0], spans[second][0] + 1)[0], lines[second]


def _first_report(source_text: str, cut: int, first_line: str, doc_id: str, source: str, run_in: str) -> Report:
    """The first of several reports in one text (`nlp.structure.several`), structured on its own, saying where the
    rest begins (`cut`, in `source_text`)."""
    report = parse_text(source_text[:cut], doc_id=doc_id, source=source, run_in=run_in)
    line = source_text[:cut].count("\n") + 1
    report.next_report_line = line
    report.warnings.append(
        f"the text holds more than one report: another begins at line {line} (character {cut}: {first_line[:40]!r}); "
        "only the first is read here: read each as a report of its own (`govreport analyze` without --no-split, "
        "`nlp.read_reports`), or cut the file into one text a report (`govreport split`)"
    )
    return report


def _headings_and_kinds(lines: list[str], candidates: list[HeadingCandidate], contents: set[int]) -> tuple[list[HeadingCandidate], list[str]]:
    """The section headings and each line's kind (before the title is known), from the heading candidates and the
    lines of a table of contents."""
    candidates = admit_reworded_titles(candidates, lines)
    # Table regions end at template headings; numbered table rows (`4.保护第三方合法权益`) inside
    # them are not extra sections.
    template_lines = {c.line for c in candidates if c.key is not None}
    shapes = region_shapes(lines)  # asked once, for both sets of section lines below
    in_table = table_region_flags(lines, template_lines, shapes)
    headings = choose_section_headings(candidates, frozenset(i for i, flag in enumerate(in_table) if flag), lines)
    headings = infer_problems_section(pictured_sections(headings, lines), lines)
    headings = old_template_titles(lines, headings)
    heading_lines = {h.line for h in headings}
    table_flags = table_region_flags(lines, heading_lines, shapes)
    # An old template's title run in with a colon (`（七）其他需要报告的事项：无。`) is its section's first paragraph too.
    run_in_old = {h.line for h in headings if h.style == "none" and h.run_in}
    kinds = [
        "meta" if i in contents
        else "narrative" if i in run_in_old
        else heading_kind(lines[i]) if i in heading_lines
        else paragraph_kind(lines[i], table_flags[i])
        for i in range(len(lines))
    ]
    return headings, kinds


def _read_title_and_agency(report: Report, lines: list[str], kinds: list[str], heading_lines: set[int], normalized: NormalizedText) -> None:
    """The report's title, agency, year and page fields, and the kinds they settle (the page's lines above the
    title, the sign-off, items, running heads), set in place."""
    first_heading = min(heading_lines) if heading_lines else len(lines)
    title_line, report.title = find_title(lines, kinds, limit=min(first_heading, 15) if heading_lines else 15)
    if title_line is not None:
        kinds[title_line] = "heading"
        if title_line + 1 < len(lines) and report.title and report.title != lines[title_line] and kinds[title_line + 1] != "meta":
            kinds[title_line + 1] = "heading"
        report.title = tidy_title(report.title or "")
        report.agency = agency_from_title(report.title)
        title_start = title_line
        if report.agency is None and title_line > 0:
            previous = lines[title_line - 1]
            if len(previous) <= 30 and not SENTENCE.search(previous) and kinds[title_line - 1] != "meta":
                report.agency = previous
                report.title = tidy_title(previous + report.title)
                kinds[title_line - 1] = "heading"
                title_start = title_line - 1
        # Above the title stands the page's: the site's name, its menus, a document's header (no labelled
        # line of report content stands there in the page openings). Short lines without a sentence only:
        # glued text runs the report's opening into whatever piece holds its title.
        for index in range(title_start):
            if kinds[index] in ("heading", "narrative") and len(lines[index]) <= _PAGE_LINE_CHARS and not SENTENCE.search(lines[index]):
                kinds[index] = "meta"
    for index in sign_off_headings(lines, kinds):
        kinds[index] = "meta"
    for index in items_with_nothing_under(lines, kinds, heading_lines):
        kinds[index] = "narrative"
    # Inside the sections a line worded as the report's title is a page's running head (a PDF's pages, a title cut by
    # a page break): the page's, not a heading that would end the open section's topic.
    for index in range(first_heading + 1, len(lines)):
        if kinds[index] == "heading" and index not in heading_lines and is_title_line(lines[index]):
            kinds[index] = "meta"
    header = [line for line, kind in zip(lines[:40], kinds[:40], strict=False) if kind == "meta"]
    fields = page_fields(header)
    report.page_fields = fields
    # A crawler's header (`标题: …` or its `==== 正文 ====` rule) names the page's title and publisher.
    if "title" in fields or any(CRAWLER_RULE.match(line) for line in header):
        field_title = tidy_title(fields.get("title", ""))
        if is_title_line(field_title) and (report.title is None or len(field_title) > len(report.title)):
            report.title = field_title
            report.agency = agency_from_title(field_title) or report.agency
        if fields.get("publisher") and fields["publisher"] not in ("", "-"):
            report.agency = re.sub(r"\s+", "", fields["publisher"])
    if report.agency is None:
        report.agency = agency_from_page_fields(header[:20])
    if report.agency is None:
        report.agency = agency_from_opening([line for line, kind in zip(lines, kinds, strict=True) if kind == "narrative"][:8])
    if report.agency is None:
        report.agency = agency_from_source_field(header[:20])
    report.year = year_of(report.title, normalized.text)


def _sections(
    normalized: NormalizedText,
    spans: list[tuple[int, int]],
    lines: list[str],
    kinds: list[str],
    openings: dict[int, list[Opening]],
    joined: set[int],
    contents: set[int],
) -> tuple[list[Section], list[int]]:
    """The report's sections with their paragraphs (a line each, or a run-in title and its body), and the indexes of
    the paragraphs that are a table of contents' lines."""
    current = Section(key=EXTRA_SECTION, title="", number=None)
    sections = [current]
    index = count = 0
    contents_paragraphs: list[int] = []
    while index < len(spans):
        last = index + 1 if index in joined else index
        for key, heading, merged_into in [opening for line in range(index, last + 1) for opening in openings.get(line, ())]:
            # A section opened at its first subheading (`（一）主要问题`) has no number of its own.
            number = None if heading.style in ("implicit", PICTURE) else number_text(lines[heading.line])
            current = Section(key=key, title=heading.title, number=number, merged_into=merged_into)
            sections.append(current)
        source_start, source_end = _source_span(normalized, spans[index][0], spans[last][1])
        current.paragraphs.append(
            Paragraph(
                index=count,
                kind=kinds[last],
                text="".join(lines[index : last + 1]),
                start=source_start,
                end=source_end,
                section=current.key,
            )
        )
        if index in contents:  # never joined to another line: a contents line is `meta`
            contents_paragraphs.append(count)
        index = last + 1
        count += 1
    return [s for s in sections if s.paragraphs or s.title], contents_paragraphs


def _source_span(normalized: NormalizedText, start: int, end: int) -> tuple[int, int]:
    return normalized.source_span(start, end)


def _add_warnings(report: Report, headings: list[HeadingCandidate], lines: list[str]) -> None:
    if not lines:
        report.warnings.append("no text after normalisation")
        return
    if not headings:
        report.warnings.append("no section headings found: the whole text is one unsectioned block")
    missing = report.missing_sections
    if missing:
        report.warnings.append("sections not found: " + ", ".join(missing))
    for heading in headings:
        if heading.style == "implicit":
            report.warnings.append(f"heading of section {heading.key} missing; section inferred from subheading {heading.title!r}")
        elif heading.style == PICTURE:
            report.warnings.append(f"heading of section {heading.key} is a picture; section opened at it")
    keys = [h.key for h in headings if h.key]
    order = [SECTION_KEYS.index(k) for k in keys]
    if order != sorted(order):
        report.warnings.append("sections out of template order: " + ", ".join(keys))
    if report.title is None:
        report.warnings.append("title not found")
    if report.year is None:
        report.warnings.append("report year not found")


def read_report(path: str | os.PathLike[str], doc_id: str | None = None, max_bytes: int | None = None, limits: ReadLimits | None = None) -> Report:
    """Read, normalise and structure one report file, within `limits` (`nlp.read.ReadLimits`; `max_bytes` overrides its size)."""
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes, limits=limits)
    return parse_text(text, doc_id=doc_id or doc_id_for(path), source=str(path))


def read_reports(
    path: str | os.PathLike[str],
    doc_id: str | None = None,
    max_bytes: int | None = None,
    limits: ReadLimits | None = None,
    *,
    split: bool = True,
) -> list[Report]:
    """Read, normalise and structure every report of a file (`parse_reports`), within `limits` (`nlp.read.ReadLimits`;
    `max_bytes` overrides its size): one for a file of one report, as `read_report` reads it; for a bound volume or a
    page of several years one each, `DOC_ID.1`, `DOC_ID.2` … (`Report.part` says which). `split=False` reads the
    first report only, as `read_report` does (it warns of the others). `doc_id`: the file name without its ending
    where None. Raises what reading raises (`nlp.errors.ReadError` …)."""
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes, limits=limits)
    doc_id = doc_id or doc_id_for(path)
    if not split:
        return [parse_text(text, doc_id=doc_id, source=str(path))]
    return parse_reports(text, doc_id=doc_id, source=str(path))
