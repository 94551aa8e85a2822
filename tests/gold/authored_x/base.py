"""Defaults for a report's page furniture."""
import hashlib


def rep(id, agency, year, template, level, province, fmt, style, place, site, body, active, requests,
        review=None, shape=None, zeros=None, page="", pubdate=None, host="www.example.gov.cn"):
    h = int(hashlib.md5(id.encode()).hexdigest()[:8], 16)
    return dict(id=id, agency=agency, year=year, template=template, level=level, province=province,
                format=fmt, style=style, place=place, site=site, body=body, active=active,
                requests=requests, review=review or {}, shape=shape, zeros=zeros, page=page,
                pubdate=pubdate or "%d-01-%02d %02d:%02d:00" % (year + 1, 10 + h % 18, 8 + h % 9, h % 60),
                url="http://%s/zwgk/ndbg/%d01/t%d01%02d_%d.html" % (host, year + 1, year + 1, 10 + h % 18, 1000000 + h % 900000),
                source=agency, views=30 + h % 900,
                index_no="%s-%d-%06d" % ("GD" if province == "广东" else "FJ" if province == "福建" else "HN" if province == "海南" else "GX", year + 1, h % 1000000),
                site_code="%d" % (4400000000 + h % 99999999), icp="%s ICP备%08d号" % (
                    {"广东": "粤", "福建": "闽", "海南": "琼", "广西": "桂"}[province], h % 100000000),
                phone="0%d-%d" % (750 + h % 150, 2000000 + h % 7000000))
