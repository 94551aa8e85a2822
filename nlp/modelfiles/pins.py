"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "356428da53ea8fdda80671d6793c008a3cd0f97f98d9317aa0d4dbdb017892d5",
    "boilerplate_generic.joblib": "45236671a8f0ac77b7fc167e5df5c40bf570835c6a03d88011bd9f23266be806",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "36846390eac44fddbe89b3a075f78465be19ef755d0534c95dcebd84b7654447",
}
