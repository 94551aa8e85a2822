"""Property-based tests: readers, normaliser and section parser on random and mutated reports.

None may raise anything but the package's own documented error types, and the structure they
return must be consistent (offsets inside the source, every clean character mapped).
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings, strategies as st

from nlp.errors import ReadError
from nlp.normalize import normalize_text
from nlp.read import read_bytes
from nlp.structure import parse_text

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
REPORT_ALPHABET = st.one_of(
    CJK,
    st.sampled_from(list("一二三四五六七八九十、（）()。，；：|\t\n 0123456789.·—-[]⺠⼀現(xiàn)")),
    st.characters(blacklist_categories=("Cs",)),
)
FRAGMENTS = [
    "一、总体情况\n", "二、主动公开政府信息情况\n", "三、收到和处理政府信息公开申请情况\n", "四、结转下年度继续办理\t0\t0\n",
    "五、存在的主要问题及改进情况\n", "六、其他需要报告的事项\n无\n", "（一）主动公开\n", "1、 总体情况\n", "规章\t0\t0\t0\n",
    "- 3 -\n", "\f", "您现在的位置: | 首页 |\n", "|||||||||||\n", "[bookmark: _GoBack]", "現(xiàn)", "全年公开信息312条。\n",
    "本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n", "\n\n", "部门概\n\n况、法律法规。\n",
]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_report(source: str) -> None:
    report = parse_text(source, doc_id="fuzz")
    for paragraph in report.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(source)
        assert paragraph.kind in ("narrative", "heading", "table", "meta")
        assert paragraph.text.strip()
    assert {s.key for s in report.sections} <= {
        "overview", "active", "requests", "review_litigation", "problems_improvements", "other_matters", "extra"
    }


@SETTINGS
@given(st.text(REPORT_ALPHABET, max_size=400))
def test_random_text_parses(source):
    _check_report(source)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.randoms(use_true_random=False))
def test_shuffled_report_fragments_parse(fragments, rng):
    rng.shuffle(fragments)
    _check_report("".join(fragments))


@SETTINGS
@given(st.text(REPORT_ALPHABET, max_size=300))
def test_normaliser_maps_every_character(source):
    normalized = normalize_text(source)
    assert len(normalized.offsets) == len(normalized.text)
    assert all(0 <= int(o) <= len(source) for o in normalized.offsets)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_read_or_refused_cleanly(data):
    try:
        text = read_bytes(data, name="fuzz.bin")
    except ReadError as exc:
        assert "fuzz.bin" in str(exc)
    else:
        assert isinstance(text, str)
        _check_report(text)


@SETTINGS
@given(st.sampled_from(["pdf", "docx", "txt"]), st.integers(min_value=1, max_value=400), st.integers(0, 2**32 - 1))
def test_truncated_and_corrupted_files_refused_cleanly(tmp_path_factory, kind, cut, seed):
    from tests.makers import write_docx, write_pdf

    folder = tmp_path_factory.mktemp("fuzz")
    text = "".join(FRAGMENTS)
    path = folder / f"r.{kind}"
    if kind == "pdf":
        write_pdf(text, path)
    elif kind == "docx":
        write_docx(text, path)
    else:
        path.write_bytes(text.encode("gb18030"))
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    data = data[: max(1, len(data) * cut // 400)]
    for _ in range(rng.randint(0, 5)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    try:
        text = read_bytes(bytes(data), name=path.name)
    except ReadError:
        return
    _check_report(text)


def test_huge_single_line_parses():
    line = "全年主动公开政府信息312条，" * 20000  # 300,000 characters, no line break
    _check_report("一、总体情况\n" + line)
