"""Tables as attachments after the sign-off: each statistical table moved out of its section to the report's end,
under `附件N` and the table's title, the section pointing to it (`详见附件1。`), as sector agencies publish them
(the report's text, the agency's name and the date, then the attachments)."""

from __future__ import annotations

import re

_SECTION_TITLE = re.compile(r"^\s*([二三四])\s*[、.．]\s*(\S[^\n。，；]{3,40})$")
#: A line of a table's block: cells by tabs, or a label's wrapped rest (short, no sentence's end).
_WRAPPED_REST = re.compile(r"^[^\t。；，]{1,20}$")
#: A line of a table: cells by tabs, a row ending in a figure after a gap, or a caption of table 二's.
_TABLE_LINE = re.compile(r"\t|\s[\d.]+\s*$|第二十条|信息内容")


def _table_block(lines: list[str], start: int) -> tuple[int, int] | None:
    """(first, after the last) of the table lines under a section heading at `start`: from the first line with a
    tab to the last before prose or the next section heading."""
    first = next((i for i in range(start + 1, min(start + 8, len(lines))) if "\t" in lines[i]), None)
    if first is None:
        return None
    # the table's caption lines above its first row of cells (`第二十条 第（一）项` without tabs) go with it
    while first - 1 > start and _WRAPPED_REST.match(lines[first - 1].strip()):
        first -= 1
    end = first
    for index in range(first, len(lines)):
        line = lines[index]
        if "\t" not in line and (_SECTION_TITLE.match(line) or re.match(r"^\s*[五六七]\s*[、.．]", line)):
            break
        if _TABLE_LINE.search(line):
            end = index + 1
        elif line.strip() and not _WRAPPED_REST.match(line.strip()):
            break
    return first, end


def tables_as_attachments(text: str, titled: str = "{n}：{title}统计表") -> str:
    """Tables 二, 三 and 四 moved after the report's end as `附件1` … with their titles (`titled`: the attachment's
    line, `{n}` its number and `{title}` the section's title), `详见附件N。` left where each stood."""
    lines = text.split("\n")
    moves: list[tuple[int, int, str]] = []
    for index, line in enumerate(lines):
        match = _SECTION_TITLE.match(line)
        if match is None or not re.search(r"主动公开|申请|复议|诉讼", match.group(2)) or re.search(r"结转|新收|办理结果", line):
            continue
        block = _table_block(lines, index)
        if block is not None and all(block[0] >= end for _, end, _ in moves):
            moves.append((*block, match.group(2).strip()))
    if not moves:
        return text
    out: list[str] = []
    attachments: list[str] = []
    position = 0
    for n, (first, end, title) in enumerate(moves, start=1):
        out += lines[position:first] + [f"详见附件{n}。"]
        attachments += ["", "附件" + titled.format(n=n, title=title), *lines[first:end]]
        position = end
    out += lines[position:]
    return "\n".join(out).rstrip("\n") + "\n" + "\n".join(attachments) + "\n"


#: The attachment lines' wordings: `附件1：主动公开政府信息情况统计表`, `附件1` alone over the title.
ATTACHMENT_TITLES = {"colon_table": "{n}：{title}统计表", "apart": "{n}\n{title}", "space": "{n} {title}"}
