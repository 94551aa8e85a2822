"""How crawlers, converters and careless saving damage report text: transforms for the damage suite.

Each transform takes the text of a report as the project reads it from the user's file and returns the
text (or, for the HTML wrappers, the bytes of a file) that a user would find after that kind of damage.
They are applied to the reports with gold cells in ../shared, whose sections and cells must survive
(see tests/test_damage.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.makers import html_body

# A number as it stands in a table cell or in prose: digits, optionally a decimal part.
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Cell separators of extracted tables: tabs, Markdown pipes, runs of two or more spaces.
_CELL_SEPARATOR = re.compile(r"\t|\s*\|\s*| {2,}")


def join_lines(text: str) -> str:
    """The whole report on one line, as a crawler that drops block boundaries saves a page."""
    return re.sub(r"[\r\n\f]+", "", text)


def remove_whitespace(text: str) -> str:
    """No whitespace at all: lines, tabs and spaces gone (a page's text nodes concatenated)."""
    return re.sub(r"\s+", "", text)


def remove_tabs(text: str) -> str:
    """Tabs gone, lines kept (a table copied from a page whose cells had no separators)."""
    return text.replace("\t", "")


def numbers_on_own_lines(text: str) -> str:
    """Every number on a line of its own and empty table cells dropped (Word-made web pages)."""
    out: list[str] = []
    for line in re.split(r"[\r\n\f]+", text):
        # Cells of a table row become pieces; an empty cell leaves no trace.
        pieces = [piece.strip() for piece in _CELL_SEPARATOR.split(line)] if _CELL_SEPARATOR.search(line) else [line]
        for piece in pieces:
            if not piece or set(piece) <= set("-:"):
                continue  # empty cells and Markdown rule rows
            position = 0
            for match in _NUMBER.finditer(piece):
                before = piece[position : match.start()].strip()
                if before:
                    out.append(before)
                out.append(match.group())
                position = match.end()
            rest = piece[position:].strip()
            if rest:
                out.append(rest)
    return "\n".join(out)


def crawler_header(text: str) -> str:
    """A crawler's header lines before the report: title, date, publisher, link, a rule."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    header = [
        f"标题: {first[:60]}",
        "发布时间: 2024-01-31 09:30:00",
        "发布机构: 示例市人民政府办公室",
        "原文链接: http://www.example.gov.cn/art/2024/1/31/art_1_1.html",
        "==== 正文 ====",
    ]
    return "\n".join(header) + "\n" + text


def section_numbers_lost(text: str) -> str:
    """The Chinese numbers of short titled lines gone (`一、总体情况` → `总体情况`), as a page that drew them as list
    markers or a bold number in an element the crawler dropped is saved."""
    return re.sub(r"(?m)^(\s*)[一二三四五六七]\s*[、.．]\s*(?=[^\n。]{4,40}$)", r"\1", text)


_SECTION_TITLE_LINE = re.compile(r"(?m)^(\s*)([一二三四五六七])\s*[、.．]\s*([^\n。，；\d]{4,40})$")


def section_numbers_as_subsections(text: str) -> str:
    """Sections numbered as subsections elsewhere are (`一、总体情况` → `（一）总体情况`), as some agencies number
    their six parts."""
    return _SECTION_TITLE_LINE.sub(lambda m: f"{m.group(1)}（{m.group(2)}）{m.group(3)}", text)


def section_comma_lost(text: str) -> str:
    """The comma after a section's number gone, a tab in its place (`一、总体情况` → `一\t总体情况`), as Word's list
    numbering without its comma is saved."""
    return _SECTION_TITLE_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}\t{m.group(3)}", text)


def titles_letter_spaced(text: str) -> str:
    """Section titles set letter-spaced (`一、总 体 情 况`), as PDFs and Word print them (titles of Chinese
    characters only: a pinyin gloss left in a title is not typeset so)."""
    return _SECTION_TITLE_LINE.sub(
        lambda m: m.group() if re.search(r"[ -~]", m.group(3)) else f"{m.group(1)}{m.group(2)}、" + " ".join(m.group(3)),
        text,
    )


_REVIEW_TITLE = re.compile(r"行政复议.{0,3}行政诉讼(?:的)?情况\s*$")
_DIGITS = re.compile(r"\d+")


def review_headers_lost(text: str) -> str:
    """Table 四's column headers gone, its cells left under its title (a page that drew the headers as an image,
    or a crawl that lost them): after the title, the lines of words with fewer than five numbers and the empty
    cells are dropped, up to the first numbers; from there on, nothing."""
    out: list[str] = []
    dropping = False
    for line in text.split("\n"):
        if dropping:
            words = re.search(r"[\u4e00-\u9fff]", line) is not None
            numbers = len(_DIGITS.findall(line))
            if "。" in line or numbers >= 5 or (numbers and not words):
                dropping = False
            else:
                continue
        out.append(line)
        if len(line) <= 40 and _REVIEW_TITLE.search(line):
            dropping = True
    return "\n".join(out)


def wrap_lines(text: str, width: int = 32) -> str:
    """Prose hard-wrapped at a fixed width, as PDF converters and some crawlers leave it; table rows kept."""
    out: list[str] = []
    for line in re.split(r"\r?\n", text):
        if "\t" in line or len(line) <= width:
            out.append(line)
            continue
        out.extend(line[start : start + width] for start in range(0, len(line), width))
    return "\n".join(out)


# A table row: its label, then cells (tab-separated, or numbers at the end of a PDF's line).
_ROW_LABEL = re.compile(r"^(\s*(?:[（(][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、|\d\.)?[\u4e00-\u9fff]{2})([\u4e00-\u9fff]{2,})(?=.*(?:\t|\d\s*$))")


def odd_label_spaces(text: str) -> str:
    """A stray space inside the label of every table row (`本年度办 理结果`), as PDF and Word tables leave them."""
    return "\n".join(_ROW_LABEL.sub(r"\1 \2", line) for line in re.split(r"\r?\n", text))


def utf8_read_as_latin1(text: str) -> str:
    """A UTF-8 page read as Latin-1 and saved (an HTTP library's default when the server names no charset)."""
    return text.encode("utf-8").decode("latin-1")


def gbk_read_as_cp1252(text: str) -> str:
    """A GBK page read as Windows-1252 and saved (its five undefined bytes read as Latin-1's, as browsers do)."""
    return "".join(_cp1252_or_latin1(byte) for byte in text.encode("gb18030"))


def _cp1252_or_latin1(byte: int) -> str:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def utf8_read_as_gbk(text: str) -> str:
    """A UTF-8 page read as GBK and saved (a page that declares gb2312 but is UTF-8); GBK's refused bytes
    become replacement marks, so characters are lost for good unless their neighbours tell them."""
    return text.encode("utf-8").decode("gbk", errors="replace")


_REFERENCES = {"“": "&ldquo;", "”": "&rdquo;", "《": "&#12298;", "》": "&#x300B;", "、": "&#12289;", "&": "&amp;"}


def _with_references(line: str) -> str:
    return "".join(_REFERENCES.get(char, char) for char in line)


def html_references_left(text: str) -> str:
    """Quotes, book-title marks and commas as HTML references and indents as `&amp;nbsp;` (escaped twice),
    as a crawler that strips a page's tags but not its references saves it."""
    return "\n".join(
        ("&amp;nbsp;&amp;nbsp;" if line.strip() and "\t" not in line else "") + _with_references(line)
        for line in re.split(r"\r?\n", text)
    )


def html_tags_left(text: str) -> str:
    """Every line still in its tags (`<p style=…><span>…</span></p>`, a table row as `<tr><td>…</td></tr>`)
    and its references, as a crawler that saves an element's inner HTML as its text."""
    lines = []
    for line in re.split(r"\r?\n", text):
        if "\t" in line:
            cells = "".join(f'<td style="width:12%"><p>{_with_references(cell)}</p></td>' for cell in line.split("\t"))
            lines.append(f"<tr>{cells}</tr>")
        elif line.strip():
            lines.append(f'<p style="text-indent:2em;"><span style="font-family:仿宋_GB2312">{_with_references(line)}</span></p>')
        else:
            lines.append("<br/>")
    return "\n".join(lines)


def line_breaks_cr(text: str) -> str:
    """Lines ended by a carriage return alone, as old Mac editors and some exports save them."""
    return re.sub(r"\r?\n", "\r", text)


def line_separators(text: str) -> str:
    """Lines ended by U+2028, as text taken from a JavaScript string or a JSON field often is."""
    return re.sub(r"\r?\n", "\u2028", text)


_CJK_PAIR = re.compile(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])")


def zero_width_inside(text: str, every: int = 3) -> str:
    """A zero-width space between every `every`-th pair of Chinese characters, as editors and sites that
    guard their text leave them (titles included)."""
    count = iter(range(len(text)))
    return _CJK_PAIR.sub(lambda _: "\u200b" if next(count) % every == 0 else "", text)


_FIGURE_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")


def years_in_chinese_numerals(text: str, zero: str = "〇") -> str:
    """Every year written in Chinese numerals (`2023年` → `二〇二三年`), as formal titles and sign-offs are."""
    digits = str.maketrans("0123456789", zero + "一二三四五六七八九")
    return _FIGURE_YEAR.sub(lambda match: match.group(0).translate(digits), text)


#: Text decoded with the wrong codec by a crawler and saved as UTF-8 (`nlp.normalize.mojibake` undoes it).
MOJIBAKE_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "utf8_read_as_latin1": utf8_read_as_latin1,
    "gbk_read_as_cp1252": gbk_read_as_cp1252,
    "utf8_read_as_gbk": utf8_read_as_gbk,
}


TEXT_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "join_lines": join_lines,
    "remove_whitespace": remove_whitespace,
    "remove_tabs": remove_tabs,
    "numbers_on_own_lines": numbers_on_own_lines,
    "crawler_header": crawler_header,
    "crawled_glued": lambda text: crawler_header(join_lines(text)),
    "wrap_lines": wrap_lines,
    "odd_label_spaces": odd_label_spaces,
    # Lossless: every byte survives the wrong reading (GBK's refused bytes do not: tests/test_mojibake.py).
    "utf8_read_as_latin1": utf8_read_as_latin1,
    "gbk_read_as_cp1252": gbk_read_as_cp1252,
    "html_references_left": html_references_left,
    "html_tags_left": html_tags_left,
    "line_breaks_cr": line_breaks_cr,
    "line_separators": line_separators,
    "zero_width_inside": zero_width_inside,
}

def tabs_to_spaces(text: str) -> str:
    """Every tab a single space, lines kept (a page whose cells a crawler separated by one space)."""
    return text.replace("\t", " ")


def glued_spaced(text: str) -> str:
    """The whole report on one line with a single space between cells (lines joined, tabs made spaces)."""
    return join_lines(tabs_to_spaces(text))


def glued_cells_dropped(text: str) -> str:
    """The whole report on one line, the cell separators dropped but the spaces of the text kept."""
    return join_lines(remove_tabs(text))


#: Widths a converter may hard-wrap at, besides `wrap_lines`' default.
WRAP_WIDTHS: tuple[int, ...] = (20, 27, 45)

#: Damage the table rules were not written on (benchmarks/eval_tables_wild.py, tests/test_tables_glued.py):
#: other wrapping widths, glued text keeping or dropping the spaces between numbers, tabs made spaces.
#: Kept apart from TEXT_TRANSFORMS, whose output the damage suite pins.
TABLE_VARIANTS: dict[str, Callable[[str], str]] = {
    **{f"wrap_lines_{width}": (lambda text, w=width: wrap_lines(text, w)) for width in WRAP_WIDTHS},
    "glued_spaced": glued_spaced,
    "glued_cells_dropped": glued_cells_dropped,
    "tabs_to_spaces": tabs_to_spaces,
    # tab-separated rows (the seeds) wrapped too: their cells first made single spaces
    **{f"spaced_wrap_lines_{width}": (lambda text, w=width: wrap_lines(tabs_to_spaces(text), w)) for width in (20, 32, 45)},
}

# A run-in title glued to its body: a label (`（一）`, `1.`, `2、`), a short title, a full stop, then text.
_RUN_IN_TITLE = re.compile(r"^(\s*(?:[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[、.．])[^。；，,！？：:\d\n]{2,30}。)(?=\S{4})", re.MULTILINE)


def run_in_titles_apart(text: str, keep: int = 0) -> str:
    """Run-in titles (`（一）主动公开方面。…`) cut onto a line of their own, as pages that print the title as an
    element of its own (bold) are crawled; the first `keep` of each numbering (`（一）`, `1.`) stay on their
    body's line, the author's style that the page still shows."""
    seen: dict[bool, int] = {}

    def cut(match: re.Match[str]) -> str:
        family = match.group(1).lstrip()[:1] in "（("
        seen[family] = seen.get(family, 0) + 1
        return match.group(1) if seen[family] <= keep else match.group(1) + "\n"

    return _RUN_IN_TITLE.sub(cut, text)


def _is_prose_line(line: str, minimum: int) -> bool:
    return len(line) >= minimum and "\t" not in line and "|" not in line and bool(re.search(r"[，。；]", line))


def wrap_at_random_widths(text: str, seed: int = 0, low: int = 6, high: int = 40) -> str:
    """Prose lines broken at random widths inside sentences, as crawled pages break a paragraph at its inline
    elements (a span, a link, a bold word): never right after a sentence's end, where the text could not tell
    a break from a paragraph's end. Table rows and short lines are kept."""
    import random

    rng = random.Random(seed)
    out: list[str] = []
    for line in re.split(r"\r?\n", text):
        if not _is_prose_line(line, 2 * low):
            out.append(line)
            continue
        start = 0
        while len(line) - start > high:
            cut = start + rng.randint(low, high)
            # Move the cut off a sentence end and off a number (a figure split in two reads as two).
            while cut < len(line) - 1 and (line[cut - 1] in "。；！？：" or line[cut - 1 : cut + 1].isdigit()):
                cut += 1
            out.append(line[start:cut])
            start = cut
        out.append(line[start:])
    return "\n".join(out)


#: Page furniture a crawler keeps between the pieces of a paragraph: page numbers, print and close buttons.
CRAWL_FURNITURE = ("- 2 -", "打印本页", "关闭窗口", "【字体：大 中 小】", "分享到：")


def furniture_between_lines(text: str, seed: int = 0, every: int = 7) -> str:
    """Prose wrapped at random widths, with a furniture line between two of its pieces every `every` breaks."""
    lines = wrap_at_random_widths(text, seed).split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if index % every == every - 1 and _is_prose_line(line, 6) and line[-1:] not in "。；！？：" and following:
            out.append(CRAWL_FURNITURE[(index // every) % len(CRAWL_FURNITURE)])
    return "\n".join(out)


def unit_transforms(seed: int = 0) -> dict[str, Callable[[str], str]]:
    """Layouts of one paragraph over several lines, their random breaks drawn with `seed`."""
    return {
        # A page saved element by element (lines broken at its inline elements), its titles elements of their
        # own but the first of each numbering, which the page shows run in with its body.
        "run_in_titles_partly_apart": lambda text: wrap_at_random_widths(run_in_titles_apart(text, keep=1), seed),
        "wrap_at_random_widths": lambda text: wrap_at_random_widths(text, seed),
        "furniture_between_lines": lambda text: furniture_between_lines(text, seed),
    }


#: The layouts with seed 0, for the unit tests of whole reports (tests/test_units_damage.py).
UNIT_TRANSFORMS: dict[str, Callable[[str], str]] = unit_transforms(0)
#: Seeds the layouts are measured with (benchmarks/eval_full_reports.py --layouts) and tested on.
UNIT_SEEDS: tuple[int, ...] = (0, 1, 2)


#: Encodings a saved web page comes in. Big5 pages carry traditional characters (converted here), and
#: characters the encoding lacks become HTML character references, as browsers save them.
HTML_ENCODINGS: tuple[str, ...] = ("utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16")


def html_page(text: str, encoding: str, declare_charset: bool) -> bytes:
    """The report as a saved web page in `encoding`, with or without a `<meta charset>`."""
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2t").convert(text)
    body = html_body(re.split(r"[\r\n\f]+", text))
    charset = f'<meta http-equiv="Content-Type" content="text/html; charset={encoding.replace("-sig", "")}">' if declare_charset else ""
    page = f"<!DOCTYPE html><html><head>{charset}<title>年度报告</title></head><body>{body}</body></html>"
    return page.encode(encoding, errors="xmlcharrefreplace")


def html_layout_table_page(text: str) -> bytes:
    """The report in a page laid out in a table, as old government sites are: a banner row, a navigation
    cell beside the content cell (whose paragraphs and tables are the report's), a footer row."""
    body = html_body(re.split(r"[\r\n\f]+", text))
    navigation = "<td width='180'><ul><li><a href='/'>首页</a></li><li><a href='/xxgk'>信息公开</a></li></ul></td>"
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head><body>"
        "<table width='100%' border='0'><tr><td colspan='2'><img src='banner.png'>某某县人民政府门户网站</td></tr>"
        f"<tr>{navigation}<td valign='top'>{body}</td></tr><tr><td colspan='2'>主办单位：某某县人民政府办公室</td></tr></table>"
        "</body></html>"
    )
    return page.encode("utf-8")


def html_variants() -> dict[str, Callable[[str], bytes]]:
    """Every HTML wrapping: each encoding, with and without a declared charset; and a page laid out in a table."""
    variants: dict[str, Callable[[str], bytes]] = {}
    for encoding in HTML_ENCODINGS:
        for declared in (True, False):
            name = f"html_{encoding}_{'charset' if declared else 'nocharset'}"
            variants[name] = lambda text, e=encoding, d=declared: html_page(text, e, d)
    variants["html_layout_table"] = html_layout_table_page
    return variants


# Words that make a numbered short line a section's title rather than a row of table 三 (`三、本年度办理结果`),
# written here apart from the parser's own lists.
_SECTION_WORDS = re.compile(r"总体|概述|概况|基本情况|主动公开|申请|复议|诉讼|问题|不足|改进|其[他它]|收费|不予公开")
_TABLE_ROW_WORDS = re.compile(r"结转|新收|办理结果|申请人|数量|总计|继续办理")
_CN_ORDINALS = "一二三四五六七八九十"


def _retitle(text: str, make: Callable[[str, int, str], str]) -> str:
    """Every section title line (`一、总体情况`) rewritten by `make(indent, number, title)`."""

    def one(match: re.Match[str]) -> str:
        title = match.group(3)
        if not _SECTION_WORDS.search(title) or _TABLE_ROW_WORDS.search(title):
            return match.group()
        return make(match.group(1), _CN_ORDINALS.index(match.group(2)) + 1, title)

    return _SECTION_TITLE_LINE.sub(one, text)


def section_numbers_as_parts(text: str) -> str:
    """Sections numbered as parts (`第一部分 总体情况`), as some city reports are."""
    return _retitle(text, lambda indent, n, title: f"{indent}第{_CN_ORDINALS[n - 1]}部分 {title}")


def section_numbers_arabic(text: str) -> str:
    """Sections numbered with arabic figures (`1.总体情况`), as reports whose subsections are `（一）` are."""
    return _retitle(text, lambda indent, n, title: f"{indent}{n}.{title}")


#: Numerals a few agencies give their sections: roman (`Ⅲ、`) and the financial capitals (`叁、`).
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧ"
_CAPITAL = "壹贰叁肆伍陆柒捌"


def section_numbers_roman(text: str) -> str:
    """Sections numbered in roman numerals (`Ⅰ、总体情况`)."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_ROMAN[n - 1]}、{title}")


def section_numbers_capital(text: str) -> str:
    """Sections numbered in the financial capitals (`壹、总体情况`)."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CAPITAL[n - 1]}、{title}")


def titles_in_brackets(text: str) -> str:
    """Section titles set in 【】 (`【一、总体情况】`), as some pages print their headings."""
    return _retitle(text, lambda indent, n, title: f"{indent}【{_CN_ORDINALS[n - 1]}、{title}】")


def titles_marked_bold(text: str) -> str:
    """Section titles marked bold (`**一、总体情况**`), as converters to Markdown keep a page's emphasis."""
    return _retitle(text, lambda indent, n, title: f"{indent}**{_CN_ORDINALS[n - 1]}、{title}**")


def titles_run_into_first_sentence(text: str) -> str:
    """Each section title run into its first paragraph (`一、总体情况。2023年，我局…`, `…：2023年…`), as reports
    written as run-in paragraphs are; a title followed by a table or another title stays alone."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        match = _SECTION_TITLE_LINE.match(line)
        prose = len(following) > 20 and "\t" not in following and "|" not in following and following.rstrip().endswith("。")
        if match and prose and _SECTION_WORDS.search(match.group(3)) and not _TABLE_ROW_WORDS.search(match.group(3)):
            out.append(line.rstrip() + ("：" if index % 2 else "。") + following.strip())
            index += 2
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


#: Each section's title as agencies word it off the template, two wordings each (the original title's length's
#: parity picks one, so a report mixes them): by the section's words, in this order (复议 before 申请).
_REWORDINGS: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = (
    (re.compile(r"复议|诉讼"), ("政府信息公开行政复议和行政诉讼情况", "因政府信息公开被申请行政复议、提起行政诉讼情况")),
    (re.compile(r"收费"), ("政府信息公开收费及减免情况", "信息公开收费和减免情况")),
    (re.compile(r"收到和处理|依申请|申请"), ("依申请公开工作情况", "政府信息依申请公开办理情况")),
    (re.compile(r"主动公开"), ("主动公开工作情况", "政府信息主动公开情况")),
    (re.compile(r"问题|不足|改进"), ("存在的不足和下一步打算", "工作中存在的问题及改进措施")),
    (re.compile(r"其[他它]"), ("其他事项", "需要说明的其他事项")),
    (re.compile(r"总体|概述|概况|基本情况"), ("基本情况", "工作概况")),
)


def titles_reworded(text: str) -> str:
    """Section titles worded off the template (`二、主动公开工作情况`, `五、存在的不足和下一步打算`), as agencies
    word them."""

    def reword(indent: str, n: int, title: str) -> str:
        # Section 一 is the overview whatever its words (`一、政府信息主动公开工作`).
        rewordings = _REWORDINGS[-1:] if n == 1 else _REWORDINGS
        wording = next((pair[len(title) % 2] for pattern, pair in rewordings if pattern.search(title)), title)
        return f"{indent}{_CN_ORDINALS[n - 1]}、{wording}"

    return _retitle(text, reword)


def section_dropped_renumbered(text: str) -> str:
    """Section 四 (review and litigation, often nil) dropped with its content, and the sections after it
    renumbered (`五、存在的…` → `四、存在的…`), as a report that leaves out a section it has nothing to say in."""
    lines = text.split("\n")
    titles = [(index, match) for index, line in enumerate(lines) if (match := _SECTION_TITLE_LINE.match(line))
              and _SECTION_WORDS.search(match.group(3)) and not _TABLE_ROW_WORDS.search(match.group(3))]
    review = next(((index, match) for index, match in titles if re.search(r"复议|诉讼", match.group(3))), None)
    if review is None:
        return text
    start, dropped = review[0], _CN_ORDINALS.index(review[1].group(2)) + 1
    # The section ends at the next line numbered as a later section, whatever its length, or at a first
    # subheading (`（一）主要问题`: the next section's, whose own heading the report left out; 四 has none).
    later = re.compile(r"^\s*([" + _CN_ORDINALS + r"])\s*[、.．]")
    end = next(
        (index for index in range(start + 1, len(lines))
         if ((match := later.match(lines[index])) and _CN_ORDINALS.index(match.group(1)) + 1 > dropped
             and not _TABLE_ROW_WORDS.search(lines[index])) or re.match(r"\s*[（(]一[)）]", lines[index])),
        len(lines),
    )

    def renumber(line: str) -> str:
        match = later.match(line)
        if not match or _CN_ORDINALS.index(match.group(1)) + 1 <= dropped or _TABLE_ROW_WORDS.search(line):
            return line
        return line[: match.start(1)] + _CN_ORDINALS[_CN_ORDINALS.index(match.group(1)) - 1] + line[match.end(1) :]

    return "\n".join(lines[:start] + [renumber(line) for line in lines[end:]])


def sections_five_six_merged(text: str) -> str:
    """Sections 五 and 六 under one title (`五、存在的主要问题、改进情况及其他需要报告的事项`), 六's heading gone, as
    reports with little to say in 六 write them."""
    lines = text.split("\n")
    titles = [(index, match) for index, line in enumerate(lines) if (match := _SECTION_TITLE_LINE.match(line))]
    problems = next(((i, m) for i, m in titles if re.search(r"问题|不足|改进", m.group(3)) and not _TABLE_ROW_WORDS.search(m.group(3))), None)
    other = next(((i, m) for i, m in titles if problems and i > problems[0] and re.search(r"其[他它]", m.group(3))), None)
    if problems is None or other is None:
        return text
    merged = f"{problems[1].group(1)}{problems[1].group(2)}、{problems[1].group(3).rstrip()}及{other[1].group(3).strip()}"
    return "\n".join([*lines[: problems[0]], merged, *lines[problems[0] + 1 : other[0]], *lines[other[0] + 1 :]])


def titles_with_year(text: str) -> str:
    """The report's year before each section's title (`三、2023年收到和处理政府信息公开申请情况`), as some agencies
    title their sections."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、2023年{title}")


def section_number_apart(text: str) -> str:
    """Each section's number on a line of its own, its title on the next (`一、` / `总体情况`), as pages that set the
    number in an element of its own are crawled."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、\n{indent}{title}")


#: Shapes of section titles (numbering, wording, layout) that reports give them: each keeps the report's
#: sections, which the parser must still find (tests/test_section_title_shapes.py,
#: benchmarks/eval_section_shapes.py).
SECTION_SHAPES: dict[str, Callable[[str], str]] = {
    "section_numbers_as_subsections": section_numbers_as_subsections,
    "section_comma_lost": section_comma_lost,
    "titles_letter_spaced": titles_letter_spaced,
    "section_numbers_as_parts": section_numbers_as_parts,
    "section_numbers_arabic": section_numbers_arabic,
    "section_numbers_roman": section_numbers_roman,
    "section_numbers_capital": section_numbers_capital,
    "titles_in_brackets": titles_in_brackets,
    "titles_marked_bold": titles_marked_bold,
    "titles_run_into_first_sentence": titles_run_into_first_sentence,
    "titles_reworded": titles_reworded,
    "section_dropped_renumbered": section_dropped_renumbered,
    "sections_five_six_merged": sections_five_six_merged,
    "titles_with_year": titles_with_year,
    "section_number_apart": section_number_apart,
}
#: Sections a shape leaves out of the report on purpose: not counted as lost.
SECTION_SHAPE_DROPS: dict[str, frozenset[str]] = {
    "section_dropped_renumbered": frozenset({"review_litigation"}),
    # One title for both: the problems' section is asked for, 六's words now stand in its title.
    "sections_five_six_merged": frozenset({"other_matters"}),
}
