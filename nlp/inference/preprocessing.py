"""Twins of `StandardScaler` (dense input) and `OneHotEncoder` (string categories).

`StandardScaler.transform` subtracts `mean_` and divides by `scale_` on a copy, as scikit-learn does.
`OneHotEncoder.transform` of text columns marks each value's column with 1.0 (a value not seen in
fit marks nothing: `handle_unknown="ignore"`), found by a dict lookup instead of a search of the
sorted categories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from nlp.inference.base import Twin, is_fitted


class StandardScalerTwin(Twin):
    """`sklearn.preprocessing.StandardScaler`, fitted, on dense float64 input."""

    SKLEARN = "sklearn.preprocessing._data.StandardScaler"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        state = vars(twin)
        arrays = [state.get("mean_")] if state.get("with_mean") else []
        arrays += [state.get("scale_")] if state.get("with_std") else []
        return (
            isinstance(state.get("with_mean"), bool)
            and isinstance(state.get("with_std"), bool)
            and all(isinstance(a, np.ndarray) and a.dtype == np.float64 and a.ndim == 1 for a in arrays)
        )

    def transform(self, X: Any, copy: bool | None = None) -> Any:
        fast = (
            is_fitted(vars(self))
            and isinstance(X, np.ndarray)
            and X.dtype == np.float64
            and X.ndim == 2
            and X.shape[1] == self.n_features_in_
            and not np.isinf(X).any()
        )
        if not fast:
            return self._sklearn().transform(X, copy=copy)
        copy = self.copy if copy is None else copy
        X = X.copy() if copy or not X.flags.writeable else X
        if self.with_mean:
            X -= self.mean_
        if self.with_std:
            X /= self.scale_
        return X


class OneHotEncoderTwin(Twin):
    """`sklearn.preprocessing.OneHotEncoder`, fitted on text columns, sparse output, unknown values
    ignored, no category dropped, grouped as infrequent or standing for missing values."""

    SKLEARN = "sklearn.preprocessing._encoders.OneHotEncoder"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        state = vars(twin)
        categories = state.get("categories_")
        return bool(
            isinstance(categories, list)
            and state.get("drop") is None
            and state.get("handle_unknown") == "ignore"
            and state.get("sparse_output") is True
            and not state.get("_infrequent_enabled", False)
            and not state.get("_missing_indices")
            and list(state.get("_n_features_outs", ())) == [len(known) for known in categories]
            and all(isinstance(known, np.ndarray) and all(type(c) is str for c in known) for known in categories)
            and state.get("dtype") in (np.float64, np.float32)
        )

    def _lookups(self) -> list[dict[str, int]]:
        offsets = np.cumsum([0] + [len(known) for known in self.categories_])
        return [{category: int(offset) + j for j, category in enumerate(known)} for known, offset in zip(self.categories_, offsets, strict=False)]

    def encode_columns(self, values: Sequence[Sequence[Any]]) -> Any | None:
        """The encoding of columns of text given column by column (as a `ColumnTransformer` hands
        them over, names checked); None where a value is not a string (scikit-learn decides then)."""
        import scipy.sparse as sp

        if not is_fitted(vars(self)) or len(values) != len(self.categories_) or not len(values):
            return None
        if not all(type(value) is str for column in values for value in column):
            return None
        lookups = self._lookups()
        width = sum(len(known) for known in self.categories_)
        indices: list[int] = []
        indptr = [0]
        for row in zip(*values, strict=True):
            for lookup, value in zip(lookups, row, strict=True):
                column = lookup.get(value)
                if column is not None:
                    indices.append(column)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
            shape=(len(values[0]), width),
            dtype=self.dtype,
        )

    def transform(self, X: Any) -> Any:
        """Encode a table whose columns are the ones seen in fit (a DataFrame with those names, in
        that order); anything else: scikit-learn's own `transform`."""
        names = getattr(self, "feature_names_in_", None)
        columns = getattr(X, "columns", None)
        if names is not None and columns is not None and list(columns) == list(names):
            encoded = self.encode_columns([X[name].tolist() for name in names])
            if encoded is not None:
                return encoded
        return self._sklearn().transform(X)


__all__ = ["OneHotEncoderTwin", "StandardScalerTwin"]
