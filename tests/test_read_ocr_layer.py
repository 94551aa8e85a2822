"""A scan's OCR text layer (`nlp.read.pdftext`, `nlp.ocrlayer`): a PDF whose pages are images of the printed pages
with text over them is marked as read from OCR, and its findings blame no report; a PDF with text and a logo is not."""

from __future__ import annotations

import io

import nlp
from nlp.ocrlayer import read_from_ocr

_LINES = [
    "某县人民政府办公室2023年政府信息公开工作年度报告",
    "一、总体情况",
    "2023年，我办全年主动公开政府信息120条，办理政府信息公开申请5件。",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "五、存在的主要问题及改进情况",
    "公开内容还不够全面，下一步将进一步完善。",
]


def _pdf(image_share: float | None, invisible: bool) -> bytes:
    """One A4 page of `_LINES`; with an image covering `image_share` of the page's width and height under the
    text (None: none), the text drawn invisible (render mode 3) as an OCR program lays it."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    if image_share is not None:
        scan = Image.new("L", (200, 280), color=235)
        page.drawImage(ImageReader(scan), 0, height * (1 - image_share), width * image_share, height * image_share)
    text = page.beginText(60, height - 80)
    text.setFont("STSong-Light", 12)
    if invisible:
        text.setTextRenderMode(3)
    for line in _LINES:
        text.textLine(line)
    page.drawText(text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_text_over_an_image_of_the_whole_page_is_read_as_an_ocr_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(1.0, invisible=True))
    text = nlp.read_text(path)
    assert read_from_ocr(text) and _LINES[2] in text
    report = nlp.read_report(path)
    assert read_from_ocr(report.source_text)
    assert report.title.startswith("某县人民政府办公室") and not any("OCR" in p.text for p in report.paragraphs)
    assert any("OCR layer" in warning for warning in report.warnings)


def test_text_with_a_logo_or_without_images_is_no_ocr_layer(tmp_path):
    for name, share in (("logo.pdf", 0.2), ("plain.pdf", None)):
        path = tmp_path / name
        path.write_bytes(_pdf(share, invisible=False))
        text = nlp.read_text(path)
        assert _LINES[2] in text and not read_from_ocr(text), name
