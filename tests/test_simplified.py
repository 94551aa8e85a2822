"""Traditional → simplified only where the text is traditional (`nlp.normalize.characters.to_simplified`), on the
whole reports of ../shared: simplified text OpenCC's t2s would change is left as written; traditional renderings
(OpenCC's s2t, as the Big5 pages and files of the reading tests are made), a traditional heading in simplified
text and pinyin-glossed traditional text are converted as t2s converts them."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from nlp.normalize import normalize_text
from nlp.normalize.characters import holds_traditional, to_simplified
from nlp.normalize.text import NormalizedText
from tests.conftest import whole_reports

#: Simplified sentences t2s's phrase dictionary changes: 示覆 → 示复, 打坏 → 打坯 (坏 is a traditional variant of
#: 坯), 沈重 → 沉重 (沈 the surname).
MISCONVERTED = (
    "州、县两级民生资金公示覆盖全部乡镇，信息公示覆盖率100%。",
    "对被打坏的公开栏及时修复，由办公室沈重阳同志负责。",
)

#: Short traditional lines whose characters simplified text writes too (瞭, 徵, 於, 祕): t2s converts them.
AMBIGUOUS = ("一目瞭然", "徵集", "於", "祕密")


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _simplified(text: str) -> str:
    return to_simplified(NormalizedText.identity(text)).text


def _doc_ids() -> list[str]:
    """The whole reports written in simplified characters (one line per paragraph), by doc_id."""
    try:
        doc_ids = [r["doc_id"] for r in whole_reports() if not holds_traditional(r["text"])]
    except pytest.skip.Exception:
        return ["absent"]
    assert len(doc_ids) >= 20
    return doc_ids


def _text(doc_id: str) -> str:
    if doc_id == "absent":
        pytest.skip("../shared/corpus/full_reports.jsonl is absent")
    return next(r["text"] for r in whole_reports() if r["doc_id"] == doc_id)


def _insert_after_first_line(text: str, lines: tuple[str, ...]) -> str:
    first, rest = text.split("\n", 1)
    return "\n".join((first, *lines, rest))


def test_t2s_would_change_the_simplified_sentences():
    for sentence in MISCONVERTED:
        assert _t2s().convert(sentence) != sentence


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_simplified_report_with_words_t2s_misconverts_is_left_as_written(doc_id):
    text = _text(doc_id)
    damaged = _insert_after_first_line(text, MISCONVERTED)
    source = NormalizedText.identity(damaged)
    assert to_simplified(source) is source
    normalized = normalize_text(damaged).text
    assert all(sentence in normalized for sentence in MISCONVERTED)


@pytest.mark.parametrize("doc_id", _doc_ids())
def test_traditional_report_converts_as_t2s_does(doc_id):
    text = _text(doc_id)
    traditional = _s2t().convert(_insert_after_first_line(text, AMBIGUOUS))
    converted = to_simplified(NormalizedText.identity(traditional))
    assert converted.text == _t2s().convert(traditional)
    assert all(_t2s().convert(line) in converted.text.split("\n") for line in AMBIGUOUS)
    assert len(converted.offsets) == len(converted.text)


@pytest.mark.parametrize("doc_id", _doc_ids()[:8])
def test_traditional_heading_in_simplified_report_converted_alone(doc_id):
    text = _insert_after_first_line(_text(doc_id), MISCONVERTED)
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.lstrip().startswith(("一、", "二、")))
    traditional = _s2t().convert(lines[heading])
    assert traditional != lines[heading]
    mixed = lines[:heading] + [traditional] + lines[heading + 1 :]
    converted = _simplified("\n".join(mixed)).split("\n")
    assert converted[heading] == _t2s().convert(traditional)
    assert converted[:heading] + converted[heading + 1 :] == lines[:heading] + lines[heading + 1 :]


def test_pinyin_glossed_traditional_heading_converted():
    """A web converter's glosses after each converted character (`現(xiàn)`): dropped, then the line converted."""
    text = _text(_doc_ids()[0])
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.lstrip().startswith(("一、", "二、")))
    traditional = _s2t().convert(lines[heading])
    glossed = "".join(char + "(guān)" if holds_traditional(char) else char for char in traditional)
    assert glossed != traditional
    lines[heading] = glossed
    normalized = normalize_text("\n".join([*lines[:heading], *MISCONVERTED, *lines[heading:]])).text
    assert _t2s().convert(traditional).strip() in normalized
    assert "(guān)" not in normalized
    assert all(sentence in normalized for sentence in MISCONVERTED)


def _listed() -> str:
    listed = (Path(__file__).resolve().parents[1] / "nlp" / "resources" / "traditional_only.txt").read_text(encoding="utf-8")
    return "".join(line for line in listed.splitlines() if not line.startswith("#"))


def test_traditional_only_characters_are_those_t2s_always_converts():
    chars = _listed()
    assert len(chars) > 3000 and all(holds_traditional(char) for char in chars)
    assert all(_t2s().convert(char) != char for char in chars)
    # Characters simplified text writes too: t2s's own dictionary offers them unchanged, or s2t reads them as simplified.
    assert not any(holds_traditional(char) for char in "覆乾於著瞭徵祕藉緼苧么")
    assert all(holds_traditional(char) for char in "國關現報開與會發實據處條質應這東當產頁區縣鎮")


def test_shipped_list_is_what_opencc_dictionaries_give():
    import opencc

    if not (Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict").exists():
        pytest.skip("OpenCC's opencc_dict tool is not installed with this OpenCC package")
    script = Path(__file__).resolve().parents[1] / "scripts" / "make_traditional_only.py"
    spec = importlib.util.spec_from_file_location("make_traditional_only", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert _listed() == module.traditional_only()
