"""`nlp.modelfiles.reader` rebuilds the project's skops files without importing skops: the same objects as
skops builds, and never a file skops with govreport's trusted list would refuse."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from nlp.errors import ModelError
from nlp.modelfiles import store
from nlp.modelfiles.reader import PROTOCOL, NotReadable, read_model


def _saved(tmp_path, model, name="m.joblib"):
    path = tmp_path / name
    store.save_model(model, path, {"trained_on": "test"})
    return path


def _rewrite(path, edit_schema=None, extra: dict[str, bytes] | None = None, card: bool = True):
    """Rewrite a skops file's schema.json (and add members), its card re-hashed when `card`."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    schema = json.loads(members["schema.json"])
    if edit_schema is not None:
        edit_schema(schema)
    members["schema.json"] = json.dumps(schema).encode()
    members.update(extra or {})
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    if card:
        card_file = store.card_path(path)
        card_data = json.loads(card_file.read_text(encoding="utf-8"))
        card_file.write_text(json.dumps(card_data | {"sha256": store.sha256_of(path)}), encoding="utf-8")
    return path


def _small_model():
    """A fitted vectorizer and classifier with an object array of labels, a dict vocabulary, a tuple."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    texts = ["主动公开政府信息86条", "收到申请12件", "下一步将加强培训", "进一步提高公开质量", "办理复议3件", "网站发布信息"]
    labels = ["active", "requests", "improvements", "improvements", "reviews", "active"]
    model = Pipeline([("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(1, 2))), ("model", LogisticRegression())])
    return model.fit(texts, np.asarray(labels, dtype=object))


@pytest.mark.parametrize("name", sorted(path.name for path in store.SHIPPED_MODELS.glob("*.joblib")))
def test_each_shipped_model_is_rebuilt_exactly_as_skops_rebuilds_it(name):
    import skops.io as sio

    from nlp.inference import Twin
    from nlp.modelpacking import swap_values, unpack_tables

    data = (store.SHIPPED_MODELS / name).read_bytes()
    ours = read_model(data, store.TRUSTED_TYPES, twins=False)
    theirs = sio.loads(data, trusted=list(store.TRUSTED_TYPES))
    assert store.first_difference(ours, theirs) is None
    # As loaded for prediction: inference twins, each holding exactly the real object's state.
    twins = read_model(data, store.TRUSTED_TYPES)
    found = swap_values(twins, lambda value: value.to_sklearn() if isinstance(value, Twin) else None)
    # the corpus model and the paragraph-break model (a table of weights) hold no scikit-learn part
    assert found or name in ("boilerplate_corpus.joblib", "paragraph_breaks.joblib")
    assert store.first_difference(unpack_tables(twins), unpack_tables(theirs)) is None


def test_a_model_of_scikit_learn_parts_loads_and_predicts_as_saved(tmp_path):
    model = _small_model()
    path = _saved(tmp_path, model)
    loaded, _ = store.load_verified(path, twins=False)
    assert store.first_difference(model, loaded) is None
    texts = ["本年度收到申请5件", "主动公开信息"]
    np.testing.assert_array_equal(model.predict_proba(texts), loaded.predict_proba(texts))
    # as loaded for prediction: the twin of the same pipeline, bit for bit the same probabilities
    twin, _ = store.load_verified(path)
    assert type(twin).__name__ == "PipelineTwin"
    assert store.first_difference(model, twin.to_sklearn()) is None
    np.testing.assert_array_equal(model.predict_proba(texts), twin.predict_proba(texts))
    np.testing.assert_array_equal(model.predict(texts), twin.predict(texts))
    # the labels are an object array rebuilt item by item
    assert loaded.classes_.dtype == object and list(loaded.classes_) == list(model.classes_)


def test_shared_objects_stay_shared(tmp_path):
    shared = [1, 2, 3]
    path = _saved(tmp_path, {"a": shared, "b": shared})
    loaded, _ = store.load_verified(path)
    assert loaded == {"a": [1, 2, 3], "b": [1, 2, 3]} and loaded["a"] is loaded["b"]


def test_loading_the_shipped_models_does_not_import_skops():
    code = "import sys\nfrom nlp.pipeline import Steps\nSteps.load()\nprint('skops' in sys.modules, 'skops.io' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy(), timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]


def _name_a_module(schema, loader: str, module: str, name: str) -> None:
    """Point the first dict value of the root object at `module.name` (as an object or a function)."""
    content = schema["content"]["content"] if schema["__loader__"] == "ObjectNode" else schema["content"]
    key = next(iter(content))
    content[key] = {"__class__": name, "__module__": module, "__loader__": loader, **({"content": {}} if loader == "ObjectNode" else {})}


@pytest.mark.parametrize("loader", ["ObjectNode", "FunctionNode", "TypeNode"])
def test_a_type_off_the_list_is_refused_before_anything_is_imported(tmp_path, capsys, loader):
    # `this` prints the Zen of Python when imported: had the loader imported it, its code would have run.
    sys.modules.pop("this", None)
    path = _rewrite(_saved(tmp_path, {"terms": {"a": 1}, "n": 2}), lambda s: _name_a_module(s, loader, "this", "s"))
    with pytest.raises(NotReadable):
        read_model(path.read_bytes(), store.TRUSTED_TYPES)
    with pytest.raises(ModelError, match="does not load|damaged"):
        store.load_verified(path)
    assert "this" not in sys.modules
    assert "Beautiful is better" not in capsys.readouterr().out


def test_a_function_in_the_trusted_list_is_refused_where_an_object_is_expected(tmp_path):
    path = _rewrite(_saved(tmp_path, {"terms": {"a": 1}}), lambda s: _name_a_module(s, "ObjectNode", "nlp.normalize", "comparable"))
    with pytest.raises(NotReadable):
        read_model(path.read_bytes(), store.TRUSTED_TYPES)


def test_a_changed_file_is_refused_by_its_hash_before_it_is_read(tmp_path, monkeypatch):
    from nlp.modelfiles import reader

    path = _saved(tmp_path, {"terms": {"a": 1}})
    _rewrite(path, lambda s: s["content"].update(n={"__class__": "int", "__module__": "builtins", "__loader__": "JsonNode", "content": "3"}), card=False)
    calls = []
    monkeypatch.setattr(reader, "read_model", lambda *args: calls.append(args))
    with pytest.raises(ModelError, match="does not match its card"):
        store.load_verified(path)
    assert not calls


def test_a_wrong_hash_in_the_card_is_refused(tmp_path):
    path = _saved(tmp_path, {"terms": {"a": 1}})
    card = store.card_path(path)
    card.write_text(json.dumps(json.loads(card.read_text(encoding="utf-8")) | {"sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(ModelError, match="does not match its card"):
        store.load_verified(path)


def test_an_array_that_needs_pickle_is_refused(tmp_path):
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    path = _saved(tmp_path, {"values": np.arange(3)})

    def point_at_pickle(schema):
        schema["content"]["values"]["file"] = "evil.npy"

    _rewrite(path, point_at_pickle, extra={"evil.npy": buffer.getvalue()})
    with pytest.raises(ModelError, match="damaged"):
        store.load_verified(path)


def test_damaged_files_give_a_clear_error(tmp_path):
    path = _saved(tmp_path, {"values": np.arange(3)})
    data = path.read_bytes()
    cases = {
        "truncated": data[: len(data) // 2],
        "no schema": _zip({"x.npy": b""}),
        "not an object": _zip({"schema.json": b"[]"}),
    }
    for name, content in cases.items():
        broken = tmp_path / f"{name.replace(' ', '_')}.joblib"
        broken.write_bytes(content)
        store.card_path(broken).write_text(json.dumps({"sha256": store.sha256_of(broken)}), encoding="utf-8")
        with pytest.raises(ModelError, match="damaged|not a govreport model"):
            store.load_verified(broken)


def test_a_node_that_holds_itself_is_an_error_not_a_crash(tmp_path):
    def loop(schema):
        schema["content"]["me"] = {"__class__": "list", "__module__": "builtins", "__loader__": "ListNode", "__id__": 7, "content": [{"__id__": 7, "__class__": "list", "__module__": "builtins", "__loader__": "ListNode", "content": []}]}
        schema["key_types"]["content"].append(dict(schema["key_types"]["content"][0]))

    path = _rewrite(_saved(tmp_path, {"terms": [1]}), loop)
    with pytest.raises(ValueError, match="refers to itself"):
        read_model(path.read_bytes(), store.TRUSTED_TYPES)
    with pytest.raises(ModelError, match="damaged"):
        store.load_verified(path)


def test_another_protocol_goes_to_skops(tmp_path, monkeypatch):
    path = _rewrite(_saved(tmp_path, {"terms": [1, 2]}), lambda s: s.update(protocol=PROTOCOL - 1))
    with pytest.raises(NotReadable, match="protocol"):
        read_model(path.read_bytes(), store.TRUSTED_TYPES)
    used = []
    original = store._load_with_skops
    monkeypatch.setattr(store, "_load_with_skops", lambda *args: used.append(args) or original(*args))
    loaded, _ = store.load_verified(path)
    assert loaded == {"terms": [1, 2]} and used


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
