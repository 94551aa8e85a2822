"""The three statistical tables laid out as the national templates print them — merged cells and all —
from a report's gold cells, written as an HTML page (rowspan/colspan), a Word .docx (vMerge/gridSpan) or
a PDF (a ruled reportlab table with spans, labels centred in their span and wrapped in their cell).

A layout is a list of rows of `Cell`s as HTML writes them: a merged cell stands once, in the first row and
column it covers, and the rows below it have fewer cells. `placed` turns that into grid positions, which
the .docx and PDF writers need. The wordings are the templates' (2019 and 2021 forms); the values are the
gold's, so a reader that reads these files must give the gold cells back.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from nlp.tables.schema import get_template


@dataclass(frozen=True)
class Cell:
    text: str
    rows: int = 1
    cols: int = 1
    header: bool = False


Layout = list[list[Cell]]

#: The applicant columns of table 三 under their two-row header.
_APPLICANTS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
_REVIEW_HEADS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")

#: Table 二's blocks as each template prints them: the block's article, its column heads, its rows.
_ACTIVE_BLOCKS = {
    "2021": (
        ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), (("regulations", "规章"), ("normative_documents", "行政规范性文件"))),
        ("第二十条第（五）项", ("本年处理决定数量",), (("licensing", "行政许可"),)),
        ("第二十条第（六）项", ("本年处理决定数量",), (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("fees", "行政事业性收费"),)),
    ),
    "2019": (
        ("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), (("regulations", "规章"), ("normative_documents", "规范性文件"))),
        ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
        ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("fees", "行政事业性收费"),)),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("procurement", "政府集中采购"),)),
    ),
}

#: Table 三's rows: (group label spanning its rows, or None; the row's own label; row key).
_REQUEST_GROUPS = (
    ("（三）不予公开", (
        ("1.属于国家秘密", "denied_state_secret"),
        ("2.其他法律行政法规禁止公开", "denied_prohibited"),
        ("3.危及“三安全一稳定”", "denied_security_stability"),
        ("4.保护第三方合法权益", "denied_third_party"),
        ("5.属于三类内部事务信息", "denied_internal_affairs"),
        ("6.属于四类过程性信息", "denied_process_info"),
        ("7.属于行政执法案卷", "denied_enforcement_files"),
        ("8.属于行政查询事项", "denied_admin_query"),
    )),
    ("（四）无法提供", (
        ("1.本机关不掌握相关政府信息", "unavailable_not_held"),
        ("2.没有现成信息需要另行制作", "unavailable_needs_creation"),
        ("3.补正后申请内容仍不明确", "unavailable_unclear"),
    )),
    ("（五）不予处理", (
        ("1.信访举报投诉类申请", "not_processed_complaint"),
        ("2.重复申请", "not_processed_duplicate"),
        ("3.要求提供公开出版物", "not_processed_publication"),
        ("4.无正当理由大量反复申请", "not_processed_mass_repeat"),
        ("5.要求行政机关确认或重新出具已获取信息", "not_processed_confirmation"),
    )),
)
_OTHER_2021 = (
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_overdue_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_unpaid_fee"),
    ("3.其他", "other_misc"),
)


def _number(value: object) -> str:
    """A gold value as an agency prints it: blank cells as a dash (the gold's null)."""
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return f"{value:.2f}"
    return str(value)


class _Values:
    """The gold cells of one report by table, row and column."""

    def __init__(self, gold: dict) -> None:
        self.cells = {(c["table"], c["row"], c["col"]): c["value"] for c in gold["cells"]}
        self.rows = {(c["table"], c["row"]) for c in gold["cells"]}

    def has(self, table: str, row: str) -> bool:
        return (table, row) in self.rows

    def cells_of(self, table: str, row: str, columns: tuple[str, ...]) -> list[Cell]:
        return [Cell(_number(self.cells[(table, row, col)]) if (table, row, col) in self.cells else "") for col in columns]


def active_layout(gold: dict) -> Layout:
    """Table 二: four (2021) or five (2019) blocks, each with its article row and its column heads repeated."""
    template = get_template(gold["template"])
    values = _Values(gold)
    layout: Layout = []
    for article, heads, rows in _ACTIVE_BLOCKS[gold["template"]]:
        present = [(key, label) for key, label in rows if values.has("active", key)]
        if not present:
            continue
        layout.append([Cell(article, cols=4, header=True)])
        last = 4 - len(heads)  # a block of fewer columns stretches its last head over the rest
        layout.append([Cell("信息内容", header=True)] + [Cell(h, cols=1 + (last if i == len(heads) - 1 else 0), header=True) for i, h in enumerate(heads)])
        for key, label in present:
            cells = values.cells_of("active", key, template.table("active").row(key).columns)
            cells[-1] = Cell(cells[-1].text, cols=1 + last)
            layout.append([Cell(label), *cells])
    return layout


#: Table 三's first two rows, its first two outcome rows and its last row: (row key, label).
_RECEIVED = (("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"))
_FIRST_OUTCOMES = (("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
_CARRIED_FORWARD = ("carried_forward", "四、结转下年度继续办理")


def requests_layout(gold: dict) -> Layout:
    """Table 三: the two-row applicant header, the outcome rows nested under 三、本年度办理结果 and their groups."""
    from nlp.tables.schema import REQUEST_COLUMNS

    values = _Values(gold)

    def row(key: str) -> list[Cell]:
        return values.cells_of("requests", key, REQUEST_COLUMNS)

    layout: Layout = [
        [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rows=3, cols=3, header=True), Cell("申请人情况", cols=7, header=True)],
        [Cell("自然人", rows=2, header=True), Cell("法人或其他组织", cols=5, header=True), Cell("总计", rows=2, header=True)],
        [Cell(name, header=True) for name in _APPLICANTS],
    ]
    for key, label in _RECEIVED:
        if values.has("requests", key):
            layout.append([Cell(label, cols=3), *row(key)])
    # The outcome rows, each a list of cells without the 三、 column; the first gets that column's cell.
    outcomes: list[list[Cell]] = []
    for key, label in _FIRST_OUTCOMES:
        if values.has("requests", key):
            outcomes.append([Cell(label, cols=2), *row(key)])
    groups = list(_REQUEST_GROUPS)
    if values.has("requests", "other_handling"):
        single = [("（六）其他处理", "other_handling")]
    else:
        single = []
        groups.append(("（六）其他处理", _OTHER_2021))
    for group, items in groups:
        present = [(label, key) for label, key in items if values.has("requests", key)]
        for index, (label, key) in enumerate(present):
            head = [Cell(group, rows=len(present))] if index == 0 else []
            outcomes.append([*head, Cell(label), *row(key)])
    for label, key in [*single, ("（七）总计", "total_handled")]:
        if values.has("requests", key):
            outcomes.append([Cell(label, cols=2), *row(key)])
    if outcomes:
        outcomes[0] = [Cell("三、本年度办理结果", rows=len(outcomes)), *outcomes[0]]
        layout.extend(outcomes)
    if values.has("requests", "carried_forward"):
        layout.append([Cell(_CARRIED_FORWARD[1], cols=3), *row("carried_forward")])
    return layout


def _outcome_stages(values: _Values) -> list[tuple[str, str]]:
    """Table 三's outcome rows （一）…（七）总计 of a report as (row key, label with its group's), in template order."""
    stages = list(_FIRST_OUTCOMES)
    for group, items in _REQUEST_GROUPS:
        stages += [(key, group + label) for label, key in items]
    if values.has("requests", "other_handling"):
        stages.append(("other_handling", "（六）其他处理"))
    else:
        stages += [(key, "（六）其他处理" + label) for label, key in _OTHER_2021]
    return [*stages, ("total_handled", "（七）总计")]


def requests_transposed_layout(gold: dict, two_level: bool = True) -> Layout:
    """Table 三 printed transposed, as some offices redraw it: the applicant types as rows (法人或其他组织 spanning its
    five), the stages as columns in template order under one header row (`two_level=False`) or two (一、二、三、四
    over the outcomes （一）…（七）). Empty where the gold lacks a stage (a transposed table prints every stage)."""
    from nlp.tables.schema import REQUEST_COLUMNS

    values = _Values(gold)
    outcomes = _outcome_stages(values)
    stages = [*_RECEIVED, *outcomes, _CARRIED_FORWARD]
    if not all(values.has("requests", key) for key, _ in stages):
        return []
    if two_level:
        header = [
            [
                Cell("申请人情况", rows=2, cols=2, header=True), *(Cell(label, rows=2, header=True) for _, label in _RECEIVED),
                Cell("三、本年度办理结果", cols=len(outcomes), header=True), Cell(_CARRIED_FORWARD[1], rows=2, header=True),
            ],
            [Cell(label, header=True) for _, label in outcomes],
        ]
    else:
        header = [[Cell("申请人情况", cols=2, header=True), *(Cell(label, header=True) for _, label in stages)]]

    def figures(col: str) -> list[Cell]:
        return [cell for key, _ in stages for cell in values.cells_of("requests", key, (col,))]

    names = ("自然人", *_APPLICANTS, "总计")
    rows: Layout = []
    for index, (col, name) in enumerate(zip(REQUEST_COLUMNS, names, strict=True)):
        if col in ("natural_person", "total"):
            rows.append([Cell(name, cols=2), *figures(col)])
        else:
            head = [Cell("法人或其他组织", rows=len(_APPLICANTS))] if index == 1 else []
            rows.append([*head, Cell(name), *figures(col)])
    return header + rows


def review_layout(gold: dict) -> Layout:
    """Table 四: 行政复议 and 行政诉讼 over their groups, five sub-columns each, one row of fifteen numbers."""
    from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS

    values = _Values(gold)
    if not any(values.has("review_litigation", key) for key in REVIEW_ROWS):
        return []
    numbers = [cell for key in REVIEW_ROWS for cell in values.cells_of("review_litigation", key, REVIEW_COLUMNS)]
    return [
        [Cell("行政复议", cols=5, header=True), Cell("行政诉讼", cols=10, header=True)],
        [*(Cell(h, rows=2, header=True) for h in _REVIEW_HEADS), Cell("未经复议直接起诉", cols=5, header=True), Cell("复议后起诉", cols=5, header=True)],
        [Cell(h, header=True) for h in _REVIEW_HEADS * 2],
        numbers,
    ]


def review_rows_layout(gold: dict) -> Layout:
    """Table 四 as some agencies print it: the five heads once, then its three blocks as labelled rows of five."""
    from nlp.tables.schema import REVIEW_COLUMNS, REVIEW_ROWS

    values = _Values(gold)
    if not any(values.has("review_litigation", key) for key in REVIEW_ROWS):
        return []
    labels = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
    return [
        [Cell("", header=True), *(Cell(h, header=True) for h in _REVIEW_HEADS)],
        *([Cell(label), *values.cells_of("review_litigation", key, REVIEW_COLUMNS)] for label, key in zip(labels, REVIEW_ROWS, strict=True)),
    ]


#: The report around the tables: (section title, paragraph before its table, the table's layout maker).
_SECTIONS: tuple[tuple[str, str, Callable[[dict], Layout] | None], ...] = (
    ("一、总体情况", "本机关坚持以人民为中心，认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善公开制度，规范办理依申请公开，主动回应社会关切。", None),
    ("二、主动公开政府信息情况", "本机关按照条例第二十条的规定主动公开有关信息，具体情况见下表。", active_layout),
    ("三、收到和处理政府信息公开申请情况", "本机关依法办理政府信息公开申请，按时答复申请人，具体情况见下表。", requests_layout),
    ("四、政府信息公开行政复议、行政诉讼情况", "本机关因政府信息公开引起的行政复议和行政诉讼情况见下表。", review_layout),
    ("五、政府信息公开工作存在的主要问题及改进情况", "主动公开的深度和广度还需拓展，依申请公开的答复质量有待提高。下一步，本机关将加强培训，规范答复文书，提升公开实效。", None),
    ("六、其他需要报告的事项", "本机关未收取信息处理费。", None),
)


def report_parts(gold: dict, three: Callable[[dict], Layout] | None = None) -> list[str | Layout]:
    """The report in order: strings are paragraphs, lists are tables (table 三 laid out by `three`, where given)."""
    parts: list[str | Layout] = [f"示例市示例局{gold.get('year', '')}年政府信息公开工作年度报告".replace("局年", "局")]
    for title, paragraph, make in _SECTIONS:
        parts += [title, paragraph]
        if make is not None:
            layout = (three if three is not None and make is requests_layout else make)(gold)
            if layout:
                parts.append(layout)
    return parts


def placed(layout: Layout) -> tuple[list[tuple[int, int, Cell]], int]:
    """Each cell's (row, column) in the grid, as a browser places HTML cells, and the grid's width."""
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(layout):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            taken.update((r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols))
            c += cell.cols
    width = max((c + cell.cols for _, c, cell in out), default=0)
    return out, width


def grid_rows(layout: Layout) -> list[list[str]]:
    """Each row of the grid (`placed`) as the texts of its positions: a merged cell's text in its first row and
    column, the positions it covers empty."""
    cells, width = placed(layout)
    grid = [["" for _ in range(width)] for _ in layout]
    for r, c, cell in cells:
        grid[r][c] = cell.text
    return grid


#: Plain-text forms of a report's tables (`parts_text`): cells apart by tabs (Word's text export, a page read as
#: text), or columns aligned by spaces (a text export that pads each column to its widest cell).
TEXT_STYLES = ("tabs", "spaces")


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _space_aligned(layout: Layout) -> list[str]:
    """The table's rows with each column padded to its widest cell (cells that span columns spread over theirs)."""
    cells, width = placed(layout)
    widths = [1] * width
    for _, c, cell in cells:
        if cell.cols == 1:
            widths[c] = max(widths[c], _display_width(cell.text))
    grid: list[list[tuple[str, int]]] = [[("", 1) for _ in range(width)] for _ in layout]
    for r, c, cell in cells:
        grid[r][c] = (cell.text, cell.cols)
    lines = []
    for row in grid:
        out, c = "", 0
        while c < width:
            text, cols = row[c]
            room = sum(widths[c : c + cols]) + 2 * (cols - 1)
            out += text + " " * max(room - _display_width(text), 0) + "  "
            c += cols
        lines.append(out.rstrip())
    return lines


def parts_text(parts: list[str | Layout], style: str = "tabs") -> str:
    """A report's parts as plain text: a paragraph a line, a table's rows in `style` (`TEXT_STYLES`)."""
    if style not in TEXT_STYLES:
        raise ValueError(f"unknown text style {style!r}")
    lines: list[str] = []
    for part in parts:
        if isinstance(part, str):
            lines.append(part)
        elif style == "tabs":
            lines += ["\t".join(row).rstrip("\t") for row in grid_rows(part)]
        else:
            lines += _space_aligned(part)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

#: HTML variants: header cells as <th>; empty cells holding &nbsp; and every cell's text in <p><span>.
HTML_STYLES = ("rowspan", "rowspan_th", "rowspan_nbsp_p")


def _html_table(layout: Layout, style: str) -> str:
    rows = []
    for row in layout:
        cells = []
        for cell in row:
            tag = "th" if cell.header and style == "rowspan_th" else "td"
            spans = (f' rowspan="{cell.rows}"' if cell.rows > 1 else "") + (f' colspan="{cell.cols}"' if cell.cols > 1 else "")
            text = html.escape(cell.text)
            if style == "rowspan_nbsp_p":
                text = f"<p><span>{text}</span></p>" if text else "&nbsp;"
            cells.append(f"<{tag}{spans} valign='middle'>{text}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border='1' cellspacing='0'><tbody>" + "".join(rows) + "</tbody></table>"


def write_html_layout(gold: dict, path: Path, style: str = "rowspan") -> Path:
    return write_html_parts(report_parts(gold), path, style)


def write_html_parts(parts: list[str | Layout], path: Path, style: str = "rowspan") -> Path:
    """Paragraphs as `<p>`, tables with their merges as rowspan/colspan."""
    if style not in HTML_STYLES:
        raise ValueError(f"unknown HTML style {style!r}")
    body = []
    for part in parts:
        body.append(f"<p>{html.escape(part)}</p>" if isinstance(part, str) else _html_table(part, style))
    page = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head><body><div class='article'>" + "".join(body) + "</div></body></html>"
    path.write_text(page, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------


def write_docx_layout(gold: dict, path: Path) -> Path:
    return write_docx_parts(report_parts(gold), path)


def write_docx_parts(parts: list[str | Layout], path: Path) -> Path:
    """Merged cells as Word merges them (python-docx's `merge`: `w:gridSpan` across, `w:vMerge` down)."""
    import docx

    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        cells, width = placed(part)
        table = document.add_table(rows=len(part), cols=width)
        table.style = "Table Grid"
        for r, c, cell in cells:
            target = table.cell(r, c)
            if cell.rows > 1 or cell.cols > 1:
                target = target.merge(table.cell(r + cell.rows - 1, c + cell.cols - 1))
            target.text = cell.text
    document.save(str(path))
    return path


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------


#: PDF variants: narrow label columns (labels wrap over two or three lines, numbers centred), and wide ones
#: (a group's label on one line, centred in its span so that it lands on another row's line or between
#: two rows; numbers right-aligned; taller rows).
PDF_STYLES = ("ruled", "ruled_wide")
#: A variant kept apart from `PDF_STYLES` (whose outcomes other tests pin): label columns three characters wide (on a page tall enough to hold table 三 whole: a
#: span cannot break over pages),
#: each label set at the top of its cell, so the numbers stand on the label's first line and the rest of it
#: runs on below them (as Word sets a table with narrow label columns).
PDF_TOP_STYLE = "ruled_top"


def write_pdf_layout(gold: dict, path: Path, style: str = "ruled") -> Path:
    """The report as a PDF with a ruled table per statistical table (`write_pdf_parts`)."""
    return write_pdf_parts(report_parts(gold), path, style)


def write_pdf_parts(parts: list[str | Layout], path: Path, style: str = "ruled", page: dict | None = None) -> Path:
    """Paragraphs and ruled tables (reportlab platypus): SPAN styles for the merges, labels wrapped in their
    cells as `Paragraph`s and centred vertically in their span.

    page: how the paragraphs are set (`tests.pdf_pages.PAGE_STYLES`): `ParagraphStyle` fields for the body
    (font size, leading, first-line indent, space after, alignment) and `margin` (left and right, points)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if style not in (*PDF_STYLES, PDF_TOP_STYLE):
        raise ValueError(f"unknown PDF style {style!r}")
    wide = style == "ruled_wide"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    setting = dict(page or {})
    margin = setting.pop("margin", 30)
    body = ParagraphStyle("body", **{"fontName": "STSong-Light", "fontSize": 10.5, "leading": 16, "wordWrap": "CJK", **setting})
    label = ParagraphStyle("label", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    flow = []
    for part in parts:
        if isinstance(part, str):
            flow.append(Paragraph(html.escape(part), body))
            continue
        cells, width = placed(part)
        grid: list[list[object]] = [["" for _ in range(width)] for _ in part]
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("FONT", (0, 0), (-1, -1), "STSong-Light", 8),
            ("VALIGN", (0, 0), (-1, -1), "TOP" if style == PDF_TOP_STYLE else "MIDDLE"),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT" if wide else "CENTER"),
        ]
        if wide:
            commands += [("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
        for r, c, cell in cells:
            is_label = any(ch > "\u2e80" for ch in cell.text)
            grid[r][c] = Paragraph(html.escape(cell.text), label) if is_label else cell.text
            if cell.rows > 1 or cell.cols > 1:
                commands.append(("SPAN", (c, r), (c + cell.cols - 1, r + cell.rows - 1)))
        if width == 10:
            widths = [80, 70, 150] + [30] * 7 if wide else [26, 26, 26] + [44] * 7 if style == PDF_TOP_STYLE else [38, 52, 110] + [38] * 7
        elif width == 4:
            widths = [150, 110, 110, 110]
        else:
            widths = [510 / width] * width
        flow.append(Table(grid, colWidths=widths, style=TableStyle(commands)))
    size = (A4[0], 5 * A4[1]) if style == PDF_TOP_STYLE else A4
    SimpleDocTemplate(str(path), pagesize=size, leftMargin=margin, rightMargin=margin).build(flow)
    return path


def pdf_layout_text(pdf: Path) -> str:
    """The text a user copies out of `pdf` with its layout (pdfplumber `extract_text(layout=True)`): each page's
    lines with their indent as spaces and the tables as space-aligned columns, pages apart by a form feed."""
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        return "\f".join(page.extract_text(layout=True) or "" for page in document.pages)


def text_rows(gold: dict, text: str) -> tuple[int, int, int]:
    """How a reader's text keeps the labelled rows of tables 二 and 三: (rows, rows whole, labels repeated).
    A row is whole where one line holds its own label and ends with its numbers in order; a label that
    covers several rows (`三、本年度办理结果`, `（三）不予公开`) is repeated once for each further line it stands on."""
    import re

    lines = [(re.sub(r"\s+", "", line), line.split()) for line in re.split(r"[\n\f]", text)]
    rows = whole = repeated = 0
    for layout in (active_layout(gold), requests_layout(gold)):
        for row in layout:
            numbers = [cell.text for cell in row if cell.text and not any(ch > "\u2e80" for ch in cell.text)]
            labels = [cell.text for cell in row if cell.text and any(ch > "\u2e80" for ch in cell.text)]
            if not numbers or cell_is_head(row):
                continue
            rows += 1
            own = re.sub(r"\s+", "", labels[-1])
            whole += any(own in compact and words[-len(numbers) :] == numbers for compact, words in lines)
        for cell in (cell for row in layout for cell in row if cell.rows > 1 and not cell.header):
            repeated += max(0, sum(re.sub(r"\s+", "", cell.text) in compact for compact, _ in lines) - 1)
    return rows, whole, repeated


def cell_is_head(row: list[Cell]) -> bool:
    return all(cell.header for cell in row)


#: The outcomes `cell_outcomes` gives the gold's own cells (one the gold lacks is `invented`): their sum is
#: the number of cells scored.
GOLD_OUTCOMES = ("right", "warned", "silent", "wrong")
#: The columns of a Markdown table row of outcomes (`outcome_columns`), as the table evaluations print them.
OUTCOME_HEADER = "cells | right | left out, warned | left out, silent | wrong | invented"


def outcome_columns(totals: Counter) -> str:
    """Counted outcomes as the columns of `OUTCOME_HEADER`: the cells scored, the right ones with their
    share ("-" for no cell), then warned, silent, wrong and invented."""
    cells = sum(totals[o] for o in GOLD_OUTCOMES)
    share = f"{totals['right'] / cells:.1%}" if cells else "-"
    return f"{cells} | {totals['right']} ({share}) | {totals['warned']} | {totals['silent']} | {totals['wrong']} | {totals['invented']}"


def cell_outcomes(gold: dict, extraction, unread_tables: Collection[str] = ()) -> tuple[Counter, list[str]]:
    """Each gold cell's outcome — right, left out with a warning naming its row (`warned`), left out
    silently, wrong — and each cell the gold does not have (`invented`), counted; and a line for each bad
    cell. Rows the gold marks ambiguous are not scored. `unread_tables`: tables the checks say were not read
    (`nlp.tables.checks.tables_said_unread`) or are pictures: their cells left out are warned of too.

    A table the report prints as a picture is the gold's all the same: its cells stand under `picture_cells`
    (set R) or under `cells` with the table named in `from_image` (set P). They are scored as any gold cell:
    right where the reader recovered them (from figures stated in prose), warned where it says the table is a
    picture, and a value recovered right is never `invented`."""
    ambiguous = {tuple(row) for row in gold.get("ambiguous_rows", [])}
    cells = [*gold["cells"], *gold.get("picture_cells", [])]
    truth = {(c["table"], c["row"], c["col"]): c["value"] for c in cells if (c["table"], c["row"]) not in ambiguous}
    got = {(c.table, c.row, c.col): c.value for c in extraction.cells}
    warned = {(w.table, w.row) for w in extraction.warnings if w.row}
    counts: Counter = Counter()
    bad: list[str] = []
    for key, value in truth.items():
        if key not in got:
            outcome = "warned" if key[:2] in warned or key[0] in unread_tables else "silent"
        else:
            outcome = "right" if got[key] == value else "wrong"
        counts[outcome] += 1
        if outcome in ("silent", "wrong"):
            bad.append(f"{outcome} {key} gold={value} got={got.get(key)}")
    for key in got:
        if key not in truth and key[:2] not in ambiguous:
            counts["invented"] += 1
            bad.append(f"invented {key} got={got[key]}")
    return counts, sorted(bad, key=lambda b: not b.startswith(("wrong", "invented")))



def report_cell_outcomes(gold: dict, report, extraction=None) -> tuple[Counter, list[str]]:
    """`cell_outcomes` of a parsed report's tables (`extraction`, read here where not given), with the tables the
    checks say were not read (a picture of the table, its title alone: `tables_said_unread`) warned of, as the report's
    reader is told: every evaluation that has the report scores so, not only the authored sets'."""
    from nlp.tables.checks import check_report, tables_said_unread
    from nlp.tables.extract import read_tables

    extraction = read_tables(report) if extraction is None else extraction
    return cell_outcomes(gold, extraction, tables_said_unread(check_report(report, extraction)))

#: Every layout writer by name: (file suffix, writer).
LAYOUTS: dict[str, tuple[str, Callable[[dict, Path], Path]]] = {
    **{f"html_{style}": (".html", lambda gold, path, s=style: write_html_layout(gold, path, s)) for style in HTML_STYLES},
    "docx_merged": (".docx", write_docx_layout),
    **{f"pdf_{style}": (".pdf", lambda gold, path, s=style: write_pdf_layout(gold, path, s)) for style in PDF_STYLES},
}
