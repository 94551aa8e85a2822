"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "d2bdaa3643692e2c47af2ed56ec4c30352a53945cacb6bcb85c39c9efc6289bd",
    "boilerplate_generic.joblib": "f85c7a375a0aac76339b2bd3bd1ba81857de72bb556a3d003cbe14ae14e6c959",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "1e2778684710ef007c0312eef1f95c676f6228d51c48e87473e1dbf7c9bbd78a",
}
