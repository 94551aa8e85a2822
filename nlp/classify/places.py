"""Place names of China's administrative divisions: which province a name belongs to, and masking them.

The table is the national division codes as shipped by the `cpca` package
(`cpca/resources/adcodes.csv`: about 3,500 provinces, prefecture cities and counties with their
codes), read as a data file only. It serves the validation splits by province and level
(nlp.classify.shifts) and the `places` text form of the classifier's features (`mask_places`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "township")
#: Suffixes a province's or a city's short name drops (`辽宁省` → `辽宁`, `长春市` → `长春`).
_SHORT_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市|地区|盟)$")

@dataclass(frozen=True)
class Place:
    """A place name of the division table: its province code and its layer (`province`, `city`, `county`)."""

    province: str | None  # None: the name is that of places in several provinces
    level: str


@lru_cache(maxsize=1)
def place_table() -> Mapping[str, Place]:
    """Place name → Place, full names (`长春市`, `双塔区`) and, for provinces and cities, short
    names of two characters or more (`长春`). A name several provinces share keeps no province."""
    try:
        from importlib.resources import files

        table = files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    except (ImportError, ModuleNotFoundError, FileNotFoundError) as error:
        raise RuntimeError(
            "the province and level splits read the division table of the `cpca` package: pip install cpca"
        ) from error
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for line in table.splitlines()[1:]:
        code, name = line.split(",")[:2]
        if not code[:2].isdigit() or code[:2] in {"71", "81", "82"}:  # no reports from Taiwan, Hong Kong, Macao
            continue
        level = "province" if code[2:6] == "0000" else "city" if code[4:6] == "00" else "county"
        found[name].add((code[:2], level))
        short = _SHORT_SUFFIX.sub("", name)
        if level != "county" and short != name and len(short) >= 2:
            found[short].add((code[:2], level))
    places = {}
    for name, entries in found.items():
        provinces = {province for province, _ in entries}
        levels = sorted({level for _, level in entries}, key=LEVELS.index)
        places[name] = Place(provinces.pop() if len(provinces) == 1 else None, levels[-1])
    return MappingProxyType(places)  # cached and shared by every caller: read-only


def places_in(text: str) -> list[tuple[int, str, Place]]:
    """The division-table names in `text`, leftmost-longest, as (position, name, Place)."""
    table = place_table()
    longest = max(map(len, table))
    out, index = [], 0
    while index < len(text):
        for size in range(min(longest, len(text) - index), 1, -1):
            name = text[index : index + size]
            if name in table:
                out.append((index, name, table[name]))
                index += size
                break
        else:
            index += 1
    return out




#: The mark a masked place name leaves, followed by its layer's word (`长春市` → `某市`): a template
#: writes `某某县` for a place, and the layer word (`市`, `区`, `镇`) says something of the agency.
PLACE_MARK = "某"
_PLACE_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|特别行政区|地区|街道|苏木|[省市州盟县区旗镇乡])$")
#: A township's or a street's name (`杨柳镇`, `连岛街道`): two or three characters before the word,
#: not a collective or a pronoun (`各乡镇`, `全镇`, `城乡`) and not an already masked place.
_TOWNSHIP_NAME = re.compile(r"(?<![某])([\u4e00-\u9fff]{2,3}?)(?=(?:镇|乡|街道|苏木)(?!村|镇|街|级|政府信息))")
_NOT_A_TOWNSHIP = re.compile(r"[各全本我该每城乡镇村县市区省街道和及与、的]")


@lru_cache(maxsize=1 << 16)
def mask_places(text: str) -> str:
    """`text` with every place name of the division table, and every township or street name,
    replaced by `PLACE_MARK` and its layer word: `辽宁省朝阳市双塔区前进街道` → `某省某市某区某街道`.

    A model then cannot learn which site wrote a paragraph from the names in it (a site's name is in
    most of its paragraphs and in none of another site's). Cached: the same paragraphs are read
    again in every fold and in every context-free copy."""
    found = places_in(text)
    if found:
        parts, last = [], 0
        for start, name, _ in found:
            suffix = _PLACE_SUFFIX.search(name)
            parts.append(text[last:start] + PLACE_MARK + (suffix.group(0) if suffix else ""))
            last = start + len(name)
        text = "".join(parts) + text[last:]
    return _TOWNSHIP_NAME.sub(_township, text)


def _township(match: re.Match[str]) -> str:
    name = match.group(1)
    return name if _NOT_A_TOWNSHIP.search(name) else PLACE_MARK
