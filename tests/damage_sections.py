"""Damage to section titles: the shapes and numberings real reports give their six sections
(tests/test_section_title_shapes.py, benchmarks/eval_section_shapes.py). Re-exported by tests.damage."""

from __future__ import annotations

import re
from collections.abc import Callable


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


def titles_numbered_then_tab(text: str) -> str:
    """Section and subsection titles with a tab after their number (`一、<tab>总体情况`, `（一）<tab>主动公开`), as Word
    saves its list numbering as plain text."""
    text = _SECTION_TITLE_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}、\t{m.group(3)}", text)
    return re.sub(r"(?m)^(\s*（[一二三四五六七八九十]）)(?=[\u4e00-\u9fff][^\n\t。]{1,30}$)", "\\1\t", text)


def titles_letter_spaced(text: str) -> str:
    """Section titles set letter-spaced (`一、总 体 情 况`), as PDFs and Word print them (titles of Chinese
    characters only: a pinyin gloss left in a title is not typeset so)."""
    return _SECTION_TITLE_LINE.sub(
        lambda m: m.group() if re.search(r"[ -~]", m.group(3)) else f"{m.group(1)}{m.group(2)}、" + " ".join(m.group(3)),
        text,
    )



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


#: Section 五 titled by its problems and plans in the words of older and smaller offices' reports, or by the plans
#: alone: the report's title length picks one, so the reports of a run show them all.
PROBLEMS_TITLES_AS_PLANS = (
    "问题和打算", "存在问题及下步打算", "困难和问题", "问题与对策", "存在的问题及建议", "下步打算", "下一步工作打算",
    "今后工作打算", "下一步工作计划", "问题与下一步工作安排",
)


def problems_titled_as_plans(text: str) -> str:
    """Section 五's title worded as its problems and plans (`五、问题和打算`, `五、问题与对策`) or as the plans alone
    (`五、下步打算`, `五、今后工作打算`), as old-template and township reports title it."""
    wording = PROBLEMS_TITLES_AS_PLANS[len(text.split("\n", 1)[0]) % len(PROBLEMS_TITLES_AS_PLANS)]

    def reword(indent: str, n: int, title: str) -> str:
        if re.search(r"问题|不足|改进", title) and not re.search(r"其[他它]", title):
            return f"{indent}{_CN_ORDINALS[n - 1]}、{wording}"
        return f"{indent}{_CN_ORDINALS[n - 1]}、{title}"

    return _retitle(text, reword)


_LATER_SECTION = re.compile(r"^\s*([" + _CN_ORDINALS + r"])\s*[、.．]")


def _review_section(lines: list[str]) -> tuple[int, int, int] | None:
    """(first line, line after the last, number) of section 四 (review and litigation), or None."""
    titles = [(index, match) for index, line in enumerate(lines) if (match := _SECTION_TITLE_LINE.match(line))
              and _SECTION_WORDS.search(match.group(3)) and not _TABLE_ROW_WORDS.search(match.group(3))]
    review = next(((index, match) for index, match in titles if re.search(r"复议|诉讼", match.group(3))), None)
    if review is None:
        return None
    start, dropped = review[0], _CN_ORDINALS.index(review[1].group(2)) + 1
    # The section ends at the next line numbered as a later section, whatever its length, or at a first
    # subheading (`（一）主要问题`: the next section's, whose own heading the report left out; 四 has none).
    end = next(
        (index for index in range(start + 1, len(lines))
         if ((match := _LATER_SECTION.match(lines[index])) and _CN_ORDINALS.index(match.group(1)) + 1 > dropped
             and not _TABLE_ROW_WORDS.search(lines[index])) or re.match(r"\s*[（(]一[)）]", lines[index])),
        len(lines),
    )
    return start, end, dropped


def section_dropped_renumbered(text: str) -> str:
    """Section 四 (review and litigation, often nil) dropped with its content, and the sections after it
    renumbered (`五、存在的…` → `四、存在的…`), as a report that leaves out a section it has nothing to say in."""
    lines = text.split("\n")
    span = _review_section(lines)
    if span is None:
        return text
    start, end, dropped = span

    def renumber(line: str) -> str:
        match = _LATER_SECTION.match(line)
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


def sections_three_four_merged(text: str) -> str:
    """Sections 三 and 四 under one title (`三、收到和处理政府信息公开申请及行政复议、行政诉讼情况`), 四's heading
    become the merged section's subheading `（二）…` and the sections after it renumbered, as sector agencies write
    a review section with little in it."""
    lines = text.split("\n")
    span = _review_section(lines)
    titles = [(index, match) for index, line in enumerate(lines) if (match := _SECTION_TITLE_LINE.match(line))]
    requests = next(((i, m) for i, m in titles if re.search(r"申请", m.group(3)) and not re.search(r"复议|诉讼", m.group(3))
                     and not _TABLE_ROW_WORDS.search(m.group(3))), None)
    if span is None or requests is None or requests[0] > span[0]:
        return text
    start, _, dropped = span
    if _CN_ORDINALS.index(requests[1].group(2)) + 2 != dropped:
        return text  # another section between them (the old template's 收费及减免): not merged so
    review = _SECTION_TITLE_LINE.match(lines[start])
    merged = f"{requests[1].group(1)}{requests[1].group(2)}、{requests[1].group(3).rstrip().removesuffix('情况')}及行政复议、行政诉讼情况"

    def renumber(line: str) -> str:
        match = _LATER_SECTION.match(line)
        if not match or _CN_ORDINALS.index(match.group(1)) + 1 <= dropped or _TABLE_ROW_WORDS.search(line):
            return line
        return line[: match.start(1)] + _CN_ORDINALS[_CN_ORDINALS.index(match.group(1)) - 1] + line[match.end(1) :]

    return "\n".join([*lines[: requests[0]], merged, *lines[requests[0] + 1 : start], f"（二）{review.group(3).strip()}",
                      *(renumber(line) for line in lines[start + 1 :])])


def titles_with_year(text: str) -> str:
    """The report's year before each section's title (`三、2023年收到和处理政府信息公开申请情况`), as some agencies
    title their sections."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、2023年{title}")


def section_number_apart(text: str) -> str:
    """Each section's number on a line of its own, its title on the next (`一、` / `总体情况`), as pages that set the
    number in an element of its own are crawled."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、\n{indent}{title}")



def _numbers_in_brackets(opening: str, closing: str, space: str = "") -> Callable[[str], str]:
    """A shape numbering the sections with a Chinese number in these brackets (`【一】总体情况`), `space` after them."""
    return lambda text: _retitle(text, lambda indent, n, title: f"{indent}{opening}{_CN_ORDINALS[n - 1]}{closing}{space}{title.strip()}")


#: Sections numbered with a Chinese number in brackets, as some agencies print them: `【一】总体情况`, the same with
#: a space after the bracket (`【一】 总体情况`), `〔一〕`, `[一]` and the full-width `［一］`.
section_numbers_in_lenticular_brackets = _numbers_in_brackets("【", "】")
section_numbers_in_brackets_spaced = _numbers_in_brackets("【", "】", " ")
section_numbers_in_tortoise_brackets = _numbers_in_brackets("〔", "〕")
section_numbers_in_square_brackets = _numbers_in_brackets("[", "]")
section_numbers_in_full_width_brackets = _numbers_in_brackets("［", "］", "\u3000")

#: A subsection's line (`（一）主动公开方面`), as the gold reports number their second level.
_SUBSECTION_LINE = re.compile(r"(?m)^(\s*)[（(]([一二三四五六七八九十]{1,2})[)）]\s*(?=\S)")


def subsections_in_brackets_too(text: str) -> str:
    """Sections numbered `【一】` and their subsections in the same brackets one level down with arabic figures
    (`（二）` → `【2】`), as reports numbering everything in brackets print them."""
    from nlp.structure.headings import chinese_number

    def sub(match: re.Match[str]) -> str:
        return f"{match.group(1)}【{chinese_number(match.group(2))}】"

    return _SUBSECTION_LINE.sub(sub, section_numbers_in_lenticular_brackets(text))


def subsections_numbered_in_brackets(text: str) -> str:
    """Sections kept as `一、` and their subsections numbered in brackets (`（二）` → `【二】`), as other reports use the
    brackets one level down: the bracketed lines must not open sections."""
    return _SUBSECTION_LINE.sub(lambda match: f"{match.group(1)}【{match.group(2)}】", text)



# --------------------------------------------------------------------------------------------
# Shapes real pages of other sites give titles (eighth round): broken, spaced, punctuated, in contents and in tables


def _is_section_title(title: str) -> bool:
    return bool(_SECTION_WORDS.search(title)) and not _TABLE_ROW_WORDS.search(title)


def _title_lines(lines: list[str]) -> list[tuple[int, re.Match[str]]]:
    """(index, match) of the report's section title lines (`一、总体情况`), table rows left out."""
    return [(i, m) for i, line in enumerate(lines) if (m := _SECTION_TITLE_LINE.match(line)) and _is_section_title(m.group(3))]


def _cut(title: str, n: int) -> int:
    """Where a title breaks: before its last two characters (`主动公开政府信息` / `情况`) for odd sections, in its
    middle for even ones, leaving at least two characters on each line."""
    title = title.rstrip()
    return max(2, len(title) - 2) if n % 2 else max(2, len(title) // 2)


def titles_broken_over_two_lines(text: str) -> str:
    """Each section title broken over two lines (`二、主动公开政府信息` / `情况`), as a PDF wraps a long title or a page
    sets the title's last words in an element of their own."""

    def make(indent: str, n: int, title: str) -> str:
        cut = _cut(title, n)
        return f"{indent}{_CN_ORDINALS[n - 1]}、{title[:cut]}\n{indent}{title[cut:]}" if len(title.rstrip()) >= 4 else f"{indent}{_CN_ORDINALS[n - 1]}、{title}"

    return _retitle(text, make)


def titles_cut_by_page_break(text: str) -> str:
    """Each section title cut by a page break: the first half, the page's number and (for every other title) the
    next page's running head, then the second half (`二、主动公开政府信息` / `- 3 -` / `某某局政府信息公开工作年度报告` /
    `情况`), as a PDF converted page by page gives it."""

    def make(indent: str, n: int, title: str) -> str:
        if len(title.rstrip()) < 4:
            return f"{indent}{_CN_ORDINALS[n - 1]}、{title}"
        cut = _cut(title, n)
        between = [f"- {n + 1} -"] + (["某某局政府信息公开工作年度报告"] if n % 2 else [])
        return "\n".join([f"{indent}{_CN_ORDINALS[n - 1]}、{title[:cut]}", *between, f"{indent}{title[cut:]}"])

    return _retitle(text, make)


def titles_spaced_in_full_width(text: str) -> str:
    """Section titles spaced out with full-width spaces (`一、总　体　情　况`) or a space before the number's comma
    (`一 、总体情况`), alternately, as Word documents set them."""

    def make(indent: str, n: int, title: str) -> str:
        if n % 2 and not re.search(r"[ -~]", title):
            return f"{indent}{_CN_ORDINALS[n - 1]}、" + "\u3000".join(title.strip())
        return f"{indent}{_CN_ORDINALS[n - 1]} 、{title}"

    return _retitle(text, make)


def titles_with_closing_mark(text: str) -> str:
    """Section titles closed by a colon or a full stop (`一、总体情况：`, `二、主动公开政府信息情况。`), alternately."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、{title.rstrip()}{'：' if n % 2 else '。'}")


def titles_bold_after_number(text: str) -> str:
    """Bold markers around a title's words only (`一、**总体情况**`), as converters keep a bold run after a plain number."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、**{title.strip()}**")


_REPORT_TITLE_LINE = re.compile(r"(?:年度|工作)报告\s*$")


def table_of_contents(text: str) -> str:
    """A table of contents after the report's title (or at the top): `目录`, then each section title with dot leaders
    and its page number (`一、总体情况……………1`; every other line with `.` leaders and without a page), as Word
    and PDF reports print one."""
    return _with_contents(text, lambda page, title: f"{title}{'……………' if page % 2 else '.........'}{page}" if page % 3 else f"{title}")


def table_of_contents_short_leaders(text: str) -> str:
    """A table of contents whose entries end in the Chinese ellipsis and the page (`一、总体情况……1`: two characters of
    leaders) or in a tab and the page (`二、主动公开政府信息情况\t2`: a Word contents field, whose dotted tab leader is
    no character of the text), alternately, under `目录`."""
    return _with_contents(text, lambda page, title: f"{title}{'……' if page % 2 else chr(9)}{page}")


def _with_contents(text: str, entry) -> str:
    """The report with a contents block after its title: `目录`, then `entry(page, title)` for each section title."""
    lines = text.split("\n")
    titles = _title_lines(lines)
    if len(titles) < 2:
        return text
    entries = ["目　录" if len(titles) % 2 else "目录"]
    listed = list(dict.fromkeys(f"{match.group(2)}、{match.group(3).strip()}" for _, match in titles))  # each once
    entries += [entry(page, title) for page, title in enumerate(listed, start=1)]
    first = next((i for i, line in enumerate(lines[:8]) if _REPORT_TITLE_LINE.search(line)), -1)
    return "\n".join([*lines[: first + 1], *entries, *lines[first + 1 :]])


#: A crawled page's header: the site's banner, its menus (a site map of some 60 items, one element a line),
#: breadcrumbs and the page's fields.
_MENUS = {
    "政务公开": ("机构职能", "领导信息", "政策文件", "政策解读", "规划计划", "财政信息", "人事信息", "统计信息", "应急管理", "建议提案", "政府公报", "重点领域"),
    "政务服务": ("办事指南", "网上办事", "便民服务", "服务清单", "办件查询", "好差评", "证照办理", "企业开办", "不动产登记", "社保医保"),
    "互动交流": ("领导信箱", "在线访谈", "民意征集", "网上调查", "咨询投诉", "常见问题", "意见反馈", "热点回应", "新闻发布会", "留言选登"),
    "走进某某": ("县情概况", "历史沿革", "自然资源", "行政区划", "人口民族", "经济发展", "旅游景点", "特色产业", "文化遗产", "交通指南"),
    "专题专栏": ("乡村振兴", "营商环境", "民生实事", "法治政府", "生态环保", "安全生产", "双随机一公开", "政务公开标准化"),
}
_PAGE_HEADER = [
    "某某县人民政府门户网站", "网站支持IPv6", "首页",
    *(item for menu, items in _MENUS.items() for item in (menu, *items)),
    "当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年度报告",
    "索引号：11350300MB0000000X/2024-00012", "发布机构：某某县人民政府办公室", "发布日期：2024-01-15", "【字体：大 中 小】", "打印本页",
]


def page_header_above(text: str) -> str:
    """The report under a crawled page's header of some 60 lines (banner, menus, notices, breadcrumbs, fields), as a
    crawler that keeps the whole page saves it: what stands at the report's top (its title, a table of contents) moves
    down."""
    return "\n".join([*_PAGE_HEADER, text])


def table_of_contents_below_page_header(text: str) -> str:
    """A table of contents after the report's title (`table_of_contents`), the whole under a crawled page's header
    (`page_header_above`): the contents stand some 65 lines down."""
    return page_header_above(table_of_contents(text))


#: The sections whose statistical table follows their title: 二 (主动公开), 三 (申请), 四 (复议, 诉讼).
_TABLE_SECTION = re.compile(r"主动公开|申请|复议|诉讼")


def titles_in_table_rows(text: str) -> str:
    """The titles of the sections whose table follows them (二, 三, 四) carried as a merged row at the top of that table
    (`二、主动公开政府信息情况` and four empty cells), as web pages and .docx files whose tables hold their titles are read."""
    return _retitle(text, lambda indent, n, title: f"{indent}{_CN_ORDINALS[n - 1]}、{title}" + ("\t\t\t\t" if _TABLE_SECTION.search(title) else ""))


def sections_out_of_order(text: str) -> str:
    """Section 六 (with its content) moved before section 五, as reports that put other matters before their problems
    are written; the numbers go with the titles."""
    lines = text.split("\n")
    titles = _title_lines(lines)
    problems = next((i for i, m in titles if re.search(r"问题|不足|改进", m.group(3))), None)
    other = next((i for i, m in titles if problems is not None and i > problems and re.search(r"其[他它]", m.group(3))), None)
    if problems is None or other is None:
        return text
    end = next((i for i, _ in titles if i > other), len(lines))
    return "\n".join([*lines[:problems], *lines[other:end], *lines[problems:other], *lines[end:]])


def section_dropped_numbers_kept(text: str) -> str:
    """Section 四 (review and litigation) left out with its content, the sections after it keeping their numbers
    (`三、…` then `五、…`), as a report with nothing to say there is written."""
    lines = text.split("\n")
    span = _review_section(lines)
    return text if span is None else "\n".join(lines[: span[0]] + lines[span[1] :])


#: Run-in titles of list items that name a section's subject under a number the template never gives that section
#: (`4.主动公开类信息公开情况。`): items of a list inside a section, as reports write them.
_ITEM_TITLES_OFF_NUMBER = ("4.主动公开类信息公开情况。", "1、依申请公开方面。", "（二）行政复议和行政诉讼情况。", "2.存在的问题：", "3.主动公开工作情况。")


def headings_gone_items_run_in(text: str) -> str:
    """The report's narrative with its section titles, subheadings and table rows gone (readable and unsectioned, as a
    page that kept only its paragraphs), every third paragraph opened by a run-in item title that names a section
    under a number that section never has (`4.主动公开类信息公开情况。本年度…`)."""
    kept = [line.strip() for line in text.split("\n") if len(line.strip()) > 30 and "\t" not in line and line.strip().endswith("。")]
    return "\n".join(
        _ITEM_TITLES_OFF_NUMBER[(index // 3) % len(_ITEM_TITLES_OFF_NUMBER)] + line if index % 3 == 1 else line for index, line in enumerate(kept)
    )


#: Pictographs WeChat articles and some portals set before their headings, by rank of the heading.
_DECORATIONS = ("✅ ", "📌", "■ ", "🔷", "★ ", "▶️ ")
_SUBSECTION_TITLE_LINE = re.compile(r"(?m)^(\s*)(（[一二三四五六七八九十]）[^\n。；]{2,30})$")


def titles_decorated(text: str) -> str:
    """Section titles and subsection titles set behind a pictograph (`✅ 二、主动公开政府信息情况`, `📌（一）主动公开`),
    as WeChat articles print them: the decoration must not hide the heading."""
    text = _retitle(text, lambda indent, n, title: f"{indent}{_DECORATIONS[n % len(_DECORATIONS)]}{_CN_ORDINALS[n - 1]}、{title}")
    return _SUBSECTION_TITLE_LINE.sub(lambda m: f"{m.group(1)}{_DECORATIONS[(len(m.group(2)) + 1) % len(_DECORATIONS)]}{m.group(2)}", text)


def titles_as_pictures(text: str) -> str:
    """The titles of sections 一 and 五 drawn as pictures, so that the text has only the reader's picture line in
    their place (`［图片］`), as WeChat articles and some portals set their headings: banner pictures before the title
    too. Each section opens at its picture, where the sections around it leave only it out."""
    drawn: set[int] = set()

    def draw(indent: str, n: int, title: str) -> str:
        # The section's own title: the first such line (not a list item after it), worded as that section (a report
        # without a 五 numbers its 六 so).
        if n in (1, 5) and n not in drawn and (n == 1 or re.search("问题|改进|不足", title)):
            drawn.add(n)
            return f"{indent}［图片］"
        return f"{indent}{_CN_ORDINALS[n - 1]}、{title}"

    text = _retitle(text, draw)
    return "［图片］\n［图片：关注我们］\n" + text


#: Characters an OCR tool reads for others it resembles (`体`→`休`, `情`→`倩`, `报`→`极`); any other is dropped.
_LOOKALIKE = {"体": "休", "情": "倩", "报": "极", "况": "祝", "理": "埋", "申": "由", "主": "王", "事": "亊", "开": "幵", "处": "外"}


#: The template's section titles (2019, 2021), written here apart from the parser's.
_TEMPLATE_SECTION_TITLES = frozenset(
    {"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"}
)


def titles_misread_by_ocr(text: str) -> str:
    """Each section title with one character misread as OCR misreads a scan: a look-alike put for it where the
    title has one (`一、总休情况`), else the title's last character but one dropped (`六、其他需要报告的项`); only titles
    worded as the template words them, which an OCR layer of a template report shows."""
    def misread(indent: str, n: int, title: str) -> str:
        if title not in _TEMPLATE_SECTION_TITLES:
            return f"{indent}{_CN_ORDINALS[n - 1]}、{title}"
        at = next((i for i, char in enumerate(title) if char in _LOOKALIKE), None)
        damaged = title[:at] + _LOOKALIKE[title[at]] + title[at + 1 :] if at is not None else title[:-2] + title[-1]
        return f"{indent}{_CN_ORDINALS[n - 1]}、{damaged}"

    return _retitle(text, misread)


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
    "problems_titled_as_plans": problems_titled_as_plans,
    "section_dropped_renumbered": section_dropped_renumbered,
    "sections_five_six_merged": sections_five_six_merged,
    "sections_three_four_merged": sections_three_four_merged,
    "titles_with_year": titles_with_year,
    "section_number_apart": section_number_apart,
    "titles_broken_over_two_lines": titles_broken_over_two_lines,
    "titles_cut_by_page_break": titles_cut_by_page_break,
    "titles_spaced_in_full_width": titles_spaced_in_full_width,
    "titles_with_closing_mark": titles_with_closing_mark,
    "titles_bold_after_number": titles_bold_after_number,
    "table_of_contents": table_of_contents,
    "table_of_contents_below_page_header": table_of_contents_below_page_header,
    "table_of_contents_short_leaders": table_of_contents_short_leaders,
    "titles_in_table_rows": titles_in_table_rows,
    "sections_out_of_order": sections_out_of_order,
    "section_dropped_numbers_kept": section_dropped_numbers_kept,
    "section_numbers_lost": section_numbers_lost,
    "section_numbers_in_lenticular_brackets": section_numbers_in_lenticular_brackets,
    "section_numbers_in_brackets_spaced": section_numbers_in_brackets_spaced,
    "section_numbers_in_tortoise_brackets": section_numbers_in_tortoise_brackets,
    "section_numbers_in_square_brackets": section_numbers_in_square_brackets,
    "section_numbers_in_full_width_brackets": section_numbers_in_full_width_brackets,
    "subsections_in_brackets_too": subsections_in_brackets_too,
    "subsections_numbered_in_brackets": subsections_numbered_in_brackets,
    "titles_decorated": titles_decorated,
    "titles_numbered_then_tab": titles_numbered_then_tab,
    "titles_as_pictures": titles_as_pictures,
    "titles_misread_by_ocr": titles_misread_by_ocr,
}
#: Sections a shape leaves out of the report on purpose: not counted as lost.
SECTION_SHAPE_DROPS: dict[str, frozenset[str]] = {
    "section_dropped_renumbered": frozenset({"review_litigation"}),
    "section_dropped_numbers_kept": frozenset({"review_litigation"}),
}


def _paragraph_texts(report, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """(section key, text without spaces, widths folded) of a parsed report's paragraphs of these kinds."""
    from nlp.normalize import comparable

    return [(section.key, comparable(p.text)) for section in report.sections for p in section.paragraphs if p.kind in kinds]


def paragraphs_out_of_place(before, after) -> list[str]:
    """The narrative paragraphs of the damaged report `after` that no paragraph of the undamaged `before` in the same
    section is part of: a contents line or half a title read as prose, a section opened at the wrong line. Of any kind
    in `before`: a table row read as prose once its region ends elsewhere is no section's concern."""
    own = _paragraph_texts(before, ("narrative", "heading", "table", "meta"))
    exact = set(own)
    return [text for key, text in _paragraph_texts(after, ("narrative",))
            if (key, text) not in exact and not any(k == key and t and t in text for k, t in own)]
