"""Page furniture shared by the report modules of set AE (each report has its own text)."""

ICP = {"江苏": "苏", "浙江": "浙", "广东": "粤", "山东": "鲁", "重庆": "渝"}


def mk(id, agency, short, year, province, level, fmt, site_name, host, path, pubdate, index_no, body,
       active=None, req=None, rev=None, publisher=None, crumb=None, nav=None, address="", phone="",
       site_code="", icp_no="", police_no="", buttons=None, title=None):
    title = title or f"{agency}{year:d}年政府信息公开工作年度报告"
    p = ICP[province]
    r = dict(id=id, agency=agency, short=short, year=year, province=province, level=level, format=fmt,
             site_name=site_name, host=host, path=path, title=title, body=body,
             active=active or {}, req=req or {}, rev=rev or {})
    r["page_title"] = f"{title}_{site_name}"
    r["pagemeta"] = [f"索引号：{index_no}", f"发布机构：{publisher or agency}", f"发布日期：{pubdate}"]
    if crumb:
        r["crumb"] = crumb
    if nav:
        r["nav"] = nav
    r["buttons"] = buttons or ["【打印本页】", "【关闭窗口】", "分享到：微信 微博 QQ空间"]
    r["footer"] = ["主办：{}  承办：{}大数据中心".format(site_name, site_name.replace("人民政府", "")),
                   f"网站标识码：{site_code}  {p}ICP备{icp_no}号  {p}公网安备 {police_no}号",
                   f"地址：{address}  联系电话：{phone}"]
    if fmt == "pdf":
        r["page"] = (f"PDF the user printed from the {site_name} page with a browser: print date/time and page title at the top of "
                     "each page, URL and page counter (n/m) at the bottom, the site's banner, nav, breadcrumb, "
                     "索引号/发布机构/发布日期 line, print/share buttons and footer inside; the three tables as "
                     "ruled HTML grids with merged cells.")
    else:
        r["page"] = (f"Text copied from the {site_name} page by select-all: banner, tab-joined nav, breadcrumb, title, "
                     "索引号/发布机构/发布日期 lines, 字号 line, the report, tables as tab-separated rows with a merged "
                     "cell's text once, the print/close/share labels and the site footer.")
    return r
