"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "f8727cf75a5a358cf4a39b474b3912879ade10d6e7ec9a33792a9156b1079689",
    "boilerplate_generic.joblib": "74f25b50273d6474de18cfe8253daa8bb3fb128651e74354e55ccea48e215502",
    "paragraphs.joblib": "09cfa2d02482dda5bc2ea5de158569c4cc1105cbd0d349b176269f9ec02d0207",
}
