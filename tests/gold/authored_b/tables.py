"""Short-form statistical tables (a header row and tab-separated rows), expanded from
one-line macros in the sources so that the numbers are written once.

`@ACT2021¦doc_issued,doc_repealed,doc_in_force,licensing,punishment,coercion,fee`
`@REQ2021¦key=n,...`  applicants all natural persons unless `corp=key:n` items are given
`@REV¦review_upheld,review_corrected,review_total,lit_upheld,lit_total`
`@ACT2019¦...` and `@REQ2019¦...` for the 2019 template.
"""

REQ_ROWS_2021 = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("secret", "（三）不予公开 1.属于国家秘密"),
    ("third", "4.保护第三方合法权益"),
    ("process", "6.属于四类过程性信息"),
    ("not_held", "（四）无法提供 1.本机关不掌握相关政府信息"),
    ("creation", "2.没有现成信息需要另行制作"),
    ("complaint", "（五）不予处理 1.信访举报投诉类申请"),
    ("duplicate", "2.重复申请"),
    ("other", "（六）其他处理 3.其他"),
    ("total", "（七）总计"),
    ("forward", "四、结转下年度继续办理"),
]
REQ_ROWS_2019 = [(k, v.replace("（区分处理的，只计这一情形，不计其他情形）", "")) for k, v in REQ_ROWS_2021]
REQ_ROWS_2019[11] = ("other", "（六）其他处理")
COLS = "自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"


def _req(arg, rows):
    vals, corp = {}, {}
    for item in arg.split(","):
        k, v = item.split("=")
        if k == "corp":
            ck, cv = v.split(":")
            corp[ck] = int(cv)
        else:
            vals[k] = int(v)
    out = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t" + COLS]
    for key, name in rows:
        n, c = vals.get(key, 0), corp.get(key, 0)
        out.append(f"{name}\t{n}\t{c}\t0\t0\t0\t0\t{n + c}")
    return out


def expand(macro: str, arg: str):
    if macro == "@ACT2021":
        a = arg.split(",")
        return [
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t0\t0\t0",
            f"行政规范性文件\t{a[0]}\t{a[1]}\t{a[2]}",
            "信息内容\t本年处理决定数量",
            f"行政许可\t{a[3]}",
            f"行政处罚\t{a[4]}",
            f"行政强制\t{a[5]}",
            "信息内容\t本年收费金额（万元）",
            f"行政事业性收费\t{a[6]}",
        ]
    if macro == "@ACT2019":
        a = arg.split(",")
        return [
            "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
            "规章\t0\t0\t0",
            f"规范性文件\t{a[0]}\t{a[0]}\t{a[1]}",
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
            f"行政许可\t{a[2]}\t0\t{a[3]}",
            f"行政处罚\t{a[4]}\t0\t{a[5]}",
            "信息内容\t采购项目数量\t采购总金额",
            f"政府集中采购\t{a[6]}\t{a[7]}",
        ]
    if macro in ("@REQ2021", "@REQ2019"):
        return _req(arg, REQ_ROWS_2021 if macro == "@REQ2021" else REQ_ROWS_2019)
    if macro == "@REV":
        a = [int(x) for x in arg.split(",")]
        return [
            "行政复议\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            f"{a[0]}\t{a[1]}\t0\t{a[2] - a[0] - a[1]}\t{a[2]}",
            "行政诉讼（未经复议直接起诉）\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            f"{a[3]}\t0\t0\t{a[4] - a[3]}\t{a[4]}",
            "行政诉讼（复议后起诉）\t0\t0\t0\t0\t0",
        ]
    raise ValueError(macro)
