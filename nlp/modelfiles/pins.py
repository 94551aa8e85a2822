"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "b869eb8b35cdc149007a2c84a7cdb928de8cbdf59a4072d10b2fac7347ced4e5",
    "boilerplate_generic.joblib": "30a5bb3a56855310ac7bf991418d70bb6414170ea7c827401a219916b18cc0b2",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "b4cf5d4844c0cf00974219b4007561ce4a339bbba866f5af240319acd4fef781",
}
