"""Word documents as agencies lay them out around their tables, made from a plain .docx (`makers.write_docx`):
the body framed in a layout table, blocks wrapped in content controls, tables put in text boxes, and
row labels wrapped inside their cells by a manual line break. Each rewrites `word/document.xml` only."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def rewrite_docx(source: Path, target: Path, transform: Callable[[etree._Element], None]) -> Path:
    """`source` with its document part changed by `transform(body)`, saved as `target`."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    transform(root.find(_w("body")))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _blocks(body: etree._Element) -> list[etree._Element]:
    return [child for child in body if child.tag != _w("sectPr")]


def framed_in_a_layout_table(body: etree._Element) -> None:
    """Every block moved into the one cell of a page-frame table, as a page template holds a report."""
    frame = etree.Element(_w("tbl"))
    etree.SubElement(etree.SubElement(frame, _w("tblGrid")), _w("gridCol"))
    cell = etree.SubElement(etree.SubElement(frame, _w("tr")), _w("tc"))
    blocks = _blocks(body)
    body.insert(body.index(blocks[0]) if blocks else 0, frame)
    for block in blocks:
        cell.append(block)
    if not blocks or blocks[-1].tag != _w("p"):
        etree.SubElement(cell, _w("p"))  # Word ends every cell with a paragraph


def in_content_controls(body: etree._Element) -> None:
    """Every block wrapped in a content control (`w:sdt`), as forms and some templates save them."""
    for block in _blocks(body):
        control = etree.Element(_w("sdt"))
        etree.SubElement(control, _w("sdtPr"))
        content = etree.SubElement(control, _w("sdtContent"))
        block.addprevious(control)
        content.append(block)


def tables_in_text_boxes(body: etree._Element) -> None:
    """Each table moved into a text box anchored in a paragraph of its own, written twice as Word does:
    an anchored DrawingML shape (`wp:anchor` … `wps:wsp`, for DrawingML readers: `mc:Choice`) and a VML
    copy for older ones (`mc:Fallback`). The shape is whole (extent, geometry, body properties), so that
    other writers (LibreOffice, converting it to .doc, RTF or Word 2003 XML) import it too."""
    import copy

    for number, table in enumerate([t for t in body.iter(_w("tbl")) if t.getparent() is body], start=1):
        paragraph = etree.Element(_w("p"))
        run = etree.SubElement(paragraph, _w("r"))
        run.append(etree.fromstring(_ANCHORED_BOX.format(number=number)))
        choice_box = next(run.iter(_w("txbxContent")))
        fallback_box = next(box for box in run.iter(_w("txbxContent")) if box is not choice_box)
        table.addprevious(paragraph)
        fallback_box.append(copy.deepcopy(table))
        etree.SubElement(fallback_box, _w("p"))
        choice_box.append(table)
        etree.SubElement(choice_box, _w("p"))


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: A text box as Word 2010+ writes one, anchored to its paragraph (an empty `w:txbxContent` in each copy).
_ANCHORED_BOX = f"""<mc:AlternateContent xmlns:mc="{MC}" xmlns:w="{W}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:wps="{WPS}" xmlns:v="{V}">
<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{{number}}"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5486400" cy="4000000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{{number}}" name="Text Box {{number}}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5486400" cy="4000000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:spAutoFit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="Text Box {{number}}" type="#_x0000_t202" style="position:absolute;width:432pt;height:315pt">
<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"""


def labels_wrapped_in_cells(body: etree._Element) -> None:
    """A cell's text of six or more characters broken in the middle by a manual line break (`w:br`), as a
    narrow label column wraps `行政规范性文件` by hand."""
    for text in list(body.iter(_w("t"))):
        value = text.text or ""
        if len(value) < 6 or not value[0] >= "\u4e00" or text.getparent().getparent().getparent().tag != _w("tc"):
            continue
        middle = len(value) // 2
        text.text = value[:middle]
        second = etree.Element(_w("t"))
        second.text = value[middle:]
        text.addnext(second)
        text.addnext(etree.Element(_w("br")))


FRAMES: dict[str, Callable[[etree._Element], None]] = {
    "layout_table": framed_in_a_layout_table,
    "content_controls": in_content_controls,
    "text_boxes": tables_in_text_boxes,
    "wrapped_labels": labels_wrapped_in_cells,
}
