"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "06fd433a100edf6b6ceedb2d7283c8451f72f605122f8a9bb377a4c29b2e5ddf",
    "boilerplate_generic.joblib": "47f9841e8c4d45ea2d857d172ed56ea58c80e2347ec67797855c25964e611aad",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "fa02ed089ad607cdf3dae7312c456ecf9faf8a43f86e93cedf65c4506ec5345a",
}
