"""Twins of `Pipeline` (steps applied in turn) and `ColumnTransformer` (blocks side by side).

A `ColumnTransformer` twin takes a table given as a mapping of column name → values (a dict of lists:
what `nlp.classify.features.paragraph_columns` builds, no pandas) or a `pandas.DataFrame`, and stacks
the weighted blocks of its transformers as scikit-learn does (`block * weight`, then
`scipy.sparse.hstack(...).tocsr()`), without its per-call machinery (input checks, pandas
indexing, joblib dispatch), which costs as much as the counting itself on a few reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nlp.inference.base import Twin, is_fitted
from nlp.inference.preprocessing import OneHotEncoderTwin
from nlp.inference.text import TfidfVectorizerTwin


def _as_frame(X: Any) -> Any:
    """A mapping of columns as the DataFrame scikit-learn expects (imports pandas)."""
    if isinstance(X, Mapping):
        import pandas as pd

        return pd.DataFrame(dict(X))
    return X


class PipelineTwin(Twin):
    """`sklearn.pipeline.Pipeline`: each step's `transform` in turn, then the last step's method."""

    SKLEARN = "sklearn.pipeline.Pipeline"

    @classmethod
    def stands_for(cls, twin: Any) -> bool:
        steps = vars(twin).get("steps")
        return isinstance(steps, list) and all(isinstance(step, tuple) and len(step) == 2 and isinstance(step[0], str) for step in steps)

    def pure(self) -> bool:
        return all(isinstance(step, Twin) and step.pure() for _, step in self.steps if step not in (None, "passthrough"))

    @property
    def named_steps(self) -> dict[str, Any]:
        return dict(self.steps)

    def __getitem__(self, key: int | str) -> Any:
        return self.named_steps[key] if isinstance(key, str) else self.steps[key][1]

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def _final_estimator(self) -> Any:
        final = self.steps[-1][1]
        return "passthrough" if final is None else final

    @property
    def classes_(self) -> Any:
        return self.steps[-1][1].classes_

    def _transformed(self, X: Any) -> Any:
        for _, step in self.steps[:-1]:
            if step not in (None, "passthrough"):
                X = step.transform(X)
        return X

    def transform(self, X: Any) -> Any:
        X = self._transformed(X)
        final = self._final_estimator
        return X if final == "passthrough" else final.transform(X)

    def decision_function(self, X: Any) -> Any:
        return self._final_estimator.decision_function(self._transformed(X))

    def predict_proba(self, X: Any) -> Any:
        return self._final_estimator.predict_proba(self._transformed(X))

    def predict(self, X: Any) -> Any:
        return self._final_estimator.predict(self._transformed(X))


class ColumnTransformerTwin(Twin):
    """`sklearn.compose.ColumnTransformer` fitted on a DataFrame with sparse output, whose fitted
    transformers are twins of character TF-IDF (one text column each) and one-hot encoding (a list
    of columns), or dropped; weighted as fitted."""

    SKLEARN = "sklearn.compose._column_transformer.ColumnTransformer"

    @classmethod
    def covers(cls, twin: Any) -> bool:
        state = vars(twin)
        if not (
            state.get("sparse_output_") is True
            and state.get("feature_names_in_") is not None
            and state.get("_sklearn_output_config", {}).get("transform", "default") == "default"
            and isinstance(state.get("transformers_"), list)
        ):
            return False
        for entry in state["transformers_"]:
            if not (isinstance(entry, tuple) and len(entry) == 3):
                return False
            _, transformer, columns = entry
            if isinstance(transformer, str) and transformer == "drop":
                continue
            text_block = isinstance(transformer, TfidfVectorizerTwin) and isinstance(columns, str)
            encoded = isinstance(transformer, OneHotEncoderTwin) and isinstance(columns, list) and columns and all(isinstance(c, str) for c in columns)
            if not ((text_block or encoded) and is_fitted(vars(transformer))):
                return False
        return True

    @property
    def named_transformers_(self) -> dict[str, Any]:
        return {name: transformer for name, transformer, _ in self.transformers_}

    def _needed(self) -> list[str]:
        needed: list[str] = []
        for _, transformer, columns in self.transformers_:
            if not (isinstance(transformer, str) and transformer == "drop"):
                needed += [columns] if isinstance(columns, str) else list(columns)
        return needed

    def transform(self, X: Any) -> Any:
        """The side-by-side blocks for a table of columns (mapping or DataFrame); a table missing a
        column, without rows, or of another kind goes to scikit-learn (which explains what is wrong)."""
        fast = is_fitted(vars(self)) and (isinstance(X, Mapping) or hasattr(X, "columns"))
        if fast:
            present = set(X.keys() if isinstance(X, Mapping) else X.columns)
            fast = all(name in present for name in self._needed()) and len(X[self._needed()[0]]) > 0
        if fast:
            blocks = self._blocks(X)
            if blocks is not None:
                import scipy.sparse as sp

                return sp.hstack(blocks).tocsr()
        return self._sklearn().transform(_as_frame(X))

    def _blocks(self, X: Any) -> list[Any] | None:
        weights = self.transformer_weights or {}
        blocks = []
        for name, transformer, columns in self.transformers_:
            if isinstance(transformer, str):  # "drop"
                continue
            if isinstance(columns, str):
                block = transformer.transform(list(X[columns]))
            else:
                block = transformer.encode_columns([list(X[column]) for column in columns])
                if block is None:
                    return None
            weight = weights.get(name)
            blocks.append(block if weight is None else block * weight)
        return blocks or None


__all__ = ["ColumnTransformerTwin", "PipelineTwin"]
