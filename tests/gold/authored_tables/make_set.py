"""Build the authored table reports T01-T24 and gold.jsonl from the hand-written specs below.

Each spec names an invented agency, its province and level, the report year, the file type and
encoding, how the page prints its tables, and (for four reports) deliberate arithmetic errors.
Figures are invented by tables_model.make_figures from a fixed seed, so rerunning gives the same
files. Run from this folder: python make_set.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from render import active_table, html_table, requests_table, review_table, text_lines
from tables_model import arithmetic_failures, make_figures

HERE = Path(__file__).parent

# id, agency, province, level, year, ext, encoding, declared charset (html), style, description
SPECS = [
    (
        "T01",
        "安吉县递铺街道办事处",
        "浙江",
        "township",
        2021,
        "txt",
        "utf-8",
        None,
        {"text_layout": "tab", "crawler": True},
        "txt copied from a web page: cells tab-separated, merged group labels only on their first row; breadcrumb, 浏览次数 and 打印/关闭 around the report",
    ),
    (
        "T02",
        "苏州市吴江区人民政府",
        "江苏",
        "county",
        2022,
        "html",
        "utf-8",
        "utf-8",
        {"html_layout": "table", "crawler": True},
        "html <table> with the template's rowspan/colspan; charset declared utf-8; page header and footer",
    ),
    (
        "T03",
        "佛山市自然资源局",
        "广东",
        "city_dept",
        2023,
        "txt",
        "gbk",
        None,
        {"text_layout": "space", "zero": "—", "item_num": "1、"},
        "txt in GBK, cells space-separated, every 0 printed as — (those cells are not in the gold: TABLES.md reads — as null); items numbered 1、",
    ),
    (
        "T04",
        "四川省生态环境厅",
        "四川",
        "province_dept",
        2020,
        "html",
        "gbk",
        "gbk",
        {"html_layout": "table", "p_span": True, "crawler": True},
        "2019 template; html in GBK (declared) with <p><span> inside every cell; rowspan/colspan; crawler header and footer",
    ),
    (
        "T05",
        "宜昌市夷陵区小溪塔街道办事处",
        "湖北",
        "township",
        2019,
        "txt",
        "utf-8",
        None,
        {"text_layout": "lines"},
        "2019 template; txt from a .docx: every cell on its own line, merged labels once",
    ),
    (
        "T06",
        "青岛市市场监督管理局",
        "山东",
        "city_dept",
        2024,
        "html",
        "utf-8",
        None,
        {"html_layout": "table", "split_header": True, "crawler": True, "amount_decimals": True},
        "html, charset not declared (utf-8); headers split differently: requests header two rows without 法人或其他组织, review header one row per litigation kind; amounts with two decimals (0.00)",
    ),
    (
        "T07",
        "洛阳市偃师区人民政府",
        "河南",
        "county",
        2021,
        "txt",
        "gb18030",
        None,
        {"text_layout": "label_then_numbers", "group_num": "(一)", "crawler": True, "amount_decimals": True},
        "txt in GB18030: each row's label on one line and its numbers on the next; groups numbered (一) with ASCII brackets; amounts with two decimals (22.00); crawler lines",
    ),
    (
        "T08",
        "晋江市陈埭镇人民政府",
        "福建",
        "township",
        2022,
        "html",
        "utf-8",
        "utf-8",
        {"html_layout": "divs"},
        "html with the whole tables flattened into <div class=tr>/<div class=td>, merged labels once; two deliberate errors",
    ),
    (
        "T09",
        "安徽省人力资源和社会保障厅",
        "安徽",
        "province_dept",
        2023,
        "txt",
        "utf-8",
        None,
        {"text_layout": "tab", "full_width": True, "crawler": True},
        "txt, tab-separated with full-width digits (１２); crawler header and footer",
    ),
    (
        "T10",
        "长沙市住房和城乡建设局",
        "湖南",
        "city_dept",
        2020,
        "txt",
        "gbk",
        None,
        {"text_layout": "lines", "zero": ""},
        "2019 template; txt in GBK, one cell a line, every 0 printed as a blank line (blank cells not in the gold)",
    ),
    (
        "T11",
        "陕西省交通运输厅",
        "陕西",
        "province_dept",
        2020,
        "html",
        "gbk",
        "gb2312",
        {"html_layout": "table", "article": "(一)", "quotes": "plain", "crawler": True, "contact": "王喆"},
        "2019 template; html declared gb2312 but written in GBK (the contact's name 喆 is outside GB2312); 第二十条第(一)项 with ASCII brackets; 三安全一稳定 without quotes",
    ),
    (
        "T12",
        "江西省自然资源厅",
        "江西",
        "province_dept",
        2021,
        "txt",
        "utf-8-sig",
        None,
        {"text_layout": "space", "wide": True, "zero": "/", "short": True},
        "txt UTF-8 with BOM, cells separated by two spaces, 0 printed as / (not in the gold), abbreviated row labels (予以公开, 国家秘密, 逾期不补正 …)",
    ),
    (
        "T13",
        "昆明市官渡区教育体育局",
        "云南",
        "city_dept",
        2024,
        "html",
        "utf-8",
        "utf-8",
        {"html_layout": "table", "p_span": True, "item_num": "（1）", "zero": "", "crawler": True},
        "html with <p><span> in cells (an empty <p><span> where 0: those cells are not in the gold), items numbered （1）; rowspan/colspan; crawler header and footer",
    ),
    (
        "T14",
        "沈阳市浑南区浑河站东街道办事处",
        "辽宁",
        "township",
        2021,
        "txt",
        "utf-8",
        None,
        {"text_layout": "dropped", "zero": ""},
        "txt, 0 printed blank and blank cells dropped, so a row shows only its non-zero numbers (the gold says which column each belongs to; blank cells not in the gold)",
    ),
    (
        "T15",
        "石家庄市藁城区廉州镇人民政府",
        "河北",
        "township",
        2022,
        "html",
        "gbk",
        None,
        {"html_layout": "divs", "crawler": True},
        "html in GBK with no charset declared, tables flattened into <div>s; crawler header and footer; one deliberate error",
    ),
    (
        "T16",
        "广西壮族自治区水利厅",
        "广西",
        "province_dept",
        2023,
        "txt",
        "utf-8",
        None,
        {"text_layout": "tab", "zero": "-", "group_num": "一、", "item_num": "1．", "no_negative": True},
        "txt tab-separated, 0 printed as - (not in the gold), groups numbered 一、 and items 1． (full-width stop)",
    ),
    (
        "T17",
        "遵义市播州区人民政府",
        "贵州",
        "county",
        2020,
        "html",
        "utf-8",
        "utf-8",
        {"html_layout": "table", "plus": True, "crawler": True},
        "2019 template; html <table> with rowspan/colspan as the template merges them; 本年增/减 signed (+2, -1); crawler header and footer",
    ),
    (
        "T18",
        "太原市卫生健康委员会",
        "山西",
        "city_dept",
        2025,
        "txt",
        "gb18030",
        None,
        {"text_layout": "label_then_numbers", "full_width": True, "join_labels": True, "page_break": True},
        "txt in GB18030, each row's label (group and item joined) on one line and its full-width numbers on the next; a PDF page number (— N —) inside the requests table",
    ),
    (
        "T19",
        "兰州市城关区人民政府",
        "甘肃",
        "county",
        2022,
        "html",
        "utf-8",
        "utf-8",
        {"html_layout": "table", "split_header": True, "zero": "—", "article": "一"},
        "html with headers split differently, 0 printed as — (not in the gold), 第二十条第一项 without brackets",
    ),
    (
        "T20",
        "长春市南关区永吉街道办事处",
        "吉林",
        "township",
        2019,
        "txt",
        "gb18030",
        None,
        {"text_layout": "lines", "crawler": True},
        "2019 template; txt in GB18030, every cell on its own line; crawler lines",
    ),
    (
        "T21",
        "黑龙江省农业农村厅",
        "黑龙江",
        "province_dept",
        2024,
        "txt",
        "utf-8",
        None,
        {"text_layout": "dropped", "zero": "", "item_num": "1、", "short": True},
        "txt, 0 printed blank and dropped (not in the gold), abbreviated labels, items 1、",
    ),
    (
        "T22",
        "呼和浩特市赛罕区人民政府",
        "内蒙古",
        "county",
        2021,
        "html",
        "utf-8",
        None,
        {"html_layout": "table", "p_span": True, "quotes": "ascii", "crawler": True},
        "html, charset not declared (utf-8), <p><span> in cells, ASCII quotes in 三安全一稳定; crawler lines; two deliberate errors",
    ),
    (
        "T23",
        "重庆市渝北区规划和自然资源局",
        "重庆",
        "city_dept",
        2023,
        "txt",
        "gbk",
        None,
        {"text_layout": "space", "short": True, "partial_plain": True, "page_break": True},
        "txt in GBK, space-separated, abbreviated row labels; a PDF page number (— N —) inside the requests table",
    ),
    (
        "T24",
        "三亚市吉阳区人民政府",
        "海南",
        "county",
        2025,
        "html",
        "gb18030",
        "gb18030",
        {"html_layout": "divs", "split_header": True, "full_width": True},
        "html in GB18030 (declared), tables flattened into <div>s with split headers and full-width digits",
    ),
]

# deliberate errors: (table, row, col, delta added to the printed cell, rules it breaks)
ERRORS = {
    "T03": [("requests", "granted", "total", 1)],
    "T08": [
        ("review_litigation", "review", "total", 1),
        ("requests", "unavailable_not_held", "natural_person", -1),
    ],
    "T15": [
        ("requests", "carried_forward", "natural_person", 1),
        ("requests", "granted", "natural_person", 1),
    ],
    "T22": [
        ("review_litigation", "litigation_direct", "upheld", 1),
        ("requests", "total_handled", "commercial_enterprise", 1),
    ],
}

# cells whose value the narrative states (rule 5 of TABLES.md)
NARRATED = {
    ("requests", "new_received", "total"),
    ("requests", "carried_over", "total"),
    ("requests", "total_handled", "total"),
    ("requests", "carried_forward", "total"),
    ("review_litigation", "review", "total"),
}

SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


# Narrative phrases per topic; a report takes one of each, so sections differ between reports.
PHRASES = {
    "active": [
        "全年通过{site}主动公开政府信息{n1}条，重点公开财政预决算、重大建设项目等领域信息。",
        "本年度在{site}发布各类信息{n1}条，发布政策解读{n2}篇，其中图解、视频解读{n3}篇。",
        "围绕“放管服”改革、乡村振兴、民生保障等重点领域，累计公开信息{n1}条。",
        "及时公开权责清单、行政执法结果等信息{n1}条，回应社会关切{n2}次。",
    ],
    "management": [
        "严格落实信息发布审核和保密审查制度，坚持“先审查、后公开”“一事一审”。",
        "动态更新政府信息公开目录和指南，开展规范性文件清理，及时标注失效文件。",
        "建立信息公开属性源头认定机制，公文起草时同步明确公开方式。",
    ],
    "platform": [
        "持续优化{site}栏目设置，做好政务新媒体日常运维。",
        "规范政务新媒体管理，在便民服务中心设置政府信息公开查阅点。",
        "推进政务公开专区建设，整合公开栏、查阅点和线上平台。",
    ],
    "oversight": [
        "将政府信息公开工作纳入年度绩效考核，组织业务培训{n3}次。",
        "明确分管领导和专职工作人员，定期开展自查和整改。",
        "主动接受社会监督，本年度未发生因政府信息公开工作被追责的情形。",
    ],
    "problems": [
        "一是主动公开的深度和广度仍有不足；二是工作人员业务水平有待提高。",
        "存在的问题主要是政策解读形式较为单一，部分栏目更新不够及时。",
        "基层政务公开标准化规范化建设仍需加强，公开内容的实用性有待提升。",
    ],
    "plans": [
        "{next}年，将进一步加强业务培训，提升依申请公开办理质量。",
        "下一步，将健全信息发布协调机制，丰富政策解读形式。",
        "下一步，将对照公开事项标准目录，逐项梳理完善公开内容。",
    ],
}
# the 2021 template asks for the fees charged (信息处理费) in section six
FEES_2021 = [
    "本年度未收取信息处理费。",
    "本机关依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。",
    "本年度发出收费通知0件，实际收取信息处理费0元。",
]
FEES_2019 = ["本年度未收取任何费用。", "本年度未发生政府信息公开收费情况。"]
SUBHEAD_NUMBERS = [
    ["（一）", "（二）", "（三）", "（四）", "（五）"],
    ["1.", "2.", "3.", "4.", "5."],
    ["一是", "二是", "三是", "四是", "五是"],
]


def narrative(rng: random.Random, agency: str, year: int, fig: dict) -> dict[int, list[str]]:
    """Two to five sentences a section, with the request and review figures the tables hold."""
    req, rev = fig["requests"], fig["review_litigation"]
    new, handled, fwd = (
        req["new_received"]["total"],
        req["total_handled"]["total"],
        req["carried_forward"]["total"],
    )
    n_review = rev["review"]["total"]
    n_suit = rev["litigation_direct"]["total"] + rev["litigation_after_review"]["total"]
    fill = {
        "site": rng.choice(["政府门户网站", "政府信息公开专栏", "政务公开平台"]),
        "n1": rng.randint(40, 900),
        "n2": rng.randint(2, 30),
        "n3": rng.randint(1, 6),
        "next": year + 1,
    }

    def say(topic: str) -> str:
        return rng.choice(PHRASES[topic]).format(**fill)

    nums = rng.choice(SUBHEAD_NUMBERS)
    heads = ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]
    bodies = [
        say("active"),
        f"全年新收政府信息公开申请{new}件，办结{handled}件，结转下年度继续办理{fwd}件。",
        say("management"),
        say("platform"),
        say("oversight"),
    ]
    sep = "。" if nums[0] == "（一）" else "：" if nums[0] == "1." else ""
    section_one = [
        f"{n}{h}{sep}{b}" if sep else f"{n}{b}" for n, h, b in zip(nums, heads, bodies, strict=True)
    ]
    return {
        0: [
            f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作推进政府信息公开。"
        ]
        + section_one,
        1: [rng.choice(["本年度主动公开政府信息情况如下：", "具体情况见下表。"])],
        2: [
            f"本年度共新收政府信息公开申请{new}件，上年结转{req['carried_over']['total']}件，"
            f"已办结{handled}件，结转下年度继续办理{fwd}件。具体情况如下："
        ],
        3: [f"本年度因政府信息公开被申请行政复议{n_review}件，被提起行政诉讼{n_suit}件。具体情况如下："],
        4: [say("problems"), say("plans")],
        5: [rng.choice(FEES_2019 if year <= 2020 else FEES_2021), "无其他需要报告的事项。"],
    }


def _crawler_top(agency: str, year: int, ext: str) -> list[str]:
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
        lines = (_crawler_top(agency, year, ext) if style.get("crawler") else []) + [title, intro]
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
                + '</div>\n<div class="info">'.join(_crawler_top(agency, year, ext))
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
