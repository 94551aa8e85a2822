"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "81d8df4dfefb26c30c1b8279dfb0b4016243158a5127485dee32f1ac2686c568",
    "boilerplate_generic.joblib": "f50987403a7e211ca501f7dd134ded57663ae09114aacacb3ca49de02846ee8b",
    "paragraph_breaks.joblib": "474eabab389ffb27ae628412e657c462d8da9e7096804044b1cb9ef33fc7d5cb",
    "paragraphs.joblib": "d41b4a6f4e570d54460579f6b2c041fdd6e9131e7051f802f60e56a71c6cf05c",
}
