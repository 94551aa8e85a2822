"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "c429668652d60692f4deb86c10b15fdf1e3c26b3b4b575d198d3291d74df0ed5",
    "boilerplate_generic.joblib": "c663cfc1f650f5ee17e160caeeb9a1df95438a7a634f616f19490ae884874de9",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "36f5f3c7679dc8d8dae131d7cdf5fdceaadb230f36dc5be447b8a57bc7c21b77",
}
