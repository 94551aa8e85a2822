"""Reading the project's model files without importing skops: a restricted reader of the skops format.

`import skops.io` costs about 0.7 s of CPU, most of it `skops.io._trusted_types`, which imports every
scikit-learn estimator to list them; `analyze` paid it in every process only to rebuild three
small files. The files keep their format (a zip of `schema.json` plus `.npy` arrays, as skops
writes them); this module rebuilds the subset of it that govreport's own models use, the way skops
does (same node kinds, same construction, same sharing of repeated objects), and nothing else:

* node kinds: `ObjectNode`, `DictNode`, `ListNode`, `TupleNode`, `JsonNode`, `TypeNode`,
  `FunctionNode`, `NdArrayNode`, `SliceNode`, of skops protocol `PROTOCOL` only;
* types: `READABLE_TYPES` (the scikit-learn classes the shipped models are made of, numpy arrays and
  scalars, plain containers) and the project's own `nlp.modelfiles.store.TRUSTED_TYPES`, each by import
  path and per node kind (a type named where a function is expected is refused, and the reverse).

Each scikit-learn object is built as its inference twin (`nlp.inference`) where one reproduces its
saved attributes, so that applying the model does not import scikit-learn; `twins=False` builds the
real classes. The whole tree is checked before anything is imported or built. A file outside that subset raises
`NotReadable`, and `nlp.modelfiles.store` then hands it to skops itself, whose own checks apply: this
reader never accepts a file that skops with govreport's trusted list would refuse, it only accepts
fewer. Arrays are read with `numpy.load(allow_pickle=False)`; no pickle is ever read.
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

#: The skops protocol whose node semantics this reader reproduces (skops 0.16 writes it).
PROTOCOL = 2

#: Classes an `ObjectNode` may build besides the project's own: what the shipped models are made of.
#: Each is rebuilt as skops does (`cls.__new__` then `__setstate__`/`__dict__.update` with the saved
#: attributes), so no constructor of the file's choosing runs.
READABLE_TYPES: frozenset[str] = frozenset(
    {
        "sklearn.compose._column_transformer.ColumnTransformer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.Pipeline",
        "sklearn.preprocessing._data.StandardScaler",
        "sklearn.preprocessing._encoders.OneHotEncoder",
    }
)
#: Types a `TypeNode` may name (a dict's key types, a `dtype` parameter).
_TYPES: frozenset[str] = frozenset(
    {f"builtins.{name}" for name in ("str", "int", "float", "bool", "complex", "bytes", "NoneType")}
    | {f"numpy.{name}" for name in ("float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8", "bool_")}
)
#: What an `NdArrayNode` may be: an array, or one of numpy's scalar types (a 0-d array turned into one).
_ARRAYS: frozenset[str] = frozenset({"numpy.ndarray"} | {name for name in _TYPES if name.startswith("numpy.")})


class NotReadable(Exception):
    """The file uses a node kind, protocol or type this reader does not rebuild (skops may)."""


class _Node:
    """One checked node of the tree; `build` makes its object once (shared where the file shares it)."""

    __slots__ = ("kind", "name", "parts", "built", "done")

    def __init__(self, kind: str, name: str, parts: Any) -> None:
        self.kind, self.name, self.parts = kind, name, parts
        self.built: Any = None
        self.done = False


class _Reader:
    def __init__(self, archive: zipfile.ZipFile, trusted: Iterable[str], twins: bool = True) -> None:
        self.archive = archive
        self.trusted = frozenset(trusted)
        self.twins = twins
        # Objects the file shares are one node (skops' memo by `__id__`): built once, referenced twice.
        self.memo: dict[Any, _Node] = {}

    # -- checking: every node's kind and type, before anything is imported -----------------------

    def node(self, state: Any) -> _Node:
        if not isinstance(state, dict):
            raise NotReadable("a node that is not an object")
        saved_id = state.get("__id__")
        if saved_id and saved_id in self.memo:
            return self.memo[saved_id]
        kind, module, name = state.get("__loader__"), state.get("__module__"), state.get("__class__")
        if not all(isinstance(value, str) for value in (kind, module, name)):
            raise NotReadable("a node without its kind, module or class")
        path = f"{module}.{name}"
        checked = _Node(kind, path, None)
        if saved_id:
            self.memo[saved_id] = checked
        checked.parts = self._parts(kind, path, state)
        return checked

    def _parts(self, kind: str, path: str, state: dict[str, Any]) -> Any:
        content = state.get("content")
        if kind == "JsonNode":
            if not isinstance(content, str):
                raise NotReadable("a JSON node without its text")
            return content
        if kind == "ObjectNode":
            if path not in READABLE_TYPES and path not in self.trusted:
                raise NotReadable(f"type {path}")
            return None if content is None else self.node(content)
        if kind == "FunctionNode":
            if path not in self.trusted:
                raise NotReadable(f"function {path}")
            return None
        if kind == "TypeNode":
            if path not in _TYPES:
                raise NotReadable(f"type {path}")
            return None
        if kind == "DictNode":
            if path != "builtins.dict" or not isinstance(content, dict):
                raise NotReadable(f"mapping {path}")
            key_types = self.node(state.get("key_types"))
            if key_types.kind != "ListNode" or len(key_types.parts) != len(content):
                raise NotReadable("a mapping whose key types do not match its keys")
            if not all(part.kind == "TypeNode" and part.name in ("builtins.str", "builtins.int") for part in key_types.parts):
                raise NotReadable("a mapping with keys other than text or integers")
            return key_types, {key: self.node(value) for key, value in content.items()}
        if kind in ("ListNode", "TupleNode"):
            if path != ("builtins.list" if kind == "ListNode" else "builtins.tuple") or not isinstance(content, list):
                raise NotReadable(f"sequence {path}")
            return [self.node(value) for value in content]
        if kind == "SliceNode":
            if path != "builtins.slice" or not isinstance(content, dict):
                raise NotReadable(f"slice {path}")
            bounds = [content.get(key) for key in ("start", "stop", "step")]
            if not all(bound is None or type(bound) is int for bound in bounds):
                raise NotReadable("a slice with bounds other than integers")
            return bounds
        if kind == "NdArrayNode":
            if path not in _ARRAYS:
                raise NotReadable(f"array {path}")
            if state.get("type") == "json" and path == "numpy.ndarray" and isinstance(content, list):
                # an object array (a classifier's labels): its items, and its shape
                shape = self.node(state.get("shape"))
                if shape.kind != "TupleNode":
                    raise NotReadable("an object array without its shape")
                return [self.node(value) for value in content], shape
            if state.get("type") != "numpy" or not isinstance(state.get("file"), str):
                raise NotReadable(f"array {path} stored as {state.get('type')!r}")
            try:
                return self.archive.read(state["file"])
            except KeyError as exc:
                raise NotReadable(f"an array file missing from the archive ({exc})") from exc
        raise NotReadable(f"node kind {kind}")

    # -- building: as skops' nodes do -------------------------------------------------------------

    def build(self, node: _Node) -> Any:
        if node.done:
            return node.built
        node.built = self._build(node)
        node.done = True
        return node.built

    def _build(self, node: _Node) -> Any:
        kind, parts = node.kind, node.parts
        if kind == "JsonNode":
            return json.loads(parts)
        if kind in ("TypeNode", "FunctionNode"):
            return _named(node.name)
        if kind == "ObjectNode":
            attributes = None if parts is None else self.build(parts)
            if self.twins and node.name in READABLE_TYPES:
                return _twin_or_real(node.name, attributes)
            cls = _named(node.name)
            instance = cls.__new__(cls)
            if attributes is not None:
                if hasattr(instance, "__setstate__"):
                    instance.__setstate__(attributes)
                else:
                    instance.__dict__.update(attributes)
            return instance
        if kind == "DictNode":
            key_types, values = parts
            return {key_type(key): self.build(value) for key_type, (key, value) in zip(self.build(key_types), values.items(), strict=True)}
        if kind == "ListNode":
            return [self.build(part) for part in parts]
        if kind == "TupleNode":
            return tuple(self.build(part) for part in parts)
        if kind == "SliceNode":
            return slice(*parts)
        import numpy as np

        if isinstance(parts, tuple):  # an object array, built as skops builds it
            items, shape = [self.build(part) for part in parts[0]], self.build(parts[1])
            if len(shape) != 1:
                return np.array(items, dtype="O")
            array = np.ndarray(shape=len(items), dtype="O")
            for i, item in enumerate(items):
                array[i] = item
            return array
        array = np.load(io.BytesIO(parts), allow_pickle=False)
        return array if node.name == "numpy.ndarray" else _named(node.name)(array)


def _twin_or_real(path: str, attributes: Any) -> Any:
    """A scikit-learn object of the file as its inference twin (`nlp.inference`), or as the real class
    (with real sub-estimators) where no twin reproduces its saved attributes."""
    from nlp.inference import as_sklearn, twin_from_state

    if isinstance(attributes, dict):
        # A twin is judged on the values it will hold: its vocabulary, not the packed form the file
        # keeps it in (`nlp.modelpacking`, unpacked for the whole model after loading).
        attributes = _unpacked(attributes)
        twin = twin_from_state(path, attributes)
        if twin is not None:
            return twin
    cls = _named(path)
    instance = cls.__new__(cls)
    if attributes is not None:
        instance.__setstate__(as_sklearn(attributes))
    return instance


def _unpacked(value: Any) -> Any:
    """`value` with the `PackedTable`s in it (in dicts, lists, tuples; not inside objects) unpacked."""
    from nlp.modelpacking import PackedTable

    if isinstance(value, PackedTable):
        return value.unpack()
    if isinstance(value, dict):
        items = {key: _unpacked(item) for key, item in value.items()}
        return value if all(items[key] is item for key, item in value.items()) else items
    if isinstance(value, (list, tuple)):
        parts = [_unpacked(item) for item in value]
        if all(a is b for a, b in zip(parts, value, strict=True)):
            return value
        return parts if isinstance(value, list) else tuple(parts)
    return value


def _named(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def read_model(data: bytes, trusted: Iterable[str], twins: bool = True) -> Any:
    """The object a skops file holds, rebuilt by this reader; `NotReadable` where the file is outside
    the subset it rebuilds (then load it with skops), `zipfile.BadZipFile`/`ValueError` where it is damaged.

    twins: rebuild each scikit-learn object as its inference twin (`nlp.inference`: same attributes,
        prediction without importing scikit-learn) where one reproduces it; False: the real classes
        (to refit, inspect with scikit-learn's API, or save the model again)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            schema = json.loads(archive.read("schema.json"))
        except KeyError as exc:
            raise ValueError("no schema.json in the archive") from exc
        if not isinstance(schema, dict):
            raise ValueError("schema.json is not an object")
        protocol = schema.get("protocol")
        if type(protocol) is not int or protocol != PROTOCOL:
            raise NotReadable(f"skops protocol {protocol!r}")
        reader = _Reader(archive, trusted, twins)
        try:
            return reader.build(reader.node(schema))
        except RecursionError as exc:  # a tree nested beyond reason, or a node that holds itself
            raise ValueError("the object tree is nested too deeply or refers to itself") from exc


__all__ = ["PROTOCOL", "READABLE_TYPES", "NotReadable", "read_model"]
