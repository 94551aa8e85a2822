"""The hand-written specs of the authored table reports T01-T24, one report a line.

Each names an invented report: agency, province, level, year, file type, encoding, the charset an
HTML page declares (None: not declared), how the page prints its tables (options of render.py), and a
one-line description of the layout that goes into the gold. Odd numbers are dev, even numbers held:
whoever writes table rules reads only the dev lines.
"""

# id, agency, province, level, year, ext, encoding, declared charset (html), style, description
# fmt: off
SPECS = [
    ("T01", "安吉县递铺街道办事处", "浙江", "township", 2021, "txt", "utf-8", None,
     {"text_layout": "tab", "crawler": True},
     "txt copied from a web page: cells tab-separated, merged group labels only on their first row; breadcrumb, 浏览次数 and 打印/关闭 around the report"),
    ("T02", "苏州市吴江区人民政府", "江苏", "county", 2022, "html", "utf-8", "utf-8",
     {"html_layout": "table", "crawler": True},
     "html <table> with the template's rowspan/colspan; charset declared utf-8; page header and footer"),
    ("T03", "佛山市自然资源局", "广东", "city_dept", 2023, "txt", "gbk", None,
     {"text_layout": "space", "zero": "—", "item_num": "1、"},
     "txt in GBK, cells space-separated, every 0 printed as — (those cells are not in the gold: TABLES.md reads — as null); items numbered 1、"),
    ("T04", "四川省生态环境厅", "四川", "province_dept", 2020, "html", "gbk", "gbk",
     {"html_layout": "table", "p_span": True, "crawler": True},
     "2019 template; html in GBK (declared) with <p><span> inside every cell; rowspan/colspan; crawler header and footer"),
    ("T05", "宜昌市夷陵区小溪塔街道办事处", "湖北", "township", 2019, "txt", "utf-8", None,
     {"text_layout": "lines"},
     "2019 template; txt from a .docx: every cell on its own line, merged labels once"),
    ("T06", "青岛市市场监督管理局", "山东", "city_dept", 2024, "html", "utf-8", None,
     {"html_layout": "table", "split_header": True, "crawler": True, "amount_decimals": True},
     "html, charset not declared (utf-8); headers split differently: requests header two rows without 法人或其他组织, review header one row per litigation kind; amounts with two decimals (0.00)"),
    ("T07", "洛阳市偃师区人民政府", "河南", "county", 2021, "txt", "gb18030", None,
     {"text_layout": "label_then_numbers", "group_num": "(一)", "crawler": True, "amount_decimals": True},
     "txt in GB18030: each row's label on one line and its numbers on the next; groups numbered (一) with ASCII brackets; amounts with two decimals (22.00); crawler lines"),
    ("T08", "晋江市陈埭镇人民政府", "福建", "township", 2022, "html", "utf-8", "utf-8",
     {"html_layout": "divs"},
     "html with the whole tables flattened into <div class=tr>/<div class=td>, merged labels once; two deliberate errors"),
    ("T09", "安徽省人力资源和社会保障厅", "安徽", "province_dept", 2023, "txt", "utf-8", None,
     {"text_layout": "tab", "full_width": True, "crawler": True},
     "txt, tab-separated with full-width digits (１２); crawler header and footer"),
    ("T10", "长沙市住房和城乡建设局", "湖南", "city_dept", 2020, "txt", "gbk", None,
     {"text_layout": "lines", "zero": ""},
     "2019 template; txt in GBK, one cell a line, every 0 printed as a blank line (blank cells not in the gold)"),
    ("T11", "陕西省交通运输厅", "陕西", "province_dept", 2020, "html", "gbk", "gb2312",
     {"html_layout": "table", "article": "(一)", "quotes": "plain", "crawler": True, "contact": "王喆"},
     "2019 template; html declared gb2312 but written in GBK (the contact's name 喆 is outside GB2312); 第二十条第(一)项 with ASCII brackets; 三安全一稳定 without quotes"),
    ("T12", "江西省自然资源厅", "江西", "province_dept", 2021, "txt", "utf-8-sig", None,
     {"text_layout": "space", "wide": True, "zero": "/", "short": True},
     "txt UTF-8 with BOM, cells separated by two spaces, 0 printed as / (not in the gold), abbreviated row labels (予以公开, 国家秘密, 逾期不补正 …)"),
    ("T13", "昆明市官渡区教育体育局", "云南", "city_dept", 2024, "html", "utf-8", "utf-8",
     {"html_layout": "table", "p_span": True, "item_num": "（1）", "zero": "", "crawler": True},
     "html with <p><span> in cells (an empty <p><span> where 0: those cells are not in the gold), items numbered （1）; rowspan/colspan; crawler header and footer"),
    ("T14", "沈阳市浑南区浑河站东街道办事处", "辽宁", "township", 2021, "txt", "utf-8", None,
     {"text_layout": "dropped", "zero": ""},
     "txt, 0 printed blank and blank cells dropped, so a row shows only its non-zero numbers (the gold says which column each belongs to; blank cells not in the gold)"),
    ("T15", "石家庄市藁城区廉州镇人民政府", "河北", "township", 2022, "html", "gbk", None,
     {"html_layout": "divs", "crawler": True},
     "html in GBK with no charset declared, tables flattened into <div>s; crawler header and footer; one deliberate error"),
    ("T16", "广西壮族自治区水利厅", "广西", "province_dept", 2023, "txt", "utf-8", None,
     {"text_layout": "tab", "zero": "-", "group_num": "一、", "item_num": "1．", "no_negative": True},
     "txt tab-separated, 0 printed as - (not in the gold), groups numbered 一、 and items 1． (full-width stop)"),
    ("T17", "遵义市播州区人民政府", "贵州", "county", 2020, "html", "utf-8", "utf-8",
     {"html_layout": "table", "plus": True, "crawler": True},
     "2019 template; html <table> with rowspan/colspan as the template merges them; 本年增/减 signed (+2, -1); crawler header and footer"),
    ("T18", "太原市卫生健康委员会", "山西", "city_dept", 2025, "txt", "gb18030", None,
     {"text_layout": "label_then_numbers", "full_width": True, "join_labels": True, "page_break": True},
     "txt in GB18030, each row's label (group and item joined) on one line and its full-width numbers on the next; a PDF page number (— N —) inside the requests table"),
    ("T19", "兰州市城关区人民政府", "甘肃", "county", 2022, "html", "utf-8", "utf-8",
     {"html_layout": "table", "split_header": True, "zero": "—", "article": "一"},
     "html with headers split differently, 0 printed as — (not in the gold), 第二十条第一项 without brackets"),
    ("T20", "长春市南关区永吉街道办事处", "吉林", "township", 2019, "txt", "gb18030", None,
     {"text_layout": "lines", "crawler": True},
     "2019 template; txt in GB18030, every cell on its own line; crawler lines"),
    ("T21", "黑龙江省农业农村厅", "黑龙江", "province_dept", 2024, "txt", "utf-8", None,
     {"text_layout": "dropped", "zero": "", "item_num": "1、", "short": True},
     "txt, 0 printed blank and dropped (not in the gold), abbreviated labels, items 1、"),
    ("T22", "呼和浩特市赛罕区人民政府", "内蒙古", "county", 2021, "html", "utf-8", None,
     {"html_layout": "table", "p_span": True, "quotes": "ascii", "crawler": True},
     "html, charset not declared (utf-8), <p><span> in cells, ASCII quotes in 三安全一稳定; crawler lines; two deliberate errors"),
    ("T23", "重庆市渝北区规划和自然资源局", "重庆", "city_dept", 2023, "txt", "gbk", None,
     {"text_layout": "space", "short": True, "partial_plain": True, "page_break": True},
     "txt in GBK, space-separated, abbreviated row labels; a PDF page number (— N —) inside the requests table"),
    ("T24", "三亚市吉阳区人民政府", "海南", "county", 2025, "html", "gb18030", "gb18030",
     {"html_layout": "divs", "split_header": True, "full_width": True},
     "html in GB18030 (declared), tables flattened into <div>s with split headers and full-width digits"),
]
# fmt: on

# deliberate errors: (table, row, col, delta added to the printed cell)
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
