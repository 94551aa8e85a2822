"""Bytes of a text file → str: the encoding detected from the bytes (BOM, UTF-16, UTF-8, the Chinese codecs)."""

from __future__ import annotations

import re

from nlp.errors import ReadError


def decode(data: bytes, name: str = "<bytes>") -> str:
    """Bytes of a text file → str, detecting the encoding (never guessed from the file name).

    In order: a byte-order mark; UTF-16 text without one (ASCII leaves a NUL in every other byte);
    strict UTF-8 (Chinese text in GB18030 or Big5 is never valid UTF-8 past a few characters, while
    a UTF-8 page of ASCII markup decodes as *some* UTF-16 — so UTF-8 is tried before any guess);
    then the Chinese codecs, the page's own declared charset preferred where it reads as well as
    the best of them, and charset-normalizer where none decodes cleanly.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"), name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), name)  # a damaged or cut file: marks, not a crash
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(data.decode(utf16, errors="replace"), name)
    if b"\x00" in data[:4096]:
        # Mostly-CJK UTF-16 has too few NULs for the test above; anything else with NULs is binary.
        utf16 = _utf16_reading(data)
        if utf16 is None:
            raise ReadError(name, "binary file (NUL bytes), not text")
        return _checked(utf16, name)
    try:
        return _checked(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    return _checked(_decode_chinese(data, declared_charset(data)), name)


#: `<meta charset="gbk">`, `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`,
#: `<?xml version="1.0" encoding="big5"?>`: the page's own word for its encoding.
_DECLARED = re.compile(rb"""(?:<meta[^>]{0,200}?charset|<\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,20})""", re.IGNORECASE)
#: Declared names → the codec that decodes what pages so labelled really hold (GBK and GB2312 pages
#: use GB18030 characters; Big5 pages use the HKSCS extensions).
_CODEC_FAMILY = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs", "cp950": "big5hkscs", "utf-8": "utf-8", "utf8": "utf-8",
    "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
}


def declared_charset(data: bytes) -> str | None:
    """The codec a page's `<meta charset>`/`http-equiv`/XML declaration names, or None (unknown names too)."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return _CODEC_FAMILY.get(match.group(1).decode("ascii").lower())


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its NULs: ASCII in UTF-16 leaves one in every other byte.

    Text that is all CJK has no NULs; it is weighed against GB18030 and Big5 in `_decode_chinese`,
    because any even run of bytes — a UTF-8 page's ASCII markup too — decodes as some UTF-16.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _utf16_reading(data: bytes) -> str | None:
    """The UTF-16 (either byte order) reading of `data` that is Chinese text, or None."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_share(text[:4000]) >= 0.5 and common_share(text[:20000]) >= READS_AS_CHINESE:
            return text
    return None


def _cjk_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or c in "，。、；：（）《》“”") / len(letters)


#: Below this share of common characters among its CJK ones, a decoding is taken for mojibake.
READS_AS_CHINESE = 0.3


def _decode_chinese(data: bytes, declared: str | None = None) -> str:
    """GB18030, Big5 or BOM-less UTF-16, whichever reads as Chinese; charset-normalizer settles the rest.

    Each codec must decode the bytes strictly; the winner is the one whose CJK characters are most
    often common ones (a wrong codec yields rare characters). A declared charset is taken when it
    reads nearly as well as the best, since Big5 and GB18030 overlap on many byte pairs.
    """
    scored: dict[str, tuple[float, str]] = {}
    for codec in ("gb18030", "big5hkscs", "utf-16-le", "utf-16-be"):
        try:
            # A file cut in mid-character loses its last byte, not its reading.
            text = data[: len(data) // 2 * 2].decode(codec) if codec.startswith("utf-16") else data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec.startswith("utf-16") and _cjk_share(text[:4000]) < 0.5:
            continue
        scored[codec] = (common_share(text[:20000]), text)
    if scored:
        best = max(scored, key=lambda codec: scored[codec][0])
        if declared in scored and scored[declared][0] >= scored[best][0] - 0.05 and scored[declared][0] >= READS_AS_CHINESE:
            return scored[declared][1]
        if scored[best][0] >= READS_AS_CHINESE or not _has_cjk(scored[best][1]):
            return scored[best][1]
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is not None and common_share(str(guess)[:20000]) >= READS_AS_CHINESE:
        return str(guess)
    if declared and declared in _CODEC_FAMILY.values():
        return data.decode(declared, errors="replace")
    if scored:
        return max(scored.values(), key=lambda item: item[0])[1]
    return data.decode("gb18030", errors="replace")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text[:20000])


#: Characters that any Chinese administrative text is full of; a wrong codec yields few of them.
_COMMON = frozenset("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")


def common_share(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in _COMMON) / len(cjk)


#: Control characters other than the line and page breaks and the tab, and the replacement mark.
#: Counted by one regex scan rather than a Python loop over the 20,000 characters of the sample.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _checked(text: str, name: str) -> str:
    """Refuse text that is mostly control characters or replacement marks: a binary file."""
    sample = text[:20000]
    if not sample.strip():
        raise ReadError(name, "no text in the file")
    # Imported here: the repair of mangled text is a normalising step, and it measures text with this module.
    from nlp.normalize.mojibake import is_destroyed, looks_like_mojibake

    if is_destroyed(sample):
        raise ReadError(name, "the text was decoded wrongly twice (锟斤拷…) and its characters are lost: save the page again from its source")
    bad = len(_BAD_CHARACTER.findall(sample))
    # Text read with the wrong codec keeps the marks of what that codec could not read; it is decoded again
    # from its bytes when normalised (`nlp.normalize.mojibake`).
    if bad > 0.02 * len(sample) and not looks_like_mojibake(sample):
        raise ReadError(name, "binary or undecodable file: it does not read as text in any Chinese encoding")
    return text
