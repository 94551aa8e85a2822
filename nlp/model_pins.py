"""sha256 of the models shipped with this version of the package, written by scripts/export_models.py.

Pinned here, in the code, and not only in the cards beside the model files: a folder of models can be
swapped together with its cards; the installed package cannot be changed by a file the user is given.
"""

from __future__ import annotations

SHIPPED_SHA256: dict[str, str] = {
    "boilerplate_corpus.joblib": "502e0f71a39bae7857e0b346ddd1549f2a795cd4302bb5d6dcd676b554205f39",
    "boilerplate_generic.joblib": "d195dc0c2b829247a5364e1bfd42d0171d5ed6171998627af321698807713b5e",
    "paragraphs.joblib": "d07964b47b2b1d8fc6d8d523f244e3248c3414672550c9786e1c2f5d9319be24",
}
