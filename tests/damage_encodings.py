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


#: A line a converter writes as a list item: an item number or `一是` at its start.
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]是|[（(][一二三四五六七八九十]{1,2}[）)])")
#: A label cell this long (characters) holds a line break in the Word table: `<br>` in the converter's cell.
_BROKEN_CELL_CHARS = 12


def _pipe_row(cells: list[str], outer: bool) -> str:
    return "| " + " | ".join(cells) + " |" if outer else " | ".join(cells)


def markdown_export(
    text: str,
    setext: bool = False,
    list_items: bool = False,
    quotes: bool = False,
    cell_breaks: bool = False,
    outer_pipes: bool = True,
    empty_header: bool = False,
) -> str:
    """The report as a converter writes a Word file to Markdown (pandoc, markitdown): section titles as `##`
    headings, list numbers and mark characters escaped (`1\\.`, `\\*`), tables as
    pipe rows under a `|---|` rule, pictures as image links (`![](media/image1.png)`).

    The variants other converters and settings write: `setext` headings (the title underlined by `===`, section
    titles by `---`); `list_items`, lines opening with an item number or `一是` as list items (`- `, `* ` in turn,
    the number kept); `quotes`, the overview's paragraphs as a block quote (`> `); `cell_breaks`, a long label's
    line break kept in its cell as `<br>`; tables without `outer_pipes` (`规章 | 0 | 0`, rule `---|---`); and
    `empty_header`, each table under an empty header row (its own header rows in the body), as converters write a
    table whose first row is not marked as a header."""
    out: list[str] = []
    in_table = False
    section = 0
    items = 0
    for index, line in enumerate(re.split(r"\r?\n", text)):
        if "\t" in line:
            cells = line.split("\t")
            if cell_breaks:
                cells = [cell[: len(cell) // 2] + "<br>" + cell[len(cell) // 2 :] if len(cell) >= _BROKEN_CELL_CHARS else cell for cell in cells]
            if not in_table and empty_header:
                out += [_pipe_row([" "] * len(cells), outer_pipes), _pipe_row(["---"] * len(cells), outer_pipes)]
            out.append(_pipe_row(cells, outer_pipes))
            if not in_table and not empty_header:
                out.append(_pipe_row(["---"] * len(cells), outer_pipes).replace(" ", "") if not outer_pipes else "|" + "|".join("---" for _ in cells) + "|")
            in_table = True
            continue
        if not line.strip():
            if not in_table:  # a table's rows stay together, or Markdown would read several tables
                out.append("")
            continue
        if in_table:
            out.append("")
        in_table = False
        stripped = line.strip()
        escaped = _MARK_CHARACTERS.sub(r"\\\1", _ORDERED_MARKER.sub(r"\1\\.", stripped))
        if _SECTION_TITLE_LINE.match(stripped):
            section += 1
            out.extend(("", escaped, "-" * max(3, len(escaped)), "") if setext else ("", "## " + escaped, ""))
        elif index == 0 and setext:
            out.extend((escaped, "=" * max(3, len(escaped))))
        elif list_items and _LIST_ITEM.match(stripped):
            out.append(("- ", "* ")[items % 2] + stripped)  # the item's own number stays: no escape needed
            items += 1
        elif quotes and section == 1:
            out.append("> " + escaped)
        else:
            out.append(escaped)  # a line of the source stays a line: where it was a paragraph's wrap, it still is
        if index == 0:
            out.extend((f"![图片{index + 1}](media/image{index + 1}.png)", ""))
    return "\n".join(out)


#: Markdown as other converters and settings write it (`markdown_export`'s variants), by name.
MARKDOWN_VARIANTS: dict[str, Callable[[str], str]] = {
    "markdown_setext": lambda text: markdown_export(text, setext=True),
    "markdown_list_items": lambda text: markdown_export(text, list_items=True),
    "markdown_quotes": lambda text: markdown_export(text, quotes=True),
    "markdown_cell_breaks": lambda text: markdown_export(text, cell_breaks=True),
    "markdown_no_outer_pipes": lambda text: markdown_export(text, outer_pipes=False),
    "markdown_empty_header": lambda text: markdown_export(text, empty_header=True),
}


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


#: Words these reports use everywhere, with the pinyin a word-level converter prints after them.
_GLOSSED_WORDS = {
    "政府": "zhèng fǔ", "信息": "xìn xī", "公开": "gōng kāi", "实现": "shí xiàn", "工作": "gōng zuò", "申请": "shēn qǐng",
    "年度": "nián dù", "报告": "bào gào", "推进": "tuī jìn", "加强": "jiā qiáng", "规范": "guī fàn", "群众": "qún zhòng",
    "网站": "wǎng zhàn", "制度": "zhì dù", "政策": "zhèng cè", "解读": "jiě dú", "落实": "luò shí", "平台": "píng tái",
    "问题": "wèn tí", "情况": "qíng kuàng", "建设": "jiàn shè", "管理": "guǎn lǐ", "服务": "fú wù", "监督": "jiān dū",
    "条例": "tiáo lì", "办理": "bàn lǐ", "答复": "dá fù", "重点": "zhòng diǎn", "领域": "lǐng yù", "机制": "jī zhì",
    "的": "de", "们": "men",
}
_GLOSSABLE = re.compile("|".join(sorted(_GLOSSED_WORDS, key=len, reverse=True)))


def pinyin_glossed_words(text: str, every: int = 2) -> str:
    """Pinyin after every `every`-th common word, in the shapes word-level converters print it: syllables apart
    (`政府(zhèng fǔ)`), run together (`实现（shíxiàn）`), in half- and full-width brackets."""
    count = iter(range(len(text)))

    def glossed(match: re.Match[str]) -> str:
        index = next(count)
        if index % every:
            return match.group(0)
        reading = _GLOSSED_WORDS[match.group(0)]
        if index // every % 2:
            reading = reading.replace(" ", "")
        opening, closing = ("(", ")") if index // every % 3 else ("（", "）")
        return f"{match.group(0)}{opening}{reading}{closing}"

    return _GLOSSABLE.sub(glossed, text)


#: Text decoded with the wrong codec by a crawler and saved as UTF-8 (`nlp.normalize.mojibake` undoes it).
MOJIBAKE_TRANSFORMS: dict[str, Callable[[str], str]] = {
    "utf8_read_as_latin1": utf8_read_as_latin1,
    "gbk_read_as_cp1252": gbk_read_as_cp1252,
    "utf8_read_as_gbk": utf8_read_as_gbk,
}
