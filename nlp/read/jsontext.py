"""A JSON or JSONP response, as a crawler saves what a site's API sent → the report's text.

Many government sites serve an article's body through an API (`{"code":0,"data":{"title":…,"content":
"<p>…"}}`), or wrap it in a callback (`cb({...})`, JSONP); crawlers save the response as is. Read as text
it was `\\u653f`-style escapes and field names. Here the stdlib `json` parses it (a JSONP callback, an
anti-hijacking prefix such as `)]}'`, and several records one a line are taken off first), strings that
hold JSON again (an API that encodes its `data` twice) are parsed in turn, and the report's body is the
string `nlp.read.bodies.best_body` chooses. Its title, publisher, source and date fields (from the body's own
object, else the objects around it) are put in front as a crawler's header (`标题：…`), which
`nlp.structure` reads as it reads any crawled page's header. A body in markup is read as a page
(`html_to_text`), else as text. JSON without such a string is refused, naming the fields it has.

Before a batch reads its inputs, `json_shape` tells what a `.json` found in a folder or an archive holds: no article
(a crawler's configuration, an empty list: no input, `nlp.inputarchives.json_inputs`), one report (also a broken
article, whose reading says what is wrong), or a list of articles (`json_articles`), each read as a report of its own
(`json_text(…, article=N, at=PATH)`). The listing's judgement travels with each article's input as its `PATH` in the
JSON value (keys and indexes), so that reading one article walks to it instead of finding every article again.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from nlp.errors import ReadError
from nlp.read.bodies import MIN_BODY_CHINESE, Body, best_body, body_name, chinese_count, is_markup, make_body
from nlp.read.limits import ReadLimits, check_chars

#: An anti-hijacking prefix some APIs put before their JSON (`)]}'`, `while(1);`, `for(;;);`).
_GUARD = re.compile(r"\A\s*(?:\)\]\}',?|while\s*\(\s*1\s*\)\s*;|for\s*\(\s*;\s*;\s*\)\s*;)")
#: A JSONP response: a callback name (dotted, optionally after `/**/` or `typeof cb === 'function' &&`) around the JSON.
_JSONP = re.compile(r"\A\s*(?:/\*\*/\s*)?(?:typeof\s+[\w$.]+\s*===?\s*['\"]function['\"]\s*&&\s*)?[A-Za-z_$][\w$.]*\s*\(\s*(?=[\[{\"])")
#: JSON's start: an object with a key or empty, an array of objects, arrays or strings, or a string holding
#: JSON (encoded twice). Not an array of numbers: a text may open with `[1]`, and such an array holds no report.
_JSON_START = re.compile(r'\A\s*(?:\{\s*(?:"|\})|\[\s*[\[{"\]]|"\s*[\[{])')
#: Strings that are themselves JSON are parsed at most this many times along one path.
_MAX_REENCODED = 3
#: A field's value that is a title, a date or a publisher, not a body: at most this long.
_MAX_FIELD_CHARS = 200
_FIELD_WORDS = {
    "title": ("title", "标题", "headline", "subject"),
    "published": ("pubdate", "publishdate", "publishtime", "releasetime", "releasedate", "pubtime", "date", "time", "日期", "时间"),
    "publisher": ("publisher", "agency", "organ", "dept", "unit", "机构", "单位"),
    # A source is often another site or `本网`, never taken for the report's agency (`nlp.agency.page_fields`).
    "source": ("source", "来源"),
}
_HEADER_LABELS = {"title": "标题", "publisher": "发布机构", "source": "来源", "published": "发布时间"}
_CHINA_TIME = timezone(timedelta(hours=8))


def looks_like_json(text: str) -> bool:
    """The text is a JSON value (an object, an array, a string holding JSON) or a JSONP response."""
    head = _GUARD.sub("", text[:4096], count=1)
    return bool(_JSON_START.match(head) or _JSONP.match(head))


def parse_json(text: str, name: str) -> object:
    """The JSON value of a response: a guard prefix and a JSONP callback taken off; several records one a
    line (JSON Lines) are an array. A text that does not parse raises a `ReadError` saying where."""
    text = _GUARD.sub("", text, count=1)
    callback = _JSONP.match(text)
    if callback:
        text = re.sub(r"\)\s*;?\s*\Z", "", text[callback.end():])
    try:
        return json.loads(text)
    except RecursionError:
        raise ReadError(name, "a JSON file nested too deeply to read") from None
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            records = _json_lines(text)
            if records is not None:
                return records
        raise ReadError(name, f"a JSON file that does not parse (line {exc.lineno}, column {exc.colno}: {exc.msg}); was it saved whole?") from None


def _json_lines(text: str) -> list[object] | None:
    records = []
    for line in text.splitlines():
        if line.strip():
            try:
                records.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError):
                return None
    return records


def json_text(text: str, name: str, limits: ReadLimits, article: int | None = None, at: JsonPath | None = None) -> str:
    """The report in a JSON or JSONP response: its header fields, then its body as text. `article`: the
    article of that number in a response that lists several (`json_articles`), else the one with the most text;
    `at`: where that article's object is (`JsonShape.articles`), so that the others are not looked at."""
    return value_text(json_value(text, name), name, limits, article, at)


def json_value(text: str, name: str) -> object:
    """The JSON value of a response (`parse_json`), each string that holds JSON again parsed in turn (`decode_nested`)."""
    return decode_nested(parse_json(text, name))


def value_text(value: object, name: str, limits: ReadLimits, article: int | None = None, at: JsonPath | None = None) -> str:
    """`json_text` of a response's value (`json_value`), which it does not change: a reader of several articles
    of one file parses it once."""
    if is_results_json(value):
        raise ReadError(name, f"{_RESULTS}, not a report: read the report itself")
    if article is not None and at is not None:
        bodies, fields = _bodies_at(value, at)
        if best_body(body for body, _ in bodies) is None:
            raise ReadError(name, f"no article {article} in the JSON file where it was listed; was the file changed?")
    else:
        bodies, fields = json_bodies(value)
    if article is not None and at is None:
        articles = json_articles(value, bodies)
        if not 0 <= article < len(articles):
            raise ReadError(name, f"no article {article} in the JSON file (it lists {len(articles)}); was the file changed?")
        bodies = articles[article]
    body = best_body(body for body, _ in bodies)
    if body is None:
        shown = ", ".join(fields[:12]) + (", …" if len(fields) > 12 else "") or "none"
        raise ReadError(name, f"a JSON file with no report text: fields {shown}")
    chain = next(chain for candidate, chain in bodies if candidate is body)
    header = [f"{_HEADER_LABELS[kind]}：{value}" for kind, value in header_fields(chain, body.text).items()]
    if is_markup(body.text):
        from nlp.read.htmltext import html_to_text

        text = html_to_text(body.text, limits=limits, name=name)
    else:
        text = body.text
    return check_chars("\n".join(header + [text.strip("\n")]) + "\n", name, limits)


_RESULTS = "govreport's own analysis of a report (a results JSON)"


def is_results_json(value: object) -> bool:
    """govreport's own per-report results (`reports/NAME.json`), which a folder of inputs may hold."""
    return isinstance(value, dict) and {"schema_version", "doc_id", "sections"} <= value.keys()


Bodies = list[tuple[Body, tuple[dict, ...]]]
#: Where a value sits in a JSON value: the keys and indexes from the top (after `decode_nested`).
JsonPath = tuple[str | int, ...]


def _bodies_at(value: object, at: JsonPath) -> tuple[Bodies, list[str]]:
    """`json_bodies` of the object at `at` only, each with the objects around it from the top (so that its header
    fields are found as in the whole value); nothing where the path leads nowhere or not to an object."""
    chain: tuple[dict, ...] = ()
    item = value
    for step in at:
        if isinstance(item, dict):
            chain = (*chain, item)
        try:
            item = item[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return [], []
    if not isinstance(item, dict):
        return [], []
    return json_bodies(item, _path_name(at), chain)


def _path_name(at: JsonPath) -> str:
    """A path as `json_bodies` names fields (`data.list[3]`)."""
    name = ""
    for step in at:
        name = f"{name}[{step}]" if isinstance(step, int) else f"{name}.{step}" if name else str(step)
    return name


def decode_nested(value: object) -> object:
    """The value with each string that is itself JSON (an API that encodes its `data` twice) replaced by its
    value, up to `_MAX_REENCODED` times along a path: the objects of a list encoded so are then objects too."""
    root = [value]
    stack: list[tuple[dict | list, int]] = [(root, 0)]
    while stack:
        container, reencoded = stack.pop()
        for key, child in (container.items() if isinstance(container, dict) else enumerate(container)):
            if isinstance(child, str) and reencoded < _MAX_REENCODED:
                inner = _json_inside(child)
                if inner is not None:
                    container[key] = inner
                    stack.append((inner, reencoded + 1))
            elif isinstance(child, dict | list):
                stack.append((child, reencoded))
    return root[0]


def json_articles(value: object, bodies: Bodies | None = None) -> list[Bodies]:
    """The articles of a response that lists several, each as its candidate bodies (`articles_of`)."""
    return [held for _, held in articles_of(value, bodies)]


def articles_of(value: object, bodies: Bodies | None = None) -> list[tuple[JsonPath, Bodies]]:
    """The articles of a response that lists several (an API's page of results, `{"data":{"list":[{title,
    content}, …]}}`, or records one a line), each as its candidate bodies; [] for a response of one article.

    The articles are the objects of the outermost list of which two or more each have a title and a body
    (`best_body`), and only where the response's best body is in one of them: a single article's list of
    related articles, or its paragraphs given as objects without titles, do not make it a list. Objects of
    the list without a body of their own (a notice's summary) are no articles. Each with its object's path."""
    bodies = json_bodies(value)[0] if bodies is None else bodies
    best = best_body(body for body, _ in bodies)
    if best is None:
        return []
    held: dict[int, Bodies] = {}  # the bodies inside each object, by the object's id
    for body, chain in bodies:
        for holder in chain:
            held.setdefault(id(holder), []).append((body, chain))
    best_holders = {id(holder) for holder in next(chain for body, chain in bodies if body is best)}
    queue: deque[tuple[object, JsonPath]] = deque([(value, ())])
    while queue:
        item, at = queue.popleft()
        if isinstance(item, dict):
            queue.extend((child, (*at, key)) for key, child in item.items())
        elif isinstance(item, list):
            articles = [(index, child) for index, child in enumerate(item) if isinstance(child, dict) and _is_article(child, held.get(id(child), []))]
            if len(articles) >= 2 and any(id(article) in best_holders for _, article in articles):
                return [((*at, index), held[id(article)]) for index, article in articles]
            queue.extend((child, (*at, index)) for index, child in enumerate(item))
    return []


def _is_article(item: dict, bodies: Bodies) -> bool:
    body = best_body(body for body, _ in bodies)
    if body is None:
        return False
    chain = next(chain for candidate, chain in bodies if candidate is body)
    inner = chain[next(i for i, holder in enumerate(chain) if holder is item) :]
    return "title" in header_fields(inner, body.text)


@dataclass(frozen=True)
class JsonShape:
    """What a JSON file holds, as a listing of inputs asks before reading it (`json_shape`)."""

    #: Reports to read in it: 0 (none: not a report), 1 (the file, also where reading it will say what is
    #: wrong), or the number of articles it lists (`json_articles`).
    reports: int
    #: Why it holds none, for the note of files skipped.
    why: str = ""
    #: Where each article of a list is (`articles_of`), for its reader (`json_text(…, at=)`); () for one report.
    articles: tuple[JsonPath, ...] = ()


def json_shape(text: str, name: str) -> JsonShape:
    """How many reports a JSON response holds, told from its content: none where no field holds an article's
    text (a crawler's configuration or metadata, a package.json, an empty list, govreport's own results);
    one where it is an article, or looks like one but is broken (cut short, an article's field without its
    text: reading it says what is wrong); or each article of a list."""
    try:
        value = json_value(text, name)
    except ReadError:
        # Cut short or damaged: an error where it holds text (an article's), else a file of some other use.
        return JsonShape(1) if _ESCAPED_CHINESE.search(text) or chinese_count(text) or is_markup(text) else JsonShape(0, "a JSON file that does not parse and holds no text")
    if is_results_json(value):
        return JsonShape(0, _RESULTS)
    bodies, fields = json_bodies(value)
    if best_body(body for body, _ in bodies) is None:
        if _article_field(value):
            return JsonShape(1)
        if not fields:
            return JsonShape(0, "a JSON file without a field (an empty list or object)")
        shown = ", ".join(fields[:6]) + (", …" if len(fields) > 6 else "")
        return JsonShape(0, f"a JSON file with no article text (fields {shown})")
    paths = tuple(at for at, _ in articles_of(value, bodies))
    return JsonShape(len(paths) or 1, articles=paths)


#: A Chinese character escaped as JSON writes it (`\u653f`): a cut response of an API that escapes all it sends.
_ESCAPED_CHINESE = re.compile(r"\\u(?:[4-9][0-9a-fA-F]{3}|3[4-9a-fA-F][0-9a-fA-F]{2})")


def _article_field(value: object) -> bool:
    """A field named for an article's body (`content`, `正文` …) holds Chinese or markup: an article whose text
    is missing or short, not a file of another use."""
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, key = stack.pop()
        if isinstance(item, str):
            if body_name(key) and (chinese_count(item) or is_markup(item)):
                return True
        elif isinstance(item, dict):
            stack.extend((child, str(child_key)) for child_key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, key) for child in item)
    return False


def json_bodies(value: object, prefix: str = "", chain: tuple[dict, ...] = ()) -> tuple[list[tuple[Body, tuple[dict, ...]]], list[str]]:
    """Every string of a JSON value that may be a body (a string, or a list of strings joined a line each),
    with the objects that hold it (outermost first, after `chain`: the objects around `value`); and the paths
    of all its fields, for error messages.

    Walked with an explicit stack: the depth of a JSON value is the parser's limit, not Python's."""
    bodies: list[tuple[Body, tuple[dict, ...]]] = []
    fields: list[str] = []
    stack: list[tuple[object, str, str, tuple[dict, ...], int]] = [(value, prefix, "", chain, 0)]
    while stack:
        item, path, key, chain, reencoded = stack.pop()
        if isinstance(item, str):
            inner = _json_inside(item) if reencoded < _MAX_REENCODED else None
            if inner is not None:
                stack.append((inner, path, key, chain, reencoded + 1))
            else:
                fields.append(path or "(the whole file)")
                if len(item) >= MIN_BODY_CHINESE:  # shorter strings hold no body: not counted
                    bodies.append((make_body(path or "(the whole file)", item, body_name(key)), chain))
        elif isinstance(item, dict):
            inner_chain = (*chain, item)
            for child_key, child in reversed(item.items()):
                stack.append((child, f"{path}.{child_key}" if path else str(child_key), str(child_key), inner_chain, reencoded))
        elif isinstance(item, list):
            if len(item) > 1 and all(isinstance(child, str) for child in item):  # a body given as its paragraphs
                fields.append(path)
                bodies.append((make_body(path, "\n".join(item), body_name(key)), chain))
                continue
            for index in range(len(item) - 1, -1, -1):
                stack.append((item[index], f"{path}[{index}]", key, chain, reencoded))
        elif path:
            fields.append(path)
    return bodies, fields


def _json_inside(text: str) -> object | None:
    """The value of a string that is itself JSON (an object or array), else None."""
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] not in "[{" or stripped[-1] not in "]}":
        return None
    try:
        inner = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
    return inner if isinstance(inner, dict | list) else None


def header_fields(chain: tuple[dict, ...], body: str) -> dict[str, str]:
    """The title, publisher, source and date of the body's article: from the object holding the body, else from
    the objects around it (innermost first); the first field of each kind whose value fits."""
    found: dict[str, str] = {}
    for holder in reversed(chain):
        for key, value in holder.items():
            kind = _field_kind(str(key))
            if kind is None or kind in found or value is body:
                continue
            text = _field_value(kind, value)
            if text:
                found[kind] = text
    return {kind: found[kind] for kind in _HEADER_LABELS if kind in found}


def _field_kind(key: str) -> str | None:
    word = key.lower().replace("_", "").replace("-", "")
    if word.startswith("sub") or word.endswith(("id", "url", "link")):  # a subtitle, `sourceId`, `titleUrl`
        return None
    for kind, words in _FIELD_WORDS.items():
        if any(part in word for part in words):
            return kind
    return None


def _field_value(kind: str, value: object) -> str:
    if kind == "published" and isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since 1970, as most APIs give them
        if 0 < seconds < 4e9:
            return datetime.fromtimestamp(seconds, _CHINA_TIME).strftime("%Y-%m-%d")
        return ""
    if not isinstance(value, str):
        return ""
    text = re.sub(r"<[^<>]*>", "", value)
    text = re.sub(r"\s+", " ", text).strip()
    return text if 0 < len(text) <= _MAX_FIELD_CHARS else ""
