"""Damage to characters: text decoded with the wrong codec, markup left in text, other line breaks,
zero-width spaces, years in Chinese numerals. Re-exported by tests.damage."""

from __future__ import annotations

import re
from collections.abc import Callable


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


_SECTION_TITLE_LINE = re.compile(r"^[一二三四五六七八九十]{1,2}、.{2,30}$")
#: What a converter escapes in Markdown where it would read as a mark: a list number's dot at a line's start,
#: and `*`, `_`, `[`, `]` anywhere.
_ORDERED_MARKER = re.compile(r"^(\d+)\.")
_MARK_CHARACTERS = re.compile(r"([*_\[\]])")


def markdown_export(text: str) -> str:
    """The report as a converter writes a Word file to Markdown (pandoc, markitdown): section titles as `##`
    headings, list numbers and mark characters escaped (`1\\.`, `\\*`), tables as
    pipe rows under a `|---|` rule, pictures as image links (`![](media/image1.png)`)."""
    out: list[str] = []
    in_table = False
    for index, line in enumerate(re.split(r"\r?\n", text)):
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "|".join("---" for _ in cells) + "|")
            in_table = True
            continue
        if not line.strip():
            if not in_table:  # a table's rows stay together, or Markdown would read several tables
                out.append("")
            continue
        if in_table:
            out.append("")
        in_table = False
        escaped = _MARK_CHARACTERS.sub(r"\\\1", _ORDERED_MARKER.sub(r"\1\\.", line.strip()))
        if _SECTION_TITLE_LINE.match(line.strip()):
            out.extend(("", "## " + escaped, ""))
        else:
            out.append(escaped)  # a line of the source stays a line: where it was a paragraph's wrap, it still is
        if index == 0:
            out.extend((f"![图片{index + 1}](media/image{index + 1}.png)", ""))
    return "\n".join(out)


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
