"""Inference-only twins of the fitted scikit-learn components govreport's models are made of.

Applying a model must not import scikit-learn: `import sklearn` pulls in `scipy.stats` and `pandas`
(about 1 s per process, more than a small batch takes to analyse). `nlp.modelfiles.reader` therefore
rebuilds each scikit-learn object of a model file as its *twin*: a plain class holding the very
same attributes, whose prediction methods do the same numpy/scipy.sparse operations in the same
order, so their results are bit-identical. One module per kind of component:

* `text`: `TfidfVectorizer` (character analysers `char`/`char_wb`, n-grams of 1–3 characters) and
  `TfidfTransformer` (`l2` or no norm);
* `linear`: `LogisticRegression` (binary and multinomial, dense or CSR input);
* `preprocessing`: `StandardScaler` (dense input) and `OneHotEncoder` (string categories, unknown
  values ignored, no dropped or infrequent categories);
* `compose`: `Pipeline` and `ColumnTransformer` (sparse output, columns chosen by name);
* `keytable` (exact integer keys → columns, a numpy hash table) and `sparse` (CSR row norms).

A fitted object whose saved attributes fall outside that subset is rebuilt as the real scikit-learn
class (`twin_from_state` returns None), and so is its parent where the parent needs twin children:
such a model loads and predicts as before, only with scikit-learn imported. A twin given an input its
fast path does not take (a dense matrix where CSR is expected, a missing column, a non-text value)
hands the call to the real class (`Twin.to_sklearn`), so the answer, or the error, is
scikit-learn's own. `twin_of` makes the twin of a live scikit-learn object (a model fitted in this
process), so training and evaluation predict through the same fast path.
"""

from nlp.inference.base import Twin, as_sklearn, is_fitted, twin_from_state, twin_of, twin_type

__all__ = ["Twin", "as_sklearn", "is_fitted", "twin_from_state", "twin_of", "twin_type"]
