"""Page furniture shared by the report modules of set AE (each report has its own text)."""

ICP = {"江苏": "苏", "浙江": "浙", "广东": "粤", "山东": "鲁", "重庆": "渝"}


def mk(id, agency, short, year, province, level, fmt, site_name, host, path, pubdate, index_no, body,
       active=None, req=None, rev=None, publisher=None, crumb=None, nav=None, address="", phone="",
       site_code="", icp_no="", police_no="", buttons=None, title=None):
    title = title or "%s%d年政府信息公开工作年度报告" % (agency, year)
    p = ICP[province]
    r = dict(id=id, agency=agency, short=short, year=year, province=province, level=level, format=fmt,
             site_name=site_name, host=host, path=path, title=title, body=body,
             active=active or {}, req=req or {}, rev=rev or {})
    r["page_title"] = "%s_%s" % (title, site_name)
    r["pagemeta"] = ["索引号：%s" % index_no, "发布机构：%s" % (publisher or agency), "发布日期：%s" % pubdate]
    if crumb:
        r["crumb"] = crumb
    if nav:
        r["nav"] = nav
    r["buttons"] = buttons or ["【打印本页】", "【关闭窗口】", "分享到：微信 微博 QQ空间"]
    r["footer"] = ["主办：%s  承办：%s大数据中心" % (site_name, site_name.replace("人民政府", "")),
                   "网站标识码：%s  %sICP备%s号  %s公网安备 %s号" % (site_code, p, icp_no, p, police_no),
                   "地址：%s  联系电话：%s" % (address, phone)]
    if fmt == "pdf":
        r["page"] = ("PDF the user printed from the %s page with a browser: print date/time and page title at the top of "
                     "each page, URL and page counter (n/m) at the bottom, the site's banner, nav, breadcrumb, "
                     "索引号/发布机构/发布日期 line, print/share buttons and footer inside; the three tables as "
                     "ruled HTML grids with merged cells." % site_name)
    else:
        r["page"] = ("Text copied from the %s page by select-all: banner, tab-joined nav, breadcrumb, title, "
                     "索引号/发布机构/发布日期 lines, 字号 line, the report, tables as tab-separated rows with a merged "
                     "cell's text once, the print/close/share labels and the site footer." % site_name)
    return r
