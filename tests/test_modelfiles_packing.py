"""Large vocabularies are saved as packed arrays (`nlp.modelpacking.PackedTable`): a model loads fast,
comes back equal to the one saved, and a file in the older item-by-item layout still loads."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from nlp.errors import ModelError
from nlp.modelfiles import store
from nlp.modelpacking import PACK_AT_LEAST, PackedTable


def _texts(count: int) -> list[str]:
    # Made-up paragraphs over a few hundred characters, so that char n-grams give thousands of terms.
    alphabet = "政府信息公开工作年度报告主动依申请办理复议诉讼存在问题改进情况其他事项网站平台发布解读回应关切条件数据统计"
    rng = np.random.default_rng(7)
    return ["".join(rng.choice(list(alphabet), size=40)) for _ in range(count)]


@pytest.fixture(scope="module")
def vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).fit(_texts(300))
    model.names_ = model.get_feature_names_out()  # an object array of str, as GenericModel keeps
    model.name_list_ = list(model.vocabulary_)
    assert len(model.vocabulary_) > PACK_AT_LEAST
    return model


def _schema_classes(path) -> list[str]:
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if "__class__" in node:
                found.append(f"{node.get('__module__')}.{node['__class__']}")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    with zipfile.ZipFile(path) as archive:
        walk(json.loads(archive.read("schema.json")))
    return found


def test_a_saved_vectorizer_is_packed_and_loads_back_equal(tmp_path, vectorizer):
    before = dict(vectorizer.vocabulary_)
    path = tmp_path / "v.joblib"
    store.save_model(vectorizer, path, {"name": "test"})
    # Saving left the model as it was (the packing is undone after writing).
    assert type(vectorizer.vocabulary_) is dict and vectorizer.vocabulary_ == before
    assert isinstance(vectorizer.names_, np.ndarray) and isinstance(vectorizer.name_list_, list)
    classes = _schema_classes(path)
    assert classes.count("nlp.modelpacking.PackedTable") == 3
    assert classes.count("builtins.str") < 100  # not one node per term any more
    assert store.unpacked_tables(path) == 0
    loaded, _ = store.load_verified(path, twins=False)
    assert store.first_difference(vectorizer, loaded) is None
    assert list(loaded.vocabulary_) == list(vectorizer.vocabulary_)  # the same order, not only the same items
    assert loaded.names_.dtype == object and loaded.names_.tolist() == vectorizer.names_.tolist()
    texts = _texts(20)
    assert (loaded.transform(texts) != vectorizer.transform(texts)).nnz == 0


def test_a_model_in_the_older_layout_still_loads_and_converts(tmp_path, vectorizer):
    import skops.io as sio

    path = tmp_path / "old.joblib"
    path.write_bytes(sio.dumps(vectorizer))  # item by item, as models were saved before packing
    path.with_suffix(".json").write_text(json.dumps({"sha256": store.sha256_of(path)}), encoding="utf-8")
    assert store.unpacked_tables(path) == 3
    loaded, _ = store.load_verified(path, twins=False)
    assert store.first_difference(vectorizer, loaded) is None
    card = store.export_model(path)
    assert card["sha256"] == store.sha256_of(path) and store.unpacked_tables(path) == 0
    assert store.first_difference(vectorizer, store.load_verified(path, twins=False)[0]) is None


def test_what_cannot_round_trip_exactly_stays_unpacked(tmp_path):
    many = PACK_AT_LEAST + 1
    model = {
        "numpy_values": {f"t{i}": np.int64(i) for i in range(many)},  # numpy ints would come back as int
        "nul_ending": {f"t{i}\0": i for i in range(many)},  # numpy strings drop a trailing NUL
        "bools": {f"t{i}": True for i in range(many)},
        "small": {f"t{i}": i for i in range(10)},
        "floats": [float(i) for i in range(many)],
        "packed": {f"t{i}": i for i in range(many)},
    }
    path = tmp_path / "m.joblib"
    store.save_model(model, path, {"name": "test"})
    assert _schema_classes(path).count("nlp.modelpacking.PackedTable") == 1
    loaded, _ = store.load_verified(path, twins=False)
    assert store.first_difference(model, loaded) is None


def test_a_damaged_packed_table_is_refused(tmp_path):
    table = PackedTable({f"t{i}": i for i in range(5)})
    table.values = table.values[:3]
    with pytest.raises(ModelError, match="length"):
        table.unpack()
    path = tmp_path / "bad.joblib"
    import skops.io as sio

    path.write_bytes(sio.dumps({"vocabulary": table}))
    path.with_suffix(".json").write_text(json.dumps({"sha256": store.sha256_of(path)}), encoding="utf-8")
    with pytest.raises(ModelError, match="damaged model file"):
        store.load_verified(path)


def test_the_shipped_models_are_in_the_packed_layout():
    for path in sorted(store.SHIPPED_MODELS.glob("*.joblib")):
        assert store.unpacked_tables(path) == 0, f"{path.name}: run scripts/export_models.py"
