"""Hand-written transformations that turn a clean report into what a crawler saves
from the agency's web page.  Each step takes and returns a list of lines; narrative is
never dropped or reordered (check_set.py verifies it)."""

import textwrap

IDEOGRAPHIC_SPACE = "\u3000"


def _is_table(line: str) -> bool:
    return "\t" in line


def breadcrumb(lines, meta):
    site = meta.get("site", meta["agency"])
    return [f"{site}", "首页 > 政务公开 > 政府信息公开年报", "【字体：大 中 小】", ""] + lines


def index_block(lines, meta):
    y = int(meta["year"]) + 1
    return [
        f"索引号：{meta.get('index', '000000000/' + str(y) + '-00012')}",
        f"发布机构：{meta['agency']}",
        f"发布日期：{y}-01-{meta.get('day', '20')}",
        "浏览次数：" + meta.get("views", "356"),
    ] + lines


def footer(lines, meta):
    return lines + ["", "打印本页 关闭窗口", f"主办：{meta['agency']}  技术支持：本站"]


def attachment(lines, meta):
    return lines + [f"附件：{meta['title']}.docx"]


def cells_per_line(lines, meta):
    out = []
    for line in lines:
        out.extend(line.split("\t") if _is_table(line) else [line])
    return out


def indent(lines, meta):
    return [IDEOGRAPHIC_SPACE * 2 + ln if len(ln) > 30 and not _is_table(ln) else ln for ln in lines]


def wrap(lines, meta):
    width = int(meta.get("wrap", "38"))
    out = []
    for line in lines:
        if _is_table(line) or len(line) <= width:
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_on_hyphens=False, drop_whitespace=False))
    return out


def glue_heading(lines, meta):
    """A short heading line glued to the line after it (the page set it inline)."""
    out, i = [], 0
    while i < len(lines):
        ln = lines[i]
        if (
            i + 1 < len(lines)
            and 0 < len(ln) <= 16
            and ln[:1] in "一二三四五六（"
            and not ln.endswith("。")
            and "\t" not in lines[i + 1]
            and lines[i + 1]
        ):
            out.append(ln + lines[i + 1])
            i += 2
        else:
            out.append(ln)
            i += 1
    return out


def blank_lines(lines, meta):
    out = []
    for ln in lines:
        out.extend([ln, ""])
    return out


STEPS = {
    f.__name__: f
    for f in (
        breadcrumb,
        index_block,
        footer,
        attachment,
        cells_per_line,
        indent,
        wrap,
        glue_heading,
        blank_lines,
    )
}
# Order matters: structure first (gluing, splitting cells, blank lines between paragraphs
# so that a wrapped paragraph stays together), then layout (indent, wrap),
# then page furniture around the body.
ORDER = [
    "glue_heading",
    "cells_per_line",
    "blank_lines",
    "indent",
    "wrap",
    "index_block",
    "breadcrumb",
    "attachment",
    "footer",
]


def crawl(text: str, steps, meta) -> str:
    lines = text.split("\n")
    for name in ORDER:
        if name in steps:
            lines = STEPS[name](lines, meta)
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown crawl steps {unknown}")
    return "\n".join(lines)
