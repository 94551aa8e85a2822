"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "4ab385313f0048b9229deec01c3054a937d3e5b528831ecd44d84e763b39b6d7",
    "boilerplate_generic.joblib": "d4299717dd66e1ce4d98cdf97d3d82373d67d76bb1b61516dc867a518c098704",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "5a4da777200db846b239efaa476696cce512f11a9c193f81e1a7c999a15ad201",
}
