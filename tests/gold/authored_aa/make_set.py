"""Build set AA: texts, labels, sections, tables and the report files (.html / .pdf via .docx + soffice)."""
import html as H
import json
import os
import random
import re
import subprocess

from texts_aa import (
    ACTIVE_GENERAL,
    ALT,
    APPLICATION,
    APPLICATION_REVIEW,
    APPLICATION_ZERO_REVIEW,
    CASES,
    DOMAIN_ACTIVE,
    FOCUS,
    INFO_MGMT,
    ORG,
    OTHER6,
    OVERVIEW,
    PLANS,
    PLATFORM,
    PREAMBLE,
    PROBLEMS,
    REPORTS,
    TOPICS,
)

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
COLS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org", "legal_service_org", "other_org"]

ZH = "零一二三四五六七八九"

def fill(s, P):
    return s.format(**P)

def mk_params(r, rng):
    did, city, dist, ag, short, kind, y, tpl, fmt, level = r
    site = {"北京市": f"北京市{dist}人民政府网站", "上海市": f"上海{dist}门户网站",
            "天津市": f"天津市{dist}人民政府网", "重庆市": f"重庆市{dist}人民政府网"}[city]
    pin = {"朝阳区": "bjchy", "浦东新区": "pudong", "河西区": "tjhx", "渝中区": "cqyz", "海淀区": "bjhd", "徐汇区": "xuhui",
           "南开区": "tjnk", "江北区": "cqjb", "西城区": "bjxch", "静安区": "jingan", "和平区": "tjhp", "九龙坡区": "cqjlp",
           "丰台区": "bjft", "沙坪坝区": "cqspb", "闵行区": "shmh", "滨海新区": "tjbh"}[dist]
    area = {"北京市": "010", "上海市": "021", "天津市": "022", "重庆市": "023"}[city]
    P = dict(ag=ag, short=short, dist=dist, city=city, y=y, ny=y + 1, py=y - 1, y0=y - 6, site=site,
             gov=f"{city}人民政府办公厅" if city != "重庆市" else "重庆市人民政府办公厅",
             url=f"http://www.{pin}.gov.cn", tel=f"{area}-{rng.randint(5100, 8899) * 10000 + rng.randint(0, 9999):d}",
             zip="{:d}".format({"北京市": 100000, "上海市": 200000, "天津市": 300000, "重庆市": 400000}[city] + rng.randint(10, 99) * 10),
             addr="{}{}{}路{:d}号".format(city, dist, rng.choice(["建设", "文化", "新华", "和平", "长江", "民主", "光明", "育才"]), rng.randint(2, 188)),
             wx=dist.replace("区", "") + ("" if kind in ("office", "street") else "") + {"office": "发布", "eco": "生态环境", "housing": "住建", "plan": "规划资源",
                  "urban": "城管", "veteran": "退役军人", "sport": "体育", "street": short}[kind],
             wb="{}{}".format(dist, {"office": "发布", "eco": "环境", "housing": "住建", "plan": "规自", "urban": "城管",
                                 "veteran": "退役军人", "sport": "体育", "street": "街道"}[kind]),
             radio=rng.choice(["政风行风热线", "民生访谈", "走进直播间", "政务公开面对面"]),
             open=rng.choice(["政府开放日", f"走进{short}", "公众开放日"]),
             newcol=rng.choice(["政策问答库", "征求意见", "民生实事", "解读回应", "执法公示"]),
             gsw={"北京市": "北京市政务服务网", "上海市": "“一网通办”总门户", "天津市": "天津网上办事大厅", "重庆市": "“渝快办”平台"}[city],
             hall=rng.choice([f"{dist}政务服务中心一层", f"{dist}档案馆", "单位办公楼一层接待大厅"]),
             office=rng.choice(["办公室", "综合科", "党政办公室"]) if kind != "office" else "政务公开科",
             focus=FOCUS[kind], topics=TOPICS[kind])
    for i in range(1, 33):
        P[f"n{i:d}"] = rng.randint(2, 60)
    P["n1"] = rng.randint(260, 2600) if kind != "street" else rng.randint(150, 600)
    P["n4"] = rng.randint(6, 25)
    P["n2"] = rng.randint(40, P["n1"] // 3)
    P["n10"] = rng.randint(80, 400)
    P["n11"] = rng.randint(30, P["n10"] - 20)
    P["n12"] = rng.randint(20, 90)
    P["n13"] = rng.randint(1, 8)
    P["n14"] = rng.randint(1, 6)
    P["n16"] = rng.randint(300, 3000)
    P["n18"] = rng.randint(200, 1500)
    P["n19"] = rng.randint(100, 900)
    P["n22"] = rng.randint(40, 600)
    P["n26"] = rng.randint(60, 500)
    P["n28"] = rng.randint(1, 3)
    P["n20"] = rng.randint(1, 4)
    P["n23"] = rng.randint(2, 6)
    P["n24"] = rng.randint(8, 30)
    P["n25"] = rng.randint(2, 8)
    P["n7"] = rng.randint(1, 5)
    P["n9"] = rng.randint(1, 6)
    P["n17"] = rng.randint(6, 15)
    P["n27"] = rng.randint(3, 12)
    P["n29"] = rng.randint(8, 30)
    P["n32"] = rng.randint(5, P["n30"] + P["n31"])
    P["d1"] = rng.randint(3, 12)
    P["nr"] = rng.randint(1, 3)
    P["tasks"] = "政务公开标准化规范化建设、政府开放日、政策解读" if rng.random() < .5 else "基层政务公开专区建设、政策文件清理、政务新媒体规范管理"
    c1, c2 = CASES[kind]
    P["case1"] = c1.format(y=y)
    P["case2"] = c2.format(y=y)
    return P

def make_tables(tpl, rng, kind):
    cells = []
    T = {}
    # requests
    big = kind in ("office", "housing", "plan")
    nat_new = rng.randint(25, 180) if big else rng.randint(3, 30)
    req = {c: {} for c in COLS}
    rows21 = ["granted", "partially_granted", "denied_state_secret", "denied_prohibited", "denied_security_stability",
              "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_files",
              "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
              "not_processed_complaint", "not_processed_duplicate", "not_processed_publication",
              "not_processed_mass_repeat", "not_processed_confirmation"]
    others = ["other_overdue_correction", "other_unpaid_fee", "other_misc"] if tpl == "2021" else ["other_handling"]
    outs = rows21 + others
    weights = {"granted": 30, "partially_granted": 6, "denied_third_party": 2, "denied_process_info": 3, "denied_internal_affairs": 1,
               "denied_admin_query": 2, "unavailable_not_held": 20, "unavailable_unclear": 3, "not_processed_complaint": 4,
               "not_processed_duplicate": 3, "not_processed_confirmation": 1, others[0]: 3, others[-1]: 2}
    wk = list(weights)
    wv = [weights[k] for k in wk]
    for c in COLS:
        if c == "natural_person":
            new = nat_new
            car = rng.randint(0, 4) if big else rng.randint(0, 1)
        elif c in ("commercial_enterprise", "legal_service_org"):
            new = rng.randint(0, 6 if big else 2)
            car = 0
        else:
            new = rng.choice([0, 0, 0, 1])
            car = 0
        fwd = rng.randint(0, min(3, new)) if (c == "natural_person" and big) else 0
        hand = new + car - fwd
        d = {o: 0 for o in outs}
        if c == "natural_person" and hand >= 2:
            d["granted"] += 1
            d["unavailable_not_held"] += 1
            hand2 = hand - 2
        else:
            hand2 = hand
        for _ in range(hand2):
            d[rng.choices(wk, wv)[0]] += 1
        req[c] = dict(new_received=new, carried_over=car, total_handled=new + car - fwd, carried_forward=fwd, **d)
    rowsall = ["new_received", "carried_over"] + outs + ["total_handled", "carried_forward"]
    for row in rowsall:
        tot = 0
        for c in COLS:
            v = req[c][row]
            tot += v
            cells.append(dict(table="requests", row=row, col=c, value=v))
        cells.append(dict(table="requests", row=row, col="total", value=tot))
    T["req"] = req
    T["outs"] = outs
    # review
    rev = {}
    for row in ["review", "litigation_direct", "litigation_after_review"]:
        u = rng.choice([0, 0, 1, 2]) if big else rng.choice([0, 0, 0, 1])
        if row == "litigation_after_review":
            u = rng.choice([0, 0, 1]) if big else 0
        co = 0
        ot = rng.choice([0, 1]) if big and row == "review" else 0
        pe = 0
        rev[row] = dict(upheld=u, corrected=co, other_result=ot, pending=pe, total=u + co + ot + pe)
        for k, v in rev[row].items():
            cells.append(dict(table="review_litigation", row=row, col=k, value=v))
    T["rev"] = rev
    # active
    act = []
    if tpl == "2021":
        ni = rng.randint(0, 4 if kind != "street" else 0)
        inf = rng.randint(ni, 30 if kind != "street" else 0)
        act = [("regulations", "issued", 0), ("regulations", "repealed", 0), ("regulations", "in_force", 0),
               ("normative_documents", "issued", ni), ("normative_documents", "repealed", rng.randint(0, 2) if inf else 0),
               ("normative_documents", "in_force", inf),
               ("licensing", "decisions", rng.randint(0, 3000) if kind in ("eco", "housing", "plan", "urban", "sport") else (rng.randint(0, 40) if kind != "street" else None)),
               ("punishment", "decisions", rng.randint(10, 900) if kind in ("eco", "housing", "plan", "urban", "street") else (0 if kind != "veteran" else None)),
               ("coercion", "decisions", rng.randint(0, 60) if kind in ("eco", "urban", "street") else None),
               ("fees", "amount", round(rng.uniform(1, 900), 2) if kind in ("plan", "housing") else None)]
    else:
        a, b = rng.randint(0, 5), rng.randint(5, 40)
        act = [("regulations", "new_made", 0), ("regulations", "new_published", 0), ("regulations", "total_published", 0),
               ("normative_documents", "new_made", a), ("normative_documents", "new_published", a), ("normative_documents", "total_published", b),
               ("licensing", "prev_items", rng.randint(0, 12)), ("licensing", "change", 0), ("licensing", "decisions", rng.randint(0, 300)),
               ("other_services", "prev_items", rng.randint(0, 20)), ("other_services", "change", rng.choice([0, 1, -1])), ("other_services", "decisions", rng.randint(0, 900)),
               ("punishment", "prev_items", rng.randint(0, 30)), ("punishment", "change", 0), ("punishment", "decisions", rng.randint(0, 50) if kind != "veteran" else 0),
               ("coercion", "prev_items", rng.randint(0, 5)), ("coercion", "change", 0), ("coercion", "decisions", 0),
               ("fees", "prev_items", 0), ("fees", "change", 0),
               ("procurement", "items", rng.randint(3, 40)), ("procurement", "amount", round(rng.uniform(20, 3000), 2))]
    for t, c, v in act:
        cells.append(dict(table="active", row=t, col=c, value=v))
    T["act"] = {(t, c): v for t, c, v in act}
    return cells, T

def fmtv(v):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)

REQ_LABELS21 = [
    ("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"),
    ("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (None, "（三）不予公开"),
    ("denied_state_secret", "1.属于国家秘密"), ("denied_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"), ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"), ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_files", "7.属于行政执法案卷"), ("denied_admin_query", "8.属于行政查询事项"),
    (None, "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"), ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"),
    ("not_processed_complaint", "1.信访举报投诉类申请"), ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"), ("not_processed_mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
]
REQ_TAIL21 = [(None, "（六）其他处理"),
    ("other_overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "3.其他"),
    ("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]
REQ_TAIL19 = [("other_handling", "（六）其他处理"), ("total_handled", "（七）总计"), ("carried_forward", "四、结转下年度继续办理")]

def table_rows(tpl, T):
    """Return three lists of rows (each row a list of cell strings), caption lines of the tables."""
    A = T["act"]
    if tpl == "2021":
        act = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
        for k, n in [("regulations", "规章"), ("normative_documents", "行政规范性文件")]:
            act.append([n] + [fmtv(A[(k, c)]) for c in ("issued", "repealed", "in_force")])
        act.append(["信息内容", "本年处理决定数量"])
        for k, n in [("licensing", "行政许可")]:
            act.append([n, fmtv(A[(k, "decisions")])])
        act.append(["信息内容", "本年处理决定数量"])
        for k, n in [("punishment", "行政处罚"), ("coercion", "行政强制")]:
            act.append([n, fmtv(A[(k, "decisions")])])
        act.append(["信息内容", "本年收费金额（单位：万元）"])
        act.append(["行政事业性收费", fmtv(A[("fees", "amount")])])
    else:
        act = [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]]
        for k, n in [("regulations", "规章"), ("normative_documents", "规范性文件")]:
            act.append([n] + [fmtv(A[(k, c)]) for c in ("new_made", "new_published", "total_published")])
        act.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for k, n in [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]:
            act.append([n] + [fmtv(A[(k, c)]) for c in ("prev_items", "change", "decisions")])
        act.append(["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"])
        for k, n in [("punishment", "行政处罚"), ("coercion", "行政强制")]:
            act.append([n] + [fmtv(A[(k, c)]) for c in ("prev_items", "change", "decisions")])
        act.append(["信息内容", "上一年项目数量", "本年增/减"])
        act.append(["行政事业性收费"] + [fmtv(A[("fees", c)]) for c in ("prev_items", "change")])
        act.append(["信息内容", "采购项目数量", "采购总金额"])
        act.append(["政府集中采购"] + [fmtv(A[("procurement", c)]) for c in ("items", "amount")])
    R = T["req"]
    req = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
           ["自然人", "法人或其他组织", "总计"],
           ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    labs = REQ_LABELS21 + (REQ_TAIL21 if tpl == "2021" else REQ_TAIL19)
    for key, name in labs:
        if key is None:
            req.append([name])
        else:
            vals = [R[c][key] for c in COLS]
            req.append([name] + [str(v) for v in vals] + [str(sum(vals))])
    V = T["rev"]
    rev = [["行政复议", "行政诉讼"],
           ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
           ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    row = []
    for k in ["review", "litigation_direct", "litigation_after_review"]:
        row += [str(V[k][c]) for c in ("upheld", "corrected", "other_result", "pending", "total")]
    rev.append(row)
    return act, req, rev

def pick(pool, rng, drop):
    """drop `drop` items that are neither (n) sub-items nor followed by one; keep order."""
    idx = list(range(len(pool)))
    cand = [i for i in idx if i > 0 and not pool[i][0].startswith("（") and not (i + 1 < len(pool) and pool[i + 1][0].startswith("（"))]
    rm = set(rng.sample(cand, min(drop, len(cand))))
    return [pool[i] for i in idx if i not in rm]

def number(items):
    out, k = [], 0
    for t, lb, g in items:
        if t.startswith("（"):
            out.append((t, lb, g))
        else:
            k += 1
            out.append((f"{k:d}.{t}", lb, g))
    return out

def build(r):
    did, city, dist, ag, short, kind, y, tpl, fmt, level = r
    rng = random.Random(did + "aa")
    P = mk_params(r, rng)
    cells, T = make_tables(tpl, rng, kind)
    R = T["req"]
    recv = sum(R[c]["new_received"] for c in COLS)
    P.update(recv=recv, carry=sum(R[c]["carried_over"] for c in COLS), handled=sum(R[c]["total_handled"] for c in COLS),
             fwd=sum(R[c]["carried_forward"] for c in COLS))
    web = max(0, recv - rng.randint(0, recv // 3) - rng.randint(0, 2))
    mail = rng.randint(0, recv - web)
    P.update(web=web, mail=mail, face=recv - web - mail)
    P["rev"] = T["rev"]["review"]["total"]
    P["lit"] = T["rev"]["litigation_direct"]["total"] + T["rev"]["litigation_after_review"]["total"]
    L = []  # (text, kind, label, generic, unsure)
    def nar(items, unsure=None):
        for t, lb, g in items:
            m = re.match(r"^(\d+\.)?(.*)$", t)
            body = m.group(2)
            for key, alts in ALT.items():
                if body.startswith(key) and rng.random() < 0.6:
                    body = rng.choice(alts)
                    break
            t = (m.group(1) or "") + body
            L.append([fill(t, P), "narrative", lb, g, None])
    def hd(t):
        L.append([t, "heading", None, None, None])
    secs = []
    def sec(n, t):
        secs.append(dict(number=n, name=t, para_index=len(L)))
        hd(t)
    hd(f"{ag}{y:d}年政府信息公开工作年度报告")
    nar(PREAMBLE)
    sec(1, "一、总体情况")
    nar([OVERVIEW[rng.randint(0, 1)]])
    hd("（一）主动公开")
    nar(number(DOMAIN_ACTIVE[kind] + pick(ACTIVE_GENERAL, rng, 1)))
    hd("（二）依申请公开")
    app = list(APPLICATION) + [APPLICATION_REVIEW if (P["rev"] + P["lit"]) else APPLICATION_ZERO_REVIEW]
    nar(number(pick(app, rng, 1)))
    hd("（三）政府信息管理")
    nar(number(pick(INFO_MGMT, rng, 1)))
    hd("（四）政府信息公开平台建设")
    nar(number(pick(PLATFORM, rng, 1)))
    hd("（五）监督保障")
    nar(number(pick(ORG, rng, 1)))
    act, req, rev = table_rows(tpl, T)
    tabs = []
    sec(2, "二、主动公开政府信息情况")
    tabs.append((len(L), act))
    for row in act:
        L.append([" ".join(row), "table", None, None, None])
    sec(3, "三、收到和处理政府信息公开申请情况")
    tabs.append((len(L), req))
    for row in req:
        L.append([" ".join(row), "table", None, None, None])
    sec(4, "四、政府信息公开行政复议、行政诉讼情况")
    tabs.append((len(L), rev))
    for row in rev:
        L.append([" ".join(row), "table", None, None, None])
    sec(5, "五、存在的主要问题及改进情况")
    s = rng.randint(0, 1) * 3
    hd("（一）存在的主要问题")
    nar(PROBLEMS[s:s + 3])
    hd("（二）改进情况")
    nar(PLANS[s:s + 3])
    sec(6, "六、其他需要报告的事项")
    o6 = [OTHER6[rng.randint(0, 1)]] + rng.sample(OTHER6[2:4], rng.randint(1, 2))
    if rng.random() < .4:
        o6.append(OTHER6[4])
    nar(o6)
    L.append([ag, "meta", None, None, None])
    L.append([f"{y + 1:d}年1月{rng.randint(10, 28):d}日", "meta", None, None, None])
    return P, L, secs, cells, tabs

# ---------------- file writers ----------------
HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_{site}</title></head>
<body>
<div class="header"><div class="logo">{site}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjqx/">走进{dist}</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<table class="xxgk-box"><tr><td>索引号：{idx}</td><td>发文机关：{ag}</td></tr>
<tr><td>主题分类：政务公开</td><td>成文日期：{date}</td></tr><tr><td colspan="2">标题：{title}</td></tr></table>
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：{date} &nbsp; 来源：{short} &nbsp; 字号：[大 中 小]</div>
<div class="TRS_Editor">
"""
HTML_TAIL = """</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="#">{ag}{py}年政府信息公开工作年度报告</a></li><li><a href="#">{ag}政府信息公开指南</a></li><li><a href="#">{dist}{y}年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer">主办：{dist}人民政府办公室 &nbsp; 承办：{ag} &nbsp; 网站标识码：{wid} &nbsp; {icp}<br>地址：{addr} &nbsp; 电话：{tel}</div>
</body></html>
"""

def write_html(did, P, L, tabs, br):
    tabstart = {i: rows for i, rows in tabs}
    date = L[-1][0]
    out = [HTML_HEAD.format(title=L[0][0], site=P["site"], dist=P["dist"], ag=P["ag"], short=P["short"],
                            idx="{}-{:02d}-{:d}-{:04d}".format(P["zip"][:3], P["y"] % 100, P["y"] + 1, random.Random(did).randint(1, 9999)),
                            date=date.replace("年", "-").replace("月", "-").replace("日", ""))]
    i = 1  # title is in h1; body repeats it? The TRS body starts with preamble.
    buf = []
    def flush():
        if buf:
            out.append('<p style="text-indent:2em">' + "<br>\n".join(buf) + "</p>\n")
            buf.clear()
    while i < len(L):
        t, k = L[i][0], L[i][1]
        if i in tabstart:
            flush()
            rows = tabstart[i]
            out.append('<table border="1" cellspacing="0" cellpadding="0" style="width:100%;border-collapse:collapse">\n')
            for row in rows:
                out.append("<tr>" + "".join(f"<td><p style=\"text-align:center\">{H.escape(c)}</p></td>" for c in row) + "</tr>\n")
            out.append("</table>\n")
            i += len(rows)
            continue
        if k == "heading":
            flush()
            if t.startswith(("二、", "三、", "四、")):
                out.append(f'<p style="text-align:center"><strong>{H.escape(t)}</strong></p>\n')  # table caption
            else:
                out.append(f'<p style="text-indent:2em"><strong>{H.escape(t)}</strong></p>\n')
        elif k == "meta":
            flush()
            out.append(f'<p style="text-align:right">{H.escape(t)}</p>\n')
        else:
            if br:
                buf.append("&nbsp;&nbsp;" + H.escape(t))
            else:
                out.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{H.escape(t)}</p>\n')
        i += 1
    flush()
    out.append(HTML_TAIL.format(ag=P["ag"], py=P["y"] - 1, y=P["y"], dist=P["dist"], addr=P["addr"], tel=P["tel"],
                                wid="11{:08d}".format(random.Random(did + "w").randint(0, 10 ** 8 - 1)),
                                icp={"北京市": "京ICP备05060933号", "上海市": "沪ICP备05021837号", "天津市": "津ICP备05004185号", "重庆市": "渝ICP备05003300号"}[P["city"]]))
    with open(os.path.join(FILES, did + ".html"), "w", encoding="utf-8") as f:
        f.write("".join(out))

def write_pdf(did, P, L, tabs, repeat_header):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "WenQuanYi Zen Hei"
    st.font.size = Pt(12)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "{}{:d}年政府信息公开工作年度报告".format(P["ag"], P["y"])
    sec.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("— ")
    r = fp.add_run()
    f1 = OxmlElement("w:fldChar")
    f1.set(qn("w:fldCharType"), "begin")
    r._r.append(f1)
    r = fp.add_run()
    it = OxmlElement("w:instrText")
    it.text = "PAGE"
    r._r.append(it)
    r = fp.add_run()
    f2 = OxmlElement("w:fldChar")
    f2.set(qn("w:fldCharType"), "end")
    r._r.append(f2)
    fp.add_run(" —")
    tabstart = {i: rows for i, rows in tabs}
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rr = p.add_run(L[0][0])
    rr.bold = True
    rr.font.size = Pt(18)
    i = 1
    while i < len(L):
        t, k = L[i][0], L[i][1]
        if i in tabstart:
            rows = tabstart[i]
            ncol = max(len(x) for x in rows)
            tb = d.add_table(rows=0, cols=ncol)
            tb.style = "Table Grid"
            for j, row in enumerate(rows):
                cs = tb.add_row().cells
                for c, v in enumerate(row):
                    cs[c].text = v
                    for pp in cs[c].paragraphs:
                        for rn in pp.runs:
                            rn.font.size = Pt(8)
                if repeat_header and rows is tabs[1][1] and j < 3:
                    trPr = tb.rows[j]._tr.get_or_add_trPr()
                    h = OxmlElement("w:tblHeader")
                    h.set(qn("w:val"), "true")
                    trPr.append(h)
            i += len(rows)
            continue
        p = d.add_paragraph()
        if k == "heading":
            rr = p.add_run(t)
            rr.bold = True
            if t.startswith(("二、", "三、", "四、")):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif k == "meta":
            p.add_run(t)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p.add_run(t)
            p.paragraph_format.first_line_indent = Cm(0.85)
            p.paragraph_format.widow_control = False
        p.paragraph_format.space_after = Pt(4)
        i += 1
    docx_path = os.path.join(FILES, did + ".docx")
    d.save(docx_path)
    subprocess.run(["soffice", "-env:UserInstallation=file:///tmp/lo_aa", "--headless", "--convert-to", "pdf",
                    "--outdir", FILES, docx_path], check=True, capture_output=True)
    os.remove(docx_path)

PAGE = {
    "html": "区政府网站的一篇文章页：导航、面包屑、索引号/发文机关信息框、标题与发布时间，正文在TRS_Editor中逐段为缩进<p>，三张统计表以<p>标题行加<table>呈现，页尾有分享到、相关链接和页脚。",
    "html_br": "区政府网站的一篇文章页：导航、面包屑、索引号/发文机关信息框，正文在TRS_Editor中，每个小节的多个段落挤在同一个<p>里以<br>分隔，三张统计表以<p>标题行加<table>呈现，页尾有分享到、相关链接和页脚。",
    "pdf": "由.docx经soffice转成的PDF：每页页眉为报告标题、页脚为页码，申请情况表跨页断开，有的段落跨页断开。",
    "pdf_rep": "由.docx经soffice转成的PDF：每页页眉为报告标题、页脚为页码，申请情况表跨页断开且在下一页重复表头行，有的段落跨页断开。",
}

def main():
    os.makedirs(FILES, exist_ok=True)
    reps, labs, secs_out, tabs_out = [], [], [], []
    for r in REPORTS:
        did, city, dist, ag, short, kind, y, tpl, fmt, level = r
        P, L, secs, cells, tabs = build(r)
        br = did in ("AA05", "AA10")
        rep = did in ("AA03", "AA07", "AA11", "AA15")
        if fmt == "html":
            write_html(did, P, L, tabs, br)
            page = PAGE["html_br" if br else "html"]
        else:
            write_pdf(did, P, L, tabs, rep)
            page = PAGE["pdf_rep" if rep else "pdf"]
        reps.append(dict(doc_id=did, agency=ag, year=y, template=tpl, title=L[0][0], level=level, province=city,
                         file=f"files/{did}.{fmt}", format=fmt, split="dev" if int(did[2:]) % 2 else "held",
                         text="\n".join(x[0] for x in L), page=page))
        for j, (t, k, lb, g, u) in enumerate(L):
            rec = dict(doc_id=did, para_index=j, text=t, kind=k, label=lb, mixed=False, generic=g)
            if k == "narrative":
                for sub, u in UNSURE:
                    if sub in t:
                        rec["unsure"] = u
                for sub, u in MIXED:
                    if sub in t:
                        rec["mixed"] = True
                        rec["unsure"] = u
            labs.append(rec)
        secs_out.append(dict(doc_id=did, sections=secs))
        tabs_out.append(dict(doc_id=did, template=tpl, cells=cells))
    def dump(name, rows):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for x in rows:
                f.write(json.dumps(x, ensure_ascii=False) + "\n")
    dump("reports.jsonl", reps)
    dump("labels.jsonl", labs)
    dump("sections.jsonl", secs_out)
    dump("tables.jsonl", tabs_out)

# units carrying two labels' content in comparable amounts: (substring, the second label)
MIXED = [("落实内容审核。政务新媒体", "info_management"), ("加强培训与平台运维联动", "platform")]
# hesitations: (substring of the unit, the other label considered)
UNSURE = [("推进政府开放日活动", "organization"), ("人大代表建议和政协提案办理结果公开", "other"),
          ("依托12345市民服务热线", "application"), ("规范个人信息保护", "active_disclosure"),
          ("聘请", "platform"), ("退役军人服务站公开栏同步公示", "platform"), ("年度任务全部按期完成", "organization"),

          ("社区公开栏公开低保", "platform")]

if __name__ == "__main__":
    main()
