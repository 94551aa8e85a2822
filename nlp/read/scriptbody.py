"""A page whose report sits in a script, not in its visible body → the page with that body put in place.

Sites that render an article in the browser leave the visible body empty and the text in a script:
a JavaScript string (`var content = "<p>…"`, `document.write('…')`, strings joined with `+`), a state
object (`window.__INITIAL_STATE__ = {...}`, `JSON.parse('…')`), a template (`<script type="text/template">`,
`<template>`) or a hidden `<textarea>`. `html_to_text` skips all of these, as a browser shows none of
them, and such a page read as nothing but its menus.

`script_body_page` is asked only after the visible text is known, and gives a page only where a
string holds at least twice the Chinese of the whole visible text (`TAKEN_OVER_VISIBLE`), so a page
whose report is visible reads as before whatever its scripts hold. The chosen string
(`nlp.read.bodies.best_body`) replaces the element it came from (at the start of `<body>` where that
element is in `<head>`), so the report stands where the page would draw it, between its header and footer.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from nlp.read.bodies import MIN_BODY_CHINESE, Body, best_body, body_name, chinese_count, is_markup, make_body
from nlp.read.jsontext import json_bodies

#: A script's string must hold this many times the Chinese characters of the page's visible text: the
#: report, not a copy of what the page shows (a print or share script) nor a menu.
TAKEN_OVER_VISIBLE = 2
#: `<script type=…>` values whose content is markup, not JavaScript.
_TEMPLATE_TYPES = ("text/template", "text/html", "text/x-template", "text/x-handlebars-template", "text/x-jsrender", "text/ng-template")
#: The inside of a JavaScript string literal, by its quote: escapes inside; a line ends a quoted one.
_LITERAL_BODY = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*', re.DOTALL),
    "'": re.compile(r"(?:[^'\\\n]|\\.)*", re.DOTALL),
    "`": re.compile(r"(?:[^`\\]|\\.)*", re.DOTALL),
}
_QUOTE = re.compile(r"[\"'`]")
_JOIN = re.compile(r"\s*\+\s*")
#: What stands before a literal: the variable, property or call it is given to.
_ASSIGNED = re.compile(r"(?<![\w$.])(?:([\w$][\w$.]*)\s*(?:=|:)|([\w$][\w$.]*)\s*\()\s*$")
#: A state object given to a variable as JSON: `window.__INITIAL_STATE__ = {"…`, `var data = [{`.
#: (A name starts after no name character: tried from inside a long word, each start would rescan it.)
_STATE = re.compile(r"(?<![\w$.])([\w$][\w$.]*)\s*=\s*(?=\{\s*\"|\[\s*[\[{\"])")
#: Assignments of JSON-like values tried per script: a failed parse costs the script's length (the
#: decoder's error counts the lines before it), so a script of thousands of object literals is bounded.
_MAX_STATES = 100
_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.DOTALL)
_JS_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": "", "\r\n": "", "\r": "", "\u2028": "", "\u2029": ""}
_PLACEHOLDER = "govreport-script-body"


def script_body_page(root, visible_text: str) -> str | None:
    """The page (as HTML) with the report from its scripts put in place, or None where the visible text
    is the page's text (no script string holds `TAKEN_OVER_VISIBLE` times its Chinese)."""
    from lxml import etree

    # Sizes first, Chinese counted only where a string could be large enough: most pages' scripts are small.
    sizes = [(element, _source_chars(element)) for element in root.iter("script", "template", "textarea")]
    if max((size for _, size in sizes), default=0) < TAKEN_OVER_VISIBLE * MIN_BODY_CHINESE:
        return None
    least = TAKEN_OVER_VISIBLE * chinese_count(visible_text)
    hidden = [element for element, size in sizes if size >= least]
    if not hidden:
        return None
    found: list[tuple[Body, object]] = []
    for index, element in enumerate(hidden, 1):
        found.extend((body, element) for body in _element_bodies(element, f"{element.tag} {index}"))
    best = best_body(body for body, _ in found)
    if best is None or best.chinese < least:
        return None
    element = next(element for body, element in found if body is best)
    placeholder = etree.Element("div", id=_PLACEHOLDER)
    head = next((a for a in element.iterancestors() if isinstance(a.tag, str) and a.tag.lower() == "head"), None)
    body = root.find(".//body")
    if head is not None and body is not None:
        element.getparent().remove(element)
        body.insert(0, placeholder)
    else:
        placeholder.tail = element.tail  # the text after the element is the page's, and stays
        element.getparent().replace(element, placeholder)
    markup = best.text if is_markup(best.text) else "<br>".join(html.escape(line) for line in best.text.splitlines())
    page = etree.tostring(root, encoding="unicode", method="html")
    return page.replace(f'<div id="{_PLACEHOLDER}"></div>', f"<div>{markup}</div>", 1)


def _source_chars(element) -> int:
    """Characters of the element's source: a bound on the Chinese any string in it holds."""
    from lxml import etree

    if element.tag == "script" or not len(element):
        return len(element.text or "")
    return len(etree.tostring(element, encoding="unicode"))


def _element_bodies(element, where: str) -> list[Body]:
    from lxml import etree

    tag = element.tag
    kind = (element.get("type") or "").strip().lower()
    inner = (element.text or "") + "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    if tag == "script" and kind not in _TEMPLATE_TYPES:
        return list(script_bodies(inner, where))
    if tag == "textarea":
        inner = html.unescape(inner) if "<" not in inner else inner  # written escaped, as a textarea holds markup
    return [make_body(where, inner, True)]


def script_bodies(script: str, where: str) -> list[Body]:
    """The strings of a script that may be a body: string literals (joined where `+` joins them), named by
    what they are given to, and the strings of JSON values given to a variable or in a string literal."""
    bodies: list[Body] = []
    literals = list(_literals(script))
    index = 0
    while index < len(literals):
        start, end = literals[index]
        parts = [_js_string(script[start:end])]
        while index + 1 < len(literals) and _JOIN.fullmatch(script[end:literals[index + 1][0]]):
            index += 1
            parts.append(_js_string(script[slice(*literals[index])]))
            end = literals[index][1]
        index += 1
        text = "".join(parts)
        if len(text) < MIN_BODY_CHINESE:  # holds no body, nor JSON holding one: most of a script's strings
            continue
        assigned = _ASSIGNED.search(script[max(0, start - 80):start])
        name = (assigned.group(1) or assigned.group(2)) if assigned else ""
        inner = _json_value(text)
        if inner is not None:
            bodies.extend(body for body, _ in json_bodies(inner, f"{where} {name or 'string'}")[0])
        else:
            bodies.append(make_body(f"{where} {name or 'string'}", text, body_name(name) or name.endswith("write")))
    decoder = json.JSONDecoder()
    decoded_to = 0  # the end of the last value read: an assignment inside it is part of it, not read again
    for tried, state in enumerate(_STATE.finditer(script)):
        if tried >= _MAX_STATES:
            break
        if state.start() < decoded_to:
            continue
        try:
            value, decoded_to = decoder.raw_decode(script, state.end())
        except (ValueError, RecursionError):  # a JavaScript object, not JSON (unquoted keys, functions)
            continue
        bodies.extend(body for body, _ in json_bodies(value, f"{where} {state.group(1)}")[0])
    return bodies


def _literals(script: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each string literal of a script, quotes included, in one pass: a quote that does not
    close (in a comment, a regular expression) is passed over from where its line or the script ends, so no
    text is scanned twice."""
    position = 0
    while quote := _QUOTE.search(script, position):
        start = quote.start()
        end = _LITERAL_BODY[quote.group()].match(script, start + 1).end()
        if end < len(script) and script[end] == quote.group():
            yield start, end + 1
            position = end + 1
        else:
            position = max(end, start + 1)


def _json_value(text: str) -> object | None:
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] not in "[{":
        return None
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        return None


def _js_string(literal: str) -> str:
    """The value of a JavaScript string literal (its quotes taken off, its escapes undone)."""
    text = _JS_ESCAPE.sub(_unescape, literal[1:-1])
    try:  # characters outside the BMP are written as two `\\u` escapes: join each pair
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:  # a lone half of a pair: kept as it is
        return text


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape.startswith("u{"):
        return chr(min(int(escape[2:-1], 16), 0x10FFFF))
    if escape.startswith("u") and len(escape) == 5:
        return chr(int(escape[1:], 16))
    if escape.startswith("x") and len(escape) == 3:
        return chr(int(escape[1:], 16))
    return _JS_SIMPLE.get(escape, escape)
