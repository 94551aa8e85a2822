"""What every twin shares: the registry of twins, the conversions between twins and scikit-learn
objects, and the hand-over of a call outside the fast path to the real class."""

from __future__ import annotations

import importlib
import weakref
from typing import Any, ClassVar

#: scikit-learn class (import path, as a model file names it) → its twin (module, class name).
TWINS: dict[str, tuple[str, str]] = {
    "sklearn.compose._column_transformer.ColumnTransformer": ("nlp.inference.compose", "ColumnTransformerTwin"),
    "sklearn.feature_extraction.text.TfidfTransformer": ("nlp.inference.text", "TfidfTransformerTwin"),
    "sklearn.feature_extraction.text.TfidfVectorizer": ("nlp.inference.text", "TfidfVectorizerTwin"),
    "sklearn.linear_model._logistic.LogisticRegression": ("nlp.inference.linear", "LogisticRegressionTwin"),
    "sklearn.pipeline.Pipeline": ("nlp.inference.compose", "PipelineTwin"),
    "sklearn.preprocessing._data.StandardScaler": ("nlp.inference.preprocessing", "StandardScalerTwin"),
    "sklearn.preprocessing._encoders.OneHotEncoder": ("nlp.inference.preprocessing", "OneHotEncoderTwin"),
}


def _named(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def is_fitted(state: dict[str, Any]) -> bool:
    """Whether saved attributes are those of a fitted estimator (scikit-learn's rule: an attribute
    whose name ends with `_`, not a dunder)."""
    return any(name.endswith("_") and not name.startswith("__") for name in state)


class Twin:
    """A fitted scikit-learn component's attributes, with its prediction methods done in numpy.

    A twin's `__dict__` is the scikit-learn object's state as saved (the same names, the same arrays):
    `to_sklearn` rebuilds the real object from it, as loading the file with scikit-learn would.
    Subclasses set `SKLEARN` and override `covers` (whether a fitted state is within what the fast
    path reproduces) and the prediction methods.
    """

    #: Import path of the scikit-learn class this twin stands for.
    SKLEARN: ClassVar[str] = ""

    @classmethod
    def stands_for(cls, twin: Any) -> bool:
        """Whether this (already filled) twin reproduces the real class for its state. An unfitted
        estimator (a `ColumnTransformer`'s parameter templates) is only held: any method call goes to
        scikit-learn, which says it is not fitted."""
        return not is_fitted(vars(twin)) or cls.covers(twin)

    @classmethod
    def covers(cls, twin: Any) -> bool:
        """Whether the fast path reproduces the real class for this fitted twin's state (subclasses
        list the settings and arrays they handle; none here)."""
        return False

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Twin | None:
        twin = cls.__new__(cls)
        twin.__dict__.update(state)
        return twin if cls.stands_for(twin) else None

    def to_sklearn(self, memo: dict[int, Any] | None = None) -> Any:
        """The real scikit-learn object (imports scikit-learn), built as skops builds it."""
        memo = {} if memo is None else memo
        if id(self) in memo:
            return memo[id(self)]
        real_class = _named(self.SKLEARN)
        real = real_class.__new__(real_class)
        memo[id(self)] = real
        real.__setstate__(as_sklearn(dict(vars(self)), memo))
        return real

    def _sklearn(self) -> Any:
        """The real object for a call outside the fast path (rare inputs: built once per call)."""
        return self.to_sklearn()

    def pure(self) -> bool:
        """Whether every estimator this twin calls is a twin (a twin built at load time may hold a
        real object that fell back; it still works, with scikit-learn)."""
        return True

    def __repr__(self) -> str:
        return f"{type(self).__name__}(standing for {self.SKLEARN.rpartition('.')[2]})"


def twin_type(path: str) -> type[Twin] | None:
    """The twin class of a scikit-learn class named by its import path (None: no twin)."""
    found = TWINS.get(path)
    return getattr(importlib.import_module(found[0]), found[1]) if found else None


def twin_from_state(path: str, state: dict[str, Any]) -> Twin | None:
    """The twin of the scikit-learn class `path` holding `state`, or None where its fast path does
    not reproduce that state (then build the real class)."""
    cls = twin_type(path)
    return cls.from_state(state) if cls is not None else None


def _convert(value: Any, memo: dict[int, Any], one: Any) -> Any:
    """`value` with `one` applied to every estimator inside lists, tuples and dicts (the containers a
    state holds its sub-estimators in); a container is copied only where something in it changed."""
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, (list, tuple)):
        items = [_convert(item, memo, one) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        items = {key: _convert(item, memo, one) for key, item in value.items()}
        return value if all(items[key] is value[key] for key in value) else items
    return one(value, memo)


def as_sklearn(value: Any, memo: dict[int, Any] | None = None) -> Any:
    """`value` with every twin in it (inside lists, tuples, dicts) replaced by its real object."""

    def real(item: Any, seen: dict[int, Any]) -> Any:
        return item.to_sklearn(seen) if isinstance(item, Twin) else item

    return _convert(value, {} if memo is None else memo, real)


def _twin_of_real(real: Any, memo: dict[int, Any]) -> Any:
    if id(real) in memo:
        return memo[id(real)]
    cls = type(real)
    twin_class = twin_type(f"{cls.__module__}.{cls.__qualname__}") if cls.__module__.startswith("sklearn.") else None
    if twin_class is None:
        return real
    memo[id(real)] = real  # a state that holds itself stays real
    state = real.__getstate__()
    twin = twin_class.from_state(_convert(dict(state), memo, _twin_of_real))
    memo[id(real)] = twin if twin is not None else real
    return memo[id(real)]


def twin_of(model: Any) -> Twin | None:
    """A twin that computes what `model` computes, every component inside it a twin too; None where
    some part is outside the twins' subset (then use `model` itself).

    `model` is a twin (as loaded), or a live scikit-learn object, e.g. a model fitted in this process:
    its twin is built once and kept while the object lives and is not fitted again (it shares the
    object's arrays; a refit of the object, or of a component inside it, gives a new twin).
    """
    if isinstance(model, Twin):
        return model if model.pure() else None
    if not type(model).__module__.startswith("sklearn."):
        return None
    stamp = _fitted_stamp(model, set())
    try:
        kept_stamp, kept = _TWINS_OF[model]
        if kept_stamp == stamp:
            return kept
    except KeyError:
        pass
    except TypeError:  # not weakly referable: no cache
        twin = _twin_of_real(model, {})
        return twin if isinstance(twin, Twin) and twin.pure() else None
    twin = _twin_of_real(model, {})
    found = twin if isinstance(twin, Twin) and twin.pure() else None
    _TWINS_OF[model] = (stamp, found)
    return found


def _fitted_stamp(value: Any, seen: set[int]) -> tuple[int, ...]:
    """The identities of the fitted attributes (`coef_`, `vocabulary_`, …) of a scikit-learn object and
    of the estimators inside it (in lists and tuples: a pipeline's steps, a column transformer's
    parts). `fit` assigns new objects to those attributes, so a refit changes the stamp; the kept
    twin holds the old ones, so their identities cannot be reused meanwhile."""
    if id(value) in seen:
        return ()
    seen.add(id(value))
    if isinstance(value, (list, tuple)):
        return tuple(part for item in value for part in _fitted_stamp(item, seen))
    if not type(value).__module__.startswith("sklearn.") or not hasattr(value, "__dict__"):
        return ()
    stamp: list[int] = []
    for name, item in vars(value).items():
        if name.endswith("_") and not name.startswith("__"):
            stamp.append(id(item))
        if isinstance(item, (list, tuple)) or type(item).__module__.startswith("sklearn."):
            stamp.extend(_fitted_stamp(item, seen))
    return tuple(stamp)


#: (fitted stamp, twin) of each live scikit-learn object asked for (twin None: none stands for it),
#: dropped with the object.
_TWINS_OF: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
