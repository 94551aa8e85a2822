"""A stand-in photograph (coloured shapes, no text) for the pictures that
carry captions; drawn here so nothing is copied or downloaded."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw


def picture_png() -> BytesIO:
    image = Image.new("RGB", (440, 270), (205, 214, 222))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 150, 410, 250), fill=(120, 132, 150))
    draw.ellipse((60, 40, 170, 150), fill=(170, 120, 90))
    draw.rectangle((230, 60, 390, 150), fill=(90, 110, 130))
    data = BytesIO()
    image.save(data, format="PNG")
    data.seek(0)
    return data
