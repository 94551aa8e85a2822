"""Draw one page of an OFD file as PNG (for eyeballing the layout): python render_page.py AN01.ofd 3 out.png"""
import sys
import xml.etree.ElementTree as ET
import zipfile

from PIL import Image, ImageDraw, ImageFont

NS = {"ofd": "http://www.ofdspec.org/2016"}
S = 5  # px per mm
path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
z = zipfile.ZipFile(path)
page = ET.fromstring(z.read(f"Doc_0/Pages/Page_{n:d}/Content.xml"))
img = Image.new("RGB", (210 * S, 297 * S), "white")
d = ImageDraw.Draw(img)
fonts = {}
for to in page.iter("{{{}}}TextObject".format(NS["ofd"])):
    bx, by, bw, bh = map(float, to.get("Boundary").split())
    size = float(to.get("Size"))
    f = fonts.setdefault(size, ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", int(size * S)))
    for tc in to.findall("ofd:TextCode", NS):
        s = tc.text or ""
        x, y = bx + float(tc.get("X")), by + float(tc.get("Y"))
        spec = (tc.get("DeltaX") or "").split()
        dx, i = [], 0
        while i < len(spec):
            if spec[i] == "g":
                dx += [float(spec[i + 2])] * int(spec[i + 1])
                i += 3
            else:
                dx.append(float(spec[i]))
                i += 1
        for k, ch in enumerate(s):
            d.text((x * S, y * S), ch, font=f, fill="black", anchor="ls")
            x += dx[k] if k < len(dx) else size
for po in page.iter("{{{}}}PathObject".format(NS["ofd"])):
    bx, by, bw, bh = map(float, po.get("Boundary").split())
    t = po.find("ofd:AbbreviatedData", NS).text.split()
    x1, y1, x2, y2 = float(t[1]), float(t[2]), float(t[4]), float(t[5])
    d.line([((bx + x1) * S, (by + y1) * S), ((bx + x2) * S, (by + y2) * S)], fill="black", width=1)
img.save(out)
