"""The jieba tokenizer (picklable, keeps the domain words whole) and the gathering of those words."""

from __future__ import annotations

import pickle
import sys

import pytest

from nlp.domain_words import format_dictionary, gather_terms
from nlp.structure import parse_text
from nlp.tokenize import (
    _CONTENT,
    DOMAIN_DICTIONARY,
    FIGURE,
    NUMBER_TOKEN,
    Tokenizer,
    has_content,
    read_word_list,
)
from tests import damage
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer().initialize()


def test_shipped_dictionary_is_gathered_and_kept_whole(tokenizer):
    words = read_word_list(DOMAIN_DICTIONARY)
    assert len(words) >= 50, "the shipped domain dictionary is (nearly) empty"
    assert all(not w.startswith("#") for w in words)
    split = [w for w in words if tokenizer(w) != [w]]
    assert not split, f"domain words cut by the tokenizer: {split[:10]}"


def test_domain_words_survive_in_a_sentence(tokenizer):
    sentence = "我局通过政务新媒体发布信息，依申请公开办理情况良好。"
    tokens = tokenizer(sentence)
    assert "政务新媒体" in tokens
    bare = Tokenizer(dictionary="")(sentence)
    assert "政务新媒体" not in bare, "without the domain dictionary jieba splits 政务新媒体 (else the test proves nothing)"


def test_punctuation_stopwords_and_numbers(tokenizer):
    tokens = tokenizer("（一）全年主动公开信息312条，其中政策解读21篇。")
    assert not {"（", "）", "，", "。", "一"} & set(tokens) - {"一"}
    assert all(any(ch.isalnum() for ch in t) or t == "<num>" for t in tokens)
    assert tokens.count("<num>") == 2
    assert "的" not in tokenizer("公开的信息")
    assert "将" in tokenizer("我们将进一步加强培训"), "将 marks plans (improvement) and must not be a stop word"
    kept = Tokenizer(numbers=False)("公开信息312条")
    assert "312" in kept


def test_tokenizer_pickles_without_its_jieba_state(tokenizer):
    text = "严格落实保密审查，坚持涉密不上网、上网不涉密。"
    blob = pickle.dumps(tokenizer)
    assert len(blob) < 10_000, "the jieba dictionary must not travel inside the pickle"
    clone = pickle.loads(blob)
    assert clone._jieba is None
    assert clone(text) == tokenizer(text)


def test_custom_dictionary_file(tmp_path):
    dictionary = tmp_path / "words.txt"
    dictionary.write_text("# comment line\n晨曦码平台 5 n\n", encoding="utf-8")
    tokens = Tokenizer(dictionary=str(dictionary))("群众通过晨曦码平台查询")
    assert "晨曦码平台" in tokens
    assert not any(t.startswith("#") for t in tokens)


def _documents() -> list[tuple[str, str]]:
    # Written for this test: an invented platform name in varied company, across ten reports.
    left = ["我们使用", "群众通过", "依托", "全面升级", "大力推广"]
    right = ["发布信息", "公开数据", "办理业务", "提供服务", "接受咨询"]
    docs = []
    for d in range(10):
        sentences = [f"{left[(d + k) % 5]}晨曦码平台{right[(d + 2 * k) % 5]}。" for k in range(3)]
        sentences.append("街道办事处认真做好各项工作，年内召开会议研究部署，加强培训学习，提高工作人员业务能力和服务水平。")
        sentences.append("全年接待来访群众多人次，及时回应社会关切，按时完成上级交办的各项任务，取得了较好成效。")
        docs.append((f"doc{d}", "".join(sentences)))
    return docs


def test_gather_terms_finds_a_recurring_term_and_not_its_fragments():
    terms = {t.word: t for t in gather_terms(_documents(), min_count=10, min_docs=5)}
    assert "晨曦码平台" in terms
    assert terms["晨曦码平台"].docs == 10
    assert "晨曦码平" not in terms and "曦码平台" not in terms
    text = format_dictionary(list(terms.values()), ["written"])
    assert "晨曦码平台" in text.splitlines()


def test_tokenizers_with_one_dictionary_share_one_loaded_jieba(tmp_path, tokenizer):
    """The classifier, the boilerplate scorer and year over year each hold a Tokenizer: one jieba serves them."""
    assert Tokenizer(numbers=False).initialize()._jieba is tokenizer._jieba
    dictionary = tmp_path / "words.txt"
    dictionary.write_text("晨曦码平台 5 n\n", encoding="utf-8")
    own = Tokenizer(dictionary=str(dictionary)).initialize()
    assert own._jieba is not tokenizer._jieba
    assert "晨曦码平台" not in tokenizer("群众通过晨曦码平台查询"), "a user dictionary leaked into the shipped one"


def test_tokenizers_with_equal_settings_are_equal_and_share_caches():
    from nlp.boilerplate.commonness import _token_spans

    first, second = Tokenizer(numbers=False), Tokenizer(numbers=False)
    assert first == second and hash(first) == hash(second)
    assert first != Tokenizer() and first != Tokenizer(numbers=False, stopwords=["工作"])
    text = "全年主动公开政府信息1200条，其中政策文件56件。"
    _token_spans(first, text)
    hits = _token_spans.cache_info().hits
    _token_spans(second, text)
    assert _token_spans.cache_info().hits == hits + 1


def test_commonness_deals_each_sentence_the_words_it_has_when_cut_alone():
    from nlp.boilerplate.commonness import _SENTENCE, _WORDLIKE, CommonnessModel, token_spans

    model = CommonnessModel(tokenizer=Tokenizer(numbers=False))
    texts = [
        "一是加强组织领导，明确分管领导。二是完善制度建设！三是强化监督考核？下一步，我局将持续推进；确保取得实效",
        "2023年，我局通过门户网站公开信息1,234条（其中 GDP 相关12条）；办理依申请公开3件。",
        "。开头的标点；无结尾的句子",
    ]
    for text in texts:
        dealt = [words for words, _ in model._sentence_ngrams(text)]
        alone = []
        for sentence in _SENTENCE.finditer(text):
            words = [(w, s + sentence.start(), e + sentence.start()) for w, s, e in token_spans(model.tokenizer, sentence.group())]
            alone.append([w for w in words if _WORDLIKE.search(w[0])])
        assert dealt == alone and any(dealt)


def test_a_paragraph_is_cut_once_per_process_by_tokenizers_of_equal_settings(monkeypatch):
    """The memo behind `Tokenizer.__call__`: a second tokenizer with the same settings gets the first
    one's words without a jieba pass; other settings cut again; callers get their own list."""
    calls = []
    original = Tokenizer.cut
    monkeypatch.setattr(Tokenizer, "cut", lambda self, text: calls.append(self.numbers) or original(self, text))
    text = "本年度新建政务公开专区7个，编号为甲乙丙丁的这一段只在本测试中出现。"
    first = Tokenizer()(text)
    again = Tokenizer()(text)
    assert first == again == original(Tokenizer(), text) and calls == [True]
    again.append("changed")
    assert Tokenizer()(text) == first, "a caller's list must not change the memo"
    Tokenizer(numbers=False)(text)
    assert calls == [True, False]


_CUT_IN_A_FRESH_PROCESS = r"""
import json, sys
if sys.argv[1] == "first":
    import pkg_resources  # noqa: F401  (imported before jieba, as another library might)
from nlp.tokenize import Tokenizer
text = sys.stdin.read()
tokens = Tokenizer()(text)
import jieba.finalseg as finalseg
print(json.dumps({
    "tokens": tokens,
    "hmm": [sorted(finalseg.start_P.items()), len(finalseg.emit_P["B"])],
    "pkg_resources": "pkg_resources" in sys.modules,
    "blocked": sys.modules.get("pkg_resources", 0) is None,
}))
"""


def test_jieba_imported_without_pkg_resources_cuts_as_with_it():
    """`jieba_for` keeps jieba from importing pkg_resources (it opens its data files by path then):
    the words and the HMM model for unknown words are the same as with pkg_resources loaded, and
    nothing of the blocking is left behind."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = "东湖县人民政府办公室2021年收到政府信息公开申请12件，经研判属于“三安全一稳定”的不予公开。咕噜镇新设便民服务站。"
    runs = {}
    for order in ("first", "never"):
        done = subprocess.run(
            [sys.executable, "-c", _CUT_IN_A_FRESH_PROCESS, order], input=text, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONPATH": str(root)}, cwd=root,
        )
        runs[order] = json.loads(done.stdout)
    assert runs["never"]["tokens"] == runs["first"]["tokens"]
    assert runs["never"]["hmm"] == runs["first"]["hmm"]
    assert runs["first"]["pkg_resources"] is True
    assert runs["never"]["pkg_resources"] is False and runs["never"]["blocked"] is False
    assert len(runs["never"]["tokens"]) > 10


def test_has_content_is_what_the_content_regex_says_for_every_character():
    # `str.isalnum` first, the regex only where it says no: every code point alone, and tokens mixing
    # content with what is not (underscores, punctuation, spaces, combining marks, other scripts' digits)
    tokens = ["", "_", "__", "a_", "_1", "公开", "——", "《", "１２", "٣", "Ⅻ", "²", "x²", "…", "<num>", "\u3000", "a b", "e\u0301", "\u0301"]
    tokens += [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    for token in tokens:
        assert has_content(token) == bool(_CONTENT.search(token)), repr(token)
    assert sum(has_content(token) for token in tokens) > 100_000


def _plain_cut(tokenizer: Tokenizer, text: str) -> list[str]:
    """`Tokenizer.cut` as first written: every token's content asked of the regex."""
    text = FIGURE.sub(" 0 ", text) if tokenizer.numbers else text
    tokens = []
    for token in tokenizer.initialize()._jieba.cut(text, HMM=True):
        token = token.strip()
        if token and token not in tokenizer.stopwords and _CONTENT.search(token):
            tokens.append(NUMBER_TOKEN if token == "0" and tokenizer.numbers else token)
    return tokens


def test_cut_keeps_the_tokens_the_plain_regex_filter_keeps_on_seed_reports_and_damaged_copies(tokenizer):
    texts = ["第１２条 x² Ⅻ级 a_b __ 《条例》—— 12.5% ٣件", "\u3000公开\t_\n<num> 0 00"]
    for path in sorted(shared_path("seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for variant in (text, damage.join_lines(text), damage.remove_whitespace(text), damage.odd_label_spaces(text)):
            texts += [p.text for p in parse_text(variant).paragraphs]
    assert len(texts) > 100
    for settings in (tokenizer, Tokenizer(numbers=False), Tokenizer(stopwords=())):
        for text in texts:
            assert settings.cut(text) == _plain_cut(settings, text), text[:60]
