"""Shared page furniture defaults for set AH (not report text)."""


def R(**kw):
    kw.setdefault("crumb", "您现在的位置：首页 > 政务公开 > 政府信息公开年度报告")
    kw.setdefault("site", kw["county"] + "人民政府")
    kw.setdefault("level", "district" if kw["county"].endswith("区") else "county")
    kw.setdefault("title", f"{kw['agency']}{kw['year']:d}年政府信息公开工作年度报告")
    return kw
