"""Page furniture: bookmarks, table borders of `|`, markdown marks, page numbers, stray spaces; and the
furniture lines (breadcrumbs, dates, share buttons, menus) kept as `meta` paragraphs, never joined to prose."""

from __future__ import annotations

import re
from collections.abc import Callable

from nlp.normalize.text import NormalizedText
from nlp.normalize.titles import SECTION_TITLE_WORDS, TOLERANT_TITLE
from nlp.ocrlayer import OCR_LAYER
from nlp.pictures import is_picture_line

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


#: A line set letter-spaced, as PDFs and Word print titles (`一、总 体 情 况`, `其 他 需 要 报 告 的 事 项`): single
#: characters between spaces, four or more, after an optional number. Words between spaces (`自然人 商业企业`,
#: a table's header) are not letter-spacing.
_LETTER_SPACED = re.compile(
    r"(?m)^[ \t]*(?:(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十]{1,2}[)）]|第[一二三四五六七八九十]{1,2}部分)[ \t]*)?"
    r"(?:[\u4e00-\u9fff、，（）()](?:[、，][\u4e00-\u9fff])?[ \t]+){3,}[\u4e00-\u9fff）)][：:]?[ \t]*$"
)


def _close_letter_spacing(match: re.Match[str]) -> str:
    return re.sub(r"(?<=\S)[ \t]+(?=\S)", "", match.group())


#: A Chinese section number whose comma was lost, a space or a tab in its place (`二<tab>主动公开政府信息情况`, Word's
#: list numbering saved without its text), or written with a closing bracket (`二）主动公开…`), before a short
#: section title: the comma is put back, so that every rule that reads numbered titles reads it.
_NUMBER_WITHOUT_COMMA = re.compile(r"(?m)^([ \t]*[一二三四五六七八九十]{1,2})(?:[ \t]+|[)）][ \t]*)(?=([\u4e00-\u9fff][^\n。；;！？\d]{1,38})$)")
#: A title's number and its text apart by a tab (`（一）<tab>上年度问题整改情况`, `一、<tab>总体情况`, `1.<tab>…`), as Word
#: saves its list numbering as plain text: one title, not two cells of a table row. Only where no other tab follows
#: (a table row holds more cells).
_NUMBER_TAB = re.compile(
    r"(?m)^([ \t]*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章)))"
    r"\t+(?=[\u4e00-\u9fff][^\t\n]*$)"
)
_SECTION_WORDS = re.compile(SECTION_TITLE_WORDS)
_AGENCY_TITLE = re.compile(TOLERANT_TITLE)


def is_section_title(title: str) -> bool:
    """A short title naming a template section, in its words or as agencies word it."""
    title = re.sub(r"\s", "", title)
    return bool(_SECTION_WORDS.search(title) or _AGENCY_TITLE.match(title))


def _put_back_comma(match: re.Match[str]) -> str:
    return match.group(1) + "、" if is_section_title(match.group(2)) else match.group()


#: Roman numerals and the financial capitals some agencies number their sections with (`Ⅲ、`, `叁、`), before a
#: short section title: written as Chinese numbers, so that every rule that reads numbered titles reads them.
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_CAPITAL = "壹贰叁肆伍陆柒捌玖拾"
_OTHER_NUMERAL = re.compile(
    r"(?m)^([ \t]*)([" + _ROMAN + _CAPITAL + r"])[ \t]*(?=[、.．][ \t]*([\u4e00-\u9fff][^\n。；;！？\d]{1,38})$)"
)


def _as_chinese_number(match: re.Match[str]) -> str:
    if not is_section_title(match.group(3)):
        return match.group()
    numeral = match.group(2)
    position = _ROMAN.index(numeral) if numeral in _ROMAN else _CAPITAL.index(numeral)
    return match.group(1) + "一二三四五六七八九十"[position]


#: A numbered section title set in 【】 (`【一、总体情况】`, `【第二部分 主动公开政府信息情况】`), as some pages print
#: their headings: the brackets go. Furniture in brackets (`【打印本页】`) names no section and stays.
_BRACKETED_TITLE = re.compile(
    r"(?m)^([ \t]*)【[ \t]*((?:[一二三四五六七八九十" + _ROMAN + _CAPITAL + r"]{1,2}[ \t]*[、.．]|[（(][一二三四五六七八九十]{1,2}[)）]"
    r"|第[一二三四五六七八九十]{1,2}部分)[ \t]*([\u4e00-\u9fff][^\n。；;！？【】\d]{1,38}?))[ \t]*】[ \t]*$"
)


def _drop_title_brackets(match: re.Match[str]) -> str:
    return match.group(1) + match.group(2) if is_section_title(match.group(3)) else match.group()


MANY_BLANKS = re.compile(r"\n{3,}")
#: What `TRAILING_SPACE` and `LEADING_SPACE` remove (`NormalizedText.sub`'s `needs`).
SPACES = " \t"

#: Pictographs set before a line as decoration (`✅ 二、主动公开政府信息情况`, `📌 （一）主动公开`, `■ 一是…`), as
#: WeChat articles and some pages print headings and items: emoji, dingbats, geometric shapes, arrows, stars, with
#: their variation selectors and joiners. Not a dingbat number (`❶`), which numbers the item, nor `○`, a zero in
#: years typed with it (`二○二三年`). Left before a heading, the heading is no heading.
_DECORATION = "[\U0001F000-\U0001FAFF\u2600-\u2775\u2794-\u27BF\u2B00-\u2BFF\u25A0-\u25CA\u25CC-\u25FF\u2190-\u21FF\uFE0F\u200D]"
_LEADING_DECORATION = re.compile(rf"(?m)^([ \t]*){_DECORATION}+[ \t]*(?=\S)")

#: The steps of `drop_furniture` in order: (pattern, replacement, what every match of it holds
#: one of). Most reports have no bookmarks, borders, markdown or form feeds: `needs` spares the scan.
#: A line a document-sharing site (文库-style: a report reposted page by page) prints between a report's pages and
#: around it, of sixty characters at most: its name and watermark, its disclaimers, its buttons (`原创力文档
#: 预览与源文档一致，下载高清无水印`, `本文档由用户上传，内容仅供参考，如有侵权请联系删除。`, `点击阅读全文`, `剩余3页未读，
#: 继续阅读`, the uploader's fields). Dropped like a page number: inside a table or a sentence cut by the page it would stand between cells.
_REPOST_SITE_LINE = re.compile(
    r"(?m)^(?=[^\n]{1,60}$)[^\n]*?(?:预览与源文档一致|下载高清无水印|文档由用户(?:自行)?上传|如有侵权请?(?:联系|告知)|^[ \t]*(?:点击)?(?:阅读|查看)全文[ \t]*$|"
    r"剩余[ \t]*\d+[ \t]*页未读|^[ \t]*继续(?:免费)?阅读[ \t]*$|全文预览已结束|^[ \t]*(?:免费)?下载(?:文档|全文|本文档|此文档)[ \t]*$|本文档共[ \t]*\d+[ \t]*页|"
    r"可(?:免费)?预览[ \t]*\d+[ \t]*页|^[ \t]*上传(?:人|者|用户|时间)[ \t]*[:：]|^[ \t]*(?:原创力文档|道客巴巴|豆丁网?|百度文库|人人文库|金锄头文库|淘豆网|360文库|文库吧)(?:[ \t]|$))[^\n]*$"
)
_REPOST_SITE_WORDS = ("文档", "阅读", "侵权", "预览", "未读", "水印", "全文", "文库", "道客巴巴", "豆丁", "淘豆网", "上传")
FURNITURE_STEPS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], tuple[str, ...] | str], ...] = (
    (_BOOKMARK, "", ("[bookmark:",)),
    (_LONE_PIPE_LINE, "", "|"),
    (_PIPE_RUN, " ", "|"),
    (_PIPE_EDGE, "", "|"),
    (_MARKDOWN, _drop_markdown, "#>*_"),
    (_FORM_FEED, "\n", "\f"),
    (_PAGE_NUMBER_LINE, "", "-—–－页/"),
    (_REPOST_SITE_LINE, "", _REPOST_SITE_WORDS),
    (OCR_LAYER, "", ("OCR文字层",)),
    (_LEADING_DECORATION, r"\1", ()),
    (_BRACKETED_TITLE, _drop_title_brackets, "【"),
    (_OTHER_NUMERAL, _as_chinese_number, _ROMAN + _CAPITAL),
    (_NUMBER_TAB, r"\1", "\t"),
    (_NUMBER_WITHOUT_COMMA, _put_back_comma, " \t)）"),
    (_LETTER_SPACED, _close_letter_spacing, " \t"),
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
    r"^(?:[•·▪►>»]\s*)?(?:您(?:现在|当前)?所?在?的?(?:当前)?位置|当前位置|位置[:：]|首页\s*[>»/]|发布(?:时间|日期|机构|单位|者)|更新(?:时间|日期)|"
    r"信息(?:来源|提供日期)|来源[:：]|文章来源|浏览(?:次数|量)?[:：]?|点击(?:数|量|率)|阅读(?:次数|量)|查看[:：]|评论[:：]|字号|【?\s*字体|【?\s*打印|打印本页|关闭(?:窗口|本页)|"
    r"分享(?:到)?[:：]?|责任编辑|索引号|发文(?:机关|日期)|成文日期|文号[:：]|正文$|附件[:：]?\s*$|扫一扫|扫码|无障碍|本站支持|网站地图|联系我们|联络我们|"
    r"相关(?:词条|链接|文章|阅读)|上一篇|下一篇|返回顶部|投稿[:：]|日期[:：]|时间[:：]|P\.\s*\d+$|您访问的链接即将离开|"
    r"(?:联系)?电话[:：]|传真[:：]|邮编[:：]|(?:联系|通讯|单位)?地址[:：]|电子邮箱[:：]|E-?mail[:：]|"
    # A crawler's header: `标题: …`, `原文链接: …`, and its rule `==== 正文 ====`.
    r"(?:文章)?标题\s*[:：]|题目\s*[:：]|原文(?:链接|地址)|(?:链接|网址|URL)\s*[:：]|[=\-—*#]{2,}\s*(?:正文|内容|全文)?\s*[=\-—*#]{2,}\s*$|"
    # A site's footer, as crawlers keep it after the sign-off: `版权所有：…`, `主办单位：… 承办：…`, `网站标识码：…`,
    # `某ICP备…号`, `技术支持：…`.
    r"版权所有|Copyright\b|©|(?:主办|承办|协办)(?:单位)?\s*[:：]|技术支持\s*[:：]|网站(?:标识|识别)码|[\u4e00-\u9fff]?ICP备|备案号\s*[:：]|[\u4e00-\u9fff]?公网安备)",
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
#: Short lines of a site's navigation menu (`• 新闻资讯`); not a report's own bulleted titles (`• 主动公开情况`).
_MENU_ITEM = re.compile(r"^[•·▪►]\s*\S{1,12}(?<!情况)$")


#: A line of a report's sign-off: the agency's name alone, or a full date (`莆田市审计局`, `某某镇人民政府`,
#: `2020年1月2日`), `（此件主动公开）`, or a page's button labels after it (`翻译`, `搜索`, `复制`); or these
#: run together in this order, as glued text gives the sign-off (`莆田市审计局2024年1月2日（此件主动公开）`).
#: Each part at most once (the buttons excepted): a name repeated could split a long line in exponentially
#: many ways before failing.
_SIGNING_AGENCY = r"[\u4e00-\u9fff（）()]{2,24}(?:局|委员会|办公室|人民政府|中心|委|办|厅|办事处|管委会|苏木|镇|乡|街道)"
SIGNATURE_LINE = re.compile(
    r"^(?=\S)(?:" + _SIGNING_AGENCY + r")?[ \t]*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)?[ \t]*(?:[（(]此[件份][^）)]*[）)])?[ \t]*"
    r"(?:(?:翻译|搜索|复制|打印|关闭)[ \t]*)*$"
)
#: A document page's field, its name spaced out to the width of the others (`索  引  号:`, `有 效 性:`) or
#: behind a bullet, a dash, a bracket or a cell border (`- 浏览次数:`, `[ 索 引 号 ]`, `| 发文字号: |`), read
#: once the spaces and the lead are gone.
_FIELD_LEAD = re.compile(r"^[\s•·▪►\-–—\[【|]+")
_SPACED_OUT = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])")
#: The title's own field in a page's field table or a PDF's running head (`标    题: …`, `• 名称:…`,
#: `| 标 题: | … |`, `Page 4 - …`): furniture, since the page shows the title again as the report's
#: own first line; `agency.page_fields` still reads the title from it for a page that does not.
_TITLE_FIELD = re.compile(r"^(?:(?:文章)?标题|题名|名称|中文名|文件名称)\s*[:：|]\s*|^标[ \t]+题[ \t]+(?=\S)|^Page\s*\d+\s*[-—–]+\s*(?=\S)", re.IGNORECASE)


def field_line(line: str) -> str:
    """A page field's line with its lead (bullet, dash, bracket, cell border) gone and its name's spaces
    closed up (`• 标    题: 某某报告` → `标题: 某某报告`), as `page_fields` reads it; other lines as they are."""
    stripped = line.strip()
    if stripped[:1] not in _FIELD_LINE_STARTS:
        return stripped
    lead = _FIELD_LEAD.sub("", stripped)
    head, colon, rest = lead.partition(":") if ":" in lead[:12] else lead.partition("：")
    if colon and len(head) <= 12:
        return _SPACED_OUT.sub("", head).strip() + colon + rest.strip(" \t|")
    return lead


def title_field(line: str) -> str | None:
    """The title a page's title field or a running head holds (`标  题: 某某报告` → `某某报告`), or None."""
    fielded = field_line(line)
    match = _TITLE_FIELD.match(fielded)
    if match is None:
        return None
    title = fielded[match.end() :].strip(" \t|")
    return title or None
_DOCUMENT_FIELD = re.compile(
    r"^(?:索引号|主题(?:分类|词)|体裁(?:分类)?|组配分类|信息分类|发文(?:字号|机构|机关|日期)|文号|成文日期|生效日期|废止日期|"
    r"生成日期|发布(?:日期|时间|机构|者)|有效性|效力状态|时效性?|关键词|语种|信息格式|访问(?:次数|量)|浏览(?:次数|量)|"
    r"点击(?:数|量)|关联稿件|来源|来自|编辑|摘要)(?:\s*[:：\]】|]|\s|$)"
)
#: First characters of `_DOCUMENT_FIELD`'s names and leads: other lines are spared the rewriting.
_FIELD_STARTS = frozenset("索主体组信发文成生废有效时关语访浏点来编摘 \t•·▪►-–—[【|")
#: First characters of a title field's line (`_TITLE_FIELD`) and of its leads.
_TITLE_FIELD_STARTS = frozenset("标题名中文Pp \t•·▪►-–—[【|")
#: First characters of any field's line (`field_line`).
_FIELD_LINE_STARTS = _FIELD_STARTS | _TITLE_FIELD_STARTS
#: A site's own furniture: greetings, search and login, font size, language, accessibility, its menus'
#: one-word items.
_SITE_CHROME = re.compile(
    r"^(?:您好[,，!！]?\s*)?欢迎(?:访问|登录|来到|光临)|^(?:网站)?支持\s*IPv6|登录\s*\|?\s*注册|继续访问|长者模式|无障碍浏览|点击收听|"
    r"^\[\s*字体|^(?:搜索|收藏|全部|微博|政务微博|政务微信|选择语言|热门词条|[大中小]\s*[大中小]\s*[大中小])$",
    re.IGNORECASE,
)
#: What a page leaves of its machinery: a document's index number alone (`11330782051348517D/2024-547405`) or
#: its document number alone (`某教〔2022〕8号`, the page's field without its name), a hash, a path, an image
#: (`![]()`, `图片2.png`; ANNOTATION rule 8), an image's name that is a millisecond timestamp (`1675156994710`:
#: no table cell has thirteen digits).
_PAGE_MACHINERY = re.compile(
    r"^(?:[0-9A-Z]{6,}[-A-Z0-9]*/\d{4}-\d+|[0-9a-f]{24,}|/[\w./-]{8,}|!\[[^\]]*\]\([^)]*\).*|[\w\u4e00-\u9fff-]{1,40}\.(?:png|jpe?g|gif|bmp|webp)"
    r"|[\u4e00-\u9fff]{1,10}[〔\[【(（](?:19|20)\d{2}[〕\]】)）]第?\d{1,5}号|1[4-9]\d{11})$",
    re.IGNORECASE,
)


#: Longer than this and holding a full stop, a line is not furniture whatever it opens with.
_FURNITURE_CHARS = 100


def _is_document_field(stripped: str) -> bool:
    lead = _FIELD_LEAD.sub("", stripped[:40])
    return bool(_DOCUMENT_FIELD.match(lead) or _DOCUMENT_FIELD.match(_SPACED_OUT.sub("", lead)))


def _is_sentence(stripped: str) -> bool:
    """A clause, a comma, a full stop: prose, which may tell of the site's chrome (`新增长者模式和语音读屏功能。`)."""
    return stripped.endswith("。") and ("，" in stripped or "," in stripped)


def is_furniture_line(line: str) -> bool:
    """Breadcrumbs, publication dates, page fields, contact lines, share buttons, menus, site chrome: not
    report content."""
    stripped = line.strip()
    if len(stripped) > _FURNITURE_CHARS and "。" in stripped:
        return False  # a breadcrumb or a field glued onto the report's sentences (glued text) is content
    # Each shape but the first needs a character most lines lack (a figure, a bullet, an arrow):
    # looking for it first spares the patterns' search on lines of prose.
    return bool(
        _FURNITURE.match(stripped)
        or (stripped[:1] in "［[" and is_picture_line(stripped))  # a picture's place (`nlp.pictures`): no paragraph
        or (_DIGIT.search(stripped) and _DATE_LINE.match(stripped))
        or (stripped[:1] in _BULLETS and _MENU_ITEM.match(stripped))
        or (_ARROW.search(stripped) and _BREADCRUMB.match(stripped))
        or (stripped[:1] in _FIELD_STARTS and _is_document_field(stripped))
        or (stripped[:1] in _TITLE_FIELD_STARTS and title_field(stripped) is not None)
        or (len(stripped) <= 60 and _SITE_CHROME.search(stripped) and not _is_sentence(stripped))
        or (len(stripped) <= 80 and " " not in stripped and _PAGE_MACHINERY.match(stripped))
    )


#: A line of a page's fields (`2022-01-20 作者:佚名 点击数:`, `时间 : 2025-01-22 来源 : 本网`): a date
#: (with its time or weekday) and more fields or a publisher's name, or two fields; no sentence in it.
_PAGE_FIELDS = re.compile(
    r"^[•·]?\s*(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*星期.)?(?:\s.*|\s*" + _FIELD + r".*)?$"
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
