"""Defaults for a report's page furniture."""

import hashlib


def rep(
    id,
    agency,
    year,
    template,
    level,
    province,
    fmt,
    style,
    place,
    site,
    body,
    active,
    requests,
    review=None,
    shape=None,
    zeros=None,
    page="",
    pubdate=None,
    host="www.example.gov.cn",
):
    h = int(hashlib.md5(id.encode()).hexdigest()[:8], 16)
    return dict(
        id=id,
        agency=agency,
        year=year,
        template=template,
        level=level,
        province=province,
        format=fmt,
        style=style,
        place=place,
        site=site,
        body=body,
        active=active,
        requests=requests,
        review=review or {},
        shape=shape,
        zeros=zeros,
        page=page,
        pubdate=pubdate or f"{year + 1:d}-01-{10 + h % 18:02d} {8 + h % 9:02d}:{h % 60:02d}:00",
        url=f"http://{host}/zwgk/ndbg/{year + 1:d}01/t{year + 1:d}01{10 + h % 18:02d}_{1000000 + h % 900000:d}.html",
        source=agency,
        views=30 + h % 900,
        index_no="{}-{:d}-{:06d}".format(
            "GD"
            if province == "广东"
            else "FJ"
            if province == "福建"
            else "HN"
            if province == "海南"
            else "GX",
            year + 1,
            h % 1000000,
        ),
        site_code=f"{4400000000 + h % 99999999:d}",
        icp="{} ICP备{:08d}号".format({"广东": "粤", "福建": "闽", "海南": "琼", "广西": "桂"}[province], h % 100000000),
        phone=f"0{750 + h % 150:d}-{2000000 + h % 7000000:d}",
    )
