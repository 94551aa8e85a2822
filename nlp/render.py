"""Static review pages (HTML, no server, no external assets) and spreadsheets for an analysed batch.

The page shows the report as the user's file has it, paragraph by paragraph, each coloured by its
label with the model's confidence; boilerplate spans are marked, copied paragraphs link to the other
report's page; the tables are drawn with failing cells marked; an inline SVG chart shows label
shares and boilerplate. Every piece of report text goes through `html.escape`.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from nlp.labels import label_name
from nlp.report import Cell, Finding, Paragraph, Report
from nlp.reportjson import ReportStats
from nlp.tables.chinese import column_label, row_label, table_label

#: Label colours (background, readable on white text-free swatches), stable across pages.
LABEL_COLOURS: dict[str, str] = {
    "active_disclosure": "#dbeafe",
    "application": "#dcfce7",
    "info_management": "#fef9c3",
    "platform": "#e0e7ff",
    "organization": "#fae8ff",
    "problem": "#fee2e2",
    "improvement": "#ccfbf1",
    "other": "#f3f4f6",
}
_FALLBACK_COLOURS = ("#ffedd5", "#ecfccb", "#cffafe", "#fce7f3", "#ede9fe", "#e2e8f0")

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2937;background:#fff}
header{background:#0f172a;color:#f8fafc;padding:14px 24px}header h1{font-size:20px;margin:0 0 4px}header p{margin:0;color:#cbd5e1;font-size:13px}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,1fr);gap:24px;padding:18px 24px}
.para{padding:6px 10px;margin:4px 0;border-radius:6px;border-left:4px solid transparent;line-height:1.7;white-space:pre-wrap}
.para .tag{font-size:11px;color:#475569;margin-left:8px;white-space:nowrap}
.heading{font-weight:700;background:none}.meta{color:#94a3b8;font-size:12px}.table{font-family:monospace;font-size:12px;color:#475569;background:#f8fafc}
.section-title{margin:18px 0 6px;font-size:15px;color:#0f172a;border-bottom:1px solid #e2e8f0}
mark.bp{background:none;border-bottom:2px dotted #b45309;color:inherit}
.copied{border-left-color:#dc2626}.copied a{color:#b91c1c}
aside{overflow-x:auto}aside h2{font-size:15px;margin:14px 0 6px}aside table{border-collapse:collapse;font-size:12px}aside td,aside th{border:1px solid #e2e8f0;padding:2px 5px;text-align:right}
.findings li{margin:3px 0;font-size:12px}.fail{color:#b91c1c}.pass{color:#15803d}.uncertain,.not_assessable{color:#a16207}
table.grid{border-collapse:collapse;font-size:11px;margin-bottom:10px}table.grid td,table.grid th{border:1px solid #cbd5e1;padding:2px 4px;text-align:right}
table.grid th{background:#f1f5f9;font-weight:600;text-align:left}td.bad{background:#fecaca;font-weight:700}
.legend span{display:inline-block;padding:1px 6px;margin:2px;border-radius:4px;font-size:12px}
table.batch{border-collapse:collapse;font-size:13px}table.batch td,table.batch th{border:1px solid #e2e8f0;padding:4px 8px}
"""


def colour_for(label: str | None, labels: Sequence[str] = ()) -> str:
    if label is None:
        return "transparent"
    if label in LABEL_COLOURS:
        return LABEL_COLOURS[label]
    position = list(labels).index(label) if label in labels else abs(hash(label))
    return _FALLBACK_COLOURS[position % len(_FALLBACK_COLOURS)]


def _e(value: Any) -> str:
    text = "" if value is None else value if value.__class__ is str else str(value)
    # Most pieces (labels, numbers, most paragraphs) hold nothing to escape: five searches cost
    # less than html.escape's five replacements and its call (a page escapes ~160 pieces).
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text, quote=True)
    return text


def _marked(text: str, spans: Iterable[Sequence[int]]) -> str:
    """Escape `text`, wrapping the character spans [start, end) in <mark> (overlaps merged)."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e, *_ in spans):
        start, end = max(0, start), min(len(text), end)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(_e(text[last:start]))
        out.append(f'<mark class="bp">{_e(text[start:end])}</mark>')
        last = end
    out.append(_e(text[last:]))
    return "".join(out)


def bar_chart(values: dict[str, float], colours: dict[str, str] | None = None, width: int = 240, title: str = "") -> str:
    """A horizontal bar chart as inline SVG (values 0..1)."""
    rows = list(values.items())
    height = 18 * len(rows) + 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 130}" height="{height}" role="img" aria-label="{_e(title)}">']
    if title:
        parts.append(f'<text x="0" y="12" font-size="12" fill="#334155">{_e(title)}</text>')
    for row, (name, value) in enumerate(rows):
        y = 20 + row * 18
        length = max(0.0, min(1.0, float(value))) * width
        fill = (colours or {}).get(name, "#94a3b8")
        parts.append(f'<text x="0" y="{y + 11}" font-size="11" fill="#334155">{_e(name)}</text>')
        parts.append(f'<rect x="120" y="{y}" width="{length:.1f}" height="13" fill="{fill}" stroke="#64748b" stroke-width="0.5"/>')
        parts.append(f'<text x="{124 + length:.1f}" y="{y + 11}" font-size="10" fill="#334155">{value:.0%}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table_grids(cells: Sequence[Cell], findings: Sequence[Finding]) -> str:
    bad = {(c.get("table"), c.get("row"), c.get("col")) for f in findings if f.status == "fail" for c in f.cells}
    by_table: dict[str, list[Cell]] = {}
    for cell in cells:
        by_table.setdefault(cell.table, []).append(cell)
    out = []
    for table, table_cells in by_table.items():
        rows = list(dict.fromkeys(c.row for c in table_cells))
        cols = list(dict.fromkeys(c.col for c in table_cells))
        values = {(c.row, c.col): c.value for c in table_cells}
        # The template's words for people; the keys (those of table_cells.csv) on hover.
        out.append(f"<h3 style='font-size:13px;margin:8px 0 2px' title='{_e(table)}'>{_e(table_label(table))}</h3><table class='grid'><tr><th></th>")
        out.extend(f"<th title='{_e(col)}'>{_e(column_label(table, col))}</th>" for col in cols)
        out.append("</tr>")
        for row in rows:
            out.append(f"<tr><th title='{_e(row)}'>{_e(row_label(table, row))}</th>")
            for col in cols:
                value = values.get((row, col), "")
                css = " class='bad'" if (table, row, col) in bad else ""
                out.append(f"<td{css}>{_e('' if value is None else value)}</td>")
            out.append("</tr>")
        out.append("</table>")
    return "".join(out)


def _findings_list(findings: Sequence[Finding]) -> str:
    shown = [f for f in findings if f.status != "pass"]
    passed = len(findings) - len(shown)
    items = "".join(f"<li class='{_e(f.status)}'><b>{_e(f.status)}</b> {_e(f.rule)}: {_e(f.message)}</li>" for f in shown)
    return f"<p style='font-size:12px'>{passed} check(s) passed.</p><ul class='findings'>{items}</ul>"


def _paragraph_html(report: Report, paragraph: Paragraph, labels: Sequence[str], page_for: dict[str, str]) -> str:
    notes = paragraph.annotations
    css = ["para", paragraph.kind]
    style = ""
    tag = ""
    if paragraph.kind == "narrative" and notes is not None and notes.label:
        style = f" style='background:{colour_for(notes.label, labels)}'"
        tag = f"<span class='tag' title='{_e(notes.label)}'>{_e(label_name(notes.label))} {notes.confidence:.0%}"
        if notes.boilerplate is not None:
            tag += f" · boilerplate {notes.boilerplate:.2f}"
        tag += "</span>"
    links = ""
    copies = notes.copies if notes is not None else None
    if copies is not None and copies.matches:
        css.append("copied")
        parts = []
        for match in copies.matches[:5]:
            target = page_for.get(match.doc_id)
            text = f"{match.doc_id} ¶{match.para} ({match.similarity:.0%})"
            parts.append(f"<a href='{_e(target)}#p{_e(match.para)}'>{_e(text)}</a>" if target else _e(text))
        count = max(copies.count, len(copies.matches))
        more = f" and {count - len(parts)}{'+' if copies.capped else ''} more" if count > len(parts) else ""
        links = "<span class='tag'>copied: " + ", ".join(parts) + _e(more) + "</span>"
    text = report.original(paragraph) or paragraph.text
    # Spans index the clean text; they are drawn where the user's text is that same text.
    spans = (notes.boilerplate_spans if notes is not None else []) if text == paragraph.text else []
    return (
        f"<div id='p{_e(paragraph.index)}' class='{' '.join(css)}'{style} title='{_e(paragraph.section)}'>"
        f"{_marked(text, spans)}{tag}{links}</div>"
    )


def across_years_html(report: Report, page_for: dict[str, str]) -> str:
    """The "Across years" part of a review page: links to the same agency's reports of the year
    before and after (and other versions of this year), and the findings of those links
    (`nlp.tables.continuity`). Empty where the batch holds no neighbour of the report."""
    years = report.annotations.years if report.annotations is not None else None
    if years is None:
        return ""

    def link(doc_id: str) -> str:
        target = page_for.get(doc_id)
        return f"<a href='{_e(target)}'>{_e(doc_id)}</a>" if target else _e(doc_id)

    parts = ["<h2>Across years</h2>"]
    if years.versions:
        others = ", ".join(link(doc_id) for doc_id in years.versions)
        parts.append(f"<p style='font-size:12px'>Other version(s) of this year: {others}</p>{_findings_list(years.of_versions)}")
    for what, doc_id, findings in (("year before", years.previous, years.with_previous), ("year after", years.next, years.with_next)):
        if doc_id:
            parts.append(f"<h3 style='font-size:13px;margin:8px 0 2px'>With the {what}: {link(doc_id)}</h3>{_findings_list(findings)}")
    return "".join(parts)


def review_page(report: Report, page_for: dict[str, str] | None = None) -> str:
    """The review page of one analysed report (its annotations: `nlp.report.ReportAnnotations`)."""
    page_for = page_for or {}
    notes = report.annotations
    labels = (notes.labels if notes is not None else []) or list(LABEL_COLOURS)
    body: list[str] = []
    current_section = None
    merged = report.merged_sections
    for section in report.sections:
        # A heading naming two sections shows both keys (`requests + review_litigation`): the second is merged, not lost.
        keys = " + ".join([section.key, *(key for key, into in merged.items() if into == section.key)])
        for paragraph in section.paragraphs:
            if section.title != current_section and section.title:
                current_section = section.title
                body.append(f"<div class='section-title'>{_e(keys)} · {_e(current_section)}</div>")
            body.append(_paragraph_html(report, paragraph, labels, page_for))
    stats = ReportStats.of(report)
    reuse = notes.reuse if notes is not None else None
    shares = stats.label_shares
    chart = bar_chart({label_name(k): v for k, v in shares.items()}, {label_name(k): colour_for(k, labels) for k in shares}, title="label shares (narrative paragraphs)")
    figures = (("boilerplate", stats.boilerplate_share), ("copied", reuse and reuse.copied_share), ("repeated from last year", reuse and reuse.yoy_share))
    scores = {k: v for k, v in figures if v is not None}
    chart2 = bar_chart(scores, title="boilerplate and reuse") if scores else ""
    legend = "".join(f"<span style='background:{colour_for(label, labels)}' title='{_e(label)}'>{_e(label_name(label))}</span>" for label in labels)
    template = notes.tables.template if notes is not None else None
    # One of several reports of its file (`Report.part`): which, and the line of the file where it begins.
    part = report.part and f"report {report.part} of its file, from its line {report.part.line}"
    meta = " · ".join(_e(x) for x in (report.agency, report.year, template and f"template {template}", report.source, part) if x)
    warnings = "".join(f"<li>{_e(w)}</li>" for w in report.warnings)
    findings = notes.tables.findings if notes is not None else []
    cells = notes.tables.cells if notes is not None else []
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(report.title or report.doc_id)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{_e(report.title or report.doc_id)}</h1><p>{meta}</p></header><main><section>"
        f"<div class='legend'>{legend}</div>{''.join(body)}</section><aside>"
        f"<p><a href='index.html'>← all reports</a></p><h2>Charts</h2>{chart}{chart2}"
        f"<h2>Table findings</h2>{_findings_list(findings)}{across_years_html(report, page_for)}"
        f"<h2>Tables</h2>{_table_grids(cells, findings)}"
        f"<h2>Warnings</h2><ul class='findings'>{warnings}</ul></aside></main></body></html>"
    )


def index_page(rows: Sequence[dict[str, Any]], errors: Sequence[dict[str, str]] = ()) -> str:
    """The batch page: one row per report with links to the review pages, and the files that failed."""
    label_totals: Counter[str] = Counter()
    for row in rows:
        label_totals.update(row.get("label_counts") or {})
    return "".join(index_page_parts(rows, len(rows), label_totals, errors))


def index_page_parts(
    rows: Iterable[dict[str, Any]], count: int, label_totals: dict[str, int], errors: Sequence[dict[str, str]] = ()
) -> Iterator[str]:
    """`index_page` in pieces, for a batch too large to hold: `rows` may be read as the page is written."""
    total = sum(label_totals.values()) or 1
    ordered = sorted(label_totals.items(), key=lambda item: (-item[1], item[0]))
    chart = bar_chart({label_name(k): v / total for k, v in ordered}, {label_name(k): colour_for(k) for k in label_totals}, title="label shares, whole batch")
    head = (
        "<tr><th>报告 report</th><th>机关 agency</th><th>年度 year</th><th>模板 template</th><th>缺少的部分 sections missing</th>"
        "<th>未通过的核对 failed checks</th><th>套话 boilerplate</th><th>复制 copied</th></tr>"
    )
    yield (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        f"<title>govreport: {count} 份报告 ({count} report{'' if count == 1 else 's'})</title><style>{STYLE}</style></head><body>"
        f"<header><h1>govreport 分析结果</h1><p>{count} 份报告 ({count} report{'' if count == 1 else 's'})"
        f"{f'，{len(errors)} 个文件未能处理 ({len(errors)} failed)' if errors else ''}</p></header>"
        f"<main><section><table class='batch'>{head}"
    )
    for row in rows:
        yield (
            f"<tr><td><a href='{_e(row['page'])}'>{_e(row.get('title') or row['doc_id'])}</a></td><td>{_e(row.get('agency'))}</td>"
            f"<td>{_e(row.get('year'))}</td><td>{_e(row.get('template'))}</td><td>{_e(row.get('sections_missing'))}{_next_report(row)}{_part(row)}</td>"
            f"<td>{_e(row.get('checks_failed'))}</td><td>{_fmt(row.get('boilerplate_share'))}</td><td>{_fmt(row.get('copied_share'))}</td></tr>"
        )
    yield "</table>"
    if errors:
        failed = "".join(f"<li><b>{_e(e.get('source'))}</b>: {_e(e.get('error'))}</li>" for e in errors)
        yield f"<h2>未能处理的文件 · files that could not be processed</h2><ul class='findings'>{failed}</ul>"
    yield f"</section><aside>{chart}</aside></main></body></html>"


def _next_report(row: dict) -> str:
    """A note where the file holds another report after this one (`next_report_line`): only the first was read."""
    line = row.get("next_report_line")
    if line is None or line == "":
        return ""
    return f"<br><b>另有报告 another report from line {_e(line)}</b>: read without --no-split, or govreport split"


def _part(row: dict) -> str:
    """A note where the report is one of several in its file (`part`: `2 of 3`), each read on its own."""
    part = row.get("part")
    if part is None or part == "":
        return ""
    return f"<br>合订文件之一 report {_e(part)} of its file"


def _fmt(value: Any) -> str:
    # Rows read back from summary.csv hold "" where the value is missing.
    return "" if value is None or value == "" else f"{float(value):.0%}"
