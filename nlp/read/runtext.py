"""A WordprocessingML paragraph's text, for the .docx and the Word 2003 XML readers alike: every run the reader of
the finished document would see, whatever wraps it.

python-docx reads only a paragraph's own runs and hyperlinks (`w:r | w:hyperlink`): the runs of a tracked
insertion not yet accepted (`w:ins`, `w:moveTo`), of an inline content control (`w:sdt`), a smart tag, custom XML
or a simple field's result were lost (`全年共收到政府信息公开申请<ins>21</ins>件` read as `申请件`). Here every run
counts but those a reviewer deleted (`w:del`, `w:moveFrom`; their text is `w:delText` or moved away) and those of
a text box, which the block walker reads after the paragraph, as blocks of their own. Inside a run, as python-docx
reads it: `w:t` its text, `w:tab` and `w:ptab` a tab (a run's, not a tab stop), `w:br` a line break (a page or
column break nothing), `w:cr` a line break, `w:noBreakHyphen` a hyphen; field codes (`w:instrText`) are no text.
"""

from __future__ import annotations

from typing import Any


def paragraph_text(paragraph: Any, w: str) -> str:
    """The text of a `w:p` element (lxml) of the schema whose `{uri}` prefix is `w`."""
    pieces: list[str] = []
    removed = (f"{w}del", f"{w}moveFrom", f"{w}txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback")
    for element in paragraph.iter(f"{w}t", f"{w}tab", f"{w}ptab", f"{w}br", f"{w}cr", f"{w}noBreakHyphen"):
        if _inside(element, paragraph, removed):
            continue
        tag = element.tag[len(w) :]
        if tag == "t":
            pieces.append(element.text or "")
        elif tag in ("tab", "ptab"):
            if element.getparent().tag == f"{w}r":  # a run's tab, not a tab stop of the paragraph's properties
                pieces.append("\t")
        elif tag == "br":
            # Word 2003 writes a line break's type `text-wrapping`, a .docx `textWrapping` or nothing.
            pieces.append("" if element.get(f"{w}type") in ("page", "column") else "\n")
        elif tag == "cr":
            pieces.append("\n")
        else:
            pieces.append("-")
    return "".join(pieces)


def _inside(element: Any, paragraph: Any, removed: tuple[str, ...]) -> bool:
    """Does `element` stand, below `paragraph`, in one of the `removed` elements?"""
    ancestor = element.getparent()
    while ancestor is not None and ancestor is not paragraph:
        if ancestor.tag in removed:
            return True
        ancestor = ancestor.getparent()
    return False
