"""The scikit-learn estimator protocol for the project's estimators, without importing scikit-learn.

`ParagraphClassifier`, `KeywordRules` and `BoilerplateScorer` are scikit-learn estimators (`clone`,
`get_params`/`set_params`, grid search, `Pipeline`, cross-validation), but the commands that only
apply a fitted model (`analyze`, `classify`, `boilerplate`) must not pay for `import sklearn`: its
`sklearn.base` pulls in `scipy.stats` and `pandas` (about 1 s per process). `sklearn.base.BaseEstimator`
and `ClassifierMixin` are therefore replaced by these two mixins, which provide the same protocol:

* `get_params`/`set_params`/`_get_param_names`: scikit-learn's own logic (the constructor's signature
  names the parameters; nested `a__b` keys reach sub-estimators), written out because prediction
  code may call them;
* `__sklearn_tags__`, `__sklearn_clone__`, `__repr__` and the classifier's `score`: these run only
  where scikit-learn is already at work (tags, `clone`, metrics), so they import it when called.

An instance pickles and saves (skops) exactly as a `BaseEstimator` of the project did: scikit-learn
adds its version to the state only of its own classes.
"""

from __future__ import annotations

import inspect
from typing import Any


class Estimator:
    """`sklearn.base.BaseEstimator`'s protocol for a class whose `__init__` only stores its parameters."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        """The constructor's parameter names, sorted (scikit-learn refuses `*args` as it does)."""
        init = getattr(cls.__init__, "deprecated_original", cls.__init__)
        if init is object.__init__:
            return []
        parameters = [p for p in inspect.signature(init).parameters.values() if p.name != "self" and p.kind != p.VAR_KEYWORD]
        for parameter in parameters:
            if parameter.kind == parameter.VAR_POSITIONAL:
                raise RuntimeError(
                    f"scikit-learn estimators should always specify their parameters in the signature of their __init__ "
                    f"(no varargs). {cls} with constructor {inspect.signature(init)} doesn't follow this convention."
                )
        return sorted(p.name for p in parameters)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's parameters; with `deep`, those of sub-estimators too (as `name__param`)."""
        out: dict[str, Any] = {}
        for key in self._get_param_names():
            value = getattr(self, key)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{key}__{k}", v) for k, v in value.get_params().items())
            out[key] = value
        return out

    def set_params(self, **params: Any) -> Any:
        """Set parameters (`name__param` sets a sub-estimator's), as scikit-learn does; returns self."""
        if not params:
            return self
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            key, delim, sub_key = key.partition("__")
            if key not in valid:
                names = self._get_param_names()
                raise ValueError(
                    f"Invalid parameter {key!r} for estimator {self}. Valid parameters are: {names!r}."
                )
            if delim:
                nested.setdefault(key, {})[sub_key] = value
            else:
                setattr(self, key, value)
                valid[key] = value
        for key, sub_params in nested.items():
            valid[key].set_params(**sub_params)
        return self

    def __sklearn_clone__(self) -> Any:
        from sklearn.base import _clone_parametrized

        return _clone_parametrized(self)

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import Tags, TargetTags

        return Tags(estimator_type=None, target_tags=TargetTags(required=False), transformer_tags=None, regressor_tags=None, classifier_tags=None)

    def __repr__(self) -> str:
        # The parameters that differ from the constructor's defaults, as scikit-learn prints them
        # (print_changed_only), on one line: nothing to import for a log line or an error message.
        defaults = {
            name: parameter.default for name, parameter in inspect.signature(type(self).__init__).parameters.items() if name != "self"
        }
        changed = []
        for name in self._get_param_names():
            value = getattr(self, name, None)
            default = defaults.get(name, inspect.Parameter.empty)
            try:
                same = value is default or bool(value == default) and type(value) is type(default)
            except (TypeError, ValueError):  # arrays and the like compare element-wise
                same = False
            if not same:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"


class Classifier(Estimator):
    """`sklearn.base.ClassifierMixin`'s protocol: classifier tags, and `score` as accuracy."""

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import ClassifierTags

        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags()
        tags.target_tags.required = True
        return tags

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Accuracy of `predict(X)` against `y` (scikit-learn's `ClassifierMixin.score`)."""
        from sklearn.metrics import accuracy_score

        return float(accuracy_score(y, self.predict(X), sample_weight=sample_weight))  # type: ignore[attr-defined]


__all__ = ["Classifier", "Estimator"]
