"""Build the authored table reports T01-T24 and gold.jsonl from the hand-written specs (specs.py).

A report's figures come from tables_model.make_figures with a fixed seed (so rerunning gives the same
bytes), its deliberate errors (specs.ERRORS) are added to the printed cells, its text comes from
narrative.py and its tables are printed by render.py. Run from this folder: python make_set.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from narrative import SECTIONS, narrative
from render import active_table, html_table, requests_table, review_table, text_lines
from specs import ERRORS, SPECS
from tables_model import arithmetic_failures, make_figures

HERE = Path(__file__).parent

# cells whose value the narrative states (rule 5 of TABLES.md)
NARRATED = {
    ("requests", "new_received", "total"),
    ("requests", "carried_over", "total"),
    ("requests", "total_handled", "total"),
    ("requests", "carried_forward", "total"),
    ("review_litigation", "review", "total"),
}


def _crawler_top(agency: str, year: int) -> list[str]:
    return [
        f"您当前的位置：首页 > 政务公开 > 政府信息公开年报 > {year}年",
        f"发布时间：{year + 1}-01-{20 + year % 9:02d}  来源：{agency}  浏览次数：{300 + year % 97}",
        "【字号：大 中 小】",
    ]


CRAWLER_BOTTOM = ["【打印本页】 【关闭窗口】", "主办单位：本站  技术支持：信息中心"]


def build(spec) -> tuple[str, dict]:
    doc_id, agency, province, level, year, ext, enc, declared, style, layout = spec
    template = "2019" if year <= 2020 else "2021"
    seed = int(doc_id[1:]) * 7919
    fig = make_figures(
        seed, template, level, no_negative=style.get("zero", "0") != "0" or style.get("no_negative", False)
    )
    consistent = json.loads(json.dumps(fig))
    errors = []
    for table, row, col, delta in ERRORS.get(doc_id, []):
        fig[table][row][col] += delta
        errors.append(
            {
                "table": table,
                "row": row,
                "col": col,
                "printed": fig[table][row][col],
                "consistent": consistent[table][row][col],
            }
        )
    printed: list = []
    tables = {
        1: active_table(fig, template, style, printed),
        2: requests_table(fig, template, style, printed),
        3: review_table(fig, style, printed),
    }
    text = narrative(random.Random(seed), agency, year, consistent)
    if style.get("contact"):
        text[5].append(f"联系人：{style['contact']}，联系电话：029-8{seed % 10000000:07d}。")
    title = f"{agency}{year}年政府信息公开工作年度报告"
    intro = (
        f"本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
    if ext == "txt":
        lines = (_crawler_top(agency, year) if style.get("crawler") else []) + [title, intro]
        for i, head in enumerate(SECTIONS):
            lines.append(head)
            lines += text[i]
            if i in tables:
                table_lines = text_lines(tables[i], style)
                if i == 2 and style.get("page_break"):
                    # a PDF copy: the page ends inside the requests table, its number left in between
                    mid = len(table_lines) // 2
                    table_lines[mid:mid] = ["", f"— {3 + year % 4} —", ""]
                lines += table_lines
        lines += CRAWLER_BOTTOM if style.get("crawler") else []
        body = "\n".join(lines) + "\n"
    else:
        meta = f'<meta charset="{declared}">' if declared else ""
        parts = [f"<!DOCTYPE html>\n<html>\n<head>{meta}<title>{title}</title></head>\n<body>"]
        if style.get("crawler"):
            parts.append(
                '<div class="crumb">'
                + '</div>\n<div class="info">'.join(_crawler_top(agency, year))
                + "</div>"
            )
        parts.append(f'<h1>{title}</h1>\n<div class="content">\n<p>{intro}</p>')
        for i, head in enumerate(SECTIONS):
            parts.append(f"<p><strong>{head}</strong></p>")
            parts += [f"<p>{t}</p>" for t in text[i]]
            if i in tables:
                parts.append(html_table(tables[i], style))
        parts.append("</div>")
        if style.get("crawler"):
            parts.append('<div class="foot">' + " ".join(CRAWLER_BOTTOM) + "</div>")
        parts.append("</body>\n</html>")
        body = "\n".join(parts) + "\n"
    file = f"{doc_id}.{ext}"
    (HERE / file).write_bytes(body.encode(enc))
    cells = [{"table": t, "row": r, "col": c, "value": v} for t, r, c, v in printed]
    lookup = {(c["table"], c["row"], c["col"]): c["value"] for c in cells}
    repaired = dict(lookup)
    for e in errors:
        repaired[(e["table"], e["row"], e["col"])] = e["consistent"]
    for e in errors:
        # the rules this error alone breaks
        alone = dict(repaired)
        alone[(e["table"], e["row"], e["col"])] = e["printed"]
        e["breaks"] = arithmetic_failures(alone, template)
        if (e["table"], e["row"], e["col"]) in NARRATED:
            e["breaks"].append("rule 5: the narrative states the consistent value")
    n = int(doc_id[1:])
    record = {
        "doc_id": doc_id,
        "file": file,
        "part": "dev" if n % 2 else "held",
        "template": template,
        "encoding": enc,
        "declared_charset": declared,
        "agency": agency,
        "province": province,
        "level": level,
        "year": year,
        "layout": layout,
        "errors": errors,
        "cells": cells,
    }
    return file, record


def main() -> None:
    records = [build(spec)[1] for spec in SPECS]
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in records:
        print(r["doc_id"], r["part"], r["template"], len(r["cells"]), "cells", len(r["errors"]), "errors")


if __name__ == "__main__":
    main()
