"""Row norms of a CSR matrix, summed in scikit-learn's order.

`sklearn.preprocessing.normalize(X, "l2")` of a CSR matrix runs a Cython loop that sums each row's
squares one after the other, from the row's first stored value to its last. numpy's own sums
(`add.reduce`, `reduceat`) add in pairs and so may differ in the last bit; this does the same
sequential sums, either row by row (`add.accumulate`, which adds in order) or vectorised across rows
(step k adds every row's k-th square, the squares laid out step by step so that each step adds one
contiguous slice), whichever takes fewer numpy calls.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _row_sums_by_step(data: np.ndarray, indptr: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's sum of squares, step k adding every row's k-th square (one numpy call per step of
    the longest row: for many short rows)."""
    # Rows by length, longest first: the rows still adding at step k are a prefix of that order.
    order = np.argsort(-lengths, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    longest = int(lengths[order[0]])
    # active[k]: rows with more than k values; step k's squares sit at offsets[k]..offsets[k+1]
    active = np.searchsorted(-lengths[order], -np.arange(longest), side="left")
    offsets = np.concatenate([[0], np.cumsum(active)])
    rows = np.repeat(np.arange(len(lengths)), lengths)
    within = np.arange(len(data)) - indptr[rows]
    laid = np.empty(len(data))
    laid[offsets[within] + rank[rows]] = data * data
    sums = np.zeros(len(lengths))
    for k in range(longest):
        sums[: active[k]] += laid[offsets[k] : offsets[k + 1]]
    out = np.empty_like(sums)
    out[order] = sums
    return out


def _row_sums_by_row(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """Each row's sum of squares as a running sum (`add.accumulate` adds strictly in order), one numpy
    call per row: for a few long rows."""
    squares = data * data
    sums = np.zeros(len(indptr) - 1)
    bounds = indptr.tolist()
    for i in range(len(bounds) - 1):
        if bounds[i + 1] > bounds[i]:
            sums[i] = np.add.accumulate(squares[bounds[i] : bounds[i + 1]])[-1]
    return sums


def normalize_rows_l2(matrix: Any) -> Any:
    """Scale each row of a float64 CSR matrix to unit length, in place (rows of zeros left alone),
    bit-identical to scikit-learn's `inplace_csr_row_normalize_l2`; returns the matrix."""
    data, indptr = matrix.data, matrix.indptr.astype(np.int64)
    lengths = np.diff(indptr)
    if not len(data):
        return matrix
    # Paragraphs have hundreds of n-grams and a batch has tens of paragraphs: fewer calls by row.
    if len(lengths) <= int(lengths.max()):
        sums = _row_sums_by_row(data, indptr)
    else:
        sums = _row_sums_by_step(data, indptr, lengths)
    norms = np.sqrt(sums)
    # A row of zeros is left as it is: divided by 1.0, every value stays bit for bit.
    norms[norms == 0.0] = 1.0
    data /= np.repeat(norms, lengths)
    return matrix


__all__ = ["normalize_rows_l2"]
