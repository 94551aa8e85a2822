"""Page furniture: bookmarks, table borders of `|`, markdown marks, page numbers, stray spaces; and the
furniture lines (breadcrumbs, dates, share buttons, menus) kept as `meta` paragraphs, never joined to prose."""

from __future__ import annotations

import re
from collections.abc import Callable

from nlp.normalize.text import NormalizedText

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
#: Runs of `|` (table borders of web pages), with the spaces between them.
_PIPE_RUN = re.compile(r"(?:[ \t]*\|){2,}[ \t]*")
_LONE_PIPE_LINE = re.compile(r"(?m)^[ \t|]*\|[ \t|]*$")
_PIPE_EDGE = re.compile(r"(?m)(^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$)")
#: A page number as PDF and Word print it on a line of its own: `- 3 -`, `—— 3 ——`, `第3页，共12页`, `3/12`.
PAGE_NUMBER = (
    r"(?:[-—–－]+[ \t]*\d{1,3}[ \t]*[-—–－]+|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?"
    r"|\d{1,3}[ \t]*/[ \t]*\d{1,3})"
)
_PAGE_NUMBER_LINE = re.compile(rf"(?m)^[ \t]*{PAGE_NUMBER}[ \t]*$")
_FORM_FEED = re.compile(r"\f")
TRAILING_SPACE = re.compile(r"(?m)[ \t]+$")
LEADING_SPACE = re.compile(r"(?m)^[ \t]+")
_INNER_SPACES = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")
_MARKDOWN = re.compile(r"(?m)^[ \t]*(?:#{1,6}[ \t]+|>[ \t]*|[*_]{2}(?=\S))|(?<=\S)[*_]{2}[ \t]*$")
def _drop_markdown(match: re.Match[str]) -> str:
    """Markdown's marks go, but not a `>` that closes an open `<`: a page saved element by element puts
    the angle brackets of a title inside a title (`《关于印发` / `<` / `某某制度` / `>` / `的通知》`) on lines of their own."""
    if match.group().strip() == ">":
        before = match.string[max(0, match.start() - 300) : match.start()]
        if before.rfind("<") > before.rfind(">"):
            return match.group()
    return ""


MANY_BLANKS = re.compile(r"\n{3,}")
#: What `TRAILING_SPACE` and `LEADING_SPACE` remove (`NormalizedText.sub`'s `needs`).
SPACES = " \t"

#: The steps of `drop_furniture` in order: (pattern, replacement, what every match of it holds
#: one of). Most reports have no bookmarks, borders, markdown or form feeds: `needs` spares the scan.
FURNITURE_STEPS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], tuple[str, ...] | str], ...] = (
    (_BOOKMARK, "", ("[bookmark:",)),
    (_LONE_PIPE_LINE, "", "|"),
    (_PIPE_RUN, " ", "|"),
    (_PIPE_EDGE, "", "|"),
    (_MARKDOWN, _drop_markdown, "#>*_"),
    (_FORM_FEED, "\n", "\f"),
    (_PAGE_NUMBER_LINE, "", "-—–－页/"),
    (TRAILING_SPACE, "", SPACES),
    (LEADING_SPACE, "", SPACES),
    (_INNER_SPACES, " ", ("  ",)),
)


def drop_furniture(text: NormalizedText) -> NormalizedText:
    """Bookmarks, `|` borders, markdown marks and page numbers go; form feeds become line breaks; spaces are trimmed."""
    for pattern, replacement, needs in FURNITURE_STEPS:
        text = text.sub(pattern, replacement, needs=needs)
    return text


_FURNITURE = re.compile(
    r"^(?:[•·▪►>»]\s*)?(?:您(?:现在)?的?当前位置|您现在的位置|当前位置|位置[:：]|首页\s*[>»/]|发布(?:时间|日期|机构|单位|者)|更新(?:时间|日期)|"
    r"信息(?:来源|提供日期)|来源[:：]|文章来源|浏览(?:次数|量)?[:：]?|点击(?:数|量|率)|阅读(?:次数|量)|查看[:：]|评论[:：]|字号|【?\s*字体|【?\s*打印|打印本页|关闭(?:窗口|本页)|"
    r"分享(?:到)?[:：]?|责任编辑|索引号|主题分类|发文(?:机关|日期)|成文日期|文号[:：]|正文$|附件[:：]?\s*$|扫一扫|扫码|无障碍|本站支持|网站地图|联系我们|联络我们|"
    r"相关(?:词条|链接|文章|阅读)|上一篇|下一篇|返回顶部|投稿[:：]|日期[:：]|时间[:：]|P\.\s*\d+$|您访问的链接即将离开|"
    r"(?:联系)?电话[:：]|传真[:：]|邮编[:：]|地址[:：]|电子邮箱[:：]|E-?mail[:：]|"
    # A crawler's header: `标题: …`, `原文链接: …`, and its rule `==== 正文 ====`.
    r"(?:文章)?标题\s*[:：]|题目\s*[:：]|原文(?:链接|地址)|(?:链接|网址|URL)\s*[:：]|[=\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=\-—*#]{2,}\s*$)",
    re.IGNORECASE,
)
#: A line of a crawler's header (`标题: …`, `发布时间: …`, `原文链接: …`) or its rule (`==== 正文 ====`): one field a
#: line, so nothing, not even a title cut inside its brackets, goes on into the next line.
CRAWLER_HEADER_LINE = re.compile(
    r"^\s*(?:(?:(?:文章)?标题|题目|发布(?:时间|日期|机构|单位)|原文(?:链接|地址)|链接|网址|URL)\s*[:：]|[=\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=\-—*#]{2,}\s*$)",
    re.IGNORECASE,
)
#: A page's field name and its colon (`来源 :`, `点击数:`).
_FIELD = r"(?:作者|来源|点击数?|浏览(?:次数|量)?|阅读(?:次数|量)|发布(?:时间|日期|机构)|字体|时间|日期|索引号|文号)\s*[:：]"
#: Clause punctuation of a sentence, in either width.
_CLAUSE = re.compile(r"[，。；,;！？]")
_DATE_LINE = re.compile(
    r"^[(（]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
#: A site's breadcrumb trail (`网站首页 > 信息公开 > 某某镇信息公开年报`): two or more short steps
#: between arrows, or one step from the home page. Its last step often names the report, and would
#: otherwise pass for the report's title.
_BREADCRUMB = re.compile(
    r"^(?:(?:网站)?(?:首页|主页)\s*(?:>{1,2}|»|›|→)"
    r"|(?:(?:>{1,2}|»|›|→)\s*)?[^。，；;>»›→]{1,30}(?:\s*(?:>{1,2}|»|›|→)\s*[^。，；;>»›→]{1,30}){2,}\s*$)"
)
#: Short lines of a site's navigation menu (`• 新闻资讯`).
_MENU_ITEM = re.compile(r"^[•·▪►]\s*\S{1,12}$")


def is_furniture_line(line: str) -> bool:
    """Breadcrumbs, publication dates, contact lines, share buttons, menus: not report content."""
    stripped = line.strip()
    # Each shape but the first needs a character most lines lack (a figure, a bullet, an arrow):
    # looking for it first spares the patterns' search on lines of prose.
    return bool(
        _FURNITURE.match(stripped)
        or (_DIGIT.search(stripped) and _DATE_LINE.match(stripped))
        or (stripped[:1] in _BULLETS and _MENU_ITEM.match(stripped))
        or (_ARROW.search(stripped) and _BREADCRUMB.match(stripped))
    )


#: A line of a page's fields (`2022-01-20 作者:佚名 点击数:`, `时间 : 2025-01-22 来源 : 本网`): a date
#: (with its time or weekday) and more fields or a publisher's name, or two fields; no sentence in it.
_PAGE_FIELDS = re.compile(
    r"^[•·]?\s*(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*星期.)?(?:\s.*)?$"
    r"|^.*" + _FIELD + r".*" + _FIELD
)
#: What follows the year of a date that opens a line of fields.
_DATE_SEPARATORS = frozenset("-/.年")
#: Longer than this, a line holds more than a page's fields.
_PAGE_FIELDS_CHARS = 60


def is_page_field_line(line: str) -> bool:
    """A line of the page's fields around a report (date, publisher, source, clicks): never part of a paragraph."""
    stripped = line.strip()
    # A date first or two fields' colons: most lines have neither, and are spared the patterns.
    if not stripped or len(stripped) > _PAGE_FIELDS_CHARS:
        return False
    head = stripped.lstrip("•· ")
    if not (head[:4].isdigit() and head[4:5] in _DATE_SEPARATORS) and stripped.count(":") + stripped.count("：") < 2:
        return False
    return not _CLAUSE.search(stripped) and _PAGE_FIELDS.match(stripped) is not None


_DIGIT = re.compile(r"\d")
_BULLETS = frozenset("•·▪►")
_ARROW = re.compile(r"[>»›→]")
