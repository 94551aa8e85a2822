"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "4b664ef523a3142e8e28f0b4b7bb5964b452214af5a270c5ed25cccd7f456cbd",
    "boilerplate_generic.joblib": "4512c080424573edcb22f99901b8b6d036f453cecd2051b1a7cbd1dc66a353d3",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "4ce16ab0ca88b4114b6b5dd8d3994ea24ca2ab4f2373ff1fda5aeec42bae2bda",
}
