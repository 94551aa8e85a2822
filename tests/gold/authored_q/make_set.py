"""Build set Q (authored held-out reports, old template 2008–2018) from src/Qnn.src.

Each source file: header lines `@key=value`, then one unit per line as `CODE|text`.
CODE: `H` heading, `M` meta, `T` table row (cells split by tabs),
or `lab.g` / `lab.s` narrative (generic / specific), optional `.m` (mixed), optional `?lab` (unsure).
lab: ot other, ad active_disclosure, ap application, im info_management, pl platform,
og organization, pr problem, iv improvement.
Sections: a heading line ending with ` #S` opens a section (the marker is dropped).
Rendering keys in the header decide the file's shape (html style, txt encoding, furniture).
"""
import html
import json
import pathlib

HERE = pathlib.Path(__file__).parent
LAB = {"ot": "other", "ad": "active_disclosure", "ap": "application", "im": "info_management",
       "pl": "platform", "og": "organization", "pr": "problem", "iv": "improvement"}


def parse(path):
    meta, units = {}, []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("@"):
            k, v = raw[1:].split("=", 1)
            meta[k] = v
            continue
        code, text = raw.split("|", 1)
        sec = False
        if text.endswith(" #S"):
            text, sec = text[:-3], True
        u = {"text": text, "section": sec}
        if code == "H":
            u["kind"] = "heading"
        elif code == "M":
            u["kind"] = "meta"
        elif code == "T":
            u["kind"] = "table"
        else:
            unsure = None
            if "?" in code:
                code, unsure = code.split("?")
            parts = code.split(".")
            u.update(kind="narrative", label=LAB[parts[0]], generic=parts[1] == "g",
                     mixed="m" in parts[2:])
            if unsure:
                u["unsure"] = LAB[unsure]
        units.append(u)
    return meta, units


def enc_for(text, wanted):
    try:
        text.encode(wanted)
        return wanted
    except UnicodeEncodeError:
        return "gbk"


def page_enc(meta, fmt, enc):
    if fmt == "html":
        declared = meta.get("enc", "gb2312")
        return f" Declared charset={declared}; bytes {enc}" + (" (GBK-only characters present)." if enc != declared else ".")
    return f" Bytes {enc}" + (" (UTF-8 with BOM)." if enc == "utf-8-sig" else ", CRLF line ends.")


def render_html(meta, units):
    ind = meta.get("indent", "nbsp")
    pre = "&nbsp;&nbsp;&nbsp;&nbsp;" if ind == "nbsp" else "\u3000\u3000"
    body, i = [], 0
    while i < len(units):
        u = units[i]
        if u["kind"] == "table":
            rows = []
            while i < len(units) and units[i]["kind"] == "table":
                cells = "".join(f"<td align=center><font size=2>{html.escape(c)}</font></td>"
                                for c in units[i]["text"].split("\t"))
                rows.append(f"<tr>{cells}</tr>")
                i += 1
            body.append("<table border=1 cellspacing=0 cellpadding=3 align=center width=90%>"
                        + "\n".join(rows) + "</table>")
            continue
        t = html.escape(u["text"])
        if i == 0:
            body.append(f"<div align=center><font size=4 color=#CC0000><b>{t}</b></font></div><br>")
        elif u["kind"] == "heading":
            body.append(f"{pre}<b>{t}</b><br>")
        elif u["kind"] == "meta":
            body.append(f"<div align=right>{t}</div>")
        else:
            body.append(f"{pre}{t}<br>")
        i += 1
    article = "\n".join(body)
    site, crumbs, date = meta["site"], meta["crumbs"], meta["pubdate"]
    head = (f"<html><head><meta http-equiv=Content-Type content=\"text/html; charset={meta['_enc']}\">"
            f"<title>{html.escape(units[0]['text'])}-{site}</title>"
            "<style>td{font-size:12px}</style></head>\n<body topmargin=0 leftmargin=0 bgcolor=#F2F2F2>\n")
    top = (f"<table width=960 border=0 align=center cellpadding=0 cellspacing=0><tr>"
           f"<td height=90 background=images/top_bg.jpg><font size=5 color=#FFFFFF><b>{site}</b></font></td></tr>"
           "<tr><td bgcolor=#0055A4 height=26><font color=#FFFFFF>首页 | 政务公开 | 办事服务 | 互动交流 | 走进本地</font></td></tr></table>\n")
    info = (f"<tr><td><font color=#666666>您现在的位置：{crumbs}</font></td></tr>"
            f"<tr><td align=center><font color=#999999>发布日期：{date}&nbsp;&nbsp;来源：{meta.get('source', site)}&nbsp;&nbsp;浏览次数：{meta.get('hits', '1024')}</font></td></tr>")
    foot = ("<tr><td align=right>【<a href=javascript:window.print()>打印本页</a>】【<a href=javascript:window.close()>关闭窗口</a>】</td></tr>")
    copy = (f"<table width=960 align=center><tr><td align=center><font size=2>版权所有：{site}&nbsp; 技术支持：信息中心<br>"
            f"{meta.get('icp', '备案号：ICP备05012345号')}</font></td></tr></table>")
    if meta.get("layout") == "frames":
        # frameset-like: left menu column, article in a table nested in the right cell
        menu = "<br>".join(f"<a href=#>· {m}</a>" for m in
                           ["政府信息公开指南", "政府信息公开目录", "政府信息公开年度报告", "依申请公开", "监督保障"])
        main = (f"<table width=960 border=0 align=center><tr><td width=200 valign=top bgcolor=#E8EEF7>"
                f"<font size=2><b>信息公开导航</b><br>{menu}</font></td><td valign=top>"
                f"<table width=100% border=0>{info}<tr><td><table width=96% align=center><tr><td>"
                f"<font size=3 style=\"line-height:180%\">{article}</font></td></tr></table></td></tr>{foot}</table>"
                "</td></tr></table>\n")
    else:
        main = (f"<table width=960 border=0 align=center bgcolor=#FFFFFF>{info}"
                f"<tr><td style=\"padding:20px\"><font size=3 style=\"line-height:200%\">{article}</font></td></tr>{foot}</table>\n")
    return head + top + main + copy + "\n</body></html>\n"


def render_txt(meta, units):
    lines = []
    fur = meta.get("furniture", "")
    if "top" in fur:
        lines.append(meta.get("toptext", "【字体：大 中 小】　【打印】　【关闭】"))
        lines.append("")
    for u in units:
        if u["kind"] == "table":
            lines.append("\u3000\u3000" + "    ".join(u["text"].split("\t")))
        elif u["kind"] in ("heading",) and u is units[0]:
            lines.append("\u3000\u3000\u3000\u3000" + u["text"])
            lines.append("")
        elif u["kind"] == "meta":
            lines.append("\u3000" * 16 + u["text"])
        else:
            lines.append("\u3000\u3000" + u["text"])
        if meta.get("blank_between"):
            lines.append("")
    if "bottom" in fur:
        lines.append("")
        lines.append(meta.get("bottomtext", "【打印本页】　【关闭窗口】"))
    return "\r\n".join(lines) + "\r\n"


def main():
    reps, labs, secs = [], [], []
    for src in sorted((HERE / "src").glob("Q*.src")):
        meta, units = parse(src)
        doc = src.stem
        n = int(doc[1:])
        text = "\n".join(u["text"] for u in units)
        fmt = meta["format"]
        if fmt == "html":
            wanted = meta.get("enc", "gb2312")
            probe = render_html({**meta, "_enc": wanted}, units)
            enc = enc_for(probe, wanted)
            # old sites declared gb2312 and served GBK bytes (〇, —); browsers read it as GBK
            data = probe.encode(enc)
        else:
            enc = meta["enc"]
            data = render_txt(meta, units).encode(enc)
        fname = f"{doc}.{fmt}"
        (HERE / fname).write_bytes(data)
        reps.append({"doc_id": doc, "agency": meta["agency"], "year": int(meta["year"]), "template": "old",
                     "title": units[0]["text"], "level": meta["level"], "province": meta["province"],
                     "file": fname, "format": fmt, "split": "dev" if n % 2 else "held", "text": text,
                     "page": meta["page"] + page_enc(meta, fmt, enc)})
        sl = []
        for i, u in enumerate(units):
            rec = {"doc_id": doc, "para_index": i, "text": u["text"], "kind": u["kind"],
                   "label": u.get("label"), "mixed": u.get("mixed", False), "generic": u.get("generic")}
            if "unsure" in u:
                rec["unsure"] = u["unsure"]
            labs.append(rec)
            if u["section"]:
                sl.append({"number": len(sl) + 1, "name": u["text"], "para_index": i})
        secs.append({"doc_id": doc, "sections": sl})
    for name, rows in (("reports", reps), ("labels", labs), ("sections", secs)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (HERE / "tables.jsonl").write_text("", encoding="utf-8")
    print(len(reps), "reports,", len(labs), "units")


if __name__ == "__main__":
    main()
