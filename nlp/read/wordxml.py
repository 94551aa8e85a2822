"""Word 2003 XML (WordprocessingML 2003: one XML file, `<w:wordDocument>`, saved as `.xml` or under a `.doc`
name) → text in the shape `read_docx` gives: paragraphs a line each, Word's list numbers written out, tables
one row a line with cells tab-separated on the table's grid (`w:gridSpan` across, `w:vmerge` down), page
frames, text boxes (`w:pict/v:shape/v:textbox/w:txbxContent`) and content controls read as the .docx reader
reads them: the blocks are walked by the .docx reader's own `docxtext.BlockWalker`, given this schema's names.

The 2003 schema differs from .docx's in names, not in shape: the body's blocks may stand inside `wx:sect` and
`wx:sub-section` wrappers; a vertical merge is `w:vmerge`; a list paragraph names its list by `w:listPr`
(`w:ilfo` → `w:lists/w:list` → `w:listDef`, levels numbered by `w:nfc` as in a .doc), and Word itself also
writes the number it draws (`wx:t wx:val="一、"`), which is taken where present.
"""

from __future__ import annotations

import re

from nlp.errors import ReadError
from nlp.read.docnumbering import NFC_FORMATS
from nlp.read.docxnumbering import Level, Numbering, child_val, whole_number, with_suffix
from nlp.read.docxtext import BlockWalker
from nlp.read.limits import ReadLimits
from nlp.read.runtext import paragraph_text
from nlp.read.xmlparts import XMLFault, parse_xml

_W = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_SIGNATURE = re.compile(rb"<w:wordDocument\b|progid=\"Word\.Document\"")
_ADVICE = "open it in Word or WPS and save it as .docx"


def looks_like_word_xml(data: bytes) -> bool:
    """Word 2003 XML: the root element or Word's processing instruction in the first 4 KB."""
    return bool(_SIGNATURE.search(data[:4096]))


def read_word_xml(data: bytes, name: str, limits: ReadLimits) -> str:
    try:
        root = parse_xml(data)
    except XMLFault as exc:
        raise ReadError(name, f"damaged Word 2003 XML: {exc}; {_ADVICE}") from exc
    if root.tag == "{http://schemas.microsoft.com/office/2006/xmlPackage}package":  # same processing instruction
        raise ReadError(name, f"a Word 2007+ XML document (a flat package of a .docx's parts), which this reader does not read; {_ADVICE}")
    if root.tag != f"{_W}wordDocument":
        raise ReadError(name, f"an XML file but not a Word 2003 document (its root is <{str(root.tag).rsplit('}', 1)[-1]}>); {_ADVICE}")
    body = root.find(f"{_W}body")
    if body is None:
        raise ReadError(name, f"a Word 2003 XML document without a body (w:body); {_ADVICE}")
    numbering = _numbering(root)
    styles = _style_lists(root)
    walker = BlockWalker(_W, lambda p: paragraph_text(p, _W), lambda p: _label(p, numbering, styles), merge_tag="vmerge", pad_rows=True, hints=_WX)
    return walker.text(body.iterchildren(), name, limits, "Word XML")


def _numbering(root) -> Numbering | None:
    """The document's lists (`w:lists`) as the .docx reader's `Numbering`: list definitions are its
    abstract lists, `w:list` instances (by `w:ilfo`) its numIds."""
    lists = root.find(f"{_W}lists")
    if lists is None:
        return None
    numbering = Numbering()
    for definition in lists.iterchildren(f"{_W}listDef"):
        levels: dict[int, Level] = {}
        for level in definition.iterchildren(f"{_W}lvl"):
            nfc = whole_number(_val(level, "nfc"), 0)
            suffix = (_val(level, "suff") or "Tab").lower()
            levels[whole_number(level.get(f"{_W}ilvl"), 0)] = Level(
                start=whole_number(_val(level, "start"), 1),
                number_format=NFC_FORMATS.get(nfc, "decimal"),
                text=_val(level, "lvlText") or "",
                suffix=suffix,
                legal=level.find(f"{_W}isLgl") is not None and _val(level, "isLgl") not in ("off", "0", "false"),
            )
        numbering.levels[definition.get(f"{_W}listDefId", "")] = levels
    for instance in lists.iterchildren(f"{_W}list"):
        ilfo = instance.get(f"{_W}ilfo", "")
        numbering.lists[ilfo] = _val(instance, "ilst") or ""
        for override in instance.iterchildren(f"{_W}lvlOverride"):
            start = _val(override, "startOverride")
            if start is not None:
                numbering.starts[ilfo, whole_number(override.get(f"{_W}ilvl"), 0)] = whole_number(start, 1)
    return numbering if numbering.lists else None


def _style_lists(root) -> dict[str, tuple[str | None, int | None]]:
    """styleId → the list (`w:ilfo`, `w:ilvl`) its paragraphs are numbered by (a numbered heading style)."""
    found: dict[str, tuple[str | None, int | None]] = {}
    for style in root.iterfind(f"{_W}styles/{_W}style"):
        listed = style.find(f"{_W}pPr/{_W}listPr")
        if listed is not None:
            level = _val(listed, "ilvl")
            found[style.get(f"{_W}styleId", "")] = (_val(listed, "ilfo"), None if level is None else whole_number(level, 0))
    return found


def _label(paragraph, numbering: Numbering | None, styles: dict[str, tuple[str | None, int | None]]) -> str:
    """The number Word draws before the paragraph: Word's own `wx:t` where it wrote one, else counted from
    the lists; '' for none and for bullets."""
    properties = paragraph.find(f"{_W}pPr")
    listed = properties.find(f"{_W}listPr") if properties is not None else None
    style = _val(properties, "pStyle") if properties is not None else None
    ilfo, level = styles.get(style or "", (None, None))
    if listed is not None:
        ilfo = _val(listed, "ilfo") or ilfo
        level = whole_number(_val(listed, "ilvl"), level or 0) if _val(listed, "ilvl") is not None else level
    if not ilfo or ilfo == "0":
        return ""
    drawn = listed.find(f"{_WX}t") if listed is not None else None
    counted = numbering.number(ilfo, min(max(level or 0, 0), 8)) if numbering is not None else ""
    if drawn is not None:
        shown = drawn.get(f"{_WX}val", "")
        return with_suffix(shown, "space") if any(char.isalnum() for char in shown) else ""
    return counted


def _val(element, tag: str) -> str | None:
    return child_val(element, tag, _W)
