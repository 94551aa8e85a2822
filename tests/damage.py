"""How crawlers, converters and careless saving damage report text: transforms for the damage suite.

Each transform takes the text of a report as the project reads it from the user's file and returns the
text (or, for the HTML wrappers, the bytes of a file) that a user would find after that kind of damage.
They are applied to the reports with gold cells in ../shared, whose sections and cells must survive
(see tests/test_damage.py). Layout damage lives here; damage to characters (`damage_encodings`), to
section titles (`damage_sections`), the shapes of section 五/六 in labelled reports (`damage_five`), zeros printed blank and dropped from the tables (`damage_zeros`), the
web-page wrappers (`damage_html`) and crawlers' forms (JSON responses, script bodies, archives:
`damage_crawled`) have modules of their own, whose names this module gives too, so tests import
everything from `tests.damage`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.damage_attachments import (
    ATTACHMENT_TITLES as ATTACHMENT_TITLES,
    tables_as_attachments as tables_as_attachments,
)

# Re-exported: tests import every damage from `tests.damage`.
from tests.damage_crawled import (
    LEFTOVER_JSON as LEFTOVER_JSON,
    crawled_variants as crawled_variants,
    json_api as json_api,
    json_list as json_list,
    json_with_related as json_with_related,
    script_var as script_var,
    zip_of as zip_of,
)
from tests.damage_encodings import (
    MOJIBAKE_TRANSFORMS as MOJIBAKE_TRANSFORMS,
    gbk_read_as_cp1252 as gbk_read_as_cp1252,
    html_references_left as html_references_left,
    html_tags_left as html_tags_left,
    line_breaks_cr as line_breaks_cr,
    line_separators as line_separators,
    markdown_export as markdown_export,
    pinyin_glossed_words as pinyin_glossed_words,
    utf8_read_as_gbk as utf8_read_as_gbk,
    utf8_read_as_latin1 as utf8_read_as_latin1,
    years_in_chinese_numerals as years_in_chinese_numerals,
    zero_width_inside as zero_width_inside,
)
from tests.damage_five import (
    FIVE_SIX_SHAPES as FIVE_SIX_SHAPES,
    numbered_halves as numbered_halves,
    one_line_each as one_line_each,
    plans_as_topics as plans_as_topics,
    plans_under_six as plans_under_six,
)
from tests.damage_html import (
    HTML_ENCODINGS as HTML_ENCODINGS,
    html_layout_table_page as html_layout_table_page,
    html_page as html_page,
    html_variants as html_variants,
)
from tests.damage_sections import (
    SECTION_SHAPE_DROPS as SECTION_SHAPE_DROPS,
    SECTION_SHAPES as SECTION_SHAPES,
    headings_gone_items_run_in as headings_gone_items_run_in,
    page_header_above as page_header_above,
    paragraphs_out_of_place as paragraphs_out_of_place,
    section_comma_lost as section_comma_lost,
    section_dropped_renumbered as section_dropped_renumbered,
    section_number_apart as section_number_apart,
    section_numbers_arabic as section_numbers_arabic,
    section_numbers_as_parts as section_numbers_as_parts,
    section_numbers_as_subsections as section_numbers_as_subsections,
    section_numbers_capital as section_numbers_capital,
    section_numbers_lost as section_numbers_lost,
    section_numbers_roman as section_numbers_roman,
    sections_five_six_merged as sections_five_six_merged,
    sections_three_four_merged as sections_three_four_merged,
    table_of_contents_below_page_header as table_of_contents_below_page_header,
    table_of_contents_short_leaders as table_of_contents_short_leaders,
    titles_in_brackets as titles_in_brackets,
    titles_letter_spaced as titles_letter_spaced,
    titles_marked_bold as titles_marked_bold,
    titles_reworded as titles_reworded,
    titles_run_into_first_sentence as titles_run_into_first_sentence,
    titles_with_year as titles_with_year,
)
from tests.damage_zeros import (
    ZERO_LAYOUTS as ZERO_LAYOUTS,
    zeros_dropped as zeros_dropped,
)

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
    "pinyin_glossed_words": pinyin_glossed_words,
    "markdown_export": markdown_export,
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
