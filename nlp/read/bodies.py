"""Which of the strings a crawled page or API response holds is the report's body.

A site that serves an article through a JSON API, or writes it into the page from a script, leaves the
report in one string among many (ids, titles, menus, dates). The body is told apart by what it holds,
not by where a given site puts it: the most Chinese text once markup is taken away, and a field named
for an article's body (`content`, `contentHtml`, `articleBody`, `正文` …) preferred over another string
that holds nearly as much (a summary, a menu). `jsontext` (API responses) and `scriptbody` (pages whose
body sits in a script) both choose here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Chinese characters a string needs to be taken for a report's body: every section of an annual report
#: is longer than this, and a title, a date line or a breadcrumb is shorter.
MIN_BODY_CHINESE = 100
#: A named body field is preferred over a larger unnamed string when it holds at least this share of its
#: Chinese (the unnamed one is then a page's whole text or a copy with furniture around it).
NAMED_SHARE = 0.5

#: Runs of Chinese characters: counted by their lengths, a third of the time of one match a character (a JSON file
#: is looked at when a folder is listed, `nlp.read.jsontext.json_shape`).
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff]+")
#: Markup tags a body in a JSON field or script string is written with (an article's HTML).
_MARKUP = re.compile(r"<\s*/?\s*(?:p|div|br|table|tbody|tr|td|th|span|font|strong|b|h[1-6]|section|article|ul|ol|li|img|a|center)\b[^<>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
#: Words in a field name that say it holds an article's body (lowercase; `_`/`-` removed before matching).
_BODY_NAME_WORDS = ("content", "body", "article", "text", "html", "detail", "正文", "内容", "全文")


@dataclass(frozen=True)
class Body:
    """A string that may hold the report, with what it was found as."""

    #: Where it was found, as an error message names it (`data.content`, `script 2`).
    where: str
    text: str
    #: Its field's name says it holds an article's body.
    named: bool
    #: Chinese characters in it once its markup is taken away.
    chinese: int


def is_markup(text: str) -> bool:
    """The string is an article's HTML (it holds at least one block or inline tag), not plain text."""
    return bool(_MARKUP.search(text))


def chinese_count(text: str) -> int:
    """Chinese characters in `text`, tags not counted (cheap: no parse)."""
    return sum(map(len, _CHINESE_RUN.findall(_TAG.sub("", text) if "<" in text else text)))


def body_name(key: str) -> bool:
    """A field or variable name that says it holds an article's body (`content`, `articleHtml`, `zw_text`)."""
    word = key.lower().replace("_", "").replace("-", "")
    return any(part in word for part in _BODY_NAME_WORDS)


def make_body(where: str, text: str, named: bool) -> Body:
    return Body(where, text, named, chinese_count(text))


def best_body(candidates: Iterable[Body], least: int = MIN_BODY_CHINESE) -> Body | None:
    """The string most likely the report's body, None where none holds `least` Chinese characters."""
    sized = [body for body in candidates if body.chinese >= least]
    if not sized:
        return None
    most = max(body.chinese for body in sized)
    named = [body for body in sized if body.named and body.chinese >= NAMED_SHARE * most]
    return max(named or sized, key=lambda body: body.chinese)
